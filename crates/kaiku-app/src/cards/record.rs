//! A card once it exists: what anyone at work may learn of it (R-AUTH-2),
//! its record and history for its issuers and coordinators (R-AUTH-4), the
//! subject-access print (R-PRIV-2), the lists of a point's or an area's
//! cards, and voiding.

use super::{
    budget, find_card, lookup_proof, parse_code, record_card, records_reach, rule_refusal,
};
use crate::Check as Fields;
use crate::dates::fi_date;
use crate::error::{AppError, AppResult};
use crate::{Caller, today};

use chrono::{NaiveDate, NaiveDateTime};
use kaiku_core::Id;
use kaiku_core::card::{self, Kind};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_store::cards::{self, CardRow, NewEvent};
use kaiku_store::{DbConn, Store, areas, audit, now, points};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidInput {
    /// `lost`, `destroyed`, `returned` or `other`.
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

pub async fn void(
    store: &Store,
    caller: &Caller,
    raw_code: &str,
    i: &VoidInput,
) -> AppResult<CardOut> {
    let code = parse_code(raw_code)?;
    let mut f = Fields::default();
    let reason = i.reason.trim().to_string();
    if reason.is_empty() {
        f.fail("reason", InputError::Required);
    } else if !card::VOID_REASONS.contains(&reason.as_str()) {
        f.fail("reason", InputError::InvalidChoice);
    }
    let note = f.field("note", input::optional_line(i.note.as_deref(), 500));
    if reason == "other" && note.is_none() {
        f.fail("note", InputError::Required);
    }
    let account = caller.principal().account;
    let reach = records_reach(caller)?;
    let lookup = lookup_proof(caller)?;
    let actor = caller.actor();
    let today = today();
    store
        .write(move |c| {
            let card = record_card(c, &reach, &lookup, &code)?;
            f.finish()?;
            card::may_void(&card.state()).map_err(rule_refusal)?;
            let now = now();
            let history = NewEvent {
                card_id: card.id,
                event: kaiku_core::card::Event::Voided,
                at: now,
                account_id: account,
                area_id: card.area_id,
                void_reason: Some(reason.clone()),
                void_note: note.clone(),
                ..Default::default()
            };
            if !cards::void(c, &reach, &code, &history, now)? {
                return Err(AppError::Conflict("card_changed"));
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "card.void",
                    record_type: "card",
                    record_id: Some(card.id),
                    area: Some(card.area_id),
                    detail: format!("reason={reason}"),
                },
                now,
            )?;
            let card = cards::record(c, &reach, &code)?;
            Ok(CardOut::from_row(&card, today))
        })
        .await
}
/// What anyone at work may learn of a card (R-AUTH-2): never its holder.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LookupOut {
    pub code: String,
    pub kind: Option<Kind>,
    /// `in_stock`, `issued`, `expired` or `void`.
    pub status: kaiku_core::card::ShownStatus,
    pub valid_until: Option<NaiveDate>,
    pub usable: bool,
    pub reasons: Vec<ReasonOut>,
    /// With `?item=`: the item and its Kaikukortti tickets left; `usable`
    /// and `reasons` then answer for that item on its day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<crate::tickets::ItemCheck>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReasonOut {
    pub code: &'static str,
    pub rule: &'static str,
    pub message: String,
}

