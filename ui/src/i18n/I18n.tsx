//! The language context: `useT()` gives the translate function and the formatters of the
//! current language. Polish by default on a Polish system unless the user chose otherwise.

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Locale, Money } from "../platform/contract";
import { en } from "./en";
import { pl, type MsgKey } from "./pl";
import * as fmt from "./format";

export type Lang = Locale;
export type { MsgKey };

const dictionaries: Record<Lang, Record<MsgKey, string>> = { pl, en };

/** The language to show: the user's choice, else the system's (Polish when it is Polish). */
export function pickLang(chosen: Locale | null, systemLanguage: string | undefined): Lang {
  if (chosen) return chosen;
  return systemLanguage?.toLowerCase().startsWith("pl") ? "pl" : "en";
}

type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  t(key: MsgKey, vars?: Vars): string;
  /** A counted phrase: `key` names the family (`list.count` → `.one`/`.few`/`.many`). */
  tn(family: PluralFamily, n: number): string;
  money(m: Money | null | undefined, opts?: { whole?: boolean }): string;
  moneyList(list: Money[], opts?: { whole?: boolean }): string;
  date(iso: string | null): string;
  /** A day in running text, the month written out. */
  longDate(iso: string | null): string;
  dateTime(ms: number | null): string;
  time(ms: number): string;
  month(m: string): string;
  /** The month's short name alone (`lis`, `Nov`). */
  monthShort(m: string): string;
  number(n: number): string;
  bytes(n: number): string;
}

type PluralFamily = MsgKey extends infer K ? (K extends `${infer F}.one` ? F : never) : never;

function fill(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function makeI18n(lang: Lang): I18n {
  const dict = dictionaries[lang];
  const rules = new Intl.PluralRules(lang === "pl" ? "pl-PL" : "en-GB");
  const t = (key: MsgKey, vars?: Vars) => fill(dict[key] ?? key, vars);
  return {
    lang,
    t,
    tn(family, n) {
      const cat = rules.select(n);
      const form = cat === "one" ? "one" : cat === "few" ? "few" : "many";
      // The number is written plainly (no group separators): it is read and matched as is.
      return t(`${family}.${form}` as MsgKey, { n: String(n) });
    },
    money: (m, o) => (m ? fmt.formatMoney(m, lang, o) : ""),
    moneyList: (l, o) => fmt.formatMoneyList(l, lang, o),
    date: (iso) => fmt.formatDate(iso, lang),
    longDate: (iso) => fmt.formatLongDate(iso, lang),
    dateTime: (ms) => fmt.formatDateTime(ms, lang),
    time: (ms) => fmt.formatTime(ms, lang),
    month: (m) => fmt.formatMonth(m, lang),
    monthShort: (m) => fmt.formatMonthShort(m, lang),
    number: (n) => fmt.formatNumber(n, lang),
    bytes: (n) => fmt.formatBytes(n, lang),
  };
}

const Ctx = createContext<I18n>(makeI18n("pl"));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useT(): I18n {
  return useContext(Ctx);
}

/** A field's label; keys the dictionary lacks (newer schema) show as they are. */
export function fieldLabel(i18n: I18n, key: string): string {
  const k = `field.${key}` as MsgKey;
  return k in pl ? i18n.t(k) : key;
}

/** A stored enum value (`won`, `call`, `public`) in words. */
export function valueLabel(i18n: I18n, value: string): string {
  const k = `value.${value}` as MsgKey;
  return k in pl ? i18n.t(k) : value;
}

/** An error for the user: the translation of its code, else the server's message. */
export function errorText(i18n: I18n, e: { code: string; message: string }): string {
  const k = `error.${e.code}` as MsgKey;
  if (e.code !== "invalid" && k in pl) return i18n.t(k);
  return e.message ? i18n.t("error.generic", { message: e.message }) : i18n.t("common.error");
}
