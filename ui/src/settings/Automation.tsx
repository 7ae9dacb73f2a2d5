//! Settings → Automation: the account's rules in words, switched on and off and deleted by
//! admins, and a form to add one (a task when a deal enters a stage, or a note when a deal is
//! won). Everyone else sees the list read-only. When the plan has no automation the screen
//! says which plan has it and, for admins, links to Settings → Payments.

import { useState } from "react";
import type { AutomationRule, PipelineView, RuleSpec } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { useData } from "../app/useData";
import { navigate } from "../app/router";
import { errorText, useT, type I18n } from "../i18n/I18n";

const DUE_MAX_DAYS = 365;

/** A rule in words, with pipeline and stage names from the local pipelines. */
export function describeRule(i18n: Pick<I18n, "t">, spec: RuleSpec, pipelines: PipelineView[]): string {
  const { t } = i18n;
  if (spec.type === "won_note") return t("automation.wonNote", { note: spec.note });
  const pipeline = pipelines.find((p) => p.id === spec.pipeline);
  const stage = pipeline?.stages.find((s) => s.id === spec.stage);
  const days = spec.due_in_days;
  const due = days === 0 ? t("automation.due.zero") : days === 1 ? t("automation.due.one") : t("automation.due.many", { days });
  return t("automation.stageTask", {
    stage: stage?.name ?? t("automation.unknown"),
    pipeline: pipeline?.name ?? t("automation.unknown"),
    title: spec.title,
    due,
  });
}

