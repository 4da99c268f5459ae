//! An area's statistics: in full for its coordinators, small counts hidden
//! from the national level (R-REP-5), submitted by the coordinators.

use super::*;

/// An area's statistics: every count for its coordinators, small counts
/// hidden for the national admin (R-REP-5).
pub fn area_statistics(p: &Principal, area: Id) -> Option<StatsScope> {
    if p.coordinates(area) {
        Some(StatsScope { area, full: true })
    } else if p.is_national_admin() {
        Some(StatsScope { area, full: false })
    } else {
        None
    }
}

/// Submitting an area's year to the national service: its coordinators.
pub fn submit_statistics(p: &Principal, area: Id) -> Option<StatsScope> {
    p.coordinates(area)
        .then_some(StatsScope { area, full: true })
}

/// Proof that the caller's act publishes statistics to readers outside the
/// areas (R-REP-5): a coordinator's submission, or the national level
/// reading a year whose releases were not made yet. The publishing step
/// reads every area's submissions of the year to protect the new tables
/// against all published before; it hands out only protected forms.
#[derive(Debug)]
pub struct Publishing(());

pub fn publishing(p: &Principal) -> Option<Publishing> {
    (p.is_national_admin() || !p.coordinated().is_empty()).then_some(Publishing(()))
}
