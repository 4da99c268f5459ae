//! Staff accounts and their role grants (SPEC §2, R-AUTH-5).
//!
//! Every account has a home: an area, or the national service (`None`). What
//! a caller may touch is a [`Reach<Accounts>`] by home; an account outside it
//! is answered as if there were none.

use crate::schema::{accounts, distribution_points, grants, venues};
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::policy::{AccountKeys, Accounts, GrantPermit, NewAccount, OwnAccount, Reach};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: Id,
    pub username: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
    /// The area the account belongs to; `None` is the national service.
    pub home_area_id: Option<Id>,
    pub password_change_required: bool,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = grants)]
struct GrantRow {
    id: Id,
    account_id: Id,
    role: Role,
    area_id: Option<Id>,
    distribution_point_id: Option<Id>,
    venue_id: Option<Id>,
}

impl GrantRow {
    fn grant(&self) -> Option<Grant> {
        Grant::from_parts(
            self.role,
            self.area_id,
            self.distribution_point_id,
            self.venue_id,
        )
    }
}

/// A grant as stored, with its id (to remove it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredGrant {
    pub id: Id,
    pub grant: Grant,
}

fn admitted(reach: &Reach<Accounts>, home: Option<Id>) -> bool {
    reach.everywhere() || home.is_some_and(|a| reach.admits_area(a))
}

/// Creates an account at the home the policy decided. `must_change`: the
/// password was chosen by someone else and must be changed at first login.
pub fn create(
    conn: &mut DbConn,
    home: &NewAccount,
    username: &str,
    password_hash: &str,
    must_change: bool,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(accounts::table)
        .values((
            accounts::username.eq(username),
            accounts::password_hash.eq(password_hash),
            accounts::active.eq(true),
            accounts::created_at.eq(now),
            accounts::password_changed_at.eq(now),
            accounts::home_area_id.eq(home.home()),
            accounts::password_change_required.eq(must_change),
        ))
        .returning(accounts::id)
        .get_result(conn)?)
}

