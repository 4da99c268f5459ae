//! Distribution points, where cards are handed out.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::org::{self, PointInput, PointOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "points";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_points, create_point))
        .routes(routes!(get_point, update_point))
}

/// Distribution points of an area
#[utoipa::path(
    get,
    path = "/areas/{area}/distribution-points",
    tag = TAG,
    params(("area" = i64, Path)),
    responses((status = OK, description = "The points", body = Vec<PointOut>), Denied, NotFound)
)]
async fn list_points(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<PointOut>>> {
    Ok(Json(
        org::list_points(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Create a distribution point (coordinator)
#[utoipa::path(
    post,
    path = "/areas/{area}/distribution-points",
    tag = TAG,
    params(("area" = i64, Path)),
    request_body = PointInput,
    responses((status = CREATED, description = "The new point", body = PointOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn create_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<PointInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_point(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

/// One distribution point
#[utoipa::path(
    get,
    path = "/distribution-points/{point}",
    tag = TAG,
    params(("point" = i64, Path)),
    responses((status = OK, description = "The point", body = PointOut), Denied, NotFound)
)]
async fn get_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> WebResult<Json<PointOut>> {
    Ok(Json(
        org::get_point(&st.store, &ctx.caller()?, id(&p)?).await?,
    ))
}

/// Change a distribution point (coordinator)
#[utoipa::path(
    put,
    path = "/distribution-points/{point}",
    tag = TAG,
    params(("point" = i64, Path)),
    request_body = PointInput,
    responses((status = OK, description = "The point as changed", body = PointOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn update_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    ApiJson(b): ApiJson<PointInput>,
) -> WebResult<Json<PointOut>> {
    Ok(Json(
        org::update_point(&st.store, &ctx.caller()?, id(&p)?, &b).await?,
    ))
}
