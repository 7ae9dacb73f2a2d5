//! Horizontal bars, one or more series per category, with the values written beside them.

import { useT } from "../i18n/I18n";
import { compactMoney, niceMax } from "./scale";

export interface Series {
  name: string;
  color: string;
}

export interface BarGroup {
  label: string;
  /** One value per series, in minor units. */
  values: number[];
  note?: string;
}

export function BarChart(props: { series: Series[]; groups: BarGroup[]; currency: string; testId: string; title: string }) {
  const { lang, t } = useT();
  const barH = 14;
  const gap = 4;
  const groupH = props.series.length * (barH + gap) + 14;
  const labelW = 150;
  const valueW = 110;
  const width = 640;
  const plotW = width - labelW - valueW;
  const max = niceMax(Math.max(0, ...props.groups.flatMap((g) => g.values)));
  const height = Math.max(groupH * props.groups.length, 40) + 24;
  if (!props.groups.length) return <p className="empty" data-testid={props.testId}>{t("dash.noData")}</p>;
  return (
    <figure className="chart" data-testid={props.testId}>
      <Legend series={props.series} />
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.title} preserveAspectRatio="xMinYMin meet">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <g key={f}>
            <line x1={labelW + f * plotW} x2={labelW + f * plotW} y1={0} y2={height - 20} className="grid" />
            <text x={labelW + f * plotW} y={height - 6} className="tick" textAnchor="middle">
              {compactMoney(max * f, props.currency, lang)}
            </text>
          </g>
        ))}
        {props.groups.map((g, gi) => {
          const y0 = gi * groupH + 6;
          return (
            <g key={g.label + gi}>
              <text x={labelW - 8} y={y0 + (props.series.length * (barH + gap)) / 2 - (g.note ? 5 : 0)} className="cat" textAnchor="end" dominantBaseline="middle">
                {truncate(g.label, 22)}
              </text>
              {g.note && (
                <text x={labelW - 8} y={y0 + (props.series.length * (barH + gap)) / 2 + 11} className="note" textAnchor="end" dominantBaseline="middle">
                  {g.note}
                </text>
              )}
              {g.values.map((v, si) => {
                const w = max ? (Math.max(0, v) / max) * plotW : 0;
                const y = y0 + si * (barH + gap);
                return (
                  <g key={si}>
                    <rect x={labelW} y={y} width={Math.max(w, v > 0 ? 2 : 0)} height={barH} rx={3} fill={props.series[si].color}>
                      <title>{`${props.series[si].name}: ${compactMoney(v, props.currency, lang)}`}</title>
                    </rect>
                    <text x={labelW + w + 6} y={y + barH / 2 + 1} className="val" dominantBaseline="middle" data-testid="bar-value">
                      {compactMoney(v, props.currency, lang)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function Legend({ series }: { series: Series[] }) {
  return (
    <figcaption className="legend">
      {series.map((s) => (
        <span key={s.name}>
          <i style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      ))}
    </figcaption>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
