//! Issuing and renewing: the transfer form of §4.2 checked field by field
//! (R-CARD-3, R-CARD-4, R-CARD-8, R-CARD-9) and written with the card's
//! history in one transaction.

use super::{find_card, lookup_proof, parse_code, rule_refusal};
use crate::Check as Fields;
use crate::dates::fi_date;
use crate::error::{AppError, AppResult, FieldError};
use crate::lists::Lists;
use crate::{Caller, flex, today};

use chrono::{NaiveDate, NaiveDateTime};
use kaiku_core::Id;
use kaiku_core::background::{self, Background, List};
use kaiku_core::card::{self, Kind, Refusal};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy::{self, Issuing, Reach};
use kaiku_core::validity::{self, GrantDateError};
use kaiku_store::cards::{self, CardRow, NewEvent};
use kaiku_store::{Store, areas, audit, now, points};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    /// Answers to the well-being questions in force on the grant date
    /// (R-WELL-1), by question id: a code of the question's scale or
    /// `no_answer` (also what a question left out gets). Personal cards only.
    #[serde(default)]
    pub wellbeing: std::collections::BTreeMap<String, String>,
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
        wellbeing: None,
    }
}

/// Where a card would be renewed by the caller: its own point that issued
/// or stocks the card, or else its point in the card's area (any point of
/// the area may renew, SPEC §4.2), and whether it is a community card. The
/// card's record need not be visible to the caller for that.
pub struct Renewal {
    pub code: String,
    pub area: Id,
    pub point: Id,
    pub community: bool,
}

pub async fn renewal(store: &Store, caller: &Caller, raw_code: &str) -> AppResult<Renewal> {
    let mine = policy::issuer_points(caller.principal());
    if mine.is_empty() {
        return Err(AppError::Forbidden);
    }
    let lookup = lookup_proof(caller)?;
    let code = parse_code(raw_code)?;
    let card = store.read(move |c| find_card(c, &lookup, &code)).await?;
    let held = [card.holder_point_id, card.allocated_point_id];
    let (area, point) = mine
        .iter()
        .copied()
        .find(|(a, p)| *a == card.area_id && held.contains(&Some(*p)))
        .or_else(|| mine.iter().copied().find(|(a, _)| *a == card.area_id))
        .ok_or_else(|| rule_refusal(Refusal::OtherArea))?;
    Ok(Renewal {
        code: card.code,
        area,
        point,
        community: card.kind == Some(Kind::Community),
    })
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
            let mut history = event(&card, name, point, account, &checked, until, now);
            // A community card has no holder to ask (§5).
            if kind == Kind::Personal {
                let questions = kaiku_store::wellbeing::list(c)?;
                history.wellbeing =
                    crate::wellbeing::answers(&questions, checked.grant, &i.wellbeing)
                        .map_err(AppError::Invalid)?;
            } else if !i.wellbeing.is_empty() {
                return Err(AppError::field("wellbeing", InputError::InvalidChoice));
            }
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

/// What the issue form shows before saving: the valid-until date for a grant
/// today at this point's area (R-CARD-4).
pub async fn preview_until(store: &Store, area: Id) -> AppResult<(NaiveDate, Option<NaiveDate>)> {
    let a = store.read(move |c| areas::get(c, area)).await?;
    Ok((validity::valid_until(today(), a.trial_ends), a.trial_ends))
}
