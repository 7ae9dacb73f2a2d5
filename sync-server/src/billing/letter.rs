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

/// Warns an admin that a blocked account and its data will be deleted on `deletion_day`
/// unless renewed.
pub fn deletion_warning(
    lang: Lang,
    account_name: &str,
    days: u8,
    deletion_day: chrono::NaiveDate,
) -> (String, String) {
    match lang {
        Lang::Pl => {
            let when = if days == 1 { "jutro" } else { "za 7 dni" };
            let date = deletion_day.format("%d.%m.%Y");
            (
                format!("Konto {account_name} zostanie usunięte {when}"),
                format!(
                    "Dzień dobry,\n\n\
                     konto {account_name} w Localspace jest zablokowane. {date} zostanie \
                     usunięte razem ze wszystkimi danymi.\n\n\
                     Aby zachować dane, przedłuż plan w aplikacji: Płatności. Konto zostanie \
                     odblokowane od razu.\n\n\
                     Pozdrawiamy\nZespół Localspace\n"
                ),
            )
        }
        Lang::En => {
            let when = if days == 1 { "tomorrow" } else { "in 7 days" };
            let date = deletion_day.format("%-d %B %Y");
            (
                format!("The {account_name} account will be deleted {when}"),
                format!(
                    "Hello,\n\n\
                     The {account_name} account on Localspace is blocked. On {date} it will \
                     be deleted with all its data.\n\n\
                     To keep your data, renew the plan in the app under Payments; the account \
                     is unblocked at once.\n\n\
                     Best regards,\nThe Localspace team\n"
                ),
            )
        }
    }
}
