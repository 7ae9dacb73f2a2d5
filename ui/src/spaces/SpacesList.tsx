//! Spaces (przestrzenie): shared work areas; each opens on the generic record page.

import { useT } from "../i18n/I18n";
import { ListScreen } from "../lists/ListScreen";
import { simpleTitle } from "../records/title";
import type { Column } from "../lists/VirtualTable";

export function SpacesList() {
  const { t } = useT();
  const columns: Column[] = [
    { key: "name", label: t("col.name"), width: "minmax(240px, 1fr)", sort: "name", render: (r) => <span className="strong">{simpleTitle(r)}</span> },
  ];
  return <ListScreen kind="space" title={t("spaces.title")} columns={columns} filters={{}} bulk={{}} />;
}
