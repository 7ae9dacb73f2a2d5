//! Records linked to this one, both ways, grouped by kind; a click opens them.

import type { Linked } from "../platform/contract";
import { navigate, recordPath } from "../app/router";
import { useT, type MsgKey } from "../i18n/I18n";

export function LinkedRecords({ linked }: { linked: Linked[] }) {
  const { t } = useT();
  return (
    <section className="panel">
      <h2>{t("record.linked")}</h2>
      {linked.filter((l) => l.kind !== "pipeline" && l.kind !== "saved_filter").length === 0 ? (
        <p className="empty">{t("record.noLinked")}</p>
      ) : (
        <ul className="linked">
          {linked.filter((l) => l.kind !== "pipeline" && l.kind !== "saved_filter").map((l) => (
            <li key={`${l.relation}-${l.id}-${l.incoming}`}>
              <span className="badge">{t(`kind.${l.kind}` as MsgKey)}</span>
              <a href={`#${recordPath(l.kind, l.id)}`} data-testid="linked-record" onClick={(e) => { e.preventDefault(); navigate(recordPath(l.kind, l.id)); }}>
                {l.title || t("record.untitled")}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
