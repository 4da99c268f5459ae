//! A ticket after it was recorded: shown again, redeemed within its window
//! (R-TIME-2), cancelled to free the cap (R-USE-5), and listed for the day.

use super::{TicketOut, UseOut, item_for, item_view, reach, refused, settled_refusal, use_out};
use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};

use chrono::Utc;
use kaiku_core::Id;
use kaiku_core::policy::{BoxOffice, Reach};
use kaiku_core::usage::{self, TicketStatus};
use kaiku_store::Store;
use kaiku_store::items::{self, Item};
use kaiku_store::tickets::{self, Ticket};
use kaiku_store::{StoreError, audit, now, venues};

/// A recorded use as its venue sees it (the confirmation and ticket note).
pub async fn get_use(store: &Store, caller: &Caller, use_key: &str) -> AppResult<UseOut> {
    let reach = reach(caller)?;
    let key = use_key.to_string();
    let tr = caller.tr;
    let (out, first, area) = store
        .read(move |c| {
            let list = tickets::of_use(c, &reach, &key)?;
            let (first, _) = list.first().ok_or(AppError::NotFound)?;
            let item = items::get(c, &reach, first.item_id)?;
            let first = first.id;
            let venue = venues::get(c, item.venue_id)?;
            let out = use_out(c, &reach, &item, &venue, &key, None, &tr)?;
            Ok::<_, AppError>((out, first, item.area_id))
        })
        .await?;
    viewed(store, caller, "use.view", first, area).await?;
    Ok(out)
}

/// A ticket or a visit shown again is a listing of card codes with their
/// uses (R-AUTH-4).
async fn viewed(
    store: &Store,
    caller: &Caller,
    action: &'static str,
    ticket: Id,
    area: Id,
) -> AppResult<()> {
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action,
            record_type: "ticket",
            record_id: Some(ticket),
            area: Some(area),
            detail: String::new(),
        },
    )
    .await
}

async fn ticket_of(
    store: &Store,
    caller: &Caller,
    id: Id,
) -> AppResult<(Ticket, Item, Reach<BoxOffice>)> {
    let reach = reach(caller)?;
    let r = reach.clone();
    let (t, item) = store
        .read(move |c| {
            let t = tickets::get(c, &r, id)?;
            let item = items::get(c, &r, t.item_id)?;
            Ok::<_, StoreError>((t, item))
        })
        .await?;
    Ok((t, item, reach))
}

pub async fn get_ticket(store: &Store, caller: &Caller, id: Id) -> AppResult<TicketOut> {
    let (t, item, reach) = ticket_of(store, caller, id).await?;
    viewed(store, caller, "ticket.view", id, item.area_id).await?;
    let use_key = t.use_key.clone();
    let list = store
        .read(move |c| tickets::of_use(c, &reach, &use_key))
        .await?;
    let holder = list.first().map(|(t, _)| t.card_id);
    list.iter()
        .find(|(x, _)| x.id == id)
        .map(|(x, code)| TicketOut::new(x, code, holder))
        .ok_or(AppError::NotFound)
}

/// What a ticket's state allows: `redeem` or `cancel`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Redeem,
    Cancel,
}

