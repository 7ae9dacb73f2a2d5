//! Settings → Data → Import a Localspace archive (admins): an advanced-export tar.gz, from this
//! account or another, is read and its records created again here under new ids — links,
//! custom values, revenues and costs, tasks, timelines, spaces, the trash and the files (the
//! storage quota applies). A progress bar while it runs, then what it created; the import is
//! in the history below and undone there as a whole.

import { useState } from "react";
import type { ArchiveReport } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { ProgressBar } from "../ui/ProgressBar";
import { useProgress } from "./useProgress";

export function ArchiveImport(props: { onDone: () => void }) {
  const i18n = useT();
  const { t, number } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ArchiveReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useProgress("import", busy);

  const start = async () => {
    setError(null);
    try {
      const picked = await platform.invoke("pick_open_path", { filter_name: t("archiveImport.filter"), extensions: ["gz", "tgz"] });
      if (!picked.path) return;
      setReport(null);
      setBusy(true);
      const done = await platform.invoke("import_archive", { path: picked.path });
      setReport(done);
      toast({ text: t("archiveImport.done") });
    } catch (e) {
      const text = errorText(i18n, toAppError(e));
      setError(text);
      toast({ text, tone: "error" });
    } finally {
      setBusy(false);
      props.onDone();
    }
  };

  return (
    <section className="panel" data-testid="archive-import">
      <h2>{t("archiveImport.title")}</h2>
      <p className="muted">{t("archiveImport.hint")}</p>
      <button type="button" className="btn" data-testid="archive-import-start" disabled={busy} onClick={() => void start()}>
        {t("archiveImport.start")}
      </button>
      {busy && progress && (
        <ProgressBar
          testId="archive-import-progress"
          done={progress.done}
          total={progress.total}
          label={t("archiveImport.progress", { done: number(progress.done), total: number(progress.total) })}
        />
      )}
      {error && (
        <p className="notice warn" role="alert" data-testid="archive-import-error">
          {error}
        </p>
      )}
      {report && (
        <div role="status" data-testid="archive-import-report">
          <ul>
            {report.created.map((c) => (
              <li key={c.kind}>
                {t(`archiveImport.kind.${c.kind}` as MsgKey)}: {number(c.count)}
              </li>
            ))}
          </ul>
          <p className="muted">
            {t("archiveImport.details", {
              files: number(report.files_uploaded),
              trashed: number(report.trashed),
              dropped: number(report.dropped_links),
            })}
          </p>
        </div>
      )}
    </section>
  );
}
