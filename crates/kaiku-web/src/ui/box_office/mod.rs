//! The box-office screen, built for a counter: the day's items preselected,
//! the code field focused, Enter checks, one more key records; the answer is
//! large and says in words (and a sign, never colour alone) what to do. A
//! barcode scanner that types the code and Enter works the same way.
//!
//! The route table, the form as sent and the choice of venue are here; the
//! counter screen itself (check, then record) and a recorded use with its
//! tickets are modules of their own.

mod offline;
mod screen;
mod uses;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::ui::{Page, render, see_other};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::items::ItemOut;
use kaiku_app::tickets::{self, UseInput};
use kaiku_core::Id;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/box-office", get(choose_venue))
        .route(
            "/venues/{id}/box-office",
            get(screen::screen).post(screen::record),
        )
        .route(
            "/venues/{id}/backlog",
            get(screen::backlog_screen).post(screen::record),
        )
        .route("/uses/{id}", get(uses::use_page))
        .route("/tickets/{id}/redeem", post(uses::redeem))
        .route("/tickets/{id}/cancel", post(uses::cancel))
        .route("/items/{id}/tickets", get(uses::item_tickets))
        .route("/offline-uses", get(offline::list))
        .route("/offline-uses/{id}/settle", post(offline::settle))
}

/// The box-office form as sent, by the check (GET) or the record (POST).
#[derive(Clone, Debug, Default, Deserialize)]
struct VisitForm {
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    card_code: Option<String>,
    #[serde(default)]
    adults: Option<String>,
    #[serde(default)]
    children: Option<String>,
    #[serde(default)]
    members: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    backlog: Option<String>,
    #[serde(default)]
    correction: Option<String>,
    #[serde(default)]
    idempotency_key: Option<String>,
    #[serde(default)]
    csrf: Option<String>,
}

impl VisitForm {
    fn input(&self) -> Result<UseInput, AppError> {
        let num = |v: &Option<String>, field: &str| -> Result<Option<i32>, AppError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => s.parse().map(Some).map_err(|_| AppError::Malformed {
                    field: Some(field.into()),
                }),
            }
        };
        Ok(UseInput {
            card_code: self.card_code.clone().unwrap_or_default(),
            adults: num(&self.adults, "adults")?,
            children: num(&self.children, "children")?,
            channel: self.channel.clone(),
            members: self
                .members
                .as_deref()
                .unwrap_or("")
                .split(['\n', '\r', ',', ';'])
                .filter(|c| !c.trim().is_empty())
                .map(str::to_string)
                .collect(),
            backlog: self.backlog.as_deref().is_some_and(|b| !b.is_empty()),
            correction: self.correction.clone(),
        })
    }
}

async fn choose_venue(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    let venues = tickets::box_office_venues(&st.store, &ctx.caller()?).await?;
    if let [one] = venues.as_slice() {
        return Ok(see_other(&format!("/venues/{}/box-office", one.id)));
    }
    let page = Page::new(&ctx, "box-office-choose");
    let t = ChoosePage {
        page: &page,
        venues: venues.into_iter().map(|v| (v.id, v.name)).collect(),
    };
    Ok(render(&t))
}

#[derive(Template)]
#[template(path = "box_office_choose.html")]
struct ChoosePage<'a> {
    page: &'a Page,
    venues: Vec<(Id, String)>,
}

/// When an item is, as the counter shows it.
fn when(i: &ItemOut) -> String {
    crate::dates::item_when(i.kind, i.starts_at)
}
