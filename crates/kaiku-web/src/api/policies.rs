//! The national cap table, in versions that take effect on their date.

use super::{BadInput, Conflict, Denied, JsonBody, created};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use kaiku_app::items::{self, PolicyInput, PolicyOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "policies";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_policies, create_policy))
}

/// Versions of the national cap table
#[utoipa::path(
    get,
    path = "/cap-policies",
    tag = TAG,
    responses((status = OK, description = "The versions", body = Vec<PolicyOut>), Denied)
)]
async fn list_policies(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<PolicyOut>>> {
    Ok(Json(items::policies(&st.store, &ctx.caller()?).await?))
}

/// A new version of the cap table from its date on (national admin)
#[utoipa::path(
    post,
    path = "/cap-policies",
    tag = TAG,
    request_body = PolicyInput,
    responses((status = CREATED, description = "The new version", body = PolicyOut), BadInput, Denied, Conflict, JsonBody)
)]
async fn create_policy(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<PolicyInput>,
) -> WebResult<Response> {
    Ok(created(
        items::create_policy(&st.store, &ctx.caller()?, &b).await?,
    ))
}
