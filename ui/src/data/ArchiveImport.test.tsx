import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app/App";
import { createFakePlatform } from "../platform/fake";
import { callsOf } from "../test/render";

describe("archive import", () => {
  it("imports the picked archive, shows what it created and lists it in the history for undo", async () => {
    const platform = createFakePlatform({ people: 3, companies: 2, locale: "pl" });
    window.location.hash = "#/settings/data";
    render(<App platform={platform} />);
    const panel = await screen.findByTestId("archive-import");
    expect(panel.textContent).toContain("Importuj archiwum Localspace");
    platform.data.nextPick = "/home/anna/localspace-eksport.tar.gz";
    fireEvent.click(within(panel).getByTestId("archive-import-start"));
    const report = await screen.findByTestId("archive-import-report");
    expect(report.textContent).toContain("Firmy: 1");
    expect(callsOf(platform, "import_archive")[0].req).toEqual({ path: "/home/anna/localspace-eksport.tar.gz" });
    const row = await screen.findByTestId("import-history-row");
    expect(row.textContent).toContain("Archiwum Localspace");
    fireEvent.click(within(row).getByTestId("history-undo"));
    await waitFor(() => expect(callsOf(platform, "undo_import")).toHaveLength(1));
  });

  it("shows the typed error of a file that is not an archive", async () => {
    const platform = createFakePlatform({ people: 3, companies: 2, locale: "en" });
    window.location.hash = "#/settings/data";
    render(<App platform={platform} />);
    platform.data.nextPick = "/home/anna/notes.txt";
    fireEvent.click(await screen.findByTestId("archive-import-start"));
    expect((await screen.findByTestId("archive-import-error")).textContent).toContain("not a Localspace archive");
    expect(screen.queryByTestId("import-history-row")).toBeNull();
  });

  it("is for admins only", async () => {
    const platform = createFakePlatform({ people: 3, companies: 2, locale: "en" });
    platform.admin.users[0].role = "user";
    window.location.hash = "#/settings/data";
    render(<App platform={platform} />);
    await waitFor(() => expect(screen.queryByTestId("open-import")).not.toBeNull());
    expect(screen.queryByTestId("archive-import")).toBeNull();
    await expect(platform.invoke("import_archive", { path: "/x.tar.gz" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
