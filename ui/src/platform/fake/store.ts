//! The in-memory records of the fake platform and the queries the Rust replica answers:
//! rows per kind, filters, sorts (Polish order), search, record pages, board and dashboard.

import type {
  CrmRecord, Dashboard, Filter, Hit, Kind, Linked, Money, MonthValue, OwnerStats, PipelineSummary,
  PipelineView, RecordView, Row, Sort, Stage, StageSummary, Tally, TaskBucket, TaskRow, TimelineEntry, UserView,
} from "../contract";
import { boolOf, fold, listOf, moneyOf, num, str } from "./values";

// Polish alphabetical order: Ł after L, Ś after S, Ż after Z. Each letter maps to one code.
const ALPHABET = "0123456789aąbcćdeęfghijklłmnńoóprqsśtuvwxyzźż";
const ORDER = new Map<string, string>([...ALPHABET].map((c, i) => [c, String.fromCharCode(0x100 + i)]));
function sortKey(s: string | null): string {
  if (!s) return "\uffff";
  let out = "";
  for (const c of s.toLowerCase()) out += ORDER.get(c) ?? (c === " " ? "\u00ff" : c);
  return out;
}

export function titleOf(r: CrmRecord): string {
  switch (r.kind) {
    case "person":
      return [str(r, "first_name"), str(r, "last_name")].filter(Boolean).join(" ");
    case "deal":
    case "task":
      return str(r, "title") ?? "";
    case "activity":
      return str(r, "subject") ?? str(r, "type") ?? "";
    default:
      return str(r, "name") ?? "";
  }
}

export class Store {
  records = new Map<string, CrmRecord>();
  private cache = new Map<string, string[]>();

  constructor(records: CrmRecord[]) {
    for (const r of records) this.records.set(r.id, r);
  }

  changed(): void {
    this.cache.clear();
  }

  get(id: string): CrmRecord | undefined {
    return this.records.get(id);
  }

  live(kind: Kind): CrmRecord[] {
    const out: CrmRecord[] = [];
    for (const r of this.records.values()) if (r.kind === kind && r.deleted_at === null) out.push(r);
    return out;
  }

  row(r: CrmRecord): Row {
    switch (r.kind) {
      case "person": {
        const company = str(r, "company");
        return {
          kind: "person", id: r.id, first_name: str(r, "first_name"), last_name: str(r, "last_name"),
          company, company_name: company ? (this.get(company) ? titleOf(this.get(company)!) : null) : null,
          position: str(r, "position"), email: listOf(r, "emails")[0] ?? null, phone: listOf(r, "phones")[0] ?? null,
          city: str(r, "city"), owner: str(r, "owner"), custom: null,
        };
      }
      case "company":
        return {
          kind: "company", id: r.id, name: str(r, "name"), nip: str(r, "nip"), industry: str(r, "industry"),
          city: str(r, "city"), email: listOf(r, "emails")[0] ?? null, phone: listOf(r, "phones")[0] ?? null,
          owner: str(r, "owner"), custom: null,
        };
      case "deal":
        return {
          kind: "deal", id: r.id, title: str(r, "title"), pipeline: str(r, "pipeline"), stage: str(r, "stage"),
          value: moneyOf(r, "value"), close_date: str(r, "close_date"), probability: num(r, "probability"),
          status: str(r, "status") ?? "open", owner: str(r, "owner"), custom: null,
        };
      case "task":
        return { kind: "task", ...this.taskRow(r) };
      default:
        // Rows of other kinds carry the record's own kind (`Row::Other` is untagged).
        return { id: r.id, kind: r.kind, title: titleOf(r) };
    }
  }

  taskRow(r: CrmRecord): TaskRow {
    return { id: r.id, title: str(r, "title"), due: str(r, "due"), done: boolOf(r, "done"), assignee: str(r, "assignee") };
  }

  private haystack(r: CrmRecord): string {
    const parts = [titleOf(r), str(r, "city"), str(r, "position"), str(r, "nip"), ...listOf(r, "emails"), ...listOf(r, "phones")];
    const company = str(r, "company");
    if (company && this.get(company)) parts.push(titleOf(this.get(company)!));
    return fold(parts.filter(Boolean).join(" "));
  }

  private matches(r: CrmRecord, f: Filter): boolean {
    if (f.trash ? r.deleted_at === null : r.deleted_at !== null) return false;
    if (f.owner && str(r, "owner") !== f.owner) return false;
    if (f.company && str(r, "company") !== f.company) return false;
    if (f.pipeline && str(r, "pipeline") !== f.pipeline) return false;
    if (f.stage && str(r, "stage") !== f.stage) return false;
    if (f.status && (str(r, "status") ?? "open") !== f.status) return false;
    if (f.city && fold(str(r, "city") ?? "") !== fold(f.city)) return false;
    if (f.text && f.text.trim()) {
      const hay = this.haystack(r);
      const words = fold(f.text).split(/\s+/).filter(Boolean);
      // Every word must start a word of the record (prefix search, like FTS5).
      if (!words.every((w) => hay.startsWith(w) || hay.includes(" " + w) || hay.includes("." + w) || hay.includes("@" + w) || hay.includes("-" + w))) return false;
    }
    return true;
  }

