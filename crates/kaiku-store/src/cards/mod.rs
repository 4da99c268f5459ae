//! Card stock, allocations, cards and their history. The rules of what may
//! happen to a card are in `kaiku_core::card`; writes here are guarded so that
//! two clerks racing on one card cannot both win.
//!
//! A card code is national (R-AUTH-2): anyone at work may learn a card's
//! state through [`lookup`]. Its record, history and background data are
//! reached only through a [`Reach<CardRecords>`], its stock through a
//! [`Reach<Stock>`](kaiku_core::policy::Stock), and it is issued or renewed
//! only at a point of a [`Reach<Issuing>`](kaiku_core::policy::Issuing).
//!
//! The rows and a card's reading are here; printed stock and the writes of
//! issuing, renewing and voiding are modules of their own.

mod issue;
mod stock;

pub use issue::{Grant, IssuesCards, issue, issue_many, renew, void};
pub use stock::{
    Counts, allocate, allocated_elsewhere, allocations, checked_prefixes, counts_by_point,
    counts_by_series, create_series, first_existing, get_series, list_series, mistyped,
    mistyped_among,
};

use crate::db::{Scalar, natively};
use crate::schema::{card_allocations, card_events, card_series, cards, distribution_points};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{CardState, Event, Kind, Status};
use kaiku_core::code::{Check, Series};
use kaiku_core::policy::{CardLookup, CardRecords, Reach};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = card_series)]
pub struct SeriesRow {
    pub id: Id,
    pub area_id: Id,
    pub prefix: String,
    pub first_number: i64,
    pub last_number: i64,
    pub width: Option<i32>,
    pub check_kind: Check,
    pub created_at: NaiveDateTime,
}

impl SeriesRow {
    pub fn series(&self) -> Series {
        Series {
            prefix: self.prefix.clone(),
            first: self.first_number,
            last: self.last_number,
            width: self.width.map(|w| w as u32),
            check: self.check_kind,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = card_allocations)]
pub struct AllocationRow {
    pub id: Id,
    pub series_id: Id,
    pub distribution_point_id: Id,
    pub first_number: i64,
    pub last_number: i64,
    pub created_at: NaiveDateTime,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = cards)]
pub struct CardRow {
    pub id: Id,
    pub code: String,
    pub series_id: Id,
    pub number: i64,
    pub area_id: Id,
    pub allocated_point_id: Option<Id>,
    pub status: Status,
    pub kind: Option<Kind>,
    pub holder_point_id: Option<Id>,
    pub grant_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub minor_children: Option<i32>,
    pub updated_at: NaiveDateTime,
}

