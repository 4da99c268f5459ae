//! Uploaded sheets between preview and confirmation.

use crate::schema::imports as im;
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::Event;
use kaiku_core::import::{ImportStatus, Sheet};
use kaiku_core::policy::{IssuanceImports, Reach, Reports};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = im)]
pub struct Import {
    pub id: Id,
    pub kind: Sheet,
    pub area_id: Id,
    pub venue_id: Option<Id>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub status: ImportStatus,
    pub accepted: i32,
    pub refused: i32,
    /// The accepted rows, ready to write, as JSON.
    pub content: String,
    pub point_id: Option<Id>,
    /// The refused rows with their reasons, as JSON, for download.
    pub refused_rows: String,
}

/// What an upload holds.
pub struct NewImport<'a> {
    pub by: &'a str,
    pub accepted: i32,
    pub refused: i32,
    pub content: &'a str,
    pub refused_rows: &'a str,
}

/// Which imports a caller may see and confirm: usage sheets of the venues of
/// its reports, transfer forms of the points of its issuance imports.
#[derive(Clone, Copy)]
pub struct ImportReach<'a> {
    pub usage: Option<&'a Reach<Reports>>,
    pub issuance: Option<&'a Reach<IssuanceImports>>,
}

impl ImportReach<'_> {
    fn admits(&self, i: &Import) -> bool {
        match (i.kind, i.venue_id, i.point_id) {
            (Sheet::Usage, Some(v), _) => self.usage.is_some_and(|r| r.admits_venue(i.area_id, v)),
            (Sheet::Issuance, _, Some(p)) => {
                self.issuance.is_some_and(|r| r.admits_point(i.area_id, p))
            }
            _ => false,
        }
    }
}

/// Keeps the preview of a usage sheet of a venue in the reach.
pub fn create_usage(
    conn: &mut DbConn,
    reach: &Reach<Reports>,
    venue: Id,
    i: &NewImport,
    now: NaiveDateTime,
) -> Result<Id> {
    let area = crate::place::venue_in(conn, reach, venue)?;
    insert(conn, Sheet::Usage, area, Some(venue), None, i, now)
}

/// Keeps the preview of transfer forms of a point in the reach.
pub fn create_issuance(
    conn: &mut DbConn,
    reach: &Reach<IssuanceImports>,
    point: Id,
    i: &NewImport,
    now: NaiveDateTime,
) -> Result<Id> {
    let area = crate::place::point_in(conn, reach, point)?;
    insert(conn, Sheet::Issuance, area, None, Some(point), i, now)
}

fn insert(
    conn: &mut DbConn,
    kind: Sheet,
    area: Id,
    venue: Option<Id>,
    point: Option<Id>,
    i: &NewImport,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(im::table)
        .values((
            im::kind.eq(kind),
            im::area_id.eq(area),
            im::venue_id.eq(venue),
            im::point_id.eq(point),
            im::created_by.eq(i.by),
            im::created_at.eq(now),
            im::status.eq(ImportStatus::Preview),
            im::accepted.eq(i.accepted),
            im::refused.eq(i.refused),
            im::content.eq(i.content),
            im::refused_rows.eq(i.refused_rows),
        ))
        .returning(im::id)
        .get_result(conn)?)
}

/// An import inside the reach.
pub fn get(conn: &mut DbConn, reach: ImportReach, id: Id) -> Result<Import> {
    let i: Import = im::table
        .find(id)
        .select(Import::as_select())
        .get_result(conn)?;
    if reach.admits(&i) {
        Ok(i)
    } else {
        Err(StoreError::NotFound)
    }
}

/// Marks a preview inside the reach confirmed; false when it was confirmed
/// already (two confirmations racing: only one writes).
pub fn confirm(conn: &mut DbConn, reach: ImportReach, id: Id) -> Result<bool> {
    get(conn, reach, id)?;
    let n = diesel::update(
        im::table
            .find(id)
            .filter(im::status.eq(ImportStatus::Preview)),
    )
    .set(im::status.eq(ImportStatus::Confirmed))
    .execute(conn)
    .map_err(StoreError::from)?;
    Ok(n == 1)
}

/// Whether a use with this key is stored at the venue (a row imported
/// before).
pub fn imported(
    conn: &mut DbConn,
    reach: &Reach<Reports>,
    venue: Id,
    use_key: &str,
) -> Result<bool> {
    use crate::schema::tickets;
    crate::place::venue_in(conn, reach, venue)?;
    Ok(tickets::table
        .filter(tickets::use_key.eq(use_key))
        .filter(tickets::venue_id.eq(venue))
        .select(tickets::id)
        .get_result::<Id>(conn)
        .optional()?
        .is_some())
}

/// Whether the history of a card of the point's area holds a grant (issue
/// or renewal) on this day: a transfer form imported before.
/// [`granted_on`] for many cards at once: the `(card, grant date)` of
/// every issue and renewal of `cards` in the point's area.
pub fn granted_many(
    conn: &mut DbConn,
    reach: &Reach<IssuanceImports>,
    point: Id,
    cards: &[Id],
) -> Result<std::collections::HashSet<(Id, chrono::NaiveDate)>> {
    use crate::schema::card_events as ev;
    let area = crate::place::point_in(conn, reach, point)?;
    let mut out = std::collections::HashSet::new();
    for chunk in cards.chunks(1000) {
        let rows: Vec<(Id, Option<chrono::NaiveDate>)> = ev::table
            .filter(ev::card_id.eq_any(chunk))
            .filter(ev::area_id.eq(area))
            .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
            .select((ev::card_id, ev::grant_date))
            .load(conn)?;
        out.extend(rows.into_iter().filter_map(|(c, d)| d.map(|d| (c, d))));
    }
    Ok(out)
}

pub fn granted_on(
    conn: &mut DbConn,
    reach: &Reach<IssuanceImports>,
    point: Id,
    card: Id,
    day: chrono::NaiveDate,
) -> Result<bool> {
    use crate::schema::card_events as ev;
    let area = crate::place::point_in(conn, reach, point)?;
    Ok(ev::table
        .filter(ev::card_id.eq(card))
        .filter(ev::area_id.eq(area))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .filter(ev::grant_date.eq(day))
        .select(ev::id)
        .get_result::<Id>(conn)
        .optional()?
        .is_some())
}
