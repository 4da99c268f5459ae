//! Server-side login sessions. The cookie holds a random secret; only its
//! hash is stored, so a copy of the database logs nobody in.

use crate::accounts::Account;
use crate::db::natively;
use crate::schema::{accounts, sessions};
use crate::{DbConn, Result};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::grant::Grant;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub account_id: Id,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn create(
    conn: &mut DbConn,
    id_hash: &str,
    account: Id,
    csrf: &str,
    now: NaiveDateTime,
    expires: NaiveDateTime,
) -> Result<()> {
    // Expired sessions are swept here so that the table does not grow forever.
    diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(conn)?;
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(id_hash),
            sessions::account_id.eq(account),
            sessions::csrf_token.eq(csrf),
            sessions::created_at.eq(now),
            sessions::expires_at.eq(expires),
        ))
        .execute(conn)?;
    Ok(())
}

/// The live session with this hash, its (active) account and the
/// account's grants.
/// A live session: the session, its account, the grants at active places,
/// and whether any grant was left out for its place being inactive.
pub type Found = (Session, Account, Vec<Grant>, bool);

pub fn find(conn: &mut DbConn, id_hash: &str, now: NaiveDateTime) -> Result<Option<Found>> {
    let found: Option<(Session, Account)> = natively!(conn, |c| sessions::table
        .inner_join(accounts::table)
        .filter(sessions::id_hash.eq(id_hash))
        .filter(sessions::expires_at.gt(now))
        .filter(accounts::active.eq(true))
        .select((Session::as_select(), Account::as_select()))
        .get_result(c))
    .optional()?;
    let Some((session, account)) = found else {
        return Ok(None);
    };
    let all: Vec<Grant> = crate::accounts::grants_of_unchecked(conn, account.id)?
        .into_iter()
        .map(|g| g.grant)
        .collect();
    let (grants, dropped) = at_active_places(conn, all)?;
    Ok(Some((session, account, grants, dropped)))
}

/// The grants whose venue or point is active (with whether any were
/// dropped): staff of a place marked inactive do no work there.
fn at_active_places(conn: &mut DbConn, all: Vec<Grant>) -> Result<(Vec<Grant>, bool)> {
    use crate::schema::{distribution_points, venues};
    let points: Vec<Id> = all
        .iter()
        .filter_map(|g| match g {
            Grant::Issuer { point, .. } => Some(*point),
            _ => None,
        })
        .collect();
    let places: Vec<Id> = all
        .iter()
        .filter_map(|g| match g {
            Grant::VenueStaff { venue, .. } => Some(*venue),
            _ => None,
        })
        .collect();
    // Every request of a session passes here: a place is read only when
    // the account has grants at places at all.
    let closed_points: Vec<Id> = if points.is_empty() {
        vec![]
    } else {
        distribution_points::table
            .filter(distribution_points::id.eq_any(points))
            .filter(distribution_points::active.eq(false))
            .select(distribution_points::id)
            .load(conn)?
    };
    let closed_venues: Vec<Id> = if places.is_empty() {
        vec![]
    } else {
        venues::table
            .filter(venues::id.eq_any(places))
            .filter(venues::active.eq(false))
            .select(venues::id)
            .load(conn)?
    };
    let before = all.len();
    let open: Vec<Grant> = all
        .into_iter()
        .filter(|g| match g {
            Grant::Issuer { point, .. } => !closed_points.contains(point),
            Grant::VenueStaff { venue, .. } => !closed_venues.contains(venue),
            _ => true,
        })
        .collect();
    let dropped = open.len() < before;
    Ok((open, dropped))
}

pub fn delete(conn: &mut DbConn, id_hash: &str) -> Result<()> {
    diesel::delete(sessions::table.filter(sessions::id_hash.eq(id_hash))).execute(conn)?;
    Ok(())
}

/// Ends every session of an account but the one kept (after a password change
/// or when the account is deactivated).
pub(crate) fn delete_for_account(conn: &mut DbConn, account: Id, keep: Option<&str>) -> Result<()> {
    let q = sessions::table.filter(sessions::account_id.eq(account));
    match keep {
        Some(k) => diesel::delete(q.filter(sessions::id_hash.ne(k))).execute(conn)?,
        None => diesel::delete(q).execute(conn)?,
    };
    Ok(())
}
