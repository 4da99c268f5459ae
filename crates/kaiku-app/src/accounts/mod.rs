//! Staff accounts and role grants (SPEC §2, R-AUTH-3).
//!
//! An account and its answer are here; which grant may go to which account
//! (R-AUTH-5) and who may sign in with it (passwords, switching it off) are
//! modules of their own.

mod access;
mod grants;

pub use access::{
    ActiveInput, AddressFailures, LoginFailures, PasswordChange, ResetInput, change_own_password,
    login_failures, reset_password, set_active, unlock,
};
pub use grants::{add_grant, remove_grant};
use grants::{grant_event, permit, resolve_grant};

use crate::{Check, taken};
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::flex;
use crate::session::hash_password;
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy::{self, Accounts, Reach};
use kaiku_store::accounts::{self, StoredGrant};
use kaiku_store::{DbConn, StoreError, audit, now};
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

/// A national admin sees an area's accounts but does not hold their keys
/// (R-AUTH-5): the area's coordinator sets their passwords and grants.
fn keys_elsewhere() -> AppError {
    AppError::Refused(Refused {
        kind: RefusalKind::Conflict,
        code: "account_keys_at_home",
        rule: "R-AUTH-5",
        args: vec![],
    })
}

/// The keys of an account the caller sees, or why it does not hold them.
fn keys_for(caller: &Caller, home: Option<Id>) -> AppResult<policy::AccountKeys> {
    policy::account_keys(caller.principal())
        .filter(|k| k.admits(home))
        .ok_or_else(keys_elsewhere)
}

/// Accounts the caller manages: everyone for a national admin, the accounts
/// at home in its areas for a coordinator.
pub async fn list(store: &Store, caller: &Caller) -> AppResult<Vec<AccountOut>> {
    let reach = reach(caller)?;
    let list = store.read(move |c| accounts::list(c, &reach)).await?;
    Ok(list
        .into_iter()
        .map(|(a, gs)| AccountOut::new(a, grants_out(&gs)))
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
    c.field(
        "password",
        input::new_password(&i.password, &i.username).map(|_| ()),
    );
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
            let mut held = vec![];
            for g in grants {
                let permit = permit(&p, id, home.home(), &held, g)?;
                held.push(g);
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
    c.field(
        "password",
        input::new_password(password, username).map(|_| ()),
    );
    let username = c.field("username", input::username(username));
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
            accounts::add_grant(c, &permit(&p, id, None, &[], grant)?, now)?;
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
