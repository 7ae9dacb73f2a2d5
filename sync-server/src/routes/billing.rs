//! Billing for admins: quotes, renewals, the plan, invoices and their PDFs; and the payment
//! notice the provider (or the operator's tool, with the shared secret) sends when money
//! arrives. Every read is scoped to the caller's account; the flow is in
//! `crate::billing::renewal`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use localspace_core::api::{
    ChangeQuote, ChangeRequest, ChangeView, InvoiceSummary, OrderStatus, PaymentNotice,
    PlanChangeRequest, PlanView, QuoteRequest, RenewalRequest, RenewalView,
};
use localspace_core::billing::Quote;

use super::body::{Body, path_id};
use crate::auth::extract::{Admin, Authed};
use crate::billing::{change, pdf, renewal};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// `POST /api/v1/billing/quote` (admin): the price of a renewal with its arithmetic.
pub async fn quote(
    State(state): State<AppState>,
    me: Admin,
    Body(req): Body<QuoteRequest>,
) -> ApiResult<Json<Quote>> {
    let (quote, _) = renewal::price(&state, me.0.account.id, &req).await?;
    Ok(Json(quote))
}

/// `POST /api/v1/billing/renewals` (admin): pay a renewal. 201 with the VAT invoice when
/// paid, 202 with the pro-forma when the money is still to come, 402 when declined.
pub async fn renew(
    State(state): State<AppState>,
    me: Admin,
    Body(req): Body<RenewalRequest>,
) -> ApiResult<(StatusCode, Json<RenewalView>)> {
    let (status, view) = renewal::renew(&state, me.0.account.id, req).await?;
    Ok((status, Json(view)))
}

/// `GET /api/v1/billing/plan`: what the account pays for, and a downgrade scheduled for
/// the end of the term (put into effect here once its day has come).
pub async fn plan(State(state): State<AppState>, me: Authed) -> ApiResult<Json<PlanView>> {
    let p = change::current(&state, me.account.id).await?;
    Ok(Json(change::view(&p)))
}

/// `POST /api/v1/billing/changes/quote` (admin): the price and date of a mid-term change.
pub async fn change_quote(
    State(state): State<AppState>,
    me: Admin,
    Body(req): Body<ChangeRequest>,
) -> ApiResult<Json<ChangeQuote>> {
    Ok(Json(change::quote(&state, me.0.account.id, &req).await?))
}

/// `POST /api/v1/billing/changes` (admin): upgrade now (201 paid, 202 pending, 402
/// declined) or schedule a downgrade for the term's end (200).
pub async fn change(
    State(state): State<AppState>,
    me: Admin,
    Body(req): Body<PlanChangeRequest>,
) -> ApiResult<(StatusCode, Json<ChangeView>)> {
    let (status, view) = change::change(&state, me.0.account.id, me.0.user.id, req).await?;
    Ok((status, Json(view)))
}

/// `GET /api/v1/billing/invoices` (admin): Payments → History, newest first.
pub async fn invoices(
    State(state): State<AppState>,
    me: Admin,
) -> ApiResult<Json<Vec<InvoiceSummary>>> {
    let account = me.0.account.id;
    let invoices = state.billing_db(move |s| s.invoices(account)).await?;
    Ok(Json(invoices.iter().map(renewal::summary).collect()))
}

/// `GET /api/v1/billing/invoices/{id}/pdf` (admin): the invoice as a PDF download.
pub async fn invoice_pdf(
    State(state): State<AppState>,
    me: Admin,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = path_id(&id)?;
    let account = me.0.account.id;
    let invoice = state.billing_db(move |s| s.invoice(account, id)).await?;
    let name = invoice.file_name();
    let bytes = tokio::task::spawn_blocking(move || pdf::render(&invoice))
        .await
        .map_err(|e| ApiError::internal("PDF task", e))?
        .map_err(|e| ApiError::internal("rendering an invoice", e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /api/v1/billing/payments/notify` (the provider): an order's money arrived (the VAT
/// invoice is issued, the term extended, the account unblocked) or will not. Repeating a
/// notice changes nothing.
pub async fn notify(
    State(state): State<AppState>,
    Body(notice): Body<PaymentNotice>,
) -> ApiResult<Json<RenewalView>> {
    if !state.payments.genuine(&notice.secret) {
        return Err(ApiError::forbidden(
            "bad_notice",
            "This payment notice is not signed with the configured secret.",
        ));
    }
    let id = path_id(&notice.order_id)?;
    let order = state.billing_db(move |s| s.order_by_id(id)).await?;
    match notice.status {
        OrderStatus::Paid => Ok(Json(
            renewal::settle(&state, &order, notice.reference).await?,
        )),
        OrderStatus::Failed => {
            let account = order.account;
            let reference = notice.reference.clone();
            state
                .billing_db(move |s| s.fail_order(account, id, reference.as_deref()))
                .await?;
            let order = state.billing_db(move |s| s.order(account, id)).await?;
            Ok(Json(RenewalView {
                order_id: order.id.to_string(),
                status: order.status,
                quote: order.quote,
                invoice: None,
                paid_until: None,
            }))
        }
        OrderStatus::Pending => Err(ApiError::invalid(
            "status",
            "A notice reports `paid` or `failed`.",
        )),
    }
}
