import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

describe("record page", () => {
  it("shows a conflict and resolves it with the picked value", async () => {
    const platform = renderApp("#/people");
    window.location.hash = `#/people/${platform.special.conflictPerson}`;
    fireEvent(window, new HashChangeEvent("hashchange"));
    expect((await screen.findByTestId("record-title")).textContent).toBe("Łukasz Żółkiewski");
    await waitFor(() => expect((screen.getByTestId("field-position") as HTMLInputElement).value).toBe("Kierownik sprzedaży"));
    fireEvent.click(screen.getByTestId("conflict-badge"));
    const popover = screen.getByTestId("conflict-popover");
    expect(popover.textContent).toContain("Kierownik sprzedaży");
    expect(popover.textContent).toContain("Dyrektor handlowy");
    fireEvent.click(within(popover).getAllByTestId("conflict-pick")[1]);
    await waitFor(() => expect(callsOf(platform, "resolve_conflict").length).toBe(1));
    expect(callsOf(platform, "resolve_conflict")[0].req).toEqual({
      id: platform.special.conflictPerson,
      field: "position",
      value: { type: "text", value: "Dyrektor handlowy" },
    });
    await waitFor(() => expect((screen.getByTestId("field-position") as HTMLInputElement).value).toBe("Dyrektor handlowy"));
    expect(screen.queryByTestId("conflict-badge")).toBeNull();
  });

  it("saves a field on Enter with a one-key patch, adds a note, shows a refusal", async () => {
    const platform = renderApp("#/companies");
    const id = platform.special.refusedCompany;
    window.location.hash = `#/companies/${id}`;
    fireEvent(window, new HashChangeEvent("hashchange"));
    expect((await screen.findByTestId("refusal-badge")).textContent).toContain("Tylko właściciel");
    expect(screen.getByTestId("not-accepted").textContent).toContain("Gdynia");
    const city = (await screen.findByTestId("field-city")) as HTMLInputElement;
    // Edit only once the record's own value is in the field, or the load would overwrite the edit.
    await waitFor(() => expect(city.value).toBe("Warszawa"));
    fireEvent.change(city, { target: { value: "Gdańsk" } });
    fireEvent.keyDown(city, { key: "Enter" });
    await waitFor(() => expect(callsOf(platform, "update_record").length).toBe(1));
    expect(callsOf(platform, "update_record")[0].req).toEqual({ id, patch: { fields: { city: { type: "text", value: "Gdańsk" } }, custom: {} } });

    fireEvent.change(screen.getByTestId("note-input"), { target: { value: "Klient prosi o ofertę na 12 pomp." } });
    fireEvent.click(screen.getByTestId("note-add"));
    await waitFor(() => expect(screen.getAllByTestId("timeline-entry")[0].textContent).toContain("Klient prosi o ofertę na 12 pomp."));
    expect(callsOf(platform, "add_activity")).toHaveLength(1);
  });

  it("creates a record from the schema, checking required fields first", async () => {
    const platform = renderApp("#/people");
    fireEvent.click(await screen.findByTestId("new-record"));
    await screen.findByTestId("create-last_name");
    fireEvent.change(screen.getByTestId("create-first_name"), { target: { value: "Żaneta" } });
    fireEvent.click(screen.getByTestId("create-submit"));
    expect((await screen.findByTestId("create-error-last_name")).textContent).toBe("Pole wymagane");
    expect(callsOf(platform, "create_record").length).toBe(0);

    fireEvent.change(screen.getByTestId("create-last_name"), { target: { value: "Ćwiklińska" } });
    fireEvent.change(screen.getByTestId("create-emails"), { target: { value: "to nie e-mail" } });
    fireEvent.click(screen.getByTestId("create-submit"));
    // The error names no field (the contract has no `field` on errors): it shows on the form.
    expect((await screen.findByTestId("form-error")).textContent).toContain("not a valid e-mail");

    fireEvent.change(screen.getByTestId("create-emails"), { target: { value: "zaneta@budomex.pl" } });
    fireEvent.click(screen.getByTestId("create-submit"));
    expect((await screen.findByTestId("record-title")).textContent).toBe("Żaneta Ćwiklińska");
  });
  it("applies the values the server refused again, or discards them", async () => {
    const platform = renderApp("#/companies");
    const id = platform.special.refusedCompany;
    window.location.hash = `#/companies/${id}`;
    fireEvent(window, new HashChangeEvent("hashchange"));
    fireEvent.click(await screen.findByTestId("refusal-reapply"));
    await waitFor(() => expect(callsOf(platform, "reapply_refusal")).toHaveLength(1));
    expect(callsOf(platform, "reapply_refusal")[0].req).toEqual({ id });
    await waitFor(() => expect(screen.queryByTestId("refusal-panel")).toBeNull());
    // The panel closes first; the record's fields follow when the page reloads it.
    await waitFor(() => expect((screen.getByTestId("field-city") as HTMLInputElement).value).toBe("Gdynia"));
  });
});
