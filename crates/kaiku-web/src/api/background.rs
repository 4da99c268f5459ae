//! The national lists of the transfer form (mother tongues, life situations).

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::lists::{self, OptionInput, OptionOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "background";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_options, create_option))
        .routes(routes!(update_option))
}

/// The national lists of the transfer form (mother tongues, life situations)
#[utoipa::path(
    get,
    path = "/background-options",
    tag = TAG,
    responses((status = OK, description = "Every entry of both lists", body = Vec<OptionOut>), Denied)
)]
async fn list_options(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<OptionOut>>> {
    Ok(Json(lists::list(&st.store, &ctx.caller()?).await?))
}

/// Add an entry to a national list (national admin)
#[utoipa::path(
    post,
    path = "/background-options",
    tag = TAG,
    request_body = OptionInput,
    responses((status = CREATED, description = "The new entry", body = OptionOut), BadInput, Denied, Conflict, JsonBody)
)]
async fn create_option(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<OptionInput>,
) -> WebResult<Response> {
    Ok(created(lists::create(&st.store, &ctx.caller()?, &b).await?))
}

/// Change an entry's labels, or take it out of use (national admin)
#[utoipa::path(
    put,
    path = "/background-options/{id}",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = OptionInput,
    responses((status = OK, description = "The entry as changed", body = OptionOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn update_option(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<OptionInput>,
) -> WebResult<Json<OptionOut>> {
    Ok(Json(
        lists::update(&st.store, &ctx.caller()?, id(&i)?, &b).await?,
    ))
}
