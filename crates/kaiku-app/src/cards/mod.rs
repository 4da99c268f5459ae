//! The card register (SPEC §4): printed stock, issuing personal and community
//! cards, renewal, voiding, lookup (R-AUTH-2) and subject access (R-PRIV-2).
//!
//! What every part needs lives here: a code read as the register reads it,
//! a missing card told apart from a mistyped one, and the scopes the policy
//! hands out. Stock, issuing and a card's record are each their own module,
//! since each has its own callers (coordinators, issuers, anyone at work).

pub(crate) mod budget;
mod issue;
pub mod prints;
mod record;
mod stock;

pub use issue::{IssueInput, IssuedOut, Renewal, issue, preview_until, renewal};
pub use record::{
    CardOut, EventOut, LookupOut, ReasonOut, RecordOut, StockRun, VoidInput, expiring, list,
    lookup, record, stock, void,
};
pub(crate) use record::{events_out, point_name};
pub use stock::{
    AllocationInput, AllocationOut, PointCounts, SeriesDetail, SeriesInput, SeriesOut, allocate,
    create_series, get_series, list_series,
};

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError, RefusalKind, Refused};

use kaiku_core::card::Refusal;
use kaiku_core::code::{self, CodeError};
use kaiku_core::policy::{self, CardLookup, CardRecords, Reach, Stock};
use kaiku_store::cards::{self, CardRow};
use kaiku_store::{DbConn, StoreError};

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
            // The character is not repeated: the field may hold anything.
            CodeError::BadCharacter(_) => ("card_code_bad_character", vec![]),
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
    Ok(rule_refusal(if cards::mistyped(c, lookup, code)? {
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
