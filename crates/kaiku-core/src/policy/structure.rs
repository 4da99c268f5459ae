//! The organisation's structure: areas, their distribution points and
//! venues, who manages and who sees them, and who reads national policy.

use super::*;

/// Creating areas, national policy, coordinators of any area.
pub fn national(p: &Principal) -> Option<NationalScope> {
    p.is_national_admin().then_some(NationalScope(()))
}

/// Managing an area's distribution points and venues.
pub fn manage_area(p: &Principal, area: Id) -> Option<AreaScope> {
    (p.is_national_admin() || p.coordinates(area)).then_some(AreaScope { area })
}

/// Seeing an area's name and organisation structure: any person who works in
/// it. Integration tokens get only the box-office calls, never this.
pub fn view_area(p: &Principal, area: Id) -> bool {
    p.is_national_admin() || p.person_grants().any(|g| g.area() == Some(area))
}

/// Which records of a kind a caller may list.
#[derive(Debug, PartialEq, Eq)]
pub enum Listing {
    All,
    Only(Vec<Id>),
}

/// The areas a caller sees in listings; `None` when it may list none.
pub fn visible_areas(p: &Principal) -> Option<Listing> {
    if p.is_national_admin() {
        return Some(Listing::All);
    }
    if !p.is_person() {
        return None;
    }
    let mut areas: Vec<Id> = p.grants.iter().filter_map(Grant::area).collect();
    areas.sort_unstable();
    areas.dedup();
    Some(Listing::Only(areas))
}

/// Seeing a venue's profile: its area's coordinators and its own staff.
pub fn view_venue(p: &Principal, area: Id, venue: Id) -> bool {
    manage_area(p, area).is_some() || p.person_holds(&Grant::VenueStaff { area, venue })
}

/// Seeing a distribution point: its area's coordinators and its own issuers.
pub fn view_point(p: &Principal, area: Id, point: Id) -> bool {
    manage_area(p, area).is_some() || p.person_holds(&Grant::Issuer { area, point })
}

/// National policy data (the cap table, the form's lists) is readable by
/// everyone at work, but not by integration tokens.
pub fn read_national_policy(p: &Principal) -> bool {
    p.is_operator() || (p.is_person() && !p.grants.is_empty())
}
