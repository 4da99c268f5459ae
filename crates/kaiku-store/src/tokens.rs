//! Integration tokens of venues (`Authorization: Bearer …`), stored hashed.

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

/// For a presented token: `(token id, venue id, area id)` when it is live and
/// its venue is active. Authentication itself, so without a scope.
pub fn authenticate(conn: &mut DbConn, token_hash: &str) -> Result<Option<(Id, Id, Id)>> {
    Ok(api_tokens::table
        .inner_join(venues::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(api_tokens::revoked_at.is_null())
        .filter(venues::active.eq(true))
        .select((api_tokens::id, venues::id, venues::area_id))
        .get_result(conn)
        .optional()?)
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
