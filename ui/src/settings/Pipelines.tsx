//! Settings → Pipelines and stages. A pipeline is a `pipeline` record whose stages are one
//! `stages` value: every change (add, rename, reorder, probability, remove) writes the whole
//! list with `update_record`, positions renumbered 0…n-1 in the order shown.

import { useState } from "react";
import { useDraft } from "../app/useDraft";
import type { PipelineView, Stage } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useToast } from "../app/context";
import { useData } from "../app/useData";
import { emptyFilter } from "../lists/usePagedRows";
import { errorText, useT } from "../i18n/I18n";

/** The stages in the order shown, positions renumbered. */
export function renumber(stages: Stage[]): Stage[] {
  return stages.map((s, i) => ({ ...s, position: i }));
}

function parseProbability(s: string): number | null {
  if (!/^\d{1,3}$/.test(s.trim())) return null;
  const n = Number(s.trim());
  return n >= 0 && n <= 100 ? n : null;
}

export function Pipelines() {
  const { t } = useT();
  const platform = usePlatform();
  const list = useData(() => platform.invoke("pipelines", null), [], ["pipeline"]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const i18n = useT();

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t("common.required"));
      return;
    }
    setError(null);
    try {
      await platform.invoke("create_record", {
        kind: "pipeline",
        patch: {
          fields: {
            name: { type: "text", value: name.trim() },
            position: { type: "int", value: list.data?.length ?? 0 },
            stages: { type: "stages", value: [{ id: crypto.randomUUID(), name: t("pipelines.firstStage"), position: 0, probability: 10 }] },
          },
          custom: {},
        },
      });
      setName("");
      list.reload();
    } catch (err) {
      setError(errorText(i18n, toAppError(err)));
    }
  };

  return (
    <div className="settings-stack">
      {list.error && <p className="form-error" role="alert">{errorText(i18n, list.error)}</p>}
      {(list.data ?? []).map((p) => (
        <PipelineEditor key={p.id} pipeline={p} onSaved={list.reload} />
      ))}
      <section className="panel">
        <h2>{t("pipelines.new")}</h2>
        <form className="inline-form" onSubmit={add}>
          <input aria-label={t("pipelines.name")} placeholder={t("pipelines.name")} data-testid="pipeline-new-name" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn primary" data-testid="pipeline-add">
            {t("pipelines.add")}
          </button>
        </form>
        {error && <p className="form-error" role="alert">{error}</p>}
      </section>
    </div>
  );
}

