//! Failed logins (under a hash of the typed name), kept briefly so that several `kaiku serve` processes share
//! one view of who is guessing passwords.

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

/// Failure times for a login name and for an address since `since`.
pub fn failures(
    conn: &mut DbConn,
    username: &str,
    address: &str,
    since: NaiveDateTime,
) -> Result<(Vec<NaiveDateTime>, Vec<NaiveDateTime>)> {
    let by_name = lf::table
        .filter(lf::username.eq(username))
        .filter(lf::at.gt(since))
        .select(lf::at)
        .load(conn)?;
    let by_address = lf::table
        .filter(lf::address.eq(address))
        .filter(lf::at.gt(since))
        .select(lf::at)
        .load(conn)?;
    Ok((by_name, by_address))
}

/// A successful login forgives the name's earlier failures.
pub fn clear(conn: &mut DbConn, username: &str) -> Result<()> {
    diesel::delete(lf::table.filter(lf::username.eq(username))).execute(conn)?;
    Ok(())
}
