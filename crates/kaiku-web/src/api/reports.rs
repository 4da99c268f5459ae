//! Venues' usage reports and their submission to the coordinator (R-REP-1,
//! R-REP-2).

use super::{BadInput, Denied, JsonBody, NotFound, created, file, id};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::ApiJson;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kaiku_app::reports::{self, PeriodQuery, SubmissionOut, SubmitInput, UsageReport, VenueStatus};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "reports";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(usage_report))
        .routes(routes!(list_submissions, submit_report))
        .routes(routes!(area_submissions))
}

/// The venue's uses in a period (R-REP-1)
///
/// As JSON, or a file to download.
#[utoipa::path(
    get,
    path = "/venues/{venue}/usage-report",
    tag = TAG,
    params(("venue" = i64, Path), PeriodQuery),
    responses(
        (status = OK, description = "The report", content(
            (UsageReport = "application/json"),
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        BadInput,
        Denied,
        NotFound,
    )
)]
async fn usage_report(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> WebResult<Response> {
    let period = reports::period(&q)?;
    let how = reports::format_of(&q)?;
    let r = reports::usage_report(&st.store, &ctx.caller()?, id(&v)?, period, how).await?;
    if how == "json" {
        return Ok(Json(r).into_response());
    }
    let table = reports::usage_table(&r, &ctx.tr);
    file(&table, how, &reports::file_name(&r, how))
}

/// Submit the period's report to the coordinator (R-REP-2)
///
/// The rows are frozen as they are now; submitting again makes a new version
/// that shows what changed.
#[utoipa::path(
    post,
    path = "/venues/{venue}/usage-report/submissions",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body = SubmitInput,
    responses((status = CREATED, description = "The version submitted", body = SubmissionOut), BadInput, Denied, NotFound, JsonBody)
)]
async fn submit_report(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<SubmitInput>,
) -> WebResult<Response> {
    Ok(created(
        reports::submit(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}

/// The versions submitted for a period, newest first
#[utoipa::path(
    get,
    path = "/venues/{venue}/usage-report/submissions",
    tag = TAG,
    params(
        ("venue" = i64, Path),
        ("from" = Option<NaiveDate>, Query, description = "The period's first day; this month's if not given"),
        ("to" = Option<NaiveDate>, Query, description = "The period's last day; this month's if not given"),
    ),
    responses((status = OK, description = "The versions", body = Vec<SubmissionOut>), BadInput, Denied, NotFound)
)]
async fn list_submissions(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> WebResult<Json<Vec<SubmissionOut>>> {
    let period = reports::period(&q)?;
    Ok(Json(
        reports::submitted(&st.store, &ctx.caller()?, id(&v)?, period).await?,
    ))
}

/// Per active venue of the area, its latest submission of the period or its contact person (R-REP-2)
///
/// As JSON, or a sheet to download.
#[utoipa::path(
    get,
    path = "/areas/{area}/report-submissions",
    tag = TAG,
    params(("area" = i64, Path), PeriodQuery),
    responses(
        (status = OK, description = "Every active venue of the area", content(
            (Vec<VenueStatus> = "application/json"),
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        BadInput,
        Denied,
        NotFound,
    )
)]
async fn area_submissions(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> WebResult<Response> {
    let period = reports::period(&q)?;
    let how = reports::format_of(&q)?;
    let area = id(&a)?;
    let rows = reports::area_status(&st.store, &ctx.caller()?, area, period).await?;
    if how == "json" {
        return Ok(Json(rows).into_response());
    }
    let table = reports::status_table(&rows, period, &ctx.tr);
    let name = format!(
        "kaikukortti-reports-{area}-{}-{}.{how}",
        period.from, period.to
    );
    file(&table, how, &name)
}
