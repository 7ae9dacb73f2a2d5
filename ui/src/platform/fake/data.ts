//! Data ownership as the Rust side does it (`crates/client/src/{export,import,duplicates}`),
//! small enough for component tests and the browser preview: export "writes" a file and
//! reports progress, import reads CSV text registered under a path, maps, matches (e-mail
//! for people; NIP, then name for companies), runs with a decision per match and undoes;
//! duplicates are grouped by the same keys and merged with a note on the timeline.

import type {
  AppError, AppEvent, ArchiveReport, CrmRecord, DuplicateCandidates, ExportDone, ExportRequest, ImportEntry, ImportPreviewRequest,
  ImportPreviewResponse, ImportReport, Kind, Mapping, MatchRule, MergeReport, PreviewRow, RunImportRequest, Target, UndoReport, Value,
} from "../contract";
import type { Store } from "./store";
import { titleOf } from "./store";
import { list, newId, read, ref, refSet, str, text, ts, long } from "./values";

const err = (code: string, message: string): AppError => ({ code, message });

/** The sample file the browser preview's open dialog answers with. */
export const SAMPLE_CSV_PATH = "/home/demo/Pobrane/kontakty.csv";
const SAMPLE_CSV = "Imię;Nazwisko;E-mail;Telefon;Stanowisko\nAnna;Zielińska;anna.zielinska@przyklad.pl;+48 600 100 200;Kierownik zakupów\nMarek;Wójcik;marek.wojcik@przyklad.pl;;Prezes\n";

const FIELDS: Record<string, string[]> = {
  person: ["first_name", "last_name", "company", "position", "emails", "phones", "city"],
  company: ["name", "nip", "regon", "industry", "website", "city", "emails", "phones"],
};
const SYNONYMS: Record<string, string> = {
  "imię": "first_name", imie: "first_name", "first name": "first_name", nazwisko: "last_name", "last name": "last_name",
  firma: "company", company: "company", stanowisko: "position", position: "position", "e-mail": "emails", email: "emails",
  telefon: "phones", phone: "phones", miasto: "city", city: "city", nazwa: "name", name: "name", nip: "nip", regon: "regon",
  "branża": "industry", industry: "industry", www: "website", website: "website",
};

interface Logged { entry: ImportEntry; created: string[]; updated: { id: string; before: Record<string, Value | null> }[] }

export interface DataCtx {
  store: Store;
  emit(e: AppEvent): void;
  wrote(kinds: Kind[]): void;
  me(): string;
  now(): number;
}

function parseCsv(content: string): { headers: string[]; rows: string[][]; delimiter: string } {
  const lines = content.replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) throw err("import_empty", "the file is empty");
  const delimiter = (lines[0].match(/;/g)?.length ?? 0) >= (lines[0].match(/,/g)?.length ?? 0) ? ";" : ",";
  const [head, ...rest] = lines.map((l) => l.split(delimiter).map((c) => c.trim()));
  if (head.length < 2 && rest.length === 0) throw err("import_not_a_table", "the file does not look like a table");
  if (rest.length === 0) throw err("import_no_rows", "the file has a header but no rows");
  return { headers: head, rows: rest, delimiter };
}

export class DataOps {
  /** Files the open dialog can choose, by path (tests add their own). */
  files = new Map<string, string>([[SAMPLE_CSV_PATH, SAMPLE_CSV]]);
  /** What the next save or open dialog answers; `undefined`: a default path. */
  nextPick: string | null | undefined = undefined;
  /** Every file an export wrote. */
  written: ExportRequest[] = [];
  private log: Logged[] = [];

  constructor(private ctx: DataCtx) {}

  pickSave(fileName: string) {
    const answer = this.nextPick === undefined ? `/home/demo/Pobrane/${fileName}` : this.nextPick;
    this.nextPick = undefined;
    return { path: answer };
  }

  pickOpen() {
    const answer = this.nextPick === undefined ? SAMPLE_CSV_PATH : this.nextPick;
    this.nextPick = undefined;
    return { path: answer };
  }

