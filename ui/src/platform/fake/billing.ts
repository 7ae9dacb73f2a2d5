//! Billing as the sync server does it (`crates/core/src/billing/`, `docs/api.md` "Billing"):
//! quotes with a line per part and its arithmetic, renewals through the test provider, and
//! the invoice history with gapless numbers.

import type { AppError, InvoiceSummary, Money, Plan, PlanView, Quote, QuoteLine, QuoteRequest, RenewalOutcome, RenewalRequest } from "../contract";
import { newId } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });
const PRICE: Record<Plan, number> = { crm: 5_900, crm_automation: 9_900 };
const GB_PER_SEAT: Record<Plan, number> = { crm: 3, crm_automation: 8 };
const NAME: Record<Plan, [string, string]> = { crm: ["Localspace CRM", "Localspace CRM"], crm_automation: ["Localspace CRM + automatyzacja", "Localspace CRM + automation"] };
const PACK = 2_000;
const VAT = 23;

const pln = (minor: number): Money => ({ minor, currency: "PLN" });
/** `percent`% of `minor`, rounded half away from zero, as `Money::percent`. */
const percent = (minor: number, p: number) => Math.sign(minor) * Math.round((Math.abs(minor) * p) / 100);
const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const amountPl = (g: number) => `${g < 0 ? "-" : ""}${group(Math.trunc(Math.abs(g) / 100), "\u00a0")},${String(Math.abs(g) % 100).padStart(2, "0")}\u00a0zł`;
const amountEn = (g: number) => `${g < 0 ? "-" : ""}PLN ${group(Math.trunc(Math.abs(g) / 100), ",")}.${String(Math.abs(g) % 100).padStart(2, "0")}`;
const pluralPl = (n: number, one: string, few: string, many: string) =>
  n === 1 ? one : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? few : many;
const pluralEn = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function discountPercent(months: number): number {
  return months >= 24 ? 15 : months >= 12 ? 10 : months >= 7 ? 5 : 0;
}

function line(kind: QuoteLine["kind"], names: [string, string], quantity: number, unit: number, net: number, how: [string, string]): QuoteLine {
  const vat = percent(net, VAT);
  const gross = net + vat;
  return {
    kind,
    name_pl: names[0],
    name_en: names[1],
    quantity,
    unit_net: pln(unit),
    net: pln(net),
    vat: pln(vat),
    gross: pln(gross),
    arithmetic_pl: `${how[0]} = ${amountPl(net)} netto; VAT ${VAT}%: ${amountPl(vat)}; brutto: ${amountPl(gross)}`,
    arithmetic_en: `${how[1]} = ${amountEn(net)} net; VAT ${VAT}%: ${amountEn(vat)}; gross: ${amountEn(gross)}`,
  };
}

/** 10 digits whose weighted sum mod 11 is the last one. */
function nipValid(nip: string): boolean {
  const d = nip.replace(/^PL/i, "").replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(d)) return false;
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = w.reduce((s, x, i) => s + x * Number(d[i]), 0);
  return sum % 11 === Number(d[9]);
}

export class Billing {
  plan: PlanView = { plan: null, seats: 5, packs: 0, paid_until: null, quota_gb: 40 };
  invoices: InvoiceSummary[] = [];
  private numbers = new Map<string, number>();

  constructor(
    private seatsUsed: () => number,
    private today: () => string,
  ) {}

