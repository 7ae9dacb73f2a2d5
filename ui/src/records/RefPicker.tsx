//! Picks a record of one kind by typing part of its name (uses global search).

import { useEffect, useRef, useState } from "react";
import { useDraft } from "../app/useDraft";
import type { Hit, Kind } from "../platform/contract";
import { usePlatform } from "../app/context";
import { useT } from "../i18n/I18n";

export function RefPicker(props: {
  kind: Kind | null;
  value: string | null;
  title: string;
  onPick(id: string | null, title: string): void;
  testId?: string;
  id?: string;
  required?: boolean;
  /** Shows the pick without letting it change (its text can still be copied). */
  readOnly?: boolean;
}) {
  const { t } = useT();
  const platform = usePlatform();
  const [text, setText] = useDraft(() => props.title, props.title);
  const [hits, setHits] = useState<Hit[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = useRef(false);

  useEffect(() => {
    if (!typed.current || !text.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      platform.invoke("search", { text, limit: 40 }).then((r) => {
        if (!live) return;
        setHits(r.hits.filter((h) => !props.kind || h.kind === props.kind).slice(0, 10));
        setActive(0);
        setOpen(true);
      }, () => {});
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, platform, props.kind]);

  const pick = (h: Hit) => {
    typed.current = false;
    setText(h.title);
    setOpen(false);
    props.onPick(h.id, h.title);
  };

  return (
    <div className="refpicker">
      <input
        id={props.id}
        data-testid={props.testId}
        value={text}
        autoComplete="off"
        placeholder={t("common.none")}
        role="combobox"
        aria-expanded={open}
        aria-required={props.required}
        readOnly={props.readOnly}
        onChange={(e) => {
          typed.current = true;
          setText(e.target.value);
        }}
        onBlur={() => {
          setTimeout(() => setOpen(false), 150);
          if (!props.readOnly && !text.trim() && props.value) props.onPick(null, "");
          else if (text !== props.title && !open) setText(props.title);
        }}
        onKeyDown={(e) => {
          if (!open || !hits.length) return;
          if (e.key === "ArrowDown") setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === "ArrowUp") setActive((a) => Math.max(a - 1, 0));
          else if (e.key === "Enter") pick(hits[active]);
          else if (e.key === "Escape") setOpen(false);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {open && (
        <ul className="refpicker-menu" role="listbox">
          {hits.map((h, i) => (
            <li key={h.id} role="option" data-testid="refpicker-option" aria-selected={i === active} className={i === active ? "active" : undefined} onMouseDown={(e) => { e.preventDefault(); pick(h); }}>
              {h.title}
            </li>
          ))}
          {!hits.length && <li className="muted">{t("palette.empty")}</li>}
        </ul>
      )}
    </div>
  );
}
