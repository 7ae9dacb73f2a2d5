//! [`BillingStore`] on the embedded SQLite file: plan columns on `accounts`, `billing_orders`,
//! `invoices`, and `invoice_numbers`, the per-kind, per-month counter that makes numbers
//! gapless. A number is taken inside the same write transaction that stores its invoice, so
//! a number is used exactly when its invoice exists, and writers are serialized.

use chrono::NaiveDate;
use localspace_core::api::{Buyer, OrderStatus, PaymentMethod};
use localspace_core::billing::{Holding, Plan, number_period, renewed_until, warsaw_date};
use rusqlite::{Connection, OptionalExtension, Row, params};
use uuid::Uuid;

use super::{SqliteStore, backend, uuid_at};
use crate::billing::document::{Invoice, InvoiceDocument, InvoiceKind, InvoiceStatus};
use crate::billing::store::{BillingStore, Order, PlanState, Settled};
use crate::store::{AccountStatus, StoreError, StoreResult};
use localspace_core::billing::lifecycle::Standing;

/// The billing schema, appended to the store's migrations.
pub(super) const MIGRATION: &str = r#"
ALTER TABLE accounts ADD COLUMN plan TEXT;
ALTER TABLE accounts ADD COLUMN packs INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN paid_until TEXT;
ALTER TABLE accounts ADD COLUMN last_warning_at INTEGER;
ALTER TABLE accounts ADD COLUMN last_warning_days INTEGER;
CREATE TABLE billing_orders (
    id BLOB PRIMARY KEY, account BLOB NOT NULL REFERENCES accounts(id), created_at INTEGER NOT NULL,
    method TEXT NOT NULL, status TEXT NOT NULL, buyer TEXT NOT NULL, lang TEXT NOT NULL,
    quote TEXT NOT NULL, reference TEXT, settled_at INTEGER
) WITHOUT ROWID;
CREATE INDEX billing_orders_by_account ON billing_orders(account, created_at);
CREATE TABLE invoice_numbers (
    kind TEXT NOT NULL, period TEXT NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (kind, period)
) WITHOUT ROWID;
CREATE TABLE invoices (
    id BLOB PRIMARY KEY, account BLOB NOT NULL REFERENCES accounts(id),
    order_id BLOB NOT NULL REFERENCES billing_orders(id), kind TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE, period TEXT NOT NULL, seq INTEGER NOT NULL,
    issued_at INTEGER NOT NULL, issue_date TEXT NOT NULL, sale_date TEXT NOT NULL,
    gross INTEGER NOT NULL, status TEXT NOT NULL, document TEXT NOT NULL,
    UNIQUE (kind, period, seq)
) WITHOUT ROWID;
CREATE INDEX invoices_by_account ON invoices(account, issued_at);
CREATE INDEX invoices_by_order ON invoices(order_id);
"#;

fn json_err(e: serde_json::Error) -> StoreError {
    StoreError::Backend(format!("billing JSON: {e}"))
}

fn bad_column(i: usize) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(i, "billing".into(), rusqlite::types::Type::Text)
}

fn date_at(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    s.parse().map_err(|_| bad_column(i))
}

fn json_at<T: serde::de::DeserializeOwned>(r: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let s: String = r.get(i)?;
    serde_json::from_str(&s).map_err(|_| bad_column(i))
}

fn method_str(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Online => "online",
        PaymentMethod::Transfer => "transfer",
    }
}

fn status_str(s: OrderStatus) -> &'static str {
    match s {
        OrderStatus::Pending => "pending",
        OrderStatus::Paid => "paid",
        OrderStatus::Failed => "failed",
    }
}

fn parse_status(s: &str) -> OrderStatus {
    match s {
        "paid" => OrderStatus::Paid,
        "failed" => OrderStatus::Failed,
        _ => OrderStatus::Pending,
    }
}

const ORDER_COLUMNS: &str =
    "id, account, created_at, method, status, buyer, lang, quote, reference";

/// How long an unpaid plan-change order blocks another plan change (a pro-forma's term).
const CHANGE_PENDING_MS: i64 = 14 * 24 * 60 * 60 * 1000;

