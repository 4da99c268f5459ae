//! Who may sign in with an account: its password reset by whoever manages
//! it (changed again by the owner at the next login), changed by the owner,
//! and the account switched off or on.

use super::{AccountOut, keys_for, out, reach};
use crate::Check;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::flex;
use crate::session::{hash_password, sha256_hex, verify_password};
use kaiku_core::Id;
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_core::throttle;
use kaiku_store::accounts;
use kaiku_store::{audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    let seen = reach.clone();
    let username = store
        .read(move |c| accounts::get(c, &seen, id))
        .await?
        .username;
    input::new_password(&i.password, &username).map_err(|e| AppError::field("password", e))?;
    let hash = hash_password(i.password.clone()).await?;
    let actor = caller.actor();
    let caller = caller.clone();
    store
        .write(move |c| {
            let home = accounts::get(c, &reach, id)?.home_area_id;
            accounts::reset_password(c, &keys_for(&caller, home)?, id, &hash, now())?;
            // A new password lifts the locks the old one's guessers made.
            kaiku_store::throttle::clear(c, &sha256_hex(&username))?;
            // Whoever sets a password can sign in with it: the areas where
            // the account holds roles see it in their log too.
            logged(c, &reach, &actor, id, home, "account.password_reset")?;
            Ok(())
        })
        .await
}

/// Logs a change of an account wherever [`areas_of`] says.
fn logged(
    c: &mut kaiku_store::DbConn,
    reach: &kaiku_core::policy::Reach<kaiku_core::policy::Accounts>,
    actor: &kaiku_store::Actor,
    id: Id,
    home: Option<Id>,
    action: &'static str,
) -> Result<(), kaiku_store::StoreError> {
    for area in areas_of(c, reach, id, home)? {
        audit::record(
            c,
            actor,
            &audit::Event {
                action,
                record_type: "account",
                record_id: Some(id),
                area,
                detail: String::new(),
            },
            now(),
        )?;
    }
    Ok(())
}

/// Where an account's changes are logged: its home (an area, or the national
/// log), and every area where a national account holds a role.
fn areas_of(
    c: &mut kaiku_store::DbConn,
    reach: &kaiku_core::policy::Reach<kaiku_core::policy::Accounts>,
    id: Id,
    home: Option<Id>,
) -> Result<Vec<Option<Id>>, kaiku_store::StoreError> {
    let mut areas = vec![home];
    if home.is_none() {
        for g in accounts::grants_of(c, reach, id)? {
            if let Some(a) = g.grant.area()
                && !areas.contains(&Some(a))
            {
                areas.push(Some(a));
            }
        }
    }
    Ok(areas)
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
    let caller = caller.clone();
    store
        .write(move |c| {
            let home = accounts::get(c, &reach, id)?.home_area_id;
            if active {
                // Switching an account back on gives its sign-in back: only
                // whoever holds its keys may; switching off opens no door.
                accounts::activate(c, &keys_for(&caller, home)?, id)?;
            } else {
                accounts::deactivate(c, &reach, id)?;
            }
            let action = if active {
                "account.activate"
            } else {
                "account.deactivate"
            };
            logged(c, &reach, &actor, id, home, action)?;
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
        input::new_password(&i.new_password, &caller.label).map(|_| ()),
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

/// Failed logins of an account in the last 15 minutes: how many, and from
/// where, each address with whether it is locked out (R-SEC-2).
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct LoginFailures {
    pub recent: usize,
    pub addresses: Vec<AddressFailures>,
    /// Each login of this account now waits this long, because its name is
    /// being tried from many places.
    pub delay_seconds: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AddressFailures {
    pub address: String,
    pub failures: usize,
    pub locked: bool,
}

/// The failed logins of an account whose keys the caller holds.
pub async fn login_failures(store: &Store, caller: &Caller, id: Id) -> AppResult<LoginFailures> {
    let reach = reach(caller)?;
    let caller = caller.clone();
    let since = now() - throttle::WINDOW;
    let (name, home) = store
        .read(move |c| {
            let a = accounts::get(c, &reach, id)?;
            Ok::<_, AppError>((a.username, a.home_area_id))
        })
        .await?;
    keys_for(&caller, home)?;
    let seen = store
        .read(move |c| kaiku_store::throttle::of_name(c, &sha256_hex(&name), since))
        .await?;
    let at = now().and_utc();
    let mut addresses: Vec<AddressFailures> = vec![];
    for (address, _) in &seen {
        if addresses.iter().any(|a| &a.address == address) {
            continue;
        }
        let pair: Vec<_> = seen
            .iter()
            .filter(|(a, _)| a == address)
            .map(|(_, t)| t.and_utc())
            .collect();
        addresses.push(AddressFailures {
            address: address.clone(),
            failures: pair.len(),
            locked: pair.len() >= throttle::PER_PAIR,
        });
    }
    let all = throttle::Recent {
        name: seen.iter().map(|(_, t)| t.and_utc()).collect(),
        ..throttle::Recent::default()
    };
    let delay_seconds = match throttle::verdict(&all, at) {
        throttle::Verdict::Go { delay_seconds } => delay_seconds,
        throttle::Verdict::Locked { .. } => 0,
    };
    Ok(LoginFailures {
        recent: seen.len(),
        addresses,
        delay_seconds,
    })
}

/// Lifts every lock and delay of an account's logins: whoever holds its
/// keys does, after making sure its owner is the one locked out.
pub async fn unlock(store: &Store, caller: &Caller, id: Id) -> AppResult<()> {
    let reach = reach(caller)?;
    let actor = caller.actor();
    let caller = caller.clone();
    store
        .write(move |c| {
            let a = accounts::get(c, &reach, id)?;
            keys_for(&caller, a.home_area_id)?;
            kaiku_store::throttle::clear(c, &sha256_hex(&a.username))?;
            logged(c, &reach, &actor, id, a.home_area_id, "account.unlock")?;
            Ok(())
        })
        .await
}