  quote(req: QuoteRequest): Quote {
    const invalid = (field: string) => err("invalid", `\`${field}\` is not valid`);
    if (!(req.plan in PRICE)) throw err("invalid", `unknown plan ${req.plan}`);
    if (req.months < 1 || req.months > 36) throw invalid("months");
    if (req.seats < 1 || req.seats > 10_000) throw invalid("seats");
    if (req.packs > 1_000) throw invalid("packs");
    if (!req.buyer.company.trim()) throw invalid("buyer.company");
    if (!req.buyer.address.trim()) throw invalid("buyer.address");
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(req.buyer.invoice_email.trim())) throw invalid("buyer.invoice_email");
    if (!nipValid(req.buyer.nip)) throw err("bad_nip", "the NIP is not valid");
    if (req.seats < this.seatsUsed()) throw err("seats_below_used", "fewer seats than users holding one");
    const { plan, seats, months, packs } = req;
    const mPl = pluralPl(months, "miesiąc", "miesiące", "miesięcy");
    const mEn = pluralEn(months, "month", "months");
    const sPl = pluralPl(seats, "stanowisko", "stanowiska", "stanowisk");
    const sEn = pluralEn(seats, "seat", "seats");
    const planNet = PRICE[plan] * seats * months;
    const lines = [
      line("plan", [`${NAME[plan][0]} – ${seats} ${sPl} × ${months} ${mPl}`, `${NAME[plan][1]} – ${seats} ${sEn} × ${months} ${mEn}`], seats * months, PRICE[plan], planNet, [
        `${amountPl(PRICE[plan])} × ${seats} ${sPl} × ${months} ${mPl}`,
        `${amountEn(PRICE[plan])} × ${seats} ${sEn} × ${months} ${mEn}`,
      ]),
    ];
    const discount = discountPercent(months);
    if (discount > 0)
      lines.push(line("discount", [`Rabat ${discount}% za okres ${months} ${mPl}`, `Discount ${discount}% for a ${months}-month term`], 1, planNet, -percent(planNet, discount), [
        `−${discount}% × ${amountPl(planNet)}`,
        `−${discount}% × ${amountEn(planNet)}`,
      ]));
    if (packs > 0) {
      const pPl = pluralPl(packs, "pakiet", "pakiety", "pakietów");
      const pEn = pluralEn(packs, "pack", "packs");
      lines.push(line("storage", [`Dodatkowe miejsce na pliki – ${packs} ${pPl} po 10 GB × ${months} ${mPl}`, `Extra file storage – ${packs} ${pEn} of 10 GB × ${months} ${mEn}`], packs * months, PACK, PACK * packs * months, [
        `${amountPl(PACK)} × ${packs} ${pPl} × ${months} ${mPl}`,
        `${amountEn(PACK)} × ${packs} ${pEn} × ${months} ${mEn}`,
      ]));
    }
    const sum = (f: (l: QuoteLine) => number) => pln(lines.reduce((s, l) => s + f(l), 0));
    return {
      plan, seats, months, packs,
      discount_percent: discount,
      vat_percent: VAT,
      quota_gb: seats * GB_PER_SEAT[plan] + packs * 10,
      lines,
      net: sum((l) => l.net.minor),
      vat: sum((l) => l.vat.minor),
      gross: sum((l) => l.gross.minor),
      rounding_pl: "Każdą pozycję zaokrąglono do grosza (od 0,5 gr w górę); VAT 23% liczono od netto pozycji; sumy to sumy zaokrąglonych pozycji.",
      rounding_en: "Each line is rounded half-up to the grosz; VAT 23% is computed on each line's net; totals are sums of the rounded lines.",
    };
  }

  renew(req: RenewalRequest): RenewalOutcome {
    const q = this.quote({ plan: req.plan, seats: req.seats, months: req.months, packs: req.packs, buyer: req.buyer });
    if (req.test_outcome === "failure") return { status: "failed", code: "payment_failed", message: "the payment was declined" };
    const today = this.today();
    if (req.method === "transfer" || req.test_outcome === "pending") {
      const number = this.issue("PF", today, q.gross, "awaiting_payment");
      return { status: "pending", proforma_number: number, gross: q.gross };
    }
    const number = this.issue("FV", today, q.gross, "paid");
    const from = this.plan.paid_until && this.plan.paid_until > today ? this.plan.paid_until : today;
    const end = new Date(`${from}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + req.months);
    const paidUntil = end.toISOString().slice(0, 10);
    this.plan = { plan: req.plan, seats: req.seats, packs: req.packs, paid_until: paidUntil, quota_gb: q.quota_gb };
    return { status: "paid", invoice_number: number, paid_until: paidUntil, gross: q.gross };
  }

  private issue(kind: "FV" | "PF", today: string, gross: Money, status: string): string {
    const month = `${today.slice(0, 4)}/${today.slice(5, 7)}`;
    const key = `${kind}/${month}`;
    const n = (this.numbers.get(key) ?? 0) + 1;
    this.numbers.set(key, n);
    const number = `${key}/${String(n).padStart(4, "0")}`;
    this.invoices.unshift({ id: newId(), number, kind: kind === "FV" ? "vat" : "proforma", issue_date: today, gross, status });
    return number;
  }

  /** Where the desktop would save the PDF. */
  pdfPath(id: string): string {
    const inv = this.invoices.find((i) => i.id === id);
    if (!inv) throw err("not_found", "no such invoice");
    return `/home/anna/Pobrane/${inv.number.replace(/\//g, "-")}.pdf`;
  }
}
