//! Tickets recorded with cards, and the race-free cap (R-USE-4): the cap is
//! checked and taken by one conditional UPDATE of the item's counter inside
//! the ticket's transaction, so concurrent box offices can never overshoot.

use crate::schema::{idempotency_keys, items, tickets};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;

/// Takes `n` Kaikukortti tickets from the item's cap. False when the cap (or
/// sold-out, or an exclusion) leaves no room; nothing changes then.
pub fn take_cap(conn: &mut DbConn, item: Id, n: i32) -> Result<bool> {
    let room = items::cap
        .is_null()
        .or(items::cap.ge((items::kaiku_used + n).nullable()));
    let changed = diesel::update(
        items::table
            .find(item)
            .filter(items::sold_out.eq(false))
            .filter(items::excluded.eq(false))
            .filter(room),
    )
    .set(items::kaiku_used.eq(items::kaiku_used + n))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Gives `n` tickets back to the cap (a cancellation, R-USE-5).
pub fn release_cap(conn: &mut DbConn, item: Id, n: i32) -> Result<()> {
    diesel::update(items::table.find(item).filter(items::kaiku_used.ge(n)))
        .set(items::kaiku_used.eq(items::kaiku_used - n))
        .execute(conn)?;
    Ok(())
}

#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = tickets)]
pub struct NewTicket {
    pub item_id: Id,
    pub card_id: Id,
    pub venue_id: Id,
    pub area_id: Id,
    pub use_key: String,
    pub adults: i32,
    pub children: i32,
    pub channel: String,
    pub status: String,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = tickets)]
pub struct Ticket {
    pub id: Id,
    pub item_id: Id,
    pub card_id: Id,
    pub venue_id: Id,
    pub area_id: Id,
    pub use_key: String,
    pub adults: i32,
    pub children: i32,
    pub channel: String,
    pub status: String,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub redeemed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
}

/// Inserts a ticket. A second live ticket of the same card for the same item
/// breaks the unique index (R-USE-3) and comes back as `Conflict`.
pub fn insert(conn: &mut DbConn, t: &NewTicket) -> Result<Id> {
    Ok(diesel::insert_into(tickets::table)
        .values(t)
        .returning(tickets::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Ticket> {
    Ok(tickets::table
        .find(id)
        .select(Ticket::as_select())
        .first(conn)?)
}

/// Cancels a live ticket and frees its share of the cap; false when it was
/// cancelled already.
pub fn cancel(conn: &mut DbConn, id: Id, now: NaiveDateTime) -> Result<bool> {
    let t = get(conn, id)?;
    let n = diesel::update(
        tickets::table
            .find(id)
            .filter(tickets::status.ne("cancelled")),
    )
    .set((
        tickets::status.eq("cancelled"),
        tickets::cancelled_at.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        release_cap(conn, t.item_id, t.adults + t.children)?;
    }
    Ok(n == 1)
}

/// Redeems a reserved ticket; false when it is not reserved.
pub fn redeem(conn: &mut DbConn, id: Id, now: NaiveDateTime) -> Result<bool> {
    let n = diesel::update(
        tickets::table
            .find(id)
            .filter(tickets::status.eq("reserved")),
    )
    .set((tickets::status.eq("redeemed"), tickets::redeemed_at.eq(now)))
    .execute(conn)?;
    Ok(n == 1)
}

/// Tickets of an item that count against its cap (reserved and redeemed).
pub fn live_total(conn: &mut DbConn, item: Id) -> Result<i64> {
    let rows: Vec<(i32, i32)> = tickets::table
        .filter(tickets::item_id.eq(item))
        .filter(tickets::status.ne("cancelled"))
        .select((tickets::adults, tickets::children))
        .load(conn)?;
    Ok(rows.iter().map(|(a, c)| i64::from(a + c)).sum())
}

/// The first answer given under an idempotency key (R-USE-9), if any.
pub fn recall(conn: &mut DbConn, key_hash: &str) -> Result<Option<(i32, String)>> {
    Ok(idempotency_keys::table
        .find(key_hash)
        .select((idempotency_keys::status, idempotency_keys::response))
        .first(conn)
        .optional()?)
}

/// Keeps the answer under its key, in the same transaction as the use, so a
/// retry either finds it or finds nothing recorded.
pub fn remember(
    conn: &mut DbConn,
    key_hash: &str,
    status: i32,
    response: &str,
    now: NaiveDateTime,
) -> Result<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::key_hash.eq(key_hash),
            idempotency_keys::status.eq(status),
            idempotency_keys::response.eq(response),
            idempotency_keys::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
        .map_err(StoreError::from)
}
