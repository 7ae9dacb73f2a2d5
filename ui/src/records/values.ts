//! Field values as text: what a cell shows, what an input holds while typed, and back.

import type { FieldInfo, Money, Value } from "../platform/contract";
import { parseAmount } from "../i18n/format";
import { valueLabel, type I18n } from "../i18n/I18n";

/** The types a form can edit directly. */
export const EDITABLE_TYPES = ["text", "nip", "enum", "long_text", "int", "bool", "money", "date", "user_ref", "ref", "emails", "phones"];

/** A value for reading: names for users, words for enums, formatted money and dates. */
export function showValue(v: Value | null | undefined, i18n: I18n, userName: (id: string) => string, titleOf?: (id: string) => string): string {
  if (!v) return "";
  switch (v.type) {
    case "text":
    case "long_text":
      return v.value;
    case "int":
      return i18n.number(v.value);
    case "bool":
      return i18n.t(v.value ? "value.true" : "value.false");
    case "money":
      return i18n.money(v.value);
    case "date":
      return i18n.date(v.value);
    case "timestamp":
      return i18n.dateTime(v.value);
    case "ref":
      return titleOf?.(v.value) || userName(v.value) || v.value;
    case "ref_set":
      return v.value.map((id) => titleOf?.(id) || userName(id) || id).join(", ");
    case "list":
    case "text_set":
      return v.value.join(", ");
    case "lines":
      return v.value.map((l) => l.name).join(", ");
    case "stages":
      return v.value.map((s) => s.name).join(" → ");
  }
}

/** An enum value or a text, in words where the dictionary has them. */
export function showEnum(v: Value | null | undefined, i18n: I18n): string {
  return v && v.type === "text" ? valueLabel(i18n, v.value) : "";
}

function moneyDraft(m: Money): string {
  const sign = m.minor < 0 ? "-" : "";
  const abs = Math.abs(m.minor);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** The text an input holds for a value. */
export function draftOf(info: FieldInfo, v: Value | null | undefined): string {
  if (!v) return "";
  switch (v.type) {
    case "text":
    case "long_text":
    case "date":
    case "ref":
      return v.value;
    case "int":
      return String(v.value);
    case "bool":
      return v.value ? "true" : "false";
    case "money":
      return moneyDraft(v.value);
    case "list":
    case "text_set":
      return v.value.join(", ");
    default:
      void info;
      return "";
  }
}

export class DraftError extends Error {}

/** The value typed into an input; `null` clears the field. Throws `DraftError` when unreadable. */
export function parseDraft(info: FieldInfo, draft: string, currency = "PLN"): Value | null {
  const s = draft.trim();
  if (!s && info.field_type !== "long_text") return null;
  switch (info.field_type) {
    case "text":
    case "nip":
    case "enum":
      return { type: "text", value: s };
    case "long_text":
      return draft.length ? { type: "long_text", value: draft } : null;
    case "int": {
      if (!/^-?\d+$/.test(s)) throw new DraftError("int");
      return { type: "int", value: Number(s) };
    }
    case "bool":
      return { type: "bool", value: s === "true" };
    case "money": {
      const minor = parseAmount(s);
      if (minor === null) throw new DraftError("money");
      return { type: "money", value: { minor, currency } };
    }
    case "date":
      return { type: "date", value: s };
    case "ref":
    case "user_ref":
      return { type: "ref", value: s };
    case "emails":
    case "phones":
    case "list":
      return { type: "list", value: s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean) };
    default:
      throw new DraftError(info.field_type);
  }
}

export function sameValue(a: Value | null | undefined, b: Value | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The field named by a validation message (`` `last_name` is required ``), if any. */
export function fieldOfMessage(message: string, keys: string[]): string | null {
  for (const m of message.matchAll(/`([a-z_]+)`/g)) if (keys.includes(m[1])) return m[1];
  const first = message.split(/\s/)[0];
  return keys.includes(first) ? first : null;
}
