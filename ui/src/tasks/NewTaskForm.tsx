//! A new task: title, due date, assignee.

import { useState } from "react";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { errorText, useT } from "../i18n/I18n";
import { todayIso } from "../i18n/format";

export function NewTaskForm(props: { onClose(): void; onCreated(id: string): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session, users } = useSession();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(todayIso());
  const [assignee, setAssignee] = useState(session.user.id);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(t("common.required"));
      return;
    }
    try {
      const { id } = await platform.invoke("create_record", {
        kind: "task",
        patch: {
          fields: {
            title: { type: "text", value: title.trim() },
            done: { type: "bool", value: false },
            ...(due ? { due: { type: "date" as const, value: due } } : {}),
            ...(assignee ? { assignee: { type: "ref" as const, value: assignee } } : {}),
          },
          custom: {},
        },
      });
      props.onCreated(id);
    } catch (err) {
      const appErr = toAppError(err);
      setError(appErr.code === "invalid" ? appErr.message : errorText(i18n, appErr));
    }
  };

  return (
    <form className="new-task" onSubmit={submit} onKeyDown={(e) => e.key === "Escape" && props.onClose()} data-testid="new-task-form">
      <input autoFocus aria-label={t("tasks.title")} placeholder={t("tasks.title")} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="create-title" aria-invalid={!!error || undefined} />
      <input type="date" aria-label={t("tasks.due")} title={t("tasks.due")} value={due} onChange={(e) => setDue(e.target.value)} data-testid="create-due" />
      <select aria-label={t("tasks.assignee")} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="create-assignee">
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <button type="submit" className="btn primary" data-testid="create-submit">
        {t("tasks.add")}
      </button>
      <button type="button" className="btn ghost" onClick={props.onClose}>
        {t("common.cancel")}
      </button>
      {error && <p className="form-error" role="alert" data-testid="form-error">{error}</p>}
    </form>
  );
}
