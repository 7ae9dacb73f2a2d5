//! An in-memory `Platform`: the component tests and the browser preview (`npm run dev`
//! without the desktop shell) run against it. It answers every command like the Rust side
//! does, over seeded Polish sample data, and records what it was asked.

import type { AppError, AppEvent, AppState, CrmRecord, DeletionView, Kind, Locale, Patch, SessionInfo, SyncStatus, Value } from "./contract";
import type { CommandName, Platform, Req, Res } from "./types";
import { ACCOUNT, PASSWORD, USERS, seed, todayIso, type Seeded } from "./fake/seed";
import { Store, titleOf } from "./fake/store";
import { newId, num, read, ref, str, text, ts } from "./fake/values";
import { Admin } from "./fake/admin";
import { Billing } from "./fake/billing";
import { Files } from "./fake/files";
import { DataOps } from "./fake/data";
import { AdvancedExports } from "./fake/exports";
import { Automation } from "./fake/automation";

export interface FakeOptions {
  people?: number;
  companies?: number;
  signedIn?: boolean;
  latencyMs?: number;
  now?: Date;
  locale?: Locale | null;
}

export interface FakePlatform extends Platform {
  /** Every command run, in order. */
  calls: { cmd: CommandName; req: unknown }[];
  /** Every notification shown. */
  notifications: { title: string; body: string }[];
  store: Store;
  /** Coworkers, invitations and seats as the server keeps them. */
  admin: Admin;
  /** The plan, quotes, renewals and invoices as the server keeps them. */
  billing: Billing;
  /** Automation rules as the server keeps them (available unless the plan is `crm`). */
  automation: Automation;
  /** Files, links and the storage quota. */
  files: Files;
  /** What the next native file dialog answers (`null`: cancelled). */
  picks: { file: string | null; save: string | null };
  special: Seeded["special"];
  /** Export, import and duplicates as the replica does them; the dialogs' answers. */
  data: DataOps;
  /** The server's advanced export jobs. */
  exports: AdvancedExports;
  /** Sends an event to the listeners, as Rust would. */
  emit(event: AppEvent): void;
  /** The next call of `cmd` rejects with `error`. */
  failNext(cmd: CommandName, error: AppError): void;
  /** Puts a conflict on a field (as if another device wrote it at the same time). */
  addConflict(id: string, field: string, other: Value): void;
}

const err = (code: string, message: string): AppError => ({ code, message });

const REQUIRED: Partial<Record<Kind, string[]>> = {
  company: ["name"], person: ["last_name"], deal: ["title"], task: ["title"], space: ["name"],
  saved_filter: ["name", "target"], activity: ["type"], file: ["name"], pipeline: ["name"],
  custom_field: ["target", "key", "label", "field_type"],
};

const CUSTOM_KINDS: Kind[] = ["company", "person", "deal", "task", "space"];
const CUSTOM_TYPES = ["text", "number", "money", "date", "select", "multiselect", "bool"];

/** A custom value against its definition, as `check_custom` in core/validate.rs does. */
function checkCustom(label: string, fieldType: string, options: string[], v: Value): void {
  const wrong = (expected: string) => err("invalid", `\`${label}\` must be ${expected}`);
  const notAllowed = () => err("invalid", `\`${label}\` must be one of: ${options.join(", ")}`);
  switch (fieldType) {
    case "text":
      if (v.type !== "text" && v.type !== "long_text") throw wrong("a text");
      if ([...v.value].length > 10_000) throw err("invalid", `\`${label}\` is longer than 10000 characters`);
      return;
    case "number":
      if (v.type !== "int") throw wrong("a whole number");
      return;
    case "money":
      if (v.type !== "money") throw wrong("an amount of money");
      return;
    case "date":
      if (v.type !== "date") throw wrong("a date");
      return;
    case "bool":
      if (v.type !== "bool") throw wrong("yes or no");
      return;
    case "select":
      if (v.type !== "text") throw wrong("a text");
      if (!options.includes(v.value)) throw notAllowed();
      return;
    case "multiselect":
      if (v.type !== "text_set") throw wrong("a set of options");
      if (!v.value.every((x) => options.includes(x))) throw notAllowed();
      return;
    default:
      throw err("invalid", `\`${label}\`: unknown custom field type \`${fieldType}\``);
  }
}

