//! Judging a visit before anything is written: the request read and
//! range-checked, every card of it looked up, and every rule of R-USE-1
//! applied, so that a refusal names each card and each reason at once.

use super::{UseInput, card_view_near, refused, view_at};
use crate::Caller;
use crate::cards::parse_code;
use crate::error::{AppError, AppResult, CardRefusal, FieldError};

use chrono::{DateTime, Utc};
use kaiku_core::Id;
use kaiku_core::card::{Kind, Status};
use kaiku_core::input::InputError;
use kaiku_core::policy::{self, BoxOffice, CardLookup, Reach};
use kaiku_core::usage::{self, Ask, CardView, ItemView, Reason};
use kaiku_store::Store;
use kaiku_store::cards::{self as card_store, CardRow};
use kaiku_store::items::{self, AtCounter};
use kaiku_store::tickets;
use kaiku_store::{DbConn, StoreError};

/// Most tickets one use may carry (a class with its teacher is the largest
/// group the model speaks of; a typo of 100 should not pass).
pub const MAX_PER_USE: i32 = 40;

/// An unknown code, or one whose check character shows a typing error.
fn unknown(c: &mut DbConn, lookup: &CardLookup, code: &str) -> Result<Reason, StoreError> {
    Ok(unknown_by(card_store::mistyped(c, lookup, code)?))
}

/// Why no card is known by a code: a typing error the check character
/// shows, or none known.
pub(super) fn unknown_by(mistyped: bool) -> Reason {
    if mistyped {
        Reason::CheckCharacter
    } else {
        Reason::Unknown
    }
}

fn code_error(field: &'static str, e: AppError) -> AppError {
    match e {
        AppError::Invalid(mut errs) => {
            for f in &mut errs {
                f.field = field;
            }
            AppError::Invalid(errs)
        }
        e => e,
    }
}

/// A parsed and range-checked request.
#[derive(Clone)]
pub(super) struct Parsed {
    pub(super) code: String,
    pub(super) members: Vec<String>,
    pub(super) adults: i32,
    pub(super) children: i32,
    pub(super) channel: String,
    pub(super) backlog: bool,
    /// Why a use is recorded in a period whose report was submitted.
    pub(super) correction: Option<String>,
}

pub(super) fn parse(i: &UseInput) -> AppResult<Parsed> {
    let mut f = crate::Check::default();
    let code = match parse_code(&i.card_code) {
        Ok(c) => c,
        Err(e) => {
            if let AppError::Invalid(errs) = code_error("card_code", e) {
                errs.into_iter().for_each(|e| f.push(e));
            }
            String::new()
        }
    };
    let mut members = vec![];
    for m in &i.members {
        match parse_code(m) {
            Ok(c) => members.push(c),
            Err(e) => {
                if let AppError::Invalid(errs) = code_error("members", e) {
                    errs.into_iter().take(1).for_each(|e| f.push(e));
                }
            }
        }
    }
    let adults = i.adults.unwrap_or(1);
    let children = i.children.unwrap_or(0);
    if !(0..=MAX_PER_USE).contains(&adults) {
        f.fail("adults", InputError::InvalidChoice);
    }
    if !(0..=MAX_PER_USE).contains(&children) {
        f.fail("children", InputError::InvalidChoice);
    }
    if members.len() > MAX_PER_USE as usize {
        f.push(FieldError {
            field: "members",
            code: "too_many_members",
            rule: None,
            args: vec![("max", MAX_PER_USE.to_string())],
        });
    }
    let channel = i
        .channel
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("box_office")
        .to_string();
    let correction = match i.correction.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => match kaiku_core::input::line(r, 200) {
            Ok(r) => Some(r),
            Err(e) => {
                f.fail("correction", e);
                None
            }
        },
    };
    f.finish()?;
    Ok(Parsed {
        code,
        members,
        adults,
        children,
        channel,
        backlog: i.backlog,
        correction,
    })
}

/// A visit judged by the rules, before anything is written.
#[derive(Clone)]
pub(super) struct Judged {
    pub(super) at: AtCounter,
    pub(super) codes: Vec<String>,
    pub(super) found: Vec<CardRow>,
}

/// Applies every rule of R-USE-1 to the visit; refusals name each card.
pub(super) fn judge(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    lookup: &CardLookup,
    item_id: Id,
    p: &Parsed,
    at: DateTime<Utc>,
) -> AppResult<Judged> {
    let item = items::at_counter(c, reach, item_id)?;
    judge_item(c, lookup, item, p, at)
}

