//! Tickets recorded with cards, and the race-free cap (R-USE-4): the cap is
//! checked and taken by one conditional UPDATE of the item's counter inside
//! the ticket's transaction, so concurrent box offices can never overshoot.

//!
//! Every function on tickets takes the [`Reach<BoxOffice>`] of the venues
//! whose box office the caller serves, and admits only items and tickets of
//! those venues, as stored.

use crate::db::{KeepPrepared, natively};
use crate::schema::{cards, idempotency_keys, items, tickets};
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::org::SalesChannel;
use kaiku_core::policy::{BoxOffice, Reach, Reports};
use kaiku_core::usage::TicketStatus;

/// The `(venue, area)` of an item whose box office is in the reach; any
/// other item is not found.
fn item_in(conn: &mut DbConn, reach: &Reach<BoxOffice>, item: Id) -> Result<(Id, Id)> {
    let (venue, area): (Id, Id) = items::table
        .find(item)
        .select((items::venue_id, items::area_id))
        .get_result(conn)?;
    if reach.admits_venue(area, venue) {
        Ok((venue, area))
    } else {
        Err(StoreError::NotFound)
    }
}

/// Tickets taken from an item's cap inside a write: what the item's counter
/// is now, and the proof that the item lies in the reach, with its venue and
/// area, for the tickets written after it ([`insert_taken`]).
#[derive(Debug)]
pub struct Taken {
    item: Id,
    venue: Id,
    area: Id,
    used: i32,
}

impl Taken {
    /// The item's Kaikukortti tickets now, these included.
    pub fn used(&self) -> i32 {
        self.used
    }
}

/// Takes `n` Kaikukortti tickets from the item's cap. `None` when the cap
/// (or sold-out, or an exclusion) leaves no room, or the item is not in the
/// reach; nothing changes then. One statement: the box office's writes wait
/// for each other on this row, so it is held as briefly as it can be.
pub fn take_cap(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: Id,
    n: i32,
) -> Result<Option<Taken>> {
    // The reach is checked on the row it returns: a list of venues in the
    // statement would make it one SQLite prepares anew for every ticket.
    let changed = natively!(conn, |c| KeepPrepared(
        diesel::update(
            items::table
                .find(item)
                .filter(items::sold_out.eq(false))
                .filter(items::excluded.eq(false))
                .filter(
                    items::cap
                        .is_null()
                        .or(items::cap.ge((items::kaiku_used + n).nullable())),
                ),
        )
        .set(items::kaiku_used.eq(items::kaiku_used + n))
        .returning(TAKEN)
    )
    .get_result(c));
    taken(reach, item, changed.optional()?)
}

/// Takes `n` tickets from an item's cap whatever the cap says: a use that
/// already happened is counted even past it (R-OFF-3). Not found when the
/// item is not in the reach.
pub fn take_past_cap(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: Id,
    n: i32,
) -> Result<Taken> {
    let changed = natively!(conn, |c| KeepPrepared(
        diesel::update(items::table.find(item))
            .set(items::kaiku_used.eq(items::kaiku_used + n))
            .returning(TAKEN)
    )
    .get_result(c));
    taken(reach, item, changed.optional()?)?.ok_or(StoreError::NotFound)
}

/// What a taking reads back: the counter now, the item's venue and area.
const TAKEN: (items::kaiku_used, items::venue_id, items::area_id) =
    (items::kaiku_used, items::venue_id, items::area_id);

/// The proof of a taking, once the item's place is checked against the
/// reach as the grant names it.
fn taken(reach: &Reach<BoxOffice>, item: Id, row: Option<(i32, Id, Id)>) -> Result<Option<Taken>> {
    match row {
        None => Ok(None),
        Some((used, venue, area)) if reach.admits_venue(area, venue) => Ok(Some(Taken {
            item,
            venue,
            area,
            used,
        })),
        // A venue whose area is not the one its grant names: nothing of
        // this write may stand.
        Some(_) => Err(StoreError::NotFound),
    }
}

/// Gives `n` tickets back to the cap (a cancellation, R-USE-5).
fn release_cap(conn: &mut DbConn, item: Id, n: i32) -> Result<()> {
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
    pub channel: SalesChannel,
    pub status: TicketStatus,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
}

