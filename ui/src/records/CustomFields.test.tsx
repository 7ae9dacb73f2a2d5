import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Patch } from "../platform/contract";
import { callsOf, renderApp } from "../test/render";

function open(hash: string) {
  window.location.hash = hash;
  fireEvent(window, new HashChangeEvent("hashchange"));
}

const lastPatch = (p: ReturnType<typeof renderApp>) => {
  const calls = callsOf(p, "update_record");
  return calls[calls.length - 1].req as { id: string; patch: Patch };
};

describe("custom fields", () => {
  it("defines a select field for people and edits it on a person's page", async () => {
    const platform = renderApp("#/settings/fields");
    fireEvent.click(await screen.findByTestId("customfield-kind-person"));
    await screen.findByText("Brak pól dodatkowych dla tego rodzaju rekordów.");
    fireEvent.change(screen.getByTestId("customfield-new-label"), { target: { value: "Źródło leada" } });
    expect(screen.getByTestId("customfield-new-key").textContent).toBe("zrodlo_leada");
    fireEvent.change(screen.getByTestId("customfield-new-type"), { target: { value: "select" } });
    fireEvent.click(screen.getByTestId("customfield-add"));
    expect((await screen.findByTestId("customfield-new-error")).textContent).toBe("Podaj co najmniej jedną opcję.");
    fireEvent.change(screen.getByTestId("customfield-new-options"), { target: { value: "Polecenie, Targi, Strona www, Targi" } });
    fireEvent.click(screen.getByTestId("customfield-add"));
    await waitFor(() => expect(callsOf(platform, "create_record")).toHaveLength(1));
    await waitFor(() => expect(screen.getAllByTestId("customfield-row").length).toBe(1));
    expect(callsOf(platform, "create_record")[0].req).toEqual({
      kind: "custom_field",
      patch: {
        fields: {
          target: { type: "text", value: "person" },
          key: { type: "text", value: "zrodlo_leada" },
          label: { type: "text", value: "Źródło leada" },
          field_type: { type: "text", value: "select" },
          options: { type: "list", value: ["Polecenie", "Targi", "Strona www"] },
          position: { type: "int", value: 0 },
        },
        custom: {},
      },
    });
    const defs = await platform.invoke("custom_fields", { target: "person" });
    const def = defs[0];

    // Rename the label in place.
    const label = screen.getByTestId("customfield-label");
    fireEvent.change(label, { target: { value: "Źródło kontaktu" } });
    fireEvent.keyDown(label, { key: "Enter" });
    await waitFor(() => expect(lastPatch(platform)).toEqual({ id: def.id, patch: { fields: { label: { type: "text", value: "Źródło kontaktu" } }, custom: {} } }));

    open(`#/people/${platform.special.conflictPerson}`);
    const select = (await screen.findByTestId("custom-zrodlo_leada")) as HTMLSelectElement;
    expect(screen.getByTestId("custom-values").textContent).toContain("Źródło kontaktu");
    fireEvent.change(select, { target: { value: "Targi" } });
    await waitFor(() =>
      expect(lastPatch(platform)).toEqual({ id: platform.special.conflictPerson, patch: { fields: {}, custom: { [def.id]: { type: "text", value: "Targi" } } } }),
    );
    await waitFor(() => expect((screen.getByTestId("custom-zrodlo_leada") as HTMLSelectElement).value).toBe("Targi"));
    // Clearing writes null.
    fireEvent.change(screen.getByTestId("custom-zrodlo_leada"), { target: { value: "" } });
    await waitFor(() => expect(lastPatch(platform).patch.custom).toEqual({ [def.id]: null }));
  });

  it("writes money and multiselect values in the shapes validation accepts", async () => {
    const platform = renderApp("#/companies");
    const company = [...platform.store.records.values()].find((r) => r.kind === "company" && r.deleted_at === null && Object.keys(r.custom).length === 1)!;
    const defs = await platform.invoke("custom_fields", { target: "company" });
    const budget = defs.find((d) => d.key === "budzet_roczny")!;
    open(`#/companies/${company.id}`);
    const money = await screen.findByTestId("custom-budzet_roczny");
    fireEvent.change(money, { target: { value: "125 000,50" } });
    fireEvent.keyDown(money, { key: "Enter" });
    await waitFor(() =>
      expect(lastPatch(platform).patch).toEqual({ fields: {}, custom: { [budget.id]: { type: "money", value: { minor: 12_500_050, currency: "PLN" } } } }),
    );

    const deal = platform.special.firstDeal;
    const tags = (await platform.invoke("custom_fields", { target: "deal" }))[0];
    open(`#/deals/${deal}`);
    const chips = await screen.findByTestId("custom-tagi");
    const before = platform.store.get(deal)!.custom[tags.id].value;
    expect(before).toEqual({ type: "text_set", value: ["Dotacja UE", "Pilne"] });
    fireEvent.click(within(chips).getByText("Przetarg"));
    await waitFor(() =>
      expect(lastPatch(platform)).toEqual({ id: deal, patch: { fields: {}, custom: { [tags.id]: { type: "text_set", value: ["Przetarg", "Dotacja UE", "Pilne"] } } } }),
    );
    await waitFor(() => expect(within(screen.getByTestId("custom-tagi")).getByText(/Przetarg/).getAttribute("aria-pressed")).toBe("true"));

    // A conflict on a custom value is shown read-only: resolve_conflict addresses standard fields only.
    const c = platform.store.get(company.id)!;
    c.custom[budget.id] = { value: { type: "money", value: { minor: 100_00, currency: "PLN" } }, conflicts: [{ type: "money", value: { minor: 200_00, currency: "PLN" } }] };
    open(`#/companies/${company.id}`);
    expect((await screen.findByTestId("custom-conflict")).textContent).toContain("200,00");
  });

  it("includes custom fields in the create form", async () => {
    const platform = renderApp("#/companies");
    fireEvent.click(await screen.findByTestId("new-record"));
    fireEvent.change(await screen.findByTestId("create-name"), { target: { value: "Nowa Firma Sp. z o.o." } });
    fireEvent.change(await screen.findByTestId("create-custom-segment"), { target: { value: "VIP" } });
    fireEvent.change(screen.getByTestId("create-custom-budzet_roczny"), { target: { value: "1000" } });
    fireEvent.click(screen.getByTestId("create-submit"));
    await waitFor(() => expect(callsOf(platform, "create_record").length).toBe(1));
    const defs = await platform.invoke("custom_fields", { target: "company" });
    const req = callsOf(platform, "create_record")[0].req as { patch: Patch };
    expect(req.patch.custom).toEqual({
      [defs[0].id]: { type: "text", value: "VIP" },
      [defs[1].id]: { type: "money", value: { minor: 100_000, currency: "PLN" } },
    });
    expect((await screen.findByTestId("record-title")).textContent).toBe("Nowa Firma Sp. z o.o.");
  });

  it("lists saved filters with the saved_filters command", async () => {
    const platform = renderApp("#/people");
    const select = (await screen.findByTestId("saved-filters")) as HTMLSelectElement;
    await waitFor(() => expect(within(select).getByText("Kraków — moi klienci")).toBeTruthy());
    expect(callsOf(platform, "saved_filters").map((c) => c.req)).toContainEqual({ target: "person" });
    expect(callsOf(platform, "open_record").length).toBe(0);
    const id = (within(select).getByText("Kraków — moi klienci") as HTMLOptionElement).value;
    fireEvent.change(select, { target: { value: id } });
    await waitFor(() => expect(callsOf(platform, "list").some((c) => (c.req as { filter: { city: string | null } }).filter.city === "Kraków")).toBe(true));
  });
});
