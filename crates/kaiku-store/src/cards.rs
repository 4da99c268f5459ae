//! Card stock, allocations, cards and their history. The rules of what may
//! happen to a card are in `kaiku_core::card`; writes here are guarded so that
//! two clerks racing on one card cannot both win.
//!
//! A card code is national (R-AUTH-2): anyone at work may learn a card's
//! state through [`lookup`]. Its record, history and background data are
//! reached only through a [`Reach<CardRecords>`], its stock through a
//! [`Reach<Stock>`], and it is issued or renewed only at a point of a
//! [`Reach<Issuing>`].

use crate::schema::{card_allocations, card_events, card_series, cards, distribution_points};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{CardState, Event, Kind, Status};
use kaiku_core::code::{Check, Series};
use kaiku_core::policy::{
    CardLookup, CardRecords, IssuanceImports, Issuing, Purpose, Reach, Stock,
};
use std::collections::HashMap;

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
}

/// One issue, renewal or voiding as it is written to the history.
#[derive(Clone, Debug, Default, Insertable)]
#[diesel(table_name = card_events)]
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
}

const CHUNK: usize = 500;

/// The first of `codes` that exists already, anywhere in the country (codes
/// are national, so a new series must not repeat one).
pub fn first_existing(
    conn: &mut DbConn,
    _: &Reach<Stock>,
    codes: &[String],
) -> Result<Option<String>> {
    for chunk in codes.chunks(CHUNK) {
        let found = cards::table
            .filter(cards::code.eq_any(chunk))
            .select(cards::code)
            .order(cards::code)
            .first::<String>(conn)
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Registers a printed series of an area in the reach and puts every card
/// of it in stock.
pub fn create_series(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    area: Id,
    s: &Series,
    now: NaiveDateTime,
) -> Result<Id> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    let id: Id = diesel::insert_into(card_series::table)
        .values((
            card_series::area_id.eq(area),
            card_series::prefix.eq(&s.prefix),
            card_series::first_number.eq(s.first),
            card_series::last_number.eq(s.last),
            card_series::width.eq(s.width.map(|w| w as i32)),
            card_series::check_kind.eq(s.check),
            card_series::created_at.eq(now),
        ))
        .returning(card_series::id)
        .get_result(conn)?;
    let numbers: Vec<i64> = (s.first..=s.last).collect();
    for chunk in numbers.chunks(CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|n| {
                (
                    cards::code.eq(s.code(*n)),
                    cards::series_id.eq(id),
                    cards::number.eq(*n),
                    cards::area_id.eq(area),
                    cards::status.eq(Status::InStock),
                    cards::updated_at.eq(now),
                )
            })
            .collect();
        // Multi-row inserts do not go through the MultiBackend; each backend takes them.
        match conn {
            DbConn::Sqlite(c) => diesel::insert_into(cards::table).values(rows).execute(c)?,
            DbConn::Postgres(c) => diesel::insert_into(cards::table).values(rows).execute(c)?,
        };
    }
    Ok(id)
}

/// A series of an area in the reach.
pub fn get_series(conn: &mut DbConn, reach: &Reach<Stock>, id: Id) -> Result<SeriesRow> {
    let row = card_series::table
        .find(id)
        .select(SeriesRow::as_select())
        .get_result::<SeriesRow>(conn)?;
    if reach.admits_area(row.area_id) {
        Ok(row)
    } else {
        Err(StoreError::NotFound)
    }
}

pub fn list_series(conn: &mut DbConn, reach: &Reach<Stock>, area: Id) -> Result<Vec<SeriesRow>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    Ok(card_series::table
        .filter(card_series::area_id.eq(area))
        .select(SeriesRow::as_select())
        .order(card_series::id)
        .load(conn)?)
}

/// Series whose prefix begins `code` and that carry a check character (to
/// tell a typing error from an unknown code).
pub fn checked_series_for(conn: &mut DbConn, _: &CardLookup, code: &str) -> Result<Vec<SeriesRow>> {
    let all: Vec<SeriesRow> = card_series::table
        .filter(card_series::check_kind.ne(Check::None))
        .select(SeriesRow::as_select())
        .load(conn)?;
    Ok(all
        .into_iter()
        .filter(|s| code.starts_with(&s.prefix))
        .collect())
}

/// A card of the series in `first..=last` that is allocated to a point other
/// than `point`, if any.
pub fn allocated_elsewhere(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: Id,
    first: i64,
    last: i64,
    point: Id,
) -> Result<Option<(String, Id)>> {
    get_series(conn, reach, series)?;
    Ok(cards::table
        .filter(cards::series_id.eq(series))
        .filter(cards::number.between(first, last))
        .filter(cards::allocated_point_id.is_not_null())
        .filter(cards::allocated_point_id.ne(point))
        .select((cards::code, cards::allocated_point_id.assume_not_null()))
        .order(cards::number)
        .get_result(conn)
        .optional()?)
}

