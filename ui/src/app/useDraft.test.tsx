import { act, fireEvent, render, screen } from "@testing-library/react";
import { useLayoutEffect } from "react";
import { describe, expect, it } from "vitest";
import { useDraft } from "./useDraft";

function Field(props: { stored: string; typeOnMount?: string }) {
  const [draft, setDraft] = useDraft(() => props.stored, props.stored);
  // A person (or WebDriver) typing the moment the box appears, before effects have run.
  useLayoutEffect(() => {
    if (props.typeOnMount) setDraft(props.typeOnMount);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return <input data-testid="box" value={draft} onChange={(e) => setDraft(e.target.value)} />;
}

const box = () => screen.getByTestId("box") as HTMLInputElement;

describe("useDraft", () => {
  it("keeps what was typed as the box appeared", async () => {
    render(<Field stored="" typeOnMount="Łódź" />);
    await act(async () => {});
    expect(box().value).toBe("Łódź");
  });

  it("keeps typing while the stored value stays and takes a new stored value", () => {
    const { rerender } = render(<Field stored="Opole" />);
    fireEvent.change(box(), { target: { value: "Opo" } });
    rerender(<Field stored="Opole" />);
    expect(box().value).toBe("Opo");
    rerender(<Field stored="Gdańsk" />);
    expect(box().value).toBe("Gdańsk");
  });
});
