//! The invoice's buyer — company, address, NIP and the e-mail the invoice goes to — shared
//! by the renewal form and the plan change form.

import { useT } from "../../i18n/I18n";

export interface BuyerForm {
  company: string;
  address: string;
  nip: string;
  invoice_email: string;
}

/** Whether every buyer field is filled in (the server checks the rest). */
export const buyerComplete = (b: BuyerForm) => Boolean(b.company.trim() && b.address.trim() && b.nip.trim() && b.invoice_email.trim());

export function BuyerFields(props: { prefix: string; value: BuyerForm; onChange(k: keyof BuyerForm, v: string): void }) {
  const { t } = useT();
  const { prefix, value, onChange } = props;
  return (
    <>
      <label className="field">
        <span>{t("pay.company")}</span>
        <input data-testid={`${prefix}-company`} value={value.company} onChange={(e) => onChange("company", e.target.value)} />
      </label>
      <label className="field">
        <span>{t("pay.address")}</span>
        <textarea data-testid={`${prefix}-address`} rows={2} value={value.address} onChange={(e) => onChange("address", e.target.value)} />
      </label>
      <label className="field">
        <span>{t("pay.nip")}</span>
        <input data-testid={`${prefix}-nip`} value={value.nip} onChange={(e) => onChange("nip", e.target.value)} />
      </label>
      <label className="field">
        <span>{t("pay.invoiceEmail")}</span>
        <input data-testid={`${prefix}-email`} type="email" value={value.invoice_email} onChange={(e) => onChange("invoice_email", e.target.value)} />
      </label>
    </>
  );
}
