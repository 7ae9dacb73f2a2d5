//! The price of a renewal before payment: one line per thing bought, each rounded on its own
//! and shown with its arithmetic, so the admin sees how the total comes about and the invoice
//! later carries exactly these lines.

use serde::{Deserialize, Serialize};

use super::words::{amount_en, amount_pl, plural_en, plural_pl};
use super::{BillingError, Plan, STORAGE_PACK_GB, STORAGE_PACK_MONTHLY, Term, VAT_PERCENT};
use super::{quota_gb, vat_of};
use crate::money::{Currency, Money};

/// Most seats one order may buy.
pub const MAX_SEATS: u32 = 10_000;
/// Most extra storage packs one order may buy.
pub const MAX_PACKS: u32 = 1_000;

/// The rounding rule, as the quote and the invoice state it.
pub const ROUNDING_PL: &str = "Kwoty liczone w groszach i zaokrąglane w każdej pozycji osobno, \
     połówki grosza w górę; VAT 23% liczony od kwoty netto każdej pozycji; sumy to sumy \
     zaokrąglonych pozycji.";
/// The rounding rule in English.
pub const ROUNDING_EN: &str = "Amounts are computed in grosze and rounded per line, half a \
     grosz up; VAT 23% is computed on each line's net amount; totals are sums of the rounded \
     lines.";

/// What the admin asks to buy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Order {
    pub plan: Plan,
    pub seats: u32,
    pub term: Term,
    /// Extra storage packs of 10 GB.
    pub packs: u32,
}

impl Order {
    /// An order, checked against the catalogue's limits.
    pub fn new(plan: Plan, seats: u32, months: u32, packs: u32) -> Result<Order, BillingError> {
        if !(1..=MAX_SEATS).contains(&seats) {
            return Err(BillingError::BadSeats(seats));
        }
        if packs > MAX_PACKS {
            return Err(BillingError::BadPacks(packs));
        }
        Ok(Order {
            plan,
            seats,
            term: Term::new(months)?,
            packs,
        })
    }
}

/// What a line of a quote is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// The plan: seats × months.
    Plan,
    /// The term discount on the plan line (negative).
    Discount,
    /// Extra storage packs × months.
    Storage,
    /// A mid-term upgrade: the plan's price difference for the seats held, prorated.
    Upgrade,
    /// Seats added mid-term at the plan's price, prorated.
    Seats,
}

/// One line of a quote or invoice. `net` is rounded to the grosz; `vat` is computed on it and
/// rounded; `gross = net + vat`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct QuoteLine {
    pub kind: LineKind,
    /// What the line is, e.g. `Localspace CRM – 5 stanowisk × 12 miesięcy`.
    pub name_pl: String,
    pub name_en: String,
    /// Units priced: seat-months, pack-months, or 1 for the discount.
    pub quantity: u64,
    /// Net price of one unit (for the discount: the amount it is taken from).
    pub unit_net: Money,
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
    /// How the line's amounts come about, e.g. `59,00 zł × 5 × 12 = 3 540,00 zł netto; …`.
    pub arithmetic_pl: String,
    pub arithmetic_en: String,
}

/// A priced order: its lines and their sums.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Quote {
    pub plan: Plan,
    pub seats: u32,
    pub months: u32,
    pub packs: u32,
    pub discount_percent: u8,
    pub vat_percent: u32,
    /// The pooled file quota the order buys, in GB.
    pub quota_gb: u64,
    pub lines: Vec<QuoteLine>,
    /// Sums of the lines' rounded amounts.
    pub net: Money,
    pub vat: Money,
    pub gross: Money,
    /// The rounding rule.
    pub rounding_pl: String,
    pub rounding_en: String,
    /// Set when the quote prices a change during a paid term rather than a new term.
    #[serde(default)]
    pub change: Option<super::ChangeFacts>,
}

pub(super) fn pln(grosze: i64) -> Money {
    Money::new(grosze, Currency::PLN)
}

