//! The imports this device ran, newest first, each with "Undo" (a whole import at once).

import { useCallback, useEffect, useState } from "react";
import type { ImportEntry } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { errorText, useT } from "../i18n/I18n";

export function ImportHistory(props: { refresh: number }) {
  const i18n = useT();
  const { t, number } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [entries, setEntries] = useState<ImportEntry[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    platform.invoke("imports", null).then(setEntries, (e) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platform]);
  useEffect(load, [load, props.refresh]);

  const undo = async (id: string) => {
    setBusy(id);
    try {
      const r = await platform.invoke("undo_import", { id });
      toast({ text: t("import.undoneCounts", { removed: number(r.removed), restored: number(r.restored) }) });
      load();
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    } finally {
      setBusy(null);
    }
  };

  if (entries === null) return <p className="muted">{t("common.loading")}</p>;
  if (entries.length === 0) return <p className="muted" data-testid="imports-empty">{t("import.historyEmpty")}</p>;
  return (
    <table className="table" data-testid="import-history">
      <thead>
        <tr>
          <th>{t("import.when")}</th>
          <th>{t("import.file")}</th>
          <th>{t("import.kind")}</th>
          <th>{t("import.created")}</th>
          <th>{t("import.updated")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.record.id} data-testid="import-history-row">
            <td>{e.at_ms ? i18n.dateTime(e.at_ms) : t("common.none")}</td>
            <td>{e.file ?? t("common.none")}</td>
            <td>{t(e.record.archive ? "import.kind.archive" : e.record.kind === "company" ? "import.kind.company" : "import.kind.person")}</td>
            <td>{number(e.record.created)}</td>
            <td>{number(e.record.updated)}</td>
            <td>
              {e.record.undone ? (
                <span className="badge">{t("import.undoneBadge")}</span>
              ) : (
                <button type="button" className="btn small" data-testid="history-undo" disabled={busy !== null} onClick={() => void undo(e.record.id)}>
                  {t("import.undo")}
                </button>
              )}
              {!e.record.complete && <span className="badge warn">{t("import.incomplete")}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
