//! The columns behind mid-term changes: the current paid term (first day and months, which
//! price an upgrade's remaining days and discount) and the downgrade scheduled for the day
//! after the paid term. Accounts that paid before this migration get their term from their
//! latest VAT invoice.

use chrono::NaiveDate;
use localspace_core::billing::Holding;
use rusqlite::{Connection, params};
use uuid::Uuid;

use super::backend;
use crate::store::StoreResult;

pub(super) const MIGRATION: &str = r#"
ALTER TABLE accounts ADD COLUMN term_first_day TEXT;
ALTER TABLE accounts ADD COLUMN term_months INTEGER;
ALTER TABLE accounts ADD COLUMN next_plan TEXT;
ALTER TABLE accounts ADD COLUMN next_seats INTEGER;
ALTER TABLE accounts ADD COLUMN next_packs INTEGER;
ALTER TABLE accounts ADD COLUMN next_from TEXT;
UPDATE accounts SET
  term_first_day = (SELECT json_extract(i.document, '$.term[0]') FROM invoices i
                    WHERE i.account = accounts.id AND i.kind = 'vat'
                    ORDER BY i.issued_at DESC LIMIT 1),
  term_months = (SELECT json_extract(o.quote, '$.months') FROM invoices i
                 JOIN billing_orders o ON o.id = i.order_id
                 WHERE i.account = accounts.id AND i.kind = 'vat'
                 ORDER BY i.issued_at DESC LIMIT 1)
WHERE paid_until IS NOT NULL;
"#;

/// Stores (or, with `None`, clears) the change that takes effect on `from`.
pub(super) fn schedule(
    c: &Connection,
    account: Uuid,
    next: Option<(Holding, NaiveDate)>,
) -> StoreResult<()> {
    let (plan, seats, packs, from) = match next {
        Some((h, from)) => (
            Some(h.plan.as_str()),
            Some(h.seats),
            Some(h.packs),
            Some(from.to_string()),
        ),
        None => (None, None, None, None),
    };
    c.execute(
        "UPDATE accounts SET next_plan = ?2, next_seats = ?3, next_packs = ?4, next_from = ?5
         WHERE id = ?1",
        params![account.as_bytes(), plan, seats, packs, from],
    )
    .map(|_| ())
    .map_err(backend)
}

/// Puts scheduled changes due by `today` into effect (one account, or all), and answers
/// the accounts changed. The dates are ISO `YYYY-MM-DD`, so text order is date order.
pub(super) fn apply_due(
    c: &Connection,
    account: Option<Uuid>,
    today: NaiveDate,
) -> StoreResult<Vec<Uuid>> {
    let today = today.to_string();
    let id = account.map(|a| a.as_bytes().to_vec());
    let mut stmt = c
        .prepare(
            // Seats handed out after the downgrade was scheduled stay: the account keeps at
            // least the seats its users hold (a renewal then asks for them).
            "UPDATE accounts SET plan = next_plan, packs = next_packs,
                 seats = max(next_seats, (SELECT count(*) FROM users
                                          WHERE users.account = accounts.id AND active = 1 AND seat = 1)),
                 next_plan = NULL, next_seats = NULL, next_packs = NULL, next_from = NULL
             WHERE next_from IS NOT NULL AND next_from <= ?1 AND status != 'deleted'
               AND (?2 IS NULL OR id = ?2)
             RETURNING id",
        )
        .map_err(backend)?;
    let rows = stmt
        .query_map(params![today, id], |r| super::uuid_at(r, 0))
        .map_err(backend)?;
    rows.collect::<rusqlite::Result<_>>().map_err(backend)
}
