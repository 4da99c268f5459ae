//! Every authorisation decision of kaiku (R-AUTH-1 … R-AUTH-4).
//!
//! A caller that passes a check receives a scope value that only this module
//! can make; store functions that write demand one, so code that skipped the
//! check has nothing to hand them.

use crate::Id;
use crate::grant::Grant;

/// How the caller proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A staff member's browser or API session.
    Session,
    /// A venue's integration token (`Authorization: Bearer …`).
    Token { token: Id },
}

/// The authenticated caller.
#[derive(Clone, Debug)]
pub struct Principal {
    pub account: Option<Id>,
    pub grants: Vec<Grant>,
    pub via: Via,
}

impl Principal {
    pub fn session(account: Id, grants: Vec<Grant>) -> Self {
        Principal {
            account: Some(account),
            grants,
            via: Via::Session,
        }
    }

    /// A venue token acts as venue staff of exactly one venue and can do
    /// nothing an account holder does for themselves.
    pub fn token(token: Id, area: Id, venue: Id) -> Self {
        Principal {
            account: None,
            grants: vec![Grant::VenueStaff { area, venue }],
            via: Via::Token { token },
        }
    }

    fn is_person(&self) -> bool {
        self.via == Via::Session
    }

    pub fn is_national_admin(&self) -> bool {
        self.is_person() && self.grants.contains(&Grant::NationalAdmin)
    }

    pub fn coordinates(&self, area: Id) -> bool {
        self.is_person() && self.grants.contains(&Grant::AreaCoordinator { area })
    }
}

/// Proof that the caller may act for the whole country.
#[derive(Debug)]
pub struct NationalScope(());

/// Proof that the caller may manage one area's structure and staff.
#[derive(Debug)]
pub struct AreaScope {
    area: Id,
}

impl AreaScope {
    pub fn area(&self) -> Id {
        self.area
    }
}

/// Proof that the caller may give or take away exactly this grant.
#[derive(Debug)]
pub struct GrantPermit(Grant);

impl GrantPermit {
    pub fn grant(&self) -> Grant {
        self.0
    }
}

/// Proof that the caller issues cards at one distribution point.
#[derive(Debug, Clone, Copy)]
pub struct PointScope {
    area: Id,
    point: Id,
}

impl PointScope {
    pub fn area(&self) -> Id {
        self.area
    }

    pub fn point(&self) -> Id {
        self.point
    }
}

/// Proof that the caller manages one venue's offering.
#[derive(Debug, Clone, Copy)]
pub struct VenueScope {
    area: Id,
    venue: Id,
}

impl VenueScope {
    pub fn area(&self) -> Id {
        self.area
    }

    pub fn venue(&self) -> Id {
        self.venue
    }
}

/// Which audit records a caller may read (R-AUTH-4).
#[derive(Debug, PartialEq, Eq)]
pub enum AuditScope {
    All,
    Areas(Vec<Id>),
}

/// Creating areas, national policy, coordinators of any area.
pub fn national(p: &Principal) -> Option<NationalScope> {
    p.is_national_admin().then_some(NationalScope(()))
}

/// Managing an area's distribution points, venues, card stock and staff.
pub fn manage_area(p: &Principal, area: Id) -> Option<AreaScope> {
    (p.is_national_admin() || p.coordinates(area)).then_some(AreaScope { area })
}

