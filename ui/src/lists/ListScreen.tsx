//! A list screen of one kind (people, companies, deals' list view, spaces): search as you
//! type, filters, saved filters, sorting, multi-select with bulk edit and delete (with undo),
//! the record count, "New", Export (the list as shown, to XLSX) and Import.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ExportListName, Filter, Kind, Row, Sort } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { navigate, recordPath } from "../app/router";
import { FOCUS_SEARCH_EVENT, NEW_RECORD_EVENT, useWindowEvent } from "../app/shortcuts";
import { useRecordsChanged } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { listShown, searchApplied, searchTyped } from "../app/perf";
import { errorText, useT } from "../i18n/I18n";
import { CreateForm } from "../records/CreateForm";
import { ExportButton } from "../data/ExportButton";
import { ImportWizard } from "../data/ImportWizard";
import { BulkBar } from "./BulkBar";
import { FilterBar, type FilterState } from "./FilterBar";
import { emptyFilter, usePagedRows } from "./usePagedRows";
import { VirtualTable, type Column } from "./VirtualTable";

export interface ListScreenProps {
  kind: Kind;
  title: string;
  columns: Column[];
  /** Filters this kind supports. */
  filters: { owner?: boolean; city?: boolean; saved?: boolean };
  /** Bulk edits this kind supports. */
  bulk: { owner?: boolean; city?: boolean };
  /** A fixed part of the filter (a pipeline for deals). */
  baseFilter?: Partial<Filter>;
  initialSort?: Sort;
  /** Extra controls in the header (the board/list toggle). */
  headerExtra?: React.ReactNode;
  createInitial?: Record<string, string>;
}

/** The lists with an Export button, by kind. */
const EXPORTS: Partial<Record<Kind, ExportListName>> = { person: "people", company: "companies", deal: "deals" };

export function ListScreen(props: ListScreenProps) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [typed, setTyped] = useState("");
  const [state, setState] = useState<FilterState>({ text: null, owner: null, city: null });
  const [sort, setSort] = useState<Sort>(props.initialSort ?? "name");
  const [descending, setDescending] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const exportList = EXPORTS[props.kind];
  const search = useRef<HTMLInputElement>(null);
  const { readOnly, why } = useReadOnly();

  // Search as you type: when the list shows the current query's rows, a key goes to the
  // query at once; while a query is still running, the box waits for a pause in typing
  // (60 ms), so keys typed meanwhile become one query instead of a queue of stale ones.
  const settled = useRef(true);
  useEffect(() => {
    // Unchanged text keeps the same state, so the filter (and the selection) stay as they are.
    const text = typed.trim() ? typed : null;
    const apply = () => {
      searchApplied(text);
      setState((s) => (s.text === text ? s : { ...s, text }));
    };
    if (settled.current) {
      apply();
      return;
    }
    const timer = setTimeout(apply, 60);
    return () => clearTimeout(timer);
  }, [typed]);

  const baseKey = JSON.stringify(props.baseFilter ?? {});
  const filter: Filter = useMemo(
    () => ({ ...emptyFilter(), ...(JSON.parse(baseKey) as Partial<Filter>), text: state.text, owner: state.owner, city: state.city }),
    [state, baseKey],
  );
  const rows = usePagedRows(platform, { kind: props.kind, filter, sort, descending });
  settled.current = rows.settled ?? true;
  useRecordsChanged([props.kind], rows.reload);
  // Performance marks: the rows of the current query are on screen.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (rows.shownKey) listShown(filter.text);
  }, [rows.shownKey]);
  useEffect(() => setSelected(new Set()), [filter]);

  useWindowEvent(NEW_RECORD_EVENT, () => setCreating(true));
  useWindowEvent(FOCUS_SEARCH_EVENT, () => search.current?.focus());

  const onSort = (s: Sort) => {
    if (s === sort) setDescending((d) => !d);
    else {
      setSort(s);
      setDescending(false);
    }
  };
  const onSelect = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });
  }, []);
  const open = (r: Row) => navigate(recordPath(props.kind, r.id));

  const fail = (e: unknown) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
  const bulkUpdate = async (key: "owner" | "city", value: string) => {
    const ids = [...selected];
    const v = value ? (key === "owner" ? { type: "ref" as const, value } : { type: "text" as const, value }) : null;
    try {
      await platform.invoke("bulk_update", { ids, patch: { fields: { [key]: v }, custom: {} } });
      toast({ text: t("bulk.updated") });
      rows.reload();
    } catch (e) {
      fail(e);
    }
  };
  const bulkDelete = async () => {
    const ids = [...selected];
    try {
      await platform.invoke("delete_records", { ids });
      setSelected(new Set());
      rows.reload();
      toast({
        text: i18n.tn("bulk.deleted", ids.length),
        action: {
          label: t("common.undo"),
          run: () => {
            platform.invoke("restore_records", { ids }).then(() => {
              rows.reload();
              toast({ text: t("bulk.restored") });
            }, fail);
          },
        },
      });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="screen list-screen">
      <header className="screen-head">
        <div className="title-row">
          <h1>{props.title}</h1>
          <span className="count" data-testid="list-count" data-total={rows.total ?? undefined} aria-live="polite">
            {rows.total === null ? "…" : i18n.tn("list.count", rows.total)}
          </span>
        </div>
        <div className="head-actions">
          {props.headerExtra}
          {exportList && <ExportButton list={exportList} filter={filter} sort={sort} descending={descending} />}
          {(props.kind === "person" || props.kind === "company") && (
            <button type="button" className="btn" data-testid="import-button" disabled={readOnly} title={why} onClick={() => setImporting(true)}>
              {t("import.button")}
            </button>
          )}
          <button type="button" className="btn primary" data-testid="new-record" disabled={readOnly} title={why ?? `${t("list.new")} (n)`} onClick={() => setCreating(true)}>
            + {t("list.new")}
          </button>
        </div>
      </header>
      <FilterBar
        kind={props.kind}
        searchRef={search}
        typed={typed}
        setTyped={(text) => {
          searchTyped(text);
          setTyped(text);
        }}
        state={state}
        setState={(s) => {
          setState(s);
          setTyped(s.text ?? "");
        }}
        filters={props.filters}
      />
      {selected.size > 0 && (
        <BulkBar count={selected.size} bulk={readOnly ? {} : props.bulk} readOnly={why} onSet={bulkUpdate} onDelete={bulkDelete} onClear={() => setSelected(new Set())} />
      )}
      {rows.error && (
        <p className="form-error" role="alert">
          {errorText(i18n, rows.error)}
        </p>
      )}
      <VirtualTable
        columns={props.columns}
        rows={rows}
        sort={sort}
        descending={descending}
        onSort={onSort}
        selected={selected}
        onSelect={onSelect}
        onOpen={open}
        label={props.title}
        empty={t("list.empty")}
      />
      {importing && (
        <ImportWizard
          kind={props.kind}
          onClose={() => {
            setImporting(false);
            rows.reload();
          }}
        />
      )}
      {creating && (
        <CreateForm
          kind={props.kind}
          initial={props.createInitial}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            rows.reload();
            navigate(recordPath(props.kind, id));
          }}
        />
      )}
    </section>
  );
}
