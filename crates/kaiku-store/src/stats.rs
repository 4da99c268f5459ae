//! The facts area statistics are computed from (R-REP-3); the computing is
//! `kaiku_core::stats`.

use crate::schema::{card_events as ev, cards, tickets, venues};
use crate::{DbConn, Result};
use chrono::NaiveDate;
use diesel::prelude::*;
use kaiku_core::Id;

#[derive(Clone, Debug, Queryable)]
pub struct IssuanceRow {
    pub card_id: Id,
    pub event: String,
    pub distribution_point_id: Option<Id>,
    pub kind: Option<String>,
    pub grant_date: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub gender: Option<String>,
    pub mother_tongue: Option<String>,
    pub postal_code: Option<String>,
    pub life_situations: Option<String>,
}

/// Issues and renewals by the area's points granted in the period.
pub fn issuances(
    conn: &mut DbConn,
    area: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<IssuanceRow>> {
    Ok(ev::table
        .filter(ev::area_id.eq(area))
        .filter(ev::event.eq_any(["issued", "renewed"]))
        .filter(ev::grant_date.between(from, to))
        .select((
            ev::card_id,
            ev::event,
            ev::distribution_point_id,
            ev::kind,
            ev::grant_date,
            ev::birth_year,
            ev::gender,
            ev::mother_tongue,
            ev::postal_code,
            ev::life_situations,
        ))
        .load(conn)?)
}

/// A use at one of the area's venues: card, venue, its sector, day, adults, children.
pub type UseRow = (Id, Id, String, NaiveDate, i32, i32);

pub fn uses(conn: &mut DbConn, area: Id, from: NaiveDate, to: NaiveDate) -> Result<Vec<UseRow>> {
    Ok(tickets::table
        .inner_join(venues::table)
        .filter(tickets::area_id.eq(area))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::status.ne("cancelled"))
        .select((
            tickets::card_id,
            tickets::venue_id,
            venues::sector,
            tickets::used_on,
            tickets::adults,
            tickets::children,
        ))
        .load(conn)?)
}

/// The area's own cards used in the period, at any venue of the country.
pub fn own_cards_used(
    conn: &mut DbConn,
    area: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Id>> {
    Ok(tickets::table
        .inner_join(cards::table)
        .filter(cards::area_id.eq(area))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::status.ne("cancelled"))
        .select(tickets::card_id)
        .distinct()
        .load(conn)?)
}

/// The area's cards valid on some day of the period (by any of their grants).
pub fn own_cards_valid(
    conn: &mut DbConn,
    area: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Id>> {
    Ok(ev::table
        .filter(ev::area_id.eq(area))
        .filter(ev::event.eq_any(["issued", "renewed"]))
        .filter(ev::grant_date.le(to))
        .filter(ev::valid_until.ge(from))
        .select(ev::card_id)
        .distinct()
        .load(conn)?)
}
