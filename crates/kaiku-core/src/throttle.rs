//! Login throttling: how long a name or an address must wait after repeated
//! failed logins.

use chrono::{DateTime, Duration, Utc};

#[derive(Clone, Copy, Debug)]
pub struct Throttle {
    /// Failures that lock the account name or address.
    pub max_failures: usize,
    /// How far back failures count, and how long a lock lasts.
    pub window: Duration,
}

/// Five failures for one name within 15 minutes lock that name for the rest of
/// the 15 minutes; one address gets more, because an office may share it.
pub const PER_ACCOUNT: Throttle = Throttle {
    max_failures: 5,
    window: Duration::minutes(15),
};
pub const PER_ADDRESS: Throttle = Throttle {
    max_failures: 20,
    window: Duration::minutes(15),
};

impl Throttle {
    /// Whole minutes (at least 1) until another attempt is allowed, or `None`
    /// when the caller may try now. `failures` may be in any order.
    pub fn wait_minutes(&self, failures: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<i64> {
        let mut recent: Vec<_> = failures
            .iter()
            .copied()
            .filter(|t| *t > now - self.window && *t <= now)
            .collect();
        if recent.len() < self.max_failures {
            return None;
        }
        recent.sort_unstable();
        // The lock lifts when enough of the failures have aged out of the window.
        let oldest_that_counts = recent[recent.len() - self.max_failures];
        let unlock = oldest_that_counts + self.window;
        let secs = (unlock - now).num_seconds().max(1);
        Some((secs + 59) / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + min * 60, 0).unwrap()
    }

    #[test]
    fn login_throttle_locks_after_five_failures_and_lifts_after_window() {
        let fails: Vec<_> = (0..5).map(t).collect();
        assert_eq!(PER_ACCOUNT.wait_minutes(&fails[..4], t(5)), None);
        assert_eq!(PER_ACCOUNT.wait_minutes(&fails, t(5)), Some(10));
        assert_eq!(PER_ACCOUNT.wait_minutes(&fails, t(14)), Some(1));
        assert_eq!(PER_ACCOUNT.wait_minutes(&fails, t(15)), None);
    }

    #[test]
    fn login_throttle_ignores_old_failures() {
        let fails: Vec<_> = (0..10).map(|m| t(m - 100)).collect();
        assert_eq!(PER_ACCOUNT.wait_minutes(&fails, t(0)), None);
    }
}
