//! The server refused a record's changes: the record shows the server's state, and this panel
//! shows the reason and the user's values it did not take, to apply again or to discard.

import { useState } from "react";
import type { Refusal, Value } from "../platform/contract";
import { usePlatform, useSession, useToast } from "../app/context";
import { useReadOnly } from "../app/readOnly";
import { toAppError } from "../platform/types";
import { errorText, fieldLabel, useT } from "../i18n/I18n";
import { showValue } from "./values";

export interface RefusalPanelProps {
  record: string;
  refusal: Refusal;
  onDone(): void;
}

export function RefusalPanel(props: RefusalPanelProps) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { userName } = useSession();
  const [busy, setBusy] = useState(false);
  const { readOnly } = useReadOnly();
  const fields = Object.entries(props.refusal.not_accepted.fields);
  const custom = Object.entries(props.refusal.not_accepted.custom);
  const show = (v: Value | null | undefined) => (v ? showValue(v, i18n, userName) : "") || t("common.none");

  const act = async (command: "reapply_refusal" | "dismiss_refusal") => {
    setBusy(true);
    try {
      await platform.invoke(command, { id: props.record });
      props.onDone();
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="notice warn refusal" role="alert" data-testid="refusal-panel">
      <p>
        <strong>{t("record.refused")}:</strong> {props.refusal.reason}
      </p>
      {fields.length + custom.length === 0 ? (
        <p>{t("record.refusedHint")}</p>
      ) : (
        <>
          <p>{t("record.notAccepted")}</p>
          <dl className="not-accepted" data-testid="not-accepted">
            {fields.map(([key, value]) => (
              <div key={key}>
                <dt>{fieldLabel(i18n, key)}</dt>
                <dd>{show(value)}</dd>
              </div>
            ))}
            {custom.length > 0 && (
              <div>
                <dt>{t("custom.title")}</dt>
                <dd>{custom.map(([, value]) => show(value)).join("; ")}</dd>
              </div>
            )}
          </dl>
          <div className="actions">
            <button type="button" className="btn" disabled={busy || readOnly} onClick={() => void act("reapply_refusal")} data-testid="refusal-reapply">
              {t("record.reapply")}
            </button>
            <button type="button" className="btn ghost" disabled={busy} onClick={() => void act("dismiss_refusal")} data-testid="refusal-dismiss">
              {t("record.dismissRefusal")}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
