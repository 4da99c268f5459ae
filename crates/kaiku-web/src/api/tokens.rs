//! Venues' integration tokens.

use super::{BadInput, Denied, JsonBody, NotFound, NotJson, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kaiku_app::tokens::{self, NewToken, TokenInput, TokenOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "tokens";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
}

/// A venue's integration tokens (never their secrets)
#[utoipa::path(
    get,
    path = "/venues/{venue}/api-tokens",
    tag = TAG,
    params(("venue" = i64, Path)),
    responses((status = OK, description = "The tokens", body = Vec<TokenOut>), Denied, NotFound)
)]
async fn list_tokens(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
) -> WebResult<Json<Vec<TokenOut>>> {
    Ok(Json(
        tokens::list(&st.store, &ctx.caller()?, id(&v)?).await?,
    ))
}

/// Create a token; its secret is in this answer only
#[utoipa::path(
    post,
    path = "/venues/{venue}/api-tokens",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body = TokenInput,
    responses((status = CREATED, description = "The new token with its secret", body = NewToken), BadInput, Denied, NotFound, JsonBody)
)]
async fn create_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<TokenInput>,
) -> WebResult<Response> {
    Ok(created(
        tokens::create(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}

/// Revoke a token
#[utoipa::path(
    delete,
    path = "/api-tokens/{id}",
    tag = TAG,
    params(("id" = i64, Path)),
    responses((status = NO_CONTENT, description = "Revoked"), Denied, NotFound, NotJson)
)]
async fn revoke_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
) -> WebResult<StatusCode> {
    tokens::revoke(&st.store, &ctx.caller()?, id(&t)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
