import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../../test/render";
import type { FakePlatform } from "../../platform/fake";

/** 2026-06-10, 100 days into a year of CRM for 5 seats paid 2026-03-02..2027-03-02 (366 days). */
const NOW = new Date("2026-06-10T10:00:00Z");

function paidYear(platform: FakePlatform) {
  platform.billing.plan = { plan: "crm", seats: 5, packs: 0, paid_until: "2027-03-02", quota_gb: 15, scheduled: null };
  platform.billing.term = { first: "2026-03-02", months: 12 };
}

const fillBuyer = () => {
  fireEvent.change(screen.getByTestId("change-address"), { target: { value: "ul. Piotrkowska 1\n90-001 Łódź" } });
  fireEvent.change(screen.getByTestId("change-nip"), { target: { value: "526-025-02-74" } });
  fireEvent.change(screen.getByTestId("change-email"), { target: { value: "faktury@hydro-tech.pl" } });
};

describe("settings: payments, changes during the term", () => {
  it("quotes an upgrade prorated line by line, pays it and shows the new plan at once", async () => {
    const platform = renderApp("#/settings/profile", { now: NOW });
    paidYear(platform);
    window.location.hash = "#/settings/payments";
    const form = await screen.findByTestId("change");
    expect(within(form).getByText("Wybierz inny plan, liczbę stanowisk lub pakietów.")).toBeTruthy();

    fireEvent.change(screen.getByTestId("change-plan"), { target: { value: "crm_automation" } });
    expect((await screen.findByTestId("change-upgrade")).textContent).toContain("dopłata za pozostałe dni");
    const quote = within(form).getByTestId("quote");
    const lines = within(quote).getAllByTestId("quote-line");
    expect(lines.map((l) => l.dataset.kind)).toEqual(["upgrade", "discount"]);
    // (99,00 − 59,00) × 5 × 12 × 266/366 = 1 744,26 zł; −10%: 174,43 zł.
    expect(lines[0].textContent).toContain("(99,00\u00a0zł − 59,00\u00a0zł) × 5 stanowisk × 12 miesięcy × 266/366 = 1\u00a0744,26\u00a0zł netto");
    expect(lines[1].textContent).toContain("−10% × 1\u00a0744,26\u00a0zł = -174,43\u00a0zł netto");
    expect(callsOf(platform, "billing_change_quote").at(-1)!.req).toEqual({ plan: "crm_automation", seats: 5, packs: 0 });

    const submit = screen.getByTestId("change-submit") as HTMLButtonElement;
    expect(submit.disabled).toBe(true); // the buyer is still missing
    fillBuyer();
    await waitFor(() => expect(submit.disabled).toBe(false));
    fireEvent.click(submit);
    const outcome = await screen.findByTestId("change-outcome");
    expect(outcome.dataset.status).toBe("paid");
    expect(outcome.textContent).toMatch(/Faktura FV\/2026\/06\/0001 .* Nowy plan działa od dziś/);
    expect(callsOf(platform, "change_plan")[0].req).toMatchObject({ plan: "crm_automation", seats: 5, packs: 0, method: "online", lang: "pl" });
    await waitFor(() => expect(screen.getByTestId("payments-current").textContent).toContain("CRM + automatyzacja"));
    expect((await screen.findByTestId("invoice-row")).textContent).toContain("FV/2026/06/0001");
  });

  it("schedules a downgrade for the end of the term and says so, in English too", async () => {
    const platform = renderApp("#/settings/profile", { now: NOW, locale: "en" });
    paidYear(platform);
    platform.billing.plan = { ...platform.billing.plan, plan: "crm_automation", quota_gb: 40 };
    window.location.hash = "#/settings/payments";
    await screen.findByTestId("change");
    fireEvent.change(screen.getByTestId("change-plan"), { target: { value: "crm" } });
    expect((await screen.findByTestId("change-downgrade")).textContent).toContain("nothing is charged until the term ends");
    expect(screen.queryByTestId("change-company")).toBeNull(); // no buyer, no payment
    fireEvent.click(screen.getByTestId("change-submit"));
    const outcome = await screen.findByTestId("change-outcome");
    expect(outcome.dataset.status).toBe("scheduled");
    const scheduled = await screen.findByTestId("payments-scheduled");
    expect(scheduled.textContent).toMatch(/^Changes to CRM on .*2027.*: 5 seats, 0 10 GB packs$/);
    expect(platform.billing.plan.plan).toBe("crm_automation"); // not yet

    // Raising and lowering at once is refused with the server's reason.
    fireEvent.change(screen.getByTestId("change-plan"), { target: { value: "crm_automation" } });
    fireEvent.change(screen.getByTestId("change-seats"), { target: { value: "6" } });
    fireEvent.change(screen.getByTestId("change-plan"), { target: { value: "crm" } });
    expect((await screen.findByTestId("change-quote-error")).textContent).toBe(
      "An upgrade applies at once and a downgrade from the next term — do them one at a time.",
    );
  });

  it("is not offered on the trial", async () => {
    renderApp("#/settings/payments");
    await screen.findByTestId("payments-current");
    expect(screen.queryByTestId("change")).toBeNull();
  });
});