/// The same for an item read at the counter a moment ago.
pub(super) fn judge_item(
    c: &mut DbConn,
    lookup: &CardLookup,
    item: AtCounter,
    p: &Parsed,
    at: DateTime<Utc>,
) -> AppResult<Judged> {
    let codes = codes_of(p);
    let found = card_store::lookup_many(c, lookup, &codes)?;
    let ids: Vec<Id> = found.iter().map(|r| r.id).collect();
    let holding = tickets::held_at(c, &item, &ids)?;
    judge_found(c, lookup, item, p, at, found, &holding)
}

/// The shown card's code, then its group's.
fn codes_of(p: &Parsed) -> Vec<String> {
    let mut codes = vec![p.code.clone()];
    codes.extend(p.members.iter().cloned());
    codes
}

/// The same for the visit's cards read a moment ago, with those of them
/// that hold a live ticket for the item.
pub(super) fn judge_found(
    c: &mut DbConn,
    lookup: &CardLookup,
    item: AtCounter,
    p: &Parsed,
    at: DateTime<Utc>,
    found: Vec<CardRow>,
    holding: &[Id],
) -> AppResult<Judged> {
    let view = view_at(&item);
    let near = Some((item.item().area_id, view.area_local_only));
    let codes = codes_of(p);
    let mut views = vec![];
    for code in &codes {
        views.push(match found.iter().find(|r| &r.code == code) {
            Some(card) => Ok(card_view_near(c, card, holding.contains(&card.id), near)?),
            None => Err(unknown(c, lookup, code)?),
        });
    }
    let refused_cards = verdict(&codes, &views, &view, p, at);
    if !refused_cards.is_empty() {
        return Err(AppError::UseRefused(refused_cards));
    }
    Ok(Judged {
        at: item,
        codes,
        found,
    })
}

/// The rules of R-USE-1 over what the register holds for a visit: each
/// code's card as the rules see it, or why no card is known by it (an
/// unknown code, a typing error). Refusals name each card; none means every
/// ticket asked for may be given.
pub(super) fn verdict(
    codes: &[String],
    views: &[Result<CardView, Reason>],
    view: &ItemView,
    p: &Parsed,
    at: DateTime<Utc>,
) -> Vec<CardRefusal> {
    let mut refusals = vec![];
    let mut seen = std::collections::HashSet::new();
    for (code, card) in codes.iter().zip(views) {
        let mut early = vec![];
        if !seen.insert(code.clone()) {
            early.push(Reason::DuplicateCard);
        }
        if let Err(r) = card {
            early.push(r.clone());
        }
        refusals.push(early);
    }
    let ask = Ask {
        adults: p.adults as u32,
        children: p.children as u32,
        members: p.members.len() as u32,
        channel: &p.channel,
        backlog: p.backlog,
        at,
    };
    // Unknown cards are judged as valid personal cards so that the visit's
    // own reasons (cap, window, item) still come out once, on the shown card.
    let placeholder = |v: &Result<CardView, Reason>| {
        v.clone().unwrap_or(CardView {
            state: kaiku_core::card::CardState {
                area: view.area,
                status: Status::Issued,
                allocated_point: None,
                holder_point: None,
                valid_until: None,
            },
            kind: Some(Kind::Personal),
            valid_from: None,
            minor_children: u32::MAX,
            area_local_only: false,
            has_ticket: false,
        })
    };
    let holder = placeholder(&views[0]);
    let members: Vec<CardView> = views[1..].iter().map(placeholder).collect();
    for (n, r) in usage::visit(&holder, &members, view, &ask)
        .into_iter()
        .enumerate()
    {
        refusals[n].extend(r);
    }
    codes
        .iter()
        .zip(&refusals)
        .zip(views)
        .enumerate()
        .filter(|(_, ((_, r), _))| !r.is_empty())
        .map(|(position, ((code, r), view))| CardRefusal {
            card_code: view.is_ok().then(|| code.clone()),
            position,
            reasons: r.iter().map(refused).collect(),
        })
        .collect()
}

/// What a check of a whole visit answers before recording: nothing is
/// written; `Ok` means every ticket asked for may be given now.
pub async fn try_visit(store: &Store, caller: &Caller, item: Id, i: &UseInput) -> AppResult<()> {
    let reach = super::reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let p = parse(i)?;
    store
        .read(move |c| judge(c, &reach, &lookup, item, &p, Utc::now()).map(|_| ()))
        .await
}
