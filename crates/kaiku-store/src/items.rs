//! A venue's offering: events and courses (SPEC §5).
//!
//! Items are written within a [`Reach<Offering>`] and read within a reach
//! of any purpose that shows items ([`ShowsItems`]): the offering, the box
//! office, the reports, the public catalogue.

use crate::db::{Scalar, natively};
use crate::schema::items;
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::cap::Class;
use kaiku_core::policy::{BoxOffice, Catalogue, Offering, Purpose, Reach, Reports};
use kaiku_core::usage::ItemKind;

/// Purposes whose reach may read items.
pub trait ShowsItems: Purpose {}
impl ShowsItems for Offering {}
impl ShowsItems for BoxOffice {}
impl ShowsItems for Reports {}
impl ShowsItems for Catalogue {}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = items)]
pub struct Item {
    pub id: Id,
    pub venue_id: Id,
    pub area_id: Id,
    pub kind: ItemKind,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub capacity: i32,
    pub class: Class,
    pub cap: Option<i32>,
    pub booking_opens_days_before: Option<i32>,
    pub redeem_opens_minutes_before: Option<i32>,
    pub sold_out: bool,
    pub excluded: bool,
    pub exclusion_reason: Option<String>,
    pub series_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Kaikukortti tickets recorded and not cancelled (R-CAP-3).
    pub kaiku_used: i32,
    /// In the public catalogue: not an item a usage sheet made up from a
    /// title typed on paper.
    pub listed: bool,
}

/// The fields a venue sets (all but where it belongs and when it was made).
#[derive(Clone, Debug, AsChangeset)]
#[diesel(table_name = items, treat_none_as_null = true)]
pub struct ItemFields {
    pub kind: ItemKind,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub capacity: i32,
    pub class: Class,
    pub cap: Option<i32>,
    pub booking_opens_days_before: Option<i32>,
    pub redeem_opens_minutes_before: Option<i32>,
    pub sold_out: bool,
    pub excluded: bool,
    pub exclusion_reason: Option<String>,
}

/// Creates one item, or a series of them sharing `series_id`.
/// A new item of a venue in the reach.
pub fn create(
    conn: &mut DbConn,
    reach: &Reach<Offering>,
    venue: Id,
    f: &ItemFields,
    series_id: Option<&str>,
    now: NaiveDateTime,
) -> Result<Id> {
    let area = crate::place::venue_in(conn, reach, venue)?;
    Ok(diesel::insert_into(items::table)
        .values((
            items::venue_id.eq(venue),
            items::area_id.eq(area),
            items::kind.eq(&f.kind),
            items::title.eq(&f.title),
            items::starts_at.eq(f.starts_at),
            items::capacity.eq(f.capacity),
            items::class.eq(&f.class),
            items::cap.eq(f.cap),
            items::booking_opens_days_before.eq(f.booking_opens_days_before),
            items::redeem_opens_minutes_before.eq(f.redeem_opens_minutes_before),
            items::sold_out.eq(f.sold_out),
            items::excluded.eq(f.excluded),
            items::exclusion_reason.eq(&f.exclusion_reason),
            items::series_id.eq(series_id),
            items::created_at.eq(now),
            items::updated_at.eq(now),
        ))
        .returning(items::id)
        .get_result(conn)?)
}

/// Takes an item out of the public catalogue: one a usage sheet made from a
/// title typed on paper, which is a record, not offering.
pub fn unlist(conn: &mut DbConn, reach: &Reach<Offering>, id: Id) -> Result<()> {
    get(conn, reach, id)?;
    diesel::update(items::table.find(id))
        .set(items::listed.eq(false))
        .execute(conn)?;
    Ok(())
}

/// An item of a venue in the reach.
pub fn get<P: ShowsItems>(conn: &mut DbConn, reach: &Reach<P>, id: Id) -> Result<Item> {
    let item = natively!(conn, |c| items::table
        .find(id)
        .select(Item::as_select())
        .get_result::<Item>(c))?;
    if reach.admits_venue(item.area_id, item.venue_id) {
        Ok(item)
    } else {
        Err(StoreError::NotFound)
    }
}

/// An item of a box office in the reach, read with its venue and whether
/// its area keeps its cards to itself: what a visit at the counter is
/// judged and answered with, in one query. Only [`at_counter`] and
/// [`counter`] make one, each after checking the reach, so holding one
/// proves the item lies in the reach (its venue in the item's own area).
#[derive(Clone, Debug)]
pub struct AtCounter {
    item: Item,
    venue: crate::venues::Venue,
    area_local_only: bool,
}

impl AtCounter {
    pub fn item(&self) -> &Item {
        &self.item
    }

    pub fn venue(&self) -> &crate::venues::Venue {
        &self.venue
    }

    /// Whether the item's area keeps its cards to itself (R-USE-1).
    pub fn area_local_only(&self) -> bool {
        self.area_local_only
    }

    pub fn into_parts(self) -> (Item, crate::venues::Venue) {
        (self.item, self.venue)
    }
}

