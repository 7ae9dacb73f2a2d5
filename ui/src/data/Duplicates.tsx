//! Settings → Duplicates: likely duplicate people or companies side by side; pick the record
//! to keep and merge the other into it (links, timeline, tasks and files all move over, the
//! other record goes to the trash, and a note on the timeline says so).

import { useCallback, useEffect, useState } from "react";
import type { CompanyRow, DuplicateCandidate, DuplicateCandidates, Kind, PersonRow, Row } from "../platform/contract";
import { toAppError } from "../platform/types";
import { usePlatform, useSession, useToast } from "../app/context";
import { navigate, recordPath } from "../app/router";
import { EditGroup } from "../app/readOnly";
import { errorText, useT, type MsgKey } from "../i18n/I18n";

function cells(r: Row): [string, string][] {
  switch (r.kind) {
    case "person": {
      const row = r as PersonRow;
      return [
        ["dup.fullName", [row.first_name, row.last_name].filter(Boolean).join(" ")],
        ["field.company", row.company_name ?? ""],
        ["field.position", row.position ?? ""],
        ["field.emails", row.email ?? ""],
        ["field.phones", row.phone ?? ""],
        ["field.city", row.city ?? ""],
      ];
    }
    case "company": {
      const row = r as CompanyRow;
      return [
        ["field.name", row.name ?? ""],
        ["field.nip", row.nip ?? ""],
        ["field.industry", row.industry ?? ""],
        ["field.emails", row.email ?? ""],
        ["field.phones", row.phone ?? ""],
        ["field.city", row.city ?? ""],
      ];
    }
    default:
      return [];
  }
}

function Group(props: { kind: Kind; group: DuplicateCandidate; busy: boolean; onMerge(winner: string, loser: string): void }) {
  const { t } = useT();
  const { userName } = useSession();
  const [keep, setKeep] = useState(props.group.rows[0].id);
  const name = `dup-keep-${props.group.rows[0].id}`;
  return (
    <section className="panel duplicate-group" data-testid="duplicate-group">
      <p className="muted">{t(`import.rule.${props.group.rule}` as MsgKey)}</p>
      <div className="side-by-side">
        {props.group.rows.map((row) => (
          <div key={row.id} className={`candidate${row.id === keep ? " keep" : ""}`} data-testid="duplicate-candidate">
            <label className="check">
              <input type="radio" name={name} checked={row.id === keep} onChange={() => setKeep(row.id)} data-testid="duplicate-keep" />
              {t("dup.keep")}
            </label>
            <dl className="facts">
              {cells(row).map(([k, v]) => (
                <div key={k}>
                  <dt>{t(k as MsgKey)}</dt>
                  <dd>{v || t("common.none")}</dd>
                </div>
              ))}
              <div>
                <dt>{t("field.owner")}</dt>
                <dd>{"owner" in row && row.owner ? userName(row.owner) : t("common.none")}</dd>
              </div>
            </dl>
            <a href={`#${recordPath(props.kind, row.id)}`} onClick={(e) => { e.preventDefault(); navigate(recordPath(props.kind, row.id)); }}>
              {t("dup.open")}
            </a>
          </div>
        ))}
      </div>
      <footer className="dialog-actions">
        {props.group.rows
          .filter((r) => r.id !== keep)
          .map((r, i) => (
            <button key={r.id} type="button" className="btn primary" data-testid="duplicate-merge" disabled={props.busy} onClick={() => props.onMerge(keep, r.id)}>
              {props.group.rows.length > 2 ? t("dup.mergeNth", { n: i + 1 }) : t("dup.merge")}
            </button>
          ))}
      </footer>
    </section>
  );
}

export function Duplicates() {
  const i18n = useT();
  const { t, number } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [kind, setKind] = useState<Kind>("person");
  const [found, setFound] = useState<DuplicateCandidates | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    platform.invoke("duplicates", { kind }).then(setFound, (e) => setError(errorText(i18n, toAppError(e))));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [platform, kind]);
  useEffect(() => {
    setFound(null);
    load();
  }, [load]);

  const merge = async (winner: string, loser: string) => {
    setBusy(true);
    try {
      const r = await platform.invoke("merge_records", { winner, loser, locale: i18n.lang });
      toast({ text: t("dup.merged", { links: number(r.repointed.length) }) });
      load();
    } catch (e) {
      setError(errorText(i18n, toAppError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="duplicates" data-testid="duplicates">
      <div className="head-actions">
        <label className="field">
          <span>{t("dup.kind")}</span>
          <select data-testid="duplicates-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="person">{t("import.kind.person")}</option>
            <option value="company">{t("import.kind.company")}</option>
          </select>
        </label>
        <p className="muted">{t("dup.hint")}</p>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      {found === null ? (
        <p className="muted">{t("common.loading")}</p>
      ) : found.groups.length === 0 ? (
        <p className="muted" data-testid="duplicates-empty">{t("dup.none")}</p>
      ) : (
        <>
          <p data-testid="duplicates-count">{t("dup.count", { n: number(found.total) })}</p>
          <EditGroup>
            {found.groups.map((g) => (
              <Group key={g.rows.map((r) => r.id).join()} kind={kind} group={g} busy={busy} onMerge={(w, l) => void merge(w, l)} />
            ))}
          </EditGroup>
        </>
      )}
    </div>
  );
}
