//! Uses a box office recorded without a connection (R-OFF-3, R-OFF-4), as
//! they arrive: one row per use the device sent, whatever became of it, so
//! that a use sent again is answered from here and one in dispute waits for
//! a person to keep or cancel it.
//!
//! Every function takes the [`Reach<BoxOffice>`] of the venues whose box
//! office the caller serves (their staff and tokens, and their area's
//! coordinators) and admits only rows of those venues.

use crate::schema::{areas, cards, offline_uses};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{Kind, Status};
use kaiku_core::policy::{BoxOffice, CardLookup, Reach};

#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = offline_uses, treat_none_as_default_value = false)]
pub struct NewOfflineUse {
    pub venue_id: Id,
    pub area_id: Id,
    pub offline_id: String,
    pub device: String,
    pub item_id: Id,
    pub card_code: String,
    pub adults: i32,
    pub children: i32,
    /// Group members' codes, comma-separated.
    pub members: String,
    pub happened_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    /// `recorded`, `over_cap` or `disputed`.
    pub outcome: String,
    /// The reason codes of a dispute, comma-separated.
    pub reasons: String,
    /// The tickets written for it, if any.
    pub use_key: Option<String>,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = offline_uses)]
pub struct OfflineUse {
    pub id: Id,
    pub venue_id: Id,
    pub area_id: Id,
    pub offline_id: String,
    pub device: String,
    pub item_id: Id,
    pub card_code: String,
    pub adults: i32,
    pub children: i32,
    pub members: String,
    pub happened_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub outcome: String,
    pub reasons: String,
    pub use_key: Option<String>,
    /// `kept` or `cancelled` once a person settled a dispute.
    pub settlement: Option<String>,
    pub settled_at: Option<NaiveDateTime>,
    pub settled_by: Option<Id>,
}

fn admit(reach: &Reach<BoxOffice>, u: OfflineUse) -> Result<OfflineUse> {
    if reach.admits_venue(u.area_id, u.venue_id) {
        Ok(u)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The uses of `venue` already taken under these device ids.
pub fn known(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    venue: (Id, Id),
    ids: &[String],
) -> Result<Vec<OfflineUse>> {
    let (area, venue) = venue;
    if !reach.admits_venue(area, venue) {
        return Err(StoreError::NotFound);
    }
    let mut out = vec![];
    for chunk in ids.chunks(500) {
        out.extend(
            offline_uses::table
                .filter(offline_uses::venue_id.eq(venue))
                .filter(offline_uses::offline_id.eq_any(chunk))
                .select(OfflineUse::as_select())
                .load::<OfflineUse>(conn)?,
        );
    }
    Ok(out)
}

/// Keeps what became of the uses of a batch, many rows a statement.
pub fn insert_many(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    rows: &[NewOfflineUse],
) -> Result<()> {
    if rows
        .iter()
        .any(|u| !reach.admits_venue(u.area_id, u.venue_id))
    {
        return Err(StoreError::NotFound);
    }
    crate::db::insert_rows!(conn, offline_uses::table, rows);
    Ok(())
}

pub fn get(conn: &mut DbConn, reach: &Reach<BoxOffice>, id: Id) -> Result<OfflineUse> {
    let u = offline_uses::table
        .find(id)
        .select(OfflineUse::as_select())
        .get_result(conn)?;
    admit(reach, u)
}

/// The offline uses of the reach (of one venue, if given) that went in
/// past the cap or in dispute: open disputes first, then the newest.
pub fn marked(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    venue: Option<Id>,
    (limit, offset): (i64, i64),
) -> Result<Vec<OfflineUse>> {
    let mut q = offline_uses::table
        .filter(offline_uses::outcome.ne("recorded"))
        .select(OfflineUse::as_select())
        .order((
            // Open disputes first, then what went past the cap, then the
            // settled ones; the newest first in each.
            offline_uses::settlement.is_not_null(),
            offline_uses::outcome.ne("disputed"),
            offline_uses::happened_at.desc(),
            offline_uses::id.desc(),
        ))
        .limit(limit)
        .offset(offset)
        .into_boxed();
    if let Some(v) = venue {
        q = q.filter(offline_uses::venue_id.eq(v));
    }
    if !reach.everywhere() {
        let venues: Vec<Id> = reach.venues().iter().map(|(_, v)| *v).collect();
        q = q.filter(
            offline_uses::area_id
                .eq_any(reach.areas().to_vec())
                .or(offline_uses::venue_id.eq_any(venues)),
        );
    }
    let rows = q.load::<OfflineUse>(conn)?;
    Ok(rows
        .into_iter()
        .filter(|u| reach.admits_venue(u.area_id, u.venue_id))
        .collect())
}

/// Settles a dispute once: `kept` (with the tickets written for it, if
/// any could be) or `cancelled`. `false` when it was settled already.
pub fn settle(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    id: Id,
    settlement: &str,
    use_key: Option<&str>,
    by: Option<Id>,
    at: NaiveDateTime,
) -> Result<bool> {
    get(conn, reach, id)?;
    let n = diesel::update(
        offline_uses::table
            .find(id)
            .filter(offline_uses::outcome.eq("disputed"))
            .filter(offline_uses::settlement.is_null()),
    )
    .set((
        offline_uses::settlement.eq(settlement),
        offline_uses::settled_at.eq(at),
        offline_uses::settled_by.eq(by),
        offline_uses::use_key.eq(use_key),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// A card as an offline box office may know it (R-OFF-1): its code (to be
/// hashed before it leaves the server), until when it is valid, its kind
/// and the children it allows. Never background data.
#[derive(Clone, Debug, Queryable)]
pub struct ValidCard {
    pub code: String,
    pub valid_until: Option<NaiveDate>,
    pub kind: Option<Kind>,
    pub minor_children: Option<i32>,
}

/// Every card valid on `day` or later that a venue of `area` may accept:
/// issued, and of an area that does not keep its cards to itself unless it
/// is this one (R-USE-1).
pub fn valid_cards(
    conn: &mut DbConn,
    _: &CardLookup,
    area: Id,
    day: NaiveDate,
) -> Result<Vec<ValidCard>> {
    let local: Vec<Id> = areas::table
        .filter(areas::local_only.eq(true))
        .filter(areas::id.ne(area))
        .select(areas::id)
        .load(conn)?;
    Ok(cards::table
        .filter(cards::status.eq(Status::Issued))
        .filter(cards::valid_until.ge(day))
        .filter(cards::area_id.ne_all(local))
        .select((
            cards::code,
            cards::valid_until,
            cards::kind,
            cards::minor_children,
        ))
        .load(conn)?)
}
