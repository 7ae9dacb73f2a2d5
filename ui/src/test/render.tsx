//! Renders the whole app over the in-memory platform at a route.

import { act, render, screen, waitFor } from "@testing-library/react";
import { App } from "../app/App";
import { createFakePlatform, type FakeOptions, type FakePlatform } from "../platform/fake";

/// `before` shapes the fake platform before the first render: the app starts loading at once,
/// so state changed after `renderApp` returns may or may not be seen by the first load.
export function renderApp(route: string, opts: FakeOptions = {}, before?: (p: FakePlatform) => void): FakePlatform {
  const platform = createFakePlatform({ people: 300, companies: 40, locale: "pl", ...opts });
  before?.(platform);
  window.location.hash = route;
  render(<App platform={platform} />);
  return platform;
}

export async function listTotal(): Promise<number> {
  let total = -1;
  await waitFor(() => {
    const el = screen.getByTestId("list-count");
    expect(el.getAttribute("data-total")).not.toBeNull();
    total = Number(el.getAttribute("data-total"));
  }, { timeout: 10_000 });
  return total;
}

export function callsOf(p: FakePlatform, cmd: string) {
  return p.calls.filter((c) => c.cmd === cmd);
}

/** Sends the blocked status until the shell listens (it subscribes once its first state loaded). */
export async function block(platform: FakePlatform) {
  await waitFor(() => {
    act(() => platform.emit({ type: "sync_status", status: { state: "blocked", pending: 0 } }));
    expect(screen.getByTestId("blocked-banner")).toBeTruthy();
  });
}
