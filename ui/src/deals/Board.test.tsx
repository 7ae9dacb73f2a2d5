import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

async function columns() {
  await waitFor(() => expect(screen.getAllByTestId("board-column").length).toBe(5));
  return screen.getAllByTestId("board-column");
}

describe("deal board", () => {
  it("shows count and sum per stage and moves a card by dragging it with the mouse", async () => {
    const platform = renderApp("#/deals");
    const cols = await columns();
    const source = cols.find((c) => within(c).queryAllByTestId("deal-card").length > 0)!;
    const target = cols.find((c) => c !== source)!;
    const card = within(source).getAllByTestId("deal-card")[0];
    const id = card.dataset.id!;
    const countBefore = Number(within(target).getByTestId("stage-count").textContent);
    expect(within(source).getByTestId("stage-sum").textContent).toMatch(/zł/);

    fireEvent.mouseDown(card, { button: 0, clientX: 20, clientY: 20 });
    fireEvent.mouseMove(target, { clientX: 400, clientY: 60 });
    expect(target.className).toContain("drop-target");
    fireEvent.mouseUp(target, { clientX: 400, clientY: 60 });

    await waitFor(() => expect(callsOf(platform, "move_deal").length).toBe(1));
    expect(callsOf(platform, "move_deal")[0].req).toEqual({ id, stage: target.dataset.stage });
    await waitFor(() => {
      const [, ...rest] = screen.getAllByTestId("board-column");
      void rest;
      const now = screen.getAllByTestId("board-column").find((c) => c.dataset.stage === target.dataset.stage)!;
      expect(within(now).queryAllByTestId("deal-card").some((c) => c.dataset.id === id)).toBe(true);
      expect(Number(within(now).getByTestId("stage-count").textContent)).toBe(countBefore + 1);
    });
    // A drag is not a click: the deal page did not open.
    expect(window.location.hash).toBe("#/deals");
  });

  it("a click without moving opens the deal; Shift+→ moves a focused card one stage", async () => {
    const platform = renderApp("#/deals");
    const cols = await columns();
    const source = cols.slice(0, 4).find((c) => within(c).queryAllByTestId("deal-card").length > 0)!;
    const next = cols[cols.indexOf(source) + 1];
    const card = within(source).getAllByTestId("deal-card")[0];
    card.focus();
    fireEvent.keyDown(card, { key: "ArrowRight", shiftKey: true });
    await waitFor(() => expect(callsOf(platform, "move_deal")[0]?.req).toEqual({ id: card.dataset.id, stage: next.dataset.stage }));

    const other = screen.getAllByTestId("deal-card")[0];
    fireEvent.mouseDown(other, { button: 0, clientX: 5, clientY: 5 });
    fireEvent.mouseUp(other, { clientX: 5, clientY: 5 });
    fireEvent.click(other);
    await waitFor(() => expect(window.location.hash).toBe(`#/deals/${other.dataset.id}`));
  });

  it("marks a deal lost only with a reason", async () => {
    const platform = renderApp("#/deals");
    await columns();
    const id = platform.special.firstDeal;
    window.location.hash = `#/deals/${id}`;
    fireEvent(window, new HashChangeEvent("hashchange"));
    fireEvent.click(await screen.findByTestId("deal-lost"));
    fireEvent.click(screen.getByTestId("lost-submit"));
    expect(screen.getByTestId("form-error").textContent).toBe("Podaj powód przegranej.");
    fireEvent.change(screen.getByTestId("lost-reason"), { target: { value: "Za wysoka cena" } });
    fireEvent.click(screen.getByTestId("lost-submit"));
    await waitFor(() => expect(callsOf(platform, "close_deal")[0]?.req).toEqual({ id, status: "lost", reason: "Za wysoka cena" }));
    expect((await screen.findByTestId("deal-status")).textContent).toContain("Za wysoka cena");
    // Revenue and cost lines with totals and margin: 3 × 24 500 + 3 × 3 800 − (3 × 17 900 + 1 200,50).
    expect(screen.getByTestId("deal-margin").textContent?.replace(/\s/g, " ")).toContain("29 999,50 zł");
  });
});
