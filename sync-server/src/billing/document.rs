//! What an invoice says, frozen when it is issued: seller, buyer, lines, totals and dates.
//! The PDF and the listing are drawn from this snapshot, so a later change of the seller's
//! address or of prices never alters an issued invoice.

use chrono::NaiveDate;
use localspace_core::billing::QuoteLine;
use serde::{Deserialize, Serialize};

/// Who is on an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub address: String,
    pub nip: String,
}

/// A VAT invoice (`FV`) or a pro-forma (`PF`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvoiceKind {
    Vat,
    Proforma,
}

impl InvoiceKind {
    /// The prefix of the number.
    pub fn prefix(self) -> &'static str {
        match self {
            InvoiceKind::Vat => "FV",
            InvoiceKind::Proforma => "PF",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceKind::Vat => "vat",
            InvoiceKind::Proforma => "proforma",
        }
    }

    pub fn parse(s: &str) -> InvoiceKind {
        if s == "proforma" {
            InvoiceKind::Proforma
        } else {
            InvoiceKind::Vat
        }
    }
}

/// Where an invoice stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvoiceStatus {
    /// A VAT invoice: issued for money received.
    Paid,
    /// A pro-forma waiting for the transfer.
    AwaitingPayment,
    /// A pro-forma whose VAT invoice was issued.
    Settled,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Paid => "paid",
            InvoiceStatus::AwaitingPayment => "awaiting_payment",
            InvoiceStatus::Settled => "settled",
        }
    }

    pub fn parse(s: &str) -> InvoiceStatus {
        match s {
            "awaiting_payment" => InvoiceStatus::AwaitingPayment,
            "settled" => InvoiceStatus::Settled,
            _ => InvoiceStatus::Paid,
        }
    }
}

/// The frozen content of an invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDocument {
    pub seller: Party,
    pub buyer: Party,
    /// Where a pro-forma asks for the transfer.
    pub bank_account: String,
    pub lines: Vec<QuoteLine>,
    pub net: i64,
    pub vat: i64,
    pub gross: i64,
    pub rounding_pl: String,
    /// The paid term (first and last day), set when the VAT invoice is issued.
    pub term: Option<(NaiveDate, NaiveDate)>,
}

/// An issued invoice as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    pub id: uuid::Uuid,
    pub account: uuid::Uuid,
    pub order: uuid::Uuid,
    pub kind: InvoiceKind,
    /// `FV/2026/03/0001`.
    pub number: String,
    pub issued_at: i64,
    /// Europe/Warsaw.
    pub issue_date: NaiveDate,
    /// The date of sale: the day the money arrived (VAT) or the issue date (pro-forma).
    pub sale_date: NaiveDate,
    pub status: InvoiceStatus,
    pub document: InvoiceDocument,
}

impl Invoice {
    /// The file name of its PDF: `FV-2026-03-0001.pdf`.
    pub fn file_name(&self) -> String {
        format!("{}.pdf", self.number.replace('/', "-"))
    }
}
