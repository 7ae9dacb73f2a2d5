//! A record's custom values below its standard fields: one input per definition of the
//! record's kind, saved in place as `patch.custom = {[definitionId]: Value | null}`.
//! `resolve_conflict` addresses standard fields only, so a conflict on a custom value is
//! shown read-only.

import { useEffect, useRef, useState } from "react";
import type { CrmRecord, CustomFieldView, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { useData } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { useDraft } from "../app/useDraft";
import { errorText, useT } from "../i18n/I18n";
import { Chips } from "./Chips";
import { FieldInput } from "./FieldInput";
import { customInfo, hasCustomFields, pickedOf, textSet } from "./customFields";
import { DraftError, draftOf, parseDraft, sameValue, showValue } from "./values";

export function CustomValues(props: { record: CrmRecord; onSaved(): void }) {
  const { t } = useT();
  const platform = usePlatform();
  const kind = props.record.kind;
  const defs = useData(
    () => (hasCustomFields(kind) ? platform.invoke("custom_fields", { target: kind }) : Promise.resolve([] as CustomFieldView[])),
    [kind],
    ["custom_field"],
  );
  if (!defs.data?.length) return null;
  return (
    <div className="custom-values" data-testid="custom-values">
      <h3>{t("custom.title")}</h3>
      <div className="fields">
        {defs.data.map((d) => (
          <CustomValue key={d.id} record={props.record} def={d} onSaved={props.onSaved} />
        ))}
      </div>
    </div>
  );
}

function CustomValue(props: { record: CrmRecord; def: CustomFieldView; onSaved(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { userName } = useSession();
  const { readOnly } = useReadOnly();
  const { record, def } = props;
  const read = record.custom[def.id];
  const current: Value | null = read?.value ?? null;
  const info = customInfo(def);
  const currentKey = JSON.stringify(current);
  const [draft, setDraft] = useDraft(() => draftOf(info, current), currentKey);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The value last read or written: a second edit before the page reloads compares with it.
  const known = useRef<Value | null>(current);
  useEffect(() => {
    known.current = current;
  }, [currentKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async (value: Value | null) => {
    if (sameValue(value, known.current)) {
      setError(null);
      return;
    }
    setSaving(true);
    try {
      await platform.invoke("update_record", { id: record.id, patch: { fields: {}, custom: { [def.id]: value } } });
      known.current = value;
      setError(null);
      props.onSaved();
    } catch (e) {
      const err = toAppError(e);
      setError(err.code === "invalid" ? err.message : errorText(i18n, err));
    } finally {
      setSaving(false);
    }
  };
  const commit = (d: string) => {
    try {
      void save(parseDraft(info, d, current?.type === "money" ? current.value.currency : "PLN"));
    } catch (e) {
      if (e instanceof DraftError) setError(t("error.invalid"));
    }
  };

  const id = `cf-${def.key}`;
  const testId = `custom-${def.key}`;
  return (
    <div className={`field-row${error ? " has-error" : ""}${saving ? " saving" : ""}`} data-testid="custom-row">
      <label htmlFor={id}>{def.label}</label>
      <div className="field-value">
        {def.field_type === "multiselect" ? (
          <Chips
            id={id}
            testId={testId}
            label={def.label}
            options={def.options}
            picked={pickedOf(known.current)}
            disabled={saving || readOnly}
            onToggle={(o, on) => {
              const picked = pickedOf(known.current).filter((x) => x !== o);
              void save(textSet(def, on ? [...picked, o] : picked));
            }}
          />
        ) : (
          <FieldInput
            id={id}
            info={info}
            testId={testId}
            draft={draft}
            onChange={setDraft}
            onCommit={commit}
            currency={current?.type === "money" ? current.value.currency : "PLN"}
            invalid={!!error}
          />
        )}
        {read && read.conflicts.length > 0 && (
          <div className="custom-conflict" data-testid="custom-conflict">
            <span className="badge warn">⚠ {t("record.conflict")}</span>
            <small className="muted">
              {t("custom.conflictReadOnly", { values: read.conflicts.map((v) => showValue(v, i18n, userName) || t("common.none")).join("; ") })}
            </small>
          </div>
        )}
        {error && (
          <small className="field-error" role="alert" data-testid={`custom-error-${def.key}`}>
            {error}
          </small>
        )}
      </div>
    </div>
  );
}
