//! A change of plan, seats or storage while a paid term runs. Raising any of them (an
//! upgrade) takes effect at once and is charged for the rest of the term: the price
//! difference prorated by the Europe/Warsaw days left of the term, with the term's
//! discount. Lowering them (a downgrade) costs nothing now and takes effect when the paid
//! term ends. A change that raises one thing and lowers another is refused: the two take
//! effect at different times, so the admin does them one after the other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::quote::{line, pln};
use super::words::{amount_en, amount_pl, plural_en, plural_pl};
use super::{
    BillingError, LineKind, MAX_PACKS, MAX_SEATS, Plan, Quote, QuoteLine, ROUNDING_EN, ROUNDING_PL,
    STORAGE_PACK_GB, STORAGE_PACK_MONTHLY, Term, VAT_PERCENT, quota_gb,
};

/// What an account holds (or asks to hold): plan, seats and extra storage packs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holding {
    pub plan: Plan,
    pub seats: u32,
    pub packs: u32,
}

impl Holding {
    /// A holding, checked against the catalogue's limits.
    pub fn new(plan: Plan, seats: u32, packs: u32) -> Result<Holding, BillingError> {
        if !(1..=MAX_SEATS).contains(&seats) {
            return Err(BillingError::BadSeats(seats));
        }
        if packs > MAX_PACKS {
            return Err(BillingError::BadPacks(packs));
        }
        Ok(Holding { plan, seats, packs })
    }
}

/// The paid term a change is priced against: the last renewal's first and last day
/// (Europe/Warsaw, inclusive) and its length, which sets the discount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaidTerm {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub term: Term,
}

impl PaidTerm {
    /// Days in the term, both ends counted (at least 1).
    pub fn days(&self) -> u32 {
        day_count(self.first_day, self.last_day).max(1)
    }

    /// Days left from `today` through the last day, both counted; 0 once the term is over.
    /// Before the term starts (a renewal bought ahead while an earlier term runs) this is
    /// more than the term's days: the whole paid span is priced at this term's rate.
    pub fn days_left(&self, today: NaiveDate) -> u32 {
        day_count(today, self.last_day)
    }
}

/// `from`..=`to` in days, 0 when `to` is before `from`.
fn day_count(from: NaiveDate, to: NaiveDate) -> u32 {
    let days = (to - from).num_days() + 1;
    u32::try_from(days.max(0)).unwrap_or(u32::MAX)
}

/// Whether a change takes effect now (and is charged) or at the end of the paid term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A higher plan, more seats or more storage: at once, charged prorated.
    Upgrade,
    /// A lower plan, fewer seats or less storage: from the day after the paid term.
    Downgrade,
}

/// Tells an upgrade from a downgrade. `NoChange` when nothing differs, `MixedChange` when
/// something goes up and something else down.
///
/// ```
/// use localspace_core::billing::{ChangeKind, Holding, Plan, classify};
/// let crm = Holding::new(Plan::Crm, 5, 0).unwrap();
/// let auto = Holding::new(Plan::CrmAutomation, 5, 0).unwrap();
/// assert_eq!(classify(crm, auto), Ok(ChangeKind::Upgrade));
/// assert_eq!(classify(auto, crm), Ok(ChangeKind::Downgrade));
/// ```
pub fn classify(from: Holding, to: Holding) -> Result<ChangeKind, BillingError> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let parts = [
        to.plan.cmp(&from.plan),
        to.seats.cmp(&from.seats),
        to.packs.cmp(&from.packs),
    ];
    let up = parts.contains(&Greater);
    let down = parts.contains(&Less);
    match (up, down) {
        (true, true) => Err(BillingError::MixedChange),
        (true, false) => Ok(ChangeKind::Upgrade),
        (false, true) => Ok(ChangeKind::Downgrade),
        (false, false) => {
            debug_assert!(parts.iter().all(|p| *p == Equal));
            Err(BillingError::NoChange)
        }
    }
}