fn order_row(r: &Row<'_>) -> rusqlite::Result<Order> {
    let method: String = r.get(3)?;
    let status: String = r.get(4)?;
    Ok(Order {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        created_at: r.get(2)?,
        method: if method == "transfer" {
            PaymentMethod::Transfer
        } else {
            PaymentMethod::Online
        },
        status: parse_status(&status),
        buyer: json_at::<Buyer>(r, 5)?,
        lang: r.get(6)?,
        quote: json_at(r, 7)?,
        reference: r.get(8)?,
    })
}

const INVOICE_COLUMNS: &str =
    "id, account, order_id, kind, number, issued_at, issue_date, sale_date, status, document";

fn invoice_row(r: &Row<'_>) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: uuid_at(r, 0)?,
        account: uuid_at(r, 1)?,
        order: uuid_at(r, 2)?,
        kind: InvoiceKind::parse(&r.get::<_, String>(3)?),
        number: r.get(4)?,
        issued_at: r.get(5)?,
        issue_date: date_at(r, 6)?,
        sale_date: date_at(r, 7)?,
        status: InvoiceStatus::parse(&r.get::<_, String>(8)?),
        document: json_at(r, 9)?,
    })
}

fn load_order(c: &Connection, account: Uuid, id: Uuid) -> StoreResult<Order> {
    c.query_row(
        &format!("SELECT {ORDER_COLUMNS} FROM billing_orders WHERE id = ?1 AND account = ?2"),
        [id.as_bytes(), account.as_bytes()],
        order_row,
    )
    .optional()
    .map_err(backend)?
    .ok_or(StoreError::NotFound)
}

/// Takes the next number of a kind in the month of `date` and stores the invoice under it.
fn insert_invoice(c: &Connection, invoice: &mut Invoice) -> StoreResult<()> {
    let period = number_period(invoice.issue_date);
    let seq: i64 = c
        .query_row(
            "INSERT INTO invoice_numbers (kind, period, last) VALUES (?1, ?2, 1)
             ON CONFLICT (kind, period) DO UPDATE SET last = last + 1 RETURNING last",
            params![invoice.kind.prefix(), period],
            |r| r.get(0),
        )
        .map_err(backend)?;
    invoice.number = format!("{}/{period}/{seq:04}", invoice.kind.prefix());
    let document = serde_json::to_string(&invoice.document).map_err(json_err)?;
    c.execute(
        "INSERT INTO invoices (id, account, order_id, kind, number, period, seq, issued_at,
                               issue_date, sale_date, gross, status, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            invoice.id.as_bytes(),
            invoice.account.as_bytes(),
            invoice.order.as_bytes(),
            invoice.kind.as_str(),
            invoice.number,
            period,
            seq,
            invoice.issued_at,
            invoice.issue_date.to_string(),
            invoice.sale_date.to_string(),
            invoice.document.gross,
            invoice.status.as_str(),
            document
        ],
    )
    .map_err(backend)?;
    Ok(())
}

