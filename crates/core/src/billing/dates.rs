//! The calendar of invoices and terms: Europe/Warsaw dates. Adding months keeps the day of
//! the month and clamps it to the month's end (31 January + 1 month = 28 or 29 February).

use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Europe::Warsaw;

/// The Europe/Warsaw calendar date of an instant (milliseconds since the Unix epoch).
///
/// ```
/// use chrono::NaiveDate;
/// use localspace_core::billing::warsaw_date;
/// // 2026-03-31 22:30 UTC is already 1 April in Warsaw (CEST, UTC+2).
/// assert_eq!(warsaw_date(1_774_996_200_000), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
/// ```
pub fn warsaw_date(ms: i64) -> NaiveDate {
    let utc = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    utc.with_timezone(&Warsaw).date_naive()
}

/// The instant a Europe/Warsaw calendar day starts, in milliseconds since the Unix epoch.
/// Midnight always exists in Warsaw (clocks change at 02:00 and 03:00).
pub fn warsaw_midnight_ms(date: NaiveDate) -> i64 {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    Warsaw
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp_millis())
        .unwrap_or_else(|| midnight.and_utc().timestamp_millis())
}

/// `date` plus `months` calendar months, the day clamped to the last day of the month.
///
/// ```
/// use chrono::NaiveDate;
/// use localspace_core::billing::add_months;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
/// assert_eq!(add_months(d(2028, 1, 31), 1), d(2028, 2, 29));
/// ```
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The last paid day after a renewal of `months`. The term runs on from the later of today
/// and the current last paid day, so a renewal before expiry loses no paid day and one after
/// expiry does not pay for the gap. Both days are inclusive Europe/Warsaw dates.
///
/// ```
/// use chrono::NaiveDate;
/// use localspace_core::billing::renewed_until;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Paid through 15 March, renewed on 1 March for a month: through 15 April.
/// assert_eq!(renewed_until(d(2026, 3, 1), Some(d(2026, 3, 15)), 1), d(2026, 4, 15));
/// // Expired in January, renewed on 1 March: through 1 April.
/// assert_eq!(renewed_until(d(2026, 3, 1), Some(d(2026, 1, 10)), 1), d(2026, 4, 1));
/// ```
pub fn renewed_until(today: NaiveDate, paid_until: Option<NaiveDate>, months: u32) -> NaiveDate {
    let from = paid_until.map_or(today, |p| p.max(today));
    add_months(from, months)
}

/// The first instant after the last paid day: when access ends unless renewed.
pub fn paid_through_end_ms(paid_until: NaiveDate) -> i64 {
    warsaw_midnight_ms(
        paid_until
            .checked_add_days(Days::new(1))
            .unwrap_or(paid_until),
    )
}

/// `YYYY/MM` of a date, the period in an invoice number.
pub fn number_period(date: NaiveDate) -> String {
    format!("{:04}/{:02}", date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[rstest]
    #[case::jan_31_common_year(d(2026, 1, 31), 1, d(2026, 2, 28))]
    #[case::jan_31_leap_year(d(2028, 1, 31), 1, d(2028, 2, 29))]
    #[case::mar_31_to_apr(d(2026, 3, 31), 1, d(2026, 4, 30))]
    #[case::aug_31_six_months(d(2026, 8, 31), 6, d(2027, 2, 28))]
    #[case::mid_month(d(2026, 3, 15), 12, d(2027, 3, 15))]
    #[case::leap_day_a_year_on(d(2028, 2, 29), 12, d(2029, 2, 28))]
    #[case::leap_day_four_years_on(d(2028, 2, 29), 36, d(2031, 2, 28))]
    #[case::across_years(d(2026, 11, 30), 3, d(2027, 2, 28))]
    fn months_clamp_to_the_month_end(
        #[case] from: NaiveDate,
        #[case] months: u32,
        #[case] to: NaiveDate,
    ) {
        assert_eq!(add_months(from, months), to);
    }

    #[rstest]
    // Winter: CET, UTC+1. 2026-01-31 23:30 UTC is 1 February in Warsaw.
    #[case::winter_after_midnight(1_769_902_200_000, d(2026, 2, 1))]
    // 2026-01-31 22:30 UTC is still 31 January 23:30 in Warsaw.
    #[case::winter_before_midnight(1_769_898_600_000, d(2026, 1, 31))]
    // Summer: CEST, UTC+2. 2026-06-30 22:30 UTC is 1 July in Warsaw.
    #[case::summer_after_midnight(1_782_858_600_000, d(2026, 7, 1))]
    fn dates_are_warsaw_dates(#[case] ms: i64, #[case] date: NaiveDate) {
        assert_eq!(warsaw_date(ms), date);
    }

    #[test]
    fn midnight_follows_daylight_saving() {
        // CET: midnight is 23:00 UTC the day before; CEST: 22:00.
        assert_eq!(warsaw_midnight_ms(d(2026, 1, 15)), 1_768_431_600_000);
        assert_eq!(warsaw_midnight_ms(d(2026, 7, 15)), 1_784_066_400_000);
        // The day the clocks go forward (29 March 2026) starts at 23:00 UTC on the 28th.
        assert_eq!(warsaw_midnight_ms(d(2026, 3, 29)), 1_774_738_800_000);
        assert_eq!(
            warsaw_date(warsaw_midnight_ms(d(2026, 3, 29))),
            d(2026, 3, 29)
        );
        assert_eq!(
            paid_through_end_ms(d(2026, 3, 28)),
            warsaw_midnight_ms(d(2026, 3, 29))
        );
    }

    #[test]
    fn renewal_runs_on_from_the_later_day() {
        let today = d(2026, 3, 2);
        assert_eq!(renewed_until(today, None, 12), d(2027, 3, 2));
        assert_eq!(
            renewed_until(today, Some(d(2026, 5, 31)), 1),
            d(2026, 6, 30)
        );
        assert_eq!(
            renewed_until(today, Some(d(2025, 12, 31)), 1),
            d(2026, 4, 2)
        );
    }

    #[test]
    fn number_periods() {
        assert_eq!(number_period(d(2026, 3, 2)), "2026/03");
    }
}