/// Seeing an area's name and organisation structure: any person who works in
/// it. Integration tokens get only the box-office calls, never this.
pub fn view_area(p: &Principal, area: Id) -> bool {
    p.is_national_admin() || (p.is_person() && p.grants.iter().any(|g| g.area() == Some(area)))
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

/// Whether the caller may give (or take away) this grant: a national admin any
/// grant, a coordinator any grant inside its own area. Never a token.
pub fn may_grant(p: &Principal, grant: &Grant) -> bool {
    if p.is_national_admin() {
        return true;
    }
    match grant.area() {
        Some(area) => p.coordinates(area),
        None => false,
    }
}

/// The permit to give or take away `grant`, when [`may_grant`] allows it.
pub fn permit_grant(p: &Principal, grant: Grant) -> Option<GrantPermit> {
    may_grant(p, &grant).then_some(GrantPermit(grant))
}

/// A permit for the command-line operator, who acts outside any session (the
/// first national admin is created before anyone can log in).
pub fn operator_permit(grant: Grant) -> GrantPermit {
    GrantPermit(grant)
}

/// The operator's national scope, for the command line and demo data.
pub fn operator_national() -> NationalScope {
    NationalScope(())
}

/// The operator's scope over one area, for the command line and demo data.
pub fn operator_area(area: Id) -> AreaScope {
    AreaScope { area }
}

/// The operator's scope over a point, for imports from the command line.
pub fn operator_point(area: Id, point: Id) -> PointScope {
    PointScope { area, point }
}

/// The operator's scope over a venue, for imports from the command line.
pub fn operator_venue(area: Id, venue: Id) -> VenueScope {
    VenueScope { area, venue }
}

/// Which staff accounts the caller may list: all for a national admin, the
/// staff of its coordinated areas for a coordinator, none otherwise.
pub fn account_listing(p: &Principal) -> Option<Listing> {
    if p.is_national_admin() {
        return Some(Listing::All);
    }
    let coordinated: Vec<Id> = p
        .grants
        .iter()
        .filter_map(|g| match g {
            Grant::AreaCoordinator { area } if p.is_person() => Some(*area),
            _ => None,
        })
        .collect();
    (!coordinated.is_empty()).then_some(Listing::Only(coordinated))
}

/// Whether the caller manages organisation structure and staff anywhere
/// (which decides what the navigation offers).
pub fn manages_anything(p: &Principal) -> bool {
    account_listing(p).is_some()
}

/// Whether the caller may manage another account as a whole (reset its
/// password, deactivate it): only when every grant it holds is one the caller
/// could have given, so a coordinator cannot lock out another area's staff.
pub fn may_manage_account(p: &Principal, account_grants: &[Grant]) -> bool {
    if p.is_national_admin() {
        return true;
    }
    !account_grants.is_empty() && account_grants.iter().all(|g| may_grant(p, g))
}

/// Whether the caller sees an account at all (it works in one of the caller's
/// coordinated areas).
pub fn may_see_account(p: &Principal, account_grants: &[Grant]) -> bool {
    p.is_national_admin() || account_grants.iter().any(|g| may_grant(p, g))
}

/// Integration tokens for a venue are made and revoked by the area's
/// coordinator (or a national admin).
pub fn manage_venue_tokens(p: &Principal, area: Id) -> Option<AreaScope> {
    manage_area(p, area)
}

/// Seeing a venue's profile: its area's coordinators and its own staff.
pub fn view_venue(p: &Principal, area: Id, venue: Id) -> bool {
    manage_area(p, area).is_some()
        || (p.is_person() && p.grants.contains(&Grant::VenueStaff { area, venue }))
}

/// Seeing a distribution point: its area's coordinators and its own issuers.
pub fn view_point(p: &Principal, area: Id, point: Id) -> bool {
    manage_area(p, area).is_some()
        || (p.is_person() && p.grants.contains(&Grant::Issuer { area, point }))
}

/// Which audit records the caller may read; `None` when none at all.
pub fn audit(p: &Principal) -> Option<AuditScope> {
    if p.is_national_admin() {
        return Some(AuditScope::All);
    }
    let areas: Vec<Id> = p
        .grants
        .iter()
        .filter_map(|g| match g {
            Grant::AreaCoordinator { area } if p.is_person() => Some(*area),
            _ => None,
        })
        .collect();
    (!areas.is_empty()).then_some(AuditScope::Areas(areas))
}

/// Issuing (and renewing) cards at a distribution point: its issuers.
pub fn issue_at(p: &Principal, area: Id, point: Id) -> Option<PointScope> {
    (p.is_person() && p.grants.contains(&Grant::Issuer { area, point }))
        .then_some(PointScope { area, point })
}

/// Importing transfer forms for a point (issue 7): its issuers, and the
/// coordinators of its area, who often hold the area's paper backlog.
pub fn import_issuance(p: &Principal, area: Id, point: Id) -> Option<PointScope> {
    (issue_at(p, area, point).is_some() || p.coordinates(area))
        .then_some(PointScope { area, point })
}

/// The points where the caller issues cards.
pub fn issuer_points(p: &Principal) -> Vec<(Id, Id)> {
    if !p.is_person() {
        return vec![];
    }
    p.grants
        .iter()
        .filter_map(|g| match *g {
            Grant::Issuer { area, point } => Some((area, point)),
            _ => None,
        })
        .collect()
}

/// R-AUTH-2: anyone at work, venue staff anywhere and their tokens included,
/// may ask whether a card is valid; the answer says nothing of its holder.
pub fn card_lookup(p: &Principal) -> bool {
    !p.grants.is_empty()
}

/// A card's record and history with background data: the coordinators of its
/// area, and the issuers of the point that holds or stocks it. A national
/// admin sees no card records of areas it does not coordinate.
pub fn card_record(p: &Principal, area: Id, holder: Option<Id>, allocated: Option<Id>) -> bool {
    p.coordinates(area)
        || [holder, allocated]
            .into_iter()
            .flatten()
            .any(|point| issue_at(p, area, point).is_some())
}

/// Voiding: the same people who see the card's record.
pub fn void_card(p: &Principal, area: Id, holder: Option<Id>, allocated: Option<Id>) -> bool {
    card_record(p, area, holder, allocated)
}

/// R-PRIV-2: printing everything stored under a code is the coordinator's.
pub fn subject_access(p: &Principal, area: Id) -> bool {
    p.coordinates(area)
}

/// A venue's offering and profile: its own staff and its area's coordinators.
/// Never a token: integrations record tickets, they do not edit the offering.
pub fn manage_venue(p: &Principal, area: Id, venue: Id) -> Option<VenueScope> {
    (manage_area(p, area).is_some()
        || (p.is_person() && p.grants.contains(&Grant::VenueStaff { area, venue })))
    .then_some(VenueScope { area, venue })
}

/// A venue's box office: checking, recording, redeeming and cancelling its
/// Kaikukortti tickets and seeing them (R-USE-*). Its staff and their
/// integration tokens, and its area's coordinators; a national admin sees no
/// card codes, so not this.
pub fn box_office(p: &Principal, area: Id, venue: Id) -> Option<VenueScope> {
    (p.coordinates(area) || p.grants.contains(&Grant::VenueStaff { area, venue }))
        .then_some(VenueScope { area, venue })
}

/// R-REP-1, R-AUTH-1: a venue's usage report (card codes with their uses)
/// is its own staff's and its area's coordinators'. Never a token's, and
/// never the national level's, which sees no card codes.
pub fn venue_report(p: &Principal, area: Id, venue: Id) -> Option<VenueScope> {
    (p.is_person()
        && (p.coordinates(area) || p.grants.contains(&Grant::VenueStaff { area, venue })))
    .then_some(VenueScope { area, venue })
}

/// Whether the caller serves any box office (which decides what the
/// navigation offers): venue staff, and area coordinators for their venues.
pub fn serves_box_office(p: &Principal) -> bool {
    p.is_person()
        && p.grants
            .iter()
            .any(|g| matches!(g, Grant::VenueStaff { .. } | Grant::AreaCoordinator { .. }))
}

/// The venues whose offering the caller manages as their staff.
pub fn staff_venues(p: &Principal) -> Vec<(Id, Id)> {
    if !p.is_person() {
        return vec![];
    }
    p.grants
        .iter()
        .filter_map(|g| match *g {
            Grant::VenueStaff { area, venue } => Some((area, venue)),
            _ => None,
        })
        .collect()
}

/// National policy data (the cap table, the form's lists) is readable by
/// everyone at work, but not by integration tokens.
pub fn read_national_policy(p: &Principal) -> bool {
    p.is_person() && !p.grants.is_empty()
}

/// Changing one's own password: any person, never a token.
pub fn own_account(p: &Principal) -> Option<Id> {
    if p.is_person() { p.account } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(grants: Vec<Grant>) -> Principal {
        Principal::session(1, grants)
    }

    #[test]
    fn r_auth_1_coordinator_manages_only_its_own_area() {
        let p = person(vec![Grant::AreaCoordinator { area: 1 }]);
        assert_eq!(manage_area(&p, 1).map(|s| s.area()), Some(1));
        assert!(manage_area(&p, 2).is_none());
        assert!(national(&p).is_none());
        assert!(may_grant(&p, &Grant::Issuer { area: 1, point: 5 }));
        assert!(!may_grant(&p, &Grant::Issuer { area: 2, point: 6 }));
        assert!(!may_grant(&p, &Grant::NationalAdmin));
        assert_eq!(audit(&p), Some(AuditScope::Areas(vec![1])));
        assert_eq!(account_listing(&p), Some(Listing::Only(vec![1])));
    }

    #[test]
    fn r_auth_1_issuer_and_venue_staff_manage_nothing_of_the_area() {
        for g in [
            Grant::Issuer { area: 1, point: 2 },
            Grant::VenueStaff { area: 1, venue: 3 },
        ] {
            let p = person(vec![g]);
            assert!(manage_area(&p, 1).is_none());
            assert!(view_area(&p, 1));
            assert!(!view_area(&p, 2));
            assert!(!may_grant(&p, &g));
            assert_eq!(audit(&p), None);
            assert_eq!(account_listing(&p), None);
            assert!(!manages_anything(&p));
        }
        let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
        assert!(view_venue(&staff, 1, 3));
        assert!(!view_venue(&staff, 1, 4));
        let issuer = person(vec![Grant::Issuer { area: 1, point: 2 }]);
        assert!(view_point(&issuer, 1, 2));
        assert!(!view_point(&issuer, 1, 9));
    }

    #[test]
    fn r_auth_1_national_admin_reaches_every_area() {
        let p = person(vec![Grant::NationalAdmin]);
        assert!(national(&p).is_some());
        assert!(manage_area(&p, 42).is_some());
        assert_eq!(visible_areas(&p), Some(Listing::All));
        assert_eq!(audit(&p), Some(AuditScope::All));
    }

    #[test]
    fn r_auth_3_several_grants_add_up() {
        let p = person(vec![
            Grant::AreaCoordinator { area: 1 },
            Grant::Issuer { area: 1, point: 2 },
            Grant::VenueStaff { area: 3, venue: 4 },
        ]);
        assert!(manage_area(&p, 1).is_some());
        assert!(view_point(&p, 1, 2));
        assert!(view_venue(&p, 3, 4));
        assert!(manage_area(&p, 3).is_none());
        assert_eq!(visible_areas(&p), Some(Listing::Only(vec![1, 3])));
    }

    #[test]
    fn r_auth_2_card_records_stay_in_their_area_and_point() {
        let issuer = person(vec![Grant::Issuer { area: 1, point: 2 }]);
        assert!(issue_at(&issuer, 1, 2).is_some());
        assert!(issue_at(&issuer, 1, 3).is_none());
        assert!(card_record(&issuer, 1, Some(2), None));
        assert!(card_record(&issuer, 1, None, Some(2)));
        assert!(!card_record(&issuer, 1, Some(3), None));
        assert!(!subject_access(&issuer, 1));
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        assert!(card_record(&coord, 1, Some(3), None));
        assert!(!card_record(&coord, 2, Some(9), None));
        assert!(subject_access(&coord, 1));
        let admin = person(vec![Grant::NationalAdmin]);
        assert!(
            !card_record(&admin, 1, Some(2), None),
            "no raw records for the national level"
        );
        let staff = person(vec![Grant::VenueStaff { area: 5, venue: 6 }]);
        assert!(card_lookup(&staff));
        assert!(card_lookup(&Principal::token(1, 5, 6)));
        assert!(!card_record(&staff, 1, Some(2), None));
        assert!(!card_lookup(&person(vec![])));
    }

    #[test]
    fn r_auth_2_box_office_is_the_venues_own_and_its_tokens() {
        let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
        assert_eq!(box_office(&staff, 1, 3).map(|s| s.venue()), Some(3));
        assert!(box_office(&staff, 1, 4).is_none());
        let token = Principal::token(7, 1, 3);
        assert!(box_office(&token, 1, 3).is_some());
        assert!(box_office(&token, 1, 4).is_none());
        assert!(
            manage_venue(&token, 1, 3).is_none(),
            "a token records, it does not edit"
        );
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        assert!(box_office(&coord, 1, 4).is_some());
        assert!(box_office(&coord, 2, 9).is_none());
        let admin = person(vec![Grant::NationalAdmin]);
        assert!(box_office(&admin, 1, 3).is_none());
        assert!(serves_box_office(&staff) && serves_box_office(&coord));
        assert!(!serves_box_office(&admin) && !serves_box_office(&token));
    }

    #[test]
    fn r_rep_1_a_venue_sees_only_its_own_report() {
        let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
        assert!(venue_report(&staff, 1, 3).is_some());
        assert!(venue_report(&staff, 1, 4).is_none());
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        assert!(venue_report(&coord, 1, 4).is_some());
        assert!(venue_report(&coord, 2, 5).is_none());
        assert!(venue_report(&person(vec![Grant::NationalAdmin]), 1, 3).is_none());
        assert!(venue_report(&Principal::token(7, 1, 3), 1, 3).is_none());
    }

    #[test]
    fn r_auth_1_token_is_never_a_person() {
        let t = Principal::token(7, 1, 3);
        assert!(!view_venue(&t, 1, 3));
        assert!(!view_area(&t, 1));
        assert_eq!(visible_areas(&t), None);
        assert!(manage_area(&t, 1).is_none());
        assert!(own_account(&t).is_none());
        assert_eq!(audit(&t), None);
    }

    #[test]
    fn r_auth_1_account_management_needs_every_grant_in_scope() {
        let p = person(vec![Grant::AreaCoordinator { area: 1 }]);
        let agency = [
            Grant::VenueStaff { area: 1, venue: 3 },
            Grant::VenueStaff { area: 2, venue: 8 },
        ];
        assert!(may_see_account(&p, &agency));
        assert!(!may_manage_account(&p, &agency));
        assert!(may_manage_account(&p, &agency[..1]));
        assert!(!may_manage_account(&p, &[]));
        assert!(!may_see_account(&p, &[Grant::NationalAdmin]));
    }
}
