import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

describe("tasks", () => {
  it("lists today's tasks with counters, ticks one off and reminds once per day", async () => {
    const platform = renderApp("#/tasks");
    await waitFor(() => expect(screen.getAllByTestId("task-row").length).toBeGreaterThan(0));
    const today = Number(screen.getByTestId("tasks-count-today").textContent);
    expect(today).toBe(screen.getAllByTestId("task-row").length);
    // Reminders went through the platform, one per task due today.
    await waitFor(() => expect(platform.notifications.length).toBe(today));
    expect(platform.notifications[0].title).toBe("Zadanie na dziś");

    const row = screen.getAllByTestId("task-row")[0];
    fireEvent.click(row.querySelector("[data-testid=task-done]")!);
    await waitFor(() => expect(callsOf(platform, "set_task_done")[0]?.req).toEqual({ id: row.dataset.id, done: true }));
    await waitFor(() => expect(Number(screen.getByTestId("tasks-count-today").textContent)).toBe(today - 1));
    // The ticked task stays on screen, struck through.
    expect(screen.getAllByTestId("task-row").find((r) => r.dataset.id === row.dataset.id)!.className).toContain("done");
  });

  it("adds a task with a due date and an assignee", async () => {
    const platform = renderApp("#/tasks");
    fireEvent.click(await screen.findByTestId("new-record"));
    fireEvent.change(screen.getByTestId("create-title"), { target: { value: "Wysłać ofertę do Hydro-Tech" } });
    fireEvent.click(screen.getByTestId("create-submit"));
    await waitFor(() => expect(callsOf(platform, "create_record").length).toBe(1));
    const req = callsOf(platform, "create_record")[0].req as { patch: { fields: Record<string, unknown> } };
    expect(req.patch.fields.title).toEqual({ type: "text", value: "Wysłać ofertę do Hydro-Tech" });
    expect(req.patch.fields.due).toMatchObject({ type: "date" });
  });
});
