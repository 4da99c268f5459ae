//! The box office without a connection (R-OFF-1 … R-OFF-4): the snapshot a
//! device works from, the uses it sends when back online, and the disputed
//! ones the venue or the coordinator settles.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use kaiku_app::tickets::offline::{self, OfflineBatch, OfflineSyncOut, OfflineUseOut, Snapshot};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

const TAG: &str = "tickets";

/// A full batch of 5 000 uses with group members is several megabytes.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(offline_snapshot))
        .routes(routes!(offline_uses).layer(DefaultBodyLimit::max(BATCH_BYTES)))
        .routes(routes!(marked_offline_uses))
        .routes(routes!(settle_offline_use))
}

/// The snapshot a box office checks against offline (R-OFF-1)
///
/// The venue's items of today and the next two days with the cap left, and
/// the cards it may accept as keyed hashes of their codes (valid-until,
/// kind and children allowed; never background data, never a readable code).
#[utoipa::path(
    get,
    path = "/venues/{venue}/offline-snapshot",
    tag = TAG,
    params(("venue" = i64, Path)),
    responses((status = OK, description = "The snapshot", body = Snapshot), Denied, NotFound)
)]
async fn offline_snapshot(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
) -> WebResult<Json<Snapshot>> {
    Ok(Json(
        offline::snapshot(&st.store, &ctx.caller()?, id(&v)?).await?,
    ))
}

/// Send uses recorded offline (R-OFF-3, R-OFF-4)
///
/// Each use is taken once (its `id` is its idempotency key) and judged by
/// the rules of the moment it happened: `recorded`, `over_cap` (counted past
/// the cap), `disputed` (waits for the venue or the coordinator) or
/// `duplicate` (sent before). A batch with a use that cannot be read is
/// refused whole, with the reason of each such use, and nothing is taken.
#[utoipa::path(
    post,
    path = "/venues/{venue}/offline-uses",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body = OfflineBatch,
    responses(
        (status = OK, description = "What became of each use", body = OfflineSyncOut),
        BadInput, Denied, NotFound, JsonBody,
    )
)]
async fn offline_uses(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<OfflineBatch>,
) -> WebResult<Json<OfflineSyncOut>> {
    Ok(Json(
        offline::take(&st.store, &ctx.caller()?, id(&v)?, b).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct VenueFilter {
    /// One venue only.
    #[serde(default)]
    venue: Option<i64>,
    /// The page, from 1 (100 uses a page; an empty page ends the list).
    #[serde(default)]
    page: Option<u32>,
}

/// Offline uses past the cap or in dispute (R-OFF-3)
///
/// Of the venues whose box office the caller serves; open disputes first,
/// 100 a page.
#[utoipa::path(
    get,
    path = "/offline-uses",
    tag = TAG,
    params(VenueFilter),
    responses((status = OK, description = "The uses", body = Vec<OfflineUseOut>), Denied)
)]
async fn marked_offline_uses(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VenueFilter>,
) -> WebResult<Json<Vec<OfflineUseOut>>> {
    Ok(Json(
        offline::marked(&st.store, &ctx.caller()?, q.venue, q.page.unwrap_or(1))
            .await?
            .0,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Settle {
    /// Keep the use (its tickets are written and counted) or cancel it.
    keep: bool,
}

/// Settle a disputed offline use: keep or cancel (R-OFF-3), once
#[utoipa::path(
    post,
    path = "/offline-uses/{id}/settle",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = Settle,
    responses(
        (status = OK, description = "The use as settled", body = OfflineUseOut),
        Denied, NotFound, Conflict, JsonBody,
    )
)]
async fn settle_offline_use(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(u): Path<String>,
    ApiJson(b): ApiJson<Settle>,
) -> WebResult<Json<OfflineUseOut>> {
    Ok(Json(
        offline::settle(&st.store, &ctx.caller()?, id(&u)?, b.keep).await?,
    ))
}
