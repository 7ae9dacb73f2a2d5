import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

function pick(select: HTMLElement, label: string) {
  const option = within(select).getByText(label) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
}

async function addStageRule() {
  await screen.findByTestId("automation-new");
  await waitFor(() => expect(within(screen.getByTestId("automation-new-pipeline")).queryByText("Sprzedaż B2B")).not.toBeNull());
  pick(screen.getByTestId("automation-new-pipeline"), "Sprzedaż B2B");
  pick(screen.getByTestId("automation-new-stage"), "Negocjacje");
  fireEvent.change(screen.getByTestId("automation-new-title"), { target: { value: "Call back" } });
  fireEvent.change(screen.getByTestId("automation-new-days"), { target: { value: "3" } });
  fireEvent.click(screen.getByTestId("automation-add"));
}

describe("settings: automation rules", () => {
  it("adds a stage rule and lists it in words, switches it off and deletes it", async () => {
    const platform = renderApp("#/settings/automation", { locale: "en" });
    expect(await screen.findByTestId("automation-empty")).toBeTruthy();
    await addStageRule();
    const text = await screen.findByTestId("automation-rule-text");
    expect(text.textContent).toBe("When a deal enters «Negocjacje» in «Sprzedaż B2B»: task «Call back» for its owner, due in 3 days");
    expect(platform.automation.rules).toHaveLength(1);
    expect(platform.automation.rules[0].spec).toMatchObject({ type: "stage_task", title: "Call back", due_in_days: 3 });

    fireEvent.click(screen.getByTestId("automation-rule-enabled"));
    await waitFor(() => expect(screen.getByTestId("automation-rule").dataset.enabled).toBe("false"));
    expect(platform.automation.rules[0].enabled).toBe(false);
    expect(callsOf(platform, "update_automation_rule")[0].req).toMatchObject({ update: { enabled: false } });

    fireEvent.click(screen.getByTestId("automation-rule-delete"));
    expect(await screen.findByTestId("automation-empty")).toBeTruthy();
    expect(platform.automation.rules).toHaveLength(0);
  });

  it("adds a won-deal note rule, described in Polish", async () => {
    renderApp("#/settings/automation");
    fireEvent.change(await screen.findByTestId("automation-new-type"), { target: { value: "won_note" } });
    fireEvent.change(screen.getByTestId("automation-new-note"), { target: { value: "Wystaw fakturę" } });
    fireEvent.click(screen.getByTestId("automation-add"));
    expect((await screen.findByTestId("automation-rule-text")).textContent).toBe(
      "Gdy szansa zostanie wygrana: notatka «Wystaw fakturę» przy szansie i e-mail do menedżerów",
    );
  });

  it("refuses a due date past a year without calling the server", async () => {
    const platform = renderApp("#/settings/automation", { locale: "en" });
    await screen.findByTestId("automation-new");
    await waitFor(() => expect(within(screen.getByTestId("automation-new-stage")).queryByText("Negocjacje")).not.toBeNull());
    fireEvent.change(screen.getByTestId("automation-new-title"), { target: { value: "Call back" } });
    fireEvent.change(screen.getByTestId("automation-new-days"), { target: { value: "400" } });
    fireEvent.click(screen.getByTestId("automation-add"));
    expect((await screen.findByTestId("automation-new-problem")).textContent).toBe("Enter a number of days from 0 to 365.");
    expect(callsOf(platform, "add_automation_rule")).toHaveLength(0);
  });

  it("on the crm plan explains the upgrade and links admins to Payments", async () => {
    renderApp("#/settings/automation", { locale: "en" }, (p) => {
      p.billing.plan = { ...p.billing.plan, plan: "crm" };
      p.automation.rules.push({
        id: "r1",
        spec: { type: "won_note", note: "Send the invoice" },
        enabled: false,
        created_at: "2026-03-02T09:00:00Z",
        updated_at: "2026-03-02T09:00:00Z",
      });
    });
    expect((await screen.findByTestId("automation-upgrade")).textContent).toContain("Automation rules come with the CRM + Automation plan.");
    expect(screen.getByTestId("automation-rule-text").textContent).toBe("When a deal is won: note «Send the invoice» on the deal and an e-mail to managers");
    expect(screen.queryByTestId("automation-new")).toBeNull();
    fireEvent.click(screen.getByTestId("automation-upgrade-link"));
    await waitFor(() => expect(window.location.hash).toBe("#/settings/payments"));
  });

  it("shows the server's refusal as the upgrade explanation when adding fails with plan_lacks_automation", async () => {
    const platform = renderApp("#/settings/automation", { locale: "en" });
    await screen.findByTestId("automation-empty");
    platform.billing.plan = { ...platform.billing.plan, plan: "crm" };
    await addStageRule();
    expect(await screen.findByTestId("automation-upgrade")).toBeTruthy();
    expect(screen.getByTestId("automation-error").textContent).toContain("does not include automation");
    expect(platform.automation.rules).toHaveLength(0);
  });

  it("shows a salesperson the rules read-only", async () => {
    renderApp("#/settings/automation", { locale: "en" }, (p) => {
      p.admin.users[0].role = "user";
      p.automation.rules.push({
        id: "r1",
        spec: { type: "won_note", note: "Send the invoice" },
        enabled: true,
        created_at: "2026-03-02T09:00:00Z",
        updated_at: "2026-03-02T09:00:00Z",
      });
    });
    expect(await screen.findByTestId("automation-read-only")).toBeTruthy();
    // The role and the rules load separately: wait for the rule itself, not just the marker.
    expect(((await screen.findByTestId("automation-rule-enabled")) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByTestId("automation-rule-delete")).toBeNull();
    expect(screen.queryByTestId("automation-new")).toBeNull();
  });
});
