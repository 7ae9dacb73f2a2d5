//! A set of users (a space's members, a record's participants): names as chips, a picker
//! to add one, × to remove one. Concurrent additions on other devices all survive.

import { useState } from "react";
import type { CrmRecord, FieldInfo } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { useReadOnly } from "../app/readOnly";
import { errorText, fieldLabel, useT } from "../i18n/I18n";

export function UserSetField(props: { record: CrmRecord; info: FieldInfo; onSaved(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { users, userName } = useSession();
  const { readOnly } = useReadOnly();
  const [error, setError] = useState<string | null>(null);
  const v = props.record.fields[props.info.key]?.value;
  const ids = v && v.type === "ref_set" ? v.value : [];

  const save = async (next: string[]) => {
    try {
      await platform.invoke("update_record", {
        id: props.record.id,
        patch: { fields: { [props.info.key]: next.length ? { type: "ref_set", value: next } : null }, custom: {} },
      });
      setError(null);
      props.onSaved();
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    }
  };

  return (
    <div className="field-row">
      <label htmlFor={`f-${props.info.key}`}>{fieldLabel(i18n, props.info.key)}</label>
      <div className="field-value">
        <ul className="chips" data-testid={`members-${props.info.key}`}>
          {ids.map((id) => (
            <li key={id} className="chip">
              <span>{userName(id)}</span>
              <button type="button" className="icon-btn" aria-label={t("value.removeItem", { item: userName(id) })} onClick={() => void save(ids.filter((x) => x !== id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <select id={`f-${props.info.key}`} data-testid={`field-${props.info.key}`} value="" disabled={readOnly} onChange={(e) => e.target.value && void save([...ids, e.target.value])}>
          <option value="">{t("value.addItem")}…</option>
          {users
            .filter((u) => !ids.includes(u.id))
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </select>
        {error && <small className="field-error" role="alert">{error}</small>}
      </div>
    </div>
  );
}
