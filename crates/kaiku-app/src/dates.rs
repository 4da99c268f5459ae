//! Dates and times as people in Finland write them (`25.11.2027`,
//! `25.11.2027 19:00`), always in Helsinki time.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

pub const DATE: &str = "%-d.%-m.%Y";
pub const DATE_TIME: &str = "%-d.%-m.%Y %H:%M";

pub fn fi_date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

/// A stored instant (UTC) in Helsinki time.
pub fn local_time(t: NaiveDateTime) -> String {
    t.and_utc()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .format(DATE_TIME)
        .to_string()
}

/// When an item takes place: an event's date and time, a course's first day.
pub fn item_when(kind: kaiku_core::usage::ItemKind, at: DateTime<FixedOffset>) -> String {
    let course = kind == kaiku_core::usage::ItemKind::Course;
    at.format(if course { DATE } else { DATE_TIME }).to_string()
}