pub async fn lookup(
    store: &Store,
    caller: &Caller,
    raw_code: &str,
    item: Option<Id>,
) -> AppResult<LookupOut> {
    let lookup = lookup_proof(caller)?;
    // R-AUTH-6: a card is checked for an item only at the box office of the
    // item's venue; any other item is answered as an unknown one.
    let box_office = match item {
        Some(_) => Some(policy::box_office(caller.principal()).ok_or(AppError::NotFound)?),
        None => None,
    };
    let code = parse_code(raw_code)?;
    let who = budget::holder(caller);
    let missed_by = who.clone().unwrap_or_default();
    let home = budget::home_areas(caller);
    let at_box_office = budget::at_box_office(caller) || box_office.is_some();
    let grants = caller.principal().grants.clone();
    let found = store
        .read_short(move |c| {
            // With an item, the budget is counted in the statement that
            // reads the item, and the card is read with its ticket.
            let checked_item = match (item, &box_office) {
                (Some(i), Some(reach)) => {
                    let counter = budget::counted_at(c, reach, i, None, who.as_deref())?;
                    Some((i, counter.at))
                }
                _ => {
                    budget::check(c, who.as_deref(), &budget::UNKNOWN)?;
                    None
                }
            };
            let (card, holds_ticket) = match &checked_item {
                Some((_, it)) => {
                    let day = kaiku_core::window::local_day(it.item().starts_at.and_utc());
                    match cards::at_item(c, &lookup, &code, it, day)? {
                        Some(f) => (f.card, f.holds_ticket),
                        None => return Err(super::missing(c, &lookup, &code)?),
                    }
                }
                None => (find_card(c, &lookup, &code)?, false),
            };
            // Another area's card: looked up only by venue staff, or for an
            // item at a box office the caller serves, within its venue's
            // budget; to anyone else it is as unknown as a code in no
            // register (R-AUTH-2 lets venue staff anywhere look up any card,
            // no one else).
            let outside = who.is_some() && !home.contains(&card.area_id);
            if outside && !at_box_office {
                return Err(rule_refusal(kaiku_core::card::Refusal::Unknown));
            }
            let venue_key = match &checked_item {
                Some((_, it)) => format!("venue:{}", it.item().venue_id),
                None => budget::venues_key(&grants),
            };
            if outside {
                budget::check(c, Some(&venue_key), &budget::OUTSIDE)?;
            }
            let checked = match (checked_item, &box_office) {
                (Some((_, it)), Some(_)) => {
                    Some(crate::tickets::check_in(c, &card, holds_ticket, &it)?)
                }
                _ => None,
            };
            Ok::<_, AppError>((card, checked, outside.then_some(venue_key)))
        })
        .await;
    let (card, checked, outside) = match found {
        Err(e) if budget::is_miss(&e) => {
            budget::spent(store, caller, &budget::UNKNOWN, missed_by, None).await?;
            return Err(e);
        }
        other => other?,
    };
    if let Some(venue_key) = outside {
        let card_in = Some((card.id, card.area_id));
        budget::spent(store, caller, &budget::OUTSIDE, venue_key, card_in).await?;
    }
    let today = today();
    let state = card.state();
    let reasons: Vec<ReasonOut> = card::usability(&state, today)
        .into_iter()
        .map(|r| ReasonOut {
            code: r,
            rule: if r == "card_expired" {
                "R-CARD-4"
            } else {
                "R-CARD-2"
            },
            message: caller.tr.t1(
                &format!("error-{r}"),
                "date",
                card.valid_until.map(fi_date).unwrap_or_default(),
            ),
        })
        .collect();
    let (reasons, item) = match checked {
        None => (reasons, None),
        Some((rs, it)) => {
            let out = rs
                .iter()
                .map(|r| ReasonOut {
                    code: r.code(),
                    rule: r.rule(),
                    message: caller.tr.t_args(
                        &format!("error-{}", r.code()),
                        &crate::tickets::reason_args(r),
                    ),
                })
                .collect();
            (out, Some(it))
        }
    };
    Ok(LookupOut {
        kind: card.kind,
        status: state.shown_status(today),
        valid_until: card.valid_until,
        usable: reasons.is_empty(),
        reasons,
        code: card.code,
        item,
    })
}

/// A card as its issuer or coordinator sees it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CardOut {
    pub code: String,
    pub kind: Option<Kind>,
    /// `in_stock`, `issued`, `expired` or `void`.
    pub status: kaiku_core::card::ShownStatus,
    pub area: Id,
    pub distribution_point: Option<Id>,
    pub allocated_to: Option<Id>,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub minor_children: Option<i32>,
}