/// A line from its net amount: VAT on that amount, gross as their sum, and the arithmetic.
pub(super) fn line(
    kind: LineKind,
    names: (String, String),
    quantity: u64,
    unit_net: i64,
    net: i64,
    how: (String, String),
) -> QuoteLine {
    let vat = vat_of(net);
    let gross = net + vat;
    let arithmetic_pl = format!(
        "{} = {} netto; VAT {VAT_PERCENT}%: {}; brutto: {}",
        how.0,
        amount_pl(net),
        amount_pl(vat),
        amount_pl(gross)
    );
    let arithmetic_en = format!(
        "{} = {} net; VAT {VAT_PERCENT}%: {}; gross: {}",
        how.1,
        amount_en(net),
        amount_en(vat),
        amount_en(gross)
    );
    QuoteLine {
        kind,
        name_pl: names.0,
        name_en: names.1,
        quantity,
        unit_net: pln(unit_net),
        net: pln(net),
        vat: pln(vat),
        gross: pln(gross),
        arithmetic_pl,
        arithmetic_en,
    }
}

/// Prices an order: the plan line (price × seats × months), the term discount on the plan
/// line as a line of its own (when there is one), and the extra storage line (when packs
/// are bought; storage is not discounted). Every line is rounded half-up to the grosz on its
/// own and the totals are sums of the rounded lines.
///
/// ```
/// use localspace_core::billing::{Order, Plan, quote};
/// let q = quote(&Order::new(Plan::Crm, 5, 12, 0).unwrap());
/// assert_eq!(q.lines[0].net.minor, 354_000); // 59,00 × 5 × 12
/// assert_eq!(q.lines[1].net.minor, -35_400); // 10% for 12 months
/// assert_eq!((q.net.minor, q.vat.minor, q.gross.minor), (318_600, 73_278, 391_878));
/// ```
pub fn quote(order: &Order) -> Quote {
    let Order {
        plan,
        seats,
        term,
        packs,
    } = *order;
    let months = term.months();
    let (months_pl, months_en) = (
        plural_pl(u64::from(months), "miesiąc", "miesiące", "miesięcy"),
        plural_en(u64::from(months), "month", "months"),
    );
    let mut lines = Vec::new();

    // Limits keep every product far inside i64: 9,900 × 10,000 × 36 < 2^32.
    let seat_months = u64::from(seats) * u64::from(months);
    let price = plan.seat_monthly();
    let plan_net = price * i64::from(seats) * i64::from(months);
    let seats_pl = plural_pl(u64::from(seats), "stanowisko", "stanowiska", "stanowisk");
    let seats_en = plural_en(u64::from(seats), "seat", "seats");
    lines.push(line(
        LineKind::Plan,
        (
            format!(
                "{} – {seats} {seats_pl} × {months} {months_pl}",
                plan.name_pl()
            ),
            format!(
                "{} – {seats} {seats_en} × {months} {months_en}",
                plan.name_en()
            ),
        ),
        seat_months,
        price,
        plan_net,
        (
            format!(
                "{} × {seats} {seats_pl} × {months} {months_pl}",
                amount_pl(price)
            ),
            format!(
                "{} × {seats} {seats_en} × {months} {months_en}",
                amount_en(price)
            ),
        ),
    ));

    let discount = term.discount_percent();
    if discount > 0 {
        let off = -pln(plan_net).percent(u32::from(discount)).minor;
        lines.push(line(
            LineKind::Discount,
            (
                format!("Rabat {discount}% za okres {months} {months_pl}"),
                format!("Discount {discount}% for a {months}-month term"),
            ),
            1,
            plan_net,
            off,
            (
                format!("−{discount}% × {}", amount_pl(plan_net)),
                format!("−{discount}% × {}", amount_en(plan_net)),
            ),
        ));
    }

    if packs > 0 {
        let pack_months = u64::from(packs) * u64::from(months);
        let storage_net = STORAGE_PACK_MONTHLY * i64::from(packs) * i64::from(months);
        let packs_pl = plural_pl(u64::from(packs), "pakiet", "pakiety", "pakietów");
        let packs_en = plural_en(u64::from(packs), "pack", "packs");
        lines.push(line(
            LineKind::Storage,
            (
                format!(
                    "Dodatkowe miejsce na pliki – {packs} {packs_pl} po {STORAGE_PACK_GB} GB × {months} {months_pl}"
                ),
                format!(
                    "Extra file storage – {packs} {packs_en} of {STORAGE_PACK_GB} GB × {months} {months_en}"
                ),
            ),
            pack_months,
            STORAGE_PACK_MONTHLY,
            storage_net,
            (
                format!(
                    "{} × {packs} {packs_pl} × {months} {months_pl}",
                    amount_pl(STORAGE_PACK_MONTHLY)
                ),
                format!(
                    "{} × {packs} {packs_en} × {months} {months_en}",
                    amount_en(STORAGE_PACK_MONTHLY)
                ),
            ),
        ));
    }

    let sum = |f: fn(&QuoteLine) -> i64| pln(lines.iter().map(f).sum());
    Quote {
        plan,
        seats,
        months,
        packs,
        discount_percent: discount,
        vat_percent: VAT_PERCENT,
        quota_gb: quota_gb(plan, seats, packs),
        net: sum(|l| l.net.minor),
        vat: sum(|l| l.vat.minor),
        gross: sum(|l| l.gross.minor),
        lines,
        rounding_pl: ROUNDING_PL.to_owned(),
        rounding_en: ROUNDING_EN.to_owned(),
        change: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn plans() -> impl Strategy<Value = Plan> {
        prop_oneof![Just(Plan::Crm), Just(Plan::CrmAutomation)]
    }

    /// Every number in the JSON is an integer.
    fn no_floats(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::Number(n) => n.is_i64() || n.is_u64(),
            serde_json::Value::Array(items) => items.iter().all(no_floats),
            serde_json::Value::Object(map) => map.values().all(no_floats),
            _ => true,
        }
    }

    #[test]
    fn a_year_of_crm_for_five_seats() {
        let q = quote(&Order::new(Plan::Crm, 5, 12, 0).unwrap());
        assert_eq!(q.lines.len(), 2);
        assert_eq!(
            q.lines[0].arithmetic_pl,
            "59,00\u{a0}zł × 5 stanowisk × 12 miesięcy = 3\u{a0}540,00\u{a0}zł netto; \
             VAT 23%: 814,20\u{a0}zł; brutto: 4\u{a0}354,20\u{a0}zł"
        );
        assert_eq!(
            q.lines[1].arithmetic_en,
            "−10% × PLN 3,540.00 = -PLN 354.00 net; VAT 23%: -PLN 81.42; gross: -PLN 435.42"
        );
        assert_eq!(q.quota_gb, 15);
        assert_eq!(q.gross.minor, 391_878);
    }

    #[test]
    fn storage_is_its_own_undiscounted_line() {
        let q = quote(&Order::new(Plan::CrmAutomation, 3, 24, 2).unwrap());
        let kinds: Vec<_> = q.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [LineKind::Plan, LineKind::Discount, LineKind::Storage]
        );
        assert_eq!(q.lines[0].net.minor, 9_900 * 3 * 24);
        assert_eq!(q.lines[1].net.minor, -(9_900 * 3 * 24 * 15 / 100));
        assert_eq!(q.lines[2].net.minor, 2_000 * 2 * 24);
        assert_eq!(q.quota_gb, 3 * 8 + 20);
        assert!(
            q.lines[2]
                .name_pl
                .contains("2 pakiety po 10 GB × 24 miesiące")
        );
    }

    #[test]
    fn a_half_grosz_rounds_up() {
        // 59,00 × 1 × 7 = 413,00; 5% = 20,65 exactly; VAT on −20,65 = −4,7495 → −4,75.
        let q = quote(&Order::new(Plan::Crm, 1, 7, 0).unwrap());
        assert_eq!(q.lines[1].net.minor, -2_065);
        assert_eq!(q.lines[1].vat.minor, -475);
        // 99,00 × 1 × 7 × 5% = 34,65; VAT on 693,00 = 159,39.
        let q = quote(&Order::new(Plan::CrmAutomation, 1, 7, 0).unwrap());
        assert_eq!(q.lines[1].net.minor, -3_465);
        assert_eq!(q.lines[0].vat.minor, 15_939);
    }

    #[test]
    fn orders_outside_the_catalogue_are_refused() {
        assert_eq!(
            Order::new(Plan::Crm, 0, 12, 0),
            Err(BillingError::BadSeats(0))
        );
        assert_eq!(
            Order::new(Plan::Crm, 1, 0, 0),
            Err(BillingError::BadTerm(0))
        );
        assert_eq!(
            Order::new(Plan::Crm, 1, 37, 0),
            Err(BillingError::BadTerm(37))
        );
        assert_eq!(
            Order::new(Plan::Crm, 1, 1, 1_001),
            Err(BillingError::BadPacks(1_001))
        );
    }

    proptest! {
        #[test]
        fn totals_are_sums_of_rounded_lines(
            plan in plans(), seats in 1u32..=MAX_SEATS, months in 1u32..=36, packs in 0u32..=MAX_PACKS,
        ) {
            let q = quote(&Order::new(plan, seats, months, packs).unwrap());
            let net: i64 = q.lines.iter().map(|l| l.net.minor).sum();
            let vat: i64 = q.lines.iter().map(|l| l.vat.minor).sum();
            let gross: i64 = q.lines.iter().map(|l| l.gross.minor).sum();
            prop_assert_eq!((q.net.minor, q.vat.minor, q.gross.minor), (net, vat, gross));
            prop_assert_eq!(q.gross.minor, q.net.minor + q.vat.minor);
            for l in &q.lines {
                prop_assert_eq!(l.gross.minor, l.net.minor + l.vat.minor);
                prop_assert!((i128::from(l.vat.minor) * 100 - i128::from(l.net.minor) * 23).abs() <= 50);
                prop_assert_eq!(l.net.currency, Currency::PLN);
            }
            let plan_line = &q.lines[0];
            prop_assert_eq!(plan_line.net.minor, plan.seat_monthly() * i64::from(seats) * i64::from(months));
            let discount: i64 = q.lines.iter().filter(|l| l.kind == LineKind::Discount).map(|l| l.net.minor).sum();
            let exact = i128::from(plan_line.net.minor) * i128::from(q.discount_percent);
            prop_assert!((i128::from(-discount) * 100 - exact).abs() <= 50);
            prop_assert!(q.net.minor > 0);
        }

        #[test]
        fn quotes_hold_no_floats(
            plan in plans(), seats in 1u32..=MAX_SEATS, months in 1u32..=36, packs in 0u32..=MAX_PACKS,
        ) {
            let q = quote(&Order::new(plan, seats, months, packs).unwrap());
            let json = serde_json::to_value(&q).unwrap();
            prop_assert!(no_floats(&json), "{}", json);
            let back: Quote = serde_json::from_value(json).unwrap();
            prop_assert_eq!(back, q);
        }

        #[test]
        fn every_term_from_1_to_36_and_no_other(months in 0u32..=100) {
            let order = Order::new(Plan::Crm, 1, months, 0);
            prop_assert_eq!(order.is_ok(), (1..=36).contains(&months));
            if let Ok(order) = order {
                let q = quote(&order);
                prop_assert_eq!(q.months, months);
                prop_assert_eq!(q.lines[0].quantity, u64::from(months));
            }
        }

        #[test]
        fn a_longer_term_never_costs_more_per_month(plan in plans(), seats in 1u32..=500, months in 1u32..36) {
            let per_month = |m: u32| {
                let q = quote(&Order::new(plan, seats, m, 0).unwrap());
                i128::from(q.net.minor) * 36 / i128::from(m)
            };
            prop_assert!(per_month(months + 1) <= per_month(months) + 36);
        }
    }
}
