//! Tasks: Inbox (no due date), Today, Overdue and Upcoming with counters; done checkboxes;
//! a quick form for a new task (title, due date, assignee).

import { useCallback, useEffect, useState } from "react";
import type { TaskBucket, TaskCounts, TaskRow } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { navigate, recordPath } from "../app/router";
import { NEW_RECORD_EVENT, useWindowEvent } from "../app/shortcuts";
import { useRecordsChanged } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { errorText, useT } from "../i18n/I18n";
import { todayIso } from "../i18n/format";
import { NewTaskForm } from "./NewTaskForm";

const BUCKETS: TaskBucket[] = ["today", "overdue", "upcoming", "inbox"];

export function TasksScreen() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { session, userName, users } = useSession();
  const [bucket, setBucket] = useState<TaskBucket>("today");
  const { readOnly, why } = useReadOnly();
  const [assignee, setAssignee] = useState<string | null>(session.user.id);
  const [tasks, setTasks] = useState<TaskRow[]>([]);
  const [counts, setCounts] = useState<TaskCounts | null>(null);
  /** Tasks ticked off here stay visible (struck through) until the tab changes. */
  const [doneHere, setDoneHere] = useState<Map<string, TaskRow>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(() => {
    platform.invoke("tasks", { bucket, assignee, limit: 500 }).then(
      (r) => {
        setTasks(r.tasks);
        setCounts(r.counts);
        setError(null);
      },
      (e) => setError(errorText(i18n, toAppError(e))),
    );
  }, [platform, bucket, assignee, i18n]);
  useEffect(load, [load]);
  useEffect(() => setDoneHere(new Map()), [bucket, assignee]);
  useRecordsChanged(["task"], load);
  useWindowEvent(NEW_RECORD_EVENT, () => setAdding(true));

  const toggle = async (task: TaskRow) => {
    const done = !(task.done || doneHere.has(task.id));
    try {
      await platform.invoke("set_task_done", { id: task.id, done });
      setDoneHere((m) => {
        const next = new Map(m);
        if (done) next.set(task.id, { ...task, done: true });
        else next.delete(task.id);
        return next;
      });
      load();
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    }
  };

  // Keep ticked tasks in place: merge them back in their original order.
  const shown: TaskRow[] = [...tasks];
  for (const d of doneHere.values()) if (!shown.some((x) => x.id === d.id)) shown.push(d);
  shown.sort((a, b) => (a.due ?? "").localeCompare(b.due ?? "") || (a.title ?? "").localeCompare(b.title ?? "", i18n.lang));
  const today = todayIso();
  const countText = (n: number | undefined) => (n === undefined ? "" : n >= 1000 ? t("tasks.countMore") : String(n));

  return (
    <section className="screen tasks-screen">
      <header className="screen-head">
        <div className="title-row">
          <h1>{t("nav.tasks")}</h1>
        </div>
        <div className="head-actions">
          <select aria-label={t("tasks.assignee")} data-testid="tasks-assignee" value={assignee ?? ""} onChange={(e) => setAssignee(e.target.value || null)}>
            <option value={session.user.id}>{t("tasks.me")}</option>
            <option value="">{t("tasks.allAssignees")}</option>
            {users
              .filter((u) => u.id !== session.user.id)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
          <button type="button" className="btn primary" data-testid="new-record" disabled={readOnly} title={why ?? `${t("tasks.new")} (n)`} onClick={() => setAdding(true)}>
            + {t("tasks.new")}
          </button>
        </div>
      </header>
      <div className="tabs" role="tablist">
        {BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            role="tab"
            aria-selected={bucket === b}
            className={`tab${bucket === b ? " active" : ""}${b === "overdue" && counts?.overdue ? " alert" : ""}`}
            data-testid={`tasks-tab-${b}`}
            onClick={() => setBucket(b)}
          >
            {t(`tasks.${b}`)}
            <span className="tab-count" data-testid={`tasks-count-${b}`}>
              {countText(counts?.[b])}
            </span>
          </button>
        ))}
      </div>
      {adding && (
        <NewTaskForm
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            load();
          }}
        />
      )}
      {error && <p className="form-error" role="alert">{error}</p>}
      <ul className="task-list" role="tabpanel">
        {shown.map((task) => {
          const done = task.done || doneHere.has(task.id);
          return (
            <li key={task.id} className={`task-row${done ? " done" : ""}`} data-testid="task-row" data-id={task.id}>
              <input type="checkbox" data-testid="task-done" aria-label={t("tasks.markDone")} checked={done} disabled={readOnly} title={why} onChange={() => void toggle(task)} />
              <a href={`#${recordPath("task", task.id)}`} className="task-title" onClick={(e) => { e.preventDefault(); navigate(recordPath("task", task.id)); }}>
                {task.title}
              </a>
              <span className={`due${task.due && task.due < today && !done ? " overdue" : ""}`}>{task.due ? i18n.date(task.due) : t("tasks.noDue")}</span>
              <span className="muted assignee">{userName(task.assignee)}</span>
            </li>
          );
        })}
        {shown.length === 0 && !error && <li className="empty">{t("tasks.empty")}</li>}
      </ul>
    </section>
  );
}
