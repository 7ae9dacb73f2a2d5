//! Settings → Data → List export (admins): whether users and managers may export the
//! people, companies, deals and coworkers lists to XLSX (admins always may).

import { useState } from "react";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { errorText, useT } from "../i18n/I18n";

/** Whether users and managers may export lists (admins always may). */
export function BasicExportSwitch() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const change = async (allowed: boolean) => {
    setBusy(true);
    try {
      await platform.invoke("set_basic_export", { allowed });
      toast({ text: allowed ? t("advancedExport.basicOn") : t("advancedExport.basicOff") });
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" data-testid="basic-export">
      <h2>{t("advancedExport.basicTitle")}</h2>
      <label className="settings-check">
        <input
          type="checkbox"
          data-testid="basic-export-switch"
          checked={session.account.basic_export}
          disabled={busy}
          onChange={(e) => void change(e.target.checked)}
        />
        {t("advancedExport.basicSwitch")}
      </label>
    </section>
  );
}