impl NewTicket {
    /// The ticket as stored once written with `id`, redeemed at
    /// `redeemed_at` or not.
    pub fn written(self, id: Id, redeemed_at: Option<NaiveDateTime>) -> Ticket {
        Ticket {
            id,
            item_id: self.item_id,
            card_id: self.card_id,
            venue_id: self.venue_id,
            area_id: self.area_id,
            use_key: self.use_key,
            adults: self.adults,
            children: self.children,
            channel: self.channel,
            status: self.status,
            backlog: self.backlog,
            used_on: self.used_on,
            recorded_at: self.recorded_at,
            redeemed_at,
            cancelled_at: None,
        }
    }
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
    pub channel: SalesChannel,
    pub status: TicketStatus,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub redeemed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
}

/// Whether the ticket is of an item of its venue and area, inside the reach.
fn check_new(conn: &mut DbConn, reach: &Reach<BoxOffice>, t: &NewTicket) -> Result<()> {
    if item_in(conn, reach, t.item_id)? == (t.venue_id, t.area_id) {
        Ok(())
    } else {
        Err(StoreError::InvalidReference)
    }
}

/// Inserts a ticket. A second live ticket of the same card for the same item
/// breaks the unique index (R-USE-3) and comes back as `Conflict`.
pub fn insert(conn: &mut DbConn, reach: &Reach<BoxOffice>, t: &NewTicket) -> Result<Id> {
    check_new(conn, reach, t)?;
    insert_row(conn, t)
}

fn insert_row(conn: &mut DbConn, t: &NewTicket) -> Result<Id> {
    Ok(natively!(conn, |c| diesel::insert_into(tickets::table)
        .values(t)
        .returning(tickets::id)
        .get_result(c))?)
}

/// An item's row held for the rest of a write, with what its upper limit
/// is judged by: on PostgreSQL locked until the commit (`FOR UPDATE`), on
/// SQLite the write's own. The box office's writes about one item are then
/// judged against it together, in memory, and written in a few statements
/// whatever their number. Holding one proves the item lies in the reach.
#[derive(Debug)]
pub struct Held {
    item: Id,
    venue: Id,
    area: Id,
    pub cap: Option<i32>,
    pub used: i32,
    pub sold_out: bool,
    pub excluded: bool,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = items)]
struct HeldRow {
    venue_id: Id,
    area_id: Id,
    cap: Option<i32>,
    kaiku_used: i32,
    sold_out: bool,
    excluded: bool,
}

/// Holds an item's row for tickets about to be taken; not found when the
/// item is not in the reach.
pub fn hold(conn: &mut DbConn, reach: &Reach<BoxOffice>, item: Id) -> Result<Held> {
    let row: HeldRow = match conn {
        DbConn::Postgres(c) => items::table
            .find(item)
            .select(HeldRow::as_select())
            .for_update()
            .get_result(c)?,
        // The write holds the whole file.
        DbConn::Sqlite(c) => items::table
            .find(item)
            .select(HeldRow::as_select())
            .get_result(c)?,
    };
    if !reach.admits_venue(row.area_id, row.venue_id) {
        return Err(StoreError::NotFound);
    }
    Ok(Held {
        item,
        venue: row.venue_id,
        area: row.area_id,
        cap: row.cap,
        used: row.kaiku_used,
        sold_out: row.sold_out,
        excluded: row.excluded,
    })
}

impl Held {
    /// Inserts tickets of the held item, leaving out each whose card holds
    /// a live ticket for it already (R-USE-3); the cards whose tickets went
    /// in, with the tickets' ids.
    pub fn insert(&self, conn: &mut DbConn, rows: &[NewTicket]) -> Result<Vec<(Id, Id)>> {
        if rows
            .iter()
            .any(|t| (t.item_id, t.venue_id, t.area_id) != (self.item, self.venue, self.area))
        {
            return Err(StoreError::InvalidReference);
        }
        let mut out = vec![];
        match conn {
            DbConn::Postgres(c) => {
                for chunk in rows.chunks(crate::db::ROWS_PER_INSERT) {
                    out.extend(
                        diesel::insert_into(tickets::table)
                            .values(chunk)
                            .on_conflict_do_nothing()
                            .returning((tickets::card_id, tickets::id))
                            .load::<(Id, Id)>(c)?,
                    );
                }
            }
            // A statement is a call in the process here, not a round trip.
            DbConn::Sqlite(c) => {
                for row in rows {
                    out.extend(
                        KeepPrepared(
                            diesel::insert_into(tickets::table)
                                .values(row)
                                .on_conflict_do_nothing()
                                .returning((tickets::card_id, tickets::id)),
                        )
                        .get_result::<(Id, Id)>(c)
                        .optional()?,
                    );
                }
            }
        }
        Ok(out)
    }

