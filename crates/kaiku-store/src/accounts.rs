//! Staff accounts and their role grants (SPEC §2).

use crate::schema::{accounts, distribution_points, grants, venues};
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::grant::{Grant, Role};
use kaiku_core::policy::GrantPermit;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: Id,
    pub username: String,
    pub password_hash: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub password_changed_at: NaiveDateTime,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = grants)]
struct GrantRow {
    id: Id,
    account_id: Id,
    role: String,
    area_id: Option<Id>,
    distribution_point_id: Option<Id>,
    venue_id: Option<Id>,
}

impl GrantRow {
    fn grant(&self) -> Option<Grant> {
        Grant::from_parts(
            Role::parse(&self.role)?,
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

pub fn create(
    conn: &mut DbConn,
    username: &str,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(accounts::table)
        .values((
            accounts::username.eq(username),
            accounts::password_hash.eq(password_hash),
            accounts::active.eq(true),
            accounts::created_at.eq(now),
            accounts::password_changed_at.eq(now),
        ))
        .returning(accounts::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Account> {
    Ok(accounts::table
        .find(id)
        .select(Account::as_select())
        .get_result(conn)?)
}

pub fn find_by_username(conn: &mut DbConn, username: &str) -> Result<Option<Account>> {
    Ok(accounts::table
        .filter(accounts::username.eq(username))
        .select(Account::as_select())
        .get_result(conn)
        .optional()?)
}

pub fn set_password(
    conn: &mut DbConn,
    id: Id,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let n = diesel::update(accounts::table.find(id))
        .set((
            accounts::password_hash.eq(password_hash),
            accounts::password_changed_at.eq(now),
        ))
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn set_active(conn: &mut DbConn, id: Id, active: bool) -> Result<()> {
    let n = diesel::update(accounts::table.find(id))
        .set(accounts::active.eq(active))
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn grants_of(conn: &mut DbConn, account: Id) -> Result<Vec<StoredGrant>> {
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

/// Gives a grant the policy permitted. The point or venue must belong to the
/// grant's area, or the grant is refused as an invalid reference.
pub fn add_grant(
    conn: &mut DbConn,
    account: Id,
    permit: &GrantPermit,
    now: NaiveDateTime,
) -> Result<Id> {
    let grant = permit.grant();
    let actual_area = match grant {
        Grant::Issuer { point, .. } => distribution_points::table
            .find(point)
            .select(distribution_points::area_id)
            .first::<Id>(conn)
            .optional()?,
        Grant::VenueStaff { venue, .. } => venues::table
            .find(venue)
            .select(venues::area_id)
            .first::<Id>(conn)
            .optional()?,
        _ => grant.area(),
    };
    if actual_area != grant.area() {
        return Err(StoreError::InvalidReference);
    }
    Ok(diesel::insert_into(grants::table)
        .values((
            grants::account_id.eq(account),
            grants::role.eq(grant.role().as_str()),
            grants::area_id.eq(grant.area()),
            grants::distribution_point_id.eq(grant.point()),
            grants::venue_id.eq(grant.venue()),
            grants::created_at.eq(now),
        ))
        .returning(grants::id)
        .get_result(conn)?)
}

pub fn remove_grant(conn: &mut DbConn, account: Id, permit: &GrantPermit) -> Result<()> {
    let g = permit.grant();
    let mut q = diesel::delete(grants::table)
        .filter(grants::account_id.eq(account))
        .filter(grants::role.eq(g.role().as_str()))
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

pub fn get_grant(conn: &mut DbConn, grant_id: Id) -> Result<(Id, Grant)> {
    let row: GrantRow = grants::table
        .find(grant_id)
        .select(GrantRow::as_select())
        .get_result(conn)?;
    let grant = row.grant().ok_or(StoreError::NotFound)?;
    Ok((row.account_id, grant))
}

/// Accounts with their grants; with `areas`, only accounts holding a grant in
/// one of them.
pub fn list(conn: &mut DbConn, areas: Option<&[Id]>) -> Result<Vec<(Account, Vec<Grant>)>> {
    let mut q = accounts::table
        .select(Account::as_select())
        .order(accounts::username)
        .into_boxed();
    if let Some(areas) = areas {
        let ids = grants::table
            .filter(grants::area_id.eq_any(areas.to_vec()))
            .select(grants::account_id);
        q = q.filter(accounts::id.eq_any(ids));
    }
    let list: Vec<Account> = q.load(conn)?;
    let ids: Vec<Id> = list.iter().map(|a| a.id).collect();
    let rows: Vec<GrantRow> = grants::table
        .filter(grants::account_id.eq_any(ids))
        .select(GrantRow::as_select())
        .order(grants::id)
        .load(conn)?;
    Ok(list
        .into_iter()
        .map(|a| {
            let gs = rows
                .iter()
                .filter(|r| r.account_id == a.id)
                .filter_map(GrantRow::grant)
                .collect();
            (a, gs)
        })
        .collect())
}

pub fn count(conn: &mut DbConn) -> Result<i64> {
    Ok(accounts::table.count().get_result(conn)?)
}
