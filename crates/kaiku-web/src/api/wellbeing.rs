//! The national well-being questions (R-WELL-1).

use super::{BadInput, Denied, Forbidden, JsonBody, NotFound, created, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::wellbeing::{self, QuestionInput, QuestionOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "background";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_questions, create_question))
        .routes(routes!(update_question))
}

/// The well-being questions, each with its scale and effective dates
#[utoipa::path(
    get,
    path = "/wellbeing-questions",
    tag = TAG,
    responses((status = OK, description = "Every question", body = Vec<QuestionOut>), Denied)
)]
async fn list_questions(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<QuestionOut>>> {
    Ok(Json(wellbeing::list(&st.store, &ctx.caller()?).await?))
}

/// Add a well-being question (national admin)
#[utoipa::path(
    post,
    path = "/wellbeing-questions",
    tag = TAG,
    request_body = QuestionInput,
    responses((status = CREATED, description = "The question", body = QuestionOut), BadInput, Denied, Forbidden, JsonBody)
)]
async fn create_question(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<QuestionInput>,
) -> WebResult<Response> {
    Ok(created(
        wellbeing::create(&st.store, &ctx.caller()?, &b).await?,
    ))
}

/// Reword a question or change its dates; its scale stays (national admin)
#[utoipa::path(
    put,
    path = "/wellbeing-questions/{question}",
    tag = TAG,
    params(("question" = i64, Path)),
    request_body = QuestionInput,
    responses((status = OK, description = "The question", body = QuestionOut), BadInput, Denied, NotFound, JsonBody)
)]
async fn update_question(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(q): Path<String>,
    ApiJson(b): ApiJson<QuestionInput>,
) -> WebResult<Json<QuestionOut>> {
    Ok(Json(
        wellbeing::update(&st.store, &ctx.caller()?, id(&q)?, &b).await?,
    ))
}
