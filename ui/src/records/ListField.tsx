//! E-mails and phones: an ordered list, with remove buttons and a box to add one.

import { useState } from "react";
import type { CrmRecord, FieldInfo } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform } from "../app/context";
import { useReadOnly } from "../app/readOnly";
import { errorText, fieldLabel, useT } from "../i18n/I18n";
import { ConflictPicker } from "./ConflictPicker";

export function ListField(props: { record: CrmRecord; info: FieldInfo; onSaved(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { readOnly } = useReadOnly();
  const read = props.record.fields[props.info.key];
  const items = read && read.value.type === "list" ? read.value.value : [];
  const [adding, setAdding] = useState("");
  const [error, setError] = useState<string | null>(null);

  const save = async (next: string[]) => {
    try {
      await platform.invoke("update_record", {
        id: props.record.id,
        patch: { fields: { [props.info.key]: next.length ? { type: "list", value: next } : null }, custom: {} },
      });
      setError(null);
      setAdding("");
      props.onSaved();
    } catch (e) {
      const err = toAppError(e);
      setError(err.code === "invalid" ? err.message : errorText(i18n, err));
    }
  };
  const add = () => {
    const v = adding.trim();
    if (v && !items.includes(v)) void save([...items, v]);
  };
  const href = (v: string) => (props.info.field_type === "emails" ? `mailto:${v}` : `tel:${v.replace(/\s/g, "")}`);

  return (
    <div className={`field-row${error ? " has-error" : ""}`}>
      <label htmlFor={`f-${props.info.key}`}>{fieldLabel(i18n, props.info.key)}</label>
      <div className="field-value">
        <ul className="chips">
          {items.map((v) => (
            <li key={v} className="chip">
              <a href={href(v)}>{v}</a>
              <button type="button" className="icon-btn" aria-label={t("value.removeItem", { item: v })} onClick={() => void save(items.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={`f-${props.info.key}`}
          data-testid={`field-${props.info.key}`}
          type={props.info.field_type === "emails" ? "email" : "tel"}
          placeholder={`${t("value.addItem")}…`}
          value={adding}
          readOnly={readOnly}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
        {read && read.conflicts.length > 0 && <ConflictPicker record={props.record} field={props.info.key} read={read} onResolved={props.onSaved} refTitleOf={() => ""} />}
        {error && <small className="field-error" role="alert">{error}</small>}
      </div>
    </div>
  );
}
