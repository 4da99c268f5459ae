//! Uploaded sheets between preview and confirmation (issue 7).

use crate::schema::imports as im;
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = im)]
pub struct Import {
    pub id: Id,
    pub kind: String,
    pub area_id: Id,
    pub venue_id: Option<Id>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub status: String,
    pub accepted: i32,
    pub refused: i32,
    /// The accepted rows, ready to write, as JSON.
    pub content: String,
    pub point_id: Option<Id>,
    /// The refused rows with their reasons, as JSON, for download.
    pub refused_rows: String,
}

/// What an upload is for, and what it holds.
pub struct NewImport<'a> {
    pub kind: &'a str,
    pub area: Id,
    pub venue: Option<Id>,
    pub point: Option<Id>,
    pub by: &'a str,
    pub accepted: i32,
    pub refused: i32,
    pub content: &'a str,
    pub refused_rows: &'a str,
}

pub fn create(conn: &mut DbConn, i: &NewImport, now: NaiveDateTime) -> Result<Id> {
    Ok(diesel::insert_into(im::table)
        .values((
            im::kind.eq(i.kind),
            im::area_id.eq(i.area),
            im::venue_id.eq(i.venue),
            im::point_id.eq(i.point),
            im::created_by.eq(i.by),
            im::created_at.eq(now),
            im::status.eq("preview"),
            im::accepted.eq(i.accepted),
            im::refused.eq(i.refused),
            im::content.eq(i.content),
            im::refused_rows.eq(i.refused_rows),
        ))
        .returning(im::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Import> {
    Ok(im::table
        .find(id)
        .select(Import::as_select())
        .get_result(conn)?)
}

/// Marks a preview confirmed; false when it was confirmed already (two
/// confirmations racing: only one writes).
pub fn confirm(conn: &mut DbConn, id: Id) -> Result<bool> {
    let n = diesel::update(im::table.find(id).filter(im::status.eq("preview")))
        .set(im::status.eq("confirmed"))
        .execute(conn)
        .map_err(StoreError::from)?;
    Ok(n == 1)
}

/// Whether a use with this key is stored (a row imported before).
pub fn imported(conn: &mut DbConn, use_key: &str) -> Result<bool> {
    use crate::schema::tickets;
    Ok(tickets::table
        .filter(tickets::use_key.eq(use_key))
        .select(tickets::id)
        .get_result::<Id>(conn)
        .optional()?
        .is_some())
}

/// Whether a card's history holds a grant (issue or renewal) on this day:
/// a transfer form imported before.
pub fn granted_on(conn: &mut DbConn, card: Id, day: chrono::NaiveDate) -> Result<bool> {
    use crate::schema::card_events as ev;
    Ok(ev::table
        .filter(ev::card_id.eq(card))
        .filter(ev::event.eq_any(["issued", "renewed"]))
        .filter(ev::grant_date.eq(day))
        .select(ev::id)
        .get_result::<Id>(conn)
        .optional()?
        .is_some())
}
