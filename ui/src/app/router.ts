//! A small hash router: `#/people`, `#/record/<id>`, `#/deals/<id>`. Hash routes work from
//! files on disk (the desktop shell) and from the dev server alike.

import { useEffect, useState } from "react";

export type Section = "people" | "companies" | "deals" | "tasks" | "spaces" | "dashboard" | "settings";
export const SECTIONS: Section[] = ["people", "companies", "deals", "tasks", "spaces", "dashboard", "settings"];

export interface Route {
  section: Section;
  /** A record opened in the section (`#/people/<id>`). */
  id: string | null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  const section = (SECTIONS as string[]).includes(parts[0] ?? "") ? (parts[0] as Section) : "people";
  return { section, id: parts[1] ? decodeURIComponent(parts[1]) : null };
}

export function navigate(path: string): void {
  const target = path.startsWith("#") ? path : `#${path}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

/** The section a record of a kind is shown under. */
export function sectionOf(kind: string): Section {
  switch (kind) {
    case "person":
      return "people";
    case "company":
      return "companies";
    case "deal":
      return "deals";
    case "task":
      return "tasks";
    default:
      return "spaces";
  }
}

export function recordPath(kind: string, id: string): string {
  return `/${sectionOf(kind)}/${encodeURIComponent(id)}`;
}
