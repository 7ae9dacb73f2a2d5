//! Companies: the accounts list.

import type { Row } from "../platform/contract";
import { useSession } from "../app/context";
import { useT } from "../i18n/I18n";
import { ListScreen } from "../lists/ListScreen";
import type { Column } from "../lists/VirtualTable";

type CompanyRow = Extract<Row, { kind: "company" }>;
const company = (r: Row) => r as CompanyRow;

export function CompaniesList() {
  const { t } = useT();
  const { userName } = useSession();
  const columns: Column[] = [
    { key: "name", label: t("col.name"), width: "minmax(200px, 2.4fr)", sort: "name", render: (r) => <span className="strong">{company(r).name || t("record.untitled")}</span> },
    { key: "nip", label: t("col.nip"), width: "120px", render: (r) => company(r).nip ?? "" },
    { key: "industry", label: t("col.industry"), width: "minmax(110px, 1fr)", render: (r) => company(r).industry ?? "" },
    { key: "city", label: t("col.city"), width: "130px", render: (r) => company(r).city ?? "" },
    { key: "email", label: t("col.email"), width: "minmax(170px, 1.6fr)", render: (r) => company(r).email ?? "" },
    { key: "phone", label: t("col.phone"), width: "150px", render: (r) => company(r).phone ?? "" },
    { key: "owner", label: t("col.owner"), width: "minmax(120px, 1fr)", render: (r) => userName(company(r).owner) },
  ];
  return <ListScreen kind="company" title={t("nav.companies")} columns={columns} filters={{ owner: true, city: true, saved: true }} bulk={{ owner: true, city: true }} />;
}
