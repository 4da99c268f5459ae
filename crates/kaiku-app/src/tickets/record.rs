//! Recording a use (R-USE-1 … R-USE-9): judged in a read beside other box
//! offices, written in a short transaction that re-checks only what may have
//! changed, and answered once per idempotency key however often it is sent.

use super::together;
use super::visit::{Judged, Parsed, judge, judge_found, judge_item, parse};
use super::{UseInput, UseOut, reach, refused, use_of};
use crate::Caller;
use crate::error::{AppError, AppResult, CardRefusal, FieldError, RefusalKind, Refused};
use crate::session::sha256_hex;

use chrono::{DateTime, Utc};
use kaiku_core::Id;
use kaiku_core::policy::{self, BoxOffice, CardLookup, Reach, Via};
use kaiku_core::usage::{self, Reason, TicketStatus};
use kaiku_core::window;
use kaiku_store::Store;
use kaiku_store::cards as card_store;
use kaiku_store::items::{self, Item};
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::{DbConn, audit, now, venues};

pub const IDEMPOTENCY_KEY_MAX: usize = 200;

/// Who retries: a key is the caller's own (a token's or a person's), so two
/// ticketing systems that both send "1" never see each other's answers.
fn key_hash(caller: &Caller, key: &str) -> AppResult<String> {
    let p = caller.principal();
    let who = match p.via {
        Via::Token { token } => format!("token:{token}"),
        Via::Session => format!("account:{}", p.account.unwrap_or_default()),
        Via::Operator => "operator".to_string(),
    };
    Ok(sha256_hex(&format!("{who}\n{key}")))
}

/// Checks an idempotency key as sent (header or hidden form field).
pub fn idempotency_key(raw: Option<&str>) -> AppResult<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(k) if k.len() > IDEMPOTENCY_KEY_MAX || !k.bytes().all(|b| b.is_ascii_graphic()) => {
            Err(AppError::Invalid(vec![FieldError {
                field: "idempotency_key",
                code: "idempotency_key_invalid",
                rule: Some("R-USE-9"),
                args: vec![("max", IDEMPOTENCY_KEY_MAX.to_string())],
            }]))
        }
        Some(k) => Ok(Some(k.to_string())),
    }
}

/// The answer to a record request: the use, and whether it is the first
/// answer given again (R-USE-9).
pub struct Recorded {
    pub out: UseOut,
    pub replayed: bool,
}

/// Records a use (R-USE-1 … R-USE-9): all of the visit's tickets or none.
/// A code in no register counts against the caller's lookup budget.
pub async fn record(
    store: &Store,
    caller: &Caller,
    item: Id,
    i: &UseInput,
    key: Option<String>,
) -> AppResult<Recorded> {
    let out = record_counted(store, caller, item, i, key).await;
    // Counted by reason code only: never a card code or anything typed.
    match &out {
        Ok(r) if !r.replayed => metrics::counter!("kaiku_uses_recorded_total").increment(1),
        Ok(_) => {}
        Err(AppError::UseRefused(cards)) => {
            for r in cards.iter().flat_map(|c| &c.reasons) {
                metrics::counter!("kaiku_uses_refused_total", "reason" => r.code).increment(1);
            }
        }
        Err(AppError::Refused(r)) => {
            metrics::counter!("kaiku_uses_refused_total", "reason" => r.code).increment(1);
        }
        Err(_) => {}
    }
    match out {
        Err(e) if crate::cards::budget::is_miss(&e) => {
            use crate::cards::budget;
            let who = budget::holder(caller).unwrap_or_default();
            budget::spent(store, caller, &budget::UNKNOWN, who, None).await?;
            Err(e)
        }
        other => other,
    }
}

