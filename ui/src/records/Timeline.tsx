//! The timeline of a record: notes, calls, meetings and e-mails, newest first, and a box
//! to add one.

import { useState } from "react";
import type { TimelineEntry } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { EditGroup } from "../app/readOnly";
import { errorText, useT, valueLabel } from "../i18n/I18n";

const TYPES = ["note", "call", "meeting", "email"];

export function Timeline(props: { record: string; entries: TimelineEntry[]; onAdded(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { userName } = useSession();
  const [body, setBody] = useState("");
  const [type, setType] = useState("note");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    try {
      await platform.invoke("add_activity", { record: props.record, activity_type: type, subject: null, body: body.trim() });
      setBody("");
      setError(null);
      props.onAdded();
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t("record.timeline")}</h2>
      <EditGroup className="note-box" testId="note-box">
        <textarea
          data-testid="note-input"
          aria-label={t("record.notePlaceholder")}
          placeholder={t("record.notePlaceholder")}
          rows={3}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void add();
            }
          }}
        />
        <div className="note-actions">
          <select aria-label={t("field.type")} value={type} onChange={(e) => setType(e.target.value)} data-testid="note-type">
            {TYPES.map((x) => (
              <option key={x} value={x}>
                {valueLabel(i18n, x)}
              </option>
            ))}
          </select>
          <button type="button" className="btn primary" data-testid="note-add" disabled={!body.trim() || busy} onClick={() => void add()} title="Ctrl+Enter">
            {t("record.addNote")}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="note-error">
            {error}
          </p>
        )}
      </EditGroup>
      {props.entries.length === 0 ? (
        <p className="empty">{t("record.noTimeline")}</p>
      ) : (
        <ol className="timeline">
          {props.entries.map((e) => (
            <li key={e.id} className={`timeline-entry type-${e.activity_type}`} data-testid="timeline-entry">
              <span className="tl-icon" aria-hidden="true">{icon(e.activity_type)}</span>
              <div className="tl-body">
                <div className="tl-meta">
                  <strong>{e.subject || valueLabel(i18n, e.activity_type)}</strong>
                  <span className="muted">
                    {e.subject && e.subject !== valueLabel(i18n, e.activity_type) ? `${valueLabel(i18n, e.activity_type)} · ` : ""}
                    {i18n.dateTime(e.at)}
                    {e.author ? ` · ${userName(e.author)}` : ""}
                  </span>
                </div>
                {e.preview && <p className="tl-text">{e.preview}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function icon(type: string): string {
  switch (type) {
    case "call":
      return "☎";
    case "meeting":
      return "◷";
    case "email":
      return "✉";
    default:
      return "✎";
  }
}
