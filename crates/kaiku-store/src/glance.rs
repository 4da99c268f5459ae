//! The counts each role's first page shows (R-REP-7): a point's stock and
//! its cards running out, an area's stock by point. Each is one indexed
//! count or grouping, so that a first page stays fast on a large register.

use crate::schema::{card_events as ev, cards};
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{Event, Status};
use kaiku_core::policy::{Issuing, Reach, Stock};

/// A point of the reach, judged by the area stored with the point, not the
/// one asked with it.
fn point_in(conn: &mut DbConn, reach: &Reach<Issuing>, area: Id, point: Id) -> Result<()> {
    let stored: Id = crate::schema::distribution_points::table
        .find(point)
        .select(crate::schema::distribution_points::area_id)
        .get_result(conn)?;
    if stored == area && reach.admits_point(stored, point) {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// Cards in stock at a point of the reach.
pub fn stock_at(conn: &mut DbConn, reach: &Reach<Issuing>, area: Id, point: Id) -> Result<i64> {
    point_in(conn, reach, area, point)?;
    Ok(cards::table
        .filter(cards::allocated_point_id.eq(point))
        .filter(cards::status.eq(Status::InStock))
        .count()
        .get_result(conn)?)
}

/// Cards the point issued whose validity ends between the two days.
pub fn expiring_at(
    conn: &mut DbConn,
    reach: &Reach<Issuing>,
    area: Id,
    point: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64> {
    point_in(conn, reach, area, point)?;
    Ok(cards::table
        .filter(cards::holder_point_id.eq(point))
        .filter(cards::status.eq(Status::Issued))
        .filter(cards::valid_until.between(from, to))
        .count()
        .get_result(conn)?)
}

/// The grant days of the point's issues and renewals since `since`.
pub fn grants_at(
    conn: &mut DbConn,
    reach: &Reach<Issuing>,
    area: Id,
    point: Id,
    since: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    point_in(conn, reach, area, point)?;
    let days: Vec<Option<NaiveDate>> = ev::table
        .filter(ev::area_id.eq(area))
        .filter(ev::grant_date.ge(since))
        .filter(ev::distribution_point_id.eq(point))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .select(ev::grant_date)
        .load(conn)?;
    Ok(days.into_iter().flatten().collect())
}

/// An area's cards in stock by the point they are allocated to (`None`:
/// not allocated yet).
pub fn stock_by_point(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    area: Id,
) -> Result<Vec<(Option<Id>, i64)>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    Ok(cards::table
        .filter(cards::area_id.eq(area))
        .filter(cards::status.eq(Status::InStock))
        .group_by(cards::allocated_point_id)
        .select((cards::allocated_point_id, count_star()))
        .load(conn)?)
}

/// An area's issues and renewals since `since`, by point.
pub fn grants_by_point(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    area: Id,
    since: NaiveDate,
) -> Result<Vec<(Option<Id>, i64)>> {
    if !reach.admits_area(area) {
        return Err(StoreError::NotFound);
    }
    Ok(ev::table
        .filter(ev::area_id.eq(area))
        .filter(ev::grant_date.ge(since))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .group_by(ev::distribution_point_id)
        .select((ev::distribution_point_id, count_star()))
        .load(conn)?)
}
