//! A deal's revenue or cost lines (name, quantity, unit price) with totals. Sums are in
//! integer minor units per currency; nothing is added as floats.

import { useDraft } from "../app/useDraft";
import type { Line, Money } from "../platform/contract";
import { parseAmount } from "../i18n/format";
import { useT } from "../i18n/I18n";

export function lineTotal(l: Line): number {
  return l.unit_price.minor * l.quantity;
}

/** Totals per currency of a list of lines. */
export function totals(lines: Line[]): Money[] {
  const out: Money[] = [];
  for (const l of lines) {
    const m = out.find((x) => x.currency === l.unit_price.currency);
    if (m) m.minor += lineTotal(l);
    else out.push({ minor: lineTotal(l), currency: l.unit_price.currency });
  }
  return out;
}

function newLineId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

function amountDraft(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

export function LinesEditor(props: { title: string; lines: Line[]; currency: string; onSave(lines: Line[]): Promise<void>; testId: string }) {
  const i18n = useT();
  const { t } = i18n;
  const sorted = [...props.lines].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const [rows, setRows] = useDraft(() => sorted.map((l) => ({ line: l, price: amountDraft(l.unit_price.minor), qty: String(l.quantity) })), JSON.stringify(sorted));

  const commit = (next: typeof rows) => {
    const lines: Line[] = [];
    for (const [i, r] of next.entries()) {
      const minor = parseAmount(r.price);
      const qty = Number(r.qty);
      if (minor === null || !Number.isInteger(qty) || !r.line.name.trim()) return;
      lines.push({ ...r.line, quantity: qty, unit_price: { minor, currency: r.line.unit_price.currency }, position: i });
    }
    if (JSON.stringify(lines) !== JSON.stringify(sorted)) void props.onSave(lines);
  };
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const sum = totals(sorted);

  return (
    <div className="lines" data-testid={props.testId}>
      <h3>{props.title}</h3>
      <table className="lines-table">
        <thead>
          <tr>
            <th>{t("deals.lineName")}</th>
            <th className="num">{t("deals.quantity")}</th>
            <th className="num">{t("deals.unitPrice")}</th>
            <th className="num">{t("deals.lineTotal")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.line.id}>
              <td>
                <input aria-label={t("deals.lineName")} value={r.line.name} onChange={(e) => set(i, { line: { ...r.line, name: e.target.value } })} onBlur={() => commit(rows)} />
              </td>
              <td className="num">
                <input aria-label={t("deals.quantity")} className="qty" inputMode="numeric" value={r.qty} onChange={(e) => set(i, { qty: e.target.value })} onBlur={() => commit(rows)} />
              </td>
              <td className="num">
                <input aria-label={t("deals.unitPrice")} className="price" inputMode="decimal" value={r.price} onChange={(e) => set(i, { price: e.target.value })} onBlur={() => commit(rows)} />
              </td>
              <td className="num">{i18n.money({ minor: lineTotal(r.line), currency: r.line.unit_price.currency })}</td>
              <td>
                <button type="button" className="icon-btn" aria-label={t("deals.removeLine")} title={t("deals.removeLine")} onClick={() => commit(rows.filter((_, j) => j !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>
              <button
                type="button"
                className="link-btn"
                onClick={() =>
                  setRows((rs) => [
                    ...rs,
                    { line: { id: newLineId(), name: "", quantity: 1, unit_price: { minor: 0, currency: props.currency }, position: rs.length }, price: "0,00", qty: "1" },
                  ])
                }
              >
                + {t("deals.addLine")}
              </button>
            </td>
            <td className="num strong">{i18n.moneyList(sum)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
