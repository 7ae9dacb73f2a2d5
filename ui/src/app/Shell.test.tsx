import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

describe("shell", () => {
  it("shows the sync state, syncs on click and asks for a sign-in when signed out", async () => {
    const platform = renderApp("#/people");
    const indicator = await screen.findByTestId("sync-indicator");
    await waitFor(() => expect(indicator.dataset.state).toBe("synced"));
    expect(indicator.textContent).toMatch(/Zsynchronizowano o \d\d:\d\d/);
    fireEvent.click(indicator);
    await waitFor(() => expect(callsOf(platform, "sync_now").length).toBe(1));

    act(() => platform.emit({ type: "sync_status", status: { state: "offline", pending: 3 } }));
    expect(screen.getByTestId("sync-indicator").textContent).toContain("Offline — 3 zmiany czekają");
    act(() => platform.emit({ type: "sync_status", status: { state: "blocked", pending: 1 } }));
    expect(screen.getByTestId("sync-indicator").dataset.state).toBe("blocked");
    act(() => platform.emit({ type: "signed_out" }));
    expect(screen.getByTestId("sync-indicator").dataset.state).toBe("signed_out");
    fireEvent.click(screen.getByTestId("sync-indicator"));
    expect(((await screen.findByTestId("signin-email")) as HTMLInputElement).value).toBe("anna.nowak@hydro-tech.pl");
  });

  it("offers an export of every list before removing the data from this computer", async () => {
    const platform = renderApp("#/people");
    await screen.findByTestId("nav-people");
    act(() => platform.emit({ type: "signed_out" }));
    const offer = await screen.findByTestId("remove-local-export");
    const buttons = offer.querySelectorAll("[data-testid=export-button]");
    expect(buttons.length).toBe(4);
    fireEvent.click(buttons[1]);
    await waitFor(() => expect(callsOf(platform, "export_list").length).toBe(1));
    expect((callsOf(platform, "export_list")[0].req as { list: string }).list).toBe("companies");
    fireEvent.click(screen.getByTestId("remove-local-start"));
    fireEvent.click(await screen.findByTestId("remove-local-confirm"));
    await waitFor(() => expect(callsOf(platform, "remove_local_data").length).toBe(1));
  });

  it("shows bootstrap progress", async () => {
    const platform = renderApp("#/people");
    await screen.findByTestId("nav-people");
    // The shell subscribes to events once its first state has loaded: send until it listens.
    await waitFor(() => {
      act(() => platform.emit({ type: "bootstrap", progress: { done: 250, total: 1000 } }));
      expect(screen.getByTestId("bootstrap-progress")).toBeTruthy();
    });
    const bar = screen.getByTestId("bootstrap-progress");
    expect(bar.textContent).toContain("25%");
    expect(bar.querySelector("[role=progressbar]")!.getAttribute("aria-valuenow")).toBe("250");
  });

  it("searches every kind from the palette and opens a hit with the keyboard", async () => {
    renderApp("#/people");
    await screen.findByTestId("nav-people");
    // The shortcut listener is attached once the shell has loaded: press until it opens.
    await waitFor(() => {
      fireEvent.keyDown(window, { key: "k", ctrlKey: true });
      expect(screen.getByTestId("palette-input")).toBeTruthy();
    });
    const input = screen.getByTestId("palette-input");
    fireEvent.change(input, { target: { value: "hydro" } });
    await waitFor(() => expect(screen.getAllByTestId("palette-hit").length).toBeGreaterThan(0));
    const hit = screen.getAllByTestId("palette-hit")[0];
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(window.location.hash).toContain(hit.dataset.id!));
    expect(screen.queryByTestId("palette-input")).toBeNull();
  });

  it("navigates with g + letter", async () => {
    renderApp("#/people");
    await screen.findByTestId("nav-people");
    // Pressed again until the shell's key handler is attached (slow machines).
    await waitFor(() => {
      fireEvent.keyDown(window, { key: "g" });
      fireEvent.keyDown(window, { key: "t" });
      expect(window.location.hash).toBe("#/tasks");
    });
    await screen.findByTestId("tasks-tab-today");
  });
});
