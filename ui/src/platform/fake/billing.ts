//! Billing as the sync server does it (`crates/core/src/billing/`, `docs/api.md` "Billing"):
//! quotes with a line per part and its arithmetic, renewals through the test provider, and
//! the invoice history with gapless numbers.

import type {
  AppError,
  ChangeOutcome,
  ChangeQuote,
  ChangeRequest,
  InvoiceSummary,
  Money,
  Plan,
  PlanChangeRequest,
  PlanView,
  Quote,
  QuoteLine,
  QuoteRequest,
  RenewalOutcome,
  RenewalRequest,
} from "../contract";
import { newId } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });
const PRICE: Record<Plan, number> = { crm: 5_900, crm_automation: 9_900 };
const GB_PER_SEAT: Record<Plan, number> = { crm: 3, crm_automation: 8 };
const NAME: Record<Plan, [string, string]> = { crm: ["Localspace CRM", "Localspace CRM"], crm_automation: ["Localspace CRM + automatyzacja", "Localspace CRM + automation"] };
const PACK = 2_000;
const VAT = 23;

const ROUNDING_PL = "Każdą pozycję zaokrąglono do grosza (od 0,5 gr w górę); VAT 23% liczono od netto pozycji; sumy to sumy zaokrąglonych pozycji.";
const ROUNDING_EN = "Each line is rounded half-up to the grosz; VAT 23% is computed on each line's net; totals are sums of the rounded lines.";
const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
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
  plan: PlanView = { plan: null, seats: 5, packs: 0, paid_until: null, quota_gb: 40, scheduled: null };
  /** The last renewal's first day and months: what an upgrade is prorated against. */
  term: { first: string; months: number } | null = null;
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
      rounding_pl: ROUNDING_PL,
      rounding_en: ROUNDING_EN,
      change: null,
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
    const paidUntil = addMonths(from, req.months);
    this.term = { first: from, months: req.months };
    this.plan = { plan: req.plan, seats: req.seats, packs: req.packs, paid_until: paidUntil, quota_gb: q.quota_gb, scheduled: null };
    return { status: "paid", invoice_number: number, paid_until: paidUntil, gross: q.gross };
  }

  /** A mid-term change as the server prices it (`billing/change.rs`). */
  changeQuote(req: ChangeRequest): ChangeQuote {
    const today = this.today();
    const p = this.plan;
    if (!p.plan || !p.paid_until || p.paid_until < today || !this.term) throw err("no_paid_term", "no paid term to change");
    if (req.seats < 1 || req.seats > 10_000) throw err("invalid", "`seats` is not valid");
    const order = (plan: Plan) => (plan === "crm" ? 0 : 1);
    const parts = [Math.sign(order(req.plan) - order(p.plan)), Math.sign(req.seats - p.seats), Math.sign(req.packs - p.packs)];
    const up = parts.includes(1);
    const down = parts.includes(-1);
    if (up && down) throw err("mixed_change", "raise and lower separately");
    if (!up && !down) throw err("no_change", "nothing changes");
    if (req.seats < this.seatsUsed()) throw err("seats_below_used", "fewer seats than users holding one");
    if (down) return { kind: "downgrade", effective: isoOf(dayNumber(p.paid_until) + 1), quote: null };
    const months = this.term.months;
    const days = dayNumber(p.paid_until) - dayNumber(this.term.first) + 1;
    const left = Math.max(0, dayNumber(p.paid_until) - dayNumber(today) + 1);
    const prorate = (full: number) => Math.floor((full * left * 2 + days) / (days * 2));
    const mPl = pluralPl(months, "miesiąc", "miesiące", "miesięcy");
    const mEn = pluralEn(months, "month", "months");
    const sharePl = `${left} z ${days} ${pluralPl(days, "dnia", "dni", "dni")} okresu`;
    const shareEn = `${left} of ${days} ${pluralEn(days, "day", "days")} of the term`;
    const lines: QuoteLine[] = [];
    if (req.plan !== p.plan) {
      const diff = PRICE[req.plan] - PRICE[p.plan];
      const s = p.seats;
      const sPl = pluralPl(s, "stanowisko", "stanowiska", "stanowisk");
      const sEn = pluralEn(s, "seat", "seats");
      lines.push(line("upgrade", [`Zmiana planu na ${NAME[req.plan][0]} – ${s} ${sPl}, ${sharePl}`, `Upgrade to ${NAME[req.plan][1]} – ${s} ${sEn}, ${shareEn}`], s * months, diff, prorate(diff * s * months), [
        `(${amountPl(PRICE[req.plan])} − ${amountPl(PRICE[p.plan])}) × ${s} ${sPl} × ${months} ${mPl} × ${left}/${days}`,
        `(${amountEn(PRICE[req.plan])} − ${amountEn(PRICE[p.plan])}) × ${s} ${sEn} × ${months} ${mEn} × ${left}/${days}`,
      ]));
    }
    if (req.seats > p.seats) {
      const added = req.seats - p.seats;
      const sPl = pluralPl(added, "stanowisko", "stanowiska", "stanowisk");
      const sEn = pluralEn(added, "seat", "seats");
      const price = PRICE[req.plan];
      lines.push(line("seats", [`${NAME[req.plan][0]} – dodatkowe ${added} ${sPl}, ${sharePl}`, `${NAME[req.plan][1]} – ${added} more ${sEn}, ${shareEn}`], added * months, price, prorate(price * added * months), [
        `${amountPl(price)} × ${added} ${sPl} × ${months} ${mPl} × ${left}/${days}`,
        `${amountEn(price)} × ${added} ${sEn} × ${months} ${mEn} × ${left}/${days}`,
      ]));
    }
    const discount = discountPercent(months);
    const base = lines.reduce((sum, l) => sum + l.net.minor, 0);
    if (discount > 0 && lines.length > 0)
      lines.push(line("discount", [`Rabat ${discount}% za okres ${months} ${mPl}`, `Discount ${discount}% for a ${months}-month term`], 1, base, -percent(base, discount), [
        `−${discount}% × ${amountPl(base)}`,
        `−${discount}% × ${amountEn(base)}`,
      ]));
    if (req.packs > p.packs) {
      const added = req.packs - p.packs;
      const pPl = pluralPl(added, "pakiet", "pakiety", "pakietów");
      const pEn = pluralEn(added, "pack", "packs");
      lines.push(line("storage", [`Dodatkowe miejsce na pliki – ${added} ${pPl} po 10 GB, ${sharePl}`, `Extra file storage – ${added} more ${pEn} of 10 GB, ${shareEn}`], added * months, PACK, prorate(PACK * added * months), [
        `${amountPl(PACK)} × ${added} ${pPl} × ${months} ${mPl} × ${left}/${days}`,
        `${amountEn(PACK)} × ${added} ${pEn} × ${months} ${mEn} × ${left}/${days}`,
      ]));
    }
    const sum = (f: (l: QuoteLine) => number) => pln(lines.reduce((acc, l) => acc + f(l), 0));
    const quote: Quote = {
      plan: req.plan, seats: req.seats, months, packs: req.packs,
      discount_percent: discount,
      vat_percent: VAT,
      quota_gb: req.seats * GB_PER_SEAT[req.plan] + req.packs * 10,
      lines,
      net: sum((l) => l.net.minor),
      vat: sum((l) => l.vat.minor),
      gross: sum((l) => l.gross.minor),
      rounding_pl: ROUNDING_PL,
      rounding_en: ROUNDING_EN,
      change: {
        kind: "upgrade", from_plan: p.plan, from_seats: p.seats, from_packs: p.packs,
        term_first_day: this.term.first, term_last_day: p.paid_until, effective: today, days_left: left, days_in_term: days,
      },
    };
    return { kind: "upgrade", effective: today, quote };
  }

  change(req: PlanChangeRequest): ChangeOutcome {
    const q = this.changeQuote({ plan: req.plan, seats: req.seats, packs: req.packs });
    if (q.kind === "downgrade") {
      this.plan = { ...this.plan, scheduled: { plan: req.plan, seats: req.seats, packs: req.packs, from: q.effective } };
      return { kind: "downgrade", effective: q.effective, payment: null, plan: this.plan };
    }
    if (!req.buyer) throw err("invalid", "`buyer` is required for an upgrade");
    const gross = q.quote!.gross;
    if (req.test_outcome === "failure") return { kind: "upgrade", effective: "", payment: { status: "failed", code: "payment_failed", message: "declined" }, plan: null };
    const today = this.today();
    if (req.method === "transfer" || req.test_outcome === "pending") {
      const number = this.issue("PF", today, gross, "awaiting_payment");
      return { kind: "upgrade", effective: q.effective, payment: { status: "pending", proforma_number: number, gross }, plan: this.plan };
    }
    const number = this.issue("FV", today, gross, "paid");
    this.plan = { ...this.plan, plan: req.plan, seats: req.seats, packs: req.packs, quota_gb: q.quote!.quota_gb, scheduled: null };
    return { kind: "upgrade", effective: q.effective, payment: { status: "paid", invoice_number: number, paid_until: this.plan.paid_until, gross }, plan: this.plan };
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
