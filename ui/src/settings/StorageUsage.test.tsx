import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render";

describe("settings: file storage", () => {
  it("shows used of the pooled quota and the free space", async () => {
    renderApp("#/settings/profile", {}, (p) => {
      p.files.used = 12_500_000_000;
    });
    const storage = await screen.findByTestId("storage");
    await waitFor(() => expect(screen.getByTestId("storage-usage").textContent).toBe("Zajęte: 12,5 GB z 40 GB · Wolne: 27,5 GB"));
    expect(storage.dataset.level).toBe("ok");
    expect(screen.queryByTestId("storage-warning")).toBeNull();
  });

  it("warns when nearly full and when full", async () => {
    renderApp("#/settings/profile", { locale: "en" }, (p) => {
      p.files.used = 37_000_000_000;
    });
    expect((await screen.findByTestId("storage-warning")).textContent).toContain("almost full");
    expect(screen.getByTestId("storage").dataset.level).toBe("near");
  });

  it("says the storage is full", async () => {
    renderApp("#/settings/profile", { locale: "en" }, (p) => {
      p.files.used = 40_000_000_000;
    });
    expect((await screen.findByTestId("storage-warning")).textContent).toBe("File storage is full — new files will not upload.");
  });
});
