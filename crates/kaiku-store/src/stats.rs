//! The facts area statistics are computed from (R-REP-3); the computing is
//! `kaiku_core::stats`.

use crate::schema::{card_events as ev, cards, tickets};
use crate::{DbConn, Result};
use chrono::NaiveDate;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{Event, Kind};
use kaiku_core::policy::{NationalScope, StatsScope};

#[derive(Clone, Debug, Queryable)]
pub struct IssuanceRow {
    pub card_id: Id,
    pub event: Event,
    pub distribution_point_id: Option<Id>,
    pub kind: Option<Kind>,
    pub grant_date: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub age_group: Option<String>,
    pub gender: Option<String>,
    pub mother_tongue: Option<String>,
    pub postal_code: Option<String>,
    pub life_situations: Option<String>,
}

/// Issues and renewals by the area's points granted in the period.
pub fn issuances(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<IssuanceRow>> {
    Ok(ev::table
        .filter(ev::area_id.eq(scope.area()))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .filter(ev::grant_date.between(from, to))
        .select((
            ev::card_id,
            ev::event,
            ev::distribution_point_id,
            ev::kind,
            ev::grant_date,
            ev::birth_year,
            ev::age_group,
            ev::gender,
            ev::mother_tongue,
            ev::postal_code,
            ev::life_situations,
        ))
        .load(conn)?)
}

/// The uses at one of the area's venues on one day: venue, day, adult and
/// child tickets. Summed in the database, so an area's year is a few
/// thousand rows, not every ticket.
pub type UseRow = (Id, NaiveDate, i64, i64);

pub fn uses(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<UseRow>> {
    use diesel::dsl::sum;
    let rows: Vec<(Id, NaiveDate, Option<i64>, Option<i64>)> = tickets::table
        .filter(tickets::area_id.eq(scope.area()))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::status.ne(kaiku_core::usage::TicketStatus::Cancelled))
        .group_by((tickets::venue_id, tickets::used_on))
        .select((
            tickets::venue_id,
            tickets::used_on,
            sum(tickets::adults),
            sum(tickets::children),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(v, d, a, c)| (v, d, a.unwrap_or(0), c.unwrap_or(0)))
        .collect())
}

/// Of the uses at the area's venues in the period, the adult and child
/// tickets a box office recorded without a connection (R-OFF-3).
pub fn offline_tickets(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(i64, i64)> {
    use diesel::dsl::sum;
    let (a, c): (Option<i64>, Option<i64>) = tickets::table
        .filter(tickets::area_id.eq(scope.area()))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::offline_mark.is_not_null())
        .filter(tickets::status.ne(kaiku_core::usage::TicketStatus::Cancelled))
        .select((sum(tickets::adults), sum(tickets::children)))
        .get_result(conn)?;
    Ok((a.unwrap_or(0), c.unwrap_or(0)))
}

/// The area's own cards used in the period, at any venue of the country.
pub fn own_cards_used(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Id>> {
    // Card by card, stopping at its first use: a join would visit every
    // ticket of the area's cards in the period and then sort out the repeats.
    Ok(cards::table
        .filter(cards::area_id.eq(scope.area()))
        .filter(diesel::dsl::exists(
            tickets::table
                .filter(tickets::card_id.eq(cards::id))
                .filter(tickets::used_on.between(from, to))
                .filter(tickets::status.ne(kaiku_core::usage::TicketStatus::Cancelled))
                // One column the index has: the whole row would be read
                // from the table for every card.
                .select(tickets::card_id),
        ))
        .select(cards::id)
        .load(conn)?)
}

/// The area's cards valid on some day of the period (by any of their grants).
pub fn own_cards_valid(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Id>> {
    Ok(ev::table
        .filter(ev::area_id.eq(scope.area()))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .filter(ev::grant_date.le(to))
        .filter(ev::valid_until.ge(from))
        .select(ev::card_id)
        .distinct()
        .load(conn)?)
}

/// An area's annual statistics as submitted to the national service.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = crate::schema::statistics_submissions)]
pub struct Submitted {
    pub id: Id,
    pub area_id: Id,
    pub year: i32,
    pub version: i32,
    pub submitted_at: chrono::NaiveDateTime,
    pub submitted_by: String,
    pub content: String,
}

/// Stores the next version of an area's year; the scope proves the caller
/// coordinates the area.
pub fn submit(
    conn: &mut DbConn,
    scope: &StatsScope,
    year: i32,
    by: &str,
    content: &str,
    now: chrono::NaiveDateTime,
) -> Result<Id> {
    use crate::schema::statistics_submissions as s;
    if !scope.full() {
        return Err(crate::StoreError::NotFound);
    }
    let last: Option<i32> = s::table
        .filter(s::area_id.eq(scope.area()))
        .filter(s::year.eq(year))
        .select(diesel::dsl::max(s::version))
        .get_result(conn)?;
    Ok(diesel::insert_into(s::table)
        .values((
            s::area_id.eq(scope.area()),
            s::year.eq(year),
            s::version.eq(last.unwrap_or(0) + 1),
            s::submitted_at.eq(now),
            s::submitted_by.eq(by),
            s::content.eq(content),
        ))
        .returning(s::id)
        .get_result(conn)?)
}

/// The latest submission of every area for a year.
pub fn latest_of_year(conn: &mut DbConn, _: &NationalScope, year: i32) -> Result<Vec<Submitted>> {
    use crate::schema::statistics_submissions as s;
    let all: Vec<Submitted> = s::table
        .filter(s::year.eq(year))
        .order((s::area_id, s::version.desc()))
        .select(Submitted::as_select())
        .load(conn)?;
    let mut out: Vec<Submitted> = vec![];
    for x in all {
        if out.last().is_none_or(|l| l.area_id != x.area_id) {
            out.push(x);
        }
    }
    Ok(out)
}

/// One submission of the scope's area.
pub fn submitted(conn: &mut DbConn, scope: &StatsScope, id: Id) -> Result<Submitted> {
    use crate::schema::statistics_submissions as s;
    Ok(s::table
        .find(id)
        .filter(s::area_id.eq(scope.area()))
        .select(Submitted::as_select())
        .get_result(conn)?)
}

/// Every version an area submitted of a year, oldest first, for the
/// national level to read in the forms published.
pub fn of_area_year(
    conn: &mut DbConn,
    _: &NationalScope,
    area: Id,
    year: i32,
) -> Result<Vec<Submitted>> {
    use crate::schema::statistics_submissions as s;
    Ok(s::table
        .filter(s::area_id.eq(area))
        .filter(s::year.eq(year))
        .order(s::version)
        .select(Submitted::as_select())
        .load(conn)?)
}

/// New and renewed cards granted in the period, for the area's own first
/// page: live, so its coordinators' alone (`full`).
pub fn cards_granted(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64> {
    if !scope.full() {
        return Err(crate::StoreError::NotFound);
    }
    Ok(ev::table
        .filter(ev::area_id.eq(scope.area()))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .filter(ev::grant_date.between(from, to))
        .count()
        .get_result(conn)?)
}

/// Tickets (adults and children) at the area's venues in the period, live:
/// its coordinators' alone.
pub fn tickets_total(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64> {
    use diesel::dsl::sum;
    if !scope.full() {
        return Err(crate::StoreError::NotFound);
    }
    let (a, c): (Option<i64>, Option<i64>) = tickets::table
        .filter(tickets::area_id.eq(scope.area()))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::status.ne(kaiku_core::usage::TicketStatus::Cancelled))
        .select((sum(tickets::adults), sum(tickets::children)))
        .get_result(conn)?;
    Ok(a.unwrap_or(0) + c.unwrap_or(0))
}

/// A grant's well-being answers: its history entry, card, issue or
/// renewal, answers.
pub type WellbeingRow = (Id, Id, Event, String);

/// The stored well-being answers of the grants of the period (R-WELL-1).
/// The area's own statistics only.
pub fn wellbeing_given(
    conn: &mut DbConn,
    scope: &StatsScope,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WellbeingRow>> {
    if !scope.full() {
        return Err(crate::StoreError::NotFound);
    }
    let rows: Vec<(Id, Id, Event, Option<String>)> = ev::table
        .filter(ev::area_id.eq(scope.area()))
        .filter(ev::event.eq_any([Event::Issued, Event::Renewed]))
        .filter(ev::grant_date.between(from, to))
        .filter(ev::wellbeing.is_not_null())
        .select((ev::id, ev::card_id, ev::event, ev::wellbeing))
        .order(ev::id)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, c, e, w)| Some((id, c, e, w?)))
        .collect())
}

/// The answers the cards gave at their grants up to `until`, in the order
/// they were given: history entry, card, answers.
pub fn wellbeing_before(
    conn: &mut DbConn,
    scope: &StatsScope,
    cards: &[Id],
    until: NaiveDate,
) -> Result<Vec<(Id, Id, String)>> {
    if !scope.full() {
        return Err(crate::StoreError::NotFound);
    }
    let mut out = vec![];
    for chunk in cards.chunks(crate::cards::CHUNK) {
        let rows: Vec<(Id, Id, Option<String>)> = ev::table
            .filter(ev::area_id.eq(scope.area()))
            .filter(ev::card_id.eq_any(chunk))
            .filter(ev::grant_date.le(until))
            .filter(ev::wellbeing.is_not_null())
            .select((ev::id, ev::card_id, ev::wellbeing))
            .order(ev::id)
            .load(conn)?;
        out.extend(rows.into_iter().filter_map(|(id, c, w)| Some((id, c, w?))));
    }
    Ok(out)
}
