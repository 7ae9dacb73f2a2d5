//! The restore command takes the moment as people say it: a Europe/Warsaw date and hour.

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Warsaw;

/// Parses `2026-11-20 14:00` (or with seconds, or `T` between) as Warsaw local time; returns
/// milliseconds since 1970. In the autumn hour that happens twice, the earlier one is meant;
/// an hour skipped in spring is an error.
pub fn parse(text: &str) -> Result<i64, String> {
    let text = text.trim().replace('T', " ");
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .ok_or_else(|| format!("`{text}` is not a date and hour like 2026-11-20 14:00"))?;
    Warsaw
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| format!("{text} does not exist in Warsaw (the clocks skip it)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warsaw_hours_in_winter_and_summer() {
        // CET is UTC+1 in November, CEST UTC+2 in July.
        assert_eq!(parse("2026-11-20 14:00"), Ok(1_795_179_600_000));
        assert_eq!(parse("2026-07-01T12:00:00"), Ok(1_782_900_000_000));
        assert!(parse("2026-03-29 02:30").is_err(), "skipped in spring");
        assert!(parse("20.11.2026 14:00").is_err());
    }
}
