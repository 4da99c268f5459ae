//! A budget of unknown card codes per account (R-AUTH-2): every box office
//! and issuer may check any card's validity, so the register is also an
//! oracle for which codes exist. A clerk mistypes a code now and then;
//! someone trying codes one after another misses again and again. After
//! [`MISSES_PER_HOUR`] codes that are in no register within an hour, the
//! account's lookups pause until the oldest of them is an hour old, and
//! the pause is in the audit log for the area coordinators to see.

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use kaiku_core::policy::Via;
use kaiku_store::{DbConn, Store, audit, now, throttle};

pub const MISSES_PER_HOUR: usize = 30;

fn hour_ago() -> chrono::NaiveDateTime {
    now() - chrono::Duration::hours(1)
}

/// Who a budget is kept for: `None` for the operator, who has none.
pub(crate) fn holder(caller: &Caller) -> Option<String> {
    (caller.principal().via != Via::Operator).then(|| caller.actor().label)
}

/// Refuses while `who`'s lookups are paused, saying for how long. Runs in
/// the read that looks the code up, so that it costs no trip of its own.
pub(crate) fn check(c: &mut DbConn, who: Option<&str>) -> AppResult<()> {
    let Some(who) = who else { return Ok(()) };
    let misses = throttle::misses(c, who, hour_ago())?;
    if misses.len() < MISSES_PER_HOUR {
        return Ok(());
    }
    let until = misses[misses.len() - MISSES_PER_HOUR] + chrono::Duration::hours(1);
    let minutes = ((until - now()).num_seconds() + 59) / 60;
    Err(AppError::Refused(Refused {
        kind: RefusalKind::Paused,
        code: "card_lookups_paused",
        rule: "R-AUTH-2",
        args: vec![("minutes", minutes.max(1).to_string())],
    }))
}

/// Counts an unknown code against the caller; the lookup that reaches the
/// budget is audited.
pub(crate) async fn missed(store: &Store, caller: &Caller) -> AppResult<()> {
    if holder(caller).is_none() {
        return Ok(());
    }
    let actor = caller.actor();
    // The pause is logged in the caller's area, for its coordinator to see.
    let area = caller.principal().grants.iter().find_map(|g| g.area());
    store
        .write(move |c| {
            let at = now();
            throttle::record_miss(c, &actor.label, at)?;
            if throttle::misses(c, &actor.label, at - chrono::Duration::hours(1))?.len()
                == MISSES_PER_HOUR
            {
                audit::record(
                    c,
                    &actor,
                    &audit::Event {
                        action: "card.lookups_paused",
                        record_type: "account",
                        record_id: actor.account,
                        area,
                        detail: format!("unknown_codes={MISSES_PER_HOUR} within=1h"),
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
    const UNKNOWN: &str = "card_unknown";
    match e {
        AppError::Refused(r) => r.code == UNKNOWN,
        AppError::UseRefused(cards) => cards
            .iter()
            .any(|c| c.reasons.iter().any(|r| r.code == UNKNOWN)),
        _ => false,
    }
}
