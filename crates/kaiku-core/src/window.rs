//! When Kaikukortti tickets for an item can be booked (R-TIME-1) and redeemed
//! (R-TIME-2), in the program's civil time zone, Europe/Helsinki.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Helsinki;

/// The first instant of a calendar day in Helsinki.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight");
    // Helsinki never skips midnight, so the earliest mapping is the day's start.
    Helsinki
        .from_local_datetime(&midnight)
        .earliest()
        .expect("midnight exists in Helsinki")
        .with_timezone(&Utc)
}

/// The item's day in Helsinki.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Helsinki).date_naive()
}

/// R-TIME-1: booking opens at the start of the Helsinki day `days` before the
/// item's day (calendar days, so a daylight-saving change between does not
/// shift it by an hour).
pub fn booking_opens(starts_at: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    start_of_day(local_day(starts_at) - Duration::days(i64::from(days)))
}

/// R-TIME-2: redemption opens `minutes` before the start.
pub fn redemption_opens(starts_at: DateTime<Utc>, minutes: u32) -> DateTime<Utc> {
    starts_at - Duration::minutes(i64::from(minutes))
}

/// A local Helsinki date and time as an instant; `None` for a time the clock
/// skips in spring. An hour that occurs twice in autumn means the first one.
pub fn from_local(day: NaiveDate, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    let t = day.and_hms_opt(hour, minute, 0)?;
    Helsinki
        .from_local_datetime(&t)
        .earliest()
        .map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn r_time_1_booking_window_across_spring_change() {
        // 2027 changes to summer time on Sunday 28 March. An evening show on
        // 2 April (UTC+3) opens for booking 30 days before, on 3 March at
        // 00:00 winter time (UTC+2): 2 March 22:00 UTC, not 21:00.
        let show = from_local(d(2027, 4, 2), 19, 0).unwrap();
        assert_eq!(show, utc("2027-04-02T16:00:00Z"));
        assert_eq!(booking_opens(show, 30), utc("2027-03-02T22:00:00Z"));
    }

    #[test]
    fn r_time_1_booking_window_across_autumn_change() {
        // Back to winter time on Sunday 31 October 2027.
        let show = from_local(d(2027, 11, 5), 19, 0).unwrap();
        assert_eq!(show, utc("2027-11-05T17:00:00Z"));
        assert_eq!(
            booking_opens(show, 30),
            utc("2027-10-05T21:00:00Z"),
            "6 October 00:00 summer time"
        );
        assert_eq!(booking_opens(show, 0), utc("2027-11-04T22:00:00Z"));
    }

    #[test]
    fn r_time_2_redemption_window_on_the_night_of_the_change() {
        // A show at 03:30 on 31 October 2027 (the first 03:30, summer time);
        // thirty minutes before is 03:00 summer time, an instant apart.
        let show = from_local(d(2027, 10, 31), 3, 30).unwrap();
        assert_eq!(show, utc("2027-10-31T00:30:00Z"));
        assert_eq!(redemption_opens(show, 30), utc("2027-10-31T00:00:00Z"));
        // 03:30 on 28 March 2027 does not exist in Helsinki.
        assert_eq!(from_local(d(2027, 3, 28), 3, 30), None);
        assert_eq!(start_of_day(d(2027, 3, 28)), utc("2027-03-27T22:00:00Z"));
    }
}
