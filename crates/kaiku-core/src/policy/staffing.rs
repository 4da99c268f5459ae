//! Who manages staff (R-AUTH-5): accounts by their home and the grants
//! they hold, one's own password, venue integration tokens and the audit
//! log.

use super::*;

/// The accounts a caller sees, by their home: every account for a national
/// admin, the accounts at home in its areas for a coordinator. Seeing an
/// account includes switching it off (which opens no door).
pub fn accounts(p: &Principal) -> Option<Reach<Accounts>> {
    Reach::build(p.is_national_admin(), p.coordinated(), vec![], vec![])
}

/// The accounts whose keys the caller holds: setting their password,
/// switching them back on, giving and taking their grants. Each account's
/// keys are at its home only (R-AUTH-5): a national admin holds those of the
/// national service's accounts, a coordinator those of its areas' accounts.
/// Whoever sets a password can sign in with it, so a national admin must not
/// hold the keys of an area's accounts (their grants read card codes).
#[derive(Clone, Debug)]
pub struct AccountKeys {
    all: bool,
    national: bool,
    areas: Vec<Id>,
}

impl AccountKeys {
    /// Whether the keys of an account at `home` are held.
    pub fn admits(&self, home: Option<Id>) -> bool {
        self.all
            || match home {
                None => self.national,
                Some(area) => self.areas.contains(&area),
            }
    }
}

pub fn account_keys(p: &Principal) -> Option<AccountKeys> {
    let keys = AccountKeys {
        all: p.is_operator(),
        national: p.is_national_admin(),
        areas: p.coordinated(),
    };
    (keys.national || !keys.areas.is_empty()).then_some(keys)
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

/// The home a new account gets (R-AUTH-5): an area's coordinators make the
/// accounts of their area (whose grants all lie in it); a national admin
/// makes accounts of the national service. `None` when the caller may not
/// create such an account.
pub fn new_account(p: &Principal, grants: &[Grant], national: bool) -> Option<NewAccount> {
    let mut areas: Vec<Option<Id>> = grants.iter().map(Grant::area).collect();
    areas.sort_unstable();
    areas.dedup();
    let home = match areas.as_slice() {
        [Some(area)] if !national && p.coordinates(*area) => Some(Some(*area)),
        _ => p.is_national_admin().then_some(None),
    };
    home.map(|home| NewAccount { home })
}

/// Grants that cannot sit together on one account: the national service
/// never sees card codes (§2), so an account holding `national_admin` holds
/// no grant that reads them at a point or a box office (a coordinator grant
/// may sit beside it, as the role table says).
pub fn grants_conflict(held: &[Grant], new: &Grant) -> bool {
    let reads_cards = |g: &Grant| matches!(g, Grant::Issuer { .. } | Grant::VenueStaff { .. });
    (*new == Grant::NationalAdmin && held.iter().any(reads_cards))
        || (reads_cards(new) && held.contains(&Grant::NationalAdmin))
}

/// The permit to give or take away `grant` on the account `target` whose
/// home is `home` and which holds `held` (R-AUTH-5): the grant is given by
/// whoever holds the account's keys, and lies in the account's area if it
/// has one. Nobody gives a grant to their own account, and no grant goes
/// beside one it conflicts with; taking one's own grants away is allowed,
/// but for the last door in (one's own national admin grant).
pub fn permit_grant(
    p: &Principal,
    target: Id,
    home: Option<Id>,
    held: &[Grant],
    grant: Grant,
    giving: bool,
) -> Option<GrantPermit> {
    let own = p.account == Some(target);
    if own && (giving || grant == Grant::NationalAdmin) {
        return None;
    }
    if giving && grants_conflict(held, &grant) {
        return None;
    }
    let keys = account_keys(p)?;
    let allowed = keys.admits(home) && (home.is_none() || grant.area() == home);
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
    let areas = p.coordinated();
    if p.is_operator() {
        return Some(AuditScope::All);
    }
    if p.is_national_admin() {
        return Some(AuditScope::National { coordinated: areas });
    }
    (!areas.is_empty()).then_some(AuditScope::Areas(areas))
}
