//! Settings → Custom fields: per kind, the definitions (`custom_field` records) in their
//! order. Add (label → key slug, type, options for select/multiselect), rename the label,
//! edit options, reorder, delete.

import { useState } from "react";
import { useDraft } from "../app/useDraft";
import type { CustomFieldView, Kind, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { useData } from "../app/useData";
import { EditGroup } from "../app/readOnly";
import { errorText, useT, type MsgKey } from "../i18n/I18n";
import { CUSTOM_KINDS, CUSTOM_TYPES, parseOptions, slugKey, type CustomType } from "../records/customFields";

const hasOptions = (t: string) => t === "select" || t === "multiselect";

export function CustomFields() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const [kind, setKind] = useState<Kind>("company");
  const defs = useData(() => platform.invoke("custom_fields", { target: kind }), [kind], ["custom_field"]);
  const [error, setError] = useState<string | null>(null);
  const list = defs.data ?? [];

  const update = async (id: string, fields: Record<string, Value>) => {
    setError(null);
    try {
      await platform.invoke("update_record", { id, patch: { fields, custom: {} } });
      defs.reload();
      return true;
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
      return false;
    }
  };
  const move = async (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    const order = [...list];
    [order[i], order[j]] = [order[j], order[i]];
    // Renumber only the definitions whose position changes.
    setError(null);
    try {
      for (const [n, d] of order.entries()) {
        if (d.position !== n) await platform.invoke("update_record", { id: d.id, patch: { fields: { position: { type: "int", value: n } }, custom: {} } });
      }
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    }
    defs.reload();
  };

  return (
    <div className="settings-stack">
      <section className="panel">
        <div className="segmented" role="group" aria-label={t("custom.kind")}>
          {CUSTOM_KINDS.map((k) => (
            <button key={k} type="button" className={`seg${k === kind ? " active" : ""}`} aria-pressed={k === kind} data-testid={`customfield-kind-${k}`} onClick={() => setKind(k)}>
              {t(`kind.${k}` as MsgKey)}
            </button>
          ))}
        </div>
        <p className="hint">{t("custom.lead")}</p>
        {defs.error && <p className="form-error" role="alert">{errorText(i18n, defs.error)}</p>}
        {list.length === 0 && !defs.loading ? (
          <p className="empty">{t("custom.none")}</p>
        ) : (
          <EditGroup>
            <table className="table customfields-table" data-testid="customfields">
              <thead>
                <tr>
                  <th>{t("custom.label")}</th>
                  <th>{t("custom.key")}</th>
                  <th>{t("custom.type")}</th>
                  <th>{t("custom.options")}</th>
                  <th>
                    <span className="sr-only">{t("pipelines.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((d, i) => (
                  <DefinitionRow key={d.id} def={d} first={i === 0} last={i === list.length - 1} onUpdate={(f) => update(d.id, f)} onMove={(by) => void move(i, by)} onDeleted={defs.reload} onError={setError} />
                ))}
              </tbody>
            </table>
          </EditGroup>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="customfield-error">
            {error}
          </p>
        )}
      </section>
      <EditGroup>
        <NewDefinition kind={kind} existing={list} onAdded={defs.reload} />
      </EditGroup>
    </div>
  );
}