pub fn at_counter(conn: &mut DbConn, reach: &Reach<BoxOffice>, id: Id) -> Result<AtCounter> {
    let nobody = Spent {
        by: None,
        kind: "",
        since: NaiveDateTime::default(),
    };
    Ok(counter(conn, reach, id, None, nobody)?.at)
}

/// What a box office reads before it judges a record, in one statement:
/// the item at the counter, the answer first given under the record's key
/// (R-USE-9), and how many card lookups the caller has spent since a moment
/// (R-AUTH-2). Each of these a query of its own would be a round trip of
/// its own on PostgreSQL, with every ticket.
pub struct Counter {
    pub at: AtCounter,
    pub first: Option<crate::tickets::Remembered>,
    pub lookups: i64,
}

/// Whose lookups are counted, of which kind, since when.
pub struct Spent<'a> {
    pub by: Option<&'a str>,
    pub kind: &'a str,
    pub since: NaiveDateTime,
}

pub fn counter(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    id: Id,
    key_hash: Option<&str>,
    spent: Spent<'_>,
) -> Result<Counter> {
    use crate::schema::card_lookups as cl;
    use crate::schema::{areas, idempotency_keys as ik, venues};
    // No key and no one counted bind a value no row has, so that the
    // statement is the same one, prepared once per connection.
    let key = key_hash.unwrap_or("");
    let by = spent.by.unwrap_or("");
    type Row = (
        Item,
        crate::venues::Venue,
        bool,
        Option<crate::tickets::Remembered>,
        Option<i64>,
    );
    let (item, venue, area_local_only, first, lookups) = natively!(conn, |c| items::table
        .inner_join(venues::table.inner_join(areas::table))
        .left_join(ik::table.on(ik::key_hash.eq(key)))
        .filter(items::id.eq(id))
        .filter(venues::area_id.eq(items::area_id))
        .select((
            Item::as_select(),
            crate::venues::Venue::as_select(),
            areas::local_only,
            (ik::status, ik::response, ik::fingerprint).nullable(),
            Scalar(
                cl::table
                    .filter(cl::caller.eq(by))
                    .filter(cl::kind.eq(spent.kind))
                    .filter(cl::at.gt(spent.since))
                    .count()
            ),
        ))
        .get_result::<Row>(c))?;
    if !reach.admits_venue(item.area_id, item.venue_id) {
        return Err(StoreError::NotFound);
    }
    Ok(Counter {
        at: AtCounter {
            item,
            venue,
            area_local_only,
        },
        first: first.filter(|_| key_hash.is_some()),
        lookups: lookups.unwrap_or(0),
    })
}

pub fn update(
    conn: &mut DbConn,
    reach: &Reach<Offering>,
    id: Id,
    f: &ItemFields,
    now: NaiveDateTime,
) -> Result<()> {
    get(conn, reach, id)?;
    let n = diesel::update(items::table.find(id))
        .set((f, items::updated_at.eq(now)))
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn delete(conn: &mut DbConn, reach: &Reach<Offering>, id: Id) -> Result<()> {
    get(conn, reach, id)?;
    let n = diesel::delete(items::table.find(id)).execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// A venue's items from `from` on (all when `None`), soonest first.
pub fn list_for_venue<P: ShowsItems>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    venue: Id,
    from: Option<NaiveDateTime>,
    limit: i64,
) -> Result<Vec<Item>> {
    crate::place::venue_in(conn, reach, venue)?;
    let mut q = items::table
        .filter(items::venue_id.eq(venue))
        .select(Item::as_select())
        .order((items::starts_at, items::id))
        .limit(limit)
        .into_boxed();
    if let Some(f) = from {
        q = q.filter(items::starts_at.ge(f));
    }
    Ok(q.load(conn)?)
}

/// The listed items of the given areas (all areas when `None`) starting in
/// `[from, to)`, soonest first: the public catalogue.
pub fn list_between(
    conn: &mut DbConn,
    _: &Reach<Catalogue>,
    areas: Option<&[Id]>,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<Item>> {
    let mut q = items::table
        .filter(items::listed.eq(true))
        .filter(items::starts_at.ge(from))
        .filter(items::starts_at.lt(to))
        .select(Item::as_select())
        .order((items::starts_at, items::id))
        .limit(5000)
        .into_boxed();
    if let Some(a) = areas {
        q = q.filter(items::area_id.eq_any(a.to_vec()));
    }
    Ok(q.load(conn)?)
}

/// A venue's items starting in `[from, to)`: soonest first, or with
/// `newest_first` the latest first (a backlog is entered from the recent end).
pub fn for_venue_between<P: ShowsItems>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    venue: Id,
    from: NaiveDateTime,
    to: NaiveDateTime,
    newest_first: bool,
) -> Result<Vec<Item>> {
    crate::place::venue_in(conn, reach, venue)?;
    let q = items::table
        .filter(items::venue_id.eq(venue))
        .filter(items::starts_at.ge(from))
        .filter(items::starts_at.lt(to))
        .select(Item::as_select())
        .limit(500)
        .into_boxed();
    let q = if newest_first {
        q.order((items::starts_at.desc(), items::id.desc()))
    } else {
        q.order((items::starts_at, items::id))
    };
    Ok(q.load(conn)?)
}
