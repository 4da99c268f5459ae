//! The card register (SPEC §4): printed stock, issuing personal and community
//! cards, renewal, voiding, lookup (R-AUTH-2) and subject access (R-PRIV-2).

use super::lists::Lists;
use super::{Check as Fields, today};
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError, RefusalKind, Refused};
use crate::flex;

use chrono::{NaiveDate, NaiveDateTime};
use kaiku_core::Id;
use kaiku_core::background::{self, Background, List};
use kaiku_core::card::{self, Kind, Refusal};
use kaiku_core::code::{self, Check, CodeError, Series, SeriesError};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy::{self, CardLookup, CardRecords, Issuing, Reach, Stock};
use kaiku_core::validity::{self, GrantDateError};
use kaiku_store::cards::{self, CardRow, Counts, NewEvent};
use kaiku_store::{DbConn, StoreError, areas, audit, now, points};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn refused(kind: RefusalKind, r: &Refusal) -> AppError {
    let mut args = vec![];
    match r {
        Refusal::AlreadyIssued {
            valid_until: Some(d),
        } => args.push(("date", fi_date(*d))),
        Refusal::NotYetRenewable { from } => args.push(("date", fi_date(*from))),
        _ => {}
    }
    AppError::Refused(Refused {
        kind,
        code: r.code(),
        rule: r.rule(),
        args,
    })
}

fn rule_refusal(r: Refusal) -> AppError {
    let status = match r {
        Refusal::Unknown => RefusalKind::Unknown,
        Refusal::CheckCharacter => RefusalKind::BadInput,
        _ => RefusalKind::Conflict,
    };
    refused(status, &r)
}

pub use crate::dates::fi_date;

/// A card code from a form or a path, normalised (R-CARD-1).
pub fn parse_code(raw: &str) -> AppResult<String> {
    code::normalise(raw).map_err(|e| {
        let (c, args) = match e {
            CodeError::Empty => ("required", vec![]),
            CodeError::TooLong => ("card_code_too_long", vec![]),
            CodeError::BadCharacter(ch) => {
                ("card_code_bad_character", vec![("char", ch.to_string())])
            }
        };
        AppError::Invalid(vec![FieldError {
            field: "code",
            code: c,
            rule: Some("R-CARD-1"),
            args,
        }])
    })
}

/// Why there is no card with this code: a typing error that a check
/// character caught, or an unknown code.
fn missing(c: &mut DbConn, lookup: &CardLookup, code: &str) -> AppResult<AppError> {
    let typo = cards::checked_series_for(c, lookup, code)?
        .iter()
        .any(|s| !s.series().check.verify(code));
    Ok(rule_refusal(if typo {
        Refusal::CheckCharacter
    } else {
        Refusal::Unknown
    }))
}

/// The card with this code as anyone at work may see it (R-AUTH-2), or why
/// there is none.
fn find_card(c: &mut DbConn, lookup: &CardLookup, code: &str) -> AppResult<CardRow> {
    match cards::lookup(c, lookup, code)? {
        Some(card) => Ok(card),
        None => Err(missing(c, lookup, code)?),
    }
}

/// The card with this code whose record the caller may see; another area's
/// (or point's) card is answered as an unknown one (R-AUTH-6), though a
/// typing error is still said as one.
fn record_card(
    c: &mut DbConn,
    reach: &Reach<CardRecords>,
    lookup: &CardLookup,
    code: &str,
) -> AppResult<CardRow> {
    match cards::record(c, reach, code) {
        Ok(card) => Ok(card),
        Err(StoreError::NotFound) => Err(missing(c, lookup, code)?),
        Err(e) => Err(e.into()),
    }
}

fn stock_reach(caller: &Caller) -> AppResult<Reach<Stock>> {
    policy::stock(caller.principal()).ok_or(AppError::Forbidden)
}

fn lookup_proof(caller: &Caller) -> AppResult<CardLookup> {
    policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)
}

