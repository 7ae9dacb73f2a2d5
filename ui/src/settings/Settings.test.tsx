import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app/App";
import { createFakePlatform } from "../platform/fake";
import { callsOf, renderApp } from "../test/render";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("settings: coworkers", () => {
  it("changes a role, and shows the server's last-admin refusal at the row", async () => {
    const platform = renderApp("#/settings/coworkers");
    await waitFor(() => expect(screen.getAllByTestId("coworker-row").length).toBe(5));
    expect(screen.getByTestId("seats-summary").textContent).toContain("Zajęte stanowiska: 4 z 5");
    expect(screen.getByTestId("seats-summary").textContent).toContain("8 gru 2026");

    const [anna, lukasz] = screen.getAllByTestId("coworker-row");
    fireEvent.change(within(lukasz).getByTestId("coworker-role"), { target: { value: "manager" } });
    await waitFor(() => expect(callsOf(platform, "change_user").length).toBe(1));
    expect(callsOf(platform, "change_user")[0].req).toEqual({ user: lukasz.getAttribute("data-user"), role: "manager", seat: null, active: null });
    await waitFor(() => expect((within(lukasz).getByTestId("coworker-role") as HTMLSelectElement).value).toBe("manager"));

    // The only admin demotes themself: the server refuses with `last_admin`.
    fireEvent.change(within(anna).getByTestId("coworker-role"), { target: { value: "user" } });
    expect((await within(anna).findByTestId("coworker-error")).textContent).toContain("co najmniej jednego aktywnego administratora");
    expect((within(anna).getByTestId("coworker-role") as HTMLSelectElement).value).toBe("admin");
    fireEvent.click(within(anna).getByTestId("coworker-active"));
    await waitFor(() => expect(callsOf(platform, "change_user").length).toBe(3));
    expect(callsOf(platform, "change_user")[2].req).toEqual({ user: anna.getAttribute("data-user"), role: null, seat: null, active: false });
    expect(within(anna).getByTestId("coworker-error").textContent).toContain("administratora");
    expect((within(anna).getByTestId("coworker-active") as HTMLInputElement).checked).toBe(true);

    // A seat for the one without: 5 of 5; the server then refuses any further seat.
    const kasia = screen.getAllByTestId("coworker-row")[4];
    fireEvent.click(within(kasia).getByTestId("coworker-seat"));
    await waitFor(() => expect(screen.getByTestId("seats-summary").textContent).toContain("5 z 5"));
  });

  it("invites by e-mail and withdraws the invitation", async () => {
    const platform = renderApp("#/settings/coworkers");
    await waitFor(() => expect(screen.getAllByTestId("invitation-row").length).toBe(1));
    fireEvent.change(screen.getByTestId("invite-email"), { target: { value: "to nie e-mail" } });
    fireEvent.click(screen.getByTestId("invite-submit"));
    expect((await screen.findByTestId("invite-error")).textContent).toBe("To nie jest poprawny adres e-mail.");

    fireEvent.change(screen.getByTestId("invite-email"), { target: { value: "jan.kowalski@hydro-tech.pl" } });
    fireEvent.change(screen.getByTestId("invite-role"), { target: { value: "manager" } });
    fireEvent.click(screen.getByTestId("invite-seat"));
    fireEvent.click(screen.getByTestId("invite-submit"));
    await waitFor(() => expect(screen.getAllByTestId("invitation-row").length).toBe(2));
    expect(callsOf(platform, "invite")[1].req).toEqual({ email: "jan.kowalski@hydro-tech.pl", role: "manager", seat: false });
    const row = screen.getAllByTestId("invitation-row").find((r) => r.textContent?.includes("jan.kowalski"))!;
    expect(row.textContent).toContain("bez stanowiska");
    expect(row.textContent).toMatch(/ważne do \d{1,2} [a-ząćęłńóśźż]+ \d{4}/);

    // An address of an existing user.
    fireEvent.change(screen.getByTestId("invite-email"), { target: { value: "piotr.kowalczyk@hydro-tech.pl" } });
    fireEvent.click(screen.getByTestId("invite-submit"));
    expect((await screen.findByTestId("invite-error")).textContent).toBe("Ten adres e-mail jest już zajęty.");

    fireEvent.click(within(row).getByTestId("invitation-revoke"));
    await waitFor(() => expect(screen.getAllByTestId("invitation-row").length).toBe(1));
    const invited = platform.admin.invitations;
    expect(callsOf(platform, "revoke_invitation")[0].req).toEqual({ id: expect.stringMatching(UUID) });
    expect(invited.map((i) => i.email)).toEqual(["zofia.mazur@hydro-tech.pl"]);
  });

  it("shows a read-only list without admin controls to a non-admin", async () => {
    const platform = createFakePlatform({ people: 50, companies: 10, locale: "en" });
    platform.admin.users[0].role = "manager";
    window.location.hash = "#/settings/coworkers";
    render(<App platform={platform} />);
    await waitFor(() => expect(screen.getAllByTestId("coworker-row").length).toBe(5));
    expect(screen.queryByTestId("coworker-role")).toBeNull();
    expect(screen.queryByTestId("coworker-seat")).toBeNull();
    expect(screen.queryByTestId("invite-email")).toBeNull();
    expect(screen.getByTestId("seats-summary").textContent).toContain("4 of 5 seats used");
    expect(callsOf(platform, "invitations").length).toBe(0);
  });
});

