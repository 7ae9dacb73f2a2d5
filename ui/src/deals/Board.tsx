//! The pipeline board: a column per stage with count, sum and weighted sum; cards move
//! between stages by dragging or with Shift+←/→. Won and lost totals below.

import { useCallback, useEffect, useState } from "react";
import type { Board as BoardData, Row } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { navigate, recordPath } from "../app/router";
import { useRecordsChanged } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { errorText, useT } from "../i18n/I18n";
import { todayIso } from "../i18n/format";
import { useCardDrag } from "./useDrag";

type DealRow = Extract<Row, { kind: "deal" }>;

export function Board(props: { pipeline: string; owner: string | null }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { userName } = useSession();
  const [board, setBoard] = useState<BoardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { readOnly, why } = useReadOnly();

  const load = useCallback(() => {
    platform.invoke("board", { pipeline: props.pipeline, owner: props.owner }).then(
      (b) => {
        setBoard(b);
        setError(null);
      },
      (e) => setError(errorText(i18n, toAppError(e))),
    );
  }, [platform, props.pipeline, props.owner, i18n]);
  useEffect(load, [load]);
  useRecordsChanged(["deal", "pipeline"], load);

  const move = useCallback(
    async (id: string, from: string, to: string) => {
      // Move the card at once; the totals come with the reload.
      setBoard((b) => {
        if (!b) return b;
        const card = b.columns.find((c) => c.stage === from)?.deals.find((d) => d.id === id);
        if (!card) return b;
        return {
          ...b,
          columns: b.columns.map((c) =>
            c.stage === from ? { ...c, deals: c.deals.filter((d) => d.id !== id) } : c.stage === to ? { ...c, deals: [card, ...c.deals] } : c,
          ),
        };
      });
      try {
        await platform.invoke("move_deal", { id, stage: to });
        const name = board?.pipeline.stages.find((s) => s.id === to)?.name ?? "";
        toast({ text: t("deals.moved", { stage: name }) });
      } catch (e) {
        toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
      }
      load();
      // Keep the keyboard on the moved card.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid=deal-card][data-id="${id}"]`)?.focus());
    },
    [platform, load, toast, t, i18n, board],
  );
  const { drag, onMouseDown, wasDrag } = useCardDrag((id, from, to) => void move(id, from, to));

  if (error) return <p className="form-error" role="alert">{error}</p>;
  if (!board) return <p className="loading">{t("common.loading")}</p>;

  const stages = board.pipeline.stages;
  const today = todayIso();
  const onCardKey = (e: React.KeyboardEvent, deal: DealRow, stageIndex: number) => {
    if (e.key === "Enter") {
      navigate(recordPath("deal", deal.id));
      return;
    }
    if (readOnly || !e.shiftKey || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
    e.preventDefault();
    const target = stages[stageIndex + (e.key === "ArrowRight" ? 1 : -1)];
    if (target) void move(deal.id, stages[stageIndex].id, target.id);
  };
  const dragged = drag ? (board.columns.flatMap((c) => c.deals).find((d) => d.id === drag.id) as DealRow | undefined) : undefined;

  return (
    <div className="board-wrap">
      <div className="board" role="list" aria-label={board.pipeline.name}>
        {stages.map((stage, si) => {
          const column = board.columns.find((c) => c.stage === stage.id);
          const summary = board.summary.stages.find((s) => s.stage === stage.id);
          const deals = (column?.deals ?? []) as DealRow[];
          return (
            <section
              key={stage.id}
              className={`board-column${drag && drag.over === stage.id && drag.from !== stage.id ? " drop-target" : ""}`}
              data-testid="board-column"
              data-stage={stage.id}
              role="listitem"
              aria-label={stage.name}
            >
              <header className="column-head">
                <div className="column-title">
                  <h2>{stage.name}</h2>
                  <span className="muted">{stage.probability}%</span>
                </div>
                <dl className="column-stats">
                  <div>
                    <dt>{t("deals.count")}</dt>
                    <dd data-testid="stage-count">{summary?.count ?? deals.length}</dd>
                  </div>
                  <div>
                    <dt>{t("deals.sum")}</dt>
                    <dd data-testid="stage-sum">{i18n.moneyList(summary?.sum ?? [], { whole: true })}</dd>
                  </div>
                  <div>
                    <dt>{t("deals.weighted")}</dt>
                    <dd data-testid="stage-weighted">{i18n.moneyList(summary?.weighted ?? [], { whole: true })}</dd>
                  </div>
                </dl>
              </header>
              <ul className="cards">
                {deals.map((d) => (
                  <li
                    key={d.id}
                    className={`deal-card${drag?.id === d.id ? " lifted" : ""}`}
                    data-testid="deal-card"
                    data-id={d.id}
                    tabIndex={0}
                    title={why ?? t("deals.moveHint")}
                    aria-disabled={readOnly || undefined}
                    aria-roledescription="card"
                    onMouseDown={(e) => !readOnly && onMouseDown(e, d.id, stage.id)}
                    onClick={() => !wasDrag() && navigate(recordPath("deal", d.id))}
                    onKeyDown={(e) => onCardKey(e, d, si)}
                  >
                    <DealCardBody deal={d} today={today} owner={userName(d.owner)} />
                  </li>
                ))}
                {deals.length === 0 && <li className="empty">{t("deals.noDeals")}</li>}
              </ul>
            </section>
          );
        })}
      </div>
      <footer className="board-totals">
        <span className="won" data-testid="won-total">
          {t("deals.wonTotal")}: <strong>{board.summary.won.count}</strong> · {i18n.moneyList(board.summary.won.sum, { whole: true })}
        </span>
        <span className="lost" data-testid="lost-total">
          {t("deals.lostTotal")}: <strong>{board.summary.lost.count}</strong> · {i18n.moneyList(board.summary.lost.sum, { whole: true })}
        </span>
        <span className="muted hint">{why ?? t("deals.moveHint")}</span>
      </footer>
      {drag && dragged && (
        <div className="deal-card ghost" style={{ left: drag.x - drag.offsetX, top: drag.y - drag.offsetY, width: drag.width }} aria-hidden="true">
          <DealCardBody deal={dragged} today={today} owner={userName(dragged.owner)} />
        </div>
      )}
    </div>
  );
}

function DealCardBody({ deal, today, owner }: { deal: DealRow; today: string; owner: string }) {
  const i18n = useT();
  return (
    <>
      <div className="card-title">{deal.title || i18n.t("record.untitled")}</div>
      <div className="card-value">{deal.value ? i18n.money(deal.value) : "—"}</div>
      <div className="card-meta">
        <span className={deal.close_date && deal.close_date < today ? "overdue" : undefined}>{deal.close_date ? i18n.date(deal.close_date) : i18n.t("deals.noDate")}</span>
        <span className="owner" title={owner}>
          {initials(owner)}
        </span>
      </div>
    </>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0])
    .join("")
    .toUpperCase();
}
