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
//!
//! The scope values live here, where their fields are private; the
//! decisions that hand them out are grouped by what they guard, each in a
//! child module (which may build a scope because it lies inside this one).

use crate::Id;
use crate::grant::Grant;
use std::marker::PhantomData;

mod cards;
mod staffing;
mod statistics;
mod structure;
mod venues;

pub use cards::{
    HolderCard, HolderLookup, card_lookup, card_records, holder_card, holder_lookup,
    issuance_imports, issuer_points, issuing, stock, subject_access,
};
pub use staffing::{
    AccountKeys, NewAccount, account_keys, accounts, audit, coordinated_areas, grants_conflict,
    manages_anything, new_account, own_account, permit_grant, venue_tokens,
};
pub use statistics::{Publishing, area_statistics, publishing, submit_statistics};
pub use structure::{
    Listing, manage_area, national, read_national_policy, view_area, view_point, view_venue,
    visible_areas,
};
pub use venues::{
    box_office, catalogue, offering, report_status, serves_box_office, staff_venues, venue_reports,
};

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
    /// Every grant of the account is at a venue or point marked inactive:
    /// it may sign in and out and nothing else (its grants are not here).
    pub only_inactive_places: bool,
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
            only_inactive_places: false,
        }
    }

    /// A session of an account whose grants are all at places marked
    /// inactive: staff who left, or a place that closed.
    pub fn at_inactive_places(account: Id) -> Self {
        Principal {
            only_inactive_places: true,
            ..Principal::session(account, vec![])
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
            only_inactive_places: false,
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
            only_inactive_places: false,
        }
    }

    /// The operator, for the command line's tasks.
    pub fn operator(_: &Operator) -> Self {
        Principal {
            account: None,
            grants: vec![],
            via: Via::Operator,
            password_change_required: false,
            only_inactive_places: false,
        }
    }

    fn is_operator(&self) -> bool {
        self.via == Via::Operator
    }
}

/// Proof of the service's own upkeep, the operator's alone: copying the
/// whole register (backups) and removing what it no longer needs across
/// every area (housekeeping). Copying a proof one holds gives nothing new.
#[derive(Clone, Copy, Debug)]
pub struct Maintenance(());

pub fn maintenance(p: &Principal) -> Option<Maintenance> {
    p.is_operator().then_some(Maintenance(()))
}

impl Principal {
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
    /// The operator at the machine.
    All,
    /// The national service: everything but what was done with holders'
    /// records in areas it does not coordinate. Those entries name cards,
    /// tickets and uses one by one, with times: live small numbers about
    /// people that outside an area only the protected statistics may show
    /// (R-REP-5).
    National {
        coordinated: Vec<Id>,
    },
    Areas(Vec<Id>),
}

/// Audit actions that concern holders' records (a card, its tickets and
/// uses, transfer forms and usage sheets), by the prefix before the dot.
pub const HOLDER_RECORD_ACTIONS: [&str; 7] = [
    "card",
    "cards",
    "ticket",
    "tickets",
    "use",
    "import",
    "usage_report",
];

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

#[cfg(test)]
mod tests;
