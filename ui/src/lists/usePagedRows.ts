//! Rows of a long list, fetched in pages of 100 around what is on screen and cached. A
//! change of filter or sort starts over; a reload keeps the old rows on screen until the
//! fresh pages arrive, so lists do not flicker when sync brings changes.

import { useCallback, useLayoutEffect, useRef, useState } from "react";
import { listAnswered } from "../app/perf";
import type { AppError, Filter, Kind, Row, Sort } from "../platform/contract";
import type { Platform } from "../platform/types";
import { toAppError } from "../platform/types";

/** Rows one `list` call brings: a screen and a half, so a new search answers with one small page. */
export const PAGE_SIZE = 100;
/** Pages kept in memory; the farthest from the viewport go first. */
const MAX_PAGES = 80;

export interface ListQuery {
  kind: Kind;
  filter: Filter;
  sort: Sort;
  descending: boolean;
}

export interface PagedRows {
  total: number | null;
  error: AppError | null;
  row(index: number): Row | undefined;
  /** Makes sure rows `from..to` are loaded (or loading). */
  ensure(from: number, to: number): void;
  /** Fetches the pages on screen again (after a write or a sync). */
  reload(): void;
  /** Rows loaded so far, in order of index (for range selection). */
  loaded(from: number, to: number): Row[];
  /** The query whose rows were loaded last (performance marks). */
  shownKey?: string | null;
  /** The rows on screen are those of the current query (nothing is being fetched for it). */
  settled?: boolean;
}

interface Page {
  rows: Row[];
  stale: boolean;
}

export function emptyFilter(): Filter {
  return { owner: null, company: null, pipeline: null, stage: null, status: null, city: null, text: null, custom: [], trash: false };
}

export function usePagedRows(platform: Platform, query: ListQuery): PagedRows {
  const key = JSON.stringify(query);
  const pages = useRef(new Map<number, Page>());
  const inflight = useRef(new Set<number>());
  const currentKey = useRef(key);
  const lastRange = useRef<[number, number]>([0, PAGE_SIZE]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  const fetchPage = useCallback(
    (page: number) => {
      if (inflight.current.has(page)) return;
      inflight.current.add(page);
      const requestKey = currentKey.current;
      const q = JSON.parse(requestKey) as ListQuery;
      const asked = performance.now();
      platform.invoke("list", { ...q, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (res) => {
          if (q.filter.text !== null && page === 0) listAnswered(asked);
          if (requestKey !== currentKey.current) return;
          inflight.current.delete(page);
          pages.current.set(page, { rows: res.rows, stale: false });
          evict(pages.current, page);
          setTotal(res.total);
          setError(null);
          setShownKey(requestKey);
          bump();
        },
        (e) => {
          if (requestKey !== currentKey.current) return;
          inflight.current.delete(page);
          setError(toAppError(e));
        },
      );
    },
    [platform],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      lastRange.current = [from, to];
      const first = Math.max(0, Math.floor(from / PAGE_SIZE));
      const last = Math.max(first, Math.floor(Math.max(from, to - 1) / PAGE_SIZE));
      for (let p = first; p <= last; p++) {
        const page = pages.current.get(p);
        if (!page || page.stale) fetchPage(p);
      }
    },
    [fetchPage],
  );

  // A new query: forget everything and load the first page. A layout effect, so the call
  // leaves before the browser paints the frame for the typed key rather than after it.
  useLayoutEffect(() => {
    currentKey.current = key;
    pages.current = new Map();
    inflight.current = new Set();
    setTotal(null);
    setError(null);
    fetchPage(0);
  }, [key, fetchPage]);

  const reload = useCallback(() => {
    for (const page of pages.current.values()) page.stale = true;
    inflight.current = new Set();
    // Answers to requests made before the reload are still welcome (same query).
    const [from, to] = lastRange.current;
    ensure(from, to);
    if (!pages.current.size) fetchPage(0);
  }, [ensure, fetchPage]);

  const row = (index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  const loaded = (from: number, to: number) => {
    const out: Row[] = [];
    for (let i = Math.max(0, from); i <= to; i++) {
      const r = row(i);
      if (r) out.push(r);
    }
    return out;
  };
  return { total, error, row, ensure, reload, loaded, shownKey, settled: shownKey === key };
}

function evict(pages: Map<number, Page>, around: number) {
  if (pages.size <= MAX_PAGES) return;
  const far = [...pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const p of far.slice(0, pages.size - MAX_PAGES)) pages.delete(p);
}