    /// Counts `n` more Kaikukortti tickets of the held item, judged against
    /// its upper limit by the caller.
    pub fn take(&mut self, conn: &mut DbConn, n: i32) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        let item = self.item;
        natively!(conn, |c| KeepPrepared(
            diesel::update(items::table.find(item))
                .set(items::kaiku_used.eq(items::kaiku_used + n))
        )
        .execute(c))?;
        self.used += n;
        Ok(())
    }
}

/// Inserts a ticket for tickets just taken from its item's cap: the item's
/// place is known from the taking, so it is not read again.
pub fn insert_taken(conn: &mut DbConn, taken: &Taken, t: &NewTicket) -> Result<Id> {
    if (t.item_id, t.venue_id, t.area_id) != (taken.item, taken.venue, taken.area) {
        return Err(StoreError::InvalidReference);
    }
    insert_row(conn, t)
}

/// A ticket of a use recorded without a connection, with what the box
/// office writes in steps set at once: redeemed or reserved, its offline
/// mark, and why it is a correction of a submitted period, if it is.
#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = tickets, treat_none_as_default_value = false)]
pub struct OfflineTicket {
    #[diesel(embed)]
    pub ticket: NewTicket,
    pub redeemed_at: Option<NaiveDateTime>,
    pub offline_mark: Option<String>,
    pub correction: Option<String>,
}

/// Writes the tickets of uses recorded offline, each of an item whose
/// tickets were just taken from its cap (`taken`), many rows a statement.
pub fn insert_offline(conn: &mut DbConn, taken: &[Taken], rows: &[OfflineTicket]) -> Result<()> {
    for r in rows {
        let t = &r.ticket;
        if !taken
            .iter()
            .any(|k| (k.item, k.venue, k.area) == (t.item_id, t.venue_id, t.area_id))
        {
            return Err(StoreError::InvalidReference);
        }
    }
    crate::db::insert_rows!(conn, tickets::table, rows);
    Ok(())
}

/// Inserts many tickets (an imported sheet), each redeemed at the given
/// time or reserved; `done` is told how many are in, now and then. (The
/// store's two-backend connection cannot batch inserts; one prepared
/// statement a row is what SQLite does fastest anyway.)
pub fn insert_many(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    rows: &[(NewTicket, Option<NaiveDateTime>)],
    mut done: impl FnMut(usize),
) -> Result<()> {
    let mut checked = std::collections::HashSet::new();
    for (n, (t, redeemed)) in rows.iter().enumerate() {
        if checked.insert(t.item_id) {
            check_new(conn, reach, t)?;
        }
        diesel::insert_into(tickets::table)
            .values((t, tickets::redeemed_at.eq(*redeemed)))
            .execute(conn)?;
        done(n + 1);
    }
    Ok(())
}

/// A ticket of a venue in the reach.
pub fn get(conn: &mut DbConn, reach: &Reach<BoxOffice>, id: Id) -> Result<Ticket> {
    let t = tickets::table
        .find(id)
        .select(Ticket::as_select())
        .get_result::<Ticket>(conn)?;
    if reach.admits_venue(t.area_id, t.venue_id) {
        Ok(t)
    } else {
        Err(StoreError::NotFound)
    }
}

/// Cancels a live ticket and frees its share of the cap; false when it was
/// cancelled already.
/// Keeps why these tickets were cancelled or recorded in a settled period.
pub fn note_correction(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    ids: &[Id],
    reason: &str,
) -> Result<()> {
    for id in ids {
        get(conn, reach, *id)?;
    }
    diesel::update(tickets::table.filter(tickets::id.eq_any(ids)))
        .set(tickets::correction.eq(reason))
        .execute(conn)?;
    Ok(())
}

pub fn cancel(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    id: Id,
    now: NaiveDateTime,
) -> Result<bool> {
    let t = get(conn, reach, id)?;
    let n = diesel::update(
        tickets::table
            .find(id)
            .filter(tickets::status.ne(TicketStatus::Cancelled)),
    )
    .set((
        tickets::status.eq(TicketStatus::Cancelled),
        tickets::cancelled_at.eq(now),
    ))
    .execute(conn)?;
    if n == 1 {
        release_cap(conn, t.item_id, t.adults + t.children)?;
    }
    Ok(n == 1)
}

