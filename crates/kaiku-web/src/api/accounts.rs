//! Staff accounts and their roles (R-AUTH-3).

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, NotJson, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use kaiku_app::accounts::{
    self, AccountInput, AccountOut, ActiveInput, GrantInput, LoginFailures, ResetInput,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "accounts";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_accounts, create_account))
        .routes(routes!(get_account))
        .routes(routes!(add_grant))
        .routes(routes!(remove_grant))
        .routes(routes!(reset_password))
        .routes(routes!(set_active))
        .routes(routes!(login_failures, unlock))
}

/// Staff accounts the caller manages
#[utoipa::path(
    get,
    path = "/accounts",
    tag = TAG,
    responses((status = OK, description = "The accounts", body = Vec<AccountOut>), Denied)
)]
async fn list_accounts(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<AccountOut>>> {
    Ok(Json(accounts::list(&st.store, &ctx.caller()?).await?))
}

/// Create a staff account with its grants
#[utoipa::path(
    post,
    path = "/accounts",
    tag = TAG,
    request_body = AccountInput,
    responses((status = CREATED, description = "The new account", body = AccountOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn create_account(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<AccountInput>,
) -> WebResult<Response> {
    Ok(created(
        accounts::create(&st.store, &ctx.caller()?, &b).await?,
    ))
}

/// One staff account
#[utoipa::path(
    get,
    path = "/accounts/{id}",
    tag = TAG,
    params(("id" = i64, Path)),
    responses((status = OK, description = "The account", body = AccountOut), Denied, NotFound)
)]
async fn get_account(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<AccountOut>> {
    Ok(Json(
        accounts::get(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Give an account another role (R-AUTH-3)
#[utoipa::path(
    post,
    path = "/accounts/{id}/grants",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = GrantInput,
    responses((status = CREATED, description = "The account with its new grant", body = AccountOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn add_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<GrantInput>,
) -> WebResult<Response> {
    Ok(created(
        accounts::add_grant(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

/// Take a role away
#[utoipa::path(
    delete,
    path = "/accounts/{id}/grants/{grant}",
    tag = TAG,
    params(("id" = i64, Path), ("grant" = i64, Path)),
    responses((status = OK, description = "The account without the grant", body = AccountOut), Denied, NotFound, Conflict, NotJson)
)]
async fn remove_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((a, g)): Path<(String, String)>,
) -> WebResult<Json<AccountOut>> {
    Ok(Json(
        accounts::remove_grant(&st.store, &ctx.caller()?, id(&a)?, id(&g)?).await?,
    ))
}

/// Set a new password for a member of staff; their sessions end
#[utoipa::path(
    put,
    path = "/accounts/{id}/password",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = ResetInput,
    responses((status = NO_CONTENT, description = "Set"), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn reset_password(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<ResetInput>,
) -> WebResult<StatusCode> {
    accounts::reset_password(&st.store, &ctx.caller()?, id(&a)?, &b).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Failed logins of the account in the last 15 minutes, by address
#[utoipa::path(
    get,
    path = "/accounts/{id}/login-failures",
    tag = TAG,
    params(("id" = i64, Path)),
    responses((status = OK, description = "The failures", body = LoginFailures), Denied, NotFound, Conflict)
)]
async fn login_failures(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<LoginFailures>> {
    Ok(Json(
        accounts::login_failures(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

/// Lift every lock and delay on the account's logins
#[utoipa::path(
    delete,
    path = "/accounts/{id}/login-failures",
    tag = TAG,
    params(("id" = i64, Path)),
    responses((status = NO_CONTENT, description = "Lifted"), Denied, NotFound, Conflict)
)]
async fn unlock(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<StatusCode> {
    accounts::unlock(&st.store, &ctx.caller()?, id(&a)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Close or reopen an account
#[utoipa::path(
    put,
    path = "/accounts/{id}/active",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = ActiveInput,
    responses((status = OK, description = "The account as changed", body = AccountOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn set_active(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<ActiveInput>,
) -> WebResult<Json<AccountOut>> {
    Ok(Json(
        accounts::set_active(&st.store, &ctx.caller()?, id(&a)?, b.active).await?,
    ))
}
