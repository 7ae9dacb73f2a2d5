import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render";

describe("dashboard", () => {
  it("draws the four charts with their numbers", async () => {
    renderApp("#/dashboard");
    await waitFor(() => expect(screen.getByTestId("chart-by-stage")).toBeTruthy());
    for (const id of ["chart-by-stage", "chart-forecast", "chart-won-lost", "chart-per-owner"]) {
      expect(screen.getByTestId(id)).toBeTruthy();
    }
    expect(screen.getByTestId("chart-forecast").textContent).toContain("bez daty");
    expect(screen.getByTestId("chart-by-stage").querySelectorAll("[data-testid=bar-value]").length).toBe(10);
    expect(screen.getByTestId("chart-per-owner").textContent).toContain("Łukasz Żółkiewski");
    expect(screen.getByTestId("chart-won-lost").textContent).toMatch(/Wygrane/);
  });
});
