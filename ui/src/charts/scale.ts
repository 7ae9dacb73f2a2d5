//! Axis helpers for the hand-written SVG charts.

/** A "nice" top of the axis at or above `max` (1, 2, 2.5, 5 × 10ⁿ). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/** Short money for axis ticks and bar labels: `1,2 mln zł`, `350 tys. zł` / `PLN 1.2M`. */
export function compactMoney(minor: number, currency: string, lang: "pl" | "en"): string {
  return new Intl.NumberFormat(lang === "pl" ? "pl-PL" : "en-GB", {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(minor / 100);
}
