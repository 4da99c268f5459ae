//! Kaikukortti areas.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::org::{self, AreaInput, AreaOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "areas";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_areas, create_area))
        .routes(routes!(get_area, update_area))
}

/// Areas the caller sees (all for a national admin)
#[utoipa::path(
    get,
    path = "/areas",
    tag = TAG,
    responses((status = OK, description = "The areas", body = Vec<AreaOut>), Denied)
)]
async fn list_areas(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<AreaOut>>> {
    Ok(Json(org::list_areas(&st.store, &ctx.caller()?).await?))
}

/// Create an area (national admin)
#[utoipa::path(
    post,
    path = "/areas",
    tag = TAG,
    request_body = AreaInput,
    responses((status = CREATED, description = "The new area", body = AreaOut), BadInput, Denied, Conflict, JsonBody)
)]
async fn create_area(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<AreaInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_area(&st.store, &ctx.caller()?, &b).await?,
    ))
}

/// One area
#[utoipa::path(
    get,
    path = "/areas/{area}",
    tag = TAG,
    params(("area" = i64, Path)),
    responses((status = OK, description = "The area", body = AreaOut), Denied, NotFound)
)]
async fn get_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<AreaOut>> {
    Ok(Json(
        org::get_area(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Change an area (national admin)
#[utoipa::path(
    put,
    path = "/areas/{area}",
    tag = TAG,
    params(("area" = i64, Path)),
    request_body = AreaInput,
    responses((status = OK, description = "The area as changed", body = AreaOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn update_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<AreaInput>,
) -> WebResult<Json<AreaOut>> {
    Ok(Json(
        org::update_area(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}
