//! How long a card is valid (R-CARD-4) and when a grant date may be used
//! (R-CARD-8).

use chrono::{Datelike, Months, NaiveDate};

/// Valid from the grant date through the same calendar day twelve months
/// later (29 Feb → 28 Feb), and never past the area's trial end.
pub fn valid_until(grant: NaiveDate, trial_ends: Option<NaiveDate>) -> NaiveDate {
    // chrono clamps to the month's last day, which is what the model wants.
    let twelve = grant
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    match trial_ends {
        Some(t) if t < twelve => t,
        _ => twelve,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GrantDateError {
    /// R-CARD-8: a paper form may be entered later, but never ahead.
    #[error("grant date in the future")]
    InFuture,
    /// The area's trial ended before this date: no card can be granted.
    #[error("trial ended")]
    TrialEnded { trial_ends: NaiveDate },
    #[error("too far in the past")]
    TooOld,
}

/// Checks a grant date against today (Europe/Helsinki) and the area's trial.
pub fn check_grant_date(
    grant: NaiveDate,
    today: NaiveDate,
    trial_ends: Option<NaiveDate>,
) -> Result<(), GrantDateError> {
    if grant > today {
        return Err(GrantDateError::InFuture);
    }
    if grant.year() < 2000 {
        return Err(GrantDateError::TooOld);
    }
    if let Some(t) = trial_ends
        && grant > t
    {
        return Err(GrantDateError::TrialEnded { trial_ends: t });
    }
    Ok(())
}

/// A card may be renewed once it has expired, or in the last month of its
/// validity (so that a client who comes in early keeps the card in use).
pub const RENEW_DAYS_BEFORE: i64 = 31;

pub fn renewable(valid_until: NaiveDate, today: NaiveDate) -> bool {
    (valid_until - today).num_days() <= RENEW_DAYS_BEFORE
}

/// The first day a card valid until `valid_until` may be renewed.
pub fn renewable_from(valid_until: NaiveDate) -> NaiveDate {
    valid_until - chrono::Duration::days(RENEW_DAYS_BEFORE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_card_4_same_day_next_year() {
        assert_eq!(valid_until(d(2026, 11, 25), None), d(2027, 11, 25));
        assert_eq!(valid_until(d(2026, 1, 31), None), d(2027, 1, 31));
    }

    #[test]
    fn r_card_4_leap_day_grant_ends_on_28_february() {
        assert_eq!(valid_until(d(2028, 2, 29), None), d(2029, 2, 28));
    }

    #[test]
    fn r_card_4_trial_end_caps_validity() {
        assert_eq!(
            valid_until(d(2026, 11, 25), Some(d(2027, 6, 30))),
            d(2027, 6, 30)
        );
        assert_eq!(
            valid_until(d(2026, 1, 1), Some(d(2030, 1, 1))),
            d(2027, 1, 1)
        );
    }

    #[test]
    fn r_card_8_grant_date_never_in_the_future() {
        let today = d(2026, 11, 25);
        assert_eq!(
            check_grant_date(d(2026, 11, 26), today, None),
            Err(GrantDateError::InFuture)
        );
        assert_eq!(check_grant_date(today, today, None), Ok(()));
        assert_eq!(
            check_grant_date(d(2024, 3, 1), today, None),
            Ok(()),
            "paper forms entered later"
        );
        assert_eq!(
            check_grant_date(d(2026, 7, 1), today, Some(d(2026, 6, 30))),
            Err(GrantDateError::TrialEnded {
                trial_ends: d(2026, 6, 30)
            })
        );
    }

    #[test]
    fn renewal_opens_a_month_before_expiry() {
        let until = d(2027, 11, 25);
        assert!(!renewable(until, d(2027, 10, 24)));
        assert!(renewable(until, d(2027, 10, 25)));
        assert!(renewable(until, d(2028, 1, 1)));
        assert_eq!(renewable_from(until), d(2027, 10, 25));
    }

    proptest! {
        #[test]
        fn r_card_4_validity_never_exceeds_twelve_months_nor_the_trial(
            days in 0i64..20_000, trial in proptest::option::of(0i64..20_000),
        ) {
            let grant = d(2000, 1, 1) + chrono::Duration::days(days);
            let trial = trial.map(|t| d(2000, 1, 1) + chrono::Duration::days(t));
            let until = valid_until(grant, trial);
            prop_assert!(until <= grant.checked_add_months(Months::new(12)).unwrap());
            prop_assert!(until >= grant || trial.is_some_and(|t| t < grant));
            if let Some(t) = trial {
                prop_assert!(until <= t);
            }
            // Twelve months is at least 365 days unless a trial cuts it short.
            if trial.is_none() {
                prop_assert!((until - grant).num_days() >= 365);
            }
        }
    }
}
