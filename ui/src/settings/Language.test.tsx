import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp } from "../test/render";

describe("language", () => {
  it("switches the interface from Polish to English", async () => {
    const platform = renderApp("#/settings");
    expect((await screen.findByTestId("nav-people")).textContent).toBe("Osoby");
    expect(screen.getByTestId("signout").textContent).toBe("Wyloguj się");
    fireEvent.change(screen.getByTestId("language-select"), { target: { value: "en" } });
    await waitFor(() => expect(screen.getByTestId("nav-people").textContent).toBe("People"));
    expect(screen.getByTestId("signout").textContent).toBe("Sign out");
    expect(callsOf(platform, "set_locale")[0].req).toEqual({ locale: "en" });
  });

  it("follows the system language when none was chosen", async () => {
    renderApp("#/people", { locale: null });
    // jsdom reports en-US.
    expect((await screen.findByTestId("nav-people")).textContent).toBe("People");
  });
});
