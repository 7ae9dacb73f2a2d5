//! The server's quote, line by line with its arithmetic, the term discount and the totals,
//! in the interface language.

import type { Quote } from "../../platform/contract";
import { useT } from "../../i18n/I18n";

export function QuoteView({ quote }: { quote: Quote }) {
  const i18n = useT();
  const { t } = i18n;
  const en = i18n.lang === "en";
  return (
    <div className="quote" data-testid="quote">
      <p data-testid="quote-discount">{quote.discount_percent > 0 ? t("pay.discount", { p: quote.discount_percent }) : t("pay.noDiscount")}</p>
      <ul className="quote-lines">
        {quote.lines.map((l, i) => (
          <li key={i} data-testid="quote-line" data-kind={l.kind}>
            <strong>{en ? l.name_en : l.name_pl}</strong>
            <span className="muted">{en ? l.arithmetic_en : l.arithmetic_pl}</span>
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>{t("pay.net")}</dt>
          <dd>{i18n.money(quote.net)}</dd>
        </div>
        <div>
          <dt>{t("pay.vat", { p: quote.vat_percent })}</dt>
          <dd>{i18n.money(quote.vat)}</dd>
        </div>
        <div>
          <dt>{t("pay.gross")}</dt>
          <dd data-testid="quote-gross">
            <strong>{i18n.money(quote.gross)}</strong>
          </dd>
        </div>
      </dl>
      <p className="muted small">{en ? quote.rounding_en : quote.rounding_pl}</p>
    </div>
  );
}
