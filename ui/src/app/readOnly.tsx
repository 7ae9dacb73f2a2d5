//! Read-only while the account is blocked: one place decides, so every control that would
//! change data turns off together and says why (the app would refuse the change anyway,
//! `account_blocked`). Reading, search, export, navigation and Settings → Payments stay.

import { useContext, type ReactNode } from "react";
import { useT } from "../i18n/I18n";
import { SessionContext } from "./context";

export interface ReadOnly {
  readOnly: boolean;
  /** The tooltip of a control turned off, saying why; none while editable. */
  why: string | undefined;
}

/** Whether the signed-in account is read-only now (the sync status says blocked). */
export function useReadOnly(): ReadOnly {
  const { t } = useT();
  const session = useContext(SessionContext);
  const readOnly = session?.status.state === "blocked";
  return { readOnly, why: readOnly ? t("readOnly.why") : undefined };
}

/** A group of edit controls, all turned off while read-only (a disabled fieldset disables
 *  every input, select, textarea and button inside it). With `selectable`, the group stays
 *  enabled and its controls turn themselves off (text boxes read-only, so their text can
 *  still be selected and copied; the rest disabled), as the record's fields do. */
export function EditGroup(props: { children: ReactNode; className?: string; testId?: string; selectable?: boolean }) {
  const { readOnly, why } = useReadOnly();
  return (
    <fieldset
      className={`edit-group${props.className ? ` ${props.className}` : ""}`}
      disabled={readOnly && !props.selectable}
      title={why}
      data-testid={props.testId}
      data-read-only={readOnly || undefined}
    >
      {props.children}
    </fieldset>
  );
}