async fn record_counted(
    store: &Store,
    caller: &Caller,
    item: Id,
    i: &UseInput,
    key: Option<String>,
) -> AppResult<Recorded> {
    let reach = reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let p = parse(i)?;
    if p.correction.is_some() && caller.principal().account.is_none() {
        return Err(super::settled_refusal("correction_by_person", vec![]));
    }
    let holder_code = p.code.clone();
    let fingerprint = sha256_hex(&format!(
        "{item}|{}|{}|{}|{}|{}|{}",
        p.code,
        p.adults,
        p.children,
        p.channel,
        p.members.join(","),
        p.backlog
    ));
    let key = key.map(|k| key_hash(caller, &k)).transpose()?;
    let actor = caller.actor();
    let tr = caller.tr;
    let (k, fp) = (key.clone(), fingerprint.clone());
    // The rules are applied first in a read, which runs beside other
    // requests; the write then only re-checks what may have changed since,
    // so that box offices queue for the database as briefly as possible.
    let judged = {
        let (k, p, reach) = (key.clone(), p.clone(), reach.clone());
        let who = crate::cards::budget::holder(caller);
        store
            .read_short(move |c| {
                let counter = crate::cards::budget::counted_at(
                    c,
                    &reach,
                    item,
                    k.as_deref(),
                    who.as_deref(),
                )?;
                if let Some(first) = counter.first {
                    return Ok(Err(first));
                }
                let it = counter.at;
                // A use dated in a period whose report was submitted is a
                // correction of that report (R-REP-2).
                let day = window::local_day(it.item().starts_at.and_utc());
                let (judged, covered) = if p.members.is_empty() {
                    // The usual visit, one card: read with its ticket and
                    // the period in one statement.
                    let found = card_store::at_item(c, &lookup, &p.code, &it, day)?;
                    let covered = found.as_ref().and_then(|f| f.submitted);
                    let holding: Vec<Id> = found
                        .iter()
                        .filter(|f| f.holds_ticket)
                        .map(|f| f.card.id)
                        .collect();
                    let found: Vec<_> = found.into_iter().map(|f| f.card).collect();
                    let judged = judge_found(c, &lookup, it, &p, Utc::now(), found, &holding)?;
                    (judged, covered)
                } else {
                    let covered = kaiku_store::submissions::covering_at(c, &it, day)?;
                    (judge_item(c, &lookup, it, &p, Utc::now())?, covered)
                };
                if p.correction.is_none()
                    && let Some((from, to)) = covered
                {
                    return Err(super::settled_refusal(
                        "period_submitted_record",
                        vec![
                            ("from", from.format("%-d.%-m.%Y").to_string()),
                            ("to", to.format("%-d.%-m.%Y").to_string()),
                        ],
                    ));
                }
                let venue = judged.at.venue().clone();
                Ok::<_, AppError>(Ok((judged, venue, lookup)))
            })
            .await
    };
    let result = match judged {
        Ok(Err(first)) => return replay(&first, &fingerprint),
        // The usual visit, one card and nothing written on paper, is
        // written together with the others waiting for the same item.
        Ok(Ok((judged, venue, lookup))) if together::fits(&p, &judged, Utc::now()) => {
            let w = together::Waiting {
                reach,
                lookup,
                p,
                judged,
                venue,
                key: k,
                fingerprint: fp,
                actor,
                tr,
            };
            together::record(store, item, w).await
        }
        Ok(Ok((judged, venue, lookup))) => {
            store
                .write_for(item, move |c| {
                    // A retry racing its first request is caught by the
                    // unique indexes (one ticket per card and item, one
                    // answer per key) and answered below.
                    let at = Utc::now();
                    let area = judged.at.item().area_id;
                    let out = record_in(c, &reach, &lookup, item, &p, judged, &venue, at, &tr)?;
                    noted(c, &actor, k.as_deref(), &fp, &p, area, out)
                })
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(r),
        // Two requests raced on one key (a retry sent before the first
        // answer came): the loser saw the winner's ticket, or met the unique
        // index on PostgreSQL. It gets the first answer.
        Err(e) => {
            if let Some(k) = key {
                let first = store.read(move |c| tickets::recall(c, &k)).await?;
                if let Some(first) = first {
                    return replay(&first, &fingerprint);
                }
            }
            match e {
                // Two box offices raced on one card (PostgreSQL's unique
                // index): a second ticket is refused as R-USE-3 says.
                AppError::Conflict(_) => Err(AppError::UseRefused(vec![CardRefusal {
                    card_code: Some(holder_code),
                    position: 0,
                    reasons: vec![refused(&Reason::AlreadyHasTicket)],
                }])),
                e => Err(e),
            }
        }
    }
}

/// A use just written, noted for the retries of its key and in the audit
/// log; both are written with the writer's group as it commits.
pub(super) fn noted(
    c: &mut DbConn,
    actor: &kaiku_store::Actor,
    key: Option<&str>,
    fingerprint: &str,
    p: &Parsed,
    area: Id,
    out: UseOut,
) -> AppResult<Recorded> {
    let body = serde_json::to_string(&out).map_err(|_| AppError::Internal)?;
    if let Some(k) = key {
        tickets::remember_later(c, k, fingerprint, 201, &body, now())?;
    }
    audit::record_later(
        c,
        actor,
        &audit::Event {
            action: "ticket.record",
            record_type: "item",
            record_id: Some(out.item),
            area: Some(area),
            detail: format!(
                "venue={} tickets={} backlog={}",
                out.venue,
                out.tickets.len(),
                p.backlog
            ),
        },
        now(),
    )?;
    Ok(Recorded {
        out,
        replayed: false,
    })
}

fn replay(first: &tickets::Remembered, fingerprint: &str) -> AppResult<Recorded> {
    if first.fingerprint != fingerprint {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::Mismatch,
            code: "idempotency_key_reused",
            rule: "R-USE-9",
            args: vec![],
        }));
    }
    let out = serde_json::from_str(&first.response).map_err(|_| AppError::Internal)?;
    Ok(Recorded {
        out,
        replayed: true,
    })
}

