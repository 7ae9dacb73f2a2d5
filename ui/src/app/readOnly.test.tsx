import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { block, callsOf, renderApp } from "../test/render";

const WHY = "Konto jest zablokowane — dane są tylko do odczytu do czasu odnowienia abonamentu.";


const go = (hash: string) => {
  window.location.hash = hash;
  fireEvent(window, new HashChangeEvent("hashchange"));
};

const off = (el: Element) => el.matches(":disabled");

describe("read-only while the account is blocked", () => {
  it("turns off creating, importing and bulk changes on a list and says why; search and export stay", async () => {
    const platform = renderApp("#/people");
    const create = await screen.findByTestId("new-record");
    expect(off(create)).toBe(false);
    await block(platform);
    expect(off(screen.getByTestId("new-record"))).toBe(true);
    expect(screen.getByTestId("new-record").getAttribute("title")).toBe(WHY);
    expect(off(screen.getByTestId("import-button"))).toBe(true);
    expect(off(screen.getByTestId("export-button"))).toBe(false);
    expect(off(screen.getByTestId("list-search"))).toBe(false);
    // A saved filter is a record too: typing a search does not make Save filter available.
    fireEvent.change(screen.getByTestId("list-search"), { target: { value: "Now" } });
    expect(off(screen.getByTestId("save-filter"))).toBe(true);
    // The `n` key opens no form either.
    fireEvent.keyDown(window, { key: "n" });
    expect(screen.queryByTestId("create-submit")).toBeNull();
    // Renewed: everything is back at once.
    act(() => platform.emit({ type: "sync_status", status: { state: "synced", at: Date.now() } }));
    await waitFor(() => expect(off(screen.getByTestId("new-record"))).toBe(false));
    expect(callsOf(platform, "create_record")).toHaveLength(0);
  });

  it("turns off a record's fields, delete, tasks, files and the note box; navigation stays", async () => {
    const platform = renderApp("#/companies");
    await block(platform);
    go(`#/companies/${platform.special.refusedCompany}`);
    const city = (await screen.findByTestId("field-city")) as HTMLInputElement;
    // Text boxes are read-only, not disabled: their text can still be selected and copied.
    expect(city.readOnly).toBe(true);
    expect(off(city)).toBe(false);
    expect(off(screen.getByTestId("field-owner"))).toBe(true);
    expect((screen.getByTestId("field-phones") as HTMLInputElement).readOnly).toBe(true);
    expect(off(screen.getByTestId("refusal-reapply"))).toBe(true);
    expect(off(screen.getByTestId("refusal-dismiss"))).toBe(false);
    expect(screen.getByTestId("record-fields").getAttribute("title")).toBe(WHY);
    expect(off(screen.getByTestId("record-delete"))).toBe(true);
    expect(off(screen.getByTestId("note-input"))).toBe(true);
    expect(off(screen.getByTestId("note-add"))).toBe(true);
    expect(screen.getByTestId("note-box").getAttribute("title")).toBe(WHY);
    expect(off(screen.getByTestId("record-task-title"))).toBe(true);
    expect(off(await screen.findByTestId("file-attach"))).toBe(true);
    expect(off(screen.getByTestId("link-open"))).toBe(true);
    fireEvent.click(screen.getByText(/← /));
    await waitFor(() => expect(window.location.hash).toBe("#/companies"));
  });

  it("lets no deal card move on the board", async () => {
    const platform = renderApp("#/deals");
    await block(platform);
    await waitFor(() => expect(screen.getAllByTestId("board-column").length).toBe(5));
    const cols = screen.getAllByTestId("board-column");
    const source = cols.find((c) => within(c).queryAllByTestId("deal-card").length > 0)!;
    const target = cols.find((c) => c !== source)!;
    const card = within(source).getAllByTestId("deal-card")[0];
    expect(card.getAttribute("aria-disabled")).toBe("true");
    expect(card.getAttribute("title")).toBe(WHY);
    fireEvent.mouseDown(card, { button: 0, clientX: 20, clientY: 20 });
    fireEvent.mouseMove(target, { clientX: 400, clientY: 60 });
    expect(target.className).not.toContain("drop-target");
    fireEvent.mouseUp(target, { clientX: 400, clientY: 60 });
    fireEvent.keyDown(card, { key: "ArrowRight", shiftKey: true });
    expect(callsOf(platform, "move_deal")).toHaveLength(0);
    expect(off(screen.getByTestId("new-record"))).toBe(true);
  });

  it("keeps Settings → Payments open for the renewal, and Data's exports, while imports are off", async () => {
    const platform = renderApp("#/settings/payments");
    await block(platform);
    expect(off(await screen.findByTestId("renew-plan"))).toBe(false);
    go("#/settings/data");
    expect(off(await screen.findByTestId("open-import"))).toBe(true);
    expect(off(await screen.findByTestId("archive-import-start"))).toBe(true);
    expect(off(await screen.findByTestId("advanced-export-start"))).toBe(false);
  });
});