/// Redeems a reserved ticket; false when it is not reserved.
pub fn redeem(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    id: Id,
    now: NaiveDateTime,
) -> Result<bool> {
    get(conn, reach, id)?;
    let n = diesel::update(
        tickets::table
            .find(id)
            .filter(tickets::status.eq(TicketStatus::Reserved)),
    )
    .set((
        tickets::status.eq(TicketStatus::Redeemed),
        tickets::redeemed_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Tickets of an item that count against its cap (reserved and redeemed).
pub fn live_total(conn: &mut DbConn, reach: &Reach<BoxOffice>, item: Id) -> Result<i64> {
    item_in(conn, reach, item)?;
    let rows: Vec<(i32, i32)> = tickets::table
        .filter(tickets::item_id.eq(item))
        .filter(tickets::status.ne(TicketStatus::Cancelled))
        .select((tickets::adults, tickets::children))
        .load(conn)?;
    Ok(rows.iter().map(|(a, c)| i64::from(a + c)).sum())
}

/// The answer first given under an idempotency key (R-USE-9).
#[derive(Clone, Debug, Queryable)]
pub struct Remembered {
    pub status: i32,
    pub response: String,
    /// What the first request asked for, so a key reused for another
    /// request is told apart from a retry.
    pub fingerprint: String,
}

pub fn recall(conn: &mut DbConn, key_hash: &str) -> Result<Option<Remembered>> {
    Ok(natively!(conn, |c| idempotency_keys::table
        .find(key_hash)
        .select((
            idempotency_keys::status,
            idempotency_keys::response,
            idempotency_keys::fingerprint,
        ))
        .get_result(c))
    .optional()?)
}

/// Of these cards, those that hold a live ticket for an item of a venue in
/// the reach (R-USE-3); never a question about another venue's item
/// (R-AUTH-6).
pub fn with_live_ticket(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: Id,
    card_ids: &[Id],
) -> Result<Vec<Id>> {
    item_in(conn, reach, item)?;
    live_of(conn, item, card_ids)
}

crate::db::condition!(
    /// A ticket not cancelled: the condition of the index that keeps one
    /// such ticket per card and item, written out as it is there, so that
    /// both backends find a card's ticket for an item through that index,
    /// never through the item's other tickets (a busy item has thousands).
    /// Bound as a value, it would make SQLite prepare the statement anew
    /// each time it runs.
    Live on tickets::table = "\"tickets\".\"status\" <> 'cancelled'"
);

crate::db::condition!(
    /// A ticket of the card of the row around it: a subquery's tie to its
    /// query, which Diesel does not write itself.
    OfTheCard on tickets::table = "\"tickets\".\"card_id\" = \"cards\".\"id\""
);

fn live_of(conn: &mut DbConn, item: Id, card_ids: &[Id]) -> Result<Vec<Id>> {
    Ok(if let [card] = card_ids {
        natively!(conn, |c| tickets::table
            .filter(tickets::item_id.eq(item))
            .filter(tickets::card_id.eq(card))
            .filter(Live)
            .select(tickets::card_id)
            .load(c))?
    } else {
        tickets::table
            .filter(tickets::item_id.eq(item))
            .filter(tickets::card_id.eq_any(card_ids))
            .filter(Live)
            .select(tickets::card_id)
            .load(conn)?
    })
}

/// The same for an item read at the counter a moment ago: its place is
/// proven, so it is not read again.
pub fn held_at(
    conn: &mut DbConn,
    at: &crate::items::AtCounter,
    card_ids: &[Id],
) -> Result<Vec<Id>> {
    live_of(conn, at.item().id, card_ids)
}

/// A ticket with its card's code, as the box office shows it.
pub type WithCode = (Ticket, String);

/// The tickets of one recorded use (a visit: the shown card and its group)
/// at a venue in the reach.
pub fn of_use(conn: &mut DbConn, reach: &Reach<BoxOffice>, use_key: &str) -> Result<Vec<WithCode>> {
    let list: Vec<WithCode> = tickets::table
        .inner_join(cards::table)
        .filter(tickets::use_key.eq(use_key))
        .order(tickets::id)
        .select((Ticket::as_select(), cards::code))
        .load(conn)?;
    Ok(list
        .into_iter()
        .filter(|(t, _)| reach.admits_venue(t.area_id, t.venue_id))
        .collect())
}

/// An item's tickets, newest first.
pub fn of_item(
    conn: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: Id,
    limit: i64,
) -> Result<Vec<WithCode>> {
    item_in(conn, reach, item)?;
    Ok(tickets::table
        .inner_join(cards::table)
        .filter(tickets::item_id.eq(item))
        .order(tickets::id.desc())
        .limit(limit)
        .select((Ticket::as_select(), cards::code))
        .load(conn)?)
}

/// Keeps the answer under its key, in the same transaction as the use, so a
/// retry either finds it or finds nothing recorded.
pub fn remember(
    conn: &mut DbConn,
    key_hash: &str,
    fingerprint: &str,
    status: i32,
    response: &str,
    now: NaiveDateTime,
) -> Result<()> {
    insert_answer(
        conn,
        Answer::new(key_hash, fingerprint, status, response, now),
    )
}

fn insert_answer(conn: &mut DbConn, a: Answer) -> Result<()> {
    diesel::insert_into(idempotency_keys::table)
        .values(a)
        .execute(conn)?;
    Ok(())
}

/// Whether the write under way has already remembered an answer for the
/// key (another record of its group sent it).
pub fn key_taken_in_write(key_hash: &str) -> bool {
    crate::writer::answer_kept(key_hash)
}

/// The same, written with the other answers of the writer's group just
/// before it commits (one statement for all), when the caller runs in a
/// group. A key another job of the group has remembered already is a
/// `Conflict`, as the unique key would make it.
pub fn remember_later(
    conn: &mut DbConn,
    key_hash: &str,
    fingerprint: &str,
    status: i32,
    response: &str,
    now: NaiveDateTime,
) -> Result<()> {
    use crate::writer::{Deferred, Later, defer};
    match defer(Later::Answer(Answer::new(
        key_hash,
        fingerprint,
        status,
        response,
        now,
    ))) {
        Deferred::Kept => Ok(()),
        Deferred::Now(Later::Answer(a)) => insert_answer(conn, a),
        Deferred::Now(_) | Deferred::Taken => Err(StoreError::Conflict),
    }
}

/// An answer as remembered for its idempotency key.
#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = idempotency_keys)]
pub(crate) struct Answer {
    pub(crate) key_hash: String,
    fingerprint: String,
    status: i32,
    response: String,
    created_at: NaiveDateTime,
}

impl Answer {
    fn new(
        key_hash: &str,
        fingerprint: &str,
        status: i32,
        response: &str,
        now: NaiveDateTime,
    ) -> Answer {
        Answer {
            key_hash: key_hash.to_string(),
            fingerprint: fingerprint.to_string(),
            status,
            response: response.to_string(),
            created_at: now,
        }
    }
}

/// Writes answers, many rows a statement. An answer for a key remembered
/// a moment ago by another writer (a request sent twice at once with other
/// content) is not written: its use stands, and the key keeps the first
/// answer, which a retry is given (or told the key was used for another).
/// Failing the whole group for it would fail everyone else's writes too.
pub(crate) fn insert_answers(conn: &mut DbConn, rows: &[Answer]) -> Result<()> {
    match conn {
        // Multi-row inserts do not go through the MultiBackend; PostgreSQL
        // takes them, with the conflict clause.
        DbConn::Postgres(c) => {
            for chunk in rows.chunks(crate::db::ROWS_PER_INSERT) {
                diesel::insert_into(idempotency_keys::table)
                    .values(chunk)
                    .on_conflict_do_nothing()
                    .execute(c)?;
            }
        }
        // SQLite has none with a conflict clause; a statement there is a
        // call in the process, not a round trip.
        DbConn::Sqlite(c) => {
            for row in rows {
                KeepPrepared(
                    diesel::insert_into(idempotency_keys::table)
                        .values(row)
                        .on_conflict_do_nothing(),
                )
                .execute(c)?;
            }
        }
    }
    Ok(())
}

/// One use as the venue usage report lists it: card code, adults, children,
/// item title, day.
/// Card code, adults, children, item title, day, and the mark of a use
/// recorded offline.
pub type UsageRow = (String, i32, i32, String, NaiveDate, Option<String>);

/// R-REP-1: a venue's uses on days `from` through `to` that count (not
/// cancelled), by day and item.
pub fn usage_rows(
    conn: &mut DbConn,
    reach: &Reach<Reports>,
    venue: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<UsageRow>> {
    crate::place::venue_in(conn, reach, venue)?;
    Ok(tickets::table
        .inner_join(cards::table)
        .inner_join(items::table)
        .filter(tickets::venue_id.eq(venue))
        .filter(tickets::used_on.between(from, to))
        .filter(tickets::status.ne(TicketStatus::Cancelled))
        .order((tickets::used_on, items::starts_at, tickets::id))
        .select((
            cards::code,
            tickets::adults,
            tickets::children,
            items::title,
            tickets::used_on,
            tickets::offline_mark,
        ))
        .load(conn)?)
}