fn records_reach(caller: &Caller) -> AppResult<Reach<CardRecords>> {
    policy::card_records(caller.principal()).ok_or(AppError::Forbidden)
}

// ---------- stock ----------

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesInput {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub first: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub last: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub width: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<Check>)]
    pub check: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeriesOut {
    pub id: Id,
    pub area: Id,
    pub prefix: String,
    pub first: i64,
    pub last: i64,
    pub width: Option<i32>,
    #[schema(value_type = Check)]
    pub check: Check,
    pub first_code: String,
    pub last_code: String,
    pub counts: Counts,
}

fn series_out(s: &cards::SeriesRow, counts: Counts) -> SeriesOut {
    let series = s.series();
    SeriesOut {
        id: s.id,
        area: s.area_id,
        prefix: s.prefix.clone(),
        first: s.first_number,
        last: s.last_number,
        width: s.width,
        check: s.check_kind,
        first_code: series.code(series.first),
        last_code: series.code(series.last),
        counts,
    }
}

fn series_from(i: &SeriesInput) -> AppResult<Series> {
    let mut f = Fields::default();
    let first = f.field("first", i.first.ok_or(InputError::Required));
    let last = f.field("last", i.last.ok_or(InputError::Required));
    let check = f.field(
        "check",
        i.check
            .as_deref()
            .unwrap_or("none")
            .trim()
            .parse::<Check>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    if i.width.is_some_and(|w| !(1..=15).contains(&w)) {
        f.fail("width", InputError::InvalidChoice);
    }
    f.finish()?;
    let width = i.width.map(|w| w as u32);
    Series::new(
        i.prefix.as_deref().unwrap_or(""),
        first,
        last,
        width,
        check.unwrap_or(Check::None),
    )
    .map_err(|e| {
        let (field, c, args) = match e {
            SeriesError::Prefix(_) => ("prefix", "series_prefix", vec![]),
            SeriesError::Order => ("last", "series_order", vec![]),
            SeriesError::TooMany => (
                "last",
                "series_too_many",
                vec![("max", code::SERIES_MAX.to_string())],
            ),
            SeriesError::Negative => ("first", "series_negative", vec![]),
            SeriesError::CodeTooLong => ("prefix", "series_code_too_long", vec![]),
            SeriesError::LuhnNeedsDigits => ("check", "series_luhn_digits", vec![]),
        };
        AppError::Invalid(vec![FieldError {
            field,
            code: c,
            rule: Some("R-CARD-1"),
            args,
        }])
    })
}

pub async fn list_series(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<SeriesOut>> {
    let reach = stock_reach(caller)?;
    let today = today();
    store
        .read(move |c| {
            let counts = cards::counts_by_series(c, &reach, area, today)?;
            let list = cards::list_series(c, &reach, area)?;
            Ok(list
                .iter()
                .map(|s| series_out(s, counts.get(&s.id).copied().unwrap_or_default()))
                .collect())
        })
        .await
}

pub async fn create_series(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &SeriesInput,
) -> AppResult<SeriesOut> {
    let reach = stock_reach(caller)?;
    store.read(move |c| areas::get(c, area)).await?;
    let series = series_from(i)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let codes: Vec<String> = series.codes().collect();
            if !reach.admits_area(area) {
                return Err(AppError::NotFound);
            }
            if let Some(dup) = cards::first_existing(c, &reach, &codes)? {
                return Err(AppError::Refused(Refused {
                    kind: RefusalKind::Conflict,
                    code: "series_overlaps",
                    rule: "R-CARD-1",
                    args: vec![("code", dup)],
                }));
            }
            let now = now();
            let id = cards::create_series(c, &reach, area, &series, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "card_series.create",
                    record_type: "card_series",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!("cards={}", series.len()),
                },
                now,
            )?;
            let row = cards::get_series(c, &reach, id)?;
            Ok(series_out(
                &row,
                Counts {
                    in_stock: series.len(),
                    ..Default::default()
                },
            ))
        })
        .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub distribution_point: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub first: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub last: Option<i64>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocationOut {
    pub id: Id,
    pub series: Id,
    pub distribution_point: Id,
    pub distribution_point_name: String,
    pub first: i64,
    pub last: i64,
    pub first_code: String,
    pub last_code: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointCounts {
    pub distribution_point: Option<Id>,
    pub name: Option<String>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeriesDetail {
    pub series: SeriesOut,
    pub allocations: Vec<AllocationOut>,
    /// The area's stock and issued cards per distribution point (`null` is
    /// the unallocated stock).
    pub by_point: Vec<PointCounts>,
}

pub async fn get_series(store: &Store, caller: &Caller, id: Id) -> AppResult<SeriesDetail> {
    let reach = stock_reach(caller)?;
    let today = today();
    store
        .read(move |c| {
            let row = cards::get_series(c, &reach, id)?;
            let counts = cards::counts_by_series(c, &reach, row.area_id, today)?;
            let series = series_out(&row, counts.get(&id).copied().unwrap_or_default());
            let s = row.series();
            let allocations = cards::allocations(c, &reach, id)?
                .into_iter()
                .map(|(a, name)| AllocationOut {
                    id: a.id,
                    series: id,
                    distribution_point: a.distribution_point_id,
                    distribution_point_name: name,
                    first: a.first_number,
                    last: a.last_number,
                    first_code: s.code(a.first_number),
                    last_code: s.code(a.last_number),
                })
                .collect();
            let by = cards::counts_by_point(c, &reach, row.area_id, today)?;
            let mut by_point: Vec<PointCounts> = points::list(c, row.area_id)?
                .into_iter()
                .map(|p| PointCounts {
                    counts: by.get(&Some(p.id)).copied().unwrap_or_default(),
                    distribution_point: Some(p.id),
                    name: Some(p.name),
                })
                .collect();
            by_point.push(PointCounts {
                distribution_point: None,
                name: None,
                counts: by.get(&None).copied().unwrap_or_default(),
            });
            Ok(SeriesDetail {
                series,
                allocations,
                by_point,
            })
        })
        .await
}

pub async fn allocate(
    store: &Store,
    caller: &Caller,
    series: Id,
    i: &AllocationInput,
) -> AppResult<AllocationOut> {
    let reach = stock_reach(caller)?;
    let row = {
        let reach = reach.clone();
        store
            .read(move |c| cards::get_series(c, &reach, series))
            .await?
    };
    let mut f = Fields::default();
    let point = f.field(
        "distribution_point",
        i.distribution_point.ok_or(InputError::Required),
    );
    let first = f.field("first", i.first.ok_or(InputError::Required));
    let last = f.field("last", i.last.ok_or(InputError::Required));
    f.finish()?;
    let out_of_range = |field| {
        AppError::Invalid(vec![FieldError {
            field,
            code: "allocation_range",
            rule: None,
            args: vec![
                ("first", row.first_number.to_string()),
                ("last", row.last_number.to_string()),
            ],
        }])
    };
    if first < row.first_number || first > row.last_number {
        return Err(out_of_range("first"));
    }
    if last < first || last > row.last_number {
        return Err(out_of_range("last"));
    }
    let actor = caller.actor();
    store
        .write(move |c| {
            let p = points::get(c, point)
                .map_err(|_| AppError::field("distribution_point", InputError::InvalidChoice))?;
            if p.area_id != row.area_id {
                return Err(AppError::field(
                    "distribution_point",
                    InputError::InvalidChoice,
                ));
            }
            if let Some((code, _)) =
                cards::allocated_elsewhere(c, &reach, series, first, last, point)?
            {
                return Err(AppError::Refused(Refused {
                    kind: RefusalKind::Conflict,
                    code: "allocation_overlaps",
                    rule: "R-CARD-7",
                    args: vec![("code", code)],
                }));
            }
            let now = now();
            let id = cards::allocate(c, &reach, series, point, first, last, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "card_allocation.create",
                    record_type: "card_series",
                    record_id: Some(series),
                    area: Some(row.area_id),
                    detail: format!("point={point} first={first} last={last}"),
                },
                now,
            )?;
            let s = row.series();
            Ok(AllocationOut {
                id,
                series,
                distribution_point: point,
                distribution_point_name: p.name,
                first,
                last,
                first_code: s.code(first),
                last_code: s.code(last),
            })
        })
        .await
}

// ---------- issuing and renewing ----------

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueInput {
    #[serde(default)]
    #[schema(value_type = Option<Kind>)]
    pub kind: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub grant_date: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub birth_year: Option<i32>,
    /// An active code of the national list (`GET /api/v1/background-options`).
    #[serde(default)]
    pub mother_tongue: Option<String>,
    #[serde(default)]
    pub gender: Option<String>,
    /// Five digits, `no_permanent_address` or `not_stated`.
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub minor_children: Option<i32>,
    /// Active codes of the national list.
    #[serde(default)]
    pub life_situations: Vec<String>,
    #[serde(default, deserialize_with = "flex::bool")]
    pub confirmed_at_least_16: bool,
    /// Needed only by an issuer who works at several points.
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub distribution_point: Option<Id>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct IssuedOut {
    pub code: String,
    pub kind: Kind,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    /// R-CARD-9: printed on the card; `null` for a community card.
    pub minor_children: Option<i32>,
    /// The organisation a community card belongs to (§5.2).
    pub organisation: Option<String>,
    pub renewal: bool,
}

/// The point the caller issues at: the one named, or the only one it has.
fn issuing_point(caller: &Caller, named: Option<Id>) -> AppResult<(Id, Id)> {
    let mine = policy::issuer_points(caller.principal());
    match (named, mine.as_slice()) {
        (_, []) => Err(AppError::Forbidden),
        (None, [only]) => Ok(*only),
        (None, _) => Err(AppError::field("distribution_point", InputError::Required)),
        (Some(p), list) => list
            .iter()
            .copied()
            .find(|(_, q)| *q == p)
            .ok_or(AppError::Forbidden),
    }
}

struct Checked {
    kind: Kind,
    grant: NaiveDate,
    background: Option<Background>,
}

/// Validates the transfer form (§4.2) for a grant in an area with this trial.
fn check_form(
    i: &IssueInput,
    trial: Option<NaiveDate>,
    kind: Kind,
    lists: &Lists,
) -> AppResult<Checked> {
    let mut f = Fields::default();
    let today = today();
    let grant = f
        .field("grant_date", input::optional_date(i.grant_date.as_deref()))
        .unwrap_or(today);
    match validity::check_grant_date(grant, today, trial) {
        Ok(()) => {}
        Err(GrantDateError::InFuture) => f.push(FieldError {
            field: "grant_date",
            code: "grant_date_future",
            rule: Some("R-CARD-8"),
            args: vec![],
        }),
        Err(GrantDateError::TooOld) => f.fail("grant_date", InputError::NotADate),
        Err(GrantDateError::TrialEnded { trial_ends }) => f.push(FieldError {
            field: "grant_date",
            code: "grant_date_after_trial",
            rule: Some("R-CARD-4"),
            args: vec![("date", fi_date(trial_ends))],
        }),
    }
    let background = match kind {
        Kind::Community => None,
        Kind::Personal => {
            // A missing confirmation belongs beside its own checkbox.
            let birth_year =
                match background::birth_year(i.birth_year, grant, i.confirmed_at_least_16) {
                    Err(e @ background::BackgroundError::AgeNotConfirmed) => {
                        f.push(FieldError::background("confirmed_at_least_16", e));
                        0
                    }
                    year => f.bg("birth_year", year),
                };
            let mother_tongue = f.bg(
                "mother_tongue",
                background::mother_tongue(
                    i.mother_tongue.as_deref().unwrap_or(""),
                    &lists.active_codes(List::MotherTongue),
                ),
            );
            let gender = f.bg(
                "gender",
                background::gender(i.gender.as_deref().unwrap_or("")),
            );
            let postal_code = f.bg(
                "postal_code",
                background::postal_code(i.postal_code.as_deref().unwrap_or("")),
            );
            let minor_children = f.bg(
                "minor_children",
                background::minor_children(i.minor_children),
            );
            let life_situations = f.bg(
                "life_situations",
                background::life_situations(
                    &i.life_situations,
                    &lists.active_codes(List::LifeSituation),
                ),
            );
            Some(Background {
                birth_year,
                mother_tongue,
                gender,
                postal_code,
                minor_children,
                life_situations,
            })
        }
    };
    f.finish()?;
    Ok(Checked {
        kind,
        grant,
        background,
    })
}

fn event(
    card: &CardRow,
    name: kaiku_core::card::Event,
    point: Id,
    ctx_account: Option<Id>,
    checked: &Checked,
    until: NaiveDate,
    at: NaiveDateTime,
) -> NewEvent {
    let b = checked.background.clone();
    NewEvent {
        card_id: card.id,
        event: name,
        at,
        account_id: ctx_account,
        distribution_point_id: Some(point),
        area_id: card.area_id,
        kind: Some(checked.kind),
        grant_date: Some(checked.grant),
        valid_until: Some(until),
        birth_year: b.as_ref().map(|b| b.birth_year),
        mother_tongue: b.as_ref().map(|b| b.mother_tongue.clone()),
        gender: b.as_ref().map(|b| b.gender.clone()),
        postal_code: b.as_ref().map(|b| b.postal_code.clone()),
        minor_children: b.as_ref().map(|b| b.minor_children),
        life_situations: b.as_ref().map(|b| b.life_situations.join(",")),
        void_reason: None,
        void_note: None,
    }
}

/// Issues a card (or renews one when `renew`): the transfer form of §4.2.
pub async fn issue(
    store: &Store,
    caller: &Caller,
    raw_code: &str,
    i: &IssueInput,
    renew: bool,
) -> AppResult<IssuedOut> {
    let (area, point) = issuing_point(caller, i.distribution_point)?;
    let reach: Reach<Issuing> = policy::issuing(caller.principal()).ok_or(AppError::Forbidden)?;
    let lookup = lookup_proof(caller)?;
    let requested = match i.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k) => Some(
            k.parse::<Kind>()
                .ok()
                .ok_or(AppError::field("kind", InputError::InvalidChoice))?,
        ),
    };
    let a = store.read(move |c| areas::get(c, area)).await?;
    let code = match parse_code(raw_code) {
        Ok(code) => code,
        // A mistyped code is said together with everything else wrong in
        // the form, so that the issuer fixes it all in one go.
        Err(AppError::Invalid(mut errors)) => {
            let lists = store.read(Lists::load).await?;
            let kind = requested.unwrap_or(Kind::Personal);
            if let Err(AppError::Invalid(more)) = check_form(i, a.trial_ends, kind, &lists) {
                errors.extend(more);
            }
            return Err(AppError::Invalid(errors));
        }
        Err(e) => return Err(e),
    };
    let account = caller.principal().account;
    let actor = caller.actor();
    let i = i.clone();
    store
        .write(move |c| {
            let card = find_card(c, &lookup, &code)?;
            let state = card.state();
            let today = today();
            let kind = if renew {
                card::may_renew(&state, area, today).map_err(rule_refusal)?;
                let current = card.kind.unwrap_or(Kind::Personal);
                if requested.is_some_and(|k| k != current) {
                    return Err(rule_refusal(Refusal::CommunityCannotRenewAsPersonal));
                }
                current
            } else {
                card::may_issue(&state, area, point, today).map_err(rule_refusal)?;
                requested.unwrap_or(Kind::Personal)
            };
            let lists = Lists::load(c)?;
            let checked = check_form(&i, a.trial_ends, kind, &lists)?;
            let until = validity::valid_until(checked.grant, a.trial_ends);
            let grant = cards::Grant {
                kind,
                point,
                grant_date: checked.grant,
                valid_until: until,
                minor_children: checked.background.as_ref().map(|b| b.minor_children),
            };
            let now = now();
            let name = if renew {
                kaiku_core::card::Event::Renewed
            } else {
                kaiku_core::card::Event::Issued
            };
            let history = event(&card, name, point, account, &checked, until, now);
            let done = if renew {
                cards::renew(c, &reach, card.id, card.valid_until, &grant, &history, now)?
            } else {
                cards::issue(c, &reach, card.id, &grant, &history, now)?
            };
            if !done {
                // Someone changed the card between our read and write.
                return Err(AppError::Conflict("card_changed"));
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: if renew { "card.renew" } else { "card.issue" },
                    record_type: "card",
                    record_id: Some(card.id),
                    area: Some(area),
                    detail: format!("point={point} kind={kind}"),
                },
                now,
            )?;
            let organisation = match kind {
                Kind::Community => Some(points::get(c, point)?.name),
                Kind::Personal => None,
            };
            Ok(IssuedOut {
                code: card.code,
                kind,
                valid_from: checked.grant,
                valid_until: until,
                minor_children: grant.minor_children,
                organisation,
                renewal: renew,
            })
        })
        .await
}