impl CardOut {
    pub(crate) fn from_row(c: &CardRow, today: NaiveDate) -> CardOut {
        CardOut {
            code: c.code.clone(),
            kind: c.kind,
            status: c.state().shown_status(today),
            area: c.area_id,
            distribution_point: c.holder_point_id,
            allocated_to: c.allocated_point_id,
            valid_from: c.grant_date,
            valid_until: c.valid_until,
            minor_children: c.minor_children,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub event: kaiku_core::card::Event,
    pub at: NaiveDateTime,
    pub distribution_point: Option<Id>,
    pub distribution_point_name: Option<String>,
    pub kind: Option<Kind>,
    pub grant_date: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub birth_year: Option<i32>,
    pub mother_tongue: Option<String>,
    pub gender: Option<String>,
    pub postal_code: Option<String>,
    pub minor_children: Option<i32>,
    pub life_situations: Vec<String>,
    pub void_reason: Option<String>,
    pub void_note: Option<String>,
    /// Well-being answers given with this grant (R-WELL-1): question id to
    /// the answer's code.
    pub wellbeing: std::collections::BTreeMap<String, String>,
}

/// A card with its whole history and background data.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RecordOut {
    pub card: CardOut,
    /// Whether the card may be renewed today (R-CARD-4 renewal rule).
    pub renewable: bool,
    pub distribution_point_name: Option<String>,
    pub area_name: String,
    pub history: Vec<EventOut>,
    /// When the card was printed with a holder key: then the holder has a
    /// page of their own (R-HOLD-1); without one they have none (R-HOLD-2).
    pub holder_key_printed: Option<NaiveDateTime>,
}

/// The record of a card for its issuer or coordinator; `subject_access` is
/// the R-PRIV-2 print, the coordinator's alone. Both are logged (R-AUTH-4).
pub async fn record(
    store: &Store,
    caller: &Caller,
    raw_code: &str,
    subject_access: bool,
) -> AppResult<RecordOut> {
    let code = parse_code(raw_code)?;
    let reach = if subject_access {
        policy::subject_access(caller.principal())
    } else {
        policy::card_records(caller.principal())
    }
    .ok_or(AppError::Forbidden)?;
    let lookup = lookup_proof(caller)?;
    let actor = caller.actor();
    let today = today();
    store
        .write(move |c| {
            let card = record_card(c, &reach, &lookup, &code)?;
            let area_name = areas::get(c, card.area_id)?.name;
            let rows = cards::history(c, &reach, &code)?;
            let history = events_out(c, rows)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: if subject_access {
                        "card.subject_access"
                    } else {
                        "card.view"
                    },
                    record_type: "card",
                    record_id: Some(card.id),
                    area: Some(card.area_id),
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(RecordOut {
                renewable: card::may_renew(&card.state(), card.area_id, today).is_ok(),
                distribution_point_name: point_name(
                    c,
                    card.holder_point_id.or(card.allocated_point_id),
                )?,
                card: CardOut::from_row(&card, today),
                area_name,
                history,
                holder_key_printed: kaiku_store::holders::key_printed(c, &reach, &card)?,
            })
        })
        .await
}

/// A card's history as its record shows it, with the names of its points.
pub(crate) fn events_out(c: &mut DbConn, rows: Vec<cards::EventRow>) -> AppResult<Vec<EventOut>> {
    let mut history = vec![];
    for e in rows {
        history.push(EventOut {
            distribution_point_name: point_name(c, e.distribution_point_id)?,
            event: e.event,
            at: e.at,
            distribution_point: e.distribution_point_id,
            kind: e.kind,
            grant_date: e.grant_date,
            valid_until: e.valid_until,
            birth_year: e.birth_year,
            mother_tongue: e.mother_tongue,
            gender: e.gender,
            postal_code: e.postal_code,
            minor_children: e.minor_children,
            life_situations: e
                .life_situations
                .map(|s| crate::split_list(&s))
                .unwrap_or_default(),
            void_reason: e.void_reason,
            void_note: e.void_note,
            wellbeing: e
                .wellbeing
                .as_deref()
                .map(kaiku_core::wellbeing::decode)
                .unwrap_or_default()
                .into_iter()
                .map(|(q, a)| (q.to_string(), a))
                .collect(),
        });
    }
    Ok(history)
}

pub(crate) fn point_name(c: &mut DbConn, id: Option<Id>) -> AppResult<Option<String>> {
    Ok(match id {
        Some(id) => Some(points::get(c, id)?.name),
        None => None,
    })
}

/// Cards of a point (its issuers) or of an area (its coordinators), newest
/// change first, optionally by the beginning of the code.
pub async fn list(
    store: &Store,
    caller: &Caller,
    point: Option<Id>,
    area: Option<Id>,
    code: Option<&str>,
) -> AppResult<Vec<CardOut>> {
    let reach = records_reach(caller)?;
    let code = match code.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(parse_code(c)?),
        None => None,
    };
    let today = today();
    let shown_filter = code.clone();
    let (rows, area_id) = match (point, area) {
        (Some(point), _) => {
            store
                .read(move |c| {
                    let rows = cards::list_for_point(c, &reach, point, code.as_deref(), 100)?;
                    Ok::<_, AppError>((rows, kaiku_store::points::get(c, point)?.area_id))
                })
                .await?
        }
        (None, Some(area)) => (
            store
                .read(move |c| cards::list_for_area(c, &reach, area, code.as_deref(), 100))
                .await?,
            area,
        ),
        (None, None) => return Err(AppError::NotFound),
    };
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "card.list",
            record_type: if point.is_some() {
                "distribution_point"
            } else {
                "area"
            },
            record_id: point.or(area),
            area: Some(area_id),
            // What was searched for is not kept: it was typed by a person.
            detail: match &shown_filter {
                Some(_) => format!("filtered count={}", rows.len()),
                None => format!("count={}", rows.len()),
            },
        },
    )
    .await?;
    Ok(rows.iter().map(|r| CardOut::from_row(r, today)).collect())
}

