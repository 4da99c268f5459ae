//! The caller's first page as JSON (R-REP-7): for each of their places
//! what it needs today.

use super::Denied;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use axum::Json;
use axum::extract::State;
use kaiku_app::glance::{self, Glance};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "session";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(first_page))
}

/// What the caller's first page shows: each point's stock, each venue's
/// day, each area's reports, stock and month, the country's year
#[utoipa::path(
    get,
    path = "/first-page",
    tag = TAG,
    responses((status = OK, description = "The figures, by place", body = Glance), Denied)
)]
async fn first_page(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Glance>> {
    Ok(Json(glance::glance(&st.store, &ctx.caller()?).await?))
}
