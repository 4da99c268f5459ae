//! Uses of cards at a box office: a visit's tickets, redeemed or cancelled
//! (R-USE-*).

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, NotJson, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, ErrorBody, WebResult};
use crate::extract::{ApiJson, OptionalJson};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use kaiku_app::tickets::{self, TicketOut, UseInput, UseOut};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "tickets";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tickets, record_use))
        .routes(routes!(get_ticket))
        .routes(routes!(redeem_ticket))
        .routes(routes!(cancel_ticket))
        .routes(routes!(get_use))
}

/// Record a use: the card's tickets and a group's members, all or nothing (R-USE-*)
///
/// An `Idempotency-Key` header makes a retry safe (R-USE-9): the first answer
/// comes back and nothing is recorded twice.
#[utoipa::path(
    post,
    path = "/items/{item}/tickets",
    tag = TAG,
    params(
        ("item" = i64, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "The caller's own key for this request; printable ASCII"),
    ),
    request_body = UseInput,
    responses(
        (status = CREATED, description = "The use as recorded", body = UseOut, headers(("Idempotent-Replayed" = String, description = "`true` when this is the first answer given again"))),
        BadInput,
        Denied,
        NotFound,
        (status = CONFLICT, description = "The use is refused; every refused card with every reason under `refused`, and nothing was recorded", body = ErrorBody),
        (status = UNPROCESSABLE_ENTITY, description = "The Idempotency-Key was used before for a different request", body = ErrorBody),
        JsonBody,
    )
)]
async fn record_use(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    headers: HeaderMap,
    ApiJson(b): ApiJson<UseInput>,
) -> WebResult<Response> {
    let raw = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str().map_err(|_| AppError::Malformed {
                field: Some("Idempotency-Key".into()),
            })
        })
        .transpose()?;
    let key = tickets::idempotency_key(raw)?;
    let done = tickets::record(&st.store, &ctx.caller()?, id(&i)?, &b, key).await?;
    let mut res = created(done.out);
    if done.replayed {
        res.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(res)
}

/// The item's Kaikukortti tickets, newest first (its venue's box office)
#[utoipa::path(
    get,
    path = "/items/{item}/tickets",
    tag = TAG,
    params(("item" = i64, Path)),
    responses((status = OK, description = "The tickets", body = Vec<TicketOut>), Denied, NotFound)
)]
async fn list_tickets(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<Json<Vec<TicketOut>>> {
    Ok(Json(
        tickets::of_item(&st.store, &ctx.caller()?, id(&i)?).await?,
    ))
}

/// One ticket
#[utoipa::path(
    get,
    path = "/tickets/{ticket}",
    tag = TAG,
    params(("ticket" = i64, Path)),
    responses((status = OK, description = "The ticket", body = TicketOut), Denied, NotFound)
)]
async fn get_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
) -> WebResult<Json<TicketOut>> {
    Ok(Json(
        tickets::get_ticket(&st.store, &ctx.caller()?, id(&t)?).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct WholeUse {
    /// Every ticket of the ticket's visit, not this one alone.
    #[serde(default)]
    whole_use: bool,
}

/// Mark collected, within the redemption window (R-TIME-2)
#[utoipa::path(
    post,
    path = "/tickets/{ticket}/redeem",
    tag = TAG,
    params(("ticket" = i64, Path), WholeUse),
    responses((status = OK, description = "The use as it is now", body = UseOut), BadInput, Denied, NotFound, Conflict, NotJson)
)]
async fn redeem_ticket(
    st: State<AppState>,
    ctx: Ctx,
    t: Path<String>,
    q: Query<WholeUse>,
) -> WebResult<Json<UseOut>> {
    change_ticket(st, ctx, t, q, tickets::Change::Redeem).await
}

/// Cancel; frees the cap (R-USE-5)
///
/// A use whose item's day is over, or whose day lies in a submitted report's
/// period, is settled: cancelling it is a correction, with a reason, by a
/// person (R-REP-2).
#[utoipa::path(
    post,
    path = "/tickets/{ticket}/cancel",
    tag = TAG,
    params(("ticket" = i64, Path), WholeUse),
    request_body(content = Option<CancelInput>, description = "Only for a correction"),
    responses((status = OK, description = "The use as it is now", body = UseOut), BadInput, Denied, NotFound, Conflict, NotJson)
)]
async fn cancel_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
    Query(q): Query<WholeUse>,
    OptionalJson(b): OptionalJson<CancelInput>,
) -> WebResult<Json<UseOut>> {
    Ok(Json(
        tickets::change(
            &st.store,
            &ctx.caller()?,
            id(&t)?,
            tickets::Change::Cancel,
            q.whole_use,
            b.correction.as_deref(),
        )
        .await?,
    ))
}

/// Why a settled use is cancelled.
#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelInput {
    /// The reason for the correction (at most 200 characters).
    #[serde(default)]
    pub correction: Option<String>,
}

async fn change_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
    Query(q): Query<WholeUse>,
    what: tickets::Change,
) -> WebResult<Json<UseOut>> {
    Ok(Json(
        tickets::change(&st.store, &ctx.caller()?, id(&t)?, what, q.whole_use, None).await?,
    ))
}

/// A recorded use with its tickets and ticket note
#[utoipa::path(
    get,
    path = "/uses/{use_id}",
    tag = TAG,
    params(("use_id" = String, Path, description = "A use's `use_id`")),
    responses((status = OK, description = "The use", body = UseOut), Denied, NotFound)
)]
async fn get_use(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(u): Path<String>,
) -> WebResult<Json<UseOut>> {
    Ok(Json(tickets::get_use(&st.store, &ctx.caller()?, &u).await?))
}
