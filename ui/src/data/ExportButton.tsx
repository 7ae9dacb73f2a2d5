//! The Export button of a list: asks where to save, writes the list exactly as it is on
//! screen (filter, sort, direction) to XLSX with a progress bar, then says where it went.
//! Works offline and on a blocked account (it only reads the local replica).

import { useState } from "react";
import type { ExportListName, Filter, Sort } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { ProgressBar } from "../ui/ProgressBar";
import { useProgress } from "./useProgress";

export function ExportButton(props: { list: ExportListName; filter: Filter; sort: Sort; descending: boolean }) {
  const i18n = useT();
  const { t, number } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [running, setRunning] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const progress = useProgress("export", running);
  const { session } = useSession();
  // Admins always may; users and managers while an admin leaves list export on.
  const allowed = session.user.role === "admin" || session.account.basic_export;

  const run = async () => {
    setSaved(null);
    try {
      const name = `${t(`export.file.${props.list}` as MsgKey)}-${new Date().toISOString().slice(0, 10)}.xlsx`;
      const picked = await platform.invoke("pick_save_path", { file_name: name, filter_name: "Excel (XLSX)", extensions: ["xlsx"] });
      if (!picked.path) return;
      const path = picked.path.toLowerCase().endsWith(".xlsx") ? picked.path : `${picked.path}.xlsx`;
      setRunning(true);
      const done = await platform.invoke("export_list", { list: props.list, filter: props.filter, sort: props.sort, descending: props.descending, path, locale: i18n.lang });
      setSaved(done.path);
      toast({ text: t("export.saved", { path: done.path, n: number(done.rows) }) });
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    } finally {
      setRunning(false);
    }
  };

  return (
    <span className="export">
      <button
        type="button"
        className="btn"
        data-testid="export-button"
        disabled={running || !allowed}
        aria-disabled={!allowed}
        title={allowed ? t("export.hint") : t("export.disabled")}
        onClick={() => void run()}
      >
        {t("export.button")}
      </button>
      {running && (
        <ProgressBar
          testId="export-progress"
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
          label={t("export.progress", { done: number(progress?.done ?? 0), total: number(progress?.total ?? 0) })}
        />
      )}
      {saved && !running && (
        <span className="muted export-saved" data-testid="export-saved" role="status">
          {t("export.savedShort", { path: saved })}
        </span>
      )}
    </span>
  );
}
