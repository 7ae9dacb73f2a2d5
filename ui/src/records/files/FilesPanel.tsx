//! The Files section of a record page: attach a file (the native picker, opened by Rust),
//! add a link, the list with size, date and where the bytes are, download to a path the
//! user picks, delete, progress bars while bytes move, and a clear message with the free
//! space when a file does not fit in the company's storage.

import { useState } from "react";
import type { FileView } from "../../platform/contract";
import { usePlatform, useToast } from "../../app/context";
import { useData } from "../../app/useData";
import { useReadOnly } from "../../app/readOnly";
import { toAppError } from "../../platform/types";
import { errorText, useT, type MsgKey } from "../../i18n/I18n";
import { LinkForm } from "./LinkForm";
import { TransferBar, useTransfers } from "./TransferBar";

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function FilesPanel(props: { record: string }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const files = useData(() => platform.invoke("record_files", { id: props.record }), [props.record], ["file"]);
  const transfers = useTransfers();
  const [linking, setLinking] = useState(false);
  const { readOnly, why } = useReadOnly();
  const [quota, setQuota] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fail = (e: unknown) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" });

  const attach = async () => {
    setQuota(null);
    try {
      const path = await platform.invoke("pick_file", null);
      if (!path) return;
      setBusy(baseName(path));
      const outcome = await platform.invoke("attach_file", { record: props.record, path });
      const name = baseName(path);
      if (outcome.status === "quota_exceeded") {
        setQuota(t("files.quotaExceeded", { name, size: i18n.bytes(outcome.size), free: i18n.bytes(outcome.free) }));
      } else if (outcome.status === "waiting") {
        toast({ text: t("files.waiting", { name }) });
      } else {
        toast({ text: t("files.uploaded", { name }) });
      }
      files.reload();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const download = async (file: FileView) => {
    try {
      const path = await platform.invoke("pick_download_path", { name: file.name });
      if (!path) return;
      const saved = await platform.invoke("download_file", { id: file.id, path });
      toast({ text: t("files.saved", { path: saved.path }) });
      files.reload();
    } catch (e) {
      fail(e);
    }
  };

  const remove = async (file: FileView) => {
    try {
      await platform.invoke("delete_file", { id: file.id });
      toast({ text: t("files.deleted", { name: file.name }) });
      files.reload();
    } catch (e) {
      fail(e);
    }
  };

  const list = files.data?.files ?? [];
  return (
    <section className="panel files-panel" data-testid="files-panel">
      <h2>{t("record.files")}</h2>
      {quota && (
        <p className="form-error" role="alert" data-testid="quota-exceeded">
          {quota}
        </p>
      )}
      {busy && !transfers.size && <p className="muted">{t("files.uploading", { name: busy })}</p>}
      {list.length === 0 ? (
        <p className="empty">{t("record.noFiles")}</p>
      ) : (
        <ul className="files">
          {list.map((f) => {
            const transfer = transfers.get(f.id);
            return (
              <li key={f.id} data-testid="file-row" data-state={f.state}>
                <span className="file-icon" aria-hidden="true">{f.state === "link" ? "🔗" : "▤"}</span>
                <span className="file-name">
                  {f.url ? (
                    <a href={f.url} target="_blank" rel="noreferrer" title={t("files.openLink")}>
                      {f.name}
                    </a>
                  ) : (
                    f.name
                  )}
                </span>
                <span className="muted file-meta" data-testid="file-meta">
                  {f.state === "link" ? "" : `${i18n.bytes(f.size)} · `}
                  {i18n.dateTime(f.added_at)} · {t(`files.state.${f.state}` as MsgKey)}
                </span>
                <span className="file-actions">
                  {f.state !== "link" && (
                    <button type="button" className="btn ghost small" onClick={() => void download(f)} data-testid="file-download">
                      {t("files.download")}
                    </button>
                  )}
                  <button type="button" className="btn ghost small" onClick={() => void remove(f)} disabled={readOnly} title={why} data-testid="file-delete">
                    {t("files.delete")}
                  </button>
                </span>
                {transfer && (
                  <TransferBar transfer={transfer} label={t(transfer.direction === "upload" ? "files.uploading" : "files.downloading", { name: f.name })} />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {linking && !readOnly ? (
        <LinkForm record={props.record} onCancel={() => setLinking(false)} onAdded={() => { setLinking(false); files.reload(); }} />
      ) : (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void attach()} disabled={busy !== null || readOnly} title={why} data-testid="file-attach">
            {t("files.attach")}
          </button>
          <button type="button" className="btn ghost" onClick={() => setLinking(true)} disabled={readOnly} title={why} data-testid="link-open">
            {t("files.addLink")}
          </button>
        </div>
      )}
    </section>
  );
}
