//! Every authorisation decision of kaiku (R-AUTH-1 … R-AUTH-7).
//!
//! A caller that passes a check receives a scope value that only this module
//! can make, and every store function that reads or writes scoped records
//! demands one (R-AUTH-7): code that skipped the check has nothing to hand
//! the store, so it does not compile.
//!
//! Most scopes are a [`Reach`]: the areas, points and venues whose records
//! of one kind (card records, the offering, the box office …) the caller may
//! touch. The store admits a record only when its *stored* area, point or
//! venue lies in the reach, so a caller never chooses where a record is, and
//! a record outside the reach is answered exactly like an unknown one
//! (R-AUTH-6).
//!
//! A reach cannot be made outside this module:
//!
//! ```compile_fail
//! use kaiku_core::policy::{Reach, CardRecords};
//! let everything: Reach<CardRecords> = Reach { all: true, areas: vec![], points: vec![], venues: vec![], purpose: std::marker::PhantomData };
//! ```
//!
//! and the operator's unlimited scope needs [`Operator`], which only the
//! `kaiku` binary creates: the web and service crates forbid `unsafe` code, so
//! they cannot call [`Operator::assume`]:
//!
//! ```compile_fail
//! #![forbid(unsafe_code)]
//! let operator = unsafe { kaiku_core::policy::Operator::assume() };
//! ```
//!
//! ```compile_fail
//! let operator = kaiku_core::policy::Operator::assume();
//! ```

use crate::Id;
use crate::grant::Grant;
use std::marker::PhantomData;

/// How the caller proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A staff member's browser or API session.
    Session,
    /// A venue's integration token (`Authorization: Bearer …`).
    Token { token: Id },
    /// The operator at the command line, who holds the database itself.
    Operator,
}

/// The authenticated caller.
#[derive(Clone, Debug)]
pub struct Principal {
    pub account: Option<Id>,
    pub grants: Vec<Grant>,
    pub via: Via,
    /// The account's password was set by someone else and must be changed
    /// before anything else: until then the grants count for nothing.
    pub password_change_required: bool,
}

/// The command line's authority: everything. Only the `kaiku` binary (and
/// test fixtures) make one.
#[derive(Debug)]
pub struct Operator(());

impl Operator {
    /// The operator's authority.
    ///
    /// # Safety
    ///
    /// This is no memory-safety contract: `unsafe` marks authority. Only the
    /// `kaiku` binary, run by an operator who holds the database anyway, and
    /// test fixtures may call it; `kaiku-app` and `kaiku-web` forbid unsafe
    /// code, so no request can reach it.
    pub unsafe fn assume() -> Operator {
        Operator(())
    }
}

impl Principal {
    pub fn session(account: Id, grants: Vec<Grant>) -> Self {
        Principal {
            account: Some(account),
            grants,
            via: Via::Session,
            password_change_required: false,
        }
    }

    /// A session whose password must be changed first: it may do that and
    /// nothing else.
    pub fn pending(account: Id) -> Self {
        Principal {
            account: Some(account),
            grants: vec![],
            via: Via::Session,
            password_change_required: true,
        }
    }

    /// A venue token acts as venue staff of exactly one venue and can do
    /// nothing an account holder does for themselves.
    pub fn token(token: Id, area: Id, venue: Id) -> Self {
        Principal {
            account: None,
            grants: vec![Grant::VenueStaff { area, venue }],
            via: Via::Token { token },
            password_change_required: false,
        }
    }

    /// The operator, for the command line's tasks.
    pub fn operator(_: &Operator) -> Self {
        Principal {
            account: None,
            grants: vec![],
            via: Via::Operator,
            password_change_required: false,
        }
    }

    fn is_operator(&self) -> bool {
        self.via == Via::Operator
    }

    fn is_person(&self) -> bool {
        self.via == Via::Session
    }

    /// A grant the caller holds as a person (never a token's).
    fn person_holds(&self, g: &Grant) -> bool {
        self.is_person() && self.grants.contains(g)
    }

    pub fn is_national_admin(&self) -> bool {
        self.is_operator() || self.person_holds(&Grant::NationalAdmin)
    }

    pub fn coordinates(&self, area: Id) -> bool {
        self.is_operator() || self.person_holds(&Grant::AreaCoordinator { area })
    }

    fn coordinated(&self) -> Vec<Id> {
        self.person_grants()
            .filter_map(|g| match *g {
                Grant::AreaCoordinator { area } => Some(area),
                _ => None,
            })
            .collect()
    }

