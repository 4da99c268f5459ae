//! What the register stops needing, removed by the service itself
//! (R-OPS-3): idempotency keys after 7 days (a client retries within
//! minutes, not weeks), import previews nobody confirmed after 24 hours
//! (each holds its whole sheet), sessions that have ended, login failures
//! and counted card lookups after a day, a printed sheet with holder keys
//! nobody downloaded after a day (the keys are kept nowhere else). Each kind goes in batches of
//! [`BATCH`], each batch its own short write, so that a box office waiting
//! to record never waits behind a long delete.

use crate::schema::{card_lookups, idempotency_keys, imports, login_failures, sessions};
use crate::{DbConn, Result, Store};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::import::ImportStatus;
use kaiku_core::policy::Maintenance;

pub const BATCH: i64 = 500;

/// The kinds of records housekeeping removes, by the name the metrics use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::AsRefStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Chore {
    IdempotencyKeys,
    ImportPreviews,
    Sessions,
    LoginFailures,
    CardLookups,
    KeyedPrints,
}

impl Chore {
    /// Records of this kind older than this (at `now`) are removed.
    pub fn cutoff(self, now: NaiveDateTime) -> NaiveDateTime {
        match self {
            Chore::IdempotencyKeys => now - Duration::days(7),
            Chore::ImportPreviews => now - Duration::hours(24),
            Chore::Sessions => now,
            Chore::LoginFailures | Chore::CardLookups | Chore::KeyedPrints => {
                now - Duration::days(1)
            }
        }
    }
}

/// Removes at most [`BATCH`] records of one kind that are past their time.
pub fn batch(
    conn: &mut DbConn,
    _: &Maintenance,
    chore: Chore,
    now: NaiveDateTime,
) -> Result<usize> {
    let before = chore.cutoff(now);
    Ok(match chore {
        Chore::IdempotencyKeys => {
            let keys: Vec<String> = idempotency_keys::table
                .filter(idempotency_keys::created_at.lt(before))
                .select(idempotency_keys::key_hash)
                .limit(BATCH)
                .load(conn)?;
            diesel::delete(idempotency_keys::table.filter(idempotency_keys::key_hash.eq_any(keys)))
                .execute(conn)?
        }
        Chore::KeyedPrints => crate::prints::forget_old_keyed(conn, before)?,
        Chore::ImportPreviews => {
            let ids: Vec<i64> = imports::table
                .filter(imports::status.eq(ImportStatus::Preview))
                .filter(imports::created_at.lt(before))
                .select(imports::id)
                .limit(BATCH)
                .load(conn)?;
            diesel::delete(imports::table.filter(imports::id.eq_any(ids))).execute(conn)?
        }
        Chore::Sessions => {
            let ids: Vec<String> = sessions::table
                .filter(sessions::expires_at.le(before))
                .select(sessions::id_hash)
                .limit(BATCH)
                .load(conn)?;
            diesel::delete(sessions::table.filter(sessions::id_hash.eq_any(ids))).execute(conn)?
        }
        Chore::LoginFailures => {
            let ids: Vec<i64> = login_failures::table
                .filter(login_failures::at.lt(before))
                .select(login_failures::id)
                .limit(BATCH)
                .load(conn)?;
            diesel::delete(login_failures::table.filter(login_failures::id.eq_any(ids)))
                .execute(conn)?
        }
        Chore::CardLookups => {
            let ids: Vec<i64> = card_lookups::table
                .filter(card_lookups::at.lt(before))
                .select(card_lookups::id)
                .limit(BATCH)
                .load(conn)?;
            diesel::delete(card_lookups::table.filter(card_lookups::id.eq_any(ids)))
                .execute(conn)?
        }
    })
}

/// One round of housekeeping at `now`: every kind, batch after batch, until
/// nothing of it is past its time. `removed` hears of each batch.
pub async fn sweep(
    store: &Store,
    upkeep: Maintenance,
    now: NaiveDateTime,
    mut removed: impl FnMut(Chore, usize),
) -> Result<()> {
    use strum::IntoEnumIterator;
    for chore in Chore::iter() {
        loop {
            let n = store.write(move |c| batch(c, &upkeep, chore, now)).await?;
            if n > 0 {
                removed(chore, n);
            }
            if (n as i64) < BATCH {
                break;
            }
            tokio::task::yield_now().await;
        }
    }
    Ok(())
}
