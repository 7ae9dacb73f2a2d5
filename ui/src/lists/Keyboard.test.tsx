import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ListRequest } from "../platform/contract";
import { callsOf, listTotal, renderApp } from "../test/render";

describe("list keyboard and saved filters", () => {
  it("moves with arrows from the search box and opens the row with Enter", async () => {
    renderApp("#/people");
    await listTotal();
    await waitFor(() => expect(screen.getAllByTestId("list-row").length).toBeGreaterThan(3));
    fireEvent.keyDown(screen.getByTestId("list-search"), { key: "ArrowDown" });
    const grid = screen.getByTestId("list-scroller");
    expect(document.activeElement).toBe(grid);
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    const third = screen.getAllByTestId("list-row")[2];
    expect(third.className).toContain("active");
    fireEvent.keyDown(grid, { key: "Enter" });
    await waitFor(() => expect(window.location.hash).toBe(`#/people/${third.dataset.id}`));
  });

  it("applies a saved filter and saves a new one as a saved_filter record", async () => {
    const platform = renderApp("#/people");
    await listTotal();
    const select = (await screen.findByTestId("saved-filters")) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    fireEvent.change(select, { target: { value: select.options[1].value } });
    await waitFor(() => {
      const last = callsOf(platform, "list").map((c) => c.req as ListRequest).filter((r) => r.kind === "person").pop()!;
      expect(last.filter.city).toBe("Kraków");
      expect(last.filter.owner).not.toBeNull();
    });
    fireEvent.change(screen.getByTestId("list-search"), { target: { value: "Nowak" } });
    await waitFor(() => expect((screen.getByTestId("save-filter") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("save-filter"));
    fireEvent.change(screen.getByTestId("saved-filter-name"), { target: { value: "Nowakowie z Krakowa" } });
    fireEvent.click(screen.getByTestId("saved-filter-save"));
    await waitFor(() => expect(callsOf(platform, "create_record").length).toBe(1));
    const req = callsOf(platform, "create_record")[0].req as { kind: string; patch: { fields: Record<string, { value: string }> } };
    expect(req.kind).toBe("saved_filter");
    expect(req.patch.fields.target.value).toBe("person");
    expect(JSON.parse(req.patch.fields.query.value)).toMatchObject({ city: "Kraków", text: "Nowak" });
  });
});
