//! A field edited in place: saves a one-key patch on blur or Enter. Shows a conflict mark
//! when other devices wrote other values at the same time.

import { useState } from "react";
import { useDraft } from "../app/useDraft";
import type { CrmRecord, FieldInfo, PipelineView, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform } from "../app/context";
import { errorText, fieldLabel, useT } from "../i18n/I18n";
import { ConflictPicker } from "./ConflictPicker";
import { FieldInput } from "./FieldInput";
import { DraftError, draftOf, parseDraft, sameValue } from "./values";

export function EditableField(props: {
  record: CrmRecord;
  info: FieldInfo;
  refTitle?: string;
  pipelines?: PipelineView[];
  onSaved(): void;
  refTitleOf(id: string): string;
}) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { record, info } = props;
  const read = record.fields[info.key];
  const current: Value | null = read?.value ?? null;
  const [draft, setDraft] = useDraft(() => draftOf(info, current), JSON.stringify(current));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const commit = async (d: string) => {
    let value: Value | null;
    try {
      value = parseDraft(info, d, current?.type === "money" ? current.value.currency : "PLN");
    } catch (e) {
      if (e instanceof DraftError) setError(t("error.invalid"));
      return;
    }
    if (sameValue(value, current)) {
      setError(null);
      return;
    }
    if (info.required && value === null) {
      setError(t("common.required"));
      return;
    }
    setSaving(true);
    try {
      if (record.kind === "deal" && info.key === "stage" && value?.type === "text") {
        await platform.invoke("move_deal", { id: record.id, stage: value.value });
      } else {
        await platform.invoke("update_record", { id: record.id, patch: { fields: { [info.key]: value }, custom: {} } });
      }
      setError(null);
      props.onSaved();
    } catch (e) {
      const err = toAppError(e);
      setError(err.code === "invalid" ? err.message : errorText(i18n, err));
    } finally {
      setSaving(false);
    }
  };

  const id = `f-${info.key}`;
  const pipelineId = record.fields.pipeline?.value.type === "ref" ? record.fields.pipeline.value.value : null;
  return (
    <div className={`field-row${error ? " has-error" : ""}${saving ? " saving" : ""}`}>
      <label htmlFor={id}>
        {fieldLabel(i18n, info.key)}
        {info.required && <abbr title={t("common.required")} className="req"> *</abbr>}
      </label>
      <div className="field-value">
        <FieldInput
          id={id}
          info={info}
          testId={`field-${info.key}`}
          draft={draft}
          onChange={setDraft}
          onCommit={commit}
          refTitle={props.refTitle ?? (current?.type === "ref" ? props.refTitleOf(current.value) : "")}
          pipelines={record.kind === "deal" ? props.pipelines : undefined}
          pipelineId={pipelineId}
          currency={current?.type === "money" ? current.value.currency : "PLN"}
          invalid={!!error}
        />
        {read && read.conflicts.length > 0 && (
          <ConflictPicker record={record} field={info.key} read={read} onResolved={props.onSaved} refTitleOf={props.refTitleOf} />
        )}
        {error && (
          <small className="field-error" role="alert" data-testid={`field-error-${info.key}`}>
            {error}
          </small>
        )}
      </div>
    </div>
  );
}