    fn person_grants(&self) -> impl Iterator<Item = &Grant> {
        self.grants.iter().filter(|_| self.is_person())
    }
}

/// Proof that the caller may act for the whole country.
#[derive(Debug)]
pub struct NationalScope(());

/// Proof that the caller may manage one area's structure (its points and
/// venues).
#[derive(Debug)]
pub struct AreaScope {
    area: Id,
}

impl AreaScope {
    pub fn area(&self) -> Id {
        self.area
    }
}

/// Kinds of records a [`Reach`] is for; each is its own type so that a reach
/// for one kind cannot be handed to the store for another.
pub mod purpose {
    mod sealed {
        pub trait Sealed {}
    }

    /// A kind of scoped record.
    pub trait Purpose: sealed::Sealed {}

    macro_rules! purposes {
        ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $name {}
            impl sealed::Sealed for $name {}
            impl Purpose for $name {}
        )*};
    }

    purposes!(
        /// Cards with their background data and history: read, list, void.
        CardRecords,
        /// Issuing and renewing cards at a point.
        Issuing,
        /// Card series, their allocations and stock counts.
        Stock,
        /// Transfer forms imported for a point.
        IssuanceImports,
        /// A venue's offering (items) and profile.
        Offering,
        /// A venue's Kaikukortti tickets: checking, recording, redeeming,
        /// cancelling, listing.
        BoxOffice,
        /// A venue's usage reports, their submissions and imported sheets.
        Reports,
        /// Which venues of an area have submitted their reports.
        ReportStatus,
        /// Staff accounts and their grants, by the account's home.
        Accounts,
        /// Venue integration tokens.
        Tokens,
        /// Items as the public catalogue shows them.
        Catalogue,
    );
}

pub use purpose::*;

/// What a caller may reach of one kind of record: everything, or whole
/// areas, or single points and venues (each with the area it belongs to, as
/// the grant said). Made only by this module.
#[derive(Debug)]
pub struct Reach<P: Purpose> {
    all: bool,
    areas: Vec<Id>,
    points: Vec<(Id, Id)>,
    venues: Vec<(Id, Id)>,
    purpose: PhantomData<fn() -> P>,
}

impl<P: Purpose> Clone for Reach<P> {
    fn clone(&self) -> Self {
        Reach {
            all: self.all,
            areas: self.areas.clone(),
            points: self.points.clone(),
            venues: self.venues.clone(),
            purpose: PhantomData,
        }
    }
}

impl<P: Purpose> Reach<P> {
    fn build(
        all: bool,
        mut areas: Vec<Id>,
        points: Vec<(Id, Id)>,
        venues: Vec<(Id, Id)>,
    ) -> Option<Self> {
        areas.sort_unstable();
        areas.dedup();
        (all || !areas.is_empty() || !points.is_empty() || !venues.is_empty()).then_some(Reach {
            all,
            areas,
            points,
            venues,
            purpose: PhantomData,
        })
    }

    /// Whether the reach is the whole country.
    pub fn everywhere(&self) -> bool {
        self.all
    }

    /// Whether the whole of `area` is inside.
    pub fn admits_area(&self, area: Id) -> bool {
        self.all || self.areas.contains(&area)
    }

    /// Whether a record of `point` (which lies in `area`) is inside.
    pub fn admits_point(&self, area: Id, point: Id) -> bool {
        self.admits_area(area) || self.points.contains(&(area, point))
    }

    /// Whether a record of `venue` (which lies in `area`) is inside.
    pub fn admits_venue(&self, area: Id, venue: Id) -> bool {
        self.admits_area(area) || self.venues.contains(&(area, venue))
    }

    /// Whether anything at all of `area` is inside.
    pub fn touches_area(&self, area: Id) -> bool {
        self.admits_area(area)
            || self.points.iter().any(|(a, _)| *a == area)
            || self.venues.iter().any(|(a, _)| *a == area)
    }

    /// The areas wholly inside (empty when [`everywhere`](Self::everywhere)).
    pub fn areas(&self) -> &[Id] {
        &self.areas
    }

    /// The single points inside, as `(area, point)`.
    pub fn points(&self) -> &[(Id, Id)] {
        &self.points
    }

    /// The single venues inside, as `(area, venue)`.
    pub fn venues(&self) -> &[(Id, Id)] {
        &self.venues
    }
}

