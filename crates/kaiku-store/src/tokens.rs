//! Integration tokens of venues (`Authorization: Bearer …`), stored hashed.

use crate::db::natively;
use crate::schema::{api_tokens, venues};
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{Reach, Tokens};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct Token {
    pub id: Id,
    pub venue_id: Id,
    pub name: String,
    pub created_by: Option<Id>,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    /// To the minute: kept up to date at most once a minute.
    pub last_used_at: Option<NaiveDateTime>,
}

fn venue_in_reach(conn: &mut DbConn, reach: &Reach<Tokens>, venue: Id) -> Result<()> {
    let area: Id = venues::table
        .find(venue)
        .select(venues::area_id)
        .get_result(conn)?;
    if reach.admits_venue(area, venue) {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub fn create(
    conn: &mut DbConn,
    reach: &Reach<Tokens>,
    venue: Id,
    name: &str,
    token_hash: &str,
    by: Option<Id>,
    now: NaiveDateTime,
) -> Result<Id> {
    venue_in_reach(conn, reach, venue)?;
    Ok(diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::venue_id.eq(venue),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(token_hash),
            api_tokens::created_by.eq(by),
            api_tokens::created_at.eq(now),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?)
}

pub fn list(conn: &mut DbConn, reach: &Reach<Tokens>, venue: Id) -> Result<Vec<Token>> {
    venue_in_reach(conn, reach, venue)?;
    Ok(api_tokens::table
        .filter(api_tokens::venue_id.eq(venue))
        .select(Token::as_select())
        .order(api_tokens::id.desc())
        .load(conn)?)
}

/// The user names of the accounts that made these tokens (their makers are
/// shown beside them to whoever manages the tokens).
pub fn makers(conn: &mut DbConn, tokens: &[Token]) -> Result<Vec<(Id, String)>> {
    use crate::schema::accounts;
    let ids: Vec<Id> = tokens.iter().filter_map(|t| t.created_by).collect();
    Ok(accounts::table
        .filter(accounts::id.eq_any(ids))
        .select((accounts::id, accounts::username))
        .load(conn)?)
}

/// A token of a venue in the reach, with the area of its venue.
pub fn get(conn: &mut DbConn, reach: &Reach<Tokens>, id: Id) -> Result<(Token, Id)> {
    let (token, area): (Token, Id) = api_tokens::table
        .inner_join(venues::table)
        .filter(api_tokens::id.eq(id))
        .select((Token::as_select(), venues::area_id))
        .get_result(conn)?;
    if reach.admits_venue(area, token.venue_id) {
        Ok((token, area))
    } else {
        Err(StoreError::NotFound)
    }
}

/// For a presented token: `(token id, venue id, area id, last used)` when
/// it is live and its venue is active. Authentication itself, so without a
/// scope.
#[allow(clippy::type_complexity)]
pub fn authenticate(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<(Id, Id, Id, Option<NaiveDateTime>)>> {
    Ok(natively!(conn, |c| api_tokens::table
        .inner_join(venues::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(venues::active.eq(true))
        .select((
            api_tokens::id,
            venues::id,
            venues::area_id,
            api_tokens::last_used_at,
        ))
        .get_result(c))
    .optional()?)
}

/// Notes that a token was used now (authentication, so without a scope).
pub fn used(conn: &mut DbConn, token: Id, now: NaiveDateTime) -> Result<()> {
    diesel::update(api_tokens::table.find(token))
        .set(api_tokens::last_used_at.eq(now))
        .execute(conn)?;
    Ok(())
}

/// The live tokens an account made, with their venue's name: what its
/// coordinator decides on when the account is switched off.
pub fn made_by(
    conn: &mut DbConn,
    reach: &Reach<Tokens>,
    account: Id,
) -> Result<Vec<(Token, String)>> {
    let rows: Vec<(Token, Id, String)> = api_tokens::table
        .inner_join(venues::table)
        .filter(api_tokens::created_by.eq(account))
        .filter(api_tokens::revoked_at.is_null())
        .select((Token::as_select(), venues::area_id, venues::name))
        .order(api_tokens::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(t, area, _)| reach.admits_venue(*area, t.venue_id))
        .map(|(t, _, name)| (t, name))
        .collect())
}

pub fn revoke(conn: &mut DbConn, reach: &Reach<Tokens>, id: Id, now: NaiveDateTime) -> Result<()> {
    let (token, _) = get(conn, reach, id)?;
    if token.revoked_at.is_none() {
        diesel::update(api_tokens::table.find(id))
            .set(api_tokens::revoked_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}
