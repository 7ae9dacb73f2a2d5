import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app/App";
import type { ExportJobRequest, SaveArchiveRequest } from "../platform/contract";
import { createFakePlatform } from "../platform/fake";
import { emptyFilter } from "../lists/usePagedRows";
import { callsOf, listTotal } from "../test/render";

describe("advanced export", () => {
  it("builds the archive with a progress bar and saves it where the dialog points", async () => {
    const platform = createFakePlatform({ people: 30, companies: 6, locale: "pl" });
    // Each wait on the job answers only when the test lets it, so the bar can be watched.
    const pending: (() => void)[] = [];
    const invoke = platform.invoke.bind(platform);
    platform.invoke = ((cmd: never, req: never) =>
      cmd === "advanced_export" ? new Promise((resolve) => pending.push(() => resolve(invoke(cmd, req)))) : invoke(cmd, req)) as typeof platform.invoke;
    window.location.hash = "#/settings/data";
    render(<App platform={platform} />);
    fireEvent.click(await screen.findByTestId("advanced-export-start"));
    const bar = await screen.findByTestId("advanced-export-progress");
    const total = platform.exports.jobs[0].total;
    expect(total).toBeGreaterThan(30);
    expect(bar.textContent).toContain(`0 z ${total}`);
    await waitFor(() => expect(pending.length).toBe(1));
    act(() => pending.shift()!());
    await waitFor(() => expect(within(bar).getByRole("progressbar").getAttribute("aria-valuenow")).not.toBe("0"));
    expect((callsOf(platform, "advanced_export")[0].req as ExportJobRequest).wait).toBe(true);
    // Let it run to the end.
    while (!screen.queryByTestId("advanced-export-ready")) {
      await waitFor(() => expect(pending.length).toBeGreaterThan(0));
      act(() => pending.shift()!());
      await act(async () => {});
    }
    expect(screen.queryByTestId("advanced-export-progress")).toBeNull();
    expect(screen.getByTestId("advanced-export-ready").textContent).toContain("Archiwum gotowe");

    platform.data.nextPick = "/home/anna/Dokumenty/eksport.tar.gz";
    fireEvent.click(screen.getByTestId("advanced-export-save"));
    expect((await screen.findByTestId("advanced-export-saved")).textContent).toContain("/home/anna/Dokumenty/eksport.tar.gz");
    const save = callsOf(platform, "pick_save_path")[0].req as { file_name: string; extensions: string[] };
    expect(save.file_name).toMatch(/^localspace-eksport-\d{4}-\d{2}-\d{2}\.tar\.gz$/);
    const req = callsOf(platform, "save_advanced_export")[0].req as SaveArchiveRequest;
    expect(req).toEqual({ id: platform.exports.jobs[0].id, path: "/home/anna/Dokumenty/eksport.tar.gz" });
  });

  it("is for admins only; the switch turns list export off for users and managers", async () => {
    const platform = createFakePlatform({ people: 30, companies: 6, locale: "en" });
    window.location.hash = "#/settings/data";
    const view = render(<App platform={platform} />);
    const sw = (await screen.findByTestId("basic-export-switch")) as HTMLInputElement;
    expect(sw.checked).toBe(true);
    expect(screen.getByTestId("advanced-export").textContent).toContain("Advanced export");
    fireEvent.click(sw);
    await waitFor(() => expect((screen.getByTestId("basic-export-switch") as HTMLInputElement).checked).toBe(false));
    expect(callsOf(platform, "set_basic_export")[0].req).toEqual({ allowed: false });
    expect(platform.admin.account.basic_export).toBe(false);
    view.unmount();

    // A salesperson of the same account: no advanced export, a disabled Export button that
    // says why, and the command refuses too.
    platform.admin.users[0].role = "user";
    window.location.hash = "#/companies";
    render(<App platform={platform} />);
    await listTotal();
    const button = screen.getByTestId("export-button") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.title).toContain("switched list export off");
    await expect(platform.invoke("export_list", { list: "companies", filter: emptyFilter(), sort: "name", descending: false, path: "/tmp/x.xlsx", locale: "en" })).rejects.toMatchObject({ code: "export_disabled" });
    window.location.hash = "#/settings/data";
    await waitFor(() => expect(screen.queryByTestId("open-import")).not.toBeNull());
    expect(screen.queryByTestId("advanced-export")).toBeNull();
  });
});
