//! The writes that change a card: issuing, renewing and voiding, each with
//! its history entry, and each guarded so that two clerks racing on one
//! card cannot both win.

use super::{NewEvent, record};
use crate::schema::{card_events, cards, distribution_points};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::card::{Kind, Status};
use kaiku_core::policy::{CardRecords, IssuanceImports, Issuing, Purpose, Reach};

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

/// Rows one batched write takes: well below both backends' limits on
/// bound values (a history row binds 18).
const BATCH: usize = 1000;

/// [`issue`] for many cards at once, as an import writes them: one update
/// and one insert per [`BATCH`] cards rather than three round trips each.
/// Returns how many were issued; fewer than given means some card was
/// issued or voided meanwhile, and the caller rolls the whole write back.
pub fn issue_many<P: IssuesCards>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    point: Id,
    kind: Kind,
    cards_and_events: &[(Id, Grant, NewEvent)],
    now: NaiveDateTime,
) -> Result<usize> {
    use diesel::sql_types::{BigInt, Date, Integer, Nullable, Text, Timestamp};
    let area = issuing_area(conn, reach, point)?;
    let mut issued = 0;
    for chunk in cards_and_events.chunks(BATCH) {
        // One statement: every card of the chunk that is still in stock at
        // the point (or unallocated) in the point's area gets its grant.
        // PostgreSQL types a list of values by its first row, and numbers
        // its parameters; SQLite takes `?` and no casts it does not need.
        let postgres = matches!(conn, DbConn::Postgres(_));
        let first = if postgres {
            "(CAST(? AS bigint), CAST(? AS date), CAST(? AS date), CAST(? AS integer))"
        } else {
            "(?, ?, ?, ?)"
        };
        let rows: Vec<&str> = std::iter::once(first)
            .chain(std::iter::repeat_n("(?, ?, ?, ?)", chunk.len() - 1))
            .collect();
        let sql = format!(
            "UPDATE cards SET status = ?, kind = ?, holder_point_id = ?, updated_at = ?, \
             grant_date = v.grant_date, valid_until = v.valid_until, minor_children = v.minor_children \
             FROM (SELECT column1 AS id, column2 AS grant_date, column3 AS valid_until, \
             column4 AS minor_children FROM (VALUES {}) AS given) AS v \
             WHERE cards.id = v.id AND cards.area_id = ? AND cards.status = ? \
             AND (cards.allocated_point_id IS NULL OR cards.allocated_point_id = ?)",
            rows.join(", ")
        );
        let sql = if postgres { numbered(&sql) } else { sql };
        let mut q = diesel::sql_query(sql)
            .into_boxed()
            .bind::<Text, _>(Status::Issued.as_ref().to_string())
            .bind::<Text, _>(kind.as_ref().to_string())
            .bind::<BigInt, _>(point)
            .bind::<Timestamp, _>(now);
        for (card, g, _) in chunk {
            q = q
                .bind::<BigInt, _>(*card)
                .bind::<Date, _>(g.grant_date)
                .bind::<Date, _>(g.valid_until)
                .bind::<Nullable<Integer>, _>(g.minor_children);
        }
        let q = q
            .bind::<BigInt, _>(area)
            .bind::<Text, _>(Status::InStock.as_ref().to_string())
            .bind::<BigInt, _>(point);
        let n = q.execute(conn)?;
        issued += n;
        if n < chunk.len() {
            return Ok(issued);
        }
        let events: Vec<NewEvent> = chunk
            .iter()
            .map(|(card, _, e)| NewEvent {
                card_id: *card,
                area_id: area,
                ..e.clone()
            })
            .collect();
        crate::db::insert_rows!(conn, card_events::table, events);
    }
    Ok(issued)
}

/// `?` parameters as PostgreSQL numbers them: `$1`, `$2`, …
fn numbered(sql: &str) -> String {
    let mut n = 0;
    let mut out = String::with_capacity(sql.len() + 64);
    for ch in sql.chars() {
        if ch == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(ch);
        }
    }
    out
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
