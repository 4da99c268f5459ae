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
