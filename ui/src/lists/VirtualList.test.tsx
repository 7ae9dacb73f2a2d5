import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, listTotal, renderApp } from "../test/render";
import { ROW_HEIGHT } from "./VirtualTable";
import { PAGE_SIZE } from "./usePagedRows";
import type { ListRequest } from "../platform/contract";

/** The checkbox of the row showing record `id`, as rendered now. */
function checkOf(id: string): HTMLElement {
  const row = screen.getAllByTestId("list-row").find((r) => r.dataset.id === id);
  if (!row) throw new Error(`row ${id} is not rendered`);
  return row.querySelector<HTMLElement>("[data-testid=row-check]")!;
}

describe("virtual list", () => {
  it("renders only a window of rows out of 100,000 and loads pages around the viewport", async () => {
    const platform = renderApp("#/people", { people: 100_000, companies: 200 });
    expect(await listTotal()).toBe(100_000);
    expect(screen.getByTestId("list-count").textContent).toContain("100000");
    await waitFor(() => expect(screen.getAllByTestId("list-row").length).toBeGreaterThan(10));
    const first = screen.getAllByTestId("list-row").length;
    expect(first).toBeLessThan(60);
    const requests = callsOf(platform, "list").map((c) => c.req as ListRequest).filter((r) => r.kind === "person");
    expect(requests.every((r) => r.limit === PAGE_SIZE)).toBe(true);

    // Jump to the middle: the rows there are fetched (one page around them), still few rendered.
    const scroller = screen.getByTestId("list-scroller");
    await act(async () => {
      scroller.scrollTop = 50_000 * ROW_HEIGHT;
      fireEvent.scroll(scroller);
      await new Promise((r) => setTimeout(r, 50));
    });
    await waitFor(() => {
      const rows = screen.getAllByTestId("list-row");
      const indexes = rows.map((r) => Number(r.getAttribute("aria-rowindex")) - 2);
      expect(Math.min(...indexes)).toBeGreaterThan(49_900);
      expect(rows.length).toBeLessThan(60);
    });
    const offsets = callsOf(platform, "list").map((c) => (c.req as ListRequest).offset);
    expect(offsets).toContain(49_900);
    expect(offsets.length).toBeLessThan(8);
  }, 30_000);

  it("searches as you type, debounced", async () => {
    const platform = renderApp("#/people");
    const total = await listTotal();
    const before = callsOf(platform, "list").length;
    const box = screen.getByTestId("list-search");
    fireEvent.change(box, { target: { value: "ż" } });
    fireEvent.change(box, { target: { value: "żó" } });
    fireEvent.change(box, { target: { value: "żółk" } });
    await waitFor(() => expect(Number(screen.getByTestId("list-count").dataset.total)).toBeLessThan(total));
    const searches = () => callsOf(platform, "list").slice(before).map((c) => (c.req as ListRequest).filter.text);
    // The first key goes at once; the keys typed while its query runs become one request.
    await waitFor(() => expect(searches()).toEqual(["ż", "żółk"]));
    await waitFor(() => {
      for (const row of screen.getAllByTestId("list-row")) expect(row.textContent).toMatch(/Żółkiewsk/);
    });
  });

  it("deletes the selected rows and brings them back with Undo", async () => {
    const platform = renderApp("#/people");
    const total = await listTotal();
    await waitFor(() => expect(screen.getAllByTestId("list-row").length).toBeGreaterThan(3));
    const rows = screen.getAllByTestId("list-row");
    const ids = [rows[0].dataset.id!, rows[2].dataset.id!];
    // Rows are looked up again before each click: a page arriving re-renders the list.
    fireEvent.click(checkOf(ids[0]));
    await waitFor(() => expect(screen.getByTestId("selected-count").textContent).toContain("1"));
    fireEvent.click(checkOf(ids[1]));
    await waitFor(() => expect(screen.getByTestId("selected-count").textContent).toContain("2"));
    fireEvent.click(screen.getByTestId("bulk-delete"));
    await waitFor(() => expect(Number(screen.getByTestId("list-count").dataset.total)).toBe(total - 2));
    expect(callsOf(platform, "delete_records").pop()!.req).toEqual({ ids });
    expect(screen.queryByText(/Usunięto 2 rekordy/)).not.toBeNull();

    fireEvent.click(screen.getByTestId("toast-action"));
    await waitFor(() => expect(Number(screen.getByTestId("list-count").dataset.total)).toBe(total));
    expect(callsOf(platform, "restore_records").pop()!.req).toEqual({ ids });
  });

  it("bulk-edits the city of the selected rows", async () => {
    const platform = renderApp("#/companies");
    await listTotal();
    await waitFor(() => expect(screen.getAllByTestId("list-row").length).toBeGreaterThan(2));
    const rows = screen.getAllByTestId("list-row");
    fireEvent.click(checkOf(rows[0].dataset.id!));
    await waitFor(() => expect(screen.getByTestId("selected-count").textContent).toContain("1"));
    fireEvent.click(checkOf(rows[1].dataset.id!), { shiftKey: true });
    fireEvent.change(screen.getByTestId("bulk-city"), { target: { value: "Łódź" } });
    fireEvent.click(screen.getByTestId("bulk-city-apply"));
    await waitFor(() => expect(callsOf(platform, "bulk_update").length).toBe(1));
    expect(callsOf(platform, "bulk_update")[0].req).toEqual({
      ids: [rows[0].dataset.id, rows[1].dataset.id],
      patch: { fields: { city: { type: "text", value: "Łódź" } }, custom: {} },
    });
  });
});
