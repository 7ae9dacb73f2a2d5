//! The tasks of a record with done toggles and a quick "add task".

import { useState } from "react";
import type { TaskRow } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { EditGroup } from "../app/readOnly";
import { navigate, recordPath } from "../app/router";
import { errorText, useT } from "../i18n/I18n";
import { todayIso } from "../i18n/format";

export function RecordTasks(props: { record: string; tasks: TaskRow[]; onChanged(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { session, userName } = useSession();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState("");
  const fail = (e: unknown) => toast({ text: errorText(i18n, toAppError(e)), tone: "error" });

  const toggle = (task: TaskRow) =>
    platform.invoke("set_task_done", { id: task.id, done: !task.done }).then(props.onChanged, fail);
  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    try {
      await platform.invoke("create_record", {
        kind: "task",
        patch: {
          fields: {
            title: { type: "text", value: title.trim() },
            assignee: { type: "ref", value: session.user.id },
            links: { type: "ref_set", value: [props.record] },
            ...(due ? { due: { type: "date" as const, value: due } } : {}),
          },
          custom: {},
        },
      });
      setTitle("");
      setDue("");
      props.onChanged();
    } catch (err) {
      fail(err);
    }
  };
  const today = todayIso();

  return (
    <section className="panel">
      <h2>{t("record.tasks")}</h2>
      {props.tasks.length === 0 && <p className="empty">{t("record.noTasks")}</p>}
      <EditGroup>
        <ul className="task-list compact">
          {props.tasks.map((task) => (
            <li key={task.id} className={`task-row${task.done ? " done" : ""}`} data-testid="task-row" data-id={task.id}>
              <input type="checkbox" data-testid="task-done" aria-label={t("tasks.markDone")} checked={task.done} onChange={() => void toggle(task)} />
              <a href={`#${recordPath("task", task.id)}`} onClick={(e) => { e.preventDefault(); navigate(recordPath("task", task.id)); }}>
                {task.title}
              </a>
              <span className={`due${task.due && task.due < today && !task.done ? " overdue" : ""}`}>{task.due ? i18n.date(task.due) : t("tasks.noDue")}</span>
              <span className="muted">{userName(task.assignee)}</span>
            </li>
          ))}
        </ul>
        <form className="inline-form add-task" onSubmit={add}>
          <input aria-label={t("tasks.title")} placeholder={t("tasks.title")} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="record-task-title" />
          <input type="date" aria-label={t("tasks.due")} value={due} onChange={(e) => setDue(e.target.value)} />
          <button type="submit" className="btn" disabled={!title.trim()}>
            {t("tasks.add")}
          </button>
        </form>
      </EditGroup>
    </section>
  );
}