/// A run of card codes of one series in a point's stock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct StockRun {
    pub first: String,
    pub last: String,
    pub count: i64,
}

/// The point's stock left (cards allocated to it, not yet issued) as runs
/// of consecutive codes, so that an issuer sees which cards to hand out.
pub async fn stock(store: &Store, caller: &Caller, point: Id) -> AppResult<Vec<StockRun>> {
    let reach = records_reach(caller)?;
    let rows = store
        .read(move |c| cards::stock_at_point(c, &reach, point))
        .await?;
    let mut runs: Vec<(Id, i64, StockRun)> = vec![];
    for (series, number, code) in rows {
        match runs.last_mut() {
            Some((s, n, run)) if *s == series && *n + 1 == number => {
                *n = number;
                run.last = code;
                run.count += 1;
            }
            _ => runs.push((
                series,
                number,
                StockRun {
                    first: code.clone(),
                    last: code,
                    count: 1,
                },
            )),
        }
    }
    Ok(runs.into_iter().map(|(_, _, r)| r).collect())
}

/// The point's cards whose validity ends within the next 30 days, soonest
/// first (an issuer's first page counts them), audited as a listing.
pub async fn expiring(store: &Store, caller: &Caller, point: Id) -> AppResult<Vec<CardOut>> {
    let reach = records_reach(caller)?;
    let today = today();
    let until = today + chrono::Duration::days(crate::glance::EXPIRING_DAYS);
    let (rows, area) = store
        .read(move |c| {
            let rows = cards::expiring_at_point(c, &reach, point, today, until, 500)?;
            Ok::<_, AppError>((rows, kaiku_store::points::get(c, point)?.area_id))
        })
        .await?;
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "card.list",
            record_type: "distribution_point",
            record_id: Some(point),
            area: Some(area),
            detail: format!("expiring count={}", rows.len()),
        },
    )
    .await?;
    Ok(rows.iter().map(|r| CardOut::from_row(r, today)).collect())
}
