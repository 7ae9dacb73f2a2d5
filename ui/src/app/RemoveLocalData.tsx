//! In the "sign in again" dialog: when the account was deleted or the user's access ended,
//! the data can be removed from this computer (after exporting what to keep).

import { useState } from "react";
import { usePlatform, useSession } from "./context";
import { pendingOf } from "./SyncIndicator";
import { useT } from "../i18n/I18n";
import { FormError } from "../auth/FormError";
import { useSubmit } from "../auth/useSubmit";

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
