//! A table that renders only the rows in view (plus a few above and below), for lists of
//! 100,000 records. Rows have a fixed height; the scroll area is as tall as the whole list.
//! Keyboard: ↑/↓ move, Enter opens, Space selects; click opens, Shift-click selects a range.

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import type { Row, Sort } from "../platform/contract";
import { useT } from "../i18n/I18n";
import type { PagedRows } from "./usePagedRows";

export const ROW_HEIGHT = 36;
const OVERSCAN = 8;
/** Viewport height used before the browser has measured one (and in tests). */
const FALLBACK_HEIGHT = 720;

export interface Column {
  key: string;
  label: string;
  /** A CSS grid track: `2fr`, `120px`, `minmax(…)`. */
  width: string;
  sort?: Sort;
  align?: "right";
  render(row: Row): ReactNode;
}

export interface VirtualTableProps {
  columns: Column[];
  rows: PagedRows;
  sort: Sort;
  descending: boolean;
  onSort(sort: Sort): void;
  selected: Set<string>;
  onSelect(ids: string[], on: boolean): void;
  onOpen(row: Row): void;
  label: string;
  empty: string;
}

function rowId(r: Row): string {
  return r.id;
}

export function VirtualTable(props: VirtualTableProps) {
  const { t } = useT();
  const { rows, columns } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const total = rows.total ?? 0;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || FALLBACK_HEIGHT);
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    // Load the rows in view and half a screen beyond, page by page.
    rows.ensure(Math.max(0, first - 40), last + 40);
  }, [first, last, rows]);

  // Back to the top when the list changes under a new filter.
  useEffect(() => {
    if (active >= total && total > 0) setActive(total - 1);
  }, [total, active]);

  const frame = useRef(0);
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scroller.current?.scrollTop ?? 0));
  };

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = i * ROW_HEIGHT;
      const header = ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + (el.clientHeight || height) - header) el.scrollTop = top + ROW_HEIGHT - (el.clientHeight || height) + header;
      setScrollTop(el.scrollTop);
    },
    [height],
  );

  const selectRange = (to: number) => {
    const from = anchor.current ?? to;
    const ids = rows.loaded(Math.min(from, to), Math.max(from, to)).map(rowId);
    props.onSelect(ids, true);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!total) return;
    let next = active;
    if (e.key === "ArrowDown") next = Math.min(total - 1, active + 1);
    else if (e.key === "ArrowUp") next = Math.max(0, active - 1);
    else if (e.key === "PageDown") next = Math.min(total - 1, active + Math.floor(height / ROW_HEIGHT) - 1);
    else if (e.key === "PageUp") next = Math.max(0, active - Math.floor(height / ROW_HEIGHT) + 1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = total - 1;
    else if (e.key === "Enter") {
      const r = rows.row(active);
      if (r) props.onOpen(r);
      e.preventDefault();
      return;
    } else if (e.key === " " || e.key === "x") {
      const r = rows.row(active);
      if (r) props.onSelect([r.id], !props.selected.has(r.id));
      anchor.current = active;
      e.preventDefault();
      return;
    } else return;
    e.preventDefault();
    if (e.shiftKey) {
      if (anchor.current === null) anchor.current = active;
      setActive(next);
      selectRange(next);
    } else setActive(next);
    scrollToIndex(next);
  };

  const grid = `40px ${columns.map((c) => c.width).join(" ")}`;
  const visible: number[] = [];
  for (let i = first; i < last; i++) visible.push(i);
  const visibleIds = visible.map((i) => rows.row(i)?.id).filter((x): x is string => !!x);
  const allVisibleSelected = visibleIds.length > 0 && visibleIds.every((id) => props.selected.has(id));
  const activeRow = rows.row(active);

  return (
    <div
      className="vt"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="grid"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-activedescendant={activeRow ? `row-${activeRow.id}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="list-scroller"
    >
      <div className="vt-head" role="row" style={{ gridTemplateColumns: grid }}>
        <div role="columnheader" className="vt-check">
          <input
            type="checkbox"
            aria-label={t("list.selectAll")}
            title={t("list.selectAll")}
            checked={allVisibleSelected}
            onChange={(e) => props.onSelect(visibleIds, e.target.checked)}
          />
        </div>
        {columns.map((c) => (
          <div key={c.key} role="columnheader" className={c.align === "right" ? "num" : undefined} aria-sort={c.sort && c.sort === props.sort ? (props.descending ? "descending" : "ascending") : undefined}>
            {c.sort ? (
              <button type="button" className="sort-btn" data-testid={`sort-${c.key}`} title={t("list.sortBy", { column: c.label })} onClick={() => props.onSort(c.sort!)}>
                {c.label}
                {c.sort === props.sort && <span aria-hidden="true">{props.descending ? " ↓" : " ↑"}</span>}
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div className="vt-body" style={{ height: total * ROW_HEIGHT }}>
        {visible.map((i) => {
          const r = rows.row(i);
          const style = { transform: `translateY(${i * ROW_HEIGHT}px)`, gridTemplateColumns: grid, height: ROW_HEIGHT };
          if (!r)
            return (
              <div key={`p${i}`} className="vt-row placeholder" style={style} aria-hidden="true">
                <div />
                {columns.map((c) => (
                  <div key={c.key}>
                    <span className="skeleton" />
                  </div>
                ))}
              </div>
            );
          const selected = props.selected.has(r.id);
          return (
            <div
              key={r.id}
              id={`row-${r.id}`}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={selected}
              data-testid="list-row"
              data-id={r.id}
              className={`vt-row${selected ? " selected" : ""}${i === active ? " active" : ""}`}
              style={style}
              onClick={(e) => {
                if (e.shiftKey) {
                  selectRange(i);
                  setActive(i);
                  return;
                }
                setActive(i);
                props.onOpen(r);
              }}
            >
              <div className="vt-check" onClick={(e) => e.stopPropagation()}>
                <input
                  type="checkbox"
                  data-testid="row-check"
                  aria-label={t("list.selectRow")}
                  checked={selected}
                  onChange={() => {}}
                  onClick={(e) => {
                    if (e.shiftKey && anchor.current !== null) selectRange(i);
                    else props.onSelect([r.id], !selected);
                    anchor.current = i;
                    setActive(i);
                  }}
                />
              </div>
              {columns.map((c) => (
                <div key={c.key} role="gridcell" className={c.align === "right" ? "num" : undefined}>
                  {c.render(r)}
                </div>
              ))}
            </div>
          );
        })}
        {rows.total === 0 && <div className="vt-empty">{props.empty}</div>}
      </div>
    </div>
  );
}
