//! A renewal from request to invoice: check the order and the buyer, price it, record the
//! order, take the payment, and issue the VAT invoice (paid) or the pro-forma (pending), then
//! e-mail it. The invoice number is taken only once the money is there, so failed payments
//! leave no gap in the `FV` sequence.

use axum::http::StatusCode;
use localspace_core::api::{
    Buyer, InvoiceSummary, OrderStatus, PaymentMethod, QuoteRequest, RenewalRequest, RenewalView,
    TestOutcome,
};
use localspace_core::billing::{self, Quote};
use localspace_core::validate::{check_email, check_nip, normalize_nip};
use uuid::Uuid;

use super::document::{Invoice, InvoiceDocument, Party};
use super::provider::{Charge, ChargeOutcome, ProviderError};
use super::store::Order;
use super::{letter, pdf};
use crate::error::{ApiError, ApiResult};
use crate::mail::{Attachment, Mail};
use crate::notify;
use crate::state::AppState;

/// Checks a quote request against the catalogue and the account: seats not fewer than the
/// users holding one, a valid NIP and e-mail. Returns the quote and the cleaned buyer.
pub async fn price(
    state: &AppState,
    account: Uuid,
    req: &QuoteRequest,
) -> ApiResult<(Quote, Buyer)> {
    let order = billing::Order::new(req.plan, req.seats, req.months, req.packs)
        .map_err(|e| ApiError::invalid(e.field(), e.to_string()))?;
    let buyer = buyer(&req.buyer)?;
    let used = state.db(move |s| s.seats_used(account)).await?;
    if req.seats < used {
        let mut e = ApiError::conflict(
            "seats_below_used",
            &format!(
                "{used} users hold a seat; buy at least {used} seats or take seats away first."
            ),
        );
        e.field = Some("seats".into());
        return Err(e);
    }
    Ok((billing::quote(&order), buyer))
}

pub fn buyer(raw: &Buyer) -> ApiResult<Buyer> {
    let company = raw.company.trim();
    if company.is_empty() || company.chars().count() > 200 {
        return Err(ApiError::invalid(
            "buyer.company",
            "`buyer.company` is required (at most 200 characters)",
        ));
    }
    let address = raw.address.trim();
    if address.is_empty() || address.chars().count() > 500 {
        return Err(ApiError::invalid(
            "buyer.address",
            "`buyer.address` is required (at most 500 characters)",
        ));
    }
    check_nip(&raw.nip).map_err(|e| {
        let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "bad_nip", e.to_string());
        err.field = Some("buyer.nip".into());
        err
    })?;
    let invoice_email = raw.invoice_email.trim().to_lowercase();
    check_email(&invoice_email)
        .map_err(|e| ApiError::invalid("buyer.invoice_email", e.to_string()))?;
    Ok(Buyer {
        company: company.to_owned(),
        address: address.to_owned(),
        nip: normalize_nip(&raw.nip),
        invoice_email,
    })
}

/// The frozen content of an invoice for an order.
fn document(state: &AppState, order: &Order) -> InvoiceDocument {
    let seller = &state.config.billing.seller;
    let q = &order.quote;
    InvoiceDocument {
        seller: Party {
            name: seller.name.clone(),
            address: seller.address.clone(),
            nip: seller.nip.clone(),
        },
        buyer: Party {
            name: order.buyer.company.clone(),
            address: order.buyer.address.clone(),
            nip: order.buyer.nip.clone(),
        },
        bank_account: seller.bank_account.clone(),
        lines: q.lines.clone(),
        net: q.net.minor,
        vat: q.vat.minor,
        gross: q.gross.minor,
        rounding_pl: q.rounding_pl.clone(),
        term: None,
    }
}

pub fn summary(invoice: &Invoice) -> InvoiceSummary {
    InvoiceSummary {
        id: invoice.id.to_string(),
        number: invoice.number.clone(),
        kind: invoice.kind.as_str().to_owned(),
        issue_date: invoice.issue_date.to_string(),
        gross: localspace_core::Money::new(invoice.document.gross, localspace_core::Currency::PLN),
        status: invoice.status.as_str().to_owned(),
    }
}

/// A renewal: the answer's status is 201 when paid, 202 when waiting for the money.
pub async fn renew(
    state: &AppState,
    account: Uuid,
    req: RenewalRequest,
) -> ApiResult<(StatusCode, RenewalView)> {
    let (quote, buyer) = price(state, account, &req.quote_request()).await?;
    let plan = super::change::current(state, account).await?;
    let today = billing::warsaw_date(state.now());
    let asked = billing::Holding {
        plan: quote.plan,
        seats: quote.seats,
        packs: quote.packs,
    };
    // While a term runs, a renewal is for what the account holds, or for the downgrade
    // scheduled at the term's end; other changes go through `/billing/changes`.
    if plan.paid_until.is_some_and(|d| d >= today)
        && plan.holding() != Some(asked)
        && plan.scheduled.map(|(h, _)| h) != Some(asked)
    {
        return Err(ApiError::conflict(
            "plan_change_mid_term",
            "While a paid term runs, a renewal keeps its plan, seats and storage (or the downgrade scheduled for the term's end); upgrade now or schedule a downgrade with a plan change.",
        ));
    }
    let lang = payment_options(state, req.test_outcome, req.lang.as_deref())?;
    let order = Order {
        id: Uuid::now_v7(),
        account,
        created_at: state.now(),
        method: req.method,
        status: OrderStatus::Pending,
        buyer,
        lang: lang.to_owned(),
        quote,
        reference: None,
    };
    pay(state, order, req.test_outcome).await
}

