//! Payments from the app (admins): the plan, a live quote, renewing, and the invoice history
//! with PDFs saved to the user's Downloads folder. The server prices and enforces everything;
//! its coded errors reach the UI unchanged.

use std::path::{Path, PathBuf};

use localspace_core::api::{
    ChangeQuote, ChangeRequest, OrderStatus, PlanChangeRequest, PlanView, QuoteRequest,
    RenewalRequest, RenewalView,
};
use localspace_core::billing::{ChangeKind, Quote};

use super::App;
use super::AppError;
use super::contract::{ChangeOutcome, InvoiceList, InvoicePdfRequest, RenewalOutcome, SavedFile};
use super::error::AppResult;
use crate::api::ApiError;

impl App {
    /// The account's plan, seats, storage packs and last paid day.
    pub async fn billing_plan(&self) -> AppResult<PlanView> {
        Ok(self.online_api()?.billing_plan().await?)
    }

    /// Prices a renewal line by line (nothing is ordered).
    pub async fn billing_quote(&self, req: QuoteRequest) -> AppResult<Quote> {
        Ok(self.online_api()?.billing_quote(&req).await?)
    }

    /// Orders and pays a renewal. A declined payment is an outcome, not an error: the form
    /// stays filled in and says why.
    pub async fn renew(&self, req: RenewalRequest) -> AppResult<RenewalOutcome> {
        match self.online_api()?.renew(&req).await {
            Ok(view) => {
                // A paid renewal unblocks the account at once: the next pass shows it.
                self.wake_sync();
                Ok(outcome(&view))
            }
            Err(e) => declined(e),
        }
    }

    /// What changing plan, seats or storage during the paid term costs and when it takes
    /// effect.
    pub async fn billing_change_quote(&self, req: ChangeRequest) -> AppResult<ChangeQuote> {
        Ok(self.online_api()?.change_quote(&req).await?)
    }

    /// Upgrades now (paid like a renewal; a declined payment is an outcome) or schedules a
    /// downgrade for the day after the paid term.
    pub async fn change_plan(&self, req: PlanChangeRequest) -> AppResult<ChangeOutcome> {
        match self.online_api()?.change_plan(&req).await {
            Ok(view) => Ok(ChangeOutcome {
                kind: view.kind,
                effective: view.effective,
                payment: view.payment.as_ref().map(outcome),
                plan: Some(view.plan),
            }),
            Err(e) => Ok(ChangeOutcome {
                kind: ChangeKind::Upgrade,
                effective: String::new(),
                payment: Some(declined(e)?),
                plan: None,
            }),
        }
    }

    /// Payments → History, newest first.
    pub async fn invoices(&self) -> AppResult<InvoiceList> {
        Ok(InvoiceList {
            invoices: self.online_api()?.invoices().await?,
        })
    }

    /// Saves an invoice's PDF to the user's Downloads folder (the data folder when there is
    /// none) and answers the path.
    pub async fn save_invoice_pdf(&self, req: InvoicePdfRequest) -> AppResult<SavedFile> {
        let folder = downloads_dir(self.data_dir());
        self.save_invoice_pdf_in(req, &folder).await
    }

    /// Saves an invoice's PDF into `folder`, named after its number (`FV-2026-03-0001.pdf`).
    pub async fn save_invoice_pdf_in(
        &self,
        req: InvoicePdfRequest,
        folder: &Path,
    ) -> AppResult<SavedFile> {
        let api = self.online_api()?;
        let number = api
            .invoices()
            .await?
            .into_iter()
            .find(|i| i.id == req.id)
            .map(|i| i.number)
            .ok_or_else(|| AppError::new("not_found", "no such invoice"))?;
        let bytes = api.invoice_pdf(&req.id).await?;
        std::fs::create_dir_all(folder)?;
        let path = folder.join(file_name(&number));
        std::fs::write(&path, bytes)?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    }
}

/// A paid order's answer as the app shows it.
fn outcome(view: &RenewalView) -> RenewalOutcome {
    let number = view.invoice.as_ref().map(|i| i.number.clone());
    let gross = view.quote.gross;
    match (view.status, number) {
        (OrderStatus::Paid, Some(invoice_number)) => RenewalOutcome::Paid {
            invoice_number,
            paid_until: view.paid_until.clone(),
            gross,
        },
        (OrderStatus::Pending, Some(proforma_number)) => RenewalOutcome::Pending {
            proforma_number,
            gross,
        },
        _ => RenewalOutcome::Failed {
            code: "payment_failed".into(),
            message: "the payment was not completed".into(),
        },
    }
}

/// A declined payment (402) is an outcome; other refusals stay errors.
fn declined(e: ApiError) -> AppResult<RenewalOutcome> {
    match e {
        e @ ApiError::Server { status: 402, .. } => Ok(RenewalOutcome::Failed {
            code: e.code().to_owned(),
            message: e.to_string(),
        }),
        e => Err(e.into()),
    }
}

/// The user's Downloads folder, else the app's data folder.
fn downloads_dir(data_dir: &Path) -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| d.download_dir().map(Path::to_path_buf))
        .unwrap_or_else(|| data_dir.to_path_buf())
}

/// `FV/2026/03/0001` → `FV-2026-03-0001.pdf`; nothing in the number can leave the folder.
fn file_name(number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.pdf")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn invoice_numbers_become_plain_file_names() {
        assert_eq!(file_name("FV/2026/03/0001"), "FV-2026-03-0001.pdf");
        assert_eq!(file_name("PF/2026/12/0042"), "PF-2026-12-0042.pdf");
        assert_eq!(file_name("../../etc"), "------etc.pdf");
    }
}
