//! The import wizard: choose a CSV or XLSX file → map its columns (a dropdown per column,
//! sample cells and the first rows as they would be written) → choose what happens to rows
//! that match existing records (a default for all, or per row) → progress → report with
//! "Undo this import". Nothing is written before the last step.

import { useState } from "react";
import type { Decision, ImportPreviewResponse, ImportReport, Kind, Mapping, PreviewRow, Target, Value } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession } from "../app/context";
import { errorText, fieldLabel, useT, type I18n, type MsgKey } from "../i18n/I18n";
import { Dialog } from "../ui/Dialog";
import { ProgressBar } from "../ui/ProgressBar";
import { useProgress } from "./useProgress";

type Step = "choose" | "mapping" | "duplicates" | "running" | "report";
const PREVIEW_ROWS = 20;

/** A target as one string, for `<select>` values. */
export const targetKey = (t: Target) => (t.to === "ignore" ? "ignore" : `${t.to}:${t.key}`);
function targetOf(key: string): Target {
  if (key === "ignore") return { to: "ignore" };
  const [to, k] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  return to === "custom" ? { to: "custom", key: k } : { to: "field", key: k };
}

function valueText(v: Value | null | undefined): string {
  if (!v) return "";
  switch (v.type) {
    case "list":
    case "text_set":
    case "ref_set":
      return v.value.join(", ");
    case "money":
      return `${(v.value.minor / 100).toFixed(2)} ${v.value.currency}`;
    case "bool":
      return v.value ? "✓" : "✗";
    case "lines":
    case "stages":
      return "…";
    default:
      return String(v.value);
  }
}

function rowText(i18n: I18n, row: PreviewRow, labels: Map<string, string>): string {
  const parts = Object.entries(row.patch.fields)
    .filter(([, v]) => v)
    .map(([k, v]) => `${fieldLabel(i18n, k)}: ${valueText(v)}`);
  for (const [id, v] of Object.entries(row.patch.custom)) if (v) parts.push(`${labels.get(id) ?? id}: ${valueText(v)}`);
  return parts.join(" · ");
}

