//! Staff accounts and role grants (SPEC §2, R-AUTH-3).

use super::{Check, taken};
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::flex;
use crate::session::{hash_password, verify_password};
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy::{self, Accounts, GrantPermit, Reach};
use kaiku_store::accounts::{self, StoredGrant};
use kaiku_store::{DbConn, StoreError, audit, now, points, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GrantInput {
    #[serde(default)]
    #[schema(value_type = Role, required = true)]
    pub role: String,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub area: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub distribution_point: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub venue: Option<Id>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    #[serde(default)]
    /// 3 to 64 letters, digits and `._-@`; kept in lower case.
    #[schema(required = true)]
    pub username: String,
    #[serde(default)]
    #[schema(required = true)]
    pub password: String,
    #[serde(default)]
    pub grants: Vec<GrantInput>,
    /// A national account (R-AUTH-5): managed by national admins, with grants
    /// in any area, e.g. for a ticket agency that sells for several areas.
    #[serde(default, deserialize_with = "flex::bool")]
    pub national: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
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

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AccountOut {
    pub id: Id,
    pub username: String,
    pub active: bool,
    /// The area the account belongs to (R-AUTH-5); `null` is the national
    /// service.
    pub home_area: Option<Id>,
    /// The password was set by someone else and must be changed before the
    /// account can do anything else.
    pub password_change_required: bool,
    pub grants: Vec<GrantOut>,
}

impl AccountOut {
    fn new(a: accounts::Account, grants: Vec<GrantOut>) -> Self {
        AccountOut {
            id: a.id,
            username: a.username,
            active: a.active,
            home_area: a.home_area_id,
            password_change_required: a.password_change_required,
            grants,
        }
    }
}

/// A requested grant, with its area taken from the database (never from the
/// request). A place in an area the caller does not coordinate is answered
/// like an unknown one (R-AUTH-6).
fn resolve_grant(c: &mut DbConn, p: &policy::Principal, g: &GrantInput) -> AppResult<Grant> {
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
fn grant_refused(p: &policy::Principal, account: Id, home: Option<Id>, g: &Grant) -> AppError {
    let code = if p.account == Some(account) {
        "cannot_grant_own_account"
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

/// The permit for giving `g` to an account, or why not.
fn permit(
    p: &policy::Principal,
    account: Id,
    home: Option<Id>,
    g: Grant,
) -> AppResult<GrantPermit> {
    policy::permit_grant(p, account, home, g, true)
        .ok_or_else(|| grant_refused(p, account, home, &g))
}

fn grant_event(action: &'static str, account: Id, g: &Grant) -> audit::Event<'static> {
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

fn grants_out(grants: &[StoredGrant]) -> Vec<GrantOut> {
    grants
        .iter()
        .map(|g| GrantOut::new(Some(g.id), &g.grant))
        .collect()
}

fn out(c: &mut DbConn, reach: &Reach<Accounts>, id: Id) -> Result<AccountOut, StoreError> {
    let a = accounts::get(c, reach, id)?;
    let grants = accounts::grants_of(c, reach, id)?;
    Ok(AccountOut::new(a, grants_out(&grants)))
}

fn reach(caller: &Caller) -> AppResult<Reach<Accounts>> {
    policy::accounts(caller.principal()).ok_or(AppError::Forbidden)
}

/// Accounts the caller manages: everyone for a national admin, the accounts
/// at home in its areas for a coordinator.
pub async fn list(store: &Store, caller: &Caller) -> AppResult<Vec<AccountOut>> {
    let reach = reach(caller)?;
    let list = store.read(move |c| accounts::list(c, &reach)).await?;
    Ok(list
        .into_iter()
        .map(|(a, gs)| AccountOut::new(a, gs.iter().map(|g| GrantOut::new(None, g)).collect()))
        .collect())
}

/// An account: one's own, or one the caller manages.
pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<AccountOut> {
    if let Some(own) = policy::own_account(caller.principal()).filter(|o| o.id() == id) {
        return store
            .read(move |c| {
                let a = accounts::own(c, &own)?;
                let grants = accounts::own_grants(c, &own)?;
                Ok(AccountOut::new(a, grants_out(&grants)))
            })
            .await;
    }
    let reach = reach(caller)?;
    Ok(store.read(move |c| out(c, &reach, id)).await?)
}

pub async fn create(store: &Store, caller: &Caller, i: &AccountInput) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let reach = reach(caller)?;
    let mut c = Check::default();
    let username = c.field("username", input::username(&i.username));
    c.field("password", input::new_password(&i.password).map(|_| ()));
    if i.grants.is_empty() {
        c.fail("role", InputError::Required);
    }
    c.finish()?;
    let hash = hash_password(i.password.clone()).await?;
    let (requested, national) = (i.grants.clone(), i.national);
    let actor = caller.actor();
    store
        .write(move |c| {
            let now = now();
            let grants = requested
                .iter()
                .map(|g| resolve_grant(c, &p, g))
                .collect::<AppResult<Vec<_>>>()?;
            let home = policy::new_account(&p, &grants, national).ok_or(AppError::Forbidden)?;
            if accounts::username_taken(c, &username)? {
                return Err(AppError::Conflict("username_taken"));
            }
            // Someone else chose the password: the owner changes it first.
            let id = accounts::create(c, &home, &username, &hash, true, now)
                .map_err(|e| taken("username_taken")(e.into()))?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.create",
                    record_type: "account",
                    record_id: Some(id),
                    area: home.home(),
                    detail: String::new(),
                },
                now,
            )?;
            for g in grants {
                let permit = permit(&p, id, home.home(), g)?;
                accounts::add_grant(c, &permit, now)
                    .map_err(|e| taken("grant_exists")(e.into()))?;
                audit::record(c, &actor, &grant_event("grant.add", id, &g), now)?;
            }
            Ok(out(c, &reach, id)?)
        })
        .await
}

/// A national administrator, made by the operator at the command line (the
/// first one is made before anyone can log in). The operator typed the
/// password, so no change is asked for at the first login.
pub async fn create_national_admin(
    store: &Store,
    caller: &Caller,
    username: &str,
    password: &str,
) -> AppResult<AccountOut> {
    let p = caller.principal().clone();
    let reach = reach(caller)?;
    let home = policy::new_account(&p, &[Grant::NationalAdmin], true).ok_or(AppError::Forbidden)?;
    let mut c = Check::default();
    let username = c.field("username", input::username(username));
    c.field("password", input::new_password(password).map(|_| ()));
    c.finish()?;
    let hash = hash_password(password.to_string()).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            if accounts::username_taken(c, &username)? {
                return Err(AppError::Conflict("username_taken"));
            }
            let now = now();
            let id = accounts::create(c, &home, &username, &hash, false, now)?;
            let grant = Grant::NationalAdmin;
            accounts::add_grant(c, &permit(&p, id, None, grant)?, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.create",
                    record_type: "account",
                    record_id: Some(id),
                    area: None,
                    detail: "role=national_admin".into(),
                },
                now,
            )?;
            Ok(out(c, &reach, id)?)
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
    let reach = reach(caller)?;
    let g = g.clone();
    let actor = caller.actor();
    store
        .write(move |c| {
            let account = accounts::get(c, &reach, id)?;
            let grant = resolve_grant(c, &p, &g)?;
            let permit = permit(&p, id, account.home_area_id, grant)?;
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
            let permit =
                policy::permit_grant(&p, id, home, grant, false).ok_or(AppError::Forbidden)?;
            accounts::remove_grant(c, &permit)?;
            audit::record(c, &actor, &grant_event("grant.remove", id, &grant), now())?;
            Ok(out(c, &reach, id)?)
        })
        .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetInput {
    #[serde(default)]
    #[schema(required = true)]
    pub password: String,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// A coordinator sets a new password for a member of staff who forgot theirs;
/// every session of that account ends, and its owner must choose a new
/// password at the next login.
pub async fn reset_password(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &ResetInput,
) -> AppResult<()> {
    if caller.principal().account == Some(id) {
        return Err(AppError::Conflict("use_own_password_form"));
    }
    let reach = reach(caller)?;
    input::new_password(&i.password).map_err(|e| AppError::field("password", e))?;
    let hash = hash_password(i.password.clone()).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let home = accounts::get(c, &reach, id)?.home_area_id;
            accounts::reset_password(c, &reach, id, &hash, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "account.password_reset",
                    record_type: "account",
                    record_id: Some(id),
                    area: home,
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(())
        })
        .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActiveInput {
    #[serde(deserialize_with = "flex::bool")]
    pub active: bool,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

pub async fn set_active(
    store: &Store,
    caller: &Caller,
    id: Id,
    active: bool,
) -> AppResult<AccountOut> {
    if caller.principal().account == Some(id) {
        return Err(AppError::Conflict("cannot_deactivate_self"));
    }
    let reach = reach(caller)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let home = accounts::get(c, &reach, id)?.home_area_id;
            accounts::set_active(c, &reach, id, active)?;
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
                    area: home,
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(out(c, &reach, id)?)
        })
        .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[serde(default)]
    #[schema(required = true)]
    pub current_password: String,
    #[serde(default)]
    #[schema(required = true)]
    pub new_password: String,
    /// Forms ask twice; the API may leave it out.
    #[serde(default)]
    pub new_password_again: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
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
    let own = policy::own_account(caller.principal()).ok_or(AppError::Forbidden)?;
    let id = own.id();
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
    if !i.new_password.is_empty() && i.new_password == i.current_password {
        c.fail("new_password", InputError::PasswordUnchanged);
    }
    c.finish()?;
    let own2 = policy::own_account(caller.principal()).ok_or(AppError::Forbidden)?;
    let account = store.read(move |c| accounts::own(c, &own2)).await?;
    if !verify_password(i.current_password.clone(), Some(account.password_hash)).await {
        return Err(AppError::Conflict("current_password_wrong"));
    }
    let hash = hash_password(i.new_password.clone()).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            accounts::set_own_password(c, &own, &hash, keep.as_deref(), now())?;
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

/// Finds an account the caller manages by its name, for adding a grant to
/// an existing account.
pub async fn find_by_username(store: &Store, caller: &Caller, username: &str) -> AppResult<Id> {
    let reach = reach(caller)?;
    let name = input::username(username).map_err(|e| AppError::field("username", e))?;
    let found = store
        .read(move |c| accounts::find_by_username(c, &reach, &name))
        .await?;
    found
        .map(|a| a.id)
        .ok_or(AppError::field("username", InputError::InvalidChoice))
}
