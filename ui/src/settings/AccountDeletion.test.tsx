import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../platform/fake/seed";
import { callsOf, renderApp } from "../test/render";

describe("settings: deleting the account", () => {
  it("asks for the account's name and the password, shows the date, and cancels", async () => {
    const platform = renderApp("#/settings/profile");
    fireEvent.click(await screen.findByTestId("deletion-start"));
    const confirm = screen.getByTestId("deletion-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const name = platform.admin.accountView().name;
    fireEvent.change(screen.getByTestId("deletion-name"), { target: { value: name } });
    fireEvent.change(screen.getByTestId("deletion-password"), { target: { value: "złe hasło" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect((await screen.findByRole("alert")).textContent).toBeTruthy();
    expect(screen.queryByTestId("deletion-scheduled")).toBeNull();

    fireEvent.change(screen.getByTestId("deletion-password"), { target: { value: PASSWORD } });
    fireEvent.click(confirm);
    const scheduled = await screen.findByTestId("deletion-scheduled");
    expect(scheduled.textContent).toContain("zostaną usunięte");
    expect(callsOf(platform, "request_deletion").at(-1)?.req).toEqual({ password: PASSWORD, account_name: name });

    fireEvent.click(screen.getByTestId("deletion-cancel"));
    await waitFor(() => expect(screen.queryByTestId("deletion-scheduled")).toBeNull());
    expect(screen.getByTestId("deletion-start")).toBeTruthy();
  });
});