/// Redeems (within the redemption window, R-TIME-2) or cancels (freeing the
/// cap, R-USE-5) one ticket, or with `whole_use` every ticket of its visit.
///
/// A cancel in a settled period (the item's day is over, or the venue's
/// report of that day was submitted) is a correction: it needs a reason,
/// given by a person (venue staff or the coordinator, not an integration),
/// and the reason is kept on the tickets.
pub async fn change(
    store: &Store,
    caller: &Caller,
    id: Id,
    what: Change,
    whole_use: bool,
    correction: Option<&str>,
) -> AppResult<UseOut> {
    let (t, item, reach) = ticket_of(store, caller, id).await?;
    let actor = caller.actor();
    let tr = caller.tr;
    let correction = match correction.map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(_) if caller.principal().account.is_none() => {
            return Err(settled_refusal("correction_by_person", vec![]));
        }
        Some(r) => {
            Some(kaiku_core::input::line(r, 200).map_err(|e| AppError::field("correction", e))?)
        }
    };
    // Keyed by the item, as the box office's writes are (see `write_for`).
    store
        .write_for(item.id, move |c| {
            let at = Utc::now();
            if what == Change::Cancel && correction.is_none() {
                let day = kaiku_core::window::local_day(item.starts_at.and_utc());
                if let Some((from, to)) =
                    kaiku_store::submissions::covering(c, &reach, item.venue_id, t.used_on)?
                {
                    return Err(settled_refusal(
                        "period_submitted",
                        vec![
                            ("from", from.format("%-d.%-m.%Y").to_string()),
                            ("to", to.format("%-d.%-m.%Y").to_string()),
                        ],
                    ));
                }
                if day < crate::today() {
                    return Err(settled_refusal(
                        "cancel_day_over",
                        vec![("date", day.format("%-d.%-m.%Y").to_string())],
                    ));
                }
            }
            let list = tickets::of_use(c, &reach, &t.use_key)?;
            let targets: Vec<&Ticket> = list
                .iter()
                .map(|(t, _)| t)
                .filter(|x| if whole_use { true } else { x.id == id })
                .collect();
            let view = item_view(c, &item)?;
            let mut done = 0;
            for x in &targets {
                let state_error = |code: &'static str| {
                    AppError::Refused(Refused {
                        kind: RefusalKind::Conflict,
                        code,
                        rule: "R-USE-5",
                        args: vec![],
                    })
                };
                match what {
                    Change::Redeem => {
                        if x.status == TicketStatus::Redeemed && whole_use {
                            continue;
                        }
                        match x.status {
                            TicketStatus::Redeemed => {
                                return Err(state_error("ticket_already_redeemed"));
                            }
                            TicketStatus::Cancelled if !whole_use => {
                                return Err(state_error("ticket_cancelled"));
                            }
                            TicketStatus::Cancelled => continue,
                            TicketStatus::Reserved => {}
                        }
                        usage::may_redeem(&view, at, x.backlog)
                            .map_err(|r| AppError::Refused(refused(&r)))?;
                        if tickets::redeem(c, &reach, x.id, at.naive_utc())? {
                            done += 1;
                        }
                    }
                    Change::Cancel => {
                        if x.status == TicketStatus::Cancelled {
                            if whole_use {
                                continue;
                            }
                            return Err(state_error("ticket_already_cancelled"));
                        }
                        if tickets::cancel(c, &reach, x.id, at.naive_utc())? {
                            done += 1;
                            if let Some(reason) = &correction {
                                tickets::note_correction(c, &reach, &[x.id], reason)?;
                            }
                        }
                    }
                }
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: match (what, &correction) {
                        (Change::Redeem, _) => "ticket.redeem",
                        (Change::Cancel, None) => "ticket.cancel",
                        (Change::Cancel, Some(_)) => "ticket.correct",
                    },
                    record_type: "ticket",
                    record_id: Some(id),
                    area: Some(item.area_id),
                    detail: format!("venue={} tickets={done}", item.venue_id),
                },
                now(),
            )?;
            let venue = venues::get(c, item.venue_id)?;
            let item = items::get(c, &reach, item.id)?;
            use_out(c, &reach, &item, &venue, &t.use_key, None, &tr)
        })
        .await
}

/// An item's recorded tickets, newest first (the box office's list of the
/// day). A listing of card codes with their uses, so it is audited (R-AUTH-4).
pub async fn of_item(store: &Store, caller: &Caller, item: Id) -> AppResult<Vec<TicketOut>> {
    let (it, reach) = item_for(store, caller, item).await?;
    let list = store
        .read(move |c| tickets::of_item(c, &reach, item, 2000))
        .await?;
    let (actor, count) = (caller.actor(), list.len());
    store
        .write(move |c| {
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "tickets.list",
                    record_type: "item",
                    record_id: Some(item),
                    area: Some(it.area_id),
                    detail: format!("venue={} rows={count}", it.venue_id),
                },
                now(),
            )
        })
        .await?;
    Ok(list
        .iter()
        .map(|(t, code)| TicketOut::new(t, code, None))
        .collect())
}
