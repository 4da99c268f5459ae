//! Logging in and out, and who the caller is.

use super::{BadInput, Conflict, Denied, Forbidden, JsonBody, NotJson, NotLoggedIn};
use crate::AppState;
use crate::auth::{self, Ctx};
use crate::error::{ErrorBody, WebResult};
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use kaiku_app::accounts::{self, AccountOut, PasswordChange};
use kaiku_core::Id;
use kaiku_core::grant::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "session";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(change_password))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    username: String,
    password: String,
}

#[derive(Serialize, ToSchema)]
struct LoggedIn {
    id: Id,
    username: String,
}

/// Log in; sets the session cookie
#[utoipa::path(
    post,
    path = "/login",
    tag = TAG,
    security(()),
    request_body = LoginBody,
    responses(
        (status = OK, description = "Logged in", body = LoggedIn, headers(("Set-Cookie" = String, description = "The session cookie"))),
        BadInput,
        (status = UNAUTHORIZED, description = "Wrong username or password", body = ErrorBody),
        JsonBody,
        (status = TOO_MANY_REQUESTS, description = "Too many failed attempts; see `retry_after_minutes` and `Retry-After`", body = ErrorBody),
    )
)]
async fn login(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<LoginBody>,
) -> WebResult<Response> {
    let done = auth::login(&st, &ctx, &b.username, &b.password).await?;
    let jar = CookieJar::new().add(auth::session_cookie(&st.config, &done.secret));
    Ok((
        jar,
        Json(LoggedIn {
            id: done.account,
            username: done.username,
        }),
    )
        .into_response())
}

/// End the session
#[utoipa::path(
    post,
    path = "/logout",
    tag = TAG,
    responses(
        (status = NO_CONTENT, description = "Done (also when there was no session)", headers(("Set-Cookie" = String, description = "Clears the session cookie"))),
        Forbidden,
        NotJson,
    )
)]
async fn logout(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    auth::logout(&st, &ctx).await?;
    let jar = CookieJar::new().add(auth::ended_session_cookie(&st.config));
    Ok((jar, StatusCode::NO_CONTENT).into_response())
}

/// A person's account, or for an integration its token's name and grants.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
enum Me {
    Account(AccountOut),
    Token(TokenCaller),
}

#[derive(Serialize, ToSchema)]
struct TokenCaller {
    /// The token's name.
    token: String,
    grants: Vec<TokenGrant>,
}

#[derive(Serialize, ToSchema)]
struct TokenGrant {
    role: Role,
    area: Option<Id>,
    venue: Option<Id>,
}

/// The caller: account and grants, or the token's venue
#[utoipa::path(
    get,
    path = "/me",
    tag = TAG,
    responses((status = OK, description = "The caller", body = Me), NotLoggedIn)
)]
async fn me(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<serde_json::Value>> {
    let auth = ctx.auth()?;
    let me = match auth.principal.account {
        Some(id) => Me::Account(accounts::get(&st.store, &ctx.caller()?, id).await?),
        None => Me::Token(TokenCaller {
            token: auth.label.clone(),
            grants: auth
                .principal
                .grants
                .iter()
                .map(|g| TokenGrant {
                    role: g.role(),
                    area: g.area(),
                    venue: g.venue(),
                })
                .collect(),
        }),
    };
    // Through a Value, whose keys come out sorted, as this answer's always have.
    Ok(Json(serde_json::to_value(me).unwrap_or_default()))
}

/// Change one's own password; other sessions end
#[utoipa::path(
    post,
    path = "/me/password",
    tag = TAG,
    request_body = PasswordChange,
    responses(
        (status = NO_CONTENT, description = "Changed"),
        BadInput,
        Denied,
        Conflict,
        JsonBody,
    )
)]
async fn change_password(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<PasswordChange>,
) -> WebResult<StatusCode> {
    accounts::change_own_password(&st.store, &ctx.caller()?, ctx.keep_session(), &b).await?;
    Ok(StatusCode::NO_CONTENT)
}