/// Which audit records a caller may read (R-AUTH-4).
#[derive(Debug, PartialEq, Eq)]
pub enum AuditScope {
    All,
    Areas(Vec<Id>),
}

/// Proof that the caller may change (or give) exactly this grant on exactly
/// this account.
#[derive(Debug)]
pub struct GrantPermit {
    account: Id,
    home: Option<Id>,
    grant: Grant,
}

impl GrantPermit {
    pub fn grant(&self) -> Grant {
        self.grant
    }

    pub fn account(&self) -> Id {
        self.account
    }

    /// The home the account had when the permit was given; the store writes
    /// only if it still has it.
    pub fn home(&self) -> Option<Id> {
        self.home
    }
}

/// Proof that the caller acts on its own account (its password).
#[derive(Debug)]
pub struct OwnAccount(Id);

impl OwnAccount {
    pub fn id(&self) -> Id {
        self.0
    }
}

/// Proof that the caller may read one area's statistics, and whether with
/// every count (`full`) or only as someone outside the area may (R-REP-5).
#[derive(Debug, Clone, Copy)]
pub struct StatsScope {
    area: Id,
    full: bool,
}

impl StatsScope {
    pub fn area(&self) -> Id {
        self.area
    }

    /// Inside the area every count is shown; outside, small counts are not.
    pub fn full(&self) -> bool {
        self.full
    }
}

/// Proof that the caller may ask whether a card is valid (R-AUTH-2).
#[derive(Debug, Clone, Copy)]
pub struct CardLookup(());

// ---------- organisation structure ----------

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

// ---------- accounts (R-AUTH-5) ----------

/// The accounts a caller manages, by their home: every account for a
/// national admin, the accounts at home in its areas for a coordinator.
pub fn accounts(p: &Principal) -> Option<Reach<Accounts>> {
    Reach::build(p.is_national_admin(), p.coordinated(), vec![], vec![])
}

/// The areas the caller coordinates.
pub fn coordinated_areas(p: &Principal) -> Vec<Id> {
    p.coordinated()
}

/// Whether the caller manages staff anywhere (which decides what the
/// navigation offers).
pub fn manages_anything(p: &Principal) -> bool {
    accounts(p).is_some()
}

/// Proof that the caller may create an account at this home: an area, or
/// the national service (`None`).
#[derive(Debug)]
pub struct NewAccount {
    home: Option<Id>,
}

impl NewAccount {
    pub fn home(&self) -> Option<Id> {
        self.home
    }
}

/// The home a new account gets (R-AUTH-5): the one area of its grants when
/// the caller may give those there, or the national service when a national
/// admin asks for it (or the grants span areas or hold `national_admin`).
/// `None` when the caller may not create such an account.
pub fn new_account(p: &Principal, grants: &[Grant], national: bool) -> Option<NewAccount> {
    let mut areas: Vec<Option<Id>> = grants.iter().map(Grant::area).collect();
    areas.sort_unstable();
    areas.dedup();
    let home = match areas.as_slice() {
        [Some(area)] if !national => {
            (p.is_national_admin() || p.coordinates(*area)).then_some(Some(*area))
        }
        _ => p.is_national_admin().then_some(None),
    };
    home.map(|home| NewAccount { home })
}

/// The permit to give or take away `grant` on the account `target` whose
/// home is `home` (R-AUTH-5): an area account holds grants of its own area
/// only, given by that area's coordinators or a national admin; a national
/// account gets its grants from national admins. Nobody gives a grant to
/// their own account; taking one's own grants away is allowed, but for the
/// last door in (one's own national admin grant).
pub fn permit_grant(
    p: &Principal,
    target: Id,
    home: Option<Id>,
    grant: Grant,
    giving: bool,
) -> Option<GrantPermit> {
    let own = p.account == Some(target);
    if own && (giving || grant == Grant::NationalAdmin) {
        return None;
    }
    let allowed = match home {
        Some(area) => grant.area() == Some(area) && (p.is_national_admin() || p.coordinates(area)),
        None => p.is_national_admin(),
    };
    allowed.then_some(GrantPermit {
        account: target,
        home,
        grant,
    })
}

/// Changing one's own password: any person, never a token.
pub fn own_account(p: &Principal) -> Option<OwnAccount> {
    if p.is_person() {
        p.account.map(OwnAccount)
    } else {
        None
    }
}