impl CardRow {
    pub fn state(&self) -> CardState {
        CardState {
            area: self.area_id,
            status: self.status,
            allocated_point: self.allocated_point_id,
            holder_point: self.holder_point_id,
            valid_until: self.valid_until,
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = card_events)]
pub struct EventRow {
    pub id: Id,
    pub card_id: Id,
    pub event: Event,
    pub at: NaiveDateTime,
    pub account_id: Option<Id>,
    pub distribution_point_id: Option<Id>,
    pub area_id: Id,
    pub kind: Option<Kind>,
    pub grant_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub mother_tongue: Option<String>,
    pub gender: Option<String>,
    pub postal_code: Option<String>,
    pub minor_children: Option<i32>,
    pub life_situations: Option<String>,
    pub void_reason: Option<String>,
    pub void_note: Option<String>,
    /// Well-being answers given with the grant (R-WELL-1), as stored.
    pub wellbeing: Option<String>,
}

/// One issue, renewal or voiding as it is written to the history.
#[derive(Clone, Debug, Default, Insertable)]
#[diesel(table_name = card_events)]
// Absent values are NULL, never a column default: so many rows go in one
// statement on SQLite too.
#[diesel(treat_none_as_default_value = false)]
pub struct NewEvent {
    pub card_id: Id,
    pub event: Event,
    pub at: NaiveDateTime,
    pub account_id: Option<Id>,
    pub distribution_point_id: Option<Id>,
    pub area_id: Id,
    pub kind: Option<Kind>,
    pub grant_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub mother_tongue: Option<String>,
    pub gender: Option<String>,
    pub postal_code: Option<String>,
    pub minor_children: Option<i32>,
    pub life_situations: Option<String>,
    pub void_reason: Option<String>,
    pub void_note: Option<String>,
    pub wellbeing: Option<String>,
}

pub(crate) const CHUNK: usize = 500;

fn find(conn: &mut DbConn, code: &str) -> Result<Option<CardRow>> {
    Ok(natively!(conn, |c| cards::table
        .filter(cards::code.eq(code))
        .select(CardRow::as_select())
        .get_result(c))
    .optional()?)
}

/// A card by its code, as anyone at work may see it (R-AUTH-2): its state,
/// area and points, never its history or background data.
pub fn lookup(conn: &mut DbConn, _: &CardLookup, code: &str) -> Result<Option<CardRow>> {
    find(conn, code)
}

/// Cards by their codes, for a visit judged at the box office.
pub fn lookup_many(conn: &mut DbConn, _: &CardLookup, codes: &[String]) -> Result<Vec<CardRow>> {
    // One card is the usual visit; its query is prepared once per connection
    // (a list of codes is not).
    if let [code] = codes {
        return Ok(natively!(conn, |c| cards::table
            .filter(cards::code.eq(code))
            .select(CardRow::as_select())
            .load(c))?);
    }
    let mut out = vec![];
    for chunk in codes.chunks(CHUNK) {
        out.extend(
            cards::table
                .filter(cards::code.eq_any(chunk))
                .select(CardRow::as_select())
                .load::<CardRow>(conn)?,
        );
    }
    Ok(out)
}

type LiveTicket = diesel::dsl::Select<
    diesel::dsl::Filter<
        diesel::dsl::Filter<
            diesel::dsl::Filter<crate::schema::tickets::table, crate::tickets::OfTheCard>,
            diesel::dsl::Eq<crate::schema::tickets::item_id, Id>,
        >,
        crate::tickets::Live,
    >,
    crate::schema::tickets::id,
>;

/// The live ticket of the row's card for an item, if any (one at most, by
/// the unique index), asked card by card. Not a join, and not `EXISTS`:
/// for either, PostgreSQL may plan to read all of the item's tickets (a
/// busy item has thousands) when its statistics were taken while the item
/// had few, and it keeps a plan once made for a prepared statement.
fn live_ticket(item: Id) -> Scalar<LiveTicket> {
    use crate::schema::tickets;
    Scalar(
        tickets::table
            .filter(crate::tickets::OfTheCard)
            .filter(tickets::item_id.eq(item))
            .filter(crate::tickets::Live)
            .select(tickets::id),
    )
}

/// A card at an item, as the usual visit (one card) is judged: the card,
/// whether it holds a live ticket for the item (R-USE-3), and the period of
/// the item's venue already submitted that covers the item's day (R-REP-2),
/// read in one statement.
pub struct AtItem {
    pub card: CardRow,
    pub holds_ticket: bool,
    pub submitted: Option<(NaiveDate, NaiveDate)>,
}

pub fn at_item(
    conn: &mut DbConn,
    _: &CardLookup,
    code: &str,
    item: &crate::items::AtCounter,
    day: NaiveDate,
) -> Result<Option<AtItem>> {
    use crate::schema::report_submissions as rs;
    use diesel::dsl::min;
    let (item_id, venue) = (item.item().id, item.venue().id);
    // A venue's periods follow one another, so the first and the last day
    // that cover a day are those of one period (any of its versions); were
    // two to overlap, the days named would still cover the day.
    macro_rules! covering {
        ($col:expr) => {
            Scalar(
                rs::table
                    .filter(rs::venue_id.eq(venue))
                    .filter(rs::period_from.le(day))
                    .filter(rs::period_to.ge(day))
                    .select(min($col)),
            )
        };
    }
    type Row = (CardRow, Option<Id>, Option<NaiveDate>, Option<NaiveDate>);
    let row: Option<Row> = natively!(conn, |c| cards::table
        .filter(cards::code.eq(code))
        .select((
            CardRow::as_select(),
            live_ticket(item_id),
            covering!(rs::period_from),
            covering!(rs::period_to),
        ))
        .get_result(c))
    .optional()?;
    Ok(row.map(|(card, ticket, from, to)| AtItem {
        card,
        holds_ticket: ticket.is_some(),
        submitted: from.zip(to),
    }))
}

/// A card's `(id, updated_at)`, by which a card judged a moment ago is
/// known to be still as it was, with whether it holds a live ticket for an
/// item (R-USE-3).
pub struct StampAt {
    pub id: Id,
    pub updated_at: NaiveDateTime,
    pub holds_ticket: bool,
}

/// The stamps of the cards with these codes, each with its ticket for an
/// item, in one statement: what a box office's write reads of the cards it
/// is about to give tickets, without the rest of their rows.
pub fn stamps_at(
    conn: &mut DbConn,
    _: &CardLookup,
    codes: &[String],
    at: &crate::items::AtCounter,
) -> Result<Vec<StampAt>> {
    let item = at.item().id;
    let mut out = vec![];
    for chunk in codes.chunks(CHUNK) {
        let rows: Vec<(Id, NaiveDateTime, Option<Id>)> = natively!(conn, |c| cards::table
            .filter(cards::code.eq_any(chunk))
            .select((cards::id, cards::updated_at, live_ticket(item),))
            .load(c))?;
        out.extend(rows.into_iter().map(|(id, updated_at, ticket)| StampAt {
            id,
            updated_at,
            holds_ticket: ticket.is_some(),
        }));
    }
    Ok(out)
}

/// Whether a card's record lies in the reach: its area as a whole, or the
/// point that holds it or has it in stock.
pub fn in_reach(reach: &Reach<CardRecords>, card: &CardRow) -> bool {
    reach.admits_area(card.area_id)
        || [card.holder_point_id, card.allocated_point_id]
            .into_iter()
            .flatten()
            .any(|p| reach.admits_point(card.area_id, p))
}

/// A card whose record lies in the reach; any other is not found.
pub fn record(conn: &mut DbConn, reach: &Reach<CardRecords>, code: &str) -> Result<CardRow> {
    match find(conn, code)? {
        Some(card) if in_reach(reach, &card) => Ok(card),
        _ => Err(StoreError::NotFound),
    }
}

/// A card's history, oldest first. Background data given at a point outside
/// the reach is left out (R-AUTH-6): an issuer who renewed a card another
/// point issued sees its own point's answers only; the area's coordinators
/// see all.
pub fn history(conn: &mut DbConn, reach: &Reach<CardRecords>, code: &str) -> Result<Vec<EventRow>> {
    let card = record(conn, reach, code)?;
    let rows: Vec<EventRow> = card_events::table
        .filter(card_events::card_id.eq(card.id))
        .select(EventRow::as_select())
        .order(card_events::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|e| {
            let seen = reach.admits_area(e.area_id)
                || e.distribution_point_id
                    .is_some_and(|p| reach.admits_point(e.area_id, p));
            if seen {
                e
            } else {
                EventRow {
                    birth_year: None,
                    mother_tongue: None,
                    gender: None,
                    postal_code: None,
                    minor_children: None,
                    life_situations: None,
                    void_note: None,
                    wellbeing: None,
                    ..e
                }
            }
        })
        .collect())
}

