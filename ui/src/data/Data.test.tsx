import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app/App";
import type { CrmRecord, ExportRequest, ImportPreviewRequest, RunImportRequest } from "../platform/contract";
import { createFakePlatform } from "../platform/fake";
import { list, read, text } from "../platform/fake/values";
import { callsOf, listTotal, renderApp } from "../test/render";

const CSV = "Imię;Nazwisko;E-mail;Stanowisko\nJanina;Kowalczyk;janina@kowalczyk.pl;Prezes\nBez;;bez@nazwiska.pl;\n";

describe("export button", () => {
  it("exports the list as on screen (search, sort) to the chosen file with a progress bar and says where", async () => {
    const platform = renderApp("#/people");
    await listTotal();
    fireEvent.change(screen.getByTestId("list-search"), { target: { value: "Nowak" } });
    fireEvent.click(screen.getByTestId("sort-name"));
    await waitFor(() => {
      const last = callsOf(platform, "list").pop()!.req as { descending: boolean; filter: { text: string | null } };
      expect([last.descending, last.filter.text]).toEqual([true, "Nowak"]);
    });
    platform.data.nextPick = "/home/anna/Dokumenty/nowakowie.xlsx";
    fireEvent.click(screen.getByTestId("export-button"));
    expect((await screen.findByTestId("export-saved")).textContent).toContain("/home/anna/Dokumenty/nowakowie.xlsx");
    const save = callsOf(platform, "pick_save_path")[0].req as { file_name: string; extensions: string[] };
    expect(save.file_name).toMatch(/^osoby-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(save.extensions).toEqual(["xlsx"]);
    const req = callsOf(platform, "export_list")[0].req as ExportRequest;
    expect(req).toMatchObject({ list: "people", sort: "name", descending: true, path: "/home/anna/Dokumenty/nowakowie.xlsx", locale: "pl" });
    expect(req.filter.text).toBe("Nowak");
  });

  it("shows the progress the export reports while it runs, and nothing when the dialog is cancelled", async () => {
    const platform = createFakePlatform({ people: 50, companies: 10, locale: "pl" });
    // The export answers only when the test says so, so the bar can be watched.
    let finish: (() => void) | null = null;
    const invoke = platform.invoke.bind(platform);
    platform.invoke = ((cmd: never, req: never) =>
      cmd === "export_list" ? new Promise((resolve) => (finish = () => resolve(invoke(cmd, req)))) : invoke(cmd, req)) as typeof platform.invoke;
    window.location.hash = "#/companies";
    render(<App platform={platform} />);
    await listTotal();
    platform.data.nextPick = null;
    fireEvent.click(screen.getByTestId("export-button"));
    await waitFor(() => expect(callsOf(platform, "pick_save_path").length).toBe(1));
    expect(callsOf(platform, "export_list").length).toBe(0);

    fireEvent.click(screen.getByTestId("export-button"));
    const bar = await screen.findByTestId("export-progress");
    await waitFor(() => expect(finish).not.toBeNull());
    act(() => platform.emit({ type: "export", progress: { done: 5, total: 10 } }));
    expect(within(bar).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("5");
    expect(bar.textContent).toContain("5 z 10");
    act(() => finish!());
    expect(await screen.findByTestId("export-saved")).toBeTruthy();
    expect(screen.queryByTestId("export-progress")).toBeNull();
    expect((callsOf(platform, "export_list")[0].req as ExportRequest).list).toBe("companies");
  });
});

describe("import wizard", () => {
  it("chooses a file, maps columns, decides on duplicates, imports, reports and undoes", async () => {
    const platform = renderApp("#/settings/data");
    platform.data.files.set("/home/anna/kontakty.csv", CSV);
    const existing = platform.store.live("person")[0];
    const email = (existing.fields.emails.value as { value: string[] }).value[0];
    platform.data.files.set("/home/anna/kontakty.csv", `${CSV}Nowe;Nazwisko;${email};Handlowiec\n`);
    expect(await screen.findByTestId("imports-empty")).toBeTruthy();

    fireEvent.click(screen.getByTestId("open-import"));
    const wizard = await screen.findByTestId("import-wizard");
    platform.data.nextPick = "/home/anna/kontakty.csv";
    fireEvent.click(within(wizard).getByTestId("import-choose"));
    await within(wizard).findByTestId("mapping-table");
    expect(within(wizard).getByTestId("import-summary").textContent).toContain("kontakty.csv: 3 wierszy");
    const selects = within(wizard).getAllByTestId("mapping-select") as HTMLSelectElement[];
    expect(selects.map((s) => s.value)).toEqual(["field:first_name", "field:last_name", "field:emails", "field:position"]);
    expect(within(wizard).getAllByTestId("preview-row").length).toBe(3);

    // Skip the position column: the preview is planned again with the new mapping.
    fireEvent.change(selects[3], { target: { value: "ignore" } });
    await waitFor(() => {
      const last = callsOf(platform, "import_preview").pop()!.req as ImportPreviewRequest;
      expect(last.mapping?.columns[3]).toEqual({ to: "ignore" });
    });
    await waitFor(() => expect((within(wizard).getAllByTestId("mapping-select")[3] as HTMLSelectElement).value).toBe("ignore"));

    fireEvent.click(within(wizard).getByTestId("import-next"));
    expect(within(wizard).getByTestId("import-matched").textContent).toContain("1 z 3");
    fireEvent.change(within(wizard).getByTestId("import-on-match"), { target: { value: "update" } });
    const [decision] = within(wizard).getAllByTestId("match-decision") as HTMLSelectElement[];
    expect(decision.value).toBe("update");
    fireEvent.change(decision, { target: { value: "create" } });
    fireEvent.click(within(wizard).getByTestId("import-run"));

    await within(wizard).findByTestId("import-report");
    const run = callsOf(platform, "run_import")[0].req as RunImportRequest;
    expect(run.on_match).toBe("update");
    expect(run.decisions).toEqual([{ line: 4, decision: "create" }]);
    expect(run.mapping.columns[3]).toEqual({ to: "ignore" });
    expect(within(wizard).getByTestId("report-created").textContent).toBe("2");
    expect(within(wizard).getByTestId("report-errors").textContent).toBe("1");
    expect(within(wizard).getByTestId("import-report").textContent).toContain("Wiersz 3");

    fireEvent.click(within(wizard).getByTestId("import-undo"));
    expect(await within(wizard).findByTestId("import-undone")).toBeTruthy();
    expect(callsOf(platform, "undo_import").length).toBe(1);
    fireEvent.click(within(wizard).getByTestId("import-close"));
    const row = await screen.findByTestId("import-history-row");
    expect(row.textContent).toContain("kontakty.csv");
    expect(row.textContent).toContain("cofnięty");
  });

  it("says clearly when the file is not a table, and nothing is imported", async () => {
    const platform = renderApp("#/people");
    await listTotal();
    platform.data.files.set("/tmp/szum.csv", "\u0001\u0002\u0003 binarne dane");
    platform.data.nextPick = "/tmp/szum.csv";
    fireEvent.click(screen.getByTestId("import-button"));
    const wizard = await screen.findByTestId("import-wizard");
    fireEvent.click(within(wizard).getByTestId("import-choose"));
    expect((await within(wizard).findByTestId("import-error")).textContent).toContain("To nie jest plik tekstowy CSV");
    expect(callsOf(platform, "run_import").length).toBe(0);
    expect(within(wizard).queryByTestId("mapping-table")).toBeNull();
  });

  it("undoes a past import from the history", async () => {
    const platform = renderApp("#/settings/data");
    platform.data.files.set("/home/anna/kontakty.csv", CSV);
    platform.data.run({ path: "/home/anna/kontakty.csv", kind: "person", mapping: { columns: [{ to: "field", key: "first_name" }, { to: "field", key: "last_name" }, { to: "ignore" }, { to: "ignore" }] }, on_match: "skip", decisions: [] });
    const row = await screen.findByTestId("import-history-row");
    fireEvent.click(within(row).getByTestId("history-undo"));
    await waitFor(() => expect(screen.getByTestId("import-history-row").textContent).toContain("cofnięty"));
    expect(callsOf(platform, "undo_import").length).toBe(1);
  });
});

describe("duplicates", () => {
  it("lists likely duplicates side by side and merges the other into the one kept", async () => {
    const platform = createFakePlatform({ people: 20, companies: 5, locale: "pl" });
    for (const p of platform.store.live("person")) p.fields.emails = read(list([`${p.id}@unikalny.pl`]));
    const twin = (first: string, position: string): CrmRecord => ({
      id: `0190a5c1-0000-7000-8000-00000000d${first === "Anna" ? "01" : "02"}`,
      kind: "person", schema: 1, custom: {}, deleted_at: null,
      fields: { first_name: read(text(first)), last_name: read(text("Nowak")), position: read(text(position)), emails: read(list(["anna@nowak.pl"])) },
    });
    const [a, b] = [twin("Anna", "Prezes"), twin("Ania", "Zakupy")];
    platform.store.records.set(a.id, a);
    platform.store.records.set(b.id, b);
    window.location.hash = "#/settings/duplicates";
    render(<App platform={platform} />);

    const group = await screen.findByTestId("duplicate-group");
    expect(group.textContent).toContain("ten sam e-mail");
    const candidates = within(group).getAllByTestId("duplicate-candidate");
    expect(candidates.map((c) => c.textContent)).toEqual([expect.stringContaining("Prezes"), expect.stringContaining("Zakupy")]);
    // Keep the second one: the first is merged into it.
    fireEvent.click(within(candidates[1]).getByTestId("duplicate-keep"));
    fireEvent.click(within(group).getByTestId("duplicate-merge"));
    expect(await screen.findByTestId("duplicates-empty")).toBeTruthy();
    expect(callsOf(platform, "merge_records")[0].req).toEqual({ winner: b.id, loser: a.id, locale: "pl" });
    expect(platform.store.get(a.id)!.deleted_at).not.toBeNull();
  });
});
