//! Venues and their public profiles.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::org::{self, VenueInput, VenueOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "venues";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_venues, create_venue))
        .routes(routes!(get_venue, update_venue))
}

/// Venues of an area
#[utoipa::path(
    get,
    path = "/areas/{area}/venues",
    tag = TAG,
    params(("area" = i64, Path)),
    responses((status = OK, description = "The venues", body = Vec<VenueOut>), Denied, NotFound)
)]
async fn list_venues(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<VenueOut>>> {
    Ok(Json(
        org::list_venues(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Create a venue (coordinator)
#[utoipa::path(
    post,
    path = "/areas/{area}/venues",
    tag = TAG,
    params(("area" = i64, Path)),
    request_body = VenueInput,
    responses((status = CREATED, description = "The new venue", body = VenueOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn create_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<VenueInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_venue(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

/// One venue's profile
#[utoipa::path(
    get,
    path = "/venues/{venue}",
    tag = TAG,
    params(("venue" = i64, Path)),
    responses((status = OK, description = "The venue", body = VenueOut), Denied, NotFound)
)]
async fn get_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
) -> WebResult<Json<VenueOut>> {
    Ok(Json(
        org::get_venue(&st.store, &ctx.caller()?, id(&v)?).await?,
    ))
}

/// Change a venue's profile (its staff or coordinator; name and being in use only by the coordinator)
///
/// The body replaces the whole profile: a field left out is emptied.
#[utoipa::path(
    put,
    path = "/venues/{venue}",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body = VenueInput,
    responses((status = OK, description = "The venue as changed", body = VenueOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn update_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<VenueInput>,
) -> WebResult<Json<VenueOut>> {
    Ok(Json(
        org::update_venue(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}
