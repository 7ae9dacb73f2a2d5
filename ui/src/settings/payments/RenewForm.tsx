//! The renewal form: plan, seats (no fewer than are in use), term, storage packs and the
//! buyer. Every change asks the server for a quote, so the price shown is the one charged;
//! paying answers paid (invoice), pending (pro-forma) or failed.

import { useEffect, useState } from "react";
import type { AccountView, PaymentMethod, Plan, PlanView, Quote, RenewalOutcome } from "../../platform/contract";
import { toAppError } from "../../platform/types";
import { usePlatform } from "../../app/context";
import { errorText, useT, type I18n, type MsgKey } from "../../i18n/I18n";
import { QuoteView } from "./QuoteView";
import { BuyerFields, buyerComplete } from "./BuyerFields";

const PLANS: Plan[] = ["crm", "crm_automation"];

interface Form {
  plan: Plan;
  seats: number;
  months: number;
  packs: number;
  company: string;
  address: string;
  nip: string;
  invoice_email: string;
  method: PaymentMethod;
}

function outcomeText(i18n: I18n, o: RenewalOutcome): string {
  switch (o.status) {
    case "paid":
      return i18n.t("pay.paid", { number: o.invoice_number, date: i18n.date(o.paid_until) });
    case "pending":
      return i18n.t("pay.pending", { number: o.proforma_number });
    case "failed":
      return i18n.t("pay.failed");
  }
}

export function RenewForm(props: { plan: PlanView | null; account: AccountView; onRenewed(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const minSeats = Math.max(1, props.account.seats_used);
  const [form, setForm] = useState<Form>({
    plan: props.plan?.plan ?? "crm",
    seats: Math.max(props.account.seats, minSeats),
    months: 12,
    packs: props.plan?.packs ?? 0,
    company: props.account.name,
    address: "",
    nip: "",
    invoice_email: "",
    method: "online",
  });
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const [outcome, setOutcome] = useState<RenewalOutcome | null>(null);
  const [payError, setPayError] = useState<string | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const order = {
    plan: form.plan,
    seats: form.seats,
    months: form.months,
    packs: form.packs,
    buyer: { company: form.company, address: form.address, nip: form.nip, invoice_email: form.invoice_email },
  };
  const key = JSON.stringify(order);
  const complete = buyerComplete(form);

  useEffect(() => {
    if (!complete) {
      setQuote(null);
      setQuoteError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      platform.invoke("billing_quote", JSON.parse(key)).then(
        (q) => {
          if (!live) return;
          setQuote(q);
          setQuoteError(null);
        },
        (e) => {
          if (!live) return;
          setQuote(null);
          setQuoteError(errorText(i18n, toAppError(e)));
        },
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [platform, key, complete, i18n]);

  const pay = async () => {
    setPaying(true);
    setPayError(null);
    setOutcome(null);
    try {
      const o = await platform.invoke("renew", { ...order, method: form.method, test_outcome: null, lang: i18n.lang });
      setOutcome(o);
      if (o.status !== "failed") props.onRenewed();
    } catch (e) {
      setPayError(errorText(i18n, toAppError(e)));
    } finally {
      setPaying(false);
    }
  };

  const num = (k: "seats" | "months" | "packs", min: number, max: number) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const n = Math.trunc(Number(e.target.value));
    set(k, Number.isFinite(n) ? Math.min(Math.max(n, min), max) : min);
  };

  return (
    <section className="panel">
      <h2>{t("pay.renew")}</h2>
      <form
        className="renew-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (quote && !paying) void pay();
        }}
      >
        <label className="field">
          <span>{t("pay.plan")}</span>
          <select data-testid="renew-plan" value={form.plan} onChange={(e) => set("plan", e.target.value as Plan)}>
            {PLANS.map((p) => (
              <option key={p} value={p}>
                {t(`pay.plan.${p}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("pay.seats")}</span>
          <input data-testid="renew-seats" type="number" min={minSeats} max={10000} value={form.seats} onChange={num("seats", minSeats, 10000)} />
          <small className="muted">{t("pay.seatsHint", { n: minSeats })}</small>
        </label>
        <label className="field">
          <span>{t("pay.months")}</span>
          <input data-testid="renew-months" type="number" min={1} max={36} value={form.months} onChange={num("months", 1, 36)} />
        </label>
        <label className="field">
          <span>{t("pay.packs")}</span>
          <input data-testid="renew-packs" type="number" min={0} max={1000} value={form.packs} onChange={num("packs", 0, 1000)} />
        </label>
        <BuyerFields prefix="renew" value={form} onChange={(k, v) => set(k, v)} />
        <fieldset className="field">
          <legend>{t("pay.method")}</legend>
          {(["online", "transfer"] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="method" data-testid={`renew-method-${m}`} checked={form.method === m} onChange={() => set("method", m)} /> {t(`pay.method.${m}` as MsgKey)}
            </label>
          ))}
        </fieldset>
        <h3>{t("pay.quote")}</h3>
        {!complete && <p className="muted">{t("pay.quoteHint")}</p>}
        {quoteError && <p className="form-error" role="alert" data-testid="quote-error">{quoteError}</p>}
        {quote && <QuoteView quote={quote} />}
        <button type="submit" className="btn primary" data-testid="renew-pay" disabled={!quote || paying}>
          {paying ? t("pay.paying") : t("pay.pay", { amount: quote ? i18n.money(quote.gross) : "" })}
        </button>
        {payError && <p className="form-error" role="alert" data-testid="renew-error">{payError}</p>}
        {outcome && (
          <p className={outcome.status === "failed" ? "form-error" : "notice"} role="status" data-testid="renew-outcome" data-status={outcome.status}>
            {outcomeText(i18n, outcome)}
          </p>
        )}
      </form>
    </section>
  );
}
