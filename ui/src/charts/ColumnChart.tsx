//! Vertical columns (the forecast by month), each with its value above it.

import { useT } from "../i18n/I18n";
import { compactMoney, niceMax } from "./scale";

export interface ColumnDatum {
  label: string;
  /** A second line under the label (the year). */
  sublabel?: string;
  value: number;
  count: number;
  muted?: boolean;
}

export function ColumnChart(props: { data: ColumnDatum[]; currency: string; testId: string; title: string; color: string }) {
  const { lang } = useT();
  const width = 980;
  const height = 250;
  const top = 22;
  const bottom = 48;
  const left = 8;
  const plotH = height - top - bottom;
  const slot = (width - left) / Math.max(1, props.data.length);
  const barW = Math.min(44, slot * 0.6);
  const max = niceMax(Math.max(0, ...props.data.map((d) => d.value)));
  return (
    <figure className="chart" data-testid={props.testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title}>
        <line x1={left} x2={width} y1={top + plotH} y2={top + plotH} className="axis" />
        {props.data.map((d, i) => {
          const h = max ? (Math.max(0, d.value) / max) * plotH : 0;
          const x = left + i * slot + (slot - barW) / 2;
          return (
            <g key={d.label + i}>
              <rect x={x} y={top + plotH - h} width={barW} height={Math.max(h, d.value > 0 ? 2 : 0)} rx={3} fill={d.muted ? "var(--chart-muted)" : props.color}>
                <title>{`${d.label}: ${compactMoney(d.value, props.currency, lang)} (${d.count})`}</title>
              </rect>
              <text x={x + barW / 2} y={top + plotH - h - 6} textAnchor="middle" className="val small" data-testid="bar-value">
                {d.value ? compactMoney(d.value, props.currency, lang) : "0"}
              </text>
              <text x={x + barW / 2} y={top + plotH + 16} textAnchor="middle" className="cat small">
                {d.label}
              </text>
              <text x={x + barW / 2} y={top + plotH + 29} textAnchor="middle" className="note">
                {d.sublabel ?? ""}
              </text>
              <text x={x + barW / 2} y={top + plotH + 42} textAnchor="middle" className="note">
                {d.count ? `(${d.count})` : ""}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
