//! Anonymising cards whose validity ended long ago (R-PRIV-3).

use super::{BadInput, Denied, JsonBody};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use kaiku_app::privacy::{self, AnonymiseInput, AnonymiseOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "privacy";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(anonymise))
}

/// Anonymise cards expired before a date, or count them with `dry_run` (R-PRIV-3, national admin)
///
/// Codes are replaced, the birth year becomes an age group and the postal
/// code an area.
#[utoipa::path(
    post,
    path = "/anonymisations",
    tag = TAG,
    request_body = AnonymiseInput,
    responses((status = OK, description = "What was anonymised, or with dry_run would be", body = AnonymiseOut), BadInput, Denied, JsonBody)
)]
async fn anonymise(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<AnonymiseInput>,
) -> WebResult<Json<AnonymiseOut>> {
    Ok(Json(
        privacy::anonymise(&st.store, &ctx.caller()?, &b).await?,
    ))
}