/// Checks the payment options every order shares: a test outcome only with the test
/// provider, and the e-mail's language. Answers the language.
pub fn payment_options(
    state: &AppState,
    test_outcome: Option<TestOutcome>,
    lang: Option<&str>,
) -> ApiResult<&'static str> {
    if test_outcome.is_some() && state.config.billing.provider != super::ProviderKind::Test {
        return Err(ApiError::invalid(
            "test_outcome",
            "`test_outcome` is only accepted by the test payment provider",
        ));
    }
    match lang {
        None | Some("pl") => Ok("pl"),
        Some("en") => Ok("en"),
        Some(_) => Err(ApiError::invalid("lang", "`lang` must be `pl` or `en`")),
    }
}

/// Records a priced order and takes its payment: 201 with the VAT invoice when paid, 202
/// with the pro-forma when the money is still to come, 402 when declined.
pub async fn pay(
    state: &AppState,
    order: Order,
    test_outcome: Option<TestOutcome>,
) -> ApiResult<(StatusCode, RenewalView)> {
    let account = order.account;
    let o = order.clone();
    state.billing_db(move |s| s.insert_order(&o)).await?;

    if order.method == PaymentMethod::Transfer {
        return proforma(state, &order).await;
    }
    let charge = Charge {
        order: order.id,
        account,
        amount: order.quote.gross,
        description: format!("Localspace {} × {}", order.quote.plan, order.quote.months),
        test_outcome,
    };
    let outcome = match state.payments.charge(&charge).await {
        Ok(outcome) => outcome,
        Err(error) => {
            let id = order.id;
            state
                .billing_db(move |s| s.fail_order(account, id, None))
                .await?;
            return Err(match error {
                ProviderError::Unavailable => ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "payments_unavailable",
                    "Online payments are not available; choose a bank transfer.",
                ),
                ProviderError::TestOutcomeRefused => {
                    ApiError::invalid("test_outcome", error.to_string())
                }
                ProviderError::Failed(detail) => ApiError::internal("payment provider", detail),
            });
        }
    };
    match outcome {
        ChargeOutcome::Paid { reference } => {
            let view = settle(state, &order, Some(reference)).await?;
            Ok((StatusCode::CREATED, view))
        }
        ChargeOutcome::Pending { .. } => proforma(state, &order).await,
        ChargeOutcome::Failed { reason } => {
            let id = order.id;
            state
                .billing_db(move |s| s.fail_order(account, id, None))
                .await?;
            tracing::info!(order = %id, %reason, "payment declined");
            Err(ApiError::new(
                StatusCode::PAYMENT_REQUIRED,
                "payment_failed",
                "The payment was declined; nothing was charged. Try again or pay by bank transfer.",
            ))
        }
    }
}

/// Issues and sends the pro-forma of a pending order.
async fn proforma(state: &AppState, order: &Order) -> ApiResult<(StatusCode, RenewalView)> {
    let document = document(state, order);
    let (account, id, now) = (order.account, order.id, state.now());
    let invoice = state
        .billing_db(move |s| s.issue_proforma(account, id, now, &document))
        .await?;
    send(state, order, &invoice).await;
    Ok((
        StatusCode::ACCEPTED,
        RenewalView {
            order_id: order.id.to_string(),
            status: OrderStatus::Pending,
            quote: order.quote.clone(),
            invoice: Some(summary(&invoice)),
            paid_until: None,
        },
    ))
}

/// The money for an order arrived: issue the VAT invoice, extend the term, unblock, e-mail.
pub async fn settle(
    state: &AppState,
    order: &Order,
    reference: Option<String>,
) -> ApiResult<RenewalView> {
    let document = document(state, order);
    let (account, id, now) = (order.account, order.id, state.now());
    let settled = state
        .billing_db(move |s| s.settle_order(account, id, now, reference.as_deref(), &document))
        .await?;
    if !settled.repeated {
        crate::audit::record(
            state,
            account,
            None,
            if order.quote.change.is_some() {
                crate::audit::event::PLAN_CHANGED
            } else {
                crate::audit::event::PLAN_RENEWED
            },
            serde_json::json!({
                "order": id, "invoice": settled.invoice.number,
                "paid_until": settled.paid_until.to_string(),
            }),
        )
        .await?;
        send(state, order, &settled.invoice).await;
    }
    Ok(RenewalView {
        order_id: order.id.to_string(),
        status: OrderStatus::Paid,
        quote: order.quote.clone(),
        invoice: Some(summary(&settled.invoice)),
        paid_until: Some(settled.paid_until.to_string()),
    })
}

/// E-mails an invoice with its PDF to the address given at renewal. A failed send is
/// logged: the invoice stays in Payments → History.
async fn send(state: &AppState, order: &Order, invoice: &Invoice) {
    let bytes = match pdf::render(invoice) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, number = %invoice.number, "rendering the invoice PDF");
            return;
        }
    };
    let (subject, text) = letter::invoice_mail(
        notify::lang(&order.lang),
        invoice,
        &invoice.document.bank_account,
    );
    let mail = Mail {
        to: order.buyer.invoice_email.clone(),
        to_name: Some(order.buyer.company.clone()),
        subject,
        text,
        attachments: vec![Attachment {
            filename: invoice.file_name(),
            content_type: "application/pdf".into(),
            bytes,
        }],
    };
    if let Err(error) = state.mailer.send(mail).await {
        tracing::error!(%error, number = %invoice.number, "sending the invoice failed");
    }
}
