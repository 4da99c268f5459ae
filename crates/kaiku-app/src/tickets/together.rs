//! The usual box-office record (one card, nothing from paper) written
//! together with the others waiting for the same item: one write judges them
//! against the item's upper limit in memory and writes their tickets in a
//! few statements, however many there are. One at a time, each would be
//! four statements in the writer, one after the other; on PostgreSQL each a
//! round trip, which made one busy item's writer the box office's limit.
//!
//! Every rule is still judged for each record on its own: the visit before
//! the write (in the read beside it), and in the write what may have
//! changed since (its card, the upper limit, sold out, excluded, one ticket
//! per card and item). A record refused in the write changes nothing, and
//! the others are written all the same.

use super::record::{Recorded, noted, record_in};
use super::visit::{Judged, Parsed};
use super::{refused, use_of};
use crate::error::{AppError, AppResult, CardRefusal};
use crate::i18n::Tr;

use chrono::{DateTime, Utc};
use kaiku_core::Id;
use kaiku_core::cap;
use kaiku_core::policy::{BoxOffice, CardLookup, Reach};
use kaiku_core::usage::{self, Reason, TicketStatus};
use kaiku_core::window;
use kaiku_store::cards as card_store;
use kaiku_store::items::Item;
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::{Actor, DbConn, Store, StoreError, now, venues};
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};
use tokio::sync::oneshot;

/// A record judged and waiting to be written.
pub(super) struct Waiting {
    pub(super) reach: Reach<BoxOffice>,
    pub(super) lookup: CardLookup,
    pub(super) p: Parsed,
    pub(super) judged: Judged,
    pub(super) venue: venues::Venue,
    pub(super) key: Option<String>,
    pub(super) fingerprint: String,
    pub(super) actor: Actor,
    pub(super) tr: Tr,
}

/// Whether a record is written together with others: one card, and not
/// entered afterwards from paper (that is redeemed as it is written) nor a
/// correction of a submitted period.
pub(super) fn fits(p: &Parsed, judged: &Judged, at: DateTime<Utc>) -> bool {
    p.members.is_empty()
        && p.correction.is_none()
        && !usage::from_paper(p.backlog, judged.at.item().starts_at.and_utc(), at)
        && judged.codes.len() == 1
        && judged.found.len() == 1
}

type Answer = oneshot::Sender<AppResult<Recorded>>;

/// The records waiting per store and item, with the turn they wait for.
type Queues = HashMap<(u64, Id), (u64, Vec<(Waiting, Answer)>)>;

static WAITING: LazyLock<Mutex<Queues>> = LazyLock::new(|| Mutex::new(HashMap::new()));

fn queues() -> std::sync::MutexGuard<'static, Queues> {
    WAITING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Writes a record with the others waiting for its item, and answers once
/// they are committed.
pub(super) async fn record(store: &Store, item: Id, w: Waiting) -> AppResult<Recorded> {
    static TURNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let at = (store.id(), item);
    let (send, answer) = oneshot::channel();
    // The first to wait starts a write, which takes every record waiting
    // when it runs; those that come later join it until then.
    let turn = {
        let mut q = queues();
        match q.get_mut(&at) {
            Some((_, list)) => {
                list.push((w, send));
                None
            }
            None => {
                let turn = TURNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                q.insert(at, (turn, vec![(w, send)]));
                Some(turn)
            }
        }
    };
    if let Some(turn) = turn {
        // Its own task, so that the answers reach every waiting record even
        // if the request that started it goes away.
        let store = store.clone();
        tokio::spawn(async move {
            let written = store
                .write_for(item, move |c| {
                    let list = take(at, turn);
                    write(c, item, list)
                })
                .await;
            match written {
                Ok(answers) => {
                    for (send, out) in answers {
                        let _ = send.send(out);
                    }
                }
                // Nothing was written: the records still waiting (if the
                // write never ran) are dropped with it, and each is told.
                Err(_) => drop(take(at, turn)),
            }
        });
    }
    answer.await.unwrap_or_else(|_| {
        Err(AppError::from(StoreError::Unavailable(
            "the use could not be written".into(),
        )))
    })
}

/// The records of a turn, if no write has taken them yet.
fn take(at: (u64, Id), turn: u64) -> Vec<(Waiting, Answer)> {
    let mut q = queues();
    match q.get(&at) {
        Some((t, _)) if *t == turn => q.remove(&at).map(|(_, l)| l).unwrap_or_default(),
        _ => vec![],
    }
}

