//! "New record": a form built from the kind's schema. Required fields are marked and
//! checked before sending; the server's validation error is shown at its field.

import { useEffect, useMemo, useState } from "react";
import type { CustomFieldView, FieldInfo, Kind, Patch, PipelineView, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { errorText, fieldLabel, useT, type MsgKey } from "../i18n/I18n";
import { Dialog } from "../ui/Dialog";
import { FieldInput } from "./FieldInput";
import { DraftError, EDITABLE_TYPES, fieldOfMessage, parseDraft } from "./values";
import { Chips } from "./Chips";
import { customInfo, hasCustomFields, textSet } from "./customFields";

/** Fields the form leaves out per kind (set elsewhere: status by Won/Lost, etc.). */
const HIDDEN: Partial<Record<Kind, string[]>> = {
  deal: ["status", "lost_reason"],
  task: ["done"],
};

export function CreateForm(props: {
  kind: Kind;
  onClose(): void;
  onCreated(id: string): void;
  /** Drafts to start from (a pipeline for a new deal). */
  initial?: Record<string, string>;
  /** Fields added to the patch as they are (links of a new task). */
  extra?: Record<string, Value>;
}) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const [fields, setFields] = useState<FieldInfo[] | null>(null);
  const [pipelines, setPipelines] = useState<PipelineView[] | undefined>(undefined);
  const [drafts, setDrafts] = useState<Record<string, string>>({ owner: session.user.id, visibility: "public", ...props.initial });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [customDefs, setCustomDefs] = useState<CustomFieldView[]>([]);
  const [customDrafts, setCustomDrafts] = useState<Record<string, string>>({});
  const [customPicked, setCustomPicked] = useState<Record<string, string[]>>({});

  useEffect(() => {
    platform.invoke("schema", { kind: props.kind }).then((s) => setFields(s.fields), (e) => setFormError(errorText(i18n, toAppError(e))));
    if (props.kind === "deal") platform.invoke("pipelines", null).then(setPipelines, () => setPipelines([]));
    if (hasCustomFields(props.kind)) platform.invoke("custom_fields", { target: props.kind }).then(setCustomDefs, () => setCustomDefs([]));
  }, [platform, props.kind, i18n]);

  const shown = useMemo(
    () => (fields ?? []).filter((f) => EDITABLE_TYPES.includes(f.field_type) && !(HIDDEN[props.kind] ?? []).includes(f.key)),
    [fields, props.kind],
  );

  // A new deal starts in the first stage of its pipeline.
  useEffect(() => {
    if (props.kind !== "deal" || !pipelines?.length) return;
    setDrafts((d) => {
      const pipeline = d.pipeline || pipelines[0].id;
      const stages = pipelines.find((p) => p.id === pipeline)?.stages ?? [];
      const stage = stages.some((s) => s.id === d.stage) ? d.stage : stages[0]?.id ?? "";
      return { ...d, pipeline, stage };
    });
  }, [pipelines, props.kind, drafts.pipeline]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const patch: Patch = { fields: { ...props.extra }, custom: {} };
    const errs: Record<string, string> = {};
    for (const f of shown) {
      const draft = drafts[f.key] ?? "";
      if (f.required && !draft.trim()) {
        errs[f.key] = t("common.required");
        continue;
      }
      try {
        const v = parseDraft(f, draft);
        if (v) patch.fields[f.key] = v;
      } catch (err) {
        if (err instanceof DraftError) errs[f.key] = t("error.invalid");
      }
    }
    for (const d of customDefs) {
      if (d.field_type === "multiselect") {
        const v = textSet(d, customPicked[d.id] ?? []);
        if (v) patch.custom[d.id] = v;
        continue;
      }
      try {
        const v = parseDraft(customInfo(d), customDrafts[d.id] ?? "");
        if (v) patch.custom[d.id] = v;
      } catch (err) {
        if (err instanceof DraftError) errs[`custom:${d.id}`] = t("error.invalid");
      }
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    setFormError(null);
    try {
      const { id } = await platform.invoke("create_record", { kind: props.kind, patch });
      props.onCreated(id);
    } catch (err) {
      const appErr = toAppError(err);
      const key = appErr.code === "invalid" ? fieldOfMessage(appErr.message, shown.map((f) => f.key)) : null;
      if (key) setErrors({ [key]: appErr.message });
      else setFormError(errorText(i18n, appErr));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("create.title", { kind: t(`kind.${props.kind}` as MsgKey) })} onClose={props.onClose} wide testId="create-dialog">
      <form onSubmit={submit} noValidate className="create-form">
        <div className="form-grid">
          {shown.map((f) => (
            <label key={f.key} className={`field${f.field_type === "long_text" ? " span2" : ""}${f.field_type === "bool" ? " inline" : ""}`}>
              <span>
                {fieldLabel(i18n, f.key)}
                {f.required && <abbr title={t("common.required")} className="req"> *</abbr>}
              </span>
              <FieldInput
                info={f}
                testId={`create-${f.key}`}
                draft={drafts[f.key] ?? ""}
                onChange={(d) => setDrafts((x) => ({ ...x, [f.key]: d }))}
                pipelines={pipelines}
                pipelineId={drafts.pipeline}
                invalid={!!errors[f.key]}
              />
              {errors[f.key] && (
                <small className="field-error" data-testid={`create-error-${f.key}`}>
                  {errors[f.key]}
                </small>
              )}
            </label>
          ))}
          {customDefs.map((d) => (
            <label key={d.id} className={`field${d.field_type === "bool" ? " inline" : ""}${d.field_type === "multiselect" ? " span2" : ""}`}>
              <span>{d.label}</span>
              {d.field_type === "multiselect" ? (
                <Chips
                  testId={`create-custom-${d.key}`}
                  label={d.label}
                  options={d.options}
                  picked={customPicked[d.id] ?? []}
                  onToggle={(o, on) => setCustomPicked((x) => ({ ...x, [d.id]: on ? [...(x[d.id] ?? []), o] : (x[d.id] ?? []).filter((y) => y !== o) }))}
                />
              ) : (
                <FieldInput
                  info={customInfo(d)}
                  testId={`create-custom-${d.key}`}
                  draft={customDrafts[d.id] ?? ""}
                  onChange={(v) => setCustomDrafts((x) => ({ ...x, [d.id]: v }))}
                  invalid={!!errors[`custom:${d.id}`]}
                />
              )}
              {errors[`custom:${d.id}`] && <small className="field-error">{errors[`custom:${d.id}`]}</small>}
            </label>
          ))}
        </div>
        <p className="hint">{t("create.requiredNote")}</p>
        {formError && (
          <p className="form-error" role="alert" data-testid="form-error">
            {formError}
          </p>
        )}
        <footer className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn primary" data-testid="create-submit" disabled={busy || !fields}>
            {t("create.submit")}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
