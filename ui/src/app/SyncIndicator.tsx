//! The sync indicator: offline, syncing (N pending), synced at hh:mm, blocked, signed out
//! (sign in again), upgrade required, failed. A click syncs now (or asks for a sign-in).

import { useT } from "../i18n/I18n";
import type { SyncStatus } from "../platform/contract";

export function syncLabel(i18n: ReturnType<typeof useT>, s: SyncStatus): string {
  const { t } = i18n;
  switch (s.state) {
    case "offline":
      return s.pending ? i18n.tn("sync.offline", s.pending) : t("sync.offlineNone");
    case "syncing":
      return s.pending ? t("sync.syncing", { n: s.pending }) : t("sync.syncingNone");
    case "synced":
      return t("sync.synced", { time: i18n.time(s.at) });
    case "blocked":
      return t("sync.blocked");
    case "signed_out":
      return t("sync.signed_out");
    case "upgrade_required":
      return t("sync.upgrade_required");
    case "failed":
      return t("sync.failed", { code: s.code });
  }
}

/** Edits not yet on the server, when the state says so. */
export function pendingOf(s: SyncStatus): number {
  return "pending" in s ? s.pending : 0;
}

export function SyncIndicator({ status, onClick }: { status: SyncStatus; onClick(): void }) {
  const i18n = useT();
  const label = syncLabel(i18n, status);
  return (
    <button
      type="button"
      className={`sync sync-${status.state}`}
      data-testid="sync-indicator"
      data-state={status.state}
      onClick={onClick}
      title={status.state === "signed_out" ? i18n.t("sync.signInAgain") : i18n.t("sync.click")}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">{label}</span>
      {status.state === "signed_out" && <span className="sync-action">{i18n.t("sync.signInAgain")}</span>}
    </button>
  );
}
