//! Custom field definitions (`custom_field` records, read with `custom_fields`) and their
//! values: which input edits each type and which `Value` it writes. The shapes follow
//! `check_custom` in core/validate.rs: text → `text`, number → `int`, money → `money`,
//! date → `date`, select → `text` (one of the options), multiselect → `text_set` (options),
//! bool → `bool`.

import type { CustomFieldView, FieldInfo, Kind, Value } from "../platform/contract";

export const CUSTOM_KINDS: Kind[] = ["company", "person", "deal", "task", "space"];
export const CUSTOM_TYPES = ["text", "number", "money", "date", "select", "multiselect", "bool"] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];

export function hasCustomFields(kind: Kind): boolean {
  return CUSTOM_KINDS.includes(kind);
}

/** The `FieldInfo` a standard input needs for a definition (multiselect has its own chips). */
export function customInfo(def: CustomFieldView): FieldInfo {
  const field_type =
    def.field_type === "number" ? "int" : def.field_type === "select" ? "enum" : def.field_type === "multiselect" ? "text_set" : def.field_type;
  return { key: def.key, field_type, required: false, options: def.options, ref_kind: null };
}

/** The chosen options of a multiselect, in the definition's order. */
export function textSet(def: CustomFieldView, picked: string[]): Value | null {
  const value = def.options.filter((o) => picked.includes(o));
  return value.length ? { type: "text_set", value } : null;
}

export function pickedOf(v: Value | null | undefined): string[] {
  return v && (v.type === "text_set" || v.type === "list") ? v.value : [];
}

/** A key from a label: lower case ASCII, words joined by `_`, at most 64 characters, unique. */
export function slugKey(label: string, taken: string[]): string {
  const base =
    label
      .toLowerCase()
      .replace(/ł/g, "l")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 60) || "pole";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}

/** Options typed as a comma or line separated list, trimmed, without repeats. */
export function parseOptions(s: string): string[] {
  return [...new Set(s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean))];
}
