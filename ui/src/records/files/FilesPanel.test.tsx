import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../../test/render";

const openPerson = async (platform: ReturnType<typeof renderApp>) => {
  window.location.hash = `#/people/${platform.special.conflictPerson}`;
  fireEvent(window, new HashChangeEvent("hashchange"));
  return screen.findByTestId("files-panel");
};

describe("files on a record page", () => {
  it("attaches a picked file, lists it with size and date, downloads it to a picked path", async () => {
    const platform = renderApp("#/people");
    const panel = await openPerson(platform);
    expect(within(panel).getByText("Brak plików")).toBeTruthy();

    fireEvent.click(within(panel).getByTestId("file-attach"));
    const row = await within(panel).findByTestId("file-row");
    expect(row.textContent).toContain("Oferta Drewpol.pdf");
    expect(within(row).getByTestId("file-meta").textContent).toContain("240 kB");
    expect(row.dataset.state).toBe("here");
    expect(callsOf(platform, "attach_file")[0].req).toEqual({
      record: platform.special.conflictPerson,
      path: "/home/anna/Dokumenty/Oferta Drewpol.pdf",
    });
    expect((await screen.findByTestId("toast")).textContent).toContain("Dodano plik „Oferta Drewpol.pdf”");

    fireEvent.click(within(row).getByTestId("file-download"));
    await waitFor(() => expect(callsOf(platform, "download_file").length).toBe(1));
    expect(callsOf(platform, "download_file")[0].req).toMatchObject({ path: "/home/anna/Pobrane/Oferta Drewpol.pdf" });
  });

  it("shows a progress bar while bytes move and drops it when done", async () => {
    const platform = renderApp("#/people");
    const panel = await openPerson(platform);
    fireEvent.click(within(panel).getByTestId("file-attach"));
    await within(panel).findByTestId("file-row");
    const id = platform.files.list(platform.special.conflictPerson)[0].id;
    act(() => platform.emit({ type: "file_progress", file: id, direction: "download", done: 500, total: 2000 }));
    const bar = await within(panel).findByTestId("transfer");
    expect(bar.dataset.direction).toBe("download");
    expect(bar.textContent).toContain("25%");
    expect(bar.textContent).toContain("Pobieranie: Oferta Drewpol.pdf");
    act(() => platform.emit({ type: "file_progress", file: id, direction: "download", done: 2000, total: 2000 }));
    await waitFor(() => expect(within(panel).queryByTestId("transfer")).toBeNull());
  });

  it("refuses a file over the quota with the free space, and attaches nothing", async () => {
    const platform = renderApp("#/people", {}, (p) => {
      p.files.quota = 1_000_000;
      p.files.used = 900_000;
      p.picks.file = "/home/anna/Wideo z targów.mp4";
      p.files.nextSize = 5_000_000;
    });
    const panel = await openPerson(platform);
    fireEvent.click(within(panel).getByTestId("file-attach"));
    const message = await within(panel).findByTestId("quota-exceeded");
    expect(message.textContent).toBe(
      "Plik „Wideo z targów.mp4” (5 MB) nie mieści się w przestrzeni na pliki firmy — wolne: 100 kB. Usuń niepotrzebne pliki albo dokup pakiet 10 GB przy przedłużeniu.",
    );
    expect(within(panel).queryByTestId("file-row")).toBeNull();
  });

  it("keeps a file attached offline as waiting, and adds a link that uses no space", async () => {
    const platform = renderApp("#/people", { locale: "en" }, (p) => {
      p.files.offline = true;
    });
    const panel = await openPerson(platform);
    fireEvent.click(within(panel).getByTestId("file-attach"));
    const waiting = await within(panel).findByTestId("file-row");
    expect(waiting.dataset.state).toBe("waiting");
    expect(waiting.textContent).toContain("waiting to upload");
    expect((await screen.findByTestId("toast")).textContent).toContain("is kept on this computer");

    fireEvent.click(within(panel).getByTestId("link-open"));
    fireEvent.change(within(panel).getByTestId("link-url"), { target: { value: "https://www.dropbox.com/s/abc/Cennik%202026.xlsx" } });
    fireEvent.change(within(panel).getByTestId("link-name"), { target: { value: "Cennik 2026" } });
    fireEvent.click(within(panel).getByTestId("link-add"));
    await waitFor(() => expect(within(panel).getAllByTestId("file-row").length).toBe(2));
    const link = within(panel).getAllByTestId("file-row").find((r) => r.dataset.state === "link")!;
    expect(within(link).getByRole("link").getAttribute("href")).toBe("https://www.dropbox.com/s/abc/Cennik%202026.xlsx");
    expect(within(link).queryByTestId("file-download")).toBeNull();
    expect(platform.files.usage().used).toBe(0);
  });

  it("deletes a file and frees its space", async () => {
    const platform = renderApp("#/people");
    const panel = await openPerson(platform);
    fireEvent.click(within(panel).getByTestId("file-attach"));
    const row = await within(panel).findByTestId("file-row");
    expect(platform.files.usage().used).toBe(240_000);
    fireEvent.click(within(row).getByTestId("file-delete"));
    await waitFor(() => expect(within(panel).queryByTestId("file-row")).toBeNull());
    expect(platform.files.usage().used).toBe(0);
  });
});