/// An account inside the reach.
pub fn get(conn: &mut DbConn, reach: &Reach<Accounts>, id: Id) -> Result<Account> {
    let a = accounts::table
        .find(id)
        .select(Account::as_select())
        .get_result(conn)?;
    if admitted(reach, a.home_area_id) {
        Ok(a)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The caller's own account.
pub fn own(conn: &mut DbConn, own: &OwnAccount) -> Result<Account> {
    Ok(accounts::table
        .find(own.id())
        .select(Account::as_select())
        .get_result(conn)?)
}

/// What a login checks a password against. The one read of an account by
/// name without a scope: the caller is not known yet.
pub fn credentials(conn: &mut DbConn, username: &str) -> Result<Option<Account>> {
    Ok(accounts::table
        .filter(accounts::username.eq(username))
        .select(Account::as_select())
        .get_result(conn)
        .optional()?)
}

/// An account inside the reach, by its name.
pub fn find_by_username(
    conn: &mut DbConn,
    reach: &Reach<Accounts>,
    username: &str,
) -> Result<Option<Account>> {
    Ok(credentials(conn, username)?.filter(|a| admitted(reach, a.home_area_id)))
}

/// Whether a name is taken by any account at all (a new account's name must
/// be unique nationally).
pub fn username_taken(conn: &mut DbConn, username: &str) -> Result<bool> {
    Ok(credentials(conn, username)?.is_some())
}

/// An account whose keys the caller holds.
fn get_keyed(conn: &mut DbConn, keys: &AccountKeys, id: Id) -> Result<Account> {
    let a = accounts::table
        .find(id)
        .select(Account::as_select())
        .get_result(conn)?;
    if keys.admits(a.home_area_id) {
        Ok(a)
    } else {
        Err(StoreError::NotFound)
    }
}

/// Sets the password of another account whose keys the caller holds (a
/// reset): its owner must choose a new one at the next login, and every
/// session it had ends.
pub fn reset_password(
    conn: &mut DbConn,
    keys: &AccountKeys,
    id: Id,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<()> {
    get_keyed(conn, keys, id)?;
    diesel::update(accounts::table.find(id))
        .set((
            accounts::password_hash.eq(password_hash),
            accounts::password_changed_at.eq(now),
            accounts::password_change_required.eq(true),
        ))
        .execute(conn)?;
    crate::sessions::delete_for_account(conn, id, None)
}

/// Sets the caller's own password, which it then knows alone; its other
/// sessions end (all but `keep`, the stored hash of the one it changed it in).
pub fn set_own_password(
    conn: &mut DbConn,
    own: &OwnAccount,
    password_hash: &str,
    keep: Option<&str>,
    now: NaiveDateTime,
) -> Result<()> {
    let n = diesel::update(accounts::table.find(own.id()))
        .set((
            accounts::password_hash.eq(password_hash),
            accounts::password_changed_at.eq(now),
            accounts::password_change_required.eq(false),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    crate::sessions::delete_for_account(conn, own.id(), keep)
}

/// Switches off an account in the reach, logging it out everywhere.
pub fn deactivate(conn: &mut DbConn, reach: &Reach<Accounts>, id: Id) -> Result<()> {
    get(conn, reach, id)?;
    diesel::update(accounts::table.find(id))
        .set(accounts::active.eq(false))
        .execute(conn)?;
    crate::sessions::delete_for_account(conn, id, None)
}

/// Switches an account back on; only whoever holds its keys may.
pub fn activate(conn: &mut DbConn, keys: &AccountKeys, id: Id) -> Result<()> {
    get_keyed(conn, keys, id)?;
    diesel::update(accounts::table.find(id))
        .set(accounts::active.eq(true))
        .execute(conn)?;
    Ok(())
}

/// The grants of an account; for a session being resolved, the account is
/// the session's own.
pub(crate) fn grants_of_unchecked(conn: &mut DbConn, account: Id) -> Result<Vec<StoredGrant>> {
    let rows: Vec<GrantRow> = grants::table
        .filter(grants::account_id.eq(account))
        .select(GrantRow::as_select())
        .order(grants::id)
        .load(conn)?;
    Ok(rows
        .iter()
        .filter_map(|r| r.grant().map(|grant| StoredGrant { id: r.id, grant }))
        .collect())
}

/// The grants of an account inside the reach.
pub fn grants_of(
    conn: &mut DbConn,
    reach: &Reach<Accounts>,
    account: Id,
) -> Result<Vec<StoredGrant>> {
    get(conn, reach, account)?;
    grants_of_unchecked(conn, account)
}

/// The caller's own grants.
pub fn own_grants(conn: &mut DbConn, own: &OwnAccount) -> Result<Vec<StoredGrant>> {
    grants_of_unchecked(conn, own.id())
}

/// Writes only while the account still has the home the permit was given
/// for, and the point or venue lies in the grant's area.
fn check_permit(conn: &mut DbConn, permit: &GrantPermit) -> Result<()> {
    let home: Option<Id> = accounts::table
        .find(permit.account())
        .select(accounts::home_area_id)
        .get_result(conn)?;
    if home != permit.home() {
        return Err(StoreError::NotFound);
    }
    let grant = permit.grant();
    let actual_area = match grant {
        Grant::Issuer { point, .. } => distribution_points::table
            .find(point)
            .select(distribution_points::area_id)
            .get_result::<Id>(conn)
            .optional()?,
        Grant::VenueStaff { venue, .. } => venues::table
            .find(venue)
            .select(venues::area_id)
            .get_result::<Id>(conn)
            .optional()?,
        _ => grant.area(),
    };
    if actual_area != grant.area() {
        return Err(StoreError::InvalidReference);
    }
    Ok(())
}

/// Gives a grant the policy permitted.
pub fn add_grant(conn: &mut DbConn, permit: &GrantPermit, now: NaiveDateTime) -> Result<Id> {
    check_permit(conn, permit)?;
    let grant = permit.grant();
    Ok(diesel::insert_into(grants::table)
        .values((
            grants::account_id.eq(permit.account()),
            grants::role.eq(grant.role()),
            grants::area_id.eq(grant.area()),
            grants::distribution_point_id.eq(grant.point()),
            grants::venue_id.eq(grant.venue()),
            grants::created_at.eq(now),
        ))
        .returning(grants::id)
        .get_result(conn)?)
}

pub fn remove_grant(conn: &mut DbConn, permit: &GrantPermit) -> Result<()> {
    check_permit(conn, permit)?;
    let g = permit.grant();
    let mut q = diesel::delete(grants::table)
        .filter(grants::account_id.eq(permit.account()))
        .filter(grants::role.eq(g.role()))
        .into_boxed();
    q = match g.area() {
        Some(a) => q.filter(grants::area_id.eq(a)),
        None => q.filter(grants::area_id.is_null()),
    };
    if let Some(p) = g.point() {
        q = q.filter(grants::distribution_point_id.eq(p));
    }
    if let Some(v) = g.venue() {
        q = q.filter(grants::venue_id.eq(v));
    }
    let n = q.execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// A grant of an account inside the reach: `(account, its home, grant)`.
pub fn get_grant(
    conn: &mut DbConn,
    reach: &Reach<Accounts>,
    grant_id: Id,
) -> Result<(Id, Option<Id>, Grant)> {
    let row: GrantRow = grants::table
        .find(grant_id)
        .select(GrantRow::as_select())
        .get_result(conn)?;
    let account = get(conn, reach, row.account_id)?;
    let grant = row.grant().ok_or(StoreError::NotFound)?;
    Ok((row.account_id, account.home_area_id, grant))
}

/// The accounts inside the reach, with their grants.
pub fn list(
    conn: &mut DbConn,
    reach: &Reach<Accounts>,
) -> Result<Vec<(Account, Vec<StoredGrant>)>> {
    let mut q = accounts::table
        .select(Account::as_select())
        .order(accounts::username)
        .into_boxed();
    if !reach.everywhere() {
        q = q.filter(accounts::home_area_id.eq_any(reach.areas().to_vec()));
    }
    let list: Vec<Account> = q.load(conn)?;
    let ids: Vec<Id> = list.iter().map(|a| a.id).collect();
    let mut rows: Vec<GrantRow> = vec![];
    for chunk in ids.chunks(500) {
        rows.extend(
            grants::table
                .filter(grants::account_id.eq_any(chunk))
                .select(GrantRow::as_select())
                .order(grants::id)
                .load::<GrantRow>(conn)?,
        );
    }
    Ok(list
        .into_iter()
        .map(|a| {
            let gs = rows
                .iter()
                .filter(|r| r.account_id == a.id)
                .filter_map(|r| r.grant().map(|grant| StoredGrant { id: r.id, grant }))
                .collect();
            (a, gs)
        })
        .collect())
}

pub fn count(conn: &mut DbConn) -> Result<i64> {
    Ok(accounts::table.count().get_result(conn)?)
}
