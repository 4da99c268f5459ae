//! Failed logins (under a hash of the typed name), kept briefly so that several `kaiku serve` processes share
//! one view of who is guessing passwords.

use crate::db::natively;
use crate::schema::login_failures as lf;
use crate::{DbConn, Result};
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub fn record_failure(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::delete(lf::table.filter(lf::at.lt(now - chrono::Duration::days(1)))).execute(conn)?;
    diesel::insert_into(lf::table)
        .values((
            lf::username.eq(username),
            lf::address.eq(address),
            lf::at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Recent failures of a login name (with the address each came from) and
/// the failure times from an address, since `since`.
#[allow(clippy::type_complexity)]
pub fn failures(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    since: NaiveDateTime,
) -> Result<(Vec<(String, NaiveDateTime)>, Vec<NaiveDateTime>)> {
    let by_address = lf::table
        .filter(lf::address.eq(address))
        .filter(lf::at.gt(since))
        .select(lf::at)
        .load(conn)?;
    Ok((of_name(conn, username, since)?, by_address))
}

/// Recent failures of a login name, each with the address it came from.
pub fn of_name(
    conn: &mut DbConn,
    username: &str,
    since: NaiveDateTime,
) -> Result<Vec<(String, NaiveDateTime)>> {
    Ok(lf::table
        .filter(lf::username.eq(username))
        .filter(lf::at.gt(since))
        .select((lf::address, lf::at))
        .order(lf::at)
        .load(conn)?)
}

/// A successful login forgives the name's earlier failures; a password
/// reset and a coordinator's unlocking clear them too.
pub fn clear(conn: &mut DbConn, username: &str) -> Result<()> {
    diesel::delete(lf::table.filter(lf::username.eq(username))).execute(conn)?;
    Ok(())
}

/// A card lookup that counts against `caller`'s budget (`kind`: `unknown`
/// or `outside`), kept a day.
pub fn record_lookup(
    conn: &mut DbConn,
    caller: &str,
    kind: &str,
    now: NaiveDateTime,
) -> Result<()> {
    use crate::schema::card_lookups as cl;
    diesel::insert_into(cl::table)
        .values((cl::caller.eq(caller), cl::kind.eq(kind), cl::at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// The times of a caller's counted lookups of `kind` since `since`, oldest
/// first.
pub fn lookups(
    conn: &mut DbConn,
    caller: &str,
    kind: &str,
    since: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>> {
    use crate::schema::card_lookups as cl;
    Ok(natively!(conn, |c| cl::table
        .filter(cl::caller.eq(caller))
        .filter(cl::kind.eq(kind))
        .filter(cl::at.gt(since))
        .select(cl::at)
        .order(cl::at)
        .load(c))?)
}
