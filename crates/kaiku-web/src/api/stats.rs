//! Statistics of an area and of the whole country (R-REP-3, R-REP-4).

use super::{BadInput, Denied, JsonBody, NotFound, created, file, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kaiku_app::reports;
use kaiku_app::stats::{self, NationalOut, StatsOut, StatsQuery, SubmitYear, SubmittedOut};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "stats";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(area_statistics))
        .routes(routes!(submit_statistics))
        .routes(routes!(national_statistics))
}

/// The area's statistics for a year or a period (R-REP-3)
///
/// As JSON, or a file to download. The area's coordinator sees every count
/// for any period; outside the area only whole calendar years as submitted,
/// counts 1–4 shown as "<5" and partners as "x" (R-REP-5).
#[utoipa::path(
    get,
    path = "/areas/{area}/statistics",
    tag = TAG,
    params(("area" = i64, Path), StatsQuery),
    responses(
        (status = OK, description = "The statistics", content(
            (StatsOut = "application/json"),
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        BadInput,
        Denied,
        NotFound,
    )
)]
async fn area_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<StatsQuery>,
) -> WebResult<Response> {
    let period = stats::period(&q)?;
    let format = q.format.clone().unwrap_or_else(|| "json".into());
    if !["json", "csv", "xlsx"].contains(&format.as_str()) {
        return Err(reports::unknown_format().into());
    }
    let version = stats::version(&q)?;
    let s = stats::area(&st.store, &ctx.caller()?, id(&a)?, period, version).await?;
    if format == "json" {
        return Ok(Json(s).into_response());
    }
    let table = stats::table(&s, &ctx.tr);
    let name = format!("kaikukortti-area-{}-{}-{}.{format}", s.area, s.from, s.to);
    file(&table, &format, &name)
}

/// The coordinator submits the area's statistics of a year to the national service (R-REP-3)
///
/// The full figures are kept as they are now.
#[utoipa::path(
    post,
    path = "/areas/{area}/statistics/submissions",
    tag = TAG,
    params(("area" = i64, Path)),
    request_body = SubmitYear,
    responses((status = CREATED, description = "The submission", body = SubmittedOut), BadInput, Denied, NotFound, JsonBody)
)]
async fn submit_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<SubmitYear>,
) -> WebResult<Response> {
    Ok(created(
        stats::submit_year(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct NationalQuery {
    /// This year if not given.
    #[param(value_type = Option<i32>)]
    year: Option<String>,
    /// Only `submitted` (the default): what the areas submitted. Live figures
    /// are for an area's own coordinator, on the area's statistics.
    source: Option<String>,
}

/// A year over all areas and per area, as submitted, small counts protected (R-REP-4, R-REP-5, national admin)
#[utoipa::path(
    get,
    path = "/statistics",
    tag = TAG,
    params(NationalQuery),
    responses((status = OK, description = "The year's statistics", body = NationalOut), BadInput, Denied)
)]
async fn national_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationalQuery>,
) -> WebResult<Json<NationalOut>> {
    let period = stats::period(&stats::StatsQuery {
        year: q.year,
        ..Default::default()
    })?;
    match q.source.as_deref().unwrap_or("submitted") {
        "submitted" => {}
        "live" => return Err(stats::live_inside_area_only().into()),
        _ => {
            return Err(
                AppError::field("source", kaiku_core::input::InputError::InvalidChoice).into(),
            );
        }
    }
    use chrono::Datelike;
    Ok(Json(
        stats::national(&st.store, &ctx.caller()?, period.from.year()).await?,
    ))
}
