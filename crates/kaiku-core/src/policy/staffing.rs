//! Who manages staff (R-AUTH-5): accounts by their home and the grants
//! they hold, one's own password, venue integration tokens and the audit
//! log.

use super::*;

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