  export(req: ExportRequest): ExportDone {
    const kind: Kind | null = req.list === "people" ? "person" : req.list === "companies" ? "company" : req.list === "deals" ? "deal" : null;
    const total = kind ? this.ctx.store.ids(kind, req.filter, req.sort, req.descending).length : 5;
    this.ctx.emit({ type: "export", progress: { done: 0, total } });
    this.ctx.emit({ type: "export", progress: { done: total, total } });
    this.written.push(req);
    return { path: req.path, rows: total, columns: kind === "deal" ? 12 : 11 };
  }

  private table(path: string) {
    const content = this.files.get(path);
    if (content === undefined) throw err("import_io", `could not read the file: ${path}`);
    if (/[\u0000-\u0008]/.test(content)) throw err("import_not_text", "the file is not text in UTF-8 or Windows-1250; save it as CSV (UTF-8) or XLSX");
    return parseCsv(content);
  }

  private suggest(kind: Kind, headers: string[]): Mapping {
    const taken = new Set<string>();
    return {
      columns: headers.map((h): Target => {
        const key = SYNONYMS[h.toLowerCase()];
        if (!key || !FIELDS[kind]?.includes(key) || taken.has(key)) return { to: "ignore" };
        taken.add(key);
        return { to: "field", key };
      }),
    };
  }

  private patchOf(mapping: Mapping, cells: string[]) {
    const fields: Record<string, Value | null> = {};
    mapping.columns.forEach((t, i) => {
      const cell = cells[i]?.trim();
      if (t.to !== "field" || !cell) return;
      fields[t.key] = t.key === "emails" || t.key === "phones" ? list([cell]) : text(cell);
    });
    return { fields, custom: {} };
  }

  private match(kind: Kind, fields: Record<string, Value | null>): { id: string; rule: MatchRule } | null {
    const val = (k: string) => {
      const v = fields[k];
      return v && (v.type === "list" ? v.value[0] : v.type === "text" ? v.value : null);
    };
    for (const r of this.ctx.store.live(kind)) {
      if (kind === "person") {
        const email = val("emails");
        const emails = r.fields.emails?.value;
        if (email && emails?.type === "list" && emails.value.some((e) => e.toLowerCase() === email.toLowerCase())) return { id: r.id, rule: "email" };
      } else {
        const nip = val("nip");
        if (nip && str(r, "nip")?.replace(/\D/g, "") === nip.replace(/\D/g, "")) return { id: r.id, rule: "nip" };
        const name = val("name");
        if (name && str(r, "name")?.toLowerCase() === name.toLowerCase()) return { id: r.id, rule: "name" };
      }
    }
    return null;
  }

  private plan(kind: Kind, mapping: Mapping, rows: string[][]): PreviewRow[] {
    if (kind !== "person" && kind !== "company") throw err("import_unsupported_kind", `${kind} cannot be imported (people and companies can)`);
    return rows.map((cells, i) => {
      const patch = this.patchOf(mapping, cells);
      const m = this.match(kind, patch.fields);
      const required = kind === "person" ? "last_name" : "name";
      return {
        line: i + 2,
        patch,
        matched: m ? { with: { with: "record", id: m.id }, rule: m.rule } : null,
        issues: patch.fields[required] ? [] : [{ line: i + 2, column: null, message: `\`${required}\` is required`, warning: false }],
      };
    });
  }

  preview(req: ImportPreviewRequest): ImportPreviewResponse {
    const table = this.table(req.path);
    const mapping = req.mapping ?? this.suggest(req.kind, table.headers);
    const rows = this.plan(req.kind, mapping, table.rows);
    const custom = [...this.ctx.store.records.values()].filter((r) => r.kind === "custom_field" && r.deleted_at === null && str(r, "target") === req.kind);
    return {
      file_name: req.path.split("/").pop() ?? req.path,
      samples: table.rows.slice(0, 3),
      preview: {
        format: { format: "csv", delimiter: table.delimiter, encoding: "UTF-8" },
        headers: table.headers,
        mapping,
        total_rows: rows.length,
        matched: rows.filter((r) => r.matched).length,
        failed: rows.filter((r) => r.issues.some((x) => !x.warning)).length,
        rows: rows.slice(0, Math.max(1, Math.min(req.limit, 200))),
      },
      targets: [
        ...(FIELDS[req.kind] ?? []).map((key) => ({ target: { to: "field" as const, key }, label: null })),
        ...custom.map((r) => ({ target: { to: "custom" as const, key: r.id }, label: str(r, "label") })),
      ],
    };
  }