/// The write of a turn. A record refused here is answered so and changes
/// nothing; an error of the database fails them all, and nothing of them
/// is kept.
fn write(
    c: &mut DbConn,
    item: Id,
    list: Vec<(Waiting, Answer)>,
) -> AppResult<Vec<(Answer, AppResult<Recorded>)>> {
    let at = Utc::now();
    let mut answers = vec![];
    let mut plain = vec![];
    let codes: Vec<String> = list.iter().map(|(w, _)| w.p.code.clone()).collect();
    let stamps = match list.first() {
        Some((w, _)) => card_store::stamps_at(c, &w.lookup, &codes, &w.judged.at)?,
        None => return Ok(answers),
    };
    // A card changed since its visit was judged (voided or renewed a
    // moment ago) has the visit judged again, on its own.
    for (w, send) in list {
        let card = &w.judged.found[0];
        if stamps
            .iter()
            .any(|s| (s.id, s.updated_at) == (card.id, card.updated_at))
        {
            plain.push((w, send));
        } else {
            let out = alone(c, item, w, at);
            answers.push((send, out));
        }
    }
    if plain.is_empty() {
        return Ok(answers);
    }
    let mut held = match tickets::hold(c, &plain[0].0.reach, item) {
        // The item is gone since the records were judged (deleted, or no
        // longer at the box office): nothing is written, and each is told
        // so, not asked to try again.
        Err(StoreError::NotFound) => {
            answers.extend(
                plain
                    .into_iter()
                    .map(|(_, send)| (send, Err(AppError::NotFound))),
            );
            return Ok(answers);
        }
        held => held?,
    };
    // The cards' tickets for the item once its row is held: every other
    // write of the item's tickets holds it too, so a ticket written or
    // cancelled a moment ago by another process is seen here.
    let holding: HashSet<Id> = {
        let w = &plain[0].0;
        let codes: Vec<String> = plain.iter().map(|(w, _)| w.p.code.clone()).collect();
        card_store::stamps_at(c, &w.lookup, &codes, &w.judged.at)?
            .into_iter()
            .filter(|s| s.holds_ticket)
            .map(|s| s.id)
            .collect()
    };
    // Each record against the upper limit as the ones before it left it.
    let mut room = held.used;
    let mut cards = HashSet::new();
    let mut keys = HashSet::new();
    let mut going = vec![];
    for (w, send) in plain {
        let card = w.judged.found[0].id;
        let total = w.p.adults + w.p.children;
        let verdict = if !w
            .reach
            .admits_venue(w.judged.at.item().area_id, w.judged.at.item().venue_id)
        {
            Some(AppError::NotFound)
        } else if w
            .key
            .as_deref()
            .is_some_and(|k| keys.contains(k) || tickets::key_taken_in_write(k))
        {
            // A retry sent before its first answer came: answered with the
            // first's answer once this write is committed.
            Some(AppError::Conflict("already_exists"))
        } else if holding.contains(&card) || cards.contains(&card) {
            Some(refusal(&w.p, &Reason::AlreadyHasTicket))
        } else if held.sold_out {
            Some(refusal(&w.p, &Reason::SoldOut))
        } else if held.excluded {
            Some(refusal(&w.p, &Reason::Excluded))
        } else if held.cap.is_some_and(|c| room + total > c) {
            let left = cap::cap_left(held.cap, room).unwrap_or(0);
            Some(refusal(&w.p, &Reason::CapReached { left }))
        } else {
            None
        };
        match verdict {
            Some(e) => answers.push((send, Err(e))),
            None => {
                room += total;
                cards.insert(card);
                keys.extend(w.key.clone());
                going.push((w, send));
            }
        }
    }
    let rows: Vec<NewTicket> = going
        .iter()
        .map(|(w, _)| new_ticket(w, item))
        .collect::<AppResult<_>>()?;
    let written: HashMap<Id, Id> = held.insert(c, &rows)?.into_iter().collect();
    let before = held.used;
    let mut taken = 0;
    for ((w, send), row) in going.into_iter().zip(rows) {
        let Some(&id) = written.get(&row.card_id) else {
            // Another box office's ticket for the card came first.
            answers.push((send, Err(refusal(&w.p, &Reason::AlreadyHasTicket))));
            continue;
        };
        taken += row.adults + row.children;
        let out = answer(&w, row, id, before + taken);
        answers.push((send, Ok(w.noted(c, out)?)));
    }
    held.take(c, taken)?;
    Ok(answers)
}

/// A record whose card changed since it was judged: judged and written on
/// its own, in a savepoint of its own.
fn alone(c: &mut DbConn, item: Id, w: Waiting, at: DateTime<Utc>) -> AppResult<Recorded> {
    kaiku_store::savepoint(c, |c| {
        let judged = w.judged.clone();
        let out = record_in(
            c, &w.reach, &w.lookup, item, &w.p, judged, &w.venue, at, &w.tr,
        )?;
        w.noted(c, out)
    })
}

impl Waiting {
    /// Its use written, noted for the key's retries and in the audit log.
    fn noted(&self, c: &mut DbConn, out: super::UseOut) -> AppResult<Recorded> {
        let area = self.judged.at.item().area_id;
        let key = self.key.as_deref();
        noted(c, &self.actor, key, &self.fingerprint, &self.p, area, out)
    }
}

fn refusal(p: &Parsed, r: &Reason) -> AppError {
    AppError::UseRefused(vec![CardRefusal {
        card_code: Some(p.code.clone()),
        position: 0,
        reasons: vec![refused(r)],
    }])
}

fn new_ticket(w: &Waiting, item: Id) -> AppResult<NewTicket> {
    let it = w.judged.at.item();
    Ok(NewTicket {
        item_id: item,
        card_id: w.judged.found[0].id,
        venue_id: it.venue_id,
        area_id: it.area_id,
        use_key: super::new_use_key(),
        adults: w.p.adults,
        children: w.p.children,
        // The rules let through a channel of the list only (R-CHAN-1).
        channel: w.p.channel.parse().map_err(|_| AppError::Internal)?,
        status: TicketStatus::Reserved,
        backlog: false,
        used_on: window::local_day(it.starts_at.and_utc()),
        recorded_at: now(),
    })
}

/// The answer for a ticket written, with the item's count after it.
fn answer(w: &Waiting, row: NewTicket, id: Id, used: i32) -> super::UseOut {
    let item = Item {
        kaiku_used: used,
        ..w.judged.at.item().clone()
    };
    let code = w.p.code.clone();
    let (use_key, card) = (row.use_key.clone(), row.card_id);
    let ticket = row.written(id, None);
    use_of(
        &item,
        &w.venue,
        &use_key,
        &[(ticket, code)],
        Some(card),
        &w.tr,
    )
}