export function Automation() {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const { session } = useSession();
  const isAdmin = session.user.role === "admin";
  const rules = useData(() => platform.invoke("automation_rules", null), []);
  const pipelines = useData(() => platform.invoke("pipelines", null), [], ["pipeline"]);
  const [error, setError] = useState<string | null>(null);
  const [lacksPlan, setLacksPlan] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await action();
      rules.reload();
      return true;
    } catch (e) {
      const err = toAppError(e);
      if (err.code === "plan_lacks_automation") setLacksPlan(true);
      setError(errorText(i18n, err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const unavailable = lacksPlan || rules.data?.available === false;
  const list = rules.data?.rules ?? [];
  const known = pipelines.data ?? [];

  return (
    <div className="settings-stack" data-testid="automation">
      {unavailable && (
        <section className="panel notice" data-testid="automation-upgrade" role="status">
          <p>{t("automation.upgrade")}</p>
          {isAdmin ? (
            <button type="button" className="btn primary" data-testid="automation-upgrade-link" onClick={() => navigate("/settings/payments")}>
              {t("automation.upgradeLink")}
            </button>
          ) : (
            <p>{t("automation.upgradeAsk")}</p>
          )}
        </section>
      )}
      <section className="panel">
        <h2>{t("settings.tab.automation")}</h2>
        <p className="muted">{t("automation.intro")}</p>
        {!isAdmin && <p className="muted" data-testid="automation-read-only">{t("automation.readOnly")}</p>}
        {rules.error && <p className="form-error" role="alert">{errorText(i18n, rules.error)}</p>}
        {rules.data && list.length === 0 && <p data-testid="automation-empty">{t("automation.empty")}</p>}
        <ul className="rule-list" data-testid="automation-rules">
          {list.map((r) => (
            <RuleRow
              key={r.id}
              rule={r}
              text={describeRule(i18n, r.spec, known)}
              editable={isAdmin}
              busy={busy === r.id}
              onSwitch={(on) => void run(r.id, () => platform.invoke("update_automation_rule", { id: r.id, update: { enabled: on } }))}
              onDelete={() => void run(r.id, () => platform.invoke("delete_automation_rule", { id: r.id }))}
            />
          ))}
        </ul>
        {error && <p className="form-error" role="alert" data-testid="automation-error">{error}</p>}
      </section>
      {isAdmin && !unavailable && <NewRuleForm pipelines={known} busy={busy === "new"} onAdd={(spec) => run("new", () => platform.invoke("add_automation_rule", { spec, enabled: true }))} />}
    </div>
  );
}

function RuleRow(props: { rule: AutomationRule; text: string; editable: boolean; busy: boolean; onSwitch(on: boolean): void; onDelete(): void }) {
  const { t } = useT();
  const { rule } = props;
  return (
    <li className="rule" data-testid="automation-rule" data-enabled={rule.enabled ? "true" : "false"}>
      <span data-testid="automation-rule-text">{props.text}</span>
      <label className="check">
        <input
          type="checkbox"
          data-testid="automation-rule-enabled"
          checked={rule.enabled}
          disabled={!props.editable || props.busy}
          onChange={(e) => props.onSwitch(e.target.checked)}
        />
        {t("automation.enabled")}
      </label>
      {props.editable && (
        <button type="button" className="btn" data-testid="automation-rule-delete" disabled={props.busy} onClick={props.onDelete}>
          {t("automation.delete")}
        </button>
      )}
    </li>
  );
}

function NewRuleForm(props: { pipelines: PipelineView[]; busy: boolean; onAdd(spec: RuleSpec): Promise<boolean> }) {
  const { t } = useT();
  const [type, setType] = useState<RuleSpec["type"]>("stage_task");
  const [pipelineId, setPipelineId] = useState("");
  const [stageId, setStageId] = useState("");
  const [title, setTitle] = useState("");
  const [days, setDays] = useState("3");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const pipeline = props.pipelines.find((p) => p.id === pipelineId) ?? props.pipelines[0];
  const stages = pipeline?.stages ?? [];
  const stage = stages.find((s) => s.id === stageId) ?? stages[0];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    let spec: RuleSpec;
    if (type === "won_note") {
      if (!note.trim()) return setProblem(t("common.required"));
      spec = { type, note: note.trim() };
    } else {
      if (!pipeline || !stage) return setProblem(t("automation.noPipelines"));
      if (!title.trim()) return setProblem(t("common.required"));
      const n = /^\d{1,3}$/.test(days.trim()) ? Number(days.trim()) : NaN;
      if (!(n >= 0 && n <= DUE_MAX_DAYS)) return setProblem(t("automation.dueInvalid"));
      spec = { type, pipeline: pipeline.id, stage: stage.id, title: title.trim(), due_in_days: n };
    }
    setProblem(null);
    if (await props.onAdd(spec)) {
      setTitle("");
      setNote("");
    }
  };

  return (
    <section className="panel">
      <h2>{t("automation.new")}</h2>
      <form className="stack-form" onSubmit={submit} data-testid="automation-new">
        <label>
          {t("automation.type")}
          <select data-testid="automation-new-type" value={type} onChange={(e) => setType(e.target.value as RuleSpec["type"])}>
            <option value="stage_task">{t("automation.type.stage_task")}</option>
            <option value="won_note">{t("automation.type.won_note")}</option>
          </select>
        </label>
        {type === "stage_task" ? (
          <>
            {props.pipelines.length === 0 && <p className="muted">{t("automation.noPipelines")}</p>}
            <label>
              {t("automation.pipeline")}
              <select data-testid="automation-new-pipeline" value={pipeline?.id ?? ""} onChange={(e) => { setPipelineId(e.target.value); setStageId(""); }}>
                {props.pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </label>
            <label>
              {t("automation.stage")}
              <select data-testid="automation-new-stage" value={stage?.id ?? ""} onChange={(e) => setStageId(e.target.value)}>
                {stages.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
            <label>
              {t("automation.taskTitle")}
              <input data-testid="automation-new-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <label>
              {t("automation.dueDays")}
              <input data-testid="automation-new-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} />
            </label>
          </>
        ) : (
          <label>
            {t("automation.note")}
            <input data-testid="automation-new-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        )}
        {problem && <p className="form-error" role="alert" data-testid="automation-new-problem">{problem}</p>}
        <button type="submit" className="btn primary" data-testid="automation-add" disabled={props.busy}>
          {t("automation.add")}
        </button>
      </form>
    </section>
  );
}