impl BillingStore for SqliteStore {
    fn plan_state(&self, account: Uuid) -> StoreResult<PlanState> {
        self.with(|c| {
            c.query_row(
                "SELECT status, plan, seats, packs, paid_until, term_first_day, term_months,
                        next_plan, next_seats, next_packs, next_from
                 FROM accounts WHERE id = ?1",
                [account.as_bytes()],
                |r| {
                    let plan: Option<String> = r.get(1)?;
                    let paid_until: Option<String> = r.get(4)?;
                    let term_first: Option<String> = r.get(5)?;
                    let term_months: Option<u32> = r.get(6)?;
                    let next_plan: Option<String> = r.get(7)?;
                    let next_seats: Option<u32> = r.get(8)?;
                    let next_packs: Option<u32> = r.get(9)?;
                    let next_from: Option<String> = r.get(10)?;
                    let next_plan: Option<Plan> = next_plan.and_then(|p| p.parse().ok());
                    let next_from: Option<NaiveDate> = next_from.and_then(|d| d.parse().ok());
                    Ok(PlanState {
                        status: AccountStatus::parse(&r.get::<_, String>(0)?),
                        plan: plan.and_then(|p| p.parse().ok()),
                        seats: r.get(2)?,
                        packs: r.get(3)?,
                        paid_until: paid_until.and_then(|d| d.parse().ok()),
                        term: term_first.and_then(|d| d.parse().ok()).zip(term_months),
                        scheduled: next_plan
                            .zip(next_seats)
                            .zip(next_packs)
                            .zip(next_from)
                            .map(|(((plan, seats), packs), from)| {
                                (Holding { plan, seats, packs }, from)
                            }),
                    })
                },
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn insert_order(&self, o: &Order) -> StoreResult<()> {
        let buyer = serde_json::to_string(&o.buyer).map_err(json_err)?;
        let quote = serde_json::to_string(&o.quote).map_err(json_err)?;
        self.in_tx(|c| {
            // One plan change at a time: a second one (a double click, two admins) would be
            // charged for the same days. A pro-forma left unpaid stops blocking after 14 days.
            if o.quote.change.is_some() {
                let pending: bool = c
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM billing_orders WHERE account = ?1 AND status = 'pending'
                           AND json_extract(quote, '$.change') IS NOT NULL AND created_at > ?2)",
                        params![o.account.as_bytes(), o.created_at - CHANGE_PENDING_MS],
                        |r| r.get(0),
                    )
                    .map_err(backend)?;
                if pending {
                    return Err(StoreError::ChangePending);
                }
            }
            c.execute(
                &format!("INSERT INTO billing_orders ({ORDER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
                params![
                    o.id.as_bytes(),
                    o.account.as_bytes(),
                    o.created_at,
                    method_str(o.method),
                    status_str(o.status),
                    buyer,
                    o.lang,
                    quote,
                    o.reference
                ],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn order(&self, account: Uuid, id: Uuid) -> StoreResult<Order> {
        self.with(|c| load_order(c, account, id))
    }

    fn order_by_id(&self, id: Uuid) -> StoreResult<Order> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {ORDER_COLUMNS} FROM billing_orders WHERE id = ?1"),
                [id.as_bytes()],
                order_row,
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }

    fn fail_order(&self, account: Uuid, id: Uuid, reference: Option<&str>) -> StoreResult<()> {
        self.in_tx(|tx| {
            load_order(tx, account, id)?;
            tx.execute(
                "UPDATE billing_orders SET status = 'failed', reference = IFNULL(?3, reference)
                 WHERE id = ?1 AND account = ?2 AND status = 'pending'",
                params![id.as_bytes(), account.as_bytes(), reference],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn issue_proforma(
        &self,
        account: Uuid,
        order: Uuid,
        issued_at: i64,
        document: &InvoiceDocument,
    ) -> StoreResult<Invoice> {
        self.in_tx(|tx| {
            load_order(tx, account, order)?;
            let today = warsaw_date(issued_at);
            let mut invoice = Invoice {
                id: Uuid::now_v7(),
                account,
                order,
                kind: InvoiceKind::Proforma,
                number: String::new(),
                issued_at,
                issue_date: today,
                sale_date: today,
                status: InvoiceStatus::AwaitingPayment,
                document: document.clone(),
            };
            insert_invoice(tx, &mut invoice)?;
            Ok(invoice)
        })
    }

    fn settle_order(
        &self,
        account: Uuid,
        order: Uuid,
        paid_at: i64,
        reference: Option<&str>,
        document: &InvoiceDocument,
    ) -> StoreResult<Settled> {
        self.in_tx(|tx| {
            let o = load_order(tx, account, order)?;
            if o.status == OrderStatus::Paid {
                let invoice = tx
                    .query_row(
                        &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE order_id = ?1 AND kind = 'vat'"),
                        [order.as_bytes()],
                        invoice_row,
                    )
                    .map_err(backend)?;
                let paid_until = invoice.document.term.map_or(invoice.issue_date, |t| t.1);
                return Ok(Settled { invoice, paid_until, repeated: true });
            }
            let q = &o.quote;
            if let Some(change) = &q.change {
                // Applied only onto what it was priced from: a later change (or the end of the
                // term) in between makes it stale, and the payment waits on the order.
                let (plan, seats, packs, paid_until): (Option<String>, u32, u32, Option<String>) = tx
                    .query_row(
                        "SELECT plan, seats, packs, paid_until FROM accounts WHERE id = ?1",
                        [account.as_bytes()],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .map_err(backend)?;
                let priced_from = plan.as_deref() == Some(change.from_plan.as_str())
                    && seats == change.from_seats
                    && packs == change.from_packs
                    && paid_until.as_deref() == Some(change.term_last_day.as_str());
                if !priced_from {
                    return Err(StoreError::ChangeStale);
                }
            }
            let used: u32 = tx
                .query_row(
                    "SELECT count(*) FROM users WHERE account = ?1 AND active = 1 AND seat = 1",
                    [account.as_bytes()],
                    |r| r.get(0),
                )
                .map_err(backend)?;
            if used > q.seats {
                return Err(StoreError::NoFreeSeat);
            }
            type Next = (Option<String>, Option<u32>, Option<u32>);
            let (current, next): (Option<String>, Next) = tx
                .query_row(
                    "SELECT paid_until, next_plan, next_seats, next_packs FROM accounts WHERE id = ?1",
                    [account.as_bytes()],
                    |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))),
                )
                .map_err(backend)?;
            let current: Option<NaiveDate> = current.and_then(|d| d.parse().ok());
            let today = warsaw_date(paid_at);
            let (from, paid_until) = if q.change.is_some() {
                // An upgrade runs to the end of the term it was priced against.
                (today, current.unwrap_or(today).max(today))
            } else {
                let from = current.map_or(today, |c| (c + chrono::Days::new(1)).max(today));
                (from, renewed_until(today, current, q.months))
            };
            let mut invoice = Invoice {
                id: Uuid::now_v7(),
                account,
                order,
                kind: InvoiceKind::Vat,
                number: String::new(),
                issued_at: paid_at,
                issue_date: today,
                sale_date: today,
                status: InvoiceStatus::Paid,
                document: InvoiceDocument { term: Some((from, paid_until)), ..document.clone() },
            };
            insert_invoice(tx, &mut invoice)?;
            tx.execute(
                "UPDATE billing_orders SET status = 'paid', settled_at = ?2, reference = IFNULL(?3, reference) WHERE id = ?1",
                params![order.as_bytes(), paid_at, reference],
            )
            .map_err(backend)?;
            tx.execute(
                "UPDATE invoices SET status = 'settled' WHERE order_id = ?1 AND kind = 'proforma'",
                [order.as_bytes()],
            )
            .map_err(backend)?;
            let running = current.is_some_and(|c| c >= today);
            let renews_into_downgrade = q.change.is_none()
                && running
                && next == (Some(q.plan.as_str().to_owned()), Some(q.seats), Some(q.packs));
            if renews_into_downgrade {
                // The new term starts with the scheduled downgrade: keep today's holding.
                tx.execute(
                    "UPDATE accounts SET paid_until = ?2, term_first_day = ?3, term_months = ?4, status = 'active' WHERE id = ?1",
                    params![account.as_bytes(), paid_until.to_string(), from.to_string(), q.months],
                )
                .map_err(backend)?;
            } else {
                tx.execute(
                    "UPDATE accounts SET plan = ?2, seats = ?3, packs = ?4, paid_until = ?5, status = 'active' WHERE id = ?1",
                    params![account.as_bytes(), q.plan.as_str(), q.seats, q.packs, paid_until.to_string()],
                )
                .map_err(backend)?;
                if q.change.is_none() {
                    tx.execute(
                        "UPDATE accounts SET term_first_day = ?2, term_months = ?3 WHERE id = ?1",
                        params![account.as_bytes(), from.to_string(), q.months],
                    )
                    .map_err(backend)?;
                }
                super::plan_change::schedule(tx, account, None)?;
            }
            Ok(Settled { invoice, paid_until, repeated: false })
        })
    }

    fn schedule_change(
        &self,
        account: Uuid,
        next: Option<(Holding, NaiveDate)>,
    ) -> StoreResult<()> {
        self.with(|c| super::plan_change::schedule(c, account, next))
    }

    fn apply_scheduled(&self, account: Option<Uuid>, today: NaiveDate) -> StoreResult<Vec<Uuid>> {
        self.in_tx(|tx| super::plan_change::apply_due(tx, account, today))
    }

    fn standings(&self) -> StoreResult<Vec<(Uuid, Standing)>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(
                    "SELECT id, status, trial_ends, paid_until, last_warning_at, last_warning_days
                     FROM accounts WHERE status != 'deleted'",
                )
                .map_err(backend)?;
            let rows = stmt
                .query_map([], |r| {
                    let paid_until: Option<String> = r.get(3)?;
                    let at: Option<i64> = r.get(4)?;
                    let days: Option<u8> = r.get(5)?;
                    Ok((
                        uuid_at(r, 0)?,
                        Standing {
                            blocked: r.get::<_, String>(1)? == "blocked",
                            trial_ends_ms: r.get(2)?,
                            paid_until: paid_until.and_then(|d| d.parse().ok()),
                            last_warning: at.zip(days),
                        },
                    ))
                })
                .map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn record_warning(&self, account: Uuid, at: i64, days: u8) -> StoreResult<()> {
        self.with(|c| {
            c.execute(
                "UPDATE accounts SET last_warning_at = ?2, last_warning_days = ?3 WHERE id = ?1",
                params![account.as_bytes(), at, days],
            )
            .map(|_| ())
            .map_err(backend)
        })
    }

    fn purge_account(&self, account: Uuid) -> StoreResult<()> {
        self.in_tx(|tx| {
            let key = [account.as_bytes()];
            for sql in [
                "DELETE FROM sessions WHERE account = ?1",
                "DELETE FROM password_resets WHERE user IN (SELECT id FROM users WHERE account = ?1)",
                "DELETE FROM invitations WHERE account = ?1",
                "DELETE FROM users WHERE account = ?1",
                "DELETE FROM sync_docs WHERE account = ?1",
                "DELETE FROM sync_log WHERE account = ?1",
                "DELETE FROM sync_erased WHERE account = ?1",
                "DELETE FROM sync_actors WHERE account = ?1",
                "DELETE FROM sync_private WHERE account = ?1",
                "DELETE FROM sync_readers WHERE account = ?1",
                "DELETE FROM sync_parents WHERE account = ?1",
                "DELETE FROM audit WHERE account = ?1",
                // Orders and invoices stay: the seller must keep its accounting records.
                "UPDATE accounts SET status = 'deleted', log_cursor = 0 WHERE id = ?1",
            ] {
                tx.execute(sql, key).map_err(backend)?;
            }
            for sql in super::files::PURGE {
                tx.execute(sql, key).map_err(backend)?;
            }
            tx.execute(super::automation::PURGE, key)
                .map_err(backend)?;
            Ok(())
        })?;
        // Move the overwritten pages out of the write-ahead log into the file, and empty it.
        self.with(|c| {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(backend)
        })
    }

    fn invoices(&self, account: Uuid) -> StoreResult<Vec<Invoice>> {
        self.with(|c| {
            let mut stmt = c
                .prepare(&format!(
                    "SELECT {INVOICE_COLUMNS} FROM invoices WHERE account = ?1 ORDER BY issued_at DESC, number DESC"
                ))
                .map_err(backend)?;
            let rows = stmt.query_map([account.as_bytes()], invoice_row).map_err(backend)?;
            rows.collect::<rusqlite::Result<_>>().map_err(backend)
        })
    }

    fn invoice(&self, account: Uuid, id: Uuid) -> StoreResult<Invoice> {
        self.with(|c| {
            c.query_row(
                &format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = ?1 AND account = ?2"),
                [id.as_bytes(), account.as_bytes()],
                invoice_row,
            )
            .optional()
            .map_err(backend)?
            .ok_or(StoreError::NotFound)
        })
    }
}
