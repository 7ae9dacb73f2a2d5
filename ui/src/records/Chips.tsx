//! A multiselect as chips: every option is a toggle button (Space/Enter toggles it).

export function Chips(props: { options: string[]; picked: string[]; onToggle(option: string, on: boolean): void; testId: string; label: string; disabled?: boolean; id?: string }) {
  return (
    <div className="chips" role="group" aria-label={props.label} data-testid={props.testId} id={props.id}>
      {props.options.map((o) => {
        const on = props.picked.includes(o);
        return (
          <button
            key={o}
            type="button"
            className={`chip${on ? " on" : ""}`}
            aria-pressed={on}
            disabled={props.disabled}
            data-testid={`${props.testId}-option`}
            onClick={() => props.onToggle(o, !on)}
          >
            {on ? "✓ " : ""}
            {o}
          </button>
        );
      })}
    </div>
  );
}
