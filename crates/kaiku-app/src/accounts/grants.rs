//! Giving and taking roles (R-AUTH-3, R-AUTH-5): a grant's place is read
//! from the database, never from the request, and a grant that may not go to
//! an account is refused in words that say why.

use super::{AccountOut, GrantInput, out, reach};
use crate::taken;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::input::InputError;
use kaiku_core::policy::{self, GrantPermit};
use kaiku_store::accounts;
use kaiku_store::{DbConn, StoreError, audit, now, points, venues};

/// A requested grant, with its area taken from the database (never from the
/// request). A place in an area the caller does not coordinate is answered
/// like an unknown one (R-AUTH-6).
pub(super) fn resolve_grant(
    c: &mut DbConn,
    p: &policy::Principal,
    g: &GrantInput,
) -> AppResult<Grant> {
    let grant = place_grant(c, g)?;
    match grant.area() {
        Some(area) if !p.is_national_admin() && !p.coordinates(area) => {
            let field = match grant {
                Grant::Issuer { .. } => "distribution_point",
                Grant::VenueStaff { .. } => "venue",
                _ => "area",
            };
            Err(AppError::field(field, InputError::InvalidChoice))
        }
        _ => Ok(grant),
    }
}

fn place_grant(c: &mut DbConn, g: &GrantInput) -> AppResult<Grant> {
    let role = g
        .role
        .trim()
        .parse::<Role>()
        .ok()
        .ok_or(AppError::field("role", InputError::InvalidChoice))?;
    let required =
        |v: Option<Id>, field: &'static str| v.ok_or(AppError::field(field, InputError::Required));
    let invalid = |field: &'static str| {
        move |e: StoreError| match e {
            StoreError::NotFound => AppError::field(field, InputError::InvalidChoice),
            e => e.into(),
        }
    };
    Ok(match role {
        Role::NationalAdmin => Grant::NationalAdmin,
        Role::AreaCoordinator => {
            let area = required(g.area, "area")?;
            kaiku_store::areas::get(c, area).map_err(invalid("area"))?;
            Grant::AreaCoordinator { area }
        }
        Role::Issuer => {
            let point = points::get(c, required(g.distribution_point, "distribution_point")?)
                .map_err(invalid("distribution_point"))?;
            Grant::Issuer {
                area: point.area_id,
                point: point.id,
            }
        }
        Role::VenueStaff => {
            let venue = venues::get(c, required(g.venue, "venue")?).map_err(invalid("venue"))?;
            Grant::VenueStaff {
                area: venue.area_id,
                venue: venue.id,
            }
        }
    })
}

/// R-AUTH-5 in plain words: why this grant cannot go to this account.
fn grant_refused(
    p: &policy::Principal,
    account: Id,
    home: Option<Id>,
    held: &[Grant],
    g: &Grant,
) -> AppError {
    let code = if p.account == Some(account) {
        "cannot_grant_own_account"
    } else if policy::grants_conflict(held, g) {
        "national_admin_reads_no_cards"
    } else if !policy::account_keys(p).is_some_and(|k| k.admits(home)) {
        return super::keys_elsewhere();
    } else if home.is_some() && g.area() != home {
        "grant_outside_home"
    } else {
        return AppError::Forbidden;
    };
    AppError::Refused(Refused {
        kind: RefusalKind::Conflict,
        code,
        rule: "R-AUTH-5",
        args: vec![],
    })
}

/// The permit for giving `g` to an account that holds `held`, or why not.
pub(super) fn permit(
    p: &policy::Principal,
    account: Id,
    home: Option<Id>,
    held: &[Grant],
    g: Grant,
) -> AppResult<GrantPermit> {
    policy::permit_grant(p, account, home, held, g, true)
        .ok_or_else(|| grant_refused(p, account, home, held, &g))
}

pub(super) fn grant_event(action: &'static str, account: Id, g: &Grant) -> audit::Event<'static> {
    audit::Event {
        action,
        record_type: "account",
        record_id: Some(account),
        area: g.area(),
        detail: format!(
            "role={}{}{}",
            g.role().as_ref(),
            g.point().map(|p| format!(" point={p}")).unwrap_or_default(),
            g.venue().map(|v| format!(" venue={v}")).unwrap_or_default()
        ),
    }
}

pub async fn add_grant(
    store: &Store,
    caller: &Caller,
    id: Id,
    g: &GrantInput,
) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let reach = reach(caller)?;
    let g = g.clone();
    let actor = caller.actor();
    store
        .write(move |c| {
            let account = accounts::get(c, &reach, id)?;
            let held: Vec<Grant> = accounts::grants_of(c, &reach, id)?
                .into_iter()
                .map(|g| g.grant)
                .collect();
            let grant = resolve_grant(c, &p, &g)?;
            let permit = permit(&p, id, account.home_area_id, &held, grant)?;
            accounts::add_grant(c, &permit, now()).map_err(|e| taken("grant_exists")(e.into()))?;
            audit::record(c, &actor, &grant_event("grant.add", id, &grant), now())?;
            Ok(out(c, &reach, id)?)
        })
        .await
}

pub async fn remove_grant(
    store: &Store,
    caller: &Caller,
    id: Id,
    grant_id: Id,
) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let reach = reach(caller)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let (account, home, grant) = accounts::get_grant(c, &reach, grant_id)?;
            if account != id {
                return Err(AppError::NotFound);
            }
            if p.account == Some(id) && grant == Grant::NationalAdmin {
                // The last door into the system must not be closed from inside.
                return Err(AppError::Conflict("cannot_remove_own_admin"));
            }
            let permit = policy::permit_grant(&p, id, home, &[], grant, false)
                .ok_or_else(super::keys_elsewhere)?;
            accounts::remove_grant(c, &permit)?;
            audit::record(c, &actor, &grant_event("grant.remove", id, &grant), now())?;
            Ok(out(c, &reach, id)?)
        })
        .await
}
