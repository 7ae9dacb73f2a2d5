//! People: the contacts list.

import type { Row } from "../platform/contract";
import { useSession } from "../app/context";
import { useT } from "../i18n/I18n";
import { ListScreen } from "../lists/ListScreen";
import type { Column } from "../lists/VirtualTable";

type PersonRow = Extract<Row, { kind: "person" }>;
const person = (r: Row) => r as PersonRow;

export function PeopleList() {
  const { t } = useT();
  const { userName } = useSession();
  const columns: Column[] = [
    {
      key: "name",
      label: t("col.person"),
      width: "minmax(170px, 1.9fr)",
      sort: "name",
      render: (r) => <span className="strong">{[person(r).first_name, person(r).last_name].filter(Boolean).join(" ") || t("record.untitled")}</span>,
    },
    { key: "company", label: t("col.company"), width: "minmax(130px, 1.5fr)", render: (r) => person(r).company_name ?? "" },
    { key: "position", label: t("col.position"), width: "minmax(120px, 1.2fr)", render: (r) => person(r).position ?? "" },
    { key: "email", label: t("col.email"), width: "minmax(150px, 1.5fr)", render: (r) => person(r).email ?? "" },
    { key: "phone", label: t("col.phone"), width: "142px", render: (r) => person(r).phone ?? "" },
    { key: "city", label: t("col.city"), width: "110px", render: (r) => person(r).city ?? "" },
    { key: "owner", label: t("col.owner"), width: "minmax(110px, 1fr)", render: (r) => userName(person(r).owner) },
  ];
  return <ListScreen kind="person" title={t("nav.people")} columns={columns} filters={{ owner: true, city: true, saved: true }} bulk={{ owner: true, city: true }} />;
}
