//! Loading data from a command, reloading when Rust says records of a kind changed.

import { useCallback, useEffect, useRef, useState } from "react";
import type { AppError, Kind } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform } from "./context";

/** Calls `cb` when records of one of `kinds` changed under the UI (sync pulled them). */
export function useRecordsChanged(kinds: Kind[] | "all", cb: () => void): void {
  const platform = usePlatform();
  const ref = useRef(cb);
  ref.current = cb;
  const key = kinds === "all" ? "all" : kinds.join(",");
  useEffect(
    () =>
      platform.onEvent((e) => {
        if (e.type !== "records_changed" || !key) return;
        if (key === "all" || e.kinds.some((k) => key.split(",").includes(k))) ref.current();
      }),
    [platform, key],
  );
}

export interface Data<T> {
  data: T | null;
  error: AppError | null;
  loading: boolean;
  reload(): void;
}

export function useData<T>(load: () => Promise<T>, deps: unknown[], kinds: Kind[] | "all" = []): Data<T> {
  const [state, setState] = useState<{ data: T | null; error: AppError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e) => live && setState((s) => ({ data: s.data, error: toAppError(e), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  useRecordsChanged(kinds, reload);
  return { ...state, reload };
}
