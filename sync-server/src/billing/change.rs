//! Changing plan, seats or storage while a paid term runs. An upgrade is priced for the
//! days left of the term (`localspace_core::billing::upgrade_quote`), paid like a renewal
//! (provider, invoice, e-mail) and takes effect when the money arrives; it does not move
//! the last paid day. A downgrade costs nothing: it is stored and takes effect on the day
//! after the paid term (the lifecycle pass, or the next read of the plan, applies it).

use axum::http::StatusCode;
use localspace_core::api::{
    ChangeQuote, ChangeRequest, ChangeView, OrderStatus, PlanChangeRequest, PlanView,
    ScheduledChange,
};
use localspace_core::billing::{
    self, ChangeKind, Holding, PaidTerm, Term, classify, quota_gb, upgrade_quote,
};
use uuid::Uuid;

use super::renewal::{buyer, pay, payment_options};
use super::store::{Order, PlanState};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The account's plan state after putting a scheduled change that is due into effect.
pub async fn current(state: &AppState, account: Uuid) -> ApiResult<PlanState> {
    let today = billing::warsaw_date(state.now());
    state
        .billing_db(move |s| {
            s.apply_scheduled(Some(account), today)?;
            s.plan_state(account)
        })
        .await
}

/// The plan as the app shows it.
pub fn view(p: &PlanState) -> PlanView {
    PlanView {
        plan: p.plan,
        seats: p.seats,
        packs: p.packs,
        paid_until: p.paid_until.map(|d| d.to_string()),
        quota_gb: p.plan.map_or(0, |plan| quota_gb(plan, p.seats, p.packs)),
        scheduled: p.scheduled.map(|(h, from)| ScheduledChange {
            plan: h.plan,
            seats: h.seats,
            packs: h.packs,
            from: from.to_string(),
        }),
    }
}

/// A priced change: its kind, the day it takes effect, the upgrade's quote.
struct Priced {
    kind: ChangeKind,
    target: Holding,
    effective: chrono::NaiveDate,
    quote: Option<billing::Quote>,
}

/// Checks a change against the account: a paid term running, a real change in one
/// direction, seats not fewer than the users holding one.
async fn price(state: &AppState, account: Uuid, req: &ChangeRequest) -> ApiResult<Priced> {
    let target = Holding::new(req.plan, req.seats, req.packs)
        .map_err(|e| ApiError::invalid(e.field(), e.to_string()))?;
    let plan = current(state, account).await?;
    let today = billing::warsaw_date(state.now());
    let (Some(from), Some(paid_until)) = (plan.holding(), plan.paid_until) else {
        return Err(no_paid_term());
    };
    if paid_until < today {
        return Err(no_paid_term());
    }
    let kind = classify(from, target).map_err(|e| {
        let mut err = ApiError::conflict(
            match e {
                billing::BillingError::NoChange => "no_change",
                _ => "mixed_change",
            },
            &e.to_string(),
        );
        err.field = Some(e.field().into());
        err
    })?;
    let used = state.db(move |s| s.seats_used(account)).await?;
    if req.seats < used {
        let mut e = ApiError::conflict(
            "seats_below_used",
            &format!(
                "{used} users hold a seat; keep at least {used} seats or take seats away first."
            ),
        );
        e.field = Some("seats".into());
        return Err(e);
    }
    match kind {
        ChangeKind::Upgrade => {
            let (first_day, months) = plan.term.unwrap_or((today, 1));
            if first_day > today && plan.scheduled.is_some() {
                // The next term is paid for a smaller holding: an upgrade priced from today's
                // holding would charge the wrong amount for it.
                return Err(ApiError::conflict(
                    "next_term_paid",
                    "The next term is already paid for with the scheduled change; upgrade once it starts.",
                ));
            }
            let term = PaidTerm {
                first_day,
                last_day: paid_until,
                term: Term::new(months).map_err(|e| ApiError::internal("stored term", e))?,
            };
            let quote = upgrade_quote(from, target, term, today)
                .map_err(|e| ApiError::invalid(e.field(), e.to_string()))?;
            Ok(Priced {
                kind,
                target,
                effective: today,
                quote: Some(quote),
            })
        }
        ChangeKind::Downgrade => Ok(Priced {
            kind,
            target,
            effective: paid_until + chrono::Days::new(1),
            quote: None,
        }),
    }
}

fn no_paid_term() -> ApiError {
    ApiError::conflict(
        "no_paid_term",
        "There is no paid term to change; choose the plan, seats and storage in a renewal.",
    )
}

/// `POST /billing/changes/quote`: what the change costs and when it takes effect.
pub async fn quote(state: &AppState, account: Uuid, req: &ChangeRequest) -> ApiResult<ChangeQuote> {
    let p = price(state, account, req).await?;
    Ok(ChangeQuote {
        kind: p.kind,
        effective: p.effective.to_string(),
        quote: p.quote,
    })
}

/// `POST /billing/changes`: an upgrade is paid (201 paid, 202 pending, 402 declined) and
/// takes effect with the payment; a downgrade is scheduled (200).
pub async fn change(
    state: &AppState,
    account: Uuid,
    admin: localspace_core::UserId,
    req: PlanChangeRequest,
) -> ApiResult<(StatusCode, ChangeView)> {
    let p = price(state, account, &req.change_request()).await?;
    let lang = payment_options(state, req.test_outcome, req.lang.as_deref())?;
    let Some(quote) = p.quote else {
        let (target, from) = (p.target, p.effective);
        state
            .billing_db(move |s| s.schedule_change(account, Some((target, from))))
            .await?;
        crate::audit::record(
            state,
            account,
            Some(admin),
            crate::audit::event::PLAN_CHANGED,
            serde_json::json!({
                "kind": "downgrade", "plan": target.plan, "seats": target.seats,
                "packs": target.packs, "from": from.to_string(),
            }),
        )
        .await?;
        let plan = current(state, account).await?;
        return Ok((
            StatusCode::OK,
            ChangeView {
                kind: p.kind,
                effective: p.effective.to_string(),
                payment: None,
                plan: view(&plan),
            },
        ));
    };
    let raw = req.buyer.as_ref().ok_or_else(|| {
        ApiError::invalid(
            "buyer",
            "`buyer` is required for an upgrade (the invoice's buyer)",
        )
    })?;
    let order = Order {
        id: Uuid::now_v7(),
        account,
        created_at: state.now(),
        method: req.method,
        status: OrderStatus::Pending,
        buyer: buyer(raw)?,
        lang: lang.to_owned(),
        quote,
        reference: None,
    };
    let (status, payment) = pay(state, order, req.test_outcome).await?;
    let plan = current(state, account).await?;
    Ok((
        status,
        ChangeView {
            kind: p.kind,
            effective: p.effective.to_string(),
            payment: Some(payment),
            plan: view(&plan),
        },
    ))
}
