//! A deal's page: the record page plus revenue and cost lines with totals and margin, and
//! Won / Lost (lost asks why) or Reopen.

import { useState } from "react";
import type { Line, Money, RecordPage as Page } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { errorText, useT } from "../i18n/I18n";
import { Dialog } from "../ui/Dialog";
import { RecordPage } from "../records/RecordPage";
import { LinesEditor, totals } from "./Lines";

function linesOf(page: Page, key: string): Line[] {
  const v = page.view.record.fields[key]?.value;
  return v && v.type === "lines" ? v.value : [];
}

function text(page: Page, key: string): string {
  const v = page.view.record.fields[key]?.value;
  return v && v.type === "text" ? v.value : "";
}

export function DealPage({ id }: { id: string }) {
  return <RecordPage id={id} actions={(page, reload) => <CloseButtons page={page} reload={reload} />} extra={(page, reload) => <DealMoney page={page} reload={reload} />} />;
}

function CloseButtons({ page, reload }: { page: Page; reload(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const status = text(page, "status") || "open";
  const id = page.view.record.id;

  const close = async (s: string, why: string | null) => {
    try {
      await platform.invoke("close_deal", { id, status: s, reason: why });
      setAsking(false);
      setReason("");
      reload();
    } catch (e) {
      const err = toAppError(e);
      if (asking) setError(errorText(i18n, err));
      else toast({ text: errorText(i18n, err), tone: "error" });
    }
  };

  return (
    <>
      {status === "won" && <span className="badge success" data-testid="deal-status">{t("deals.statusWon")}</span>}
      {status === "lost" && <span className="badge danger" data-testid="deal-status">{t("deals.statusLost", { reason: text(page, "lost_reason") })}</span>}
      {status === "open" ? (
        <>
          <button type="button" className="btn success" data-testid="deal-won" onClick={() => void close("won", null)}>
            ✓ {t("deals.won")}
          </button>
          <button type="button" className="btn danger" data-testid="deal-lost" onClick={() => setAsking(true)}>
            ✕ {t("deals.lost")}
          </button>
        </>
      ) : (
        <button type="button" className="btn" data-testid="deal-reopen" onClick={() => void close("open", null)}>
          {t("deals.reopen")}
        </button>
      )}
      {asking && (
        <Dialog title={t("deals.markLost")} onClose={() => setAsking(false)}>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (!reason.trim()) {
                setError(t("error.reason_required"));
                return;
              }
              void close("lost", reason.trim());
            }}
          >
            <label className="field">
              <span>{t("deals.lostReason")}</span>
              <input data-testid="lost-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-required="true" />
            </label>
            {error && (
              <p className="form-error" role="alert" data-testid="form-error">
                {error}
              </p>
            )}
            <footer className="dialog-actions">
              <button type="button" className="btn" onClick={() => setAsking(false)}>
                {t("common.cancel")}
              </button>
              <button type="submit" className="btn danger" data-testid="lost-submit">
                {t("deals.markLost")}
              </button>
            </footer>
          </form>
        </Dialog>
      )}
    </>
  );
}

function DealMoney({ page, reload }: { page: Page; reload(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const revenues = linesOf(page, "revenues");
  const costs = linesOf(page, "costs");
  const value = page.view.record.fields.value?.value;
  const currency = value?.type === "money" ? value.value.currency : "PLN";
  const save = (key: string) => async (lines: Line[]) => {
    try {
      await platform.invoke("update_record", { id: page.view.record.id, patch: { fields: { [key]: lines.length ? { type: "lines", value: lines } : null }, custom: {} } });
      reload();
    } catch (e) {
      const err = toAppError(e);
      toast({ text: err.code === "invalid" ? err.message : errorText(i18n, err), tone: "error" });
    }
  };
  const rev = totals(revenues);
  const cost = totals(costs);
  const currencies = [...new Set([...rev, ...cost].map((m) => m.currency))];
  const margins: Money[] = currencies.map((c) => ({
    currency: c,
    minor: (rev.find((m) => m.currency === c)?.minor ?? 0) - (cost.find((m) => m.currency === c)?.minor ?? 0),
  }));
  const pct = (m: Money) => {
    const r = rev.find((x) => x.currency === m.currency)?.minor ?? 0;
    return r ? `${i18n.number(Math.round((m.minor * 1000) / r) / 10)}%` : "—";
  };

  return (
    <section className="panel deal-money">
      <div className="lines-grid">
        <LinesEditor title={t("deals.revenues")} lines={revenues} currency={currency} onSave={save("revenues")} testId="revenues" />
        <LinesEditor title={t("deals.costs")} lines={costs} currency={currency} onSave={save("costs")} testId="costs" />
      </div>
      <dl className="money-summary" data-testid="deal-margin">
        <div>
          <dt>{t("deals.totalRevenue")}</dt>
          <dd>{i18n.moneyList(rev)}</dd>
        </div>
        <div>
          <dt>{t("deals.totalCost")}</dt>
          <dd>{i18n.moneyList(cost)}</dd>
        </div>
        <div className="margin">
          <dt>{t("deals.margin")}</dt>
          <dd>{margins.length ? margins.map((m) => i18n.money(m)).join(" + ") : i18n.money({ minor: 0, currency })}</dd>
        </div>
        <div>
          <dt>{t("deals.marginPct")}</dt>
          <dd>{margins.length === 1 ? pct(margins[0]) : "—"}</dd>
        </div>
      </dl>
      {currencies.length > 1 && <p className="hint">{t("deals.mixedCurrencies")}</p>}
    </section>
  );
}