describe("settings: pipelines", () => {
  it("adds a stage and reorders with the whole stages value in one update", async () => {
    const platform = renderApp("#/settings/pipelines");
    const editor = (await screen.findAllByTestId("pipeline-editor"))[0];
    const id = editor.getAttribute("data-pipeline")!;
    const before = platform.store.pipeline(id)!.stages;
    fireEvent.change(within(editor).getByTestId("stage-new-name"), { target: { value: "Audyt techniczny" } });
    fireEvent.change(within(editor).getByTestId("stage-new-probability"), { target: { value: "30" } });
    fireEvent.click(within(editor).getByTestId("stage-add"));
    await waitFor(() => expect(callsOf(platform, "update_record").length).toBe(1));
    const added = callsOf(platform, "update_record")[0].req as { id: string; patch: { fields: { stages: { type: string; value: { id: string; name: string; position: number; probability: number }[] } }; custom: object } };
    expect(added.id).toBe(id);
    expect(added.patch.custom).toEqual({});
    expect(Object.keys(added.patch.fields)).toEqual(["stages"]);
    expect(added.patch.fields.stages.type).toBe("stages");
    expect(added.patch.fields.stages.value.slice(0, 5)).toEqual(before.map((s, i) => ({ ...s, position: i })));
    expect(added.patch.fields.stages.value[5]).toEqual({ id: expect.stringMatching(UUID), name: "Audyt techniczny", position: 5, probability: 30 });
    await waitFor(() => expect(within(editor).getAllByTestId("stage-row").length).toBe(6));

    // Move the first stage down: the first two swap, positions renumbered.
    fireEvent.click(within(editor).getAllByTestId("stage-down")[0]);
    await waitFor(() => expect(callsOf(platform, "update_record").length).toBe(2));
    const moved = (callsOf(platform, "update_record")[1].req as typeof added).patch.fields.stages.value;
    expect(moved.map((s) => [s.name, s.position])).toEqual([
      [before[1].name, 0], [before[0].name, 1], [before[2].name, 2], [before[3].name, 3], [before[4].name, 4], ["Audyt techniczny", 5],
    ]);
    await waitFor(() => expect((within(editor).getAllByTestId("stage-name")[0] as HTMLInputElement).value).toBe(before[1].name));

    // A probability out of range is caught before writing.
    const prob = within(editor).getAllByTestId("stage-probability")[0];
    fireEvent.change(prob, { target: { value: "120" } });
    fireEvent.keyDown(prob, { key: "Enter" });
    expect((await within(editor).findByTestId("pipeline-error")).textContent).toContain("od 0 do 100");
    expect(callsOf(platform, "update_record").length).toBe(2);
  });

  it("removes a stage only when no open deals are in it", async () => {
    const platform = renderApp("#/settings/pipelines");
    const editor = (await screen.findAllByTestId("pipeline-editor"))[0];
    const id = editor.getAttribute("data-pipeline")!;
    const first = platform.store.pipeline(id)!.stages[0];
    fireEvent.click(within(editor).getAllByTestId("stage-remove")[0]);
    expect((await within(editor).findByTestId("pipeline-error")).textContent).toContain("otwarte szanse");
    const check = callsOf(platform, "list").find((c) => (c.req as { kind: string }).kind === "deal")!.req as { filter: { pipeline: string; stage: string; status: string }; limit: number };
    expect(check.filter).toMatchObject({ pipeline: id, stage: first.id, status: "open" });
    expect(check.limit).toBe(1);
    expect(callsOf(platform, "update_record").length).toBe(0);

    // A new, empty stage goes.
    fireEvent.change(within(editor).getByTestId("stage-new-name"), { target: { value: "Pusty" } });
    fireEvent.click(within(editor).getByTestId("stage-add"));
    await waitFor(() => expect(within(editor).getAllByTestId("stage-row").length).toBe(6));
    fireEvent.click(within(editor).getAllByTestId("stage-remove")[5]);
    await waitFor(() => expect(within(editor).getAllByTestId("stage-row").length).toBe(5));
    expect(platform.store.pipeline(id)!.stages.map((s) => s.name)).not.toContain("Pusty");
  });
});
