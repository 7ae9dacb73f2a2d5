//! Turning stored rows into API views, and the small checks of typed input.

use chrono::{DateTime, NaiveDate, SecondsFormat};
use localspace_core::api::{AccountView, UserView};
use localspace_core::billing::lifecycle::Standing;
use localspace_core::validate::check_email;

use crate::error::ApiError;
use crate::store::{Account, AccountStatus, User};

/// Milliseconds since the epoch as RFC 3339.
pub fn time(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

pub fn user(u: &User) -> UserView {
    UserView {
        id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        role: u.role,
        seat: u.seat,
        active: u.active,
        lang: u.lang.clone(),
    }
}

/// The account as its members see it. `paid_until` is the last paid day; while blocked, the
/// days access ended and deletion comes are those of the lifecycle job's own plan.
pub fn account(
    a: &Account,
    seats_used: u32,
    basic_export: bool,
    paid_until: Option<NaiveDate>,
) -> AccountView {
    let blocked = a.status == AccountStatus::Blocked;
    let standing = Standing {
        blocked,
        trial_ends_ms: a.trial_ends,
        paid_until,
        last_warning: None,
    };
    let when_blocked = |day: NaiveDate| blocked.then(|| day.to_string());
    AccountView {
        id: a.id.to_string(),
        name: a.name.clone(),
        status: a.status.as_str().to_owned(),
        trial_ends: time(a.trial_ends),
        seats: a.seats,
        seats_used,
        basic_export,
        paid_until: paid_until.map(|d| d.to_string()),
        access_ended: when_blocked(standing.last_access_day()),
        deletion_on: when_blocked(standing.deletion_day()),
    }
}

/// An e-mail address as stored: trimmed, lower case, checked.
pub fn email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim().to_lowercase();
    check_email(&email).map_err(|e| ApiError::invalid("email", e.to_string()))?;
    Ok(email)
}

/// A required short text: trimmed, 1–200 characters.
pub fn name(field: &str, raw: &str) -> Result<String, ApiError> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(ApiError::invalid(field, format!("`{field}` is required")));
    }
    if value.chars().count() > 200 {
        return Err(ApiError::invalid(
            field,
            format!("`{field}` is longer than 200 characters"),
        ));
    }
    Ok(value.to_owned())
}

/// A language the app speaks; Polish unless English is asked for.
pub fn lang(raw: Option<&str>) -> String {
    match raw {
        Some(l) if l.to_lowercase().starts_with("en") => "en".into(),
        _ => "pl".into(),
    }
}

/// A device name for the sessions list.
pub fn device(raw: Option<&str>) -> String {
    let d: String = raw.unwrap_or("").trim().chars().take(100).collect();
    if d.is_empty() {
        "unknown device".into()
    } else {
        d
    }
}
