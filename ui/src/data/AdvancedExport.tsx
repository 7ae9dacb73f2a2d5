//! Settings → Data → Advanced export (admins): the server builds one tar.gz of the whole
//! account (CSV files with ids that join, a README, the files' bytes) as a background job.
//! This starts it, shows its progress (each status call waits for the job to move), and
//! saves the archive through the native save dialog.

import { useCallback, useEffect, useRef, useState } from "react";
import type { ExportJobView } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { ProgressBar } from "../ui/ProgressBar";

export function AdvancedExport() {
  const i18n = useT();
  const { t, number, bytes } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [job, setJob] = useState<ExportJobView | null>(null);
  const [saving, setSaving] = useState<{ done: number; total: number } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const alive = useRef(true);
  // The job being followed: the mount's look-up and the Start button must not both poll one job.
  const following = useRef<{ id: string } | null>(null);

  const fail = useCallback((e: unknown) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" }), [toast, i18n]);

  const follow = useCallback(
    async (first: ExportJobView) => {
      if (following.current?.id === first.id) return;
      const mine = { id: first.id };
      following.current = mine;
      let current = first;
      setJob(current);
      try {
        while (alive.current && following.current === mine && current.state === "running") {
          current = await platform.invoke("advanced_export", { id: current.id, wait: true });
          if (alive.current && following.current === mine) setJob(current);
        }
      } finally {
        if (following.current === mine) following.current = null;
      }
    },
    [platform],
  );

  useEffect(() => {
    alive.current = true;
    platform.invoke("advanced_exports", null).then(
      (list) => {
        const latest = list.jobs[0];
        if (latest && alive.current) void follow(latest).catch(fail);
      },
      () => {},
    );
    return () => {
      alive.current = false;
      following.current = null;
    };
  }, [platform, follow, fail]);

  useEffect(
    () =>
      platform.onEvent((e) => {
        if (e.type === "export_download") setSaving({ done: e.done, total: e.total });
      }),
    [platform],
  );

  const start = async () => {
    setSaved(null);
    try {
      await follow(await platform.invoke("start_advanced_export", null));
    } catch (e) {
      fail(e);
    }
  };

  const save = async (ready: ExportJobView) => {
    try {
      const name = `localspace-${t("advancedExport.fileName")}-${ready.started_at.slice(0, 10)}.tar.gz`;
      const picked = await platform.invoke("pick_save_path", { file_name: name, filter_name: "tar.gz", extensions: ["gz"] });
      if (!picked.path) return;
      setSaving({ done: 0, total: ready.size ?? 0 });
      const done = await platform.invoke("save_advanced_export", { id: ready.id, path: picked.path });
      setSaved(done.path);
      toast({ text: t("advancedExport.saved", { path: done.path }) });
    } catch (e) {
      fail(e);
    } finally {
      setSaving(null);
    }
  };

  const running = job?.state === "running";
  return (
    <section className="panel" data-testid="advanced-export">
      <h2>{t("advancedExport.title")}</h2>
      <p className="muted">{t("advancedExport.hint")}</p>
      <button type="button" className="btn primary" data-testid="advanced-export-start" disabled={running} onClick={() => void start()}>
        {t("advancedExport.start")}
      </button>
      {job && running && (
        <ProgressBar
          testId="advanced-export-progress"
          done={job.done}
          total={job.total}
          label={t("advancedExport.progress", { phase: t(phaseKey(job.phase)), done: number(job.done), total: number(job.total) })}
        />
      )}
      {job?.state === "ready" && (
        <div className="advanced-export-ready" data-testid="advanced-export-ready">
          <p>{t("advancedExport.ready", { size: bytes(job.size ?? 0), until: job.expires_at ? i18n.dateTime(Date.parse(job.expires_at)) : "" })}</p>
          <button type="button" className="btn" data-testid="advanced-export-save" disabled={saving !== null} onClick={() => void save(job)}>
            {t("advancedExport.save")}
          </button>
        </div>
      )}
      {job?.state === "failed" && (
        <p className="notice warn" role="alert" data-testid="advanced-export-failed">
          {t("advancedExport.failed")}
        </p>
      )}
      {job?.state === "expired" && <p className="muted">{t("advancedExport.expired")}</p>}
      {saving && (
        <ProgressBar
          testId="advanced-export-saving"
          done={saving.done}
          total={saving.total}
          label={t("advancedExport.saving", { done: bytes(saving.done), total: bytes(saving.total) })}
        />
      )}
      {saved && !saving && (
        <p className="muted" role="status" data-testid="advanced-export-saved">
          {t("advancedExport.savedShort", { path: saved })}
        </p>
      )}
    </section>
  );
}

const PHASES = ["coworkers", "custom_field", "pipeline", "company", "person", "deal", "space", "task", "activity", "file", "files"];

function phaseKey(phase: string): MsgKey {
  return (PHASES.includes(phase) ? `advancedExport.phase.${phase}` : "advancedExport.phase.starting") as MsgKey;
}
