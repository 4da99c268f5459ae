//! R-PRIV-3 for the national admin: anonymising long-expired cards, with a
//! count of what would change first.

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError};
use crate::flex;
use chrono::{Datelike, NaiveDate};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::anonymise;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnonymiseInput {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub expired_before: String,
    #[serde(default, deserialize_with = "flex::bool")]
    pub dry_run: bool,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// The counts span every area, and a reader outside an area must not get a
/// small count of its cards exactly (R-REP-5), not even by issuing cards
/// of its own between two readings. So a dry run says only whether any
/// card would be anonymised; a run, which uses up what it counts, gives
/// its counts rounded up to the next ten (`rounded_to`). The operator at
/// the command line, who holds the database, gets them exactly.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AnonymiseOut {
    pub expired_before: NaiveDate,
    pub dry_run: bool,
    /// Whether any card expired before the day is not anonymised yet.
    pub any: bool,
    pub cards: Option<u64>,
    pub events: Option<u64>,
    pub rounded_to: u64,
}

/// The date before which expired cards are anonymised: the first of January
/// of this year or an earlier one. Whole years only: a cut inside a year
/// would coarsen part of that year's holders, and the year read before and
/// after would differ by exactly the people on one side of the cut.
pub fn cutoff(raw: &str) -> AppResult<NaiveDate> {
    let day = input::optional_date(Some(raw))
        .and_then(|d| d.ok_or(InputError::Required))
        .map_err(|e| AppError::field("expired_before", e))?;
    let refuse = |code| {
        Err(AppError::Invalid(vec![FieldError {
            field: "expired_before",
            code,
            rule: Some("R-PRIV-3"),
            args: vec![],
        }]))
    };
    if day > super::today() {
        return refuse("anonymise_future");
    }
    if day.ordinal() != 1 {
        return refuse("anonymise_whole_years");
    }
    Ok(day)
}

pub async fn anonymise(
    store: &Store,
    caller: &Caller,
    i: &AnonymiseInput,
) -> AppResult<AnonymiseOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let before = cutoff(&i.expired_before)?;
    let counts = if i.dry_run {
        store
            .read(move |c| anonymise::dry_run(c, &scope, before))
            .await?
    } else {
        let actor = caller.actor();
        store
            .write(move |c| {
                let counts = anonymise::run(c, &scope, before)?;
                let (cards, events) = (round(counts.cards), round(counts.events));
                kaiku_store::audit::record(
                    c,
                    &actor,
                    &kaiku_store::audit::Event {
                        action: "cards.anonymise",
                        record_type: "card",
                        record_id: None,
                        area: None,
                        detail: format!("expired_before={before} cards≤{cards} events≤{events}"),
                    },
                    kaiku_store::now(),
                )?;
                Ok::<_, AppError>(counts)
            })
            .await?
    };
    let operator = caller.principal().via == kaiku_core::policy::Via::Operator;
    let (cards, events, rounded_to) = if operator {
        (Some(exact(counts.cards)), Some(exact(counts.events)), 1)
    } else if i.dry_run {
        (None, None, kaiku_core::disclosure::ROUNDING)
    } else {
        (
            Some(round(counts.cards)),
            Some(round(counts.events)),
            kaiku_core::disclosure::ROUNDING,
        )
    };
    Ok(AnonymiseOut {
        expired_before: before,
        dry_run: i.dry_run,
        any: counts.cards > 0,
        cards,
        events,
        rounded_to,
    })
}

fn exact(count: i64) -> u64 {
    count.max(0) as u64
}

fn round(count: i64) -> u64 {
    kaiku_core::disclosure::rounded_up(exact(count))
}
