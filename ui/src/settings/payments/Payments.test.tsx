import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../../app/App";
import { createFakePlatform } from "../../platform/fake";
import { callsOf, renderApp } from "../../test/render";

const fillBuyer = (nip = "526-025-02-74") => {
  fireEvent.change(screen.getByTestId("renew-address"), { target: { value: "ul. Piotrkowska 1\n90-001 Łódź" } });
  fireEvent.change(screen.getByTestId("renew-nip"), { target: { value: nip } });
  fireEvent.change(screen.getByTestId("renew-email"), { target: { value: "faktury@hydro-tech.pl" } });
};

describe("settings: payments", () => {
  it("quotes live with the arithmetic and discount, pays, and lists the invoice with its PDF", async () => {
    const platform = renderApp("#/settings/payments");
    expect((await screen.findByTestId("payments-current")).textContent).toContain("jeszcze nieopłacone");
    expect(screen.getByTestId("payments-current").textContent).toContain("Stanowiska: 4 z 5");
    expect(await screen.findByText("Brak faktur.")).toBeTruthy();

    fireEvent.change(screen.getByTestId("renew-plan"), { target: { value: "crm_automation" } });
    fireEvent.change(screen.getByTestId("renew-seats"), { target: { value: "2" } });
    expect((screen.getByTestId("renew-seats") as HTMLInputElement).value).toBe("4"); // no fewer than in use
    fireEvent.change(screen.getByTestId("renew-seats"), { target: { value: "5" } });
    fillBuyer("123-456-78-90");
    expect((await screen.findByTestId("quote-error")).textContent).toBe("NIP jest nieprawidłowy — sprawdź cyfry.");
    fireEvent.change(screen.getByTestId("renew-nip"), { target: { value: "526-025-02-74" } });

    const quote = await screen.findByTestId("quote");
    const lines = within(quote).getAllByTestId("quote-line");
    expect(lines.map((l) => l.dataset.kind)).toEqual(["plan", "discount"]);
    expect(lines[0].textContent).toContain("99,00\u00a0zł × 5 stanowisk × 12 miesięcy = 5\u00a0940,00\u00a0zł netto");
    expect(within(quote).getByTestId("quote-discount").textContent).toBe("Rabat za okres: 10%");
    // 5 940,00 − 594,00 = 5 346,00 net; VAT 1 229,58; gross 6 575,58.
    expect(within(quote).getByTestId("quote-gross").textContent).toBe("6575,58\u00a0zł".replace("6575", "6\u00a0575"));
    const lastQuote = callsOf(platform, "billing_quote").at(-1)!.req;
    expect(lastQuote).toMatchObject({ plan: "crm_automation", seats: 5, months: 12, packs: 0 });

    fireEvent.change(screen.getByTestId("renew-months"), { target: { value: "3" } });
    await waitFor(() => expect(screen.getByTestId("quote-discount").textContent).toContain("Bez rabatu"));
    fireEvent.change(screen.getByTestId("renew-months"), { target: { value: "12" } });
    await waitFor(() => expect(screen.getByTestId("quote-discount").textContent).toBe("Rabat za okres: 10%"));

    fireEvent.click(screen.getByTestId("renew-pay"));
    const outcome = await screen.findByTestId("renew-outcome");
    expect(outcome.dataset.status).toBe("paid");
    expect(outcome.textContent).toMatch(/Zapłacono\. Faktura FV\/\d{4}\/\d{2}\/0001 została wysłana e-mailem/);
    expect(callsOf(platform, "renew")[0].req).toMatchObject({ method: "online", lang: "pl", test_outcome: null });

    const row = await screen.findByTestId("invoice-row");
    expect(row.textContent).toContain("6\u00a0575,58\u00a0zł");
    expect(row.textContent).toContain("Opłacona");
    await waitFor(() => expect(screen.getByTestId("payments-current").textContent).toContain("CRM + automatyzacja"));
    fireEvent.click(within(row).getByTestId("invoice-download"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toMatch(/Zapisano: .*FV-\d{4}-\d{2}-0001\.pdf/);
  });

  it("shows a pro-forma for a transfer and the server's refusal", async () => {
    const platform = renderApp("#/settings/payments", { locale: "en" });
    await screen.findByTestId("payments-current");
    fillBuyer();
    fireEvent.click(screen.getByTestId("renew-method-transfer"));
    await screen.findByTestId("quote");
    expect(screen.getAllByTestId("quote-line")[0].textContent).toContain("PLN 59.00 × 5 seats × 12 months");
    fireEvent.click(screen.getByTestId("renew-pay"));
    const outcome = await screen.findByTestId("renew-outcome");
    expect(outcome.dataset.status).toBe("pending");
    expect(outcome.textContent).toMatch(/Pro-forma PF\/\d{4}\/\d{2}\/0001/);
    expect((await screen.findByTestId("invoice-row")).textContent).toContain("Awaiting payment");

    platform.failNext("renew", { code: "plan_change_mid_term", message: "mid term" });
    fireEvent.click(screen.getByTestId("renew-pay"));
    expect((await screen.findByTestId("renew-error")).textContent).toBe("During a paid term a renewal keeps the same plan, seats and packs.");
  });

  it("tells a user who is not an admin to ask the admin", async () => {
    const platform = createFakePlatform({ people: 20, companies: 5, locale: "pl" });
    platform.admin.users[0].role = "manager";
    window.location.hash = "#/settings/payments";
    render(<App platform={platform} />);
    expect((await screen.findByTestId("payments-admin-only")).textContent).toContain("Skontaktuj się z administratorem");
    expect(callsOf(platform, "billing_quote")).toEqual([]);
  });
});
