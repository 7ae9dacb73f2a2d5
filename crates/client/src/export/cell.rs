//! One exported value, typed the way a spreadsheet stores it.

use chrono::NaiveDate;
use localspace_core::Money;

/// A cell of an exported list.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A whole number (probability, a number custom field).
    Int(i64),
    /// An amount: written as a number of major units with the currency in its format.
    Money(Money),
    /// A calendar date: written as an Excel date serial with a date format.
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// A text cell, or empty for `None` and blank text.
    pub fn text(value: Option<&str>) -> Cell {
        match value.map(str::trim) {
            Some(t) if !t.is_empty() => Cell::Text(t.to_owned()),
            _ => Cell::Empty,
        }
    }

    /// A date cell from `YYYY-MM-DD`, as projections store dates; other text stays text.
    pub fn date(value: Option<&str>) -> Cell {
        match value {
            Some(t) => match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::text(Some(t)),
            },
            None => Cell::Empty,
        }
    }
}

/// Days since 1899-12-30: the serial number spreadsheets store a date as.
pub(crate) fn excel_serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (date - epoch).num_days() as f64
}

/// The date an Excel serial number stands for (the time of day is dropped).
pub(crate) fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_match_spreadsheets() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        // 2026-11-25 is 46351 in Excel and LibreOffice.
        assert_eq!(excel_serial(d), 46_351.0);
        assert_eq!(date_from_serial(46_351.0), Some(d));
        assert_eq!(date_from_serial(46_351.75), Some(d));
        assert_eq!(date_from_serial(f64::NAN), None);
    }
}
