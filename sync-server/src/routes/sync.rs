//! `/sync/v1/push` and `/sync/v1/pull`: binary sync messages (docs/sync-protocol.md).

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use localspace_core::api::Role;
use localspace_core::sync::{
    BootstrapPage, DocResult, DocStatus, EntryBody, ErasedPage, LogEntry, PullResponse,
    PushRequest, PushResponse, SavedDoc, encode,
};
use localspace_core::{Kind, RecordId};
use serde::Deserialize;

use super::binary::Message;
use crate::auth::extract::Authed;
use crate::automation::Automation;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{AccountStatus, LoggedBody};
use crate::sync::prepare::{Context, Prepared, prepare_all};
use crate::sync::push::{Checkout, Pusher, push_doc};

const PULL_PAGE_MAX: u32 = 5_000;

fn binary(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response()
}

/// `POST /sync/v1/push`.
pub async fn push(
    State(state): State<AppState>,
    me: Authed,
    Message(req): Message<PushRequest>,
) -> ApiResult<Response> {
    if me.account.status == AccountStatus::Blocked {
        return Err(ApiError::new(
            StatusCode::PAYMENT_REQUIRED,
            "account_blocked",
            "The account is blocked until its plan is renewed. Your changes stay on this device.",
        ));
    }
    let (account, user, now) = (me.account.id, me.user.id, state.now());
    // Rules look at deals only: a push without one skips reading them.
    let mut automation = if req.docs.iter().any(|d| d.kind == Kind::Deal) {
        Automation::for_push(&state, account).await?
    } else {
        Automation::default()
    };
    let hot = state.hot.clone();
    let may_erase = me.user.role == Role::Admin;
    let pusher = Pusher {
        user,
        role: me.user.role,
    };
    let watches_deals = automation.watches(Kind::Deal);
    let response = state
        .db(move |s| {
            // Merged on several threads before taking the writer; the transaction checks
            // each document is still stored as it was read.
            let cx = Context {
                pusher,
                automation_watches_deals: watches_deals,
                hot: &hot,
                account,
                keep: true,
            };
            let mut prepared: Vec<Option<Prepared>> = prepare_all(s, &req.docs, cx)?
                .into_iter()
                .map(Some)
                .collect();
            let mut results = Vec::with_capacity(req.docs.len());
            let mut erased = Vec::with_capacity(req.erase.len());
            let mut cursor = 0;
            let mut epoch = req.epoch;
            let mut docs = Checkout {
                hot: &hot,
                account,
                written: Vec::new(),
            };
            s.sync_tx(account, &mut |tx| {
                results.clear();
                erased.clear();
                automation.fired.clear();
                docs.written.clear();
                let mut claimed = std::collections::HashSet::new();
                // Checked in the push's own transaction, so a restore committing meanwhile
                // can never be undone by history from before it.
                epoch = tx.epoch()?;
                if epoch != req.epoch {
                    return Ok(());
                }
                for (doc, prepared) in req.docs.iter().zip(&mut prepared) {
                    results.push(push_doc(
                        tx,
                        doc,
                        prepared.take(),
                        pusher,
                        &mut claimed,
                        &mut automation,
                        &mut docs,
                        now,
                    )?);
                }
                for id in &req.erase {
                    let status = if may_erase {
                        tx.erase(id.0, user, now)?;
                        DocStatus::Erased
                    } else {
                        DocStatus::Refused {
                            code: "admin_only".into(),
                            reason: "Only an admin can erase records for good.".into(),
                        }
                    };
                    erased.push(DocResult { id: *id, status });
                }
                cursor = tx.cursor()?;
                Ok(())
            })?;
            if epoch != req.epoch {
                return Ok(Err(epoch));
            }
            // Committed: what was written is what storage holds now.
            hot.put(account, docs.written);
            let response = PushResponse {
                results,
                erased,
                cursor,
            };
            Ok(Ok((response, automation.fired)))
        })
        .await?
        .map_err(epoch_changed)?;
    let (response, fired) = response;
    let appended = response
        .results
        .iter()
        .any(|r| matches!(r.status, DocStatus::Accepted { appended } if appended > 0))
        || response
            .erased
            .iter()
            .any(|r| r.status == DocStatus::Erased);
    if appended {
        state.live.announce(account, response.cursor);
    }
    // The won-deal e-mail goes out after the new cursor is announced, so other devices hear
    // of the push even if the mail server is slow or the pusher stops waiting.
    crate::automation::notice::send(&state, &me, &fired).await;
    for done in response
        .erased
        .iter()
        .filter(|r| r.status == DocStatus::Erased)
    {
        let detail = serde_json::json!({ "record": done.id.to_string() });
        crate::audit::record(
            &state,
            account,
            Some(user),
            crate::audit::event::RECORD_ERASED,
            detail,
        )
        .await?;
    }
    Ok(binary(encode(&response)))
}

/// The answer to a push or pull made in an epoch the account has left (it was restored).
fn epoch_changed(epoch: u64) -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "epoch_changed",
        format!(
            "The account was restored from a backup (epoch {epoch}): this device loads the records again and keeps its unsent edits."
        ),
    )
}

/// Whose visibility a read is filtered by: a salesperson's; managers and admins see all.
fn reader(me: &Authed) -> Option<localspace_core::UserId> {
    (me.user.role == Role::User).then_some(me.user.id)
}

