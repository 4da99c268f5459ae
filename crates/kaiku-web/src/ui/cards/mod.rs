//! Screens of the card register: stock and allocation for coordinators, the
//! transfer form for issuers, a card's record, voiding, subject access, and a
//! validity check for everyone at work.
//!
//! The route table and what several screens share are here; each audience's
//! screens are a module of their own.

mod check;
mod issue;
mod prints;
mod record;
pub(crate) use record::{RecordView, record_view};
mod stock;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::ui::form_errors;
use crate::ui::forms::Opt;
use axum::Router;
use axum::routing::{get, post};
use kaiku_app::cards::fi_date;
use kaiku_app::lists::{self, Lists};
use kaiku_core::background::List;
use kaiku_core::org::Lang;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas/{id}/cards", get(stock::area_cards))
        .route("/areas/{id}/series", post(stock::create_series))
        .route("/areas/{id}/series/new", get(stock::new_series))
        .route("/series/{id}", get(stock::series))
        .route("/series/{id}/allocations", post(stock::allocate))
        .route("/series/{id}/print", get(prints::form).post(prints::start))
        .route("/prints/{id}", get(prints::job))
        .route("/prints/{id}/pdf", get(prints::pdf))
        .route("/points/{id}/cards", get(issue::point_cards))
        .route(
            "/points/{id}/issue",
            get(issue::issue_form).post(issue::issue),
        )
        .route("/cards", get(record::find))
        .route("/cards/{code}", get(record::card))
        .route(
            "/cards/{code}/renew",
            get(issue::renew_form).post(issue::renew),
        )
        .route("/cards/{code}/void", post(record::void))
        .route("/cards/{code}/subject-access", get(record::subject_access))
        .route("/check", get(check::check))
}

/// The entries of a national list still in use, labelled in the page's language.
fn list_options(lists: &Lists, list: List, lang: Lang, selected: &[String]) -> Vec<Opt> {
    lists
        .entries(list)
        .filter(|o| o.active)
        .map(|o| {
            Opt::new(
                &o.code,
                lists::label_of(o, lang),
                selected.contains(&o.code),
            )
        })
        .collect()
}

fn date(d: &Option<chrono::NaiveDate>) -> String {
    d.map(fi_date).unwrap_or_else(|| "–".into())
}

#[derive(Deserialize, Default)]
struct CodeQ {
    code: Option<String>,
    saved: Option<String>,
    /// `?expiring=30`: the point's cards running out within 30 days.
    expiring: Option<String>,
    /// `?stock=1`: the point's cards not yet issued.
    stock: Option<String>,
}

/// Form errors, with rule refusals (which are not about one field) shown
/// beside the field the person should look at.
fn refusal_on(ctx: &Ctx, e: AppError, field: &str) -> WebResult<Vec<(String, String)>> {
    match e {
        AppError::Refused(_) => Ok(vec![(field.to_string(), e.message(&ctx.tr))]),
        e => form_errors(&ctx.tr, e, field),
    }
}

/// The cards listed, the filter shown back, and what is wrong with it.
type Filtered = (
    Vec<kaiku_app::cards::CardOut>,
    String,
    Vec<(String, String)>,
);

/// A card list filtered by the beginning of a code: a filter that is no
/// code lists nothing, says what is wrong with it beside the search field,
/// and is not shown back (R-PRIV-5).
pub(super) fn filtered(
    ctx: &Ctx,
    result: Result<Vec<kaiku_app::cards::CardOut>, crate::error::AppError>,
    code: Option<String>,
) -> crate::error::WebResult<Filtered> {
    match result {
        Ok(list) => Ok((list, code.unwrap_or_default(), vec![])),
        Err(e @ crate::error::AppError::Invalid(_)) => {
            Ok((vec![], String::new(), form_errors(&ctx.tr, e, "code")?))
        }
        Err(e) => Err(e.into()),
    }
}
