//! What a holder reads on their own page (R-HOLD-1): one card, reached
//! through a [`HolderCard`] that only a matched key makes.

use crate::cards::{CardRow, EventRow};
use crate::schema::{card_events, cards, holder_keys, items, tickets, venues};
use crate::{DbConn, Result};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{CardRecords, HolderCard, HolderLookup, Reach};

/// A code's card and its key hash, when it was printed with a key.
pub fn key_of(conn: &mut DbConn, _: &HolderLookup, code: &str) -> Result<Option<(Id, String)>> {
    Ok(holder_keys::table
        .inner_join(cards::table)
        .filter(cards::code.eq(code))
        .select((cards::id, holder_keys::key_hash))
        .get_result(conn)
        .optional()?)
}

/// The area of a card whose page was tried, for its log.
pub fn area_of(conn: &mut DbConn, _: &HolderLookup, card: Id) -> Result<Id> {
    Ok(cards::table
        .find(card)
        .select(cards::area_id)
        .get_result(conn)?)
}

pub fn card(conn: &mut DbConn, h: &HolderCard) -> Result<CardRow> {
    Ok(cards::table
        .find(h.card())
        .select(CardRow::as_select())
        .get_result(conn)?)
}

/// The card's whole history with its background data: it is the holder's
/// own.
pub fn history(conn: &mut DbConn, h: &HolderCard) -> Result<Vec<EventRow>> {
    Ok(card_events::table
        .filter(card_events::card_id.eq(h.card()))
        .select(EventRow::as_select())
        .order(card_events::id)
        .load(conn)?)
}

/// One use of the card as the holder sees it.
#[derive(Clone, Debug, Queryable)]
pub struct HolderUse {
    pub used_on: NaiveDate,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub venue: String,
    pub adults: i32,
    pub children: i32,
    pub cancelled: bool,
}

/// A use as read: day, start, title, venue, adults, children, cancelled.
type UseRow = (
    NaiveDate,
    NaiveDateTime,
    String,
    String,
    i32,
    i32,
    Option<NaiveDateTime>,
);

/// The card's uses, newest first.
pub fn uses(conn: &mut DbConn, h: &HolderCard) -> Result<Vec<HolderUse>> {
    let rows: Vec<UseRow> = tickets::table
        .inner_join(items::table)
        .inner_join(venues::table)
        .filter(tickets::card_id.eq(h.card()))
        .select((
            tickets::used_on,
            items::starts_at,
            items::title,
            venues::name,
            tickets::adults,
            tickets::children,
            tickets::cancelled_at,
        ))
        .order((tickets::used_on.desc(), tickets::id.desc()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(used_on, starts_at, title, venue, adults, children, cancelled)| HolderUse {
                used_on,
                starts_at,
                title,
                venue,
                adults,
                children,
                cancelled: cancelled.is_some(),
            },
        )
        .collect())
}

/// When a card in the reach was last printed with a holder key.
pub fn key_printed(
    conn: &mut DbConn,
    reach: &Reach<CardRecords>,
    card: &CardRow,
) -> Result<Option<NaiveDateTime>> {
    if !crate::cards::in_reach(reach, card) {
        return Err(crate::StoreError::NotFound);
    }
    Ok(holder_keys::table
        .find(card.id)
        .select(holder_keys::printed_at)
        .get_result(conn)
        .optional()?)
}