/// Allocates `first..=last` of a series in the reach to a point of the
/// series' own area.
pub fn allocate(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: Id,
    point: Id,
    first: i64,
    last: i64,
    now: NaiveDateTime,
) -> Result<Id> {
    let row = get_series(conn, reach, series)?;
    let point_area: Option<Id> = distribution_points::table
        .find(point)
        .select(distribution_points::area_id)
        .get_result(conn)
        .optional()?;
    if point_area != Some(row.area_id) {
        return Err(StoreError::InvalidReference);
    }
    diesel::update(
        cards::table
            .filter(cards::series_id.eq(series))
            .filter(cards::number.between(first, last)),
    )
    .set(cards::allocated_point_id.eq(point))
    .execute(conn)?;
    Ok(diesel::insert_into(card_allocations::table)
        .values((
            card_allocations::series_id.eq(series),
            card_allocations::distribution_point_id.eq(point),
            card_allocations::first_number.eq(first),
            card_allocations::last_number.eq(last),
            card_allocations::created_at.eq(now),
        ))
        .returning(card_allocations::id)
        .get_result(conn)?)
}

pub fn allocations(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: Id,
) -> Result<Vec<(AllocationRow, String)>> {
    get_series(conn, reach, series)?;
    Ok(card_allocations::table
        .inner_join(
            distribution_points::table
                .on(distribution_points::id.eq(card_allocations::distribution_point_id)),
        )
        .filter(card_allocations::series_id.eq(series))
        .select((AllocationRow::as_select(), distribution_points::name))
        .order(card_allocations::first_number)
        .load(conn)?)
}

/// Cards in stock, issued (still valid), expired and void.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub in_stock: i64,
    pub issued: i64,
    pub expired: i64,
    pub void: i64,
}

impl Counts {
    fn add(&mut self, status: Status, n: i64) {
        match status {
            Status::InStock => self.in_stock += n,
            Status::Issued => self.issued += n,
            Status::Void => self.void += n,
        }
    }
}

/// Counts per series of an area in the reach.
pub fn counts_by_series(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    area: Id,
    today: NaiveDate,
) -> Result<HashMap<Id, Counts>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    let rows: Vec<(Id, Status, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .group_by((cards::series_id, cards::status))
        .select((cards::series_id, cards::status, count_star()))
        .load(conn)?;
    let expired: Vec<(Id, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.eq(Status::Issued))
        .filter(cards::valid_until.lt(today))
        .group_by(cards::series_id)
        .select((cards::series_id, count_star()))
        .load(conn)?;
    let mut out: HashMap<Id, Counts> = HashMap::new();
    for (series, status, n) in rows {
        out.entry(series).or_default().add(status, n);
    }
    for (series, n) in expired {
        let c = out.entry(series).or_default();
        c.issued -= n;
        c.expired += n;
    }
    Ok(out)
}

/// Counts per distribution point of an area: stock allocated to it, and the
/// cards it issued by their state now. `None` is the unallocated stock.
pub fn counts_by_point(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    area: Id,
    today: NaiveDate,
) -> Result<HashMap<Option<Id>, Counts>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    let stock: Vec<(Option<Id>, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.eq(Status::InStock))
        .group_by(cards::allocated_point_id)
        .select((cards::allocated_point_id, count_star()))
        .load(conn)?;
    let held: Vec<(Option<Id>, Status, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.ne(Status::InStock))
        .group_by((cards::holder_point_id, cards::status))
        .select((cards::holder_point_id, cards::status, count_star()))
        .load(conn)?;
    let expired: Vec<(Option<Id>, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.eq(Status::Issued))
        .filter(cards::valid_until.lt(today))
        .group_by(cards::holder_point_id)
        .select((cards::holder_point_id, count_star()))
        .load(conn)?;
    let mut out: HashMap<Option<Id>, Counts> = HashMap::new();
    for (point, n) in stock {
        out.entry(point).or_default().in_stock += n;
    }
    for (point, status, n) in held {
        out.entry(point).or_default().add(status, n);
    }
    for (point, n) in expired {
        let c = out.entry(point).or_default();
        c.issued -= n;
        c.expired += n;
    }
    Ok(out)
}

