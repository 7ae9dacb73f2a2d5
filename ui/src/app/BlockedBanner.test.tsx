import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { createFakePlatform } from "../platform/fake";
import { block, callsOf, renderApp } from "../test/render";

describe("blocked account banner", () => {
  it("appears while blocked and takes an admin to Payments", async () => {
    const platform = renderApp("#/people");
    await screen.findByTestId("sync-indicator");
    expect(screen.queryByTestId("blocked-banner")).toBeNull();
    // The shell subscribes to events once its first state has loaded: send until it listens.
    await waitFor(() => {
      act(() => platform.emit({ type: "sync_status", status: { state: "blocked", pending: 2 } }));
      expect(screen.getByTestId("blocked-banner")).toBeTruthy();
    });
    const banner = screen.getByTestId("blocked-banner");
    expect(banner.textContent).toContain("Konto jest zablokowane — dane są tylko do odczytu.");
    fireEvent.click(await screen.findByTestId("blocked-renew"));
    await waitFor(() => expect(window.location.hash).toBe("#/settings/payments"));
    expect(await screen.findByTestId("payments-current")).toBeTruthy();
    act(() => platform.emit({ type: "sync_status", status: { state: "synced", at: Date.now() } }));
    expect(screen.queryByTestId("blocked-banner")).toBeNull();
  });

  it("sends others to their admin", async () => {
    const platform = createFakePlatform({ people: 20, companies: 5, locale: "en" });
    platform.admin.users[0].role = "user";
    window.location.hash = "#/people";
    render(<App platform={platform} />);
    await screen.findByTestId("sync-indicator");
    await waitFor(() => {
      act(() => platform.emit({ type: "sync_status", status: { state: "blocked", pending: 0 } }));
      expect(screen.getByTestId("blocked-banner").textContent).toContain("Contact your account admin");
    });
    expect(screen.queryByTestId("blocked-renew")).toBeNull();
  });

  it("asks for the account when blocked and says the trial ended and when the data goes, in Polish", async () => {
    const platform = renderApp("#/people");
    await screen.findByTestId("sync-indicator");
    // The server blocked the account after the app started: the session it holds says nothing yet.
    platform.admin.account = { ...platform.admin.account, status: "blocked", paid_until: null, access_ended: "2026-03-16", deletion_on: "2026-04-15" };
    await block(platform);
    await waitFor(() => expect(screen.getByTestId("blocked-title").textContent).toBe("Okres próbny zakończył się 16 marca 2026."));
    // A trial is bought, not renewed.
    expect(screen.getByTestId("blocked-deletion").textContent).toBe(
      "Jeśli abonament nie zostanie wykupiony, konto i wszystkie jego dane zostaną usunięte 15 kwietnia 2026. ",
    );
    expect(screen.getByTestId("blocked-deletion").dataset.day).toBe("2026-04-15");
    expect(callsOf(platform, "account").length).toBeGreaterThan(0);
  });

  it("says an expired subscription ended on its last paid day, in English", async () => {
    const platform = createFakePlatform({ people: 20, companies: 5, locale: "en" });
    platform.admin.account = { ...platform.admin.account, status: "blocked", paid_until: "2026-04-02", access_ended: "2026-04-02", deletion_on: "2026-07-02" };
    window.location.hash = "#/people";
    render(<App platform={platform} />);
    await screen.findByTestId("sync-indicator");
    await block(platform);
    await waitFor(() => expect(screen.getByTestId("blocked-title").textContent).toBe("Your subscription expired on 2 April 2026."));
    expect(screen.getByTestId("blocked-title").dataset.day).toBe("2026-04-02");
    expect(screen.getByTestId("blocked-deletion").textContent).toBe("Unless the plan is renewed, the account and all its data will be deleted on 2 July 2026. ");
  });
});

