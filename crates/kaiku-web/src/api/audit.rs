//! The audit log (R-AUTH-4).

use super::{BadInput, Denied};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use axum::Json;
use axum::extract::{Query, State};
use kaiku_app::audit::{self, EntryOut};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "audit";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_log))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditQuery {
    /// The next page: the `cursor` of the last entry of this one.
    before: Option<String>,
}

/// Audit log, newest first, 100 at a time (R-AUTH-4)
#[utoipa::path(
    get,
    path = "/audit-log",
    tag = TAG,
    params(AuditQuery),
    responses((status = OK, description = "Up to 100 entries", body = Vec<EntryOut>), BadInput, Denied)
)]
async fn audit_log(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> WebResult<Json<Vec<EntryOut>>> {
    Ok(Json(
        audit::list(&st.store, &ctx.caller()?, q.before.as_deref()).await?,
    ))
}