fn find(conn: &mut DbConn, code: &str) -> Result<Option<CardRow>> {
    Ok(cards::table
        .filter(cards::code.eq(code))
        .select(CardRow::as_select())
        .get_result(conn)
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
        return Ok(cards::table
            .filter(cards::code.eq(code))
            .select(CardRow::as_select())
            .load(conn)?);
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

/// Purposes whose reach may issue and renew cards at a point: an issuer at
/// the counter, and transfer forms imported for the point.
pub trait IssuesCards: Purpose {}
impl IssuesCards for Issuing {}
impl IssuesCards for IssuanceImports {}

/// The area of a point the reach issues at.
fn issuing_area<P: IssuesCards>(conn: &mut DbConn, reach: &Reach<P>, point: Id) -> Result<Id> {
    let area: Id = distribution_points::table
        .find(point)
        .select(distribution_points::area_id)
        .get_result(conn)?;
    if reach.admits_point(area, point) {
        Ok(area)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The new state of a card after an issue or a renewal.
pub struct Grant {
    pub kind: Kind,
    pub point: Id,
    pub grant_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub minor_children: Option<i32>,
}

/// Issues a card that is in stock, at a point of the reach: only a card of
/// the point's area, in stock there or unallocated (R-CARD-7). Returns false
/// when the card is not (or no longer) such a card: someone else issued or
/// voided it a moment earlier, and nothing is written.
pub fn issue<P: IssuesCards>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    card: Id,
    g: &Grant,
    event: &NewEvent,
    now: NaiveDateTime,
) -> Result<bool> {
    let area = issuing_area(conn, reach, g.point)?;
    let n = diesel::update(
        cards::table
            .find(card)
            .filter(cards::area_id.eq(area))
            .filter(
                cards::allocated_point_id
                    .is_null()
                    .or(cards::allocated_point_id.eq(g.point)),
            )
            .filter(cards::status.eq(Status::InStock)),
    )
    .set((
        cards::status.eq(Status::Issued),
        cards::kind.eq(g.kind),
        cards::holder_point_id.eq(g.point),
        cards::grant_date.eq(g.grant_date),
        cards::valid_until.eq(g.valid_until),
        cards::minor_children.eq(g.minor_children),
        cards::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        add_event(conn, card, area, event)?;
    }
    Ok(n == 1)
}

/// Renews an issued card of the area of a point in the reach, whose
/// validity is still what the caller saw.
pub fn renew<P: IssuesCards>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    card: Id,
    seen_until: Option<NaiveDate>,
    g: &Grant,
    event: &NewEvent,
    now: NaiveDateTime,
) -> Result<bool> {
    let area = issuing_area(conn, reach, g.point)?;
    let target = cards::table
        .find(card)
        .filter(cards::area_id.eq(area))
        .filter(cards::status.eq(Status::Issued));
    let set = (
        cards::holder_point_id.eq(g.point),
        cards::grant_date.eq(g.grant_date),
        cards::valid_until.eq(g.valid_until),
        cards::minor_children.eq(g.minor_children),
        cards::updated_at.eq(now),
    );
    let n = match seen_until {
        Some(v) => diesel::update(target.filter(cards::valid_until.eq(v)))
            .set(set)
            .execute(conn)?,
        None => diesel::update(target.filter(cards::valid_until.is_null()))
            .set(set)
            .execute(conn)?,
    };
    if n == 1 {
        add_event(conn, card, area, event)?;
    }
    Ok(n == 1)
}

/// Voids a card whose record lies in the reach; it stays answerable to the
/// point that issued it (or for stock, the one it was allocated to).
pub fn void(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    code: &str,
    event: &NewEvent,
    now: NaiveDateTime,
) -> Result<bool> {
    let card = record(conn, reach, code)?;
    let holder = card.holder_point_id.or(card.allocated_point_id);
    let n = diesel::update(
        cards::table
            .find(card.id)
            .filter(cards::updated_at.eq(card.updated_at))
            .filter(cards::status.ne(Status::Void)),
    )
    .set((
        cards::status.eq(Status::Void),
        cards::holder_point_id.eq(holder),
        cards::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        let event = NewEvent {
            distribution_point_id: holder,
            ..event.clone()
        };
        add_event(conn, card.id, card.area_id, &event)?;
    }
    Ok(n == 1)
}

/// The history entry of an issue, renewal or voiding, written with it.
fn add_event(conn: &mut DbConn, card: Id, area: Id, e: &NewEvent) -> Result<()> {
    let e = NewEvent {
        card_id: card,
        area_id: area,
        ..e.clone()
    };
    diesel::insert_into(card_events::table)
        .values(&e)
        .execute(conn)?;
    Ok(())
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
                    ..e
                }
            }
        })
        .collect())
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
    let area: Id = distribution_points::table
        .find(point)
        .select(distribution_points::area_id)
        .get_result(conn)?;
    if !reach.admits_point(area, point) {
        return Err(StoreError::NotFound);
    }
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
