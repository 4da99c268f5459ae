//! Screens for areas, distribution points, venues and venue tokens.
//!
//! The route table is here; each noun's screens are a module of their own.

mod area;
mod point;
mod token;
mod venue;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

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