/// Venue integration tokens are made, listed and revoked by the venue's
/// area coordinators, never by the national level (a token reads card
/// codes, which §2 keeps from the national service).
pub fn venue_tokens(p: &Principal) -> Option<Reach<Tokens>> {
    Reach::build(p.is_operator(), p.coordinated(), vec![], vec![])
}

/// Which audit records the caller may read; `None` when none at all.
pub fn audit(p: &Principal) -> Option<AuditScope> {
    if p.is_national_admin() {
        return Some(AuditScope::All);
    }
    let areas = p.coordinated();
    (!areas.is_empty()).then_some(AuditScope::Areas(areas))
}

// ---------- cards ----------

fn issuer_grants(p: &Principal) -> Vec<(Id, Id)> {
    p.person_grants()
        .filter_map(|g| match *g {
            Grant::Issuer { area, point } => Some((area, point)),
            _ => None,
        })
        .collect()
}

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

/// R-AUTH-2: anyone at work, venue staff anywhere and their tokens included,
/// may ask whether a card is valid; the answer says nothing of its holder.
pub fn card_lookup(p: &Principal) -> Option<CardLookup> {
    (p.is_operator() || !p.grants.is_empty()).then_some(CardLookup(()))
}

/// A card's record and history with background data, card lists, voiding:
/// the coordinators of its area, and the issuers of the point that holds or
/// stocks it. A national admin sees no card records of areas it does not
/// coordinate.
pub fn card_records(p: &Principal) -> Option<Reach<CardRecords>> {
    Reach::build(p.is_operator(), p.coordinated(), issuer_grants(p), vec![])
}

/// R-PRIV-2: printing everything stored under a code is the coordinator's.
pub fn subject_access(p: &Principal) -> Option<Reach<CardRecords>> {
    Reach::build(p.is_operator(), p.coordinated(), vec![], vec![])
}

/// Issuing (and renewing) cards: at the points where the caller issues.
pub fn issuing(p: &Principal) -> Option<Reach<Issuing>> {
    Reach::build(p.is_operator(), vec![], issuer_grants(p), vec![])
}

/// The points where the caller issues cards, as `(area, point)`.
pub fn issuer_points(p: &Principal) -> Vec<(Id, Id)> {
    issuer_grants(p)
}

/// Card series, allocations and stock: an area's coordinators and the
/// national admin.
pub fn stock(p: &Principal) -> Option<Reach<Stock>> {
    Reach::build(p.is_national_admin(), p.coordinated(), vec![], vec![])
}

/// Importing transfer forms for a point: its issuers, and the coordinators
/// of its area, who often hold the area's paper backlog.
pub fn issuance_imports(p: &Principal) -> Option<Reach<IssuanceImports>> {
    Reach::build(p.is_operator(), p.coordinated(), issuer_grants(p), vec![])
}

// ---------- offering, box office, reports ----------

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

