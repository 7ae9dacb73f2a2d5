//! In the "sign in again" dialog: when the account was deleted or the user's access ended,
//! the dialog offers an export of the lists (from the local replica, so it works without the
//! server), then removing the data from this computer.

import { useState } from "react";
import { usePlatform, useSession } from "./context";
import { pendingOf } from "./SyncIndicator";
import { useT, type MsgKey } from "../i18n/I18n";
import { FormError } from "../auth/FormError";
import { useSubmit } from "../auth/useSubmit";
import { ExportButton } from "../data/ExportButton";
import { emptyFilter } from "../lists/usePagedRows";
import type { ExportListName } from "../platform/contract";

const LISTS: ExportListName[] = ["people", "companies", "deals", "coworkers"];

export function RemoveLocalData(props: { onRemoved(): void }) {
  const { t } = useT();
  const platform = usePlatform();
  const { status } = useSession();
  const pending = pendingOf(status);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useSubmit();
  return (
    <div className="remove-local" data-testid="remove-local">
      <p className="muted">{t("signedOut.removeExplain")}</p>
      <div className="remove-local-export" data-testid="remove-local-export">
        {LISTS.map((list) => (
          <span key={list} className="remove-local-list">
            <span>{t(`signedOut.export.${list}` as MsgKey)}</span>
            <ExportButton list={list} filter={emptyFilter()} sort="name" descending={false} />
          </span>
        ))}
      </div>
      {!confirming ? (
        <button type="button" className="btn danger subtle" data-testid="remove-local-start" onClick={() => setConfirming(true)}>
          {t("signedOut.remove")}
        </button>
      ) : (
        <div className="row">
          {pending > 0 && <p className="notice danger">{t("signedOut.removePending", { n: pending })}</p>}
          <button
            type="button"
            className="btn danger"
            disabled={busy}
            data-testid="remove-local-confirm"
            onClick={() =>
              void run(async () => {
                await platform.invoke("remove_local_data", null);
                props.onRemoved();
              })
            }
          >
            {t("signedOut.removeConfirm")}
          </button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t("common.cancel")}
          </button>
        </div>
      )}
      <FormError error={error} />
    </div>
  );
}
