import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../platform/fake/seed";
import { renderApp } from "../test/render";

function fill(id: string, value: string) {
  fireEvent.change(screen.getByTestId(id), { target: { value } });
}

describe("sign-in", () => {
  it("shows the error of a wrong password by its code, then signs in", async () => {
    const platform = renderApp("#/people", { signedIn: false });
    await screen.findByTestId("signin-email");
    fill("signin-email", "anna.nowak@hydro-tech.pl");
    fill("signin-password", "zle-haslo-123");
    fireEvent.click(screen.getByTestId("signin-submit"));
    const error = await screen.findByTestId("form-error");
    expect(error.textContent).toBe("Nieprawidłowy e-mail lub hasło.");
    expect(error.dataset.code).toBe("invalid_credentials");

    fill("signin-password", PASSWORD);
    fireEvent.click(screen.getByTestId("signin-submit"));
    await screen.findByTestId("nav-people");
    expect(screen.queryByTestId("signin-email")).toBeNull();
    const call = platform.calls.filter((c) => c.cmd === "sign_in").pop()!;
    expect(call.req).toMatchObject({ email: "anna.nowak@hydro-tech.pl", password: PASSWORD });
  });

  it("explains rate limiting and an unreachable server", async () => {
    const platform = renderApp("#/people", { signedIn: false });
    await screen.findByTestId("signin-email");
    fill("signin-email", "anna.nowak@hydro-tech.pl");
    fill("signin-password", PASSWORD);
    platform.failNext("sign_in", { code: "rate_limited", message: "too many attempts" });
    fireEvent.click(screen.getByTestId("signin-submit"));
    expect((await screen.findByTestId("form-error")).textContent).toContain("Zbyt wiele prób");

    platform.failNext("sign_in", { code: "offline", message: "network error" });
    fireEvent.click(screen.getByTestId("signin-submit"));
    await waitFor(() => expect(screen.getByTestId("form-error").textContent).toContain("Brak połączenia"));
  });

  it("passes the server from the form and shows a weak password at sign-up", async () => {
    const platform = renderApp("#/people", { signedIn: false });
    await screen.findByTestId("signin-email");
    expect((screen.getByTestId("signin-server") as HTMLInputElement).value).toBe("https://app.localspace.pl");
    fireEvent.click(screen.getByTestId("goto-signup"));
    fill("signup-company", "Budomex Sp. z o.o.");
    fill("signup-name", "Zofia Kwiatkowska");
    fill("signup-email", "zofia@budomex.pl");
    fill("signup-password", "krotkie");
    fireEvent.click(screen.getByTestId("signup-submit"));
    expect((await screen.findByTestId("form-error")).dataset.code).toBe("weak_password");
    fill("signup-password", "Kiełbasa-Krakowska-7");
    fireEvent.click(screen.getByTestId("signup-submit"));
    await screen.findByTestId("nav-people");
    expect(platform.calls.some((c) => c.cmd === "sign_up")).toBe(true);
  });
});
