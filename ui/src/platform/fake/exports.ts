//! The advanced export as the server runs it (`sync-server/src/export`), small enough for
//! component tests and the browser preview: one job at a time, progress that moves each time
//! the app waits on it, an archive kept 24 hours, and a download that reports its bytes.

import type { AppError, AppEvent, ArchiveSaved, ExportJobView } from "../contract";
import { newId } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });
const PHASES = ["coworkers", "company", "person", "deal", "activity", "file", "files"];

export class AdvancedExports {
  jobs: ExportJobView[] = [];
  /** Archives saved, by path. */
  saved: ArchiveSaved[] = [];

  constructor(
    private records: () => number,
    private now: () => Date,
    private emit: (e: AppEvent) => void,
  ) {}

  start(): ExportJobView {
    if (this.jobs.some((j) => j.state === "running")) throw err("export_running", "an export of this account is being built");
    const job: ExportJobView = {
      id: newId(),
      state: "running",
      phase: "starting",
      done: 0,
      total: this.records(),
      size: null,
      started_at: this.now().toISOString(),
      finished_at: null,
      expires_at: null,
      error: null,
    };
    this.jobs.unshift(job);
    return { ...job };
  }

  list(): ExportJobView[] {
    return this.jobs.map((j) => ({ ...j }));
  }

  get(id: string): ExportJobView {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw err("not_found", "no such export");
    return job;
  }

  /** Moves a running job a third of the way (as the server's waiting status call answers). */
  step(id: string): ExportJobView {
    const job = this.get(id);
    if (job.state !== "running") return { ...job };
    job.done = Math.min(job.total, job.done + Math.ceil(job.total / 3));
    job.phase = PHASES[Math.min(PHASES.length - 1, Math.floor((job.done / Math.max(1, job.total)) * PHASES.length))];
    if (job.done >= job.total) this.finish(job);
    return { ...job };
  }

  finish(job: ExportJobView): void {
    const at = this.now();
    job.state = "ready";
    job.phase = "done";
    job.done = job.total;
    job.size = 4096 + job.total * 180;
    job.finished_at = at.toISOString();
    job.expires_at = new Date(at.getTime() + 24 * 3_600_000).toISOString();
  }

  save(id: string, path: string): ArchiveSaved {
    const job = this.get(id);
    if (job.state === "expired") throw err("export_expired", "the archive was removed");
    if (job.state !== "ready") throw err("export_not_ready", "the archive is not ready");
    const total = job.size ?? 0;
    this.emit({ type: "export_download", done: 0, total });
    this.emit({ type: "export_download", done: total, total });
    const saved = { path, size: total };
    this.saved.push(saved);
    return saved;
  }
}
