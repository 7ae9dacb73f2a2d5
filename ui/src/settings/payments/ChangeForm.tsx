//! Changing plan, seats or storage while a paid term runs. Every change asks the server what
//! it is: an upgrade shows its prorated quote line by line and is paid like a renewal (it
//! applies at once); a downgrade shows the day it takes effect and is scheduled, free.

import { useEffect, useState } from "react";
import type { AccountView, ChangeOutcome, ChangeQuote, PaymentMethod, Plan, PlanView } from "../../platform/contract";
import { toAppError } from "../../platform/types";
import { usePlatform } from "../../app/context";
import { errorText, useT, type I18n, type MsgKey } from "../../i18n/I18n";
import { QuoteView } from "./QuoteView";
import { BuyerFields, buyerComplete, type BuyerForm } from "./BuyerFields";

const PLANS: Plan[] = ["crm", "crm_automation"];

function outcomeText(i18n: I18n, o: ChangeOutcome): { text: string; status: string } {
  const plan = o.plan?.plan ? i18n.t(`pay.planName.${o.plan.plan}` as MsgKey) : "";
  const p = o.payment;
  if (!p) return { text: i18n.t("pay.scheduledDone", { plan, date: i18n.date(o.effective) }), status: "scheduled" };
  switch (p.status) {
    case "paid":
      return { text: i18n.t("pay.upgraded", { number: p.invoice_number }), status: "paid" };
    case "pending":
      return { text: i18n.t("pay.pending", { number: p.proforma_number }), status: "pending" };
    case "failed":
      return { text: i18n.t("pay.failed"), status: "failed" };
  }
}

export function ChangeForm(props: { plan: PlanView; account: AccountView; onChanged(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { plan: current } = props;
  const minSeats = Math.max(1, props.account.seats_used);
  const [target, setTarget] = useState({ plan: current.plan ?? "crm", seats: current.seats, packs: current.packs });
  const [buyer, setBuyer] = useState<BuyerForm>({ company: props.account.name, address: "", nip: "", invoice_email: "" });
  const [method, setMethod] = useState<PaymentMethod>("online");
  const [quote, setQuote] = useState<ChangeQuote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ChangeOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const same = target.plan === current.plan && target.seats === current.seats && target.packs === current.packs;
  const key = JSON.stringify(target);
  useEffect(() => {
    setQuote(null);
    setQuoteError(null);
    if (same) return;
    let live = true;
    const timer = setTimeout(() => {
      platform.invoke("billing_change_quote", JSON.parse(key)).then(
        (q) => live && setQuote(q),
        (e) => live && setQuoteError(errorText(i18n, toAppError(e))),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [platform, key, same, i18n]);

  const upgrade = quote?.kind === "upgrade";
  const canSubmit = Boolean(quote) && !busy && (!upgrade || buyerComplete(buyer));
  const submit = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const o = await platform.invoke("change_plan", {
        ...target,
        buyer: upgrade ? buyer : null,
        method,
        test_outcome: null,
        lang: i18n.lang,
      });
      setOutcome(o);
      if (o.payment?.status !== "failed") props.onChanged();
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    } finally {
      setBusy(false);
    }
  };
  const num = (k: "seats" | "packs", min: number, max: number) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const n = Math.trunc(Number(e.target.value));
    setTarget((f) => ({ ...f, [k]: Number.isFinite(n) ? Math.min(Math.max(n, min), max) : min }));
  };
  const shown = outcome ? outcomeText(i18n, outcome) : null;

  return (
    <section className="panel" data-testid="change">
      <h2>{t("pay.change")}</h2>
      <p className="muted">{t("pay.changeHint")}</p>
      <form
        className="renew-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) void submit();
        }}
      >
        <label className="field">
          <span>{t("pay.plan")}</span>
          <select data-testid="change-plan" value={target.plan} onChange={(e) => setTarget((f) => ({ ...f, plan: e.target.value as Plan }))}>
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`pay.plan.${p}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("pay.seats")}</span>
          <input data-testid="change-seats" type="number" min={minSeats} max={10000} value={target.seats} onChange={num("seats", minSeats, 10000)} />
        </label>
        <label className="field">
          <span>{t("pay.packs")}</span>
          <input data-testid="change-packs" type="number" min={0} max={1000} value={target.packs} onChange={num("packs", 0, 1000)} />
        </label>
        {same && <p className="muted">{t("pay.changeSame")}</p>}
        {quoteError && <p className="form-error" role="alert" data-testid="change-quote-error">{quoteError}</p>}
        {quote && !upgrade && (
          <p className="notice" data-testid="change-downgrade">
            {t("pay.changeDowngrade", { date: i18n.date(quote.effective) })}
          </p>
        )}
        {quote && upgrade && (
          <>
            <p className="notice" data-testid="change-upgrade">{t("pay.changeUpgrade")}</p>
            {quote.quote && <QuoteView quote={quote.quote} />}
            <BuyerFields prefix="change" value={buyer} onChange={(k, v) => setBuyer((b) => ({ ...b, [k]: v }))} />
            <fieldset className="field">
              <legend>{t("pay.method")}</legend>
              {(["online", "transfer"] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name="change-method" data-testid={`change-method-${m}`} checked={method === m} onChange={() => setMethod(m)} /> {t(`pay.method.${m}` as MsgKey)}
                </label>
              ))}
            </fieldset>
          </>
        )}
        {quote && (
          <button type="submit" className="btn primary" data-testid="change-submit" disabled={!canSubmit}>
            {busy
              ? t("pay.paying")
              : upgrade
                ? t("pay.pay", { amount: quote.quote ? i18n.money(quote.quote.gross) : "" })
                : t("pay.schedule", { date: i18n.date(quote.effective) })}
          </button>
        )}
        {error && <p className="form-error" role="alert" data-testid="change-error">{error}</p>}
        {shown && (
          <p className={shown.status === "failed" ? "form-error" : "notice"} role="status" data-testid="change-outcome" data-status={shown.status}>
            {shown.text}
          </p>
        )}
      </form>
    </section>
  );
}
