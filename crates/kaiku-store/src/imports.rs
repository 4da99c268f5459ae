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
}

#[allow(clippy::too_many_arguments)]
pub fn create(
    conn: &mut DbConn,
    kind: &str,
    area: Id,
    venue: Option<Id>,
    by: &str,
    accepted: i32,
    refused: i32,
    content: &str,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(im::table)
        .values((
            im::kind.eq(kind),
            im::area_id.eq(area),
            im::venue_id.eq(venue),
            im::created_by.eq(by),
            im::created_at.eq(now),
            im::status.eq("preview"),
            im::accepted.eq(accepted),
            im::refused.eq(refused),
            im::content.eq(content),
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
