//! The e-mail that carries an invoice PDF to the address given at renewal, in Polish or
//! English. Returns `(subject, text)` like `mail::templates`.

use localspace_core::billing::{amount_en, amount_pl};

use super::document::{Invoice, InvoiceKind};
use crate::mail::Lang;

/// The message for an issued invoice or pro-forma.
pub fn invoice_mail(lang: Lang, invoice: &Invoice, bank_account: &str) -> (String, String) {
    let gross = invoice.document.gross;
    let number = &invoice.number;
    match (lang, invoice.kind) {
        (Lang::Pl, InvoiceKind::Vat) => (
            format!("Faktura {number} za Localspace"),
            format!(
                "Dzień dobry,\n\n\
                 dziękujemy za opłacenie Localspace. W załączniku przesyłamy fakturę VAT \
                 {number} na kwotę {} brutto.\n\n\
                 Faktury są też dostępne w aplikacji: Płatności \u{2192} Historia.\n\n\
                 Pozdrawiamy\nZespół Localspace\n",
                amount_pl(gross)
            ),
        ),
        (Lang::Pl, InvoiceKind::Proforma) => (
            format!("Faktura pro forma {number} za Localspace"),
            format!(
                "Dzień dobry,\n\n\
                 w załączniku przesyłamy fakturę pro forma {number} na kwotę {} brutto. \
                 Prosimy o przelew na rachunek {bank_account} z tytułem {number}. \
                 Fakturę VAT wyślemy, gdy wpłata do nas dotrze.\n\n\
                 Pozdrawiamy\nZespół Localspace\n",
                amount_pl(gross)
            ),
        ),
        (Lang::En, InvoiceKind::Vat) => (
            format!("Invoice {number} for Localspace"),
            format!(
                "Hello,\n\n\
                 Thank you for your payment. Attached is VAT invoice {number} for {} \
                 gross.\n\n\
                 Invoices are also in the app under Payments \u{2192} History.\n\n\
                 Best regards,\nThe Localspace team\n",
                amount_en(gross)
            ),
        ),
        (Lang::En, InvoiceKind::Proforma) => (
            format!("Pro-forma invoice {number} for Localspace"),
            format!(
                "Hello,\n\n\
                 Attached is pro-forma invoice {number} for {} gross. Please transfer the \
                 amount to {bank_account} with {number} as the reference. We will send the \
                 VAT invoice when the payment arrives.\n\n\
                 Best regards,\nThe Localspace team\n",
                amount_en(gross)
            ),
        ),
    }
}
