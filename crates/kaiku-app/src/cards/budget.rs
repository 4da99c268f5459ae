//! Budgets of card lookups per account or token (R-AUTH-2). Every box
//! office may check any card, so the register is also an oracle: for which
//! codes exist, and, card by card, for another area's cards (their kind
//! and validity, and so how many were issued when). Two budgets bound it:
//!
//! - codes that are in no register: a clerk mistypes now and then; someone
//!   trying codes one after another misses again and again
//!   ([`UNKNOWN`]: 30 in an hour);
//! - another area's cards looked up at a box office: a holder from another
//!   area is a guest, not the whole series ([`OUTSIDE`]: 60 in a day for
//!   a venue, whoever of its staff or tokens looks), and each such lookup
//!   is in the audit log of the card's area.
//!
//! Past a budget the account's lookups pause, known codes too (else the
//! pause would tell them apart), and the pause is audited.

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use chrono::{Duration, NaiveDateTime};
use kaiku_core::Id;
use kaiku_core::grant::Grant;
use kaiku_core::policy::{BoxOffice, Reach, Via};
use kaiku_store::{DbConn, Store, audit, now, throttle};

pub struct Budget {
    pub kind: &'static str,
    pub limit: usize,
    pub window: fn() -> Duration,
}

pub const UNKNOWN: Budget = Budget {
    kind: "unknown",
    limit: 30,
    window: || Duration::hours(1),
};

pub const OUTSIDE: Budget = Budget {
    kind: "outside",
    limit: 60,
    window: || Duration::days(1),
};

/// Who a budget is kept for: `None` for the operator, who has none.
pub(crate) fn holder(caller: &Caller) -> Option<String> {
    (caller.principal().via != Via::Operator).then(|| caller.actor().label)
}

/// The areas the caller works in: where a card is its own area's.
pub(crate) fn home_areas(caller: &Caller) -> Vec<Id> {
    caller
        .principal()
        .grants
        .iter()
        .filter_map(Grant::area)
        .collect()
}

/// Whom another area's cards count against when no item names the venue:
/// the venues the caller serves (its staff and tokens share one budget).
pub(crate) fn venues_key(grants: &[Grant]) -> String {
    let mut venues: Vec<Id> = grants
        .iter()
        .filter_map(|g| match g {
            Grant::VenueStaff { venue, .. } => Some(*venue),
            _ => None,
        })
        .collect();
    venues.sort_unstable();
    venues.dedup();
    let ids: Vec<String> = venues.iter().map(Id::to_string).collect();
    format!("venue:{}", ids.join(","))
}

/// Whether the caller is a venue's staff or token: who may look up another
/// area's cards without naming an item (R-AUTH-2).
pub(crate) fn at_box_office(caller: &Caller) -> bool {
    caller.principal().via == Via::Operator
        || caller
            .principal()
            .grants
            .iter()
            .any(|g| matches!(g, Grant::VenueStaff { .. }))
}

fn since(budget: &Budget, at: NaiveDateTime) -> NaiveDateTime {
    at - (budget.window)()
}

/// Refuses while `who` has spent a budget, saying for how long. Runs in
/// the read that looks the code up, so that it costs no trip of its own.
pub(crate) fn check(c: &mut DbConn, who: Option<&str>, budget: &Budget) -> AppResult<()> {
    let Some(who) = who else { return Ok(()) };
    let at = now();
    let spent = throttle::lookups(c, who, budget.kind, since(budget, at))?;
    if spent.len() < budget.limit {
        return Ok(());
    }
    let until = spent[spent.len() - budget.limit] + (budget.window)();
    let minutes = ((until - at).num_seconds() + 59) / 60;
    Err(AppError::Refused(Refused {
        kind: RefusalKind::Paused,
        code: "card_lookups_paused",
        rule: "R-AUTH-2",
        args: vec![("minutes", minutes.max(1).to_string())],
    }))
}

/// An item at the counter, read with `who`'s lookups of unknown codes
/// counted in the same statement (and the first answer under `key`): a
/// caller whose lookups pause is refused so, whatever the item, as
/// [`check`] before any other read would.
pub(crate) fn counted_at(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: Id,
    key: Option<&str>,
    who: Option<&str>,
) -> AppResult<kaiku_store::items::Counter> {
    let spent = kaiku_store::items::Spent {
        by: who,
        kind: UNKNOWN.kind,
        since: since(&UNKNOWN, now()),
    };
    match kaiku_store::items::counter(c, reach, item, key, spent) {
        // Only a caller at its limit is read again, for how long it pauses.
        Ok(counter) if usize::try_from(counter.lookups).is_ok_and(|n| n < UNKNOWN.limit) => {
            Ok(counter)
        }
        Ok(counter) => check(c, who, &UNKNOWN).map(|()| counter),
        Err(e) => {
            check(c, who, &UNKNOWN)?;
            Err(e.into())
        }
    }
}

/// Counts a lookup against the caller's budget; the one that spends it is
/// audited, in the caller's area. `card` (another area's card looked up)
/// is audited in the card's area as well.
pub(crate) async fn spent(
    store: &Store,
    caller: &Caller,
    budget: &'static Budget,
    key: String,
    card: Option<(Id, Id)>,
) -> AppResult<()> {
    if holder(caller).is_none() {
        return Ok(());
    }
    let actor = caller.actor();
    let home = home_areas(caller).first().copied();
    store
        .write(move |c| {
            let at = now();
            throttle::record_lookup(c, &key, budget.kind, at)?;
            if let Some((card, area)) = card {
                audit::record(
                    c,
                    &actor,
                    &audit::Event {
                        action: "card.lookup",
                        record_type: "card",
                        record_id: Some(card),
                        area: Some(area),
                        detail: "from_another_area".into(),
                    },
                    at,
                )?;
            }
            let spent = throttle::lookups(c, &key, budget.kind, since(budget, at))?;
            if spent.len() == budget.limit {
                audit::record(
                    c,
                    &actor,
                    &audit::Event {
                        action: "card.lookups_paused",
                        record_type: "account",
                        record_id: actor.account,
                        area: home,
                        detail: format!("{}={} by={key}", budget.kind, budget.limit),
                    },
                    at,
                )?;
            }
            Ok::<_, AppError>(())
        })
        .await
}

/// Whether a refusal says a code is in no register.
pub(crate) fn is_miss(e: &AppError) -> bool {
    const CODE: &str = "card_unknown";
    match e {
        AppError::Refused(r) => r.code == CODE,
        AppError::UseRefused(cards) => cards
            .iter()
            .any(|c| c.reasons.iter().any(|r| r.code == CODE)),
        _ => false,
    }
}
