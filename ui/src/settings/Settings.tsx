//! Settings: profile (language, password), the company account, coworkers, pipelines,
//! custom fields, data (import and its history), duplicates, payments, automation rules, sign-out.

import { useState } from "react";
import type { Locale } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { pendingOf } from "../app/SyncIndicator";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { Dialog } from "../ui/Dialog";
import { PasswordForm } from "./PasswordForm";
import { Coworkers } from "./Coworkers";
import { Pipelines } from "./Pipelines";
import { CustomFields } from "./CustomFields";
import { Payments } from "./payments/Payments";
import { Automation } from "./Automation";
import { AccountDeletion } from "./AccountDeletion";
import { StorageUsage } from "./StorageUsage";
import { navigate } from "../app/router";
import { EditGroup } from "../app/readOnly";
import { DataSettings } from "../data/DataSettings";
import { Duplicates } from "../data/Duplicates";

const TABS = ["profile", "coworkers", "pipelines", "fields", "data", "duplicates", "payments", "automation"] as const;
type Tab = (typeof TABS)[number];

export function Settings(props: { tab?: string | null; locale: Locale | null; setLocale(l: Locale | null): Promise<void>; onSignedOut(): void }) {
  const tab: Tab = (TABS as readonly string[]).includes(props.tab ?? "") ? (props.tab as Tab) : "profile";
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session, status } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = pendingOf(status);
  const account = session.account;

  const signOut = async () => {
    try {
      await platform.invoke("sign_out", null);
      props.onSignedOut();
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    }
  };

  return (
    <section className="screen settings">
      <header className="screen-head">
        <div className="title-row">
          <h1>{t("settings.title")}</h1>
        </div>
        <nav className="tabs" role="tablist" aria-label={t("settings.title")}>
          {TABS.map((x) => (
            <a
              key={x}
              href={`#/settings/${x}`}
              role="tab"
              aria-selected={x === tab}
              className={`tab${x === tab ? " active" : ""}`}
              data-testid={`settings-tab-${x}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/settings/${x}`);
              }}
            >
              {t(`settings.tab.${x}` as MsgKey)}
            </a>
          ))}
        </nav>
      </header>
      {tab === "coworkers" && <Coworkers />}
      {tab === "pipelines" && (
        <EditGroup>
          <Pipelines />
        </EditGroup>
      )}
      {tab === "fields" && <CustomFields />}
      {tab === "data" && <DataSettings />}
      {tab === "duplicates" && <Duplicates />}
      {tab === "payments" && <Payments />}
      {tab === "automation" && <Automation />}
      {tab === "profile" && (
      <div className="settings-grid">
        <section className="panel">
          <h2>{t("settings.profile")}</h2>
          <p className="profile">
            <strong>{session.user.name}</strong>
            <span className="muted">{session.user.email}</span>
            <span className="badge">{t(`role.${session.user.role}` as MsgKey)}</span>
          </p>
          <label className="field">
            <span>{t("settings.language")}</span>
            <select data-testid="language-select" value={props.locale ?? i18n.lang} onChange={(e) => void props.setLocale(e.target.value as Locale)}>
              <option value="pl">{t("lang.pl")}</option>
              <option value="en">{t("lang.en")}</option>
            </select>
          </label>
          <h3>{t("settings.password")}</h3>
          <PasswordForm />
        </section>
        <section className="panel">
          <h2>{t("settings.account")}</h2>
          <dl className="facts">
            <div>
              <dt>{t("field.name")}</dt>
              <dd>{account.name}</dd>
            </div>
            <div>
              <dt>{t("col.status")}</dt>
              <dd>
                <span className={`badge ${account.status === "blocked" ? "danger" : account.status === "trial" ? "warn" : "success"}`}>
                  {["trial", "active", "blocked"].includes(account.status) ? t(`settings.status.${account.status}` as MsgKey) : account.status}
                </span>
                {account.status === "trial" && <span className="muted"> {t("settings.trialEnds", { date: i18n.date(account.trial_ends.slice(0, 10)) })}</span>}
              </dd>
            </div>
            <div>
              <dt>{t("settings.seat")}</dt>
              <dd>{t("settings.seats", { used: account.seats_used, total: account.seats })}</dd>
            </div>
          </dl>
          <p>
            <a href="#/settings/coworkers" onClick={(e) => { e.preventDefault(); navigate("/settings/coworkers"); }}>
              {t("settings.manageCoworkers")} →
            </a>
          </p>
          <div className="signout-row">
            <button type="button" className="btn danger" data-testid="signout" onClick={() => (pending > 0 ? setConfirming(true) : void signOut())}>
              {t("settings.signout")}
            </button>
            {error && <p className="form-error" role="alert">{error}</p>}
          </div>
          <AccountDeletion />
        </section>
        <StorageUsage />
      </div>
      )}
      {confirming && (
        <Dialog title={t("settings.signout")} onClose={() => setConfirming(false)}>
          <p>{t("settings.signoutPending", { n: pending })}</p>
          <footer className="dialog-actions">
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </button>
            <button type="button" className="btn danger" data-testid="signout-confirm" onClick={() => void signOut()}>
              {t("settings.signoutConfirm")}
            </button>
          </footer>
        </Dialog>
      )}
    </section>
  );
}
