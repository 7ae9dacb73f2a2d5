//! Numbers, money and dates in the interface language: pl-PL or English (en-GB) formats.

import type { Money } from "../platform/contract";
import type { Lang } from "./I18n";

const tag = (lang: Lang) => (lang === "pl" ? "pl-PL" : "en-GB");
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `1 234,56 zł` in Polish, `PLN 1,234.56` in English. Minor units are divided only here. */
export function formatMoney(m: Money, lang: Lang, opts: { whole?: boolean } = {}): string {
  const key = `${lang}|${m.currency}|${opts.whole ? 1 : 0}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag(lang), {
      style: "currency",
      currency: m.currency,
      // Polish leaves 4-digit amounts ungrouped by default; money reads better grouped.
      useGrouping: "always" as unknown as boolean,
      ...(opts.whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, f);
  }
  return f.format(m.minor / 100);
}

/** Several amounts (one per currency), joined. */
export function formatMoneyList(list: Money[], lang: Lang, opts: { whole?: boolean } = {}): string {
  if (!list.length) return formatMoney({ minor: 0, currency: "PLN" }, lang, opts);
  return list.map((m) => formatMoney(m, lang, opts)).join(" + ");
}

/** Adds amounts of one currency in integer minor units. */
export function sumMinor(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(tag(lang)).format(n);
}

/** A calendar date `YYYY-MM-DD` (no time zone shift). */
export function formatDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(tag(lang), { day: "numeric", month: "short", year: "numeric" }).format(new Date(y, m - 1, d));
}

/** A day in running text, the month written out: `16 marca 2026` / `16 March 2026`. */
export function formatLongDate(iso: string | null, lang: Lang): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(tag(lang), { day: "numeric", month: "long", year: "numeric" }).format(new Date(y, m - 1, d));
}

export function formatDateTime(ms: number | null, lang: Lang): string {
  if (ms === null) return "";
  return new Intl.DateTimeFormat(tag(lang), { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
}

export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(tag(lang), { hour: "2-digit", minute: "2-digit" }).format(new Date(ms));
}

/** `2026-12` → `gru 2026` / `Dec 2026`. */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(tag(lang), { month: "short", year: "numeric" }).format(new Date(y, m - 1, 1));
}

export function formatMonthShort(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(tag(lang), { month: "short" }).format(new Date(y, m - 1, 1));
}

/** Bytes in decimal units (kB, MB, GB), as the server counts the file quota. */
export function formatBytes(n: number, lang: Lang): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${new Intl.NumberFormat(tag(lang), { maximumFractionDigits: i ? 1 : 0 }).format(v)} ${units[i]}`;
}

/** Today as `YYYY-MM-DD` in local time. */
export function todayIso(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Parses a typed amount (`1 234,56`, `1234.5`) into minor units; `null` when not a number. */
export function parseAmount(typed: string): number | null {
  const s = typed.replace(/[\s\u00a0]/g, "").replace(/zł|pln|eur|€/gi, "").replace(",", ".");
  if (!/^-?\d+(\.\d{0,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const minor = Number(whole) * 100 + Number((frac + "00").slice(0, 2));
  return s.startsWith("-") ? -minor : minor;
}