export function createFakePlatform(opts: FakeOptions = {}): FakePlatform {
  const now = opts.now ?? new Date();
  const seeded = seed({ people: opts.people ?? 1800, companies: opts.companies ?? 240, now });
  const store = new Store(seeded.records);
  // Each platform has its own copy, so one test signing up does not change another.
  const users = USERS.map((u) => ({ ...u }));
  const listeners = new Set<(e: AppEvent) => void>();
  const failures = new Map<CommandName, AppError>();
  let password = PASSWORD;
  const admin = new Admin(users, { ...ACCOUNT }, () => now);
  admin.invitations.push({
    id: "0190a5c1-0000-7000-8000-0000000000c1",
    email: "zofia.mazur@hydro-tech.pl",
    role: "user",
    seat: true,
    expires_at: new Date(now.getTime() + 5 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    accepted: false,
  });
  let session: SessionInfo | null = opts.signedIn === false ? null : { server_url: "https://app.localspace.pl", user: users[0], account: admin.accountView() };
  let locale: Locale | null = opts.locale ?? null;
  let serverUrl = "https://app.localspace.pl";
  let status: SyncStatus = session ? { state: "synced", at: now.getTime() } : { state: "signed_out" };
  let pending = 0;
  let deletion: DeletionView = { requested_at: null, deletes_at: null, backups_gone_at: null, delay_days: 7, backup_days: 30 };
  const billing = new Billing(() => admin.seatsUsed(), () => todayIso(now));
  const automation = new Automation(() => billing.plan.plan !== "crm" && admin.account.status !== "blocked", () => now);
  const me = () => session?.user.id ?? users[0].id;
  const today = () => todayIso(new Date());

  const emit = (e: AppEvent) => listeners.forEach((l) => l(e));
  const files = new Files(emit, () => now.getTime());
  const exports = new AdvancedExports(() => (["company", "person", "deal", "space", "task", "activity", "file"] as Kind[]).reduce((n, k) => n + store.live(k).length, 0), () => now, emit);
  /** The session with the account as the server has it now, announced like Rust does. */
  const refreshed = (): SessionInfo => {
    const s = signedIn();
    s.account = admin.accountView();
    session = { ...s };
    emit({ type: "session", session });
    return session;
  };
  const picks: FakePlatform["picks"] = { file: "/home/anna/Dokumenty/Oferta Drewpol.pdf", save: "/home/anna/Pobrane" };
  const setStatus = (s: SyncStatus) => {
    status = s;
    emit({ type: "sync_status", status: s });
  };
  const wrote = (kinds: Kind[]) => {
    store.changed();
    pending += 1;
    setStatus({ state: "syncing", pending });
    // A moment later the edits are "on the server".
    setTimeout(() => {
      pending = 0;
      if (status.state === "syncing") setStatus({ state: "synced", at: Date.now() });
    }, 600);
    void kinds;
  };
  const signedIn = () => {
    if (!session) throw err("signed_out", "Sign in first.");
    return session;
  };
  const need = (id: string): CrmRecord => {
    const r = store.get(id);
    if (!r) throw err("not_found", `record ${id} not found`);
    return r;
  };
  const applyPatch = (r: CrmRecord, patch: Patch) => {
    for (const [k, v] of Object.entries(patch.fields)) {
      if (v === null) delete r.fields[k];
      else r.fields[k] = read(v);
    }
    for (const [k, v] of Object.entries(patch.custom)) {
      if (v === null) delete r.custom[k];
      else r.custom[k] = read(v);
    }
  };
  const validate = (kind: Kind, patch: Patch, create: boolean) => {
    for (const key of REQUIRED[kind] ?? []) {
      const v = patch.fields[key];
      const blank = v === null || (v && (v.type === "text" || v.type === "long_text") && !v.value.trim());
      if ((create && v === undefined) || blank) throw err("invalid", `\`${key}\` is required`);
    }
    const emails = patch.fields.emails;
    if (emails && emails.type === "list") {
      for (const e of emails.value) if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) throw err("invalid", `\`${e}\` is not a valid e-mail address`);
    }
    if (Object.keys(patch.custom).length && !CUSTOM_KINDS.includes(kind)) throw err("invalid", `a ${kind} has no custom fields`);
    for (const [id, v] of Object.entries(patch.custom)) {
      if (v === null) continue;
      const def = store.get(id);
      if (!def || def.kind !== "custom_field" || def.deleted_at !== null) throw err("invalid", `unknown custom field ${id}`);
      if (str(def, "target") !== kind) throw err("invalid", `the custom field ${str(def, "label")} is not for a ${kind}`);
      const o = def.fields.options?.value;
      checkCustom(str(def, "label") ?? id, str(def, "field_type") ?? "", o?.type === "list" ? o.value : [], v);
    }
    if (kind === "custom_field") {
      const target = patch.fields.target;
      if (target && (target.type !== "text" || !CUSTOM_KINDS.includes(target.value as Kind))) throw err("invalid", "`target` must be one of: company, person, deal, task, space");
      const ft = patch.fields.field_type;
      if (ft && (ft.type !== "text" || !CUSTOM_TYPES.includes(ft.value))) throw err("invalid", `\`field_type\` must be one of: ${CUSTOM_TYPES.join(", ")}`);
      const key = patch.fields.key;
      if (key && (key.type !== "text" || [...key.value].length > 64)) throw err("invalid", "`key` is longer than 64 characters");
      const opts = patch.fields.options;
      if (opts && opts.type !== "list") throw err("invalid", "`options` must be a list");
    }
    const stages = patch.fields.stages;
    if (stages) {
      if (stages.type !== "stages") throw err("invalid", "`stages` must be pipeline stages");
      for (const st of stages.value) {
        if (!st.name.trim()) throw err("invalid", "`stages`: a stage needs a name");
        if (st.probability < 0 || st.probability > 100) throw err("invalid", `probability must be between 0 and 100, got ${st.probability}`);
      }
    }
    const p = patch.fields.probability;
    if (p && p.type === "int" && (p.value < 0 || p.value > 100)) throw err("invalid", `probability must be between 0 and 100, got ${p.value}`);
  };
  const signIn = (email: string, pw: string, server: string | null): SessionInfo => {
    const user = users.find((u) => u.email === email.trim().toLowerCase());
    if (!user || pw !== password) throw err("invalid_credentials", "wrong e-mail or password");
    if (!user.seat) throw err("no_seat", "the user has no seat");
    if (server?.trim()) serverUrl = server.trim().replace(/\/$/, "");
    session = { server_url: serverUrl, user, account: admin.accountView() };
    setStatus({ state: "synced", at: Date.now() });
    return session;
  };
  const weak = (pw: string) => {
    if ([...pw].length < 10) throw err("weak_password", "the password must have at least 10 characters");
  };

  const data = new DataOps({ store, emit, wrote, me, now: () => Date.now() });
  const handlers: { [C in CommandName]: (req: Req<C>) => Res<C> } = {
    app_state: (): AppState => ({ session, locale, server_url: serverUrl }),
    set_locale: (req) => {
      locale = req.locale;
      return { session, locale, server_url: serverUrl };
    },
    sign_in: (req) => signIn(req.email, req.password, req.server_url),
    sign_up: (req) => {
      weak(req.password);
      if (users.some((u) => u.email === req.email.trim().toLowerCase())) throw err("email_taken", "the address already belongs to a user");
      const user = { id: newId(), name: req.name, email: req.email.trim().toLowerCase(), role: "admin" as const, seat: true, active: true, lang: "pl" };
      users.push(user);
      password = req.password;
      session = { server_url: serverUrl, user, account: { ...ACCOUNT, name: req.company } };
      setStatus({ state: "synced", at: Date.now() });
      return session;
    },
    accept_invitation: (req) => {
      if (req.token.trim() !== "zaproszenie-123") throw err("token_invalid", "the invitation token is unknown");
      weak(req.password);
      const user = { id: newId(), name: req.name, email: "nowa.osoba@hydro-tech.pl", role: "user" as const, seat: true, active: true, lang: "pl" };
      users.push(user);
      session = { server_url: serverUrl, user, account: admin.accountView() };
      return session;
    },
    request_password_reset: () => null,
    confirm_password_reset: (req) => {
      if (req.token.trim() !== "reset-123") throw err("token_invalid", "the reset token is unknown");
      weak(req.password);
      password = req.password;
      return null;
    },
    change_password: (req) => {
      signedIn();
      if (req.current !== password) throw err("wrong_password", "the current password is wrong");
      weak(req.new);
      password = req.new;
      return null;
    },
    sign_out: () => {
      session = null;
      setStatus({ state: "signed_out" });
      return null;
    },
    coworkers: () => {
      signedIn();
      return { users };
    },
    sync_status: () => status,
    sync_now: () => {
      if (!session) return { state: "signed_out" };
      setStatus({ state: "synced", at: Date.now() });
      return status;
    },
    schema: (req) => ({ fields: schemaOf(req.kind) }),
    list: (req) => {
      signedIn();
      const ids = store.ids(req.kind, req.filter, req.sort, req.descending);
      const limit = Math.min(Math.max(req.limit, 1), 500);
      return { rows: ids.slice(req.offset, req.offset + limit).map((id) => store.row(store.get(id)!)), total: ids.length };
    },
    search: (req) => {
      signedIn();
      return { hits: store.search(req.text, Math.min(Math.max(req.limit, 1), 200)) };
    },
    open_record: (req) => {
      signedIn();
      const view = store.view(req.id);
      if (!view) throw err("not_found", `record ${req.id} not found`);
      return { view: structuredClone(view), refusal: seeded.refusals.get(req.id) ?? null };
    },
    create_record: (req) => {
      signedIn();
      validate(req.kind, req.patch, true);
      const r: CrmRecord = { id: newId(), kind: req.kind, schema: 1, fields: {}, custom: {}, deleted_at: null };
      applyPatch(r, req.patch);
      if (["company", "person", "deal", "task", "space", "file", "saved_filter"].includes(req.kind) && !req.patch.fields.owner) r.fields.owner = read(ref(me()));
      if (req.kind === "deal" && !r.fields.status) r.fields.status = read(text("open"));
      store.records.set(r.id, r);
      wrote([req.kind]);
      return { id: r.id };
    },
    update_record: (req) => {
      signedIn();
      const r = need(req.id);
      validate(r.kind, req.patch, false);
      applyPatch(r, req.patch);
      wrote([r.kind]);
      return null;
    },
    reapply_refusal: (req) => {
      signedIn();
      const r = need(req.id);
      const refusal = seeded.refusals.get(req.id);
      if (refusal) applyPatch(r, refusal.not_accepted);
      seeded.refusals.delete(req.id);
      wrote([r.kind]);
      return null;
    },
    dismiss_refusal: (req) => {
      signedIn();
      seeded.refusals.delete(req.id);
      return null;
    },
    bulk_update: (req) => {
      signedIn();
      const rs = req.ids.map(need);
      rs.forEach((r) => validate(r.kind, req.patch, false));
      rs.forEach((r) => applyPatch(r, req.patch));
      wrote([...new Set(rs.map((r) => r.kind))]);
      return null;
    },
    delete_records: (req) => {
      signedIn();
      const rs = req.ids.map(need);
      rs.forEach((r) => (r.deleted_at = Date.now()));
      wrote([...new Set(rs.map((r) => r.kind))]);
      return null;
    },
    restore_records: (req) => {
      signedIn();
      const rs = req.ids.map(need);
      rs.forEach((r) => (r.deleted_at = null));
      wrote([...new Set(rs.map((r) => r.kind))]);
      return null;
    },
    add_activity: (req) => {
      signedIn();
      need(req.record);
      const r: CrmRecord = { id: newId(), kind: "activity", schema: 1, fields: {}, custom: {}, deleted_at: null };
      r.fields.type = read(text(req.activity_type));
      r.fields.at = read(ts(Date.now()));
      r.fields.body = read({ type: "long_text", value: req.body });
      r.fields.links = read({ type: "ref_set", value: [req.record] });
      r.fields.author = read(ref(me()));
      if (req.subject?.trim()) r.fields.subject = read(text(req.subject));
      store.records.set(r.id, r);
      wrote(["activity"]);
      return { id: r.id };
    },
    resolve_conflict: (req) => {
      signedIn();
      const r = need(req.id);
      const f = r.fields[req.field];
      if (!f) throw err("not_found", "the field has no value");
      const same = (v: Value) => JSON.stringify(v) === JSON.stringify(req.value);
      if (!same(f.value) && !f.conflicts.some(same)) throw err("invalid", "the chosen value is not one of the field's values");
      r.fields[req.field] = read(req.value);
      wrote([r.kind]);
      return null;
    },
    pipelines: () => {
      signedIn();
      return store.pipelines();
    },
    board: (req) => {
      signedIn();
      const p = store.pipeline(req.pipeline);
      if (!p) throw err("not_found", "no such pipeline");
      return { pipeline: p, summary: store.summary(p, req.owner), columns: store.boardColumns(p, req.owner) };
    },
    move_deal: (req) => {
      signedIn();
      const d = need(req.id);
      const p = store.pipeline(str(d, "pipeline") ?? "");
      if (!p) throw err("invalid", "the deal has no pipeline");
      if (!p.stages.some((s) => s.id === req.stage)) throw err("invalid", "no such stage in the deal's pipeline");
      d.fields.stage = read(text(req.stage));
      wrote(["deal"]);
      return null;
    },
    close_deal: (req) => {
      signedIn();
      const d = need(req.id);
      if (req.status === "lost" && !req.reason?.trim()) throw err("reason_required", "say why the deal was lost");
      if (!["won", "lost", "open"].includes(req.status)) throw err("invalid", `unknown deal status ${req.status}`);
      d.fields.status = read(text(req.status));
      if (req.status === "lost") d.fields.lost_reason = read(text(req.reason!.trim()));
      else delete d.fields.lost_reason;
      wrote(["deal"]);
      return null;
    },
    tasks: (req) => {
      signedIn();
      const t = today();
      const c = (b: "inbox" | "today" | "overdue" | "upcoming") => store.tasks(b, t, req.assignee).length;
      return {
        tasks: store.tasks(req.bucket, t, req.assignee).slice(0, req.limit),
        counts: { inbox: c("inbox"), today: c("today"), overdue: c("overdue"), upcoming: c("upcoming") },
      };
    },
    set_task_done: (req) => {
      signedIn();
      need(req.id).fields.done = read({ type: "bool", value: req.done });
      wrote(["task"]);
      return null;
    },
    notify: (req) => {
      platform.notifications.push({ title: req.title, body: req.body });
      return null;
    },
    dashboard: (req) => {
      signedIn();
      const p = store.pipeline(req.pipeline);
      if (!p) throw err("not_found", "no such pipeline");
      return store.dashboard(p, users, today());
    },
    custom_fields: (req) => {
      signedIn();
      return [...store.records.values()]
        .filter((r) => r.kind === "custom_field" && r.deleted_at === null && (req.target === null || str(r, "target") === req.target))
        .map((r) => {
          const o = r.fields.options?.value;
          return {
            id: r.id,
            target: str(r, "target") ?? "",
            key: str(r, "key") ?? "",
            label: str(r, "label") ?? "",
            field_type: str(r, "field_type") ?? "",
            options: o?.type === "list" ? [...o.value] : [],
            position: num(r, "position") ?? 0,
          };
        })
        .sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
    },
    saved_filters: (req) => {
      signedIn();
      return [...store.records.values()]
        .filter((r) => r.kind === "saved_filter" && r.deleted_at === null && str(r, "target") === req.target)
        .map((r) => ({ id: r.id, name: str(r, "name") ?? "", target: str(r, "target") ?? "", query: str(r, "query") ?? "" }))
        .sort((a, b) => a.name.localeCompare(b.name, "pl"));
    },
    invite: (req) => {
      admin.requireAdmin(signedIn().user);
      admin.invite(req.email, req.role, req.seat);
      return { invitations: admin.list() };
    },
    invitations: () => {
      admin.requireAdmin(signedIn().user);
      return { invitations: admin.list() };
    },
    revoke_invitation: (req) => {
      admin.requireAdmin(signedIn().user);
      admin.revoke(req.id);
      return { invitations: admin.list() };
    },
    change_user: (req) => {
      admin.requireAdmin(signedIn().user);
      const user = admin.change(req);
      const s = signedIn();
      s.account = admin.accountView();
      return user;
    },
    account: () => {
      const s = signedIn();
      s.account = admin.accountView();
      return s.account;
    },
    billing_plan: () => {
      signedIn();
      return billing.plan;
    },
    billing_quote: (req) => {
      admin.requireAdmin(signedIn().user);
      return billing.quote(req);
    },
    renew: (req) => {
      admin.requireAdmin(signedIn().user);
      const outcome = billing.renew(req);
      if (outcome.status === "paid") {
        admin.account = { ...admin.account, status: "active", seats: req.seats, paid_until: billing.plan.paid_until, access_ended: null, deletion_on: null };
        if (status.state === "blocked") setStatus({ state: "synced", at: Date.now() });
      }
      return outcome;
    },
    billing_change_quote: (req) => {
      admin.requireAdmin(signedIn().user);
      return billing.changeQuote(req);
    },
    change_plan: (req) => {
      admin.requireAdmin(signedIn().user);
      const outcome = billing.change(req);
      if (outcome.payment?.status === "paid") admin.account = { ...admin.account, seats: req.seats };
      return outcome;
    },
    invoices: () => {
      admin.requireAdmin(signedIn().user);
      return { invoices: billing.invoices };
    },
    save_invoice_pdf: (req) => {
      admin.requireAdmin(signedIn().user);
      return { path: billing.pdfPath(req.id) };
    },
    automation_rules: () => {
      signedIn();
      return automation.list();
    },
    add_automation_rule: (req) => {
      admin.requireAdmin(signedIn().user);
      return automation.add(req);
    },
    update_automation_rule: (req) => {
      admin.requireAdmin(signedIn().user);
      return automation.update(req.id, req.update);
    },
    delete_automation_rule: (req) => {
      admin.requireAdmin(signedIn().user);
      automation.delete(req.id);
      return null;
    },
    account_deletion: () => {
      signedIn();
      return deletion;
    },
    request_deletion: (req) => {
      const s = signedIn();
      admin.requireAdmin(s.user);
      if (req.password !== password) throw err("wrong_password", "The password is not right.");
      if (req.account_name.trim() !== s.account.name) throw err("invalid", "Type the account's name exactly as it is shown.");
      if (!deletion.deletes_at) {
        const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
        deletion = { ...deletion, requested_at: at(0), deletes_at: at(7), backups_gone_at: at(37) };
      }
      return deletion;
    },
    cancel_deletion: () => {
      admin.requireAdmin(signedIn().user);
      deletion = { ...deletion, requested_at: null, deletes_at: null, backups_gone_at: null };
      return deletion;
    },
    remove_local_data: () => {
      session = null;
      store.records.clear();
      store.changed();
      setStatus({ state: "signed_out" });
      return null;
    },
    record_files: (req) => {
      signedIn();
      return { files: files.list(req.id) };
    },
    attach_file: (req) => {
      signedIn();
      need(req.record);
      return files.attach(req.record, req.path);
    },
    add_link: (req) => {
      signedIn();
      need(req.record);
      return { id: files.link(req.record, req.name, req.url) };
    },
    download_file: (req) => {
      signedIn();
      return files.download(req.id, req.path);
    },
    delete_file: (req) => {
      signedIn();
      files.remove(req.id);
      return null;
    },
    storage_usage: () => {
      signedIn();
      return files.usage();
    },
    pick_file: () => picks.file,
    pick_download_path: (req) => (picks.save === null ? null : `${picks.save}/${req.name}`),
    export_list: (req) => {
      const s = signedIn();
      if (s.user.role !== "admin" && !s.account.basic_export)
        throw err("export_disabled", "an admin switched list export off for users and managers");
      return data.export(req);
    },
    import_preview: (req) => {
      signedIn();
      return data.preview(req);
    },
    run_import: (req) => {
      signedIn();
      return data.run(req);
    },
    imports: () => {
      signedIn();
      return data.imports();
    },
    undo_import: (req) => {
      signedIn();
      return data.undo(req.id);
    },
    import_archive: (req) => data.importArchive(req.path, signedIn().user.role === "admin"),
    duplicates: (req) => {
      signedIn();
      return data.duplicates(req.kind);
    },
    merge_records: (req) => {
      signedIn();
      return data.merge(req.winner, req.loser, req.locale);
    },
    pick_save_path: (req) => data.pickSave(req.file_name),
    pick_open_path: () => data.pickOpen(),
    start_advanced_export: () => {
      admin.requireAdmin(signedIn().user);
      return exports.start();
    },
    advanced_exports: () => {
      admin.requireAdmin(signedIn().user);
      return { jobs: exports.list() };
    },
    advanced_export: (req) => {
      admin.requireAdmin(signedIn().user);
      return req.wait ? exports.step(req.id) : { ...exports.get(req.id) };
    },
    save_advanced_export: (req) => {
      admin.requireAdmin(signedIn().user);
      return exports.save(req.id, req.path);
    },
    set_basic_export: (req) => {
      const s = signedIn();
      admin.requireAdmin(s.user);
      admin.account = { ...admin.account, basic_export: req.allowed };
      return refreshed();
    },
    refresh_session: () => refreshed(),
  };

  const platform: FakePlatform = {
    exports,
    calls: [],
    notifications: [],
    store,
    admin,
    billing,
    automation,
    files,
    picks,
    data,
    special: seeded.special,
    emit,
    failNext(cmd, error) {
      failures.set(cmd, error);
    },
    addConflict(id, field, other) {
      const r = need(id);
      if (r.fields[field]) r.fields[field].conflicts.push(other);
    },
    invoke<C extends CommandName>(cmd: C, req: Req<C>): Promise<Res<C>> {
      platform.calls.push({ cmd, req });
      const run = (): Res<C> => {
        const failure = failures.get(cmd);
        if (failure) {
          failures.delete(cmd);
          throw failure;
        }
        return (handlers[cmd] as (r: Req<C>) => Res<C>)(req);
      };
      const latency = opts.latencyMs ?? 0;
      return new Promise((resolve, reject) => {
        const go = () => {
          try {
            // Answers are copies, as they would be after crossing IPC.
            const res = run();
            resolve(res === null || res === undefined ? res : structuredClone(res));
          } catch (e) {
            reject(e);
          }
        };
        if (latency > 0) setTimeout(go, latency);
        else queueMicrotask(go);
      });
    },
    onEvent(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    notify(title, body) {
      void platform.invoke("notify", { title, body });
    },
  };
  void titleOf;
  return platform;
}

/** The field schema of each kind, as the Rust `schema` command returns it. */
function schemaOf(kind: Kind) {
  const f = (key: string, field_type: string, required = false, options: string[] = [], ref_kind: Kind | null = null) => ({ key, field_type, required, options, ref_kind });
  const common = [f("owner", "user_ref"), f("visibility", "enum", false, ["public", "private"]), f("participants", "user_set")];
  switch (kind) {
    case "company":
      return [f("name", "text", true), f("nip", "nip"), f("regon", "text"), f("industry", "text"), f("website", "text"), f("street", "text"), f("postcode", "text"), f("city", "text"), f("country", "text"), f("emails", "emails"), f("phones", "phones"), f("description", "long_text"), ...common];
    case "person":
      return [f("first_name", "text"), f("last_name", "text", true), f("company", "ref", false, [], "company"), f("position", "text"), f("emails", "emails"), f("phones", "phones"), f("city", "text"), f("description", "long_text"), ...common];
    case "deal":
      return [f("title", "text", true), f("pipeline", "ref", false, [], "pipeline"), f("stage", "text"), f("value", "money"), f("close_date", "date"), f("probability", "int"), f("status", "enum", false, ["open", "won", "lost"]), f("lost_reason", "text"), f("people", "ref_set", false, [], "person"), f("companies", "ref_set", false, [], "company"), f("space", "ref", false, [], "space"), f("revenues", "lines"), f("costs", "lines"), f("description", "long_text"), ...common];
    case "task":
      return [f("title", "text", true), f("due", "date"), f("done", "bool"), f("assignee", "user_ref"), f("links", "ref_set"), f("description", "long_text"), f("owner", "user_ref")];
    case "activity":
      return [f("type", "enum", true, ["note", "call", "meeting", "email"]), f("subject", "text"), f("at", "timestamp"), f("duration_min", "int"), f("body", "long_text"), f("links", "ref_set"), f("author", "user_ref")];
    case "space":
      return [f("name", "text", true), f("description", "long_text"), f("members", "user_set"), f("owner", "user_ref"), f("visibility", "enum", false, ["public", "private"])];
    case "file":
      return [f("name", "text", true), f("size", "int"), f("mime", "text"), f("content_hash", "text"), f("url", "text"), f("links", "ref_set"), f("owner", "user_ref")];
    case "pipeline":
      return [f("name", "text", true), f("stages", "stages"), f("position", "int")];
    case "custom_field":
      return [f("target", "enum", true, ["company", "person", "deal", "task", "space"]), f("key", "text", true), f("label", "text", true), f("field_type", "enum", true, ["text", "number", "money", "date", "select", "multiselect", "bool"]), f("options", "list"), f("position", "int")];
    case "saved_filter":
      return [f("name", "text", true), f("target", "enum", true, ["company", "person", "deal", "task", "space"]), f("query", "text"), f("owner", "user_ref")];
  }
}
