//! A record's title as pages and lists show it.

import type { CrmRecord, Row, SimpleRow } from "../platform/contract";

function text(r: CrmRecord, key: string): string {
  const v = r.fields[key]?.value;
  return v && (v.type === "text" || v.type === "long_text") ? v.value : "";
}

export function recordTitle(r: CrmRecord): string {
  switch (r.kind) {
    case "person":
      return [text(r, "first_name"), text(r, "last_name")].filter(Boolean).join(" ");
    case "deal":
    case "task":
      return text(r, "title");
    case "activity":
      return text(r, "subject");
    default:
      return text(r, "name");
  }
}

/** The field that holds the title (edited in place in the page header). */
export function titleKey(kind: string): string {
  return kind === "deal" || kind === "task" ? "title" : kind === "person" ? "last_name" : "name";
}

/** The title of a row of a kind without its own row type (spaces, files, pipelines…). */
export function simpleTitle(r: Row): string {
  return (r as unknown as SimpleRow).title ?? "";
}