/// The facts a change quote is priced from, carried in the quote and on the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ChangeFacts {
    pub kind: ChangeKind,
    pub from_plan: Plan,
    pub from_seats: u32,
    pub from_packs: u32,
    /// The paid term priced against, Europe/Warsaw `YYYY-MM-DD`, inclusive.
    pub term_first_day: String,
    pub term_last_day: String,
    /// The day the change takes effect: today for an upgrade, the day after the paid term
    /// for a downgrade.
    pub effective: String,
    /// Days from the effective day through the term's last day (an upgrade), and the
    /// term's days.
    pub days_left: u32,
    pub days_in_term: u32,
}

/// `full × left / days`, rounded half up to the grosz (`full` and the days are not negative).
fn prorate(full: i64, left: u32, days: u32) -> i64 {
    let scaled = i128::from(full) * i128::from(left) * 2 + i128::from(days);
    let rounded = scaled / (i128::from(days) * 2);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// Prices an upgrade from `from` to `to` on `today` for the rest of `term`. Lines, each
/// rounded on its own:
/// - the plan's monthly price difference × the seats held × the term's months × days
///   left / days in the term (when the plan changes);
/// - added seats × the new plan's monthly price × months × days left / days (when seats
///   are added);
/// - the term's discount on those two, as its own negative line;
/// - added storage packs × 20,00 zł × months × days left / days, undiscounted.
///
/// With the whole term left this is exactly what the term would have cost more; with no
/// day left it is 0.
///
/// ```
/// use chrono::NaiveDate;
/// use localspace_core::billing::{Holding, PaidTerm, Plan, Term, upgrade_quote};
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let term = PaidTerm { first_day: d(2026, 3, 1), last_day: d(2027, 3, 1), term: Term::new(12).unwrap() };
/// let from = Holding::new(Plan::Crm, 5, 0).unwrap();
/// let to = Holding::new(Plan::CrmAutomation, 5, 0).unwrap();
/// let q = upgrade_quote(from, to, term, d(2026, 3, 1)).unwrap();
/// // (99,00 − 59,00) × 5 × 12 = 2 400,00 zł, less 10%.
/// assert_eq!(q.net.minor, 240_000 - 24_000);
/// ```
pub fn upgrade_quote(
    from: Holding,
    to: Holding,
    term: PaidTerm,
    today: NaiveDate,
) -> Result<Quote, BillingError> {
    if classify(from, to)? != ChangeKind::Upgrade {
        return Err(BillingError::MixedChange);
    }
    let months = term.term.months();
    let days = term.days();
    let left = term.days_left(today);
    let (months_pl, months_en) = (
        plural_pl(u64::from(months), "miesiąc", "miesiące", "miesięcy"),
        plural_en(u64::from(months), "month", "months"),
    );
    let days_pl = plural_pl(u64::from(days), "dnia", "dni", "dni");
    let days_en = plural_en(u64::from(days), "day", "days");
    let share_pl = format!("{left} z {days} {days_pl} okresu");
    let share_en = format!("{left} of {days} {days_en} of the term");
    let mut lines: Vec<QuoteLine> = Vec::new();

    if to.plan != from.plan {
        let diff = to.plan.seat_monthly() - from.plan.seat_monthly();
        let seats = from.seats;
        let full = diff * i64::from(seats) * i64::from(months);
        let net = prorate(full, left, days);
        let seats_pl = plural_pl(u64::from(seats), "stanowisko", "stanowiska", "stanowisk");
        let seats_en = plural_en(u64::from(seats), "seat", "seats");
        lines.push(line(
            LineKind::Upgrade,
            (
                format!(
                    "Zmiana planu na {} – {seats} {seats_pl}, {share_pl}",
                    to.plan.name_pl()
                ),
                format!(
                    "Upgrade to {} – {seats} {seats_en}, {share_en}",
                    to.plan.name_en()
                ),
            ),
            u64::from(seats) * u64::from(months),
            diff,
            net,
            (
                format!(
                    "({} − {}) × {seats} {seats_pl} × {months} {months_pl} × {left}/{days}",
                    amount_pl(to.plan.seat_monthly()),
                    amount_pl(from.plan.seat_monthly())
                ),
                format!(
                    "({} − {}) × {seats} {seats_en} × {months} {months_en} × {left}/{days}",
                    amount_en(to.plan.seat_monthly()),
                    amount_en(from.plan.seat_monthly())
                ),
            ),
        ));
    }

    if to.seats > from.seats {
        let added = to.seats - from.seats;
        let price = to.plan.seat_monthly();
        let full = price * i64::from(added) * i64::from(months);
        let net = prorate(full, left, days);
        let seats_pl = plural_pl(u64::from(added), "stanowisko", "stanowiska", "stanowisk");
        let seats_en = plural_en(u64::from(added), "seat", "seats");
        lines.push(line(
            LineKind::Seats,
            (
                format!(
                    "{} – dodatkowe {added} {seats_pl}, {share_pl}",
                    to.plan.name_pl()
                ),
                format!(
                    "{} – {added} more {seats_en}, {share_en}",
                    to.plan.name_en()
                ),
            ),
            u64::from(added) * u64::from(months),
            price,
            net,
            (
                format!(
                    "{} × {added} {seats_pl} × {months} {months_pl} × {left}/{days}",
                    amount_pl(price)
                ),
                format!(
                    "{} × {added} {seats_en} × {months} {months_en} × {left}/{days}",
                    amount_en(price)
                ),
            ),
        ));
    }

    let discount = term.term.discount_percent();
    let discounted: i64 = lines.iter().map(|l| l.net.minor).sum();
    if discount > 0 && !lines.is_empty() {
        let off = -pln(discounted).percent(u32::from(discount)).minor;
        lines.push(line(
            LineKind::Discount,
            (
                format!("Rabat {discount}% za okres {months} {months_pl}"),
                format!("Discount {discount}% for a {months}-month term"),
            ),
            1,
            discounted,
            off,
            (
                format!("−{discount}% × {}", amount_pl(discounted)),
                format!("−{discount}% × {}", amount_en(discounted)),
            ),
        ));
    }

    if to.packs > from.packs {
        let added = to.packs - from.packs;
        let full = STORAGE_PACK_MONTHLY * i64::from(added) * i64::from(months);
        let net = prorate(full, left, days);
        let packs_pl = plural_pl(u64::from(added), "pakiet", "pakiety", "pakietów");
        let packs_en = plural_en(u64::from(added), "pack", "packs");
        lines.push(line(
            LineKind::Storage,
            (
                format!(
                    "Dodatkowe miejsce na pliki – {added} {packs_pl} po {STORAGE_PACK_GB} GB, {share_pl}"
                ),
                format!(
                    "Extra file storage – {added} more {packs_en} of {STORAGE_PACK_GB} GB, {share_en}"
                ),
            ),
            u64::from(added) * u64::from(months),
            STORAGE_PACK_MONTHLY,
            net,
            (
                format!(
                    "{} × {added} {packs_pl} × {months} {months_pl} × {left}/{days}",
                    amount_pl(STORAGE_PACK_MONTHLY)
                ),
                format!(
                    "{} × {added} {packs_en} × {months} {months_en} × {left}/{days}",
                    amount_en(STORAGE_PACK_MONTHLY)
                ),
            ),
        ));
    }

    let sum = |f: fn(&QuoteLine) -> i64| pln(lines.iter().map(f).sum());
    Ok(Quote {
        plan: to.plan,
        seats: to.seats,
        months,
        packs: to.packs,
        discount_percent: discount,
        vat_percent: VAT_PERCENT,
        quota_gb: quota_gb(to.plan, to.seats, to.packs),
        net: sum(|l| l.net.minor),
        vat: sum(|l| l.vat.minor),
        gross: sum(|l| l.gross.minor),
        lines,
        rounding_pl: ROUNDING_PL.to_owned(),
        rounding_en: ROUNDING_EN.to_owned(),
        change: Some(ChangeFacts {
            kind: ChangeKind::Upgrade,
            from_plan: from.plan,
            from_seats: from.seats,
            from_packs: from.packs,
            term_first_day: term.first_day.to_string(),
            term_last_day: term.last_day.to_string(),
            effective: today.to_string(),
            days_left: left,
            days_in_term: days,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::add_months;
    use chrono::Days;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn term(first: NaiveDate, months: u32) -> PaidTerm {
        PaidTerm {
            first_day: first,
            last_day: add_months(first, months),
            term: Term::new(months).unwrap(),
        }
    }

    fn no_floats(value: &serde_json::Value) -> bool {
        match value {
            serde_json::Value::Number(n) => n.is_i64() || n.is_u64(),
            serde_json::Value::Array(items) => items.iter().all(no_floats),
            serde_json::Value::Object(map) => map.values().all(no_floats),
            _ => true,
        }
    }

    #[test]
    fn changes_are_told_apart() {
        let h = |plan, seats, packs| Holding::new(plan, seats, packs).unwrap();
        let crm = h(Plan::Crm, 5, 1);
        assert_eq!(classify(crm, h(Plan::Crm, 6, 1)), Ok(ChangeKind::Upgrade));
        assert_eq!(classify(crm, h(Plan::Crm, 5, 2)), Ok(ChangeKind::Upgrade));
        assert_eq!(classify(crm, h(Plan::Crm, 4, 1)), Ok(ChangeKind::Downgrade));
        assert_eq!(classify(crm, crm), Err(BillingError::NoChange));
        assert_eq!(
            classify(crm, h(Plan::CrmAutomation, 4, 1)),
            Err(BillingError::MixedChange)
        );
        assert_eq!(
            upgrade_quote(
                crm,
                h(Plan::Crm, 4, 1),
                term(d(2026, 3, 1), 12),
                d(2026, 4, 1)
            ),
            Err(BillingError::MixedChange)
        );
    }

    #[test]
    fn a_crm_year_upgraded_half_way() {
        // Term 2026-03-01..2027-03-01: 366 days. On 2026-09-01, 182 days are left.
        let t = term(d(2026, 3, 1), 12);
        assert_eq!(t.days(), 366);
        let from = Holding::new(Plan::Crm, 5, 0).unwrap();
        let to = Holding::new(Plan::CrmAutomation, 7, 1).unwrap();
        let q = upgrade_quote(from, to, t, d(2026, 9, 1)).unwrap();
        let kinds: Vec<_> = q.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Upgrade,
                LineKind::Seats,
                LineKind::Discount,
                LineKind::Storage
            ]
        );
        // 4 000 × 5 × 12 × 182/366 = 119 344,26… → 119 344.
        assert_eq!(q.lines[0].net.minor, 119_344);
        // 9 900 × 2 × 12 × 182/366 = 118 150,81… → 118 151.
        assert_eq!(q.lines[1].net.minor, 118_151);
        // 10% of 237 495 = 23 749,5 → 23 750 off.
        assert_eq!(q.lines[2].net.minor, -23_750);
        // 2 000 × 1 × 12 × 182/366 = 11 934,43… → 11 934.
        assert_eq!(q.lines[3].net.minor, 11_934);
        assert_eq!(
            q.lines[0].arithmetic_pl,
            "(99,00\u{a0}zł − 59,00\u{a0}zł) × 5 stanowisk × 12 miesięcy × 182/366 = \
             1\u{a0}193,44\u{a0}zł netto; VAT 23%: 274,49\u{a0}zł; brutto: 1\u{a0}467,93\u{a0}zł"
        );
        assert_eq!(
            q.lines[1].name_en,
            "Localspace CRM and sales automation – 2 more seats, 182 of 366 days of the term"
        );
        let facts = q.change.unwrap();
        assert_eq!((facts.days_left, facts.days_in_term), (182, 366));
        assert_eq!(facts.effective, "2026-09-01");
        assert_eq!(q.quota_gb, 7 * 8 + 10);
    }

    proptest! {
        #[test]
        fn totals_are_sums_of_rounded_lines_and_hold_no_floats(
            seats in 1u32..=2_000, more in 0u32..=500, packs in 0u32..=100, more_packs in 0u32..=100,
            months in 1u32..=36, day in 0u64..=1_200, upgrade in any::<bool>(),
        ) {
            prop_assume!(upgrade || more > 0 || more_packs > 0);
            let from = Holding::new(Plan::Crm, seats, packs).unwrap();
            let to_plan = if upgrade { Plan::CrmAutomation } else { Plan::Crm };
            let to = Holding::new(to_plan, seats + more, packs + more_packs).unwrap();
            let t = term(d(2026, 1, 31), months);
            let today = t.first_day + Days::new(day);
            let q = upgrade_quote(from, to, t, today).unwrap();
            let net: i64 = q.lines.iter().map(|l| l.net.minor).sum();
            let vat: i64 = q.lines.iter().map(|l| l.vat.minor).sum();
            let gross: i64 = q.lines.iter().map(|l| l.gross.minor).sum();
            prop_assert_eq!((q.net.minor, q.vat.minor, q.gross.minor), (net, vat, gross));
            for l in &q.lines {
                prop_assert_eq!(l.gross.minor, l.net.minor + l.vat.minor);
            }
            prop_assert!(q.net.minor >= 0);
            let json = serde_json::to_value(&q).unwrap();
            prop_assert!(no_floats(&json), "{}", json);
            let back: Quote = serde_json::from_value(json).unwrap();
            prop_assert_eq!(back, q);
        }

        #[test]
        fn the_whole_term_left_costs_the_discounted_difference(
            seats in 1u32..=MAX_SEATS, months in 1u32..=36, start in 0u64..=3_000,
        ) {
            let first = d(2026, 1, 1) + Days::new(start);
            let t = term(first, months);
            let from = Holding::new(Plan::Crm, seats, 0).unwrap();
            let to = Holding::new(Plan::CrmAutomation, seats, 0).unwrap();
            let q = upgrade_quote(from, to, t, first).unwrap();
            let full = (Plan::CrmAutomation.seat_monthly() - Plan::Crm.seat_monthly())
                * i64::from(seats) * i64::from(months);
            let off = pln(full).percent(u32::from(t.term.discount_percent())).minor;
            prop_assert_eq!(q.lines[0].net.minor, full);
            prop_assert_eq!(q.net.minor, full - off);
        }

        #[test]
        fn no_day_left_costs_nothing(
            seats in 1u32..=MAX_SEATS, more in 1u32..=100, months in 1u32..=36, after in 1u64..=400,
        ) {
            let t = term(d(2026, 5, 31), months);
            let from = Holding::new(Plan::Crm, seats.min(MAX_SEATS - 100), 0).unwrap();
            let to = Holding::new(Plan::CrmAutomation, from.seats + more, 3).unwrap();
            let q = upgrade_quote(from, to, t, t.last_day + Days::new(after)).unwrap();
            prop_assert_eq!(q.change.as_ref().unwrap().days_left, 0);
            prop_assert!(q.lines.iter().all(|l| l.net.minor == 0 && l.gross.minor == 0));
            prop_assert_eq!(q.gross.minor, 0);
        }

        #[test]
        fn fewer_days_left_never_cost_more(
            seats in 1u32..=500, months in 1u32..=36, day in 0u64..1_100,
        ) {
            let t = term(d(2026, 2, 28), months);
            let from = Holding::new(Plan::Crm, seats, 0).unwrap();
            let to = Holding::new(Plan::CrmAutomation, seats + 1, 1).unwrap();
            let price = |day: u64| upgrade_quote(from, to, t, t.first_day + Days::new(day)).unwrap().net.minor;
            prop_assert!(price(day + 1) <= price(day));
        }
    }
}