/// Raw query of a pull, parsed by hand so bad values are coded errors.
#[derive(Debug, Deserialize)]
pub struct PullQuery {
    after: Option<String>,
    limit: Option<String>,
    epoch: Option<String>,
}

/// `GET /sync/v1/pull?after=N&limit=M`.
pub async fn pull(
    State(state): State<AppState>,
    me: Authed,
    Query(q): Query<PullQuery>,
) -> ApiResult<Response> {
    let after: u64 = match q.after.as_deref() {
        None => 0,
        Some(v) => v
            .parse()
            .map_err(|_| ApiError::invalid("after", "`after` must be a cursor (a whole number)"))?,
    };
    let limit: u32 = match q.limit.as_deref() {
        None => 1_000,
        Some(v) => v
            .parse()
            .map_err(|_| ApiError::invalid("limit", "`limit` must be a whole number"))?,
    }
    .clamp(1, PULL_PAGE_MAX);
    let epoch: u64 = match q.epoch.as_deref() {
        None => 0,
        Some(v) => v
            .parse()
            .map_err(|_| ApiError::invalid("epoch", "`epoch` must be a whole number"))?,
    };
    let (account, session, now) = (me.account.id, me.session.id, state.now());
    let blocked = me.account.status == AccountStatus::Blocked;
    let reader = reader(&me);
    let page = state
        .db(move |s| {
            let page = s.pull(account, reader, after, limit + 1)?;
            // The epoch is read with the page: a page of another epoch is never served.
            if page.epoch != epoch {
                return Ok(Err(page.epoch));
            }
            if after < s.log_floor(account)? {
                return Ok(Ok(None));
            }
            s.note_pull(session, after, now)?;
            Ok(Ok(Some(page)))
        })
        .await?
        .map_err(epoch_changed)?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::GONE,
                "resync_required",
                "This device was away longer than the server keeps history: it loads the records again.",
            )
        })?;
    let more = page.entries.len() > limit as usize;
    let entries: Vec<LogEntry> = page
        .entries
        .into_iter()
        .take(limit as usize)
        .filter_map(|r| {
            let body = match r.body {
                LoggedBody::Change(bytes) => EntryBody::Change(bytes),
                LoggedBody::Erased => EntryBody::Erased,
                LoggedBody::Granted(doc) => EntryBody::Granted(doc),
                LoggedBody::Revoked => EntryBody::Revoked,
            };
            Some(LogEntry {
                cursor: r.cursor,
                id: RecordId(r.doc),
                kind: r.kind.parse().ok()?,
                body,
            })
        })
        .collect();
    // A page that is not full covers the whole log, entries hidden from this reader too.
    let cursor = if more {
        entries.last().map_or(after, |e| e.cursor)
    } else {
        page.cursor.max(after)
    };
    Ok(binary(encode(&PullResponse {
        entries,
        cursor,
        more,
        blocked,
    })))
}

/// `GET /sync/v1/erased?after=ID&limit=N`: erased ids in id order.
pub async fn erased(
    State(state): State<AppState>,
    me: Authed,
    Query(q): Query<BootstrapQuery>,
) -> ApiResult<Response> {
    let (after, limit) = page_query(&q, 5_000)?;
    let account = me.account.id;
    let ids = state.db(move |s| s.erased(account, after, limit)).await?;
    let next = (ids.len() == limit as usize)
        .then(|| ids.last().copied())
        .flatten();
    Ok(binary(encode(&ErasedPage {
        ids: ids.into_iter().map(RecordId).collect(),
        next: next.map(RecordId),
    })))
}

/// Raw query of a bootstrap page.
#[derive(Debug, Deserialize)]
pub struct BootstrapQuery {
    after: Option<String>,
    limit: Option<String>,
}

/// `GET /sync/v1/bootstrap?after=ID&limit=N`: saved documents in id order.
pub async fn bootstrap(
    State(state): State<AppState>,
    me: Authed,
    Query(q): Query<BootstrapQuery>,
) -> ApiResult<Response> {
    let (after, limit) = page_query(&q, 500)?;
    let (account, reader) = (me.account.id, reader(&me));
    let page = state
        .db(move |s| s.saved_docs(account, reader, after, limit))
        .await?;
    let full = page.docs.len() == limit as usize;
    let docs: Vec<SavedDoc> = page
        .docs
        .into_iter()
        .filter_map(|(id, kind, bytes)| {
            Some(SavedDoc {
                id: RecordId(id),
                kind: kind.parse().ok()?,
                bytes,
            })
        })
        .collect();
    let next = if full {
        docs.last().map(|d| d.id)
    } else {
        None
    };
    Ok(binary(encode(&BootstrapPage {
        docs,
        total: page.total,
        cursor: page.cursor,
        next,
        epoch: page.epoch,
    })))
}

/// `after` (a record id, or empty) and `limit` (clamped to 1…5000) of a paged query.
fn page_query(q: &BootstrapQuery, default_limit: u32) -> ApiResult<(Option<uuid::Uuid>, u32)> {
    let after = match q.after.as_deref() {
        None | Some("") => None,
        Some(v) => Some(
            uuid::Uuid::parse_str(v)
                .map_err(|_| ApiError::invalid("after", "`after` must be a record id"))?,
        ),
    };
    let limit: u32 = match q.limit.as_deref() {
        None => default_limit,
        Some(v) => v
            .parse()
            .map_err(|_| ApiError::invalid("limit", "`limit` must be a whole number"))?,
    };
    Ok((after, limit.clamp(1, PULL_PAGE_MAX)))
}