// ---------- voiding ----------

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

// ---------- looking up ----------

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
    pub item: Option<super::tickets::ItemCheck>,
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
    let (card, checked) = store
        .read(move |c| {
            let checked_item = match (item, &box_office) {
                (Some(i), Some(reach)) => Some((i, kaiku_store::items::get(c, reach, i)?)),
                _ => None,
            };
            let card = find_card(c, &lookup, &code)?;
            let checked = match (checked_item, &box_office) {
                (Some((_, it)), Some(reach)) => {
                    Some(super::tickets::check_in(c, reach, &lookup, &card, &it)?)
                }
                _ => None,
            };
            Ok::<_, AppError>((card, checked))
        })
        .await?;
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
                        &super::tickets::reason_args(r),
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
    fn from_row(c: &CardRow, today: NaiveDate) -> CardOut {
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
            let point_name = |c: &mut DbConn, id: Option<Id>| -> AppResult<Option<String>> {
                Ok(match id {
                    Some(id) => Some(points::get(c, id)?.name),
                    None => None,
                })
            };
            let mut history = vec![];
            for e in cards::history(c, &reach, &code)? {
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
                        .map(|s| super::split_list(&s))
                        .unwrap_or_default(),
                    void_reason: e.void_reason,
                    void_note: e.void_note,
                });
            }
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
            })
        })
        .await
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
    match (point, area) {
        (Some(point), _) => {
            let rows = store
                .read(move |c| cards::list_for_point(c, &reach, point, code.as_deref(), 100))
                .await?;
            Ok(rows.iter().map(|r| CardOut::from_row(r, today)).collect())
        }
        (None, Some(area)) => {
            let rows = store
                .read(move |c| cards::list_for_area(c, &reach, area, code.as_deref(), 100))
                .await?;
            Ok(rows.iter().map(|r| CardOut::from_row(r, today)).collect())
        }
        (None, None) => Err(AppError::NotFound),
    }
}

/// What the issue form shows before saving: the valid-until date for a grant
/// today at this point's area (R-CARD-4).
pub async fn preview_until(store: &Store, area: Id) -> AppResult<(NaiveDate, Option<NaiveDate>)> {
    let a = store.read(move |c| areas::get(c, area)).await?;
    Ok((validity::valid_until(today(), a.trial_ends), a.trial_ends))
}
