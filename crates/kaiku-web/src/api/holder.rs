//! The holder's own page as JSON (R-HOLD-1, R-HOLD-2): no account, the
//! card's code and the key printed on it.

use super::{BadInput, JsonBody};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::State;
use kaiku_app::holder::{self, HolderInput, HolderOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "holder";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(open))
}

/// A card as its holder sees it: validity, uses, what is stored
#[utoipa::path(
    post,
    path = "/holder",
    tag = TAG,
    security(()),
    request_body = HolderInput,
    responses(
        (status = OK, description = "The card", body = HolderOut),
        BadInput,
        (status = 422, description = "No card with this code and key (the same answer for an unknown code, a card without a key and a wrong key)", body = crate::error::ErrorBody),
        (status = 429, description = "Too many wrong keys for this code or from this address: locked for up to an hour", body = crate::error::ErrorBody),
        JsonBody
    )
)]
async fn open(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<HolderInput>,
) -> WebResult<Json<HolderOut>> {
    Ok(Json(
        holder::open(&st.store, &ctx.address, &b, ctx.tr.0).await?,
    ))
}