function DefinitionRow(props: {
  def: CustomFieldView;
  first: boolean;
  last: boolean;
  onUpdate(fields: Record<string, Value>): Promise<boolean>;
  onMove(by: -1 | 1): void;
  onDeleted(): void;
  onError(e: string | null): void;
}) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const { def } = props;
  const [label, setLabel] = useDraft(() => def.label, def.label);
  const optionsKey = def.options.join("\u0000");
  const [options, setOptions] = useDraft(() => def.options.join(", "), optionsKey);

  const rename = () => {
    if (label.trim() === def.label) return;
    if (!label.trim()) {
      setLabel(def.label);
      return;
    }
    void props.onUpdate({ label: { type: "text", value: label.trim() } });
  };
  const saveOptions = () => {
    const next = parseOptions(options);
    if (next.join("\u0000") === optionsKey) return;
    if (!next.length) {
      props.onError(t("custom.optionsRequired"));
      return;
    }
    void props.onUpdate({ options: { type: "list", value: next } });
  };
  const remove = async () => {
    try {
      await platform.invoke("delete_records", { ids: [def.id] });
      props.onDeleted();
      toast({
        text: t("custom.deleted", { label: def.label }),
        action: { label: t("common.undo"), run: () => void platform.invoke("restore_records", { ids: [def.id] }).then(props.onDeleted) },
      });
    } catch (e) {
      props.onError(errorText(i18n, toAppError(e)));
    }
  };
  const enter = (e: React.KeyboardEvent<HTMLInputElement>, f: () => void) => {
    if (e.key === "Enter") {
      e.preventDefault();
      f();
    }
  };

  return (
    <tr data-testid="customfield-row" data-key={def.key}>
      <td>
        <input aria-label={t("custom.label")} data-testid="customfield-label" value={label} onChange={(e) => setLabel(e.target.value)} onBlur={rename} onKeyDown={(e) => enter(e, rename)} />
      </td>
      <td>
        <code className="muted">{def.key}</code>
      </td>
      <td>{(CUSTOM_TYPES as readonly string[]).includes(def.field_type) ? t(`custom.type.${def.field_type}` as MsgKey) : def.field_type}</td>
      <td>
        {hasOptions(def.field_type) ? (
          <input aria-label={t("custom.optionsOf", { label: def.label })} data-testid="customfield-options" value={options} onChange={(e) => setOptions(e.target.value)} onBlur={saveOptions} onKeyDown={(e) => enter(e, saveOptions)} />
        ) : (
          <span className="muted">{t("common.none")}</span>
        )}
      </td>
      <td className="row-actions">
        <button type="button" className="btn small ghost" data-testid="customfield-up" aria-label={t("pipelines.moveUp", { name: def.label })} disabled={props.first} onClick={() => props.onMove(-1)}>
          ↑
        </button>
        <button type="button" className="btn small ghost" data-testid="customfield-down" aria-label={t("pipelines.moveDown", { name: def.label })} disabled={props.last} onClick={() => props.onMove(1)}>
          ↓
        </button>
        <button type="button" className="btn small ghost danger-text" data-testid="customfield-delete" aria-label={t("custom.deleteOf", { label: def.label })} onClick={() => void remove()}>
          {t("common.delete")}
        </button>
      </td>
    </tr>
  );
}

function NewDefinition(props: { kind: Kind; existing: CustomFieldView[]; onAdded(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const [label, setLabel] = useState("");
  const [type, setType] = useState<CustomType>("text");
  const [options, setOptions] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = slugKey(label, props.existing.map((d) => d.key));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!label.trim()) {
      setError(t("common.required"));
      return;
    }
    const opts = hasOptions(type) ? parseOptions(options) : [];
    if (hasOptions(type) && !opts.length) {
      setError(t("custom.optionsRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const position = props.existing.reduce((m, d) => Math.max(m, d.position + 1), 0);
      await platform.invoke("create_record", {
        kind: "custom_field",
        patch: {
          fields: {
            target: { type: "text", value: props.kind },
            key: { type: "text", value: key },
            label: { type: "text", value: label.trim() },
            field_type: { type: "text", value: type },
            options: { type: "list", value: opts },
            position: { type: "int", value: position },
          },
          custom: {},
        },
      });
      setLabel("");
      setOptions("");
      props.onAdded();
    } catch (err) {
      setError(errorText(i18n, toAppError(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel">
      <h2>{t("custom.new", { kind: t(`kind.${props.kind}` as MsgKey) })}</h2>
      <form className="customfield-form" onSubmit={submit} noValidate>
        <label className="field grow">
          <span>{t("custom.label")}</span>
          <input data-testid="customfield-new-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder={t("custom.labelPlaceholder")} />
        </label>
        <label className="field">
          <span>{t("custom.type")}</span>
          <select data-testid="customfield-new-type" value={type} onChange={(e) => setType(e.target.value as CustomType)}>
            {CUSTOM_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`custom.type.${x}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        {hasOptions(type) && (
          <label className="field grow">
            <span>{t("custom.options")}</span>
            <input data-testid="customfield-new-options" value={options} onChange={(e) => setOptions(e.target.value)} placeholder={t("custom.optionsPlaceholder")} />
          </label>
        )}
        <button type="submit" className="btn primary" data-testid="customfield-add" disabled={busy}>
          + {t("custom.add")}
        </button>
      </form>
      <p className="hint">
        {t("custom.key")}: <code data-testid="customfield-new-key">{label.trim() ? key : "—"}</code>
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="customfield-new-error">
          {error}
        </p>
      )}
    </section>
  );
}
