//! Global keys: Ctrl/Cmd+K search, `?` help, `g` + letter or Alt+1..7 to go to a section,
//! `n` new record in the current list (not while the account is read-only), `/` focuses the
//! list's search.

import { useEffect, useRef } from "react";
import { SECTIONS, navigate, type Section } from "./router";

export const GOTO_KEYS: Record<Section, string> = {
  people: "p",
  companies: "c",
  deals: "d",
  tasks: "t",
  spaces: "s",
  dashboard: "b",
  settings: "u",
};

/** The list on screen listens to this to open its "new" form. */
export const NEW_RECORD_EVENT = "localspace:new-record";
/** The list on screen listens to this to focus its search box. */
export const FOCUS_SEARCH_EVENT = "localspace:focus-search";

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

export function useShortcuts(opts: { openPalette(): void; openHelp(): void; blocked: boolean; readOnly: boolean }) {
  const ref = useRef(opts);
  ref.current = opts;
  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      const o = ref.current;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        if (!o.blocked) o.openPalette();
        return;
      }
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-7]$/.test(e.code)) {
        e.preventDefault();
        navigate(`/${SECTIONS[Number(e.code.slice(5)) - 1]}`);
        return;
      }
      if (o.blocked || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector(".backdrop")) return;
      if (pendingG && Date.now() - pendingG < 1200) {
        pendingG = 0;
        const section = (Object.keys(GOTO_KEYS) as Section[]).find((s) => GOTO_KEYS[s] === e.key.toLowerCase());
        if (section) {
          e.preventDefault();
          navigate(`/${section}`);
        }
        return;
      }
      if (e.key === "g") {
        pendingG = Date.now();
      } else if (e.key === "?") {
        e.preventDefault();
        o.openHelp();
      } else if (e.key === "n") {
        e.preventDefault();
        if (o.readOnly) return;
        window.dispatchEvent(new CustomEvent(NEW_RECORD_EVENT));
      } else if (e.key === "/") {
        e.preventDefault();
        window.dispatchEvent(new CustomEvent(FOCUS_SEARCH_EVENT));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** Runs `cb` when the user asks for a new record (the `n` key). */
export function useWindowEvent(name: string, cb: () => void) {
  const ref = useRef(cb);
  ref.current = cb;
  useEffect(() => {
    const on = () => ref.current();
    window.addEventListener(name, on);
    return () => window.removeEventListener(name, on);
  }, [name]);
}
