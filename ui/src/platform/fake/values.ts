//! Small helpers to build and read field values in the in-memory platform.

import type { CrmRecord, FieldRead, Money, Value } from "../contract";

export const text = (value: string): Value => ({ type: "text", value });
export const long = (value: string): Value => ({ type: "long_text", value });
export const int = (value: number): Value => ({ type: "int", value });
export const bool = (value: boolean): Value => ({ type: "bool", value });
export const money = (minor: number, currency = "PLN"): Value => ({ type: "money", value: { minor, currency } });
export const date = (value: string): Value => ({ type: "date", value });
export const ts = (value: number): Value => ({ type: "timestamp", value });
export const ref = (value: string): Value => ({ type: "ref", value });
export const refSet = (value: string[]): Value => ({ type: "ref_set", value });
export const list = (value: string[]): Value => ({ type: "list", value });

export const read = (value: Value, conflicts: Value[] = []): FieldRead => ({ value, conflicts });

export function str(r: CrmRecord, key: string): string | null {
  const v = r.fields[key]?.value;
  if (!v) return null;
  switch (v.type) {
    case "text":
    case "long_text":
    case "date":
    case "ref":
      return v.value;
    default:
      return null;
  }
}

export function num(r: CrmRecord, key: string): number | null {
  const v = r.fields[key]?.value;
  return v && v.type === "int" ? v.value : null;
}

export function moneyOf(r: CrmRecord, key: string): Money | null {
  const v = r.fields[key]?.value;
  return v && v.type === "money" ? v.value : null;
}

export function listOf(r: CrmRecord, key: string): string[] {
  const v = r.fields[key]?.value;
  if (!v) return [];
  if (v.type === "list" || v.type === "ref_set" || v.type === "text_set") return v.value;
  return [];
}

export function boolOf(r: CrmRecord, key: string): boolean {
  const v = r.fields[key]?.value;
  return !!v && v.type === "bool" && v.value;
}

/** Folds text like the Rust search index: lower case, no diacritics, ł → l. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** A deterministic pseudo-random generator, so seeded data is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 0;
/** A UUID-shaped id, unique within the process. */
export function newId(): string {
  counter += 1;
  const hex = counter.toString(16).padStart(12, "0");
  return `0190a5c1-7e2b-7000-8000-${hex}`;
}
