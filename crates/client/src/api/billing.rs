//! The billing endpoints (`docs/api.md` "Billing"): the plan, quotes, renewals, invoices
//! and their PDFs.

use localspace_core::api::{
    ChangeQuote, ChangeRequest, ChangeView, InvoiceSummary, PlanChangeRequest, PlanView,
    QuoteRequest, RenewalRequest, RenewalView,
};
use localspace_core::billing::Quote;
use reqwest::Method;

use super::{ApiClient, ApiError};

const NO_BODY: Option<&()> = None;

impl ApiClient {
    /// The account's plan, seats, packs and last paid day.
    pub async fn billing_plan(&self) -> Result<PlanView, ApiError> {
        self.call(Method::GET, "/billing/plan", NO_BODY).await
    }

    /// Prices a renewal without ordering it (admin).
    pub async fn billing_quote(&self, req: &QuoteRequest) -> Result<Quote, ApiError> {
        self.call(Method::POST, "/billing/quote", Some(req)).await
    }

    /// Orders and pays a renewal (admin). A declined payment is `payment_failed` (402).
    pub async fn renew(&self, req: &RenewalRequest) -> Result<RenewalView, ApiError> {
        self.call(Method::POST, "/billing/renewals", Some(req))
            .await
    }

    /// Prices a change of plan, seats or storage during the paid term (admin).
    pub async fn change_quote(&self, req: &ChangeRequest) -> Result<ChangeQuote, ApiError> {
        self.call(Method::POST, "/billing/changes/quote", Some(req))
            .await
    }

    /// Upgrades now (paid like a renewal) or schedules a downgrade (admin).
    pub async fn change_plan(&self, req: &PlanChangeRequest) -> Result<ChangeView, ApiError> {
        self.call(Method::POST, "/billing/changes", Some(req)).await
    }

    /// Payments → History, newest first (admin).
    pub async fn invoices(&self) -> Result<Vec<InvoiceSummary>, ApiError> {
        self.call(Method::GET, "/billing/invoices", NO_BODY).await
    }

    /// The invoice's PDF bytes (admin).
    pub async fn invoice_pdf(&self, id: &str) -> Result<Vec<u8>, ApiError> {
        let response = self
            .send(Method::GET, &format!("/billing/invoices/{id}/pdf"), NO_BODY)
            .await?;
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Ok(bytes.to_vec())
    }
}
