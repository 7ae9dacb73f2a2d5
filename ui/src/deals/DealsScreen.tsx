//! Deals: pick a pipeline, see it as a board or a list, filter by salesperson.

import { useEffect, useMemo, useState } from "react";
import type { PipelineView, Row } from "../platform/contract";
import { usePlatform, useSession } from "../app/context";
import { navigate, recordPath } from "../app/router";
import { NEW_RECORD_EVENT, useWindowEvent } from "../app/shortcuts";
import { useData } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { errorText, useT, valueLabel } from "../i18n/I18n";
import { ListScreen } from "../lists/ListScreen";
import type { Column } from "../lists/VirtualTable";
import { CreateForm } from "../records/CreateForm";
import { Board } from "./Board";

type DealRow = Extract<Row, { kind: "deal" }>;
const PIPELINE_KEY = "localspace.pipeline";
const VIEW_KEY = "localspace.dealsView";

export function PipelinePicker(props: { pipelines: PipelineView[]; value: string; onChange(id: string): void }) {
  const { t } = useT();
  return (
    <label className="inline-label">
      <span>{t("deals.pipeline")}</span>
      <select data-testid="pipeline-select" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.pipelines.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The chosen pipeline, remembered on this device; the first one until chosen. */
export function usePipelineChoice(pipelines: PipelineView[] | null) {
  const [chosen, setChosen] = useState<string>(() => localStorage.getItem(PIPELINE_KEY) ?? "");
  const id = pipelines?.some((p) => p.id === chosen) ? chosen : pipelines?.[0]?.id ?? "";
  const choose = (next: string) => {
    localStorage.setItem(PIPELINE_KEY, next);
    setChosen(next);
  };
  return [id, choose] as const;
}

export function DealsScreen() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { users, userName } = useSession();
  const pipelines = useData(() => platform.invoke("pipelines", null), [], ["pipeline"]);
  const [pipeline, setPipeline] = usePipelineChoice(pipelines.data);
  const [view, setView] = useState<"board" | "list">(() => (localStorage.getItem(VIEW_KEY) === "list" ? "list" : "board"));
  const [owner, setOwner] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [boardKey, setBoardKey] = useState(0);
  const { readOnly, why } = useReadOnly();
  useEffect(() => localStorage.setItem(VIEW_KEY, view), [view]);
  useWindowEvent(NEW_RECORD_EVENT, () => view === "board" && setCreating(true));

  const current = pipelines.data?.find((p) => p.id === pipeline);
  const stageName = (id: string | null) => current?.stages.find((s) => s.id === id)?.name ?? "";
  const columns: Column[] = useMemo(
    () => [
      { key: "title", label: t("col.title"), width: "minmax(220px, 2.4fr)", sort: "name", render: (r) => <span className="strong">{(r as DealRow).title}</span> },
      { key: "stage", label: t("col.stage"), width: "minmax(120px, 1fr)", render: (r) => stageName((r as DealRow).stage) },
      { key: "value", label: t("col.value"), width: "140px", sort: "value", align: "right", render: (r) => ((r as DealRow).value ? i18n.money((r as DealRow).value!) : "") },
      { key: "close", label: t("col.closeDate"), width: "130px", sort: "close_date", render: (r) => i18n.date((r as DealRow).close_date) },
      { key: "prob", label: t("col.probability"), width: "90px", align: "right", render: (r) => ((r as DealRow).probability ?? "") === "" ? "" : `${(r as DealRow).probability}%` },
      { key: "status", label: t("col.status"), width: "100px", render: (r) => <span className={`status ${(r as DealRow).status}`}>{valueLabel(i18n, (r as DealRow).status)}</span> },
      { key: "owner", label: t("col.owner"), width: "minmax(120px, 1fr)", render: (r) => userName((r as DealRow).owner) },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, current, userName],
  );

  if (pipelines.error && !pipelines.data) return <section className="screen"><p className="form-error">{errorText(i18n, pipelines.error)}</p></section>;
  if (!pipelines.data) return <section className="screen loading">{t("common.loading")}</section>;
  if (!pipelines.data.length) return <section className="screen"><h1>{t("nav.deals")}</h1><p className="empty">{t("deals.noPipelines")}</p></section>;

  const controls = (
    <>
      <PipelinePicker pipelines={pipelines.data} value={pipeline} onChange={setPipeline} />
      {view === "board" && (
        <select aria-label={t("list.owner")} data-testid="board-owner" value={owner ?? ""} onChange={(e) => setOwner(e.target.value || null)}>
          <option value="">{t("list.anyOwner")}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      )}
      <div className="segmented" role="group" aria-label={t("deals.board")}>
        <button type="button" aria-pressed={view === "board"} data-testid="view-board" onClick={() => setView("board")}>
          {t("deals.board")}
        </button>
        <button type="button" aria-pressed={view === "list"} data-testid="view-list" onClick={() => setView("list")}>
          {t("deals.list")}
        </button>
      </div>
    </>
  );

  if (view === "list")
    return (
      <ListScreen
        key={pipeline}
        kind="deal"
        title={t("nav.deals")}
        columns={columns}
        filters={{ owner: true }}
        bulk={{ owner: true }}
        baseFilter={{ pipeline }}
        initialSort="name"
        headerExtra={controls}
        createInitial={{ pipeline }}
      />
    );

  return (
    <section className="screen deals-screen">
      <header className="screen-head">
        <div className="title-row">
          <h1>{t("nav.deals")}</h1>
        </div>
        <div className="head-actions">
          {controls}
          <button type="button" className="btn primary" data-testid="new-record" disabled={readOnly} title={why ?? `${t("list.new")} (n)`} onClick={() => setCreating(true)}>
            + {t("list.new")}
          </button>
        </div>
      </header>
      <Board key={`${pipeline}-${boardKey}`} pipeline={pipeline} owner={owner} />
      {creating && (
        <CreateForm
          kind="deal"
          initial={{ pipeline }}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setBoardKey((k) => k + 1);
            navigate(recordPath("deal", id));
          }}
        />
      )}
    </section>
  );
}