/// The tickets written, inside the write transaction. What may have changed
/// since the visit was judged is checked again: the cards (voided or renewed
/// a moment ago: then the whole visit is judged again), the cap, sold-out and
/// exclusion (the conditional update) and one ticket per card (the unique
/// index).
#[allow(clippy::too_many_arguments)]
pub(super) fn record_in(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    lookup: &CardLookup,
    item_id: Id,
    p: &Parsed,
    judged: Judged,
    venue: &venues::Venue,
    at: DateTime<Utc>,
    tr: &crate::i18n::Tr,
) -> AppResult<UseOut> {
    let now_cards = card_store::stamps_at(c, lookup, &judged.codes, &judged.at)?;
    let unchanged = now_cards.len() == judged.found.len()
        && now_cards.iter().all(|s| {
            judged
                .found
                .iter()
                .any(|f| f.id == s.id && f.updated_at == s.updated_at)
        });
    let Judged {
        at: it,
        codes,
        found,
    } = if unchanged {
        judged
    } else {
        judge(c, reach, lookup, item_id, p, at)?
    };
    let (item, _) = it.into_parts();
    let total = p.adults + p.children + p.members.len() as i32;
    let Some(taken) = tickets::take_cap(c, reach, item_id, total)? else {
        // Another box office took the last places a moment ago, or the
        // venue just closed the item.
        let now_item = items::get(c, reach, item_id)?;
        let r = if now_item.sold_out {
            Reason::SoldOut
        } else if now_item.excluded {
            Reason::Excluded
        } else {
            Reason::CapReached {
                left: kaiku_core::cap::cap_left(now_item.cap, now_item.kaiku_used).unwrap_or(0),
            }
        };
        return Err(AppError::UseRefused(vec![CardRefusal {
            card_code: Some(p.code.clone()),
            position: 0,
            reasons: vec![refused(&r)],
        }]));
    };
    let use_key = super::new_use_key();
    let recorded_at = now();
    let backlog = usage::from_paper(p.backlog, item.starts_at.and_utc(), at);
    let (status, redeemed_at) = if backlog {
        let (status, at) = usage::backlog_state(item.starts_at.and_utc(), at);
        (status, at.map(|t| t.naive_utc()))
    } else {
        (TicketStatus::Reserved, None)
    };
    let used_on = window::local_day(item.starts_at.and_utc());
    let holder_id = found
        .iter()
        .find(|r| r.code == p.code)
        .map(|r| r.id)
        .ok_or(AppError::Internal)?;
    let mut written = vec![];
    for (n, code) in codes.iter().enumerate() {
        let card = found
            .iter()
            .find(|r| &r.code == code)
            .ok_or(AppError::Internal)?;
        let (adults, children) = if n == 0 {
            (p.adults, p.children)
        } else {
            (1, 0)
        };
        let new = NewTicket {
            item_id,
            card_id: card.id,
            venue_id: item.venue_id,
            area_id: item.area_id,
            use_key: use_key.clone(),
            adults,
            children,
            // The rules let through a channel of the list only (R-CHAN-1).
            channel: p.channel.parse().map_err(|_| AppError::Internal)?,
            status,
            backlog,
            used_on,
            recorded_at,
        };
        let id = tickets::insert_taken(c, &taken, &new)?;
        if let Some(at) = redeemed_at {
            tickets::redeem(c, reach, id, at)?;
        }
        written.push((new.written(id, redeemed_at), code.clone()));
    }
    if let Some(reason) = &p.correction {
        let ids: Vec<Id> = written.iter().map(|(t, _)| t.id).collect();
        tickets::note_correction(c, reach, &ids, reason)?;
    }
    let item = Item {
        kaiku_used: taken.used(),
        ..item
    };
    Ok(use_of(
        &item,
        venue,
        &use_key,
        &written,
        Some(holder_id),
        tr,
    ))
}
