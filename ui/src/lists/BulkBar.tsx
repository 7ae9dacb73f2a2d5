//! Actions on the selected rows: set owner, set city, delete (off while the account is
//! read-only; the selection stays for reading).

import { useState } from "react";
import { useSession } from "../app/context";
import { useT } from "../i18n/I18n";

export function BulkBar(props: {
  count: number;
  bulk: { owner?: boolean; city?: boolean };
  onSet(key: "owner" | "city", value: string): void;
  onDelete(): void;
  onClear(): void;
  /** Why changes are off (the account is read-only); none while editable. */
  readOnly?: string;
}) {
  const { t } = useT();
  const { users } = useSession();
  const [city, setCity] = useState("");
  return (
    <div className="bulkbar" role="region" aria-label={t("bulk.edit")} data-testid="bulk-bar">
      <strong data-testid="selected-count">{t("list.selected", { n: props.count })}</strong>
      {props.bulk.owner && (
        <select aria-label={t("bulk.setOwner")} data-testid="bulk-owner" value="" onChange={(e) => e.target.value && props.onSet("owner", e.target.value)}>
          <option value="">{t("bulk.setOwner")}…</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      )}
      {props.bulk.city && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (city.trim()) props.onSet("city", city.trim());
            setCity("");
          }}
        >
          <input aria-label={t("bulk.setCity")} placeholder={t("bulk.setCity")} data-testid="bulk-city" value={city} onChange={(e) => setCity(e.target.value)} />
          <button type="submit" className="btn" data-testid="bulk-city-apply">
            {t("common.apply")}
          </button>
        </form>
      )}
      <button type="button" className="btn danger" data-testid="bulk-delete" disabled={!!props.readOnly} title={props.readOnly} onClick={props.onDelete}>
        {t("bulk.delete")}
      </button>
      <button type="button" className="btn ghost" onClick={props.onClear}>
        {t("bulk.clear")}
      </button>
    </div>
  );
}
