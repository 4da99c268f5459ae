//! Login throttling that cannot be turned against the rightful user.
//!
//! Failures count per (name, address) pair: five within 15 minutes lock that
//! pair only, so whoever guesses from elsewhere does not lock out the clerk
//! at the box office. A name failing from many addresses is slowed down (a
//! delay that grows with its failures, never a wall) and flagged for its
//! coordinator. An address failing for many names (twenty) is refused, but
//! only for the names that failed from it: an office behind one address,
//! where one person forgot a password, keeps working.

use chrono::{DateTime, Duration, Utc};

/// How far back failures count, and how long a lock lasts.
pub const WINDOW: Duration = Duration::minutes(15);
/// Failures of one name from one address that lock that pair.
pub const PER_PAIR: usize = 5;
/// Failures from one address, whatever the names, that lock the address
/// for the names that failed from it.
pub const PER_ADDRESS: usize = 20;
/// Failures of one name, from every address, from which its logins are
/// slowed down.
pub const SLOW_FROM: usize = 5;
/// The longest delay a login is made to wait.
pub const MAX_DELAY_SECONDS: i64 = 10;

/// What is known of recent failures when someone tries to log in.
#[derive(Clone, Debug, Default)]
pub struct Recent {
    /// Failures of this name from this address.
    pub pair: Vec<DateTime<Utc>>,
    /// Failures of this name from any address.
    pub name: Vec<DateTime<Utc>>,
    /// Failures from this address, for any name.
    pub address: Vec<DateTime<Utc>>,
}

/// The throttle's answer to a login attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Try again in this many whole minutes (at least 1).
    Locked { minutes: i64 },
    /// Go on after waiting this many seconds (0: at once).
    Go { delay_seconds: i64 },
}

fn within(times: &[DateTime<Utc>], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut v: Vec<_> = times
        .iter()
        .copied()
        .filter(|t| *t > now - WINDOW && *t <= now)
        .collect();
    v.sort_unstable();
    v
}

/// Whole minutes until fewer than `max` of `recent` (sorted) are in the
/// window, or `None` when there are fewer already.
fn wait(recent: &[DateTime<Utc>], max: usize, now: DateTime<Utc>) -> Option<i64> {
    if recent.len() < max {
        return None;
    }
    let unlock = recent[recent.len() - max] + WINDOW;
    let secs = (unlock - now).num_seconds().max(1);
    Some((secs + 59) / 60)
}

/// The verdict on a login attempt of a name from an address.
pub fn verdict(r: &Recent, now: DateTime<Utc>) -> Verdict {
    let pair = within(&r.pair, now);
    let by_address = within(&r.address, now);
    let locked = wait(&pair, PER_PAIR, now).or_else(|| {
        // The address's lock holds only for names that failed from it.
        (!pair.is_empty())
            .then(|| wait(&by_address, PER_ADDRESS, now))
            .flatten()
    });
    if let Some(minutes) = locked {
        return Verdict::Locked { minutes };
    }
    let failed = within(&r.name, now).len();
    let delay_seconds = if failed < SLOW_FROM {
        0
    } else {
        ((failed - SLOW_FROM + 1) as i64).min(MAX_DELAY_SECONDS)
    };
    Verdict::Go { delay_seconds }
}

/// Whether one more failure of a pair that had `before` recent failures
/// locks it now: the moment worth an audit entry.
pub fn locks_now(before: usize) -> bool {
    before + 1 == PER_PAIR
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }

    fn times(n: i64) -> Vec<DateTime<Utc>> {
        (0..n).map(t).collect()
    }

    #[test]
    fn r_sec_2_five_failures_lock_the_pair_until_they_age_out() {
        let fails = times(5);
        let r = |n: usize| Recent {
            pair: fails[..n].to_vec(),
            name: fails[..n].to_vec(),
            address: fails[..n].to_vec(),
        };
        assert_eq!(verdict(&r(4), t(5)), Verdict::Go { delay_seconds: 0 });
        assert_eq!(verdict(&r(5), t(5)), Verdict::Locked { minutes: 10 });
        assert_eq!(verdict(&r(5), t(14)), Verdict::Locked { minutes: 1 });
        assert_eq!(verdict(&r(5), t(15)), Verdict::Go { delay_seconds: 0 });
        assert_eq!(verdict(&r(5), t(20)), Verdict::Go { delay_seconds: 0 });
    }

    #[test]
    fn r_sec_2_a_name_failing_everywhere_is_slowed_never_walled() {
        // Fifty failures from fifty other addresses: from a clean address
        // the name waits, and gets in.
        let r = Recent {
            pair: vec![],
            name: (0..50).map(|i| t(0) + Duration::seconds(i)).collect(),
            address: vec![],
        };
        assert_eq!(
            verdict(&r, t(1)),
            Verdict::Go {
                delay_seconds: MAX_DELAY_SECONDS
            }
        );
        let few = Recent {
            name: times(6),
            ..Recent::default()
        };
        assert_eq!(verdict(&few, t(7)), Verdict::Go { delay_seconds: 2 });
    }

    #[test]
    fn r_sec_2_an_address_is_locked_only_for_names_that_failed_from_it() {
        let busy = times(14).into_iter().chain(times(14)).collect::<Vec<_>>();
        let clean = Recent {
            address: busy.clone(),
            ..Recent::default()
        };
        assert_eq!(verdict(&clean, t(14)), Verdict::Go { delay_seconds: 0 });
        let failed_here = Recent {
            pair: vec![t(3)],
            name: vec![t(3)],
            address: busy,
        };
        assert!(matches!(
            verdict(&failed_here, t(14)),
            Verdict::Locked { .. }
        ));
    }

    #[test]
    fn r_sec_2_old_failures_do_not_count() {
        let old: Vec<_> = (0..10).map(|m| t(m - 100)).collect();
        let r = Recent {
            pair: old.clone(),
            name: old.clone(),
            address: old,
        };
        assert_eq!(verdict(&r, t(0)), Verdict::Go { delay_seconds: 0 });
        assert!(locks_now(4) && !locks_now(3) && !locks_now(5));
    }
}