  private key(r: CrmRecord, sort: Sort): string | number {
    switch (sort) {
      case "name":
        return r.kind === "person" ? sortKey(`${str(r, "last_name") ?? ""} ${str(r, "first_name") ?? ""}`) : sortKey(titleOf(r));
      case "created":
        return r.id;
      case "value":
        return moneyOf(r, "value")?.minor ?? -Infinity;
      case "close_date":
        return str(r, "close_date") ?? "";
      case "due":
        return str(r, "due") ?? "\uffff";
    }
  }

  /** Ids of a list in order (cached until the next write). */
  ids(kind: Kind, filter: Filter, sort: Sort, descending: boolean): string[] {
    const cacheKey = JSON.stringify([kind, filter, sort, descending]);
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const keyed: { id: string; k: string | number }[] = [];
    for (const r of this.records.values()) {
      if (r.kind === kind && this.matches(r, filter)) keyed.push({ id: r.id, k: this.key(r, sort) });
    }
    keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (descending) keyed.reverse();
    const ids = keyed.map((x) => x.id);
    this.cache.set(cacheKey, ids);
    return ids;
  }

  search(typed: string, limit: number): Hit[] {
    const words = fold(typed).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const hits: Hit[] = [];
    const searchable: Kind[] = ["person", "company", "deal", "task", "space", "file"];
    for (const r of this.records.values()) {
      if (r.deleted_at !== null || !searchable.includes(r.kind)) continue;
      const hay = " " + this.haystack(r);
      if (words.every((w) => hay.includes(" " + w) || hay.includes("@" + w) || hay.includes("." + w) || hay.includes("-" + w))) {
        hits.push({ id: r.id, kind: r.kind, title: titleOf(r) });
        if (hits.length >= limit) break;
      }
    }
    return hits;
  }

  view(id: string): RecordView | null {
    const record = this.get(id);
    if (!record) return null;
    const linked: Linked[] = [];
    const refKeys = ["company", "people", "companies", "space", "links", "pipeline"];
    for (const key of refKeys) {
      const v = record.fields[key]?.value;
      const ids = v?.type === "ref" ? [v.value] : v?.type === "ref_set" ? v.value : [];
      for (const other of ids) {
        const o = this.get(other);
        if (o && o.deleted_at === null) linked.push({ id: o.id, kind: o.kind, title: titleOf(o), relation: key, incoming: false });
      }
    }
    const timeline: TimelineEntry[] = [];
    const tasks: TaskRow[] = [];
    const files: { id: string; kind: Kind; title: string }[] = [];
    for (const o of this.records.values()) {
      if (o.deleted_at !== null || o.id === id) continue;
      const pointsHere = refKeys.some((k) => {
        const v = o.fields[k]?.value;
        return (v?.type === "ref" && v.value === id) || (v?.type === "ref_set" && v.value.includes(id));
      });
      if (!pointsHere) continue;
      if (o.kind === "activity") {
        timeline.push({
          id: o.id, activity_type: str(o, "type") ?? "note", subject: str(o, "subject"),
          at: (o.fields.at?.value.type === "timestamp" ? o.fields.at.value.value : null),
          preview: (str(o, "body") ?? "").slice(0, 200), author: str(o, "author"),
        });
      } else if (o.kind === "task") tasks.push(this.taskRow(o));
      else if (o.kind === "file") files.push({ id: o.id, kind: "file", title: titleOf(o) });
      else if (o.kind !== "pipeline" && o.kind !== "saved_filter")
        linked.push({ id: o.id, kind: o.kind, title: titleOf(o), relation: Object.keys(o.fields).find((k) => refKeys.includes(k) && JSON.stringify(o.fields[k].value).includes(id)) ?? "links", incoming: true });
    }
    timeline.sort((a, b) => (b.at ?? 0) - (a.at ?? 0));
    tasks.sort((a, b) => Number(a.done) - Number(b.done) || (a.due ?? "9999").localeCompare(b.due ?? "9999"));
    return { record, linked, timeline: timeline.slice(0, 50), tasks, files };
  }

