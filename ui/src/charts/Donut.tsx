//! A donut of two or more parts (won vs lost), with the counts and values in a legend.

export interface Slice {
  label: string;
  value: number;
  color: string;
  detail: string;
}

export function Donut(props: { slices: Slice[]; center: string; centerNote: string; testId: string; title: string }) {
  const total = props.slices.reduce((s, x) => s + Math.max(0, x.value), 0);
  const r = 60;
  const c = 2 * Math.PI * r;
  let offset = 0;
  return (
    <figure className="chart donut" data-testid={props.testId}>
      <svg viewBox="0 0 160 160" width="160" height="160" role="img" aria-label={props.title}>
        <circle cx={80} cy={80} r={r} fill="none" stroke="var(--chart-muted)" strokeWidth={22} />
        {total > 0 &&
          props.slices.map((s) => {
            const len = (Math.max(0, s.value) / total) * c;
            const el = (
              <circle
                key={s.label}
                cx={80}
                cy={80}
                r={r}
                fill="none"
                stroke={s.color}
                strokeWidth={22}
                strokeDasharray={`${len} ${c - len}`}
                strokeDashoffset={-offset}
                transform="rotate(-90 80 80)"
              >
                <title>{`${s.label}: ${s.detail}`}</title>
              </circle>
            );
            offset += len;
            return el;
          })}
        <text x={80} y={78} textAnchor="middle" className="donut-center">
          {props.center}
        </text>
        <text x={80} y={96} textAnchor="middle" className="note">
          {props.centerNote}
        </text>
      </svg>
      <ul className="donut-legend">
        {props.slices.map((s) => (
          <li key={s.label}>
            <i style={{ background: s.color }} aria-hidden="true" />
            <strong>{s.label}</strong>
            <span>{s.detail}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
