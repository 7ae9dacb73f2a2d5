//! One input for one field, chosen by the field's type: text, select, date, money, user…

import type { FieldInfo, PipelineView } from "../platform/contract";
import { useSession } from "../app/context";
import { useReadOnly } from "../app/readOnly";
import { fieldLabel, useT, valueLabel } from "../i18n/I18n";
import { RefPicker } from "./RefPicker";

export interface FieldInputProps {
  info: FieldInfo;
  draft: string;
  onChange(draft: string): void;
  /** Called when an edit is finished (blur, Enter, a pick from a list). */
  onCommit?(draft: string): void;
  testId: string;
  id?: string;
  /** The title of the linked record for `ref` fields. */
  refTitle?: string;
  /** Pipelines, for a deal's pipeline and stage. */
  pipelines?: PipelineView[];
  pipelineId?: string | null;
  currency?: string;
  invalid?: boolean;
}

export function FieldInput(p: FieldInputProps) {
  const i18n = useT();
  const { users } = useSession();
  const { readOnly } = useReadOnly();
  const commit = (d: string) => p.onCommit?.(d);
  const common = {
    id: p.id,
    "data-testid": p.testId,
    "aria-invalid": p.invalid || undefined,
    "aria-required": p.info.required || undefined,
  };
  // While read-only, text stays selectable (read-only boxes); choices are off.
  const text = { ...common, readOnly };
  const choice = { ...common, disabled: readOnly };
  const textKeys = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      commit((e.target as HTMLInputElement).value);
    }
  };
  const ft = p.info.field_type;

  if (p.info.key === "pipeline" && p.pipelines) {
    return (
      <select {...choice} value={p.draft} onChange={(e) => { p.onChange(e.target.value); commit(e.target.value); }}>
        <option value="">{i18n.t("common.none")}</option>
        {p.pipelines.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
      </select>
    );
  }
  if (p.info.key === "stage" && p.pipelines) {
    const stages = p.pipelines.find((x) => x.id === p.pipelineId)?.stages ?? [];
    return (
      <select {...choice} value={p.draft} onChange={(e) => { p.onChange(e.target.value); commit(e.target.value); }}>
        <option value="">{i18n.t("common.none")}</option>
        {stages.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.probability}%)</option>)}
      </select>
    );
  }
  switch (ft) {
    case "enum":
      return (
        <select {...choice} value={p.draft} onChange={(e) => { p.onChange(e.target.value); commit(e.target.value); }}>
          {!p.info.required && <option value="">{i18n.t("common.none")}</option>}
          {p.info.options.map((o) => <option key={o} value={o}>{valueLabel(i18n, o)}</option>)}
        </select>
      );
    case "user_ref":
      return (
        <select {...choice} value={p.draft} onChange={(e) => { p.onChange(e.target.value); commit(e.target.value); }}>
          <option value="">{i18n.t("common.none")}</option>
          {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          {p.draft && !users.some((u) => u.id === p.draft) && <option value={p.draft}>{i18n.t("value.unknownUser")}</option>}
        </select>
      );
    case "bool":
      return (
        <input {...choice} type="checkbox" checked={p.draft === "true"} onChange={(e) => { const d = e.target.checked ? "true" : "false"; p.onChange(d); commit(d); }} />
      );
    case "long_text":
      return <textarea {...text} placeholder={i18n.t("common.none")} rows={3} value={p.draft} onChange={(e) => p.onChange(e.target.value)} onBlur={(e) => commit(e.target.value)} />;
    case "date":
      return <input {...text} type="date" value={p.draft} onChange={(e) => p.onChange(e.target.value)} onBlur={(e) => commit(e.target.value)} onKeyDown={textKeys} />;
    case "int":
      return <input {...text} type="number" inputMode="numeric" placeholder={i18n.t("common.none")} value={p.draft} onChange={(e) => p.onChange(e.target.value)} onBlur={(e) => commit(e.target.value)} onKeyDown={textKeys} />;
    case "money":
      return (
        <span className="money-input">
          <input {...text} inputMode="decimal" placeholder={i18n.t("common.none")} value={p.draft} onChange={(e) => p.onChange(e.target.value)} onBlur={(e) => commit(e.target.value)} onKeyDown={textKeys} />
          <span className="suffix">{p.currency ?? "PLN"}</span>
        </span>
      );
    case "ref":
      return (
        <RefPicker
          id={p.id}
          testId={p.testId}
          kind={p.info.ref_kind}
          value={p.draft || null}
          title={p.refTitle ?? ""}
          required={p.info.required}
          readOnly={readOnly}
          onPick={(id) => {
            p.onChange(id ?? "");
            commit(id ?? "");
          }}
        />
      );
    default:
      return (
        <input
          {...text}
          type={ft === "emails" ? "email" : ft === "phones" ? "tel" : "text"}
          value={p.draft}
          onChange={(e) => p.onChange(e.target.value)}
          onBlur={(e) => commit(e.target.value)}
          onKeyDown={textKeys}
          placeholder={ft === "emails" || ft === "phones" ? fieldLabel(i18n, p.info.key) : i18n.t("common.none")}
        />
      );
  }
}