  run(req: RunImportRequest): ImportReport {
    const table = this.table(req.path);
    const planned = this.plan(req.kind, req.mapping, table.rows);
    const id = newId();
    const logged: Logged = {
      entry: { record: { id, kind: req.kind, created: 0, updated: 0, complete: false, undone: false }, file: req.path.split("/").pop() ?? null, at_ms: this.ctx.now() },
      created: [],
      updated: [],
    };
    const report: ImportReport = { import: id, created: 0, updated: 0, skipped: 0, errors: [], warnings: [] };
    const total = planned.length;
    this.ctx.emit({ type: "import", progress: { done: 0, total } });
    for (const row of planned) {
      const failure = row.issues.find((x) => !x.warning);
      if (failure) {
        report.errors.push(failure);
        continue;
      }
      const decision = req.decisions.find((d) => d.line === row.line)?.decision ?? req.on_match;
      const target = row.matched?.with.with === "record" ? this.ctx.store.get(row.matched.with.id) : undefined;
      if (target && decision === "skip") {
        report.skipped += 1;
      } else if (target && decision === "update") {
        const before: Record<string, Value | null> = {};
        for (const [k, v] of Object.entries(row.patch.fields)) {
          before[k] = target.fields[k]?.value ?? null;
          if (v) target.fields[k] = read(v);
        }
        logged.updated.push({ id: target.id, before });
        report.updated += 1;
      } else {
        const r: CrmRecord = { id: newId(), kind: req.kind, schema: 1, fields: { owner: read(ref(this.ctx.me())) }, custom: {}, deleted_at: null };
        for (const [k, v] of Object.entries(row.patch.fields)) if (v) r.fields[k] = read(v);
        this.ctx.store.records.set(r.id, r);
        logged.created.push(r.id);
        report.created += 1;
      }
    }
    Object.assign(logged.entry.record, { created: report.created, updated: report.updated, complete: true });
    this.log.unshift(logged);
    this.ctx.emit({ type: "import", progress: { done: total, total } });
    this.ctx.wrote([req.kind]);
    this.ctx.emit({ type: "records_changed", kinds: [req.kind] });
    return report;
  }

  /** An archive import: the fake reads no tar.gz; a `.tar.gz` path holds one company. */
  importArchive(path: string, admin: boolean): ArchiveReport {
    if (!admin) throw err("forbidden", "only an administrator can import an archive");
    if (!path.endsWith(".tar.gz")) throw err("archive_not_an_archive", "the file is not a Localspace archive (not a tar.gz)");
    const id = newId();
    this.ctx.emit({ type: "import", progress: { done: 0, total: 1 } });
    const r: CrmRecord = { id: newId(), kind: "company", schema: 1, fields: { name: read({ type: "text", value: "Z archiwum" }) }, custom: {}, deleted_at: null };
    this.ctx.store.records.set(r.id, r);
    this.log.unshift({
      entry: { record: { id, kind: "company", created: 1, updated: 0, complete: true, undone: false, archive: true }, file: path.split("/").pop() ?? null, at_ms: this.ctx.now() },
      created: [r.id],
      updated: [],
    });
    this.ctx.emit({ type: "import", progress: { done: 1, total: 1 } });
    this.ctx.wrote(["company"]);
    this.ctx.emit({ type: "records_changed", kinds: ["company"] });
    return { import: id, created: [{ kind: "company", count: 1 }], trashed: 0, files_uploaded: 0, files_without_bytes: 0, reused_definitions: 0, dropped_links: 0 };
  }

  imports(): ImportEntry[] {
    return this.log.map((l) => l.entry);
  }

