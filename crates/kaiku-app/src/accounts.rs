//! Staff accounts and role grants (SPEC §2, R-AUTH-3).

use super::{Check, taken};
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::flex;
use crate::session::{hash_password, verify_password};
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy::{self, GrantPermit};
use kaiku_store::accounts::{self, StoredGrant};
use kaiku_store::{DbConn, StoreError, audit, now, points, sessions, venues};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantInput {
    #[serde(default)]
    pub role: String,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub area: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub distribution_point: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub venue: Option<Id>,
    #[serde(default)]
    pub csrf: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub grants: Vec<GrantInput>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GrantOut {
    pub id: Option<Id>,
    pub role: Role,
    pub area: Option<Id>,
    pub distribution_point: Option<Id>,
    pub venue: Option<Id>,
}

impl GrantOut {
    fn new(id: Option<Id>, g: &Grant) -> Self {
        GrantOut {
            id,
            role: g.role(),
            area: g.area(),
            distribution_point: g.point(),
            venue: g.venue(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AccountOut {
    pub id: Id,
    pub username: String,
    pub active: bool,
    pub grants: Vec<GrantOut>,
}

/// Turns a requested grant into one with its area taken from the database
/// (never from the request), then asks the policy for a permit.
fn resolve_grant(c: &mut DbConn, p: &policy::Principal, g: &GrantInput) -> AppResult<GrantPermit> {
    let role =
        Role::parse(g.role.trim()).ok_or(AppError::field("role", InputError::InvalidChoice))?;
    let required =
        |v: Option<Id>, field: &'static str| v.ok_or(AppError::field(field, InputError::Required));
    let grant = match role {
        Role::NationalAdmin => Grant::NationalAdmin,
        Role::AreaCoordinator => {
            let area = required(g.area, "area")?;
            kaiku_store::areas::get(c, area)?;
            Grant::AreaCoordinator { area }
        }
        Role::Issuer => {
            let point = points::get(c, required(g.distribution_point, "distribution_point")?)?;
            Grant::Issuer {
                area: point.area_id,
                point: point.id,
            }
        }
        Role::VenueStaff => {
            let venue = venues::get(c, required(g.venue, "venue")?)?;
            Grant::VenueStaff {
                area: venue.area_id,
                venue: venue.id,
            }
        }
    };
    policy::permit_grant(p, grant).ok_or(AppError::Forbidden)
}

fn grant_event(action: &'static str, account: Id, g: &Grant) -> audit::Event<'static> {
    audit::Event {
        action,
        record_type: "account",
        record_id: Some(account),
        area: g.area(),
        detail: format!(
            "role={}{}{}",
            g.role().as_str(),
            g.point().map(|p| format!(" point={p}")).unwrap_or_default(),
            g.venue().map(|v| format!(" venue={v}")).unwrap_or_default()
        ),
    }
}

fn out(c: &mut DbConn, id: Id) -> Result<AccountOut, StoreError> {
    let a = accounts::get(c, id)?;
    let grants = accounts::grants_of(c, id)?;
    Ok(AccountOut {
        id: a.id,
        username: a.username,
        active: a.active,
        grants: grants
            .iter()
            .map(|g| GrantOut::new(Some(g.id), &g.grant))
            .collect(),
    })
}

/// Accounts the caller sees: everyone for a national admin, the staff of the
/// coordinated areas for a coordinator.
pub async fn list(store: &Store, caller: &Caller) -> AppResult<Vec<AccountOut>> {
    let p = caller.principal();
    let areas = match policy::account_listing(p).ok_or(AppError::Forbidden)? {
        policy::Listing::All => None,
        policy::Listing::Only(areas) => Some(areas),
    };
    let list = store
        .read(move |c| accounts::list(c, areas.as_deref()))
        .await?;
    Ok(list
        .into_iter()
        .map(|(a, gs)| AccountOut {
            id: a.id,
            username: a.username,
            active: a.active,
            grants: gs.iter().map(|g| GrantOut::new(None, g)).collect(),
        })
        .collect())
}

pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let account = store.read(move |c| out(c, id)).await?;
    let grants: Vec<Grant> = stored(&account);
    let own = p.account == Some(id);
    if !own && !policy::may_see_account(&p, &grants) {
        return Err(AppError::Forbidden);
    }
    Ok(account)
}

fn stored(a: &AccountOut) -> Vec<Grant> {
    a.grants
        .iter()
        .filter_map(|g| Grant::from_parts(g.role, g.area, g.distribution_point, g.venue))
        .collect()
}

pub async fn create(store: &Store, caller: &Caller, i: &AccountInput) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    if policy::own_account(&p).is_none() {
        return Err(AppError::Forbidden);
    }
    let mut c = Check::default();
    let username = c.field("username", input::username(&i.username));
    c.field("password", input::new_password(&i.password).map(|_| ()));
    if i.grants.is_empty() {
        c.fail("role", InputError::Required);
    }
    c.finish()?;
    let hash = hash_password(i.password.clone()).await?;
    let grants = i.grants.clone();
    let actor = caller.actor();
    store
        .write(move |c| {
            let now = now();
            let permits = grants
                .iter()
                .map(|g| resolve_grant(c, &p, g))
                .collect::<AppResult<Vec<_>>>()?;
            let id = accounts::create(c, &username, &hash, now)
                .map_err(|e| taken("username_taken")(e.into()))?;
            let first_area = permits.iter().find_map(|p| p.grant().area());
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.create",
                    record_type: "account",
                    record_id: Some(id),
                    area: first_area,
                    detail: String::new(),
                },
                now,
            )?;
            for permit in &permits {
                accounts::add_grant(c, id, permit, now)
                    .map_err(|e| taken("grant_exists")(e.into()))?;
                audit::record(
                    c,
                    &actor,
                    &grant_event("grant.add", id, &permit.grant()),
                    now,
                )?;
            }
            Ok(out(c, id)?)
        })
        .await
}

pub async fn add_grant(
    store: &Store,
    caller: &Caller,
    id: Id,
    g: &GrantInput,
) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let g = g.clone();
    let actor = caller.actor();
    store
        .write(move |c| {
            accounts::get(c, id)?;
            let permit = resolve_grant(c, &p, &g)?;
            accounts::add_grant(c, id, &permit, now())
                .map_err(|e| taken("grant_exists")(e.into()))?;
            audit::record(
                c,
                &actor,
                &grant_event("grant.add", id, &permit.grant()),
                now(),
            )?;
            Ok(out(c, id)?)
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
    let actor = caller.actor();
    store
        .write(move |c| {
            let (account, grant) = accounts::get_grant(c, grant_id)?;
            if account != id {
                return Err(AppError::NotFound);
            }
            let permit = policy::permit_grant(&p, grant).ok_or(AppError::Forbidden)?;
            if p.account == Some(id) && grant == Grant::NationalAdmin {
                // The last door into the system must not be closed from inside.
                return Err(AppError::Conflict("cannot_remove_own_admin"));
            }
            accounts::remove_grant(c, id, &permit)?;
            audit::record(c, &actor, &grant_event("grant.remove", id, &grant), now())?;
            Ok(out(c, id)?)
        })
        .await
}

/// Checks that the caller may manage the whole account (every grant in scope).
fn manageable(c: &mut DbConn, p: &policy::Principal, id: Id) -> AppResult<Vec<StoredGrant>> {
    accounts::get(c, id)?;
    let grants = accounts::grants_of(c, id)?;
    let plain: Vec<Grant> = grants.iter().map(|g| g.grant).collect();
    if !policy::may_manage_account(p, &plain) {
        return Err(AppError::Forbidden);
    }
    Ok(grants)
}

fn area_of(grants: &[StoredGrant]) -> Option<Id> {
    grants.iter().find_map(|g| g.grant.area())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetInput {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub csrf: Option<String>,
}

/// A coordinator sets a new password for a member of staff who forgot theirs;
/// every session of that account ends.
pub async fn reset_password(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &ResetInput,
) -> AppResult<()> {
    let p = caller.principal().clone();
    if p.account == Some(id) {
        return Err(AppError::Conflict("use_own_password_form"));
    }
    input::new_password(&i.password).map_err(|e| AppError::field("password", e))?;
    let hash = hash_password(i.password.clone()).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let grants = manageable(c, &p, id)?;
            accounts::set_password(c, id, &hash, now())?;
            sessions::delete_for_account(c, id, None)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.password_reset",
                    record_type: "account",
                    record_id: Some(id),
                    area: area_of(&grants),
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(())
        })
        .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActiveInput {
    #[serde(deserialize_with = "flex::bool")]
    pub active: bool,
    #[serde(default)]
    pub csrf: Option<String>,
}

pub async fn set_active(
    store: &Store,
    caller: &Caller,
    id: Id,
    active: bool,
) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    if p.account == Some(id) {
        return Err(AppError::Conflict("cannot_deactivate_self"));
    }
    let actor = caller.actor();
    store
        .write(move |c| {
            let grants = manageable(c, &p, id)?;
            accounts::set_active(c, id, active)?;
            if !active {
                sessions::delete_for_account(c, id, None)?;
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: if active {
                        "account.activate"
                    } else {
                        "account.deactivate"
                    },
                    record_type: "account",
                    record_id: Some(id),
                    area: area_of(&grants),
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(out(c, id)?)
        })
        .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
    /// Forms ask twice; the API may leave it out.
    #[serde(default)]
    pub new_password_again: Option<String>,
    #[serde(default)]
    pub csrf: Option<String>,
}

/// Anyone changes their own password; their other sessions end (all but
/// `keep`, the stored hash of the session the change was made in).
pub async fn change_own_password(
    store: &Store,
    caller: &Caller,
    keep: Option<String>,
    i: &PasswordChange,
) -> AppResult<()> {
    let id = policy::own_account(caller.principal()).ok_or(AppError::Forbidden)?;
    let mut c = Check::default();
    if i.current_password.is_empty() {
        c.fail("current_password", InputError::Required);
    }
    c.field(
        "new_password",
        input::new_password(&i.new_password).map(|_| ()),
    );
    if i.new_password_again
        .as_ref()
        .is_some_and(|again| *again != i.new_password)
    {
        c.fail("new_password_again", InputError::PasswordsDiffer);
    }
    c.finish()?;
    let account = store.read(move |c| accounts::get(c, id)).await?;
    if !verify_password(i.current_password.clone(), Some(account.password_hash)).await {
        return Err(AppError::Conflict("current_password_wrong"));
    }
    let hash = hash_password(i.new_password.clone()).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            accounts::set_password(c, id, &hash, now())?;
            sessions::delete_for_account(c, id, keep.as_deref())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.password_change",
                    record_type: "account",
                    record_id: Some(id),
                    area: None,
                    detail: String::new(),
                },
                now(),
            )
        })
        .await?;
    Ok(())
}

/// Finds an account by name, for adding a grant to an existing account.
pub async fn find_by_username(store: &Store, caller: &Caller, username: &str) -> AppResult<Id> {
    caller.principal();
    let name = input::username(username).map_err(|e| AppError::field("username", e))?;
    let found = store
        .read(move |c| accounts::find_by_username(c, &name))
        .await?;
    found
        .map(|a| a.id)
        .ok_or(AppError::field("username", InputError::InvalidChoice))
}