function PipelineEditor(props: { pipeline: PipelineView; onSaved(): void }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const p = props.pipeline;
  const [name, setName] = useDraft(() => p.name, p.name);
  const [drafts, setDrafts] = useDraft<Record<string, { name: string; probability: string }>>(
    () => Object.fromEntries(p.stages.map((s) => [s.id, { name: s.name, probability: String(s.probability) }])),
    JSON.stringify(p.stages),
  );
  const [newStage, setNewStage] = useState({ name: "", probability: "50" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const write = async (fields: Record<string, import("../platform/contract").Value>) => {
    setBusy(true);
    setError(null);
    try {
      await platform.invoke("update_record", { id: p.id, patch: { fields, custom: {} } });
      props.onSaved();
      return true;
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const saveStages = (stages: Stage[]) => write({ stages: { type: "stages", value: renumber(stages) } });

  const rename = () => {
    if (name.trim() === p.name) return;
    if (!name.trim()) {
      setName(p.name);
      return;
    }
    void write({ name: { type: "text", value: name.trim() } });
  };
  const commitStage = (s: Stage) => {
    const d = drafts[s.id];
    if (!d) return;
    const prob = parseProbability(d.probability);
    if (prob === null) {
      setError(t("pipelines.probabilityRange"));
      return;
    }
    if (!d.name.trim()) {
      setError(t("pipelines.stageNameRequired"));
      return;
    }
    if (d.name.trim() === s.name && prob === s.probability) return;
    void saveStages(p.stages.map((x) => (x.id === s.id ? { ...x, name: d.name.trim(), probability: prob } : x)));
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...p.stages];
    const j = i + by;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j], next[i]];
    void saveStages(next);
  };
  const remove = async (s: Stage) => {
    setError(null);
    try {
      const open = await platform.invoke("list", {
        kind: "deal",
        filter: { ...emptyFilter(), pipeline: p.id, stage: s.id, status: "open" },
        sort: "name",
        descending: false,
        offset: 0,
        limit: 1,
      });
      if (open.total > 0) {
        setError(t("pipelines.stageHasDeals", { name: s.name, n: open.total }));
        return;
      }
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
      return;
    }
    if (await saveStages(p.stages.filter((x) => x.id !== s.id))) toast({ text: t("pipelines.stageRemoved", { name: s.name }) });
  };
  const addStage = (e: React.FormEvent) => {
    e.preventDefault();
    const prob = parseProbability(newStage.probability);
    if (!newStage.name.trim()) {
      setError(t("pipelines.stageNameRequired"));
      return;
    }
    if (prob === null) {
      setError(t("pipelines.probabilityRange"));
      return;
    }
    void saveStages([...p.stages, { id: crypto.randomUUID(), name: newStage.name.trim(), position: p.stages.length, probability: prob }]).then(
      (ok) => ok && setNewStage({ name: "", probability: "50" }),
    );
  };
  const enter = (e: React.KeyboardEvent<HTMLInputElement>, f: () => void) => {
    if (e.key === "Enter") {
      e.preventDefault();
      f();
    }
  };

  return (
    <section className={`panel pipeline-editor${busy ? " saving" : ""}`} data-testid="pipeline-editor" data-pipeline={p.id}>
      <label className="field pipeline-name">
        <span>{t("pipelines.name")}</span>
        <input data-testid="pipeline-name" value={name} onChange={(e) => setName(e.target.value)} onBlur={rename} onKeyDown={(e) => enter(e, rename)} />
      </label>
      <table className="table stages-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>{t("pipelines.stage")}</th>
            <th>{t("pipelines.probability")}</th>
            <th>
              <span className="sr-only">{t("pipelines.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.stages.map((s, i) => {
            const d = drafts[s.id] ?? { name: s.name, probability: String(s.probability) };
            const set = (part: Partial<typeof d>) => setDrafts((x) => ({ ...x, [s.id]: { ...d, ...part } }));
            return (
              <tr key={s.id} data-testid="stage-row">
                <td className="num muted">{i + 1}</td>
                <td>
                  <input aria-label={t("pipelines.stageName")} data-testid="stage-name" value={d.name} onChange={(e) => set({ name: e.target.value })} onBlur={() => commitStage(s)} onKeyDown={(e) => enter(e, () => commitStage(s))} />
                </td>
                <td>
                  <span className="percent-input">
                    <input
                      aria-label={t("pipelines.probabilityOf", { name: s.name })}
                      data-testid="stage-probability"
                      type="number"
                      min={0}
                      max={100}
                      inputMode="numeric"
                      value={d.probability}
                      onChange={(e) => set({ probability: e.target.value })}
                      onBlur={() => commitStage(s)}
                      onKeyDown={(e) => enter(e, () => commitStage(s))}
                    />
                    <span className="suffix">%</span>
                  </span>
                </td>
                <td className="row-actions">
                  <button type="button" className="btn small ghost" data-testid="stage-up" aria-label={t("pipelines.moveUp", { name: s.name })} disabled={i === 0 || busy} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="btn small ghost" data-testid="stage-down" aria-label={t("pipelines.moveDown", { name: s.name })} disabled={i === p.stages.length - 1 || busy} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="btn small ghost danger-text" data-testid="stage-remove" aria-label={t("pipelines.removeStage", { name: s.name })} disabled={busy} onClick={() => void remove(s)}>
                    {t("common.delete")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <form className="inline-form stage-add-form" onSubmit={addStage}>
        <input aria-label={t("pipelines.stageName")} placeholder={t("pipelines.newStage")} data-testid="stage-new-name" value={newStage.name} onChange={(e) => setNewStage((x) => ({ ...x, name: e.target.value }))} />
        <span className="percent-input">
          <input aria-label={t("pipelines.probability")} type="number" min={0} max={100} data-testid="stage-new-probability" value={newStage.probability} onChange={(e) => setNewStage((x) => ({ ...x, probability: e.target.value }))} />
          <span className="suffix">%</span>
        </span>
        <button type="submit" className="btn" data-testid="stage-add" disabled={busy}>
          + {t("pipelines.addStage")}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert" data-testid="pipeline-error">
          {error}
        </p>
      )}
    </section>
  );
}