// ---------- statistics ----------

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
        let accounts = accounts(&p).unwrap();
        assert!(accounts.admits_area(1) && !accounts.admits_area(2));
        assert!(permit_grant(&p, 7, Some(1), Grant::Issuer { area: 1, point: 5 }, true).is_some());
        assert!(permit_grant(&p, 7, Some(1), Grant::Issuer { area: 2, point: 6 }, true).is_none());
        assert!(permit_grant(&p, 7, Some(1), Grant::NationalAdmin, true).is_none());
        assert_eq!(audit(&p), Some(AuditScope::Areas(vec![1])));
    }

    #[test]
    fn r_auth_5_grants_stay_inside_the_accounts_home() {
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        let in_b = Grant::Issuer { area: 2, point: 9 };
        // Not into another area's account, not into a national one, not an
        // area-2 grant into an area-1 account.
        assert!(permit_grant(&coord, 7, Some(2), in_b, true).is_none());
        assert!(permit_grant(&coord, 7, None, Grant::Issuer { area: 1, point: 5 }, true).is_none());
        assert!(permit_grant(&coord, 7, Some(1), in_b, true).is_none());
        let admin = person(vec![Grant::NationalAdmin]);
        assert!(permit_grant(&admin, 7, None, in_b, true).is_some());
        assert!(permit_grant(&admin, 7, Some(1), in_b, true).is_none());
        // Nobody gives a grant to their own account.
        assert!(permit_grant(&admin, 1, None, Grant::AreaCoordinator { area: 1 }, true).is_none());
        assert!(permit_grant(&admin, 1, None, Grant::NationalAdmin, false).is_none());
        // The home of a new account.
        let in_a = [Grant::Issuer { area: 1, point: 5 }];
        let home =
            |p: &Principal, g: &[Grant], national| new_account(p, g, national).map(|n| n.home());
        assert_eq!(home(&coord, &in_a, false), Some(Some(1)));
        assert_eq!(home(&coord, &in_a, true), None);
        assert_eq!(home(&coord, &[in_b], false), None);
        assert_eq!(home(&admin, &[in_a[0], in_b], false), Some(None));
        assert_eq!(home(&admin, &in_a, true), Some(None));
        // Tokens are made by the venue's coordinators, not the national level.
        assert!(venue_tokens(&admin).is_none());
        assert!(venue_tokens(&coord).unwrap().admits_area(1));
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
            assert!(permit_grant(&p, 7, Some(1), g, true).is_none());
            assert_eq!(audit(&p), None);
            assert!(accounts(&p).is_none());
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
        assert!(accounts(&p).unwrap().everywhere());
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
        let reach = card_records(&issuer).unwrap();
        assert!(reach.admits_point(1, 2));
        assert!(!reach.admits_point(1, 3));
        assert!(!reach.admits_area(1));
        // A point id under the wrong area is not the grant's point.
        assert!(!reach.admits_point(5, 2));
        assert!(issuing(&issuer).unwrap().admits_point(1, 2));
        assert!(subject_access(&issuer).is_none());
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        let reach = card_records(&coord).unwrap();
        assert!(reach.admits_point(1, 3) && !reach.admits_point(2, 9));
        assert!(subject_access(&coord).unwrap().admits_area(1));
        assert!(
            issuing(&coord).is_none(),
            "a coordinator issues only as an issuer"
        );
        let admin = person(vec![Grant::NationalAdmin]);
        assert!(
            card_records(&admin).is_none(),
            "no raw records for the national level"
        );
        let staff = person(vec![Grant::VenueStaff { area: 5, venue: 6 }]);
        assert!(card_lookup(&staff).is_some());
        assert!(card_lookup(&Principal::token(1, 5, 6)).is_some());
        assert!(card_records(&staff).is_none());
        assert!(card_lookup(&person(vec![])).is_none());
    }

    #[test]
    fn r_auth_2_box_office_is_the_venues_own_and_its_tokens() {
        let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
        let reach = box_office(&staff).unwrap();
        assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
        let token = Principal::token(7, 1, 3);
        let reach = box_office(&token).unwrap();
        assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
        assert!(
            offering(&token).is_none(),
            "a token records, it does not edit"
        );
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        let reach = box_office(&coord).unwrap();
        assert!(reach.admits_venue(1, 4) && !reach.admits_venue(2, 9));
        let admin = person(vec![Grant::NationalAdmin]);
        assert!(box_office(&admin).is_none());
        assert!(serves_box_office(&staff) && serves_box_office(&coord));
        assert!(!serves_box_office(&admin) && !serves_box_office(&token));
    }

    #[test]
    fn r_rep_1_a_venue_sees_only_its_own_report() {
        let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
        let reach = venue_reports(&staff).unwrap();
        assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
        let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
        let reach = venue_reports(&coord).unwrap();
        assert!(reach.admits_venue(1, 4) && !reach.admits_venue(2, 5));
        assert!(venue_reports(&person(vec![Grant::NationalAdmin])).is_none());
        assert!(venue_reports(&Principal::token(7, 1, 3)).is_none());
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
        assert!(venue_tokens(&t).is_none());
    }

    #[test]
    fn first_login_a_pending_session_can_do_nothing_but_change_its_password() {
        let p = Principal::pending(4);
        assert_eq!(own_account(&p).map(|o| o.id()), Some(4));
        assert!(card_lookup(&p).is_none());
        assert!(box_office(&p).is_none());
        assert!(!read_national_policy(&p));
        assert_eq!(visible_areas(&p), Some(Listing::Only(vec![])));
    }

    #[test]
    fn r_auth_7_the_operator_reaches_everything() {
        // SAFETY: a test stands in for the binary.
        let op = Principal::operator(&unsafe { Operator::assume() });
        assert!(card_records(&op).unwrap().everywhere());
        assert!(box_office(&op).unwrap().admits_venue(9, 9));
        assert!(accounts(&op).unwrap().everywhere());
        assert!(area_statistics(&op, 3).unwrap().full());
        assert!(own_account(&op).is_none());
    }
}
