//! Printing card stock as PDF (R-CARD-10): a job per range, its progress,
//! and its file. The coordinators of the series' area only.

use super::{BadInput, Conflict, Denied, JsonBody, NotFound, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use kaiku_app::cards::prints::{self, PrintInput, PrintOut};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "cards";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(start_print, list_prints))
        .routes(routes!(get_print))
        .routes(routes!(print_pdf))
}

/// Where a holder key's flap sends the holder: the service's own address
/// when it is configured.
pub(crate) fn holder_page(st: &AppState, ctx: &Ctx) -> String {
    let path = match ctx.tr.lang() {
        "sv" => "/mitt-kort",
        "en" => "/my-card",
        _ => "/oma-kortti",
    };
    match &st.config.base_url {
        Some(base) => format!("{}{path}", base.trim_end_matches('/')),
        None => path.trim_start_matches('/').to_string(),
    }
}

/// Start printing a range of a series; the PDF comes when the job is done
#[utoipa::path(
    post,
    path = "/card-series/{series}/prints",
    tag = TAG,
    params(("series" = i64, Path)),
    request_body = PrintInput,
    responses((status = ACCEPTED, description = "The job, started", body = PrintOut), BadInput, Denied, NotFound, JsonBody)
)]
async fn start_print(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
    ApiJson(b): ApiJson<PrintInput>,
) -> WebResult<Response> {
    let out = prints::start(
        &st.store,
        &ctx.caller()?,
        id(&s)?,
        &b,
        holder_page(&st, &ctx),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(out)).into_response())
}

/// The latest print jobs of a series
#[utoipa::path(
    get,
    path = "/card-series/{series}/prints",
    tag = TAG,
    params(("series" = i64, Path)),
    responses((status = OK, description = "The jobs, newest first", body = Vec<PrintOut>), Denied, NotFound)
)]
async fn list_prints(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
) -> WebResult<Json<Vec<PrintOut>>> {
    Ok(Json(
        prints::of_series(&st.store, &ctx.caller()?, id(&s)?).await?,
    ))
}

/// A print job and its progress
#[utoipa::path(
    get,
    path = "/prints/{print}",
    tag = TAG,
    params(("print" = i64, Path)),
    responses((status = OK, description = "The job", body = PrintOut), Denied, NotFound)
)]
async fn get_print(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> WebResult<Json<PrintOut>> {
    Ok(Json(prints::get(&st.store, &ctx.caller()?, id(&p)?).await?))
}

/// The printed cards as PDF, once the job is done. A sheet with holder keys
/// is given once: the keys are kept nowhere else
#[utoipa::path(
    get,
    path = "/prints/{print}/pdf",
    tag = TAG,
    params(("print" = i64, Path)),
    responses((status = OK, description = "The PDF", content_type = "application/pdf"), Denied, NotFound, Conflict)
)]
async fn print_pdf(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    method: axum::http::Method,
) -> WebResult<Response> {
    pdf_download(&st, &ctx, &p, &method).await
}

/// A job's PDF as a download, for the API and the job's screen alike.
pub(crate) async fn pdf_download(
    st: &AppState,
    ctx: &Ctx,
    raw: &str,
    method: &axum::http::Method,
) -> WebResult<Response> {
    // A HEAD request (a link checker, a download manager) answers as the
    // download would and uses up no sheet with keys.
    let take = method != axum::http::Method::HEAD;
    let (name, bytes) = prints::pdf(&st.store, &ctx.caller()?, id(raw)?, take).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}
