//! Settings → Data: for admins the advanced export (the whole account as a tar.gz), the
//! list-export switch in a panel of its own, and the import of a Localspace archive; import people or companies from CSV/XLSX (the wizard) and the history
//! of imports with undo. List export lives on each list (the Export button), duplicates on
//! their tab.

import { useState } from "react";
import { useSession } from "../app/context";
import { EditGroup, useReadOnly } from "../app/readOnly";
import { useT } from "../i18n/I18n";
import { AdvancedExport } from "./AdvancedExport";
import { ArchiveImport } from "./ArchiveImport";
import { BasicExportSwitch } from "./BasicExportSwitch";
import { ImportHistory } from "./ImportHistory";
import { ImportWizard } from "./ImportWizard";

export function DataSettings() {
  const { t } = useT();
  const [wizard, setWizard] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const { session } = useSession();
  const { readOnly, why } = useReadOnly();
  return (
    <div className="settings-stack">
      {session.user.role === "admin" && <AdvancedExport />}
      {session.user.role === "admin" && <BasicExportSwitch />}
      {session.user.role === "admin" && (
        <EditGroup>
          <ArchiveImport onDone={() => setRefresh((n) => n + 1)} />
        </EditGroup>
      )}
      <section className="panel">
        <h2>{t("data.import")}</h2>
        <p className="muted">{t("data.importHint")}</p>
        <button type="button" className="btn primary" data-testid="open-import" disabled={readOnly} title={why} onClick={() => setWizard(true)}>
          {t("data.importButton")}
        </button>
        <p className="muted">{t("data.exportHint")}</p>
      </section>
      <section className="panel">
        <h2>{t("data.history")}</h2>
        <EditGroup>
          <ImportHistory refresh={refresh} />
        </EditGroup>
      </section>
      {wizard && (
        <ImportWizard
          onClose={() => {
            setWizard(false);
            setRefresh((n) => n + 1);
          }}
          onDone={() => setRefresh((n) => n + 1)}
        />
      )}
    </div>
  );
}
