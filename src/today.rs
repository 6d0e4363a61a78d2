//! Today's date where pmlint runs, for due dates and `until` dates.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// Today in the local time zone. Without `TZ`, `/etc/localtime` is read
/// directly: finding its name, as `ZonedDateTime::now` does, walks the
/// whole zoneinfo folder, a tenth of a one-file run. With `TZ` set, or on
/// a system without the file, jiff finds the zone.
pub fn today() -> Date {
    local_zone()
        .map(|tz| Timestamp::now().to_zoned_datetime(tz).date())
        .unwrap_or_else(|| ZonedDateTime::now().date())
}

fn local_zone() -> Option<TimeZone> {
    if cfg!(not(unix)) || std::env::var_os("TZ").is_some() {
        return None;
    }
    let data = std::fs::read("/etc/localtime").ok()?;
    TimeZone::tzif("localtime", &data).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_what_jiff_says() {
        // The same date unless the test runs across midnight.
        let ours = super::today();
        let jiffs = jiff::ZonedDateTime::now().date();
        assert!(
            ours == jiffs || ours.tomorrow().ok() == Some(jiffs),
            "{ours} vs {jiffs}"
        );
    }
}
