//! Printed card series, their allocations to distribution points, and the
//! cards themselves.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::cards::{
    self, AllocationInput, AllocationOut, CardOut, IssueInput, IssuedOut, LookupOut, RecordOut,
    SeriesDetail, SeriesInput, SeriesOut, VoidInput,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "cards";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_series, create_series))
        .routes(routes!(get_series))
        .routes(routes!(allocate))
        .routes(routes!(area_cards))
        .routes(routes!(point_cards))
        .routes(routes!(point_stock))
        .routes(routes!(lookup_card))
        .routes(routes!(issue_card))
        .routes(routes!(renew_card))
        .routes(routes!(void_card))
        .routes(routes!(card_record))
        .routes(routes!(subject_access))
}

/// Printed card series of an area with counts
#[utoipa::path(
    get,
    path = "/areas/{area}/card-series",
    tag = TAG,
    params(("area" = i64, Path)),
    responses((status = OK, description = "The series", body = Vec<SeriesOut>), Denied, NotFound)
)]
async fn list_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<SeriesOut>>> {
    Ok(Json(
        cards::list_series(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Register a printed series; every card goes in stock
#[utoipa::path(
    post,
    path = "/areas/{area}/card-series",
    tag = TAG,
    params(("area" = i64, Path)),
    request_body = SeriesInput,
    responses((status = CREATED, description = "The new series", body = SeriesOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn create_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<SeriesInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::create_series(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

/// A series, its allocations and the area's counts per point
#[utoipa::path(
    get,
    path = "/card-series/{series}",
    tag = TAG,
    params(("series" = i64, Path)),
    responses((status = OK, description = "The series", body = SeriesDetail), Denied, NotFound)
)]
async fn get_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
) -> WebResult<Json<SeriesDetail>> {
    Ok(Json(
        cards::get_series(&st.store, &ctx.caller()?, id(&s)?).await?,
    ))
}

/// Allocate a range of a series to a distribution point
#[utoipa::path(
    post,
    path = "/card-series/{series}/allocations",
    tag = TAG,
    params(("series" = i64, Path)),
    request_body = AllocationInput,
    responses((status = CREATED, description = "The new allocation", body = AllocationOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn allocate(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
    ApiJson(b): ApiJson<AllocationInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::allocate(&st.store, &ctx.caller()?, id(&s)?, &b).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CodeQuery {
    /// Narrows the list to codes that begin with this.
    code: Option<String>,
}

/// Issued and void cards of an area (coordinator)
#[utoipa::path(
    get,
    path = "/areas/{area}/cards",
    tag = TAG,
    params(("area" = i64, Path), CodeQuery),
    responses((status = OK, description = "The cards", body = Vec<CardOut>), BadInput, Denied, NotFound)
)]
async fn area_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<CodeQuery>,
) -> WebResult<Json<Vec<CardOut>>> {
    Ok(Json(
        cards::list(
            &st.store,
            &ctx.caller()?,
            None,
            Some(id(&a)?),
            q.code.as_deref(),
        )
        .await?,
    ))
}

/// The point's stock left: its cards not yet issued, as runs of codes
#[utoipa::path(
    get,
    path = "/distribution-points/{point}/stock",
    tag = TAG,
    params(("point" = i64, Path)),
    responses((status = OK, description = "Runs of consecutive codes", body = Vec<cards::StockRun>), Denied, NotFound)
)]
async fn point_stock(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> WebResult<Json<Vec<cards::StockRun>>> {
    Ok(Json(
        cards::stock(&st.store, &ctx.caller()?, id(&p)?).await?,
    ))
}

/// Cards a point issued (its issuers)
#[utoipa::path(
    get,
    path = "/distribution-points/{point}/cards",
    tag = TAG,
    params(("point" = i64, Path), CodeQuery),
    responses((status = OK, description = "The cards", body = Vec<CardOut>), BadInput, Denied, NotFound)
)]
async fn point_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    Query(q): Query<CodeQuery>,
) -> WebResult<Json<Vec<CardOut>>> {
    Ok(Json(
        cards::list(
            &st.store,
            &ctx.caller()?,
            Some(id(&p)?),
            None,
            q.code.as_deref(),
        )
        .await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ItemQuery {
    /// An item: the answer is then for that item on its day (R-USE-1).
    #[param(value_type = Option<i64>)]
    item: Option<String>,
}

/// Is this card valid? Nothing about its holder (R-AUTH-2)
#[utoipa::path(
    get,
    path = "/cards/{code}",
    tag = TAG,
    params(("code" = String, Path, description = "A card code"), ItemQuery),
    responses((status = OK, description = "What may be said of the card", body = LookupOut), BadInput, Denied, NotFound)
)]
async fn lookup_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<ItemQuery>,
) -> WebResult<Json<LookupOut>> {
    let item = q.item.as_deref().map(id).transpose()?;
    Ok(Json(
        cards::lookup(&st.store, &ctx.caller()?, &code, item).await?,
    ))
}

/// Issue a personal card (transfer form) or a community card
#[utoipa::path(
    post,
    path = "/cards/{code}/issue",
    tag = TAG,
    params(("code" = String, Path, description = "A card code")),
    request_body = IssueInput,
    responses((status = CREATED, description = "The card as issued", body = IssuedOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn issue_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<IssueInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::issue(&st.store, &ctx.caller()?, &code, &b, false).await?,
    ))
}

/// Renew an expired or expiring card with fresh background data
#[utoipa::path(
    post,
    path = "/cards/{code}/renew",
    tag = TAG,
    params(("code" = String, Path, description = "A card code")),
    request_body = IssueInput,
    responses((status = OK, description = "The card as renewed", body = IssuedOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn renew_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<IssueInput>,
) -> WebResult<Json<IssuedOut>> {
    Ok(Json(
        cards::issue(&st.store, &ctx.caller()?, &code, &b, true).await?,
    ))
}

/// Void a card (lost, destroyed, returned, other)
#[utoipa::path(
    post,
    path = "/cards/{code}/void",
    tag = TAG,
    params(("code" = String, Path, description = "A card code")),
    request_body = VoidInput,
    responses((status = OK, description = "The card, now void", body = CardOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn void_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<VoidInput>,
) -> WebResult<Json<CardOut>> {
    Ok(Json(
        cards::void(&st.store, &ctx.caller()?, &code, &b).await?,
    ))
}

/// A card and its history with background data (issuer, coordinator)
#[utoipa::path(
    get,
    path = "/cards/{code}/record",
    tag = TAG,
    params(("code" = String, Path, description = "A card code")),
    responses((status = OK, description = "The card's record", body = RecordOut), BadInput, Denied, NotFound)
)]
async fn card_record(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Json<RecordOut>> {
    Ok(Json(
        cards::record(&st.store, &ctx.caller()?, &code, false).await?,
    ))
}

/// Everything stored under a code, for the holder (R-PRIV-2, coordinator)
#[utoipa::path(
    get,
    path = "/cards/{code}/subject-access",
    tag = TAG,
    params(("code" = String, Path, description = "A card code")),
    responses((status = OK, description = "Everything stored under the code", body = RecordOut), BadInput, Denied, NotFound)
)]
async fn subject_access(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Json<RecordOut>> {
    Ok(Json(
        cards::record(&st.store, &ctx.caller()?, &code, true).await?,
    ))
}
