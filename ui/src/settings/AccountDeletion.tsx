//! Deleting the company account on request: admins ask (password + the account's name typed
//! again), everyone sees when the data goes, admins can cancel until then.

import { useEffect, useState } from "react";
import type { DeletionView } from "../platform/contract";
import { usePlatform, useSession } from "../app/context";
import { useT } from "../i18n/I18n";
import { FormError } from "../auth/FormError";
import { useSubmit } from "../auth/useSubmit";

export function AccountDeletion() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const admin = session.user.role === "admin";
  const [view, setView] = useState<DeletionView | null>(null);
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const { busy, error, run } = useSubmit();

  useEffect(() => {
    // Offline the schedule cannot be read; the section then shows only what it can.
    platform.invoke("account_deletion", null).then(setView, () => setView(null));
  }, [platform]);

  const when = (iso: string | null) => (iso ? i18n.date(iso.slice(0, 10)) : "");

  if (view?.deletes_at) {
    return (
      <div className="deletion scheduled" data-testid="deletion-scheduled" role="status">
        <p className="notice danger">
          {t("deletion.scheduled", { date: when(view.deletes_at) })} {t("deletion.backups", { date: when(view.backups_gone_at) })}
        </p>
        {admin && (
          <>
            <button type="button" className="btn" disabled={busy} data-testid="deletion-cancel" onClick={() => void run(async () => setView(await platform.invoke("cancel_deletion", null)))}>
              {t("deletion.cancel")}
            </button>
            <FormError error={error} />
          </>
        )}
      </div>
    );
  }
  if (!admin) return null;
  if (!asking) {
    return (
      <div className="deletion">
        <button type="button" className="btn danger subtle" data-testid="deletion-start" onClick={() => setAsking(true)}>
          {t("deletion.start")}
        </button>
      </div>
    );
  }
  return (
    <form
      className="deletion ask"
      data-testid="deletion-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          setView(await platform.invoke("request_deletion", { password, account_name: name }));
          setAsking(false);
          setPassword("");
        });
      }}
    >
      <h3>{t("deletion.title")}</h3>
      <p>{t("deletion.explain", { days: view?.delay_days ?? 7, backupDays: view?.backup_days ?? 30 })}</p>
      <p className="muted">{t("deletion.exportFirst")}</p>
      <label className="field">
        <span>{t("deletion.typeName", { name: session.account.name })}</span>
        <input data-testid="deletion-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" aria-invalid={error?.code === "invalid" || undefined} />
      </label>
      <label className="field">
        <span>{t("settings.currentPassword")}</span>
        <input type="password" data-testid="deletion-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" aria-invalid={error?.code === "wrong_password" || undefined} />
      </label>
      <FormError error={error} />
      <div className="row">
        <button type="submit" className="btn danger" disabled={busy || !password || name.trim() !== session.account.name} data-testid="deletion-confirm">
          {t("deletion.confirm")}
        </button>
        <button type="button" className="btn" onClick={() => setAsking(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