/// The area of a point the reach admits; any other point is not found.
fn point_area(conn: &mut DbConn, reach: &Reach<CardRecords>, point: Id) -> Result<Id> {
    let area: Id = distribution_points::table
        .find(point)
        .select(distribution_points::area_id)
        .get_result(conn)?;
    if !reach.admits_point(area, point) {
        return Err(StoreError::NotFound);
    }
    Ok(area)
}

/// Cards a point of the reach issued, newest change first; `code` narrows
/// to codes that begin with it.
pub fn list_for_point(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    point: Id,
    code: Option<&str>,
    limit: i64,
) -> Result<Vec<CardRow>> {
    point_area(conn, reach, point)?;
    let mut q = cards::table
        .filter(cards::holder_point_id.eq(point))
        .select(CardRow::as_select())
        .order((cards::updated_at.desc(), cards::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(c) = code.filter(|c| !c.is_empty()) {
        q = q.filter(cards::code.like(format!("{c}%")));
    }
    Ok(q.load(conn)?)
}

/// The stock a point of the reach holds: the cards allocated to it and
/// not yet issued, as (series, number, code) in series and number order.
pub fn stock_at_point(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    point: Id,
) -> Result<Vec<(Id, i64, String)>> {
    let area = point_area(conn, reach, point)?;
    Ok(cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::allocated_point_id.eq(point))
        .filter(cards::status.eq(Status::InStock))
        .select((cards::series_id, cards::number, cards::code))
        .order((cards::series_id, cards::number))
        .load(conn)?)
}

/// Cards a point of the reach issued whose validity ends between the two
/// days, soonest first: those to remind of renewing.
pub fn expiring_at_point(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    point: Id,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> Result<Vec<CardRow>> {
    point_area(conn, reach, point)?;
    Ok(cards::table
        .filter(cards::holder_point_id.eq(point))
        .filter(cards::status.eq(Status::Issued))
        .filter(cards::valid_until.between(from, to))
        .select(CardRow::as_select())
        .order((cards::valid_until, cards::id))
        .limit(limit)
        .load(conn)?)
}

/// Issued and void cards of an area the reach holds whole, newest change
/// first.
pub fn list_for_area(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    area: Id,
    code: Option<&str>,
    limit: i64,
) -> Result<Vec<CardRow>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    let mut q = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.ne(Status::InStock))
        .select(CardRow::as_select())
        .order((cards::updated_at.desc(), cards::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(c) = code.filter(|c| !c.is_empty()) {
        q = q.filter(cards::code.like(format!("{c}%")));
    }
    Ok(q.load(conn)?)
}

pub fn count(conn: &mut DbConn) -> Result<i64> {
    Ok(cards::table.count().get_result(conn)?)
}
