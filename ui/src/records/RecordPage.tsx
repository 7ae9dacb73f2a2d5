//! The page of any record: title, fields edited in place, e-mails and phones, linked
//! records, timeline, tasks and files; conflict marks and the server's refusal.

import { useEffect, useState, type ReactNode } from "react";
import type { FieldInfo, PipelineView, RecordPage as Page } from "../platform/contract";
import { usePlatform, useToast } from "../app/context";
import { navigate, sectionOf } from "../app/router";
import { useData } from "../app/useData";
import { EditGroup } from "../app/readOnly";
import { toAppError } from "../platform/types";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { EditableField } from "./EditableField";
import { ListField } from "./ListField";
import { UserSetField } from "./UserSetField";
import { LinkedRecords } from "./LinkedRecords";
import { FilesPanel } from "./files/FilesPanel";
import { RecordTasks } from "./RecordTasks";
import { Timeline } from "./Timeline";
import { recordTitle } from "./title";
import { EDITABLE_TYPES } from "./values";
import { CustomValues } from "./CustomValues";
import { RefusalPanel } from "./RefusalPanel";

/** Kinds whose page has a Files section. */
const FILE_KINDS: string[] = ["person", "company", "deal", "space"];

/** Fields shown elsewhere on a page (or set by their own buttons). */
const NOT_IN_FORM: Record<string, string[]> = {
  deal: ["status", "lost_reason"],
};

export interface RecordPageProps {
  id: string;
  /** Extra panels below the fields (a deal's lines). */
  extra?(page: Page, reload: () => void): ReactNode;
  /** Actions in the header (a deal's Won / Lost). */
  actions?(page: Page, reload: () => void): ReactNode;
}

export function RecordPage(props: RecordPageProps) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const page = useData(() => platform.invoke("open_record", { id: props.id }), [props.id], "all");
  const kind = page.data?.view.record.kind;
  const [schema, setSchema] = useState<FieldInfo[]>([]);
  const [pipelines, setPipelines] = useState<PipelineView[] | undefined>(undefined);
  useEffect(() => {
    if (!kind) return;
    platform.invoke("schema", { kind }).then((s) => setSchema(s.fields), () => setSchema([]));
    if (kind === "deal") platform.invoke("pipelines", null).then(setPipelines, () => {});
  }, [kind, platform]);

  if (page.error && !page.data)
    return (
      <section className="screen">
        <p className="form-error" role="alert">{errorText(i18n, page.error)}</p>
      </section>
    );
  if (!page.data) return <section className="screen loading">{t("common.loading")}</section>;

  const { view, refusal } = page.data;
  const record = view.record;
  const title = recordTitle(record);
  const titleOf = (id: string) => view.linked.find((l) => l.id === id)?.title ?? "";
  const fields = schema.filter((f) => (EDITABLE_TYPES.includes(f.field_type) || f.field_type === "user_set") && !(NOT_IN_FORM[record.kind] ?? []).includes(f.key));
  const back = sectionOf(record.kind);

  const trash = async () => {
    try {
      await platform.invoke("delete_records", { ids: [record.id] });
      navigate(`/${back}`);
      toast({
        text: i18n.tn("bulk.deleted", 1),
        action: { label: t("common.undo"), run: () => void platform.invoke("restore_records", { ids: [record.id] }).then(() => navigate(`/${back}/${record.id}`)) },
      });
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    }
  };

  return (
    <section className="screen record-page">
      <header className="record-head">
        <div>
          <a href={`#/${back}`} className="crumb" onClick={(e) => { e.preventDefault(); navigate(`/${back}`); }}>
            ← {t(`nav.${back}` as MsgKey)}
          </a>
          <div className="title-row">
            <span className="badge kind">{t(`kind.${record.kind}` as MsgKey)}</span>
            <h1 data-testid="record-title">{title || t("record.untitled")}</h1>
            {refusal && (
              <span className="badge danger" data-testid="refusal-badge" data-code={refusal.code} title={t("record.refusedHint")}>
                {t("record.refused")}: {refusal.reason}
              </span>
            )}
          </div>
          {record.deleted_at !== null && <p className="notice">{t("record.deleted")}</p>}
        </div>
        <EditGroup className="head-actions">
          {props.actions?.(page.data, page.reload)}
          <button type="button" className="btn ghost" onClick={() => void trash()} data-testid="record-delete">
            {t("record.delete")}
          </button>
        </EditGroup>
      </header>
      <div className="record-grid">
        <div className="record-main">
          <section className="panel">
            <h2>{t("record.fields")}</h2>
            <EditGroup testId="record-fields" selectable>
              {refusal && <RefusalPanel record={record.id} refusal={refusal} onDone={page.reload} />}
              <div className="fields">
                {fields.map((f) =>
                  f.field_type === "user_set" ? (
                    <UserSetField key={f.key} record={record} info={f} onSaved={page.reload} />
                  ) : f.field_type === "emails" || f.field_type === "phones" ? (
                    <ListField key={f.key} record={record} info={f} onSaved={page.reload} />
                  ) : (
                    <EditableField key={f.key} record={record} info={f} pipelines={pipelines} onSaved={page.reload} refTitleOf={titleOf} />
                  ),
                )}
              </div>
              <CustomValues record={record} onSaved={page.reload} />
            </EditGroup>
          </section>
          <EditGroup>{props.extra?.(page.data, page.reload)}</EditGroup>
          <Timeline record={record.id} entries={view.timeline} onAdded={page.reload} />
        </div>
        <aside className="record-side">
          <LinkedRecords linked={view.linked} />
          <RecordTasks record={record.id} tasks={view.tasks} onChanged={page.reload} />
          {FILE_KINDS.includes(record.kind) && <FilesPanel record={record.id} />}
        </aside>
      </div>
    </section>
  );
}
