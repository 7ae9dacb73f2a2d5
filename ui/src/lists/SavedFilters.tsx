//! Saved filters are `saved_filter` records (name, target kind, query = the filter as JSON),
//! so they sync to the user's other devices like any record. `saved_filters` reads them as
//! typed views (name, target, query) in one call.

import { useEffect, useState } from "react";
import type { Kind } from "../platform/contract";
import { usePlatform, useToast } from "../app/context";
import { useRecordsChanged } from "../app/useData";
import { useReadOnly } from "../app/readOnly";
import { useT } from "../i18n/I18n";
import type { FilterState } from "./FilterBar";
import { useFailToast } from "./FilterBar";

interface Saved {
  id: string;
  name: string;
  state: FilterState;
}

function readQuery(json: string): FilterState | null {
  try {
    const q = JSON.parse(json) as Partial<FilterState>;
    return { text: q.text ?? null, owner: q.owner ?? null, city: q.city ?? null };
  } catch {
    return null;
  }
}

export function SavedFilters(props: { kind: Kind; state: FilterState; apply(s: FilterState): void }) {
  const { t } = useT();
  const platform = usePlatform();
  const toast = useToast();
  const fail = useFailToast();
  const [saved, setSaved] = useState<Saved[]>([]);
  const [tick, setTick] = useState(0);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const { readOnly, why } = useReadOnly();
  useRecordsChanged(["saved_filter"], () => setTick((n) => n + 1));

  useEffect(() => {
    let live = true;
    platform.invoke("saved_filters", { target: props.kind }).then(
      (views) => {
        const out: Saved[] = [];
        for (const v of views) {
          const state = readQuery(v.query);
          if (state) out.push({ id: v.id, name: v.name, state });
        }
        if (live) setSaved(out);
      },
      () => live && setSaved([]),
    );
    return () => {
      live = false;
    };
  }, [platform, props.kind, tick]);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      await platform.invoke("create_record", {
        kind: "saved_filter",
        patch: {
          fields: {
            name: { type: "text", value: name.trim() },
            target: { type: "text", value: props.kind },
            query: { type: "text", value: JSON.stringify(props.state) },
          },
          custom: {},
        },
      });
      setNaming(false);
      setName("");
      setTick((n) => n + 1);
      toast({ text: t("common.saved") });
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div className="saved-filters">
      <select
        aria-label={t("list.savedFilters")}
        data-testid="saved-filters"
        value=""
        onChange={(e) => {
          const s = saved.find((x) => x.id === e.target.value);
          if (s) props.apply(s.state);
        }}
      >
        <option value="">{saved.length ? t("list.savedFilters") : t("list.noSaved")}</option>
        {saved.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {naming && !readOnly ? (
        <form onSubmit={save} className="inline-form">
          <input autoFocus aria-label={t("list.filterName")} placeholder={t("list.filterName")} data-testid="saved-filter-name" value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setNaming(false)} />
          <button type="submit" className="btn" data-testid="saved-filter-save">
            {t("common.save")}
          </button>
        </form>
      ) : (
        <button type="button" className="btn ghost" data-testid="save-filter" onClick={() => setNaming(true)} disabled={readOnly || (!props.state.city && !props.state.owner && !props.state.text)} title={why}>
          {t("list.saveFilter")}
        </button>
      )}
    </div>
  );
}
