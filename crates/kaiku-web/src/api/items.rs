//! A venue's offering: events and courses.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, NotJson, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kaiku_app::items::{self, ItemInput, ItemOut};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "items";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_items, create_item))
        .routes(routes!(get_item, update_item, delete_item))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AllQuery {
    /// Past items too.
    #[serde(default)]
    all: bool,
}

/// A venue's offering from today on
#[utoipa::path(
    get,
    path = "/venues/{venue}/items",
    tag = TAG,
    params(("venue" = i64, Path), AllQuery),
    responses((status = OK, description = "The items", body = Vec<ItemOut>), BadInput, Denied, NotFound)
)]
async fn list_items(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<AllQuery>,
) -> WebResult<Json<Vec<ItemOut>>> {
    Ok(Json(
        items::list(&st.store, &ctx.caller()?, id(&v)?, q.all).await?,
    ))
}

/// A new item; for a series, its first item with every item of the series
/// under `series`.
#[derive(Serialize, ToSchema)]
struct ItemCreated {
    #[serde(flatten)]
    item: ItemOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<Vec<ItemOut>>,
}

/// Publish an event or a course, or a weekly/daily series of them (R-CAP, R-TIME)
#[utoipa::path(
    post,
    path = "/venues/{venue}/items",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body = ItemInput,
    responses((status = CREATED, description = "The new item, or the series", body = ItemCreated), BadInput, Denied, NotFound, JsonBody)
)]
async fn create_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<ItemInput>,
) -> WebResult<Response> {
    let made = items::create(&st.store, &ctx.caller()?, id(&v)?, &b).await?;
    let answer = ItemCreated {
        item: made[0].clone(),
        series: (made.len() > 1).then_some(made),
    };
    // Through a Value, whose keys come out sorted, as this answer's always have.
    Ok(created(serde_json::to_value(answer).unwrap_or_default()))
}

/// An item with its Kaikukortti tickets used and left
#[utoipa::path(
    get,
    path = "/items/{item}",
    tag = TAG,
    params(("item" = i64, Path)),
    responses((status = OK, description = "The item", body = ItemOut), Denied, NotFound)
)]
async fn get_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<Json<ItemOut>> {
    Ok(Json(items::get(&st.store, &ctx.caller()?, id(&i)?).await?))
}

/// Change an item
#[utoipa::path(
    put,
    path = "/items/{item}",
    tag = TAG,
    params(("item" = i64, Path)),
    request_body = ItemInput,
    responses((status = OK, description = "The item as changed", body = ItemOut), BadInput, Denied, NotFound, JsonBody)
)]
async fn update_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<ItemInput>,
) -> WebResult<Json<ItemOut>> {
    Ok(Json(
        items::update(&st.store, &ctx.caller()?, id(&i)?, &b).await?,
    ))
}

/// Remove an item
#[utoipa::path(
    delete,
    path = "/items/{item}",
    tag = TAG,
    params(("item" = i64, Path)),
    responses((status = NO_CONTENT, description = "Removed"), Denied, NotFound, Conflict, NotJson)
)]
async fn delete_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<StatusCode> {
    items::delete(&st.store, &ctx.caller()?, id(&i)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
