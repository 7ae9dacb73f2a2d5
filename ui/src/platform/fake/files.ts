//! Files and storage as the app and the sync server keep them: attaching reserves space in
//! the pooled quota first (nothing is attached past it), links use no space, deleting frees
//! it, downloads emit progress like the Rust side.

import type { AppError, AppEvent, AttachOutcome, FileView, StorageUsage } from "../contract";
import { newId } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });
const GB = 1_000_000_000;

export class Files {
  /** Files and links per record id, newest first. */
  byRecord = new Map<string, FileView[]>();
  quota = 40 * GB;
  used = 0;
  /** The size of the next attached file (tests pick it). */
  nextSize = 240_000;
  /** Attach while offline: the file waits on the device. */
  offline = false;

  constructor(private emit: (e: AppEvent) => void, private now: () => number) {}

  usage(): StorageUsage {
    return { used: this.used, reserved: 0, quota: this.quota, free: Math.max(0, this.quota - this.used) };
  }

  list(record: string): FileView[] {
    return this.byRecord.get(record) ?? [];
  }

  private add(record: string, file: FileView): void {
    this.byRecord.set(record, [file, ...this.list(record)]);
  }

  attach(record: string, path: string): AttachOutcome {
    const name = path.split(/[\\/]/).pop() ?? path;
    const size = this.nextSize;
    if (!this.offline && size > this.usage().free) return { status: "quota_exceeded", free: this.usage().free, size };
    const id = newId();
    const file: FileView = { id, name, size, mime: null, url: null, added_at: this.now(), state: this.offline ? "waiting" : "here" };
    this.add(record, file);
    if (this.offline) return { status: "waiting", file: id, code: "offline" };
    this.used += size;
    for (const done of [0, Math.round(size / 2), size]) this.emit({ type: "file_progress", file: id, direction: "upload", done, total: size });
    return { status: "uploaded", file: id };
  }

  link(record: string, name: string, url: string): string {
    if (!/^(https?:\/\/|mailto:|message:)./i.test(url.trim())) throw err("invalid", "a link starts with https://, http://, mailto: or message:");
    const id = newId();
    this.add(record, { id, name: name.trim() || url, size: 0, mime: null, url: url.trim(), added_at: this.now(), state: "link" });
    return id;
  }

  find(id: string): FileView {
    for (const files of this.byRecord.values()) {
      const f = files.find((x) => x.id === id);
      if (f) return f;
    }
    throw err("not_found", `file ${id} not found`);
  }

  download(id: string, path: string): { path: string } {
    const f = this.find(id);
    if (f.state === "link") throw err("invalid", "a link has no bytes to download");
    for (const done of [0, f.size]) this.emit({ type: "file_progress", file: id, direction: "download", done, total: f.size });
    f.state = "here";
    return { path };
  }

  remove(id: string): void {
    const f = this.find(id);
    if (f.state !== "link" && f.state !== "waiting") this.used = Math.max(0, this.used - f.size);
    for (const [record, files] of this.byRecord) this.byRecord.set(record, files.filter((x) => x.id !== id));
  }
}
