//! Screens for areas, distribution points, venues and venue tokens.
//!
//! The route table is here, with the small pieces many screens of the
//! register use (a path id, the "saved" notice, a page that is one form);
//! each noun's screens are a module of their own.

mod area;
mod point;
mod token;
mod venue;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::ui::{Field, Page};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_core::Id;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas", get(area::areas).post(area::create_area))
        .route("/areas/new", get(area::new_area))
        .route("/areas/{id}", get(area::area).post(area::update_area))
        .route("/areas/{id}/edit", get(area::edit_area))
        .route("/areas/{id}/points", post(point::create_point))
        .route("/areas/{id}/points/new", get(point::new_point))
        .route("/points/{id}", get(point::point).post(point::update_point))
        .route("/areas/{id}/venues", post(venue::create_venue))
        .route("/areas/{id}/venues/new", get(venue::new_venue))
        .route("/venues/{id}", get(venue::venue).post(venue::update_venue))
        .route(
            "/venues/{id}/tokens",
            get(token::venue_tokens).post(token::create_token),
        )
        .route("/tokens/{id}/revoke", post(token::revoke_token))
}

pub fn id(raw: &str) -> WebResult<Id> {
    raw.parse()
        .map_err(|_| AppError::NotFound)
        .map_err(Into::into)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

impl Saved {
    pub fn notice(&self, ctx: &Ctx) -> Option<String> {
        self.saved.as_ref().map(|_| ctx.tr.t("notice-saved"))
    }
}

/// A page that is one form (create, edit, or view when not editable).
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage<'a> {
    pub page: &'a Page,
    pub intro: Option<String>,
    pub fields: Vec<Field>,
    pub action: String,
    pub submit: String,
    pub editable: bool,
    pub back: (String, String),
    pub links: Vec<(String, String)>,
}

impl FormPage<'_> {
    pub fn respond(&self) -> Response {
        super::respond(self.page, self)
    }
}
