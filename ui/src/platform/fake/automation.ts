//! Automation rules as the server keeps them (docs/api.md, "Automation"): everyone lists,
//! admins add, change and delete. Without automation in the plan (the `crm` plan, a blocked
//! account) adding, switching on or changing a rule that stays on answers
//! `plan_lacks_automation`; switching off always works.

import type { AppError, AutomationRule, AutomationRules, NewRule, RuleSpec, RuleUpdate } from "../contract";
import { newId } from "./values";

const TEXT_MAX = 200;
const DUE_MAX_DAYS = 365;

const err = (code: string, message: string): AppError => ({ code, message });

function check(spec: RuleSpec): void {
  const text = spec.type === "stage_task" ? spec.title : spec.note;
  if (!text.trim()) throw err("invalid", spec.type === "stage_task" ? "`title` is required" : "`note` is required");
  if (/[\r\n]/.test(text)) throw err("invalid", "the text must be one line");
  if ([...text].length > TEXT_MAX) throw err("invalid", `the text is longer than ${TEXT_MAX} characters`);
  if (spec.type === "stage_task") {
    if (!spec.pipeline || !spec.stage) throw err("invalid", "`pipeline` and `stage` are required");
    if (!Number.isInteger(spec.due_in_days) || spec.due_in_days < 0 || spec.due_in_days > DUE_MAX_DAYS) {
      throw err("invalid", `\`due_in_days\` must be 0…${DUE_MAX_DAYS}`);
    }
  }
}

export class Automation {
  rules: AutomationRule[] = [];

  constructor(private readonly available: () => boolean, private readonly now: () => Date) {}

  private stamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  private refuseWithoutPlan(): void {
    if (!this.available()) throw err("plan_lacks_automation", "the account's plan has no automation");
  }

  list(): AutomationRules {
    return { available: this.available(), rules: this.rules.map((r) => ({ ...r })) };
  }

  add(req: NewRule): AutomationRule {
    check(req.spec);
    this.refuseWithoutPlan();
    const at = this.stamp();
    const rule: AutomationRule = { id: newId(), spec: req.spec, enabled: req.enabled, created_at: at, updated_at: at };
    this.rules.push(rule);
    return { ...rule };
  }

  update(id: string, update: RuleUpdate): AutomationRule {
    const rule = this.rules.find((r) => r.id === id);
    if (!rule) throw err("not_found", "no such rule");
    if (update.spec) check(update.spec);
    if ((update.enabled ?? rule.enabled) === true) this.refuseWithoutPlan();
    if (update.spec) rule.spec = update.spec;
    if (update.enabled !== undefined) rule.enabled = update.enabled;
    rule.updated_at = this.stamp();
    return { ...rule };
  }

  delete(id: string): void {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i < 0) throw err("not_found", "no such rule");
    this.rules.splice(i, 1);
  }
}
