//! A progress bar for one file's upload or download, fed by `file_progress` events.

import { useEffect, useState } from "react";
import type { TransferDirection } from "../../platform/contract";
import { usePlatform } from "../../app/context";

export interface Transfer {
  file: string;
  direction: TransferDirection;
  done: number;
  total: number;
}

/** The transfers in flight, by file id; a finished one disappears. */
export function useTransfers(): Map<string, Transfer> {
  const platform = usePlatform();
  const [transfers, setTransfers] = useState<Map<string, Transfer>>(new Map());
  useEffect(
    () =>
      platform.onEvent((e) => {
        if (e.type !== "file_progress") return;
        setTransfers((m) => {
          const next = new Map(m);
          if (e.total > 0 && e.done >= e.total) next.delete(e.file);
          else next.set(e.file, { file: e.file, direction: e.direction, done: e.done, total: e.total });
          return next;
        });
      }),
    [platform],
  );
  return transfers;
}

export function TransferBar(props: { label: string; transfer: Transfer }) {
  const { done, total } = props.transfer;
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="transfer" data-testid="transfer" data-direction={props.transfer.direction}>
      <span className="muted">{props.label}</span>
      <progress max={100} value={percent} aria-label={props.label} />
      <span className="muted">{percent}%</span>
    </div>
  );
}