export function ImportWizard(props: { kind?: Kind; onClose(): void; onDone?(report: ImportReport): void }) {
  const i18n = useT();
  const { t, number } = i18n;
  const platform = usePlatform();
  const { status } = useSession();
  const [step, setStep] = useState<Step>("choose");
  const [kind, setKind] = useState<Kind>(props.kind ?? "person");
  const [path, setPath] = useState<string | null>(null);
  const [data, setData] = useState<ImportPreviewResponse | null>(null);
  const [onMatch, setOnMatch] = useState<Decision>("skip");
  const [perLine, setPerLine] = useState<Map<number, Decision>>(new Map());
  const [report, setReport] = useState<ImportReport | null>(null);
  const [undone, setUndone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progress = useProgress("import", step === "running");
  const labels = new Map((data?.targets ?? []).filter((x) => x.target.to === "custom").map((x) => [x.target.to === "custom" ? x.target.key : "", x.label ?? ""]));

  const fail = (e: unknown) => setError(errorText(i18n, toAppError(e)));
  const load = async (file: string, mapping: Mapping | null) => {
    setBusy(true);
    setError(null);
    try {
      const res = await platform.invoke("import_preview", { path: file, kind, mapping, limit: PREVIEW_ROWS });
      setPath(file);
      setData(res);
      setStep("mapping");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    setError(null);
    try {
      const picked = await platform.invoke("pick_open_path", { filter_name: t("import.fileFilter"), extensions: ["csv", "xlsx", "txt"] });
      if (picked.path) await load(picked.path, null);
    } catch (e) {
      fail(e);
    }
  };
  const remap = (column: number, key: string) => {
    if (!data || !path) return;
    const columns = data.preview.mapping.columns.map((c, i) => (i === column ? targetOf(key) : c));
    // A field takes one column: choosing it here frees the column that had it.
    const target = targetOf(key);
    const cleared = columns.map((c, i) => (i !== column && target.to !== "ignore" && targetKey(c) === key ? ({ to: "ignore" } as Target) : c));
    void load(path, { columns: cleared });
  };
  const run = async () => {
    if (!data || !path) return;
    setStep("running");
    setError(null);
    try {
      const res = await platform.invoke("run_import", {
        path,
        kind,
        mapping: data.preview.mapping,
        on_match: onMatch,
        decisions: [...perLine.entries()].map(([line, decision]) => ({ line, decision })),
      });
      setReport(res);
      setStep("report");
      props.onDone?.(res);
    } catch (e) {
      fail(e);
      setStep("duplicates");
    }
  };
  const undo = async () => {
    if (!report) return;
    setBusy(true);
    try {
      await platform.invoke("undo_import", { id: report.import });
      setUndone(true);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const preview = data?.preview;
  const matchedRows = preview?.rows.filter((r) => r.matched) ?? [];
  const mappedAny = preview?.mapping.columns.some((c) => c.to !== "ignore") ?? false;
  const decisionSelect = (value: Decision, onChange: (d: Decision) => void, testId: string) => (
    <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as Decision)}>
      {(["skip", "update", "create"] as const).map((d) => (
        <option key={d} value={d}>
          {t(`import.decision.${d}`)}
        </option>
      ))}
    </select>
  );

  return (
    <Dialog title={t("import.title")} onClose={props.onClose} wide testId="import-wizard">
      <ol className="steps" aria-label={t("import.title")}>
        {(["choose", "mapping", "duplicates", "report"] as const).map((s) => (
          <li key={s} className={s === step || (s === "report" && step === "running") ? "active" : ""}>
            {t(`import.step.${s}`)}
          </li>
        ))}
      </ol>
      {status.state === "blocked" && step !== "report" && <p className="notice warn">{t("import.blocked")}</p>}
      {error && (
        <p className="form-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {step === "choose" && (
        <div className="form">
          <label className="field">
            <span>{t("import.kind")}</span>
            <select data-testid="import-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="person">{t("import.kind.person")}</option>
              <option value="company">{t("import.kind.company")}</option>
            </select>
          </label>
          <p className="muted">{t("import.chooseHint")}</p>
          <footer className="dialog-actions">
            <button type="button" className="btn" onClick={props.onClose}>
              {t("common.cancel")}
            </button>
            <button type="button" className="btn primary" data-testid="import-choose" disabled={busy} onClick={() => void choose()}>
              {busy ? t("common.loading") : t("import.chooseFile")}
            </button>
          </footer>
        </div>
      )}

      {step === "mapping" && data && preview && (
        <div className="import-mapping">
          <p className="muted" data-testid="import-summary">
            {t("import.fileSummary", { file: data.file_name, rows: number(preview.total_rows), columns: number(preview.headers.length) })}
          </p>
          <table className="table" data-testid="mapping-table">
            <thead>
              <tr>
                <th>{t("import.column")}</th>
                <th>{t("import.field")}</th>
                <th>{t("import.samples")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((header, i) => (
                <tr key={i} data-testid="mapping-row">
                  <td>{header || t("import.noHeader", { n: i + 1 })}</td>
                  <td>
                    <select
                      aria-label={t("import.fieldFor", { column: header })}
                      data-testid="mapping-select"
                      value={targetKey(preview.mapping.columns[i] ?? { to: "ignore" })}
                      disabled={busy}
                      onChange={(e) => remap(i, e.target.value)}
                    >
                      <option value="ignore">{t("import.ignore")}</option>
                      {data.targets.map((x) => (
                        <option key={targetKey(x.target)} value={targetKey(x.target)}>
                          {x.label ? `${x.label} (${t("import.custom")})` : x.target.to === "field" ? fieldLabel(i18n, x.target.key) : ""}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{data.samples.map((r) => r[i]).filter(Boolean).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("import.previewTitle")}</h3>
          <ul className="preview-rows" data-testid="preview-rows">
            {preview.rows.slice(0, 5).map((r) => (
              <li key={r.line} data-testid="preview-row">
                <span className="muted">{t("import.line", { n: r.line })}</span> {rowText(i18n, r, labels) || t("common.none")}
                {r.matched && <span className="badge warn"> {t(`import.rule.${r.matched.rule}` as MsgKey)}</span>}
                {r.issues.map((x, j) => (
                  <span key={j} className={x.warning ? "muted" : "form-error"}>
                    {" "}
                    {x.message}
                  </span>
                ))}
              </li>
            ))}
          </ul>
          <p className="muted">{t("import.counts", { matched: number(preview.matched), failed: number(preview.failed) })}</p>
          <footer className="dialog-actions">
            <button type="button" className="btn" onClick={() => setStep("choose")}>
              {t("import.back")}
            </button>
            <button type="button" className="btn primary" data-testid="import-next" disabled={busy || !mappedAny} onClick={() => setStep("duplicates")}>
              {t("import.next")}
            </button>
          </footer>
        </div>
      )}

      {step === "duplicates" && preview && (
        <div className="form">
          <p data-testid="import-matched">{t("import.matchedSummary", { matched: number(preview.matched), rows: number(preview.total_rows) })}</p>
          <label className="field">
            <span>{t("import.onMatch")}</span>
            {decisionSelect(onMatch, setOnMatch, "import-on-match")}
          </label>
          {matchedRows.length > 0 && (
            <table className="table" data-testid="match-table">
              <thead>
                <tr>
                  <th>{t("import.row")}</th>
                  <th>{t("import.matchedBy")}</th>
                  <th>{t("import.decision")}</th>
                </tr>
              </thead>
              <tbody>
                {matchedRows.map((r) => (
                  <tr key={r.line} data-testid="match-row">
                    <td>
                      <span className="muted">{t("import.line", { n: r.line })}</span> {rowText(i18n, r, labels)}
                    </td>
                    <td>{r.matched && t(`import.rule.${r.matched.rule}` as MsgKey)}</td>
                    <td>
                      {decisionSelect(perLine.get(r.line) ?? onMatch, (d) => setPerLine((m) => new Map(m).set(r.line, d)), "match-decision")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.matched > matchedRows.length && <p className="muted">{t("import.othersFollowDefault")}</p>}
          <footer className="dialog-actions">
            <button type="button" className="btn" onClick={() => setStep("mapping")}>
              {t("import.back")}
            </button>
            <button type="button" className="btn primary" data-testid="import-run" onClick={() => void run()}>
              {t("import.run", { n: number(preview.total_rows) })}
            </button>
          </footer>
        </div>
      )}

      {step === "running" && (
        <ProgressBar
          testId="import-progress"
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
          label={t("import.progress", { done: number(progress?.done ?? 0), total: number(progress?.total ?? 0) })}
        />
      )}

      {step === "report" && report && (
        <div data-testid="import-report">
          <dl className="facts">
            <div>
              <dt>{t("import.created")}</dt>
              <dd data-testid="report-created">{number(report.created)}</dd>
            </div>
            <div>
              <dt>{t("import.updated")}</dt>
              <dd data-testid="report-updated">{number(report.updated)}</dd>
            </div>
            <div>
              <dt>{t("import.skipped")}</dt>
              <dd data-testid="report-skipped">{number(report.skipped)}</dd>
            </div>
            <div>
              <dt>{t("import.errors")}</dt>
              <dd data-testid="report-errors">{number(report.errors.length)}</dd>
            </div>
          </dl>
          {report.errors.length + report.warnings.length > 0 && (
            <ul className="report-issues">
              {[...report.errors, ...report.warnings].slice(0, 100).map((x, i) => (
                <li key={i} className={x.warning ? "muted" : "form-error"}>
                  {t("import.line", { n: x.line })}
                  {x.column ? ` (${x.column})` : ""}: {x.message}
                </li>
              ))}
            </ul>
          )}
          {undone && (
            <p className="notice success" data-testid="import-undone" role="status">
              {t("import.undone")}
            </p>
          )}
          <footer className="dialog-actions">
            <button type="button" className="btn danger" data-testid="import-undo" disabled={busy || undone || report.created + report.updated === 0} onClick={() => void undo()}>
              {t("import.undo")}
            </button>
            <button type="button" className="btn primary" data-testid="import-close" onClick={props.onClose}>
              {t("common.close")}
            </button>
          </footer>
        </div>
      )}
    </Dialog>
  );
}
