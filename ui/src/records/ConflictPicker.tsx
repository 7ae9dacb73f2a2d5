//! A field two devices wrote at the same time: the mark opens a popover with every value;
//! picking one keeps it everywhere (`resolve_conflict`).

import { useEffect, useRef, useState } from "react";
import type { CrmRecord, FieldRead, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { useReadOnly } from "../app/readOnly";
import { errorText, useT } from "../i18n/I18n";
import { showValue } from "./values";

export function ConflictPicker(props: { record: CrmRecord; field: string; read: FieldRead; onResolved(): void; refTitleOf(id: string): string }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { readOnly } = useReadOnly();
  const { userName } = useSession();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        setOpen(false);
      }
    };
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("mousedown", onDown);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("mousedown", onDown);
    };
  }, [open]);

  const pick = async (value: Value) => {
    try {
      await platform.invoke("resolve_conflict", { id: props.record.id, field: props.field, value });
      setOpen(false);
      props.onResolved();
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    }
  };
  const values: [Value, boolean][] = [[props.read.value, true], ...props.read.conflicts.map((v): [Value, boolean] => [v, false])];
  const show = (v: Value) => showValue(v, i18n, userName, props.refTitleOf) || t("common.none");

  return (
    <div className="conflict" ref={box}>
      <button type="button" className="badge warn" data-testid="conflict-badge" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={t("record.conflictTitle")}>
        ⚠ {t("record.conflict")}
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label={t("record.conflict")} data-testid="conflict-popover">
          <p>{t("record.conflictTitle")}</p>
          <ul>
            {values.map(([v, current], i) => (
              <li key={i}>
                <span className="conflict-value">{show(v)}</span>
                {current && <span className="muted"> ({t("record.conflictCurrent")})</span>}
                <button type="button" className="btn small" data-testid="conflict-pick" disabled={readOnly} autoFocus={i === 0} onClick={() => void pick(v)}>
                  {t("record.conflictPick")}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
