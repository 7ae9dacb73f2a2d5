//! Payments → History: invoices and pro-formas, newest first, each with its PDF saved to
//! the Downloads folder on a click.

import { useEffect, useState } from "react";
import type { InvoiceSummary } from "../../platform/contract";
import { toAppError } from "../../platform/types";
import { usePlatform, useToast } from "../../app/context";
import { errorText, useT, type MsgKey } from "../../i18n/I18n";
import { formatMoney } from "../../i18n/format";

export function InvoiceHistory({ version }: { version: number }) {
  const i18n = useT();
  const { t } = i18n;
  const platform = usePlatform();
  const toast = useToast();
  const [invoices, setInvoices] = useState<InvoiceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    platform.invoke("invoices", null).then((r) => setInvoices(r.invoices), (e) => setError(errorText(i18n, toAppError(e))));
  }, [platform, version, i18n]);

  const download = async (id: string) => {
    try {
      const saved = await platform.invoke("save_invoice_pdf", { id });
      toast({ text: t("pay.saved", { path: saved.path }), tone: "info" });
    } catch (e) {
      toast({ text: errorText(i18n, toAppError(e)), tone: "error" });
    }
  };

  return (
    <section className="panel">
      <h2>{t("pay.history")}</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      {invoices?.length === 0 && <p className="muted">{t("pay.noInvoices")}</p>}
      {invoices && invoices.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t("pay.col.date")}</th>
              <th>{t("pay.col.number")}</th>
              <th>{t("pay.col.gross")}</th>
              <th>{t("pay.col.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invoices.map((inv) => (
              <tr key={inv.id} data-testid="invoice-row">
                <td>{i18n.date(inv.issue_date)}</td>
                <td>{inv.number}</td>
                <td>{formatMoney(inv.gross, "pl")}</td>
                <td>{["paid", "awaiting_payment", "settled"].includes(inv.status) ? t(`pay.invoiceStatus.${inv.status}` as MsgKey) : inv.status}</td>
                <td>
                  <button type="button" className="btn" data-testid="invoice-download" onClick={() => void download(inv.id)}>
                    {t("pay.download")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
