//! The global search palette (Ctrl/Cmd+K): people, companies, deals, tasks, spaces, files.
//! Arrow keys move, Enter opens, Esc closes.

import { useEffect, useRef, useState } from "react";
import type { Hit } from "../platform/contract";
import { useT, type MsgKey } from "../i18n/I18n";
import { usePlatform } from "./context";
import { navigate, recordPath } from "./router";

export function Palette({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const platform = usePlatform();
  const [text, setText] = useState("");
  const [hits, setHits] = useState<Hit[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (!text.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      platform.invoke("search", { text, limit: 30 }).then(
        (r) => {
          if (!live) return;
          setHits(r.hits);
          setActive(0);
        },
        () => live && setHits([]),
      );
    }, 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, platform]);

  const open = (h: Hit | undefined) => {
    if (!h) return;
    onClose();
    navigate(recordPath(h.kind, h.id));
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      open(hits[active]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div className="backdrop palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t("nav.search")}>
        <input
          ref={input}
          data-testid="palette-input"
          className="palette-input"
          placeholder={t("palette.placeholder")}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="palette-hits"
          aria-activedescendant={hits[active] ? `hit-${hits[active].id}` : undefined}
        />
        <ul className="palette-hits" id="palette-hits" role="listbox">
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`hit-${h.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              data-testid="palette-hit"
              data-id={h.id}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                open(h);
              }}
            >
              <span className="hit-kind">{t(`kind.${h.kind}` as MsgKey)}</span>
              <span className="hit-title">{h.title}</span>
            </li>
          ))}
          {text.trim() && hits.length === 0 && <li className="palette-empty">{t("palette.empty")}</li>}
        </ul>
        <footer className="palette-foot">{t("palette.hint")}</footer>
      </div>
    </div>
  );
}
