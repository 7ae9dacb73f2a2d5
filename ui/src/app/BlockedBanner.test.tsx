import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { createFakePlatform } from "../platform/fake";
import { renderApp } from "../test/render";

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
});
