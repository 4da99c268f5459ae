//! Printed stock: series, their allocation to points (R-CARD-7) and the
//! counts of an area's cards by series and by point.

use super::{AllocationRow, CHUNK, SeriesRow};
use crate::schema::{card_allocations, card_series, cards, distribution_points};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::count_star;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::Status;
use kaiku_core::code::{Check, Series};
use kaiku_core::policy::{CardLookup, Reach, Stock};
use std::collections::HashMap;

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
        crate::db::insert_rows!(conn, cards::table, rows);
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

/// Whether a code that names no card is a typing error: a series with a
/// check character covers its prefix, and the character does not match.
pub fn mistyped(conn: &mut DbConn, lookup: &CardLookup, code: &str) -> Result<bool> {
    Ok(mistyped_among(&checked_prefixes(conn, lookup)?, code))
}

/// The same, against the series' prefixes read once ([`checked_prefixes`]).
pub fn mistyped_among(checked: &[(String, Check)], code: &str) -> bool {
    checked
        .iter()
        .any(|(prefix, check)| code.starts_with(prefix) && !check.verify(code))
}

/// The prefixes of the series printed with a check character, with its
/// method: what a device needs to tell a typing error from an unknown card.
pub fn checked_prefixes(conn: &mut DbConn, _: &CardLookup) -> Result<Vec<(String, Check)>> {
    let checked: Vec<SeriesRow> = card_series::table
        .filter(card_series::check_kind.ne(Check::None))
        .select(SeriesRow::as_select())
        .load(conn)?;
    Ok(checked
        .iter()
        .map(|s| (s.prefix.clone(), s.series().check))
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

/// Counts of one series per distribution point of its area: stock allocated
/// to the point, and the cards it issued by their state now. `None` is the
/// unallocated stock.
pub fn counts_by_point(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: Id,
    today: NaiveDate,
) -> Result<HashMap<Option<Id>, Counts>> {
    let area = get_series(conn, reach, series)?.area_id;
    let stock: Vec<(Option<Id>, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::series_id.eq(series))
        .filter(cards::status.eq(Status::InStock))
        .group_by(cards::allocated_point_id)
        .select((cards::allocated_point_id, count_star()))
        .load(conn)?;
    let held: Vec<(Option<Id>, Status, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::series_id.eq(series))
        .filter(cards::status.ne(Status::InStock))
        .group_by((cards::holder_point_id, cards::status))
        .select((cards::holder_point_id, cards::status, count_star()))
        .load(conn)?;
    let expired: Vec<(Option<Id>, i64)> = cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::series_id.eq(series))
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