  undo(id: string): UndoReport {
    const l = this.log.find((x) => x.entry.record.id === id);
    if (!l) throw err("import_unknown", `no import ${id} on this device`);
    if (l.entry.record.undone) throw err("import_already_undone", `import ${id} was already undone`);
    for (const rid of l.created) {
      const r = this.ctx.store.get(rid);
      if (r) r.deleted_at = this.ctx.now();
    }
    for (const u of l.updated) {
      const r = this.ctx.store.get(u.id);
      if (!r) continue;
      for (const [k, v] of Object.entries(u.before)) {
        if (v) r.fields[k] = read(v);
        else delete r.fields[k];
      }
    }
    l.entry.record.undone = true;
    this.ctx.wrote([l.entry.record.kind]);
    this.ctx.emit({ type: "records_changed", kinds: [l.entry.record.kind] });
    return { removed: l.created.length, restored: l.updated.length, kept_fields: 0 };
  }

  duplicates(kind: Kind): DuplicateCandidates {
    if (kind !== "person" && kind !== "company") throw err("invalid", "duplicates are found among people and companies");
    const groups = new Map<string, { rule: MatchRule; ids: string[] }>();
    for (const r of this.ctx.store.live(kind).sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const emails = r.fields.emails?.value;
      const nip = str(r, "nip")?.replace(/\D/g, "");
      const key: [MatchRule, string] | null =
        kind === "person"
          ? emails?.type === "list" && emails.value[0] ? ["email", emails.value[0].toLowerCase()] : null
          : nip ? ["nip", nip] : ["name", (str(r, "name") ?? "").toLowerCase()];
      if (!key || !key[1]) continue;
      const g: { rule: MatchRule; ids: string[] } = groups.get(key.join(":")) ?? { rule: key[0], ids: [] };
      g.ids.push(r.id);
      groups.set(key.join(":"), g);
    }
    const found = [...groups.values()].filter((g) => g.ids.length > 1);
    return {
      groups: found.slice(0, 200).map((g) => ({ rule: g.rule, rows: g.ids.map((id) => this.ctx.store.row(this.ctx.store.get(id)!)) })),
      total: found.length,
    };
  }

  merge(winnerId: string, loserId: string, locale: "pl" | "en"): MergeReport {
    if (winnerId === loserId) throw err("invalid", "cannot merge a record with itself");
    const winner = this.ctx.store.get(winnerId);
    const loser = this.ctx.store.get(loserId);
    if (!winner || !loser) throw err("not_found", "record not found");
    const fields: string[] = [];
    for (const [k, v] of Object.entries(loser.fields)) {
      if (k === "owner") continue;
      const mine = winner.fields[k]?.value;
      if (!mine) {
        winner.fields[k] = v;
        fields.push(k);
      } else if (mine.type === "list" && v.value.type === "list") {
        const all = [...new Set([...mine.value, ...v.value.value])];
        if (all.length > mine.value.length) {
          winner.fields[k] = read(list(all));
          fields.push(k);
        }
      }
    }
    const repointed: string[] = [];
    for (const r of this.ctx.store.records.values()) {
      for (const [k, f] of Object.entries(r.fields)) {
        if (f.value.type === "ref" && f.value.value === loserId) {
          r.fields[k] = read(ref(winnerId));
          repointed.push(r.id);
        } else if (f.value.type === "ref_set" && f.value.value.includes(loserId)) {
          r.fields[k] = read(refSet([...new Set(f.value.value.map((x) => (x === loserId ? winnerId : x)))]));
          repointed.push(r.id);
        }
      }
    }
    loser.deleted_at = this.ctx.now();
    const note: CrmRecord = {
      id: newId(), kind: "activity", schema: 1, custom: {}, deleted_at: null,
      fields: {
        type: read(text("note")),
        at: read(ts(this.ctx.now())),
        body: read(long(locale === "pl" ? `Scalono „${titleOf(loser)}” z tym rekordem.` : `Merged “${titleOf(loser)}” into this record.`)),
        links: read(refSet([winnerId, loserId])),
        author: read(ref(this.ctx.me())),
      },
    };
    this.ctx.store.records.set(note.id, note);
    this.ctx.wrote([winner.kind, "activity"]);
    this.ctx.emit({ type: "records_changed", kinds: ["person", "company", "deal", "task", "activity", "file"] });
    return { winner: winnerId, loser: loserId, repointed: [...new Set(repointed)], fields, note: note.id };
  }
}