  pipeline(id: string): PipelineView | null {
    const r = this.get(id);
    if (!r || r.kind !== "pipeline") return null;
    const v = r.fields.stages?.value;
    const stages: Stage[] = v?.type === "stages" ? [...v.value].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id)) : [];
    return { id, name: titleOf(r), stages };
  }

  pipelines(): PipelineView[] {
    return this.live("pipeline")
      .sort((a, b) => (num(a, "position") ?? 0) - (num(b, "position") ?? 0))
      .map((p) => this.pipeline(p.id)!)
      .filter(Boolean);
  }

  private deals(pipeline: string, owner: string | null = null): CrmRecord[] {
    return this.live("deal").filter((d) => str(d, "pipeline") === pipeline && (!owner || str(d, "owner") === owner));
  }

  private probability(d: CrmRecord, stages: Stage[]): number {
    return num(d, "probability") ?? stages.find((s) => s.id === str(d, "stage"))?.probability ?? 0;
  }

  summary(p: PipelineView, owner: string | null = null): PipelineSummary {
    const addTo = (list: Money[], m: Money) => {
      const e = list.find((x) => x.currency === m.currency);
      if (e) e.minor += m.minor;
      else list.push({ ...m });
    };
    const stages: StageSummary[] = p.stages.map((s) => ({ stage: s.id, name: s.name, probability: s.probability, count: 0, sum: [], weighted: [] }));
    const won = { count: 0, sum: [] as Money[] };
    const lost = { count: 0, sum: [] as Money[] };
    for (const d of this.deals(p.id, owner)) {
      const status = str(d, "status") ?? "open";
      const value = moneyOf(d, "value");
      if (status === "won" || status === "lost") {
        const t = status === "won" ? won : lost;
        t.count += 1;
        if (value) addTo(t.sum, value);
        continue;
      }
      const s = stages.find((x) => x.stage === str(d, "stage"));
      if (!s) continue;
      s.count += 1;
      if (value) {
        addTo(s.sum, value);
        addTo(s.weighted, { minor: weighted(value.minor, this.probability(d, p.stages)), currency: value.currency });
      }
    }
    return { stages, won, lost };
  }

  boardColumns(p: PipelineView, owner: string | null): { stage: string; deals: Row[] }[] {
    const open = this.deals(p.id, owner).filter((d) => (str(d, "status") ?? "open") === "open");
    return p.stages.map((s) => ({
      stage: s.id,
      deals: open
        .filter((d) => str(d, "stage") === s.id)
        .sort((a, b) => (moneyOf(b, "value")?.minor ?? 0) - (moneyOf(a, "value")?.minor ?? 0))
        .slice(0, 200)
        .map((d) => this.row(d)),
    }));
  }

  dashboard(p: PipelineView, users: UserView[], today: string): Dashboard {
    const zero = (): Money => ({ minor: 0, currency: "PLN" });
    const tally = (): Tally => ({ count: 0, value: zero() });
    const add = (t: Tally, minor: number) => { t.count += 1; t.value.minor += minor; };
    const byStage = p.stages.map((s) => ({ stage: s.id, name: s.name, count: 0, value: zero(), weighted: zero() }));
    const thisMonth = today.slice(0, 7);
    const months: MonthValue[] = [];
    const [y, m] = thisMonth.split("-").map(Number);
    for (let i = 0; i <= 12; i++) {
      const d = new Date(y, m - 1 + i, 1);
      months.push({ month: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`, weighted: zero(), count: 0 });
    }
    const undated: MonthValue = { month: "none", weighted: zero(), count: 0 };
    const won = tally();
    const lost = tally();
    const owners = new Map<string | null, [Tally, Tally, Tally]>();
    for (const d of this.deals(p.id)) {
      const value = moneyOf(d, "value");
      if (!value || value.currency !== "PLN") continue;
      const owner = str(d, "owner");
      if (!owners.has(owner)) owners.set(owner, [tally(), tally(), tally()]);
      const o = owners.get(owner)!;
      const status = str(d, "status") ?? "open";
      if (status === "won") { add(won, value.minor); add(o[1], value.minor); continue; }
      if (status === "lost") { add(lost, value.minor); add(o[2], value.minor); continue; }
      add(o[0], value.minor);
      const w = weighted(value.minor, this.probability(d, p.stages));
      const s = byStage.find((x) => x.stage === str(d, "stage"));
      if (s) { s.count += 1; s.value.minor += value.minor; s.weighted.minor += w; }
      const close = str(d, "close_date");
      const slot = close ? months.find((x) => x.month === (close.slice(0, 7) < thisMonth ? thisMonth : close.slice(0, 7))) : undated;
      if (slot) { slot.count += 1; slot.weighted.minor += w; }
    }
    months.push(undated);
    const perOwner: OwnerStats[] = [...owners.entries()].map(([owner, [open, w, l]]) => ({
      owner, name: users.find((u) => u.id === owner)?.name ?? "", open, won: w, lost: l,
    }));
    perOwner.sort((a, b) => b.won.value.minor - a.won.value.minor || a.name.localeCompare(b.name));
    return { currency: "PLN", by_stage: byStage, forecast: months, won, lost, per_owner: perOwner };
  }

  tasks(bucket: TaskBucket, today: string, assignee: string | null): TaskRow[] {
    return this.live("task")
      .filter((t) => !boolOf(t, "done") && (!assignee || str(t, "assignee") === assignee))
      .filter((t) => {
        const due = str(t, "due");
        switch (bucket) {
          case "inbox": return due === null;
          case "today": return due === today;
          case "overdue": return due !== null && due < today;
          case "upcoming": return due !== null && due > today;
        }
      })
      .map((t) => this.taskRow(t))
      .sort((a, b) => (a.due ?? "").localeCompare(b.due ?? ""));
  }
}

/** value × probability / 100, rounded half away from zero (as the Rust side does). */
export function weighted(minor: number, probability: number): number {
  const p = Math.min(Math.max(probability, 0), 100);
  return minor >= 0 ? Math.floor((minor * p + 50) / 100) : -Math.floor((-minor * p + 50) / 100);
}
