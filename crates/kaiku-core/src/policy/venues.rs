//! A venue's own work: its offering, its box office with the integration
//! tokens that serve it, its usage reports, and the public catalogue.

use super::*;

fn staff_grants(p: &Principal, tokens_too: bool) -> Vec<(Id, Id)> {
    p.grants
        .iter()
        .filter(|_| p.is_person() || (tokens_too && matches!(p.via, Via::Token { .. })))
        .filter_map(|g| match *g {
            Grant::VenueStaff { area, venue } => Some((area, venue)),
            _ => None,
        })
        .collect()
}

/// A venue's offering and profile: its own staff and its area's
/// coordinators (and the national admin). Never a token: integrations record
/// tickets, they do not edit the offering.
pub fn offering(p: &Principal) -> Option<Reach<Offering>> {
    Reach::build(
        p.is_national_admin(),
        p.coordinated(),
        vec![],
        staff_grants(p, false),
    )
}

/// A venue's box office: checking, recording, redeeming and cancelling its
/// Kaikukortti tickets and seeing them (R-USE-*). Its staff and their
/// integration tokens, and its area's coordinators; a national admin sees no
/// card codes, so not this.
pub fn box_office(p: &Principal) -> Option<Reach<BoxOffice>> {
    Reach::build(
        p.is_operator(),
        p.coordinated(),
        vec![],
        staff_grants(p, true),
    )
}

/// R-REP-1, R-AUTH-1: a venue's usage report (card codes with their uses)
/// and its imported sheets are its own staff's and its area's
/// coordinators'. Never a token's, and never the national level's.
pub fn venue_reports(p: &Principal) -> Option<Reach<Reports>> {
    Reach::build(
        p.is_operator(),
        p.coordinated(),
        vec![],
        staff_grants(p, false),
    )
}

/// Which venues of an area have submitted: its coordinators and the
/// national admin.
pub fn report_status(p: &Principal) -> Option<Reach<ReportStatus>> {
    Reach::build(p.is_national_admin(), p.coordinated(), vec![], vec![])
}

/// The published offering, as anyone (no login needed) may read it.
pub fn catalogue() -> Reach<Catalogue> {
    Reach {
        all: true,
        areas: vec![],
        points: vec![],
        venues: vec![],
        purpose: PhantomData,
    }
}

/// Whether the caller serves any box office (which decides what the
/// navigation offers): venue staff, and area coordinators for their venues.
pub fn serves_box_office(p: &Principal) -> bool {
    p.is_person() && box_office(p).is_some()
}

/// The venues whose offering the caller manages as their staff.
pub fn staff_venues(p: &Principal) -> Vec<(Id, Id)> {
    staff_grants(p, false)
}
