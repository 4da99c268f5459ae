//! The venue usage report on screen (R-REP-1), with its CSV and XLSX
//! downloads for the period shown.

use super::forms::id;
use super::{Field, Page};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::reports::{self, PeriodQuery, UsageReport};
use kaiku_app::reports::{SubmissionOut, SubmitInput, VenueStatus};
use kaiku_core::report::Period;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/venues/{id}/report", get(usage))
        .route("/venues/{id}/report/submit", post(submit))
        .route("/areas/{id}/reports", get(area_reports))
}

#[derive(Template)]
#[template(path = "usage_report.html")]
struct UsagePage<'a> {
    page: &'a Page,
    venue_id: kaiku_core::Id,
    fields: Vec<Field>,
    report: Option<UsageReport>,
    /// (label, query) of the quick choices and of the downloads.
    months: Vec<(String, String)>,
    query: String,
    submitted: Vec<SubmissionOut>,
}

impl UsagePage<'_> {
    fn date(&self, d: &chrono::NaiveDate) -> String {
        crate::dates::fi_date(*d)
    }

    fn time(&self, t: &chrono::NaiveDateTime) -> String {
        crate::dates::local_time(*t)
    }
}

#[derive(serde::Deserialize, Default)]
struct Shown {
    submitted: Option<String>,
}

fn query_of(p: &Period) -> String {
    format!("from={}&to={}", p.from, p.to)
}

async fn usage(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<PeriodQuery>,
    Query(shown): Query<Shown>,
) -> WebResult<Response> {
    let venue = id(&raw)?;
    let mut page = Page::new(&ctx, "report-title")
        .with_notice(shown.submitted.map(|_| ctx.tr.t("report-submitted-notice")));
    let mut submitted = vec![];
    let (report, query) = match reports::period(&q) {
        Ok(p) => {
            submitted = reports::submitted(&st.store, &ctx.caller()?, venue, p).await?;
            (
                Some(reports::usage_report(&st.store, &ctx.caller()?, venue, p, "screen").await?),
                query_of(&p),
            )
        }
        Err(e) => {
            page.errors = super::form_errors(&ctx.tr, e, "")?;
            (None, String::new())
        }
    };
    if let Some(r) = &report {
        page.title = format!("{} – {}", page.title, r.venue_name);
    }
    let this = Period::month_of(kaiku_app::today());
    let months = vec![
        (ctx.tr.t("report-this-month"), query_of(&this)),
        (
            ctx.tr.t("report-previous-month"),
            query_of(&this.previous_month()),
        ),
    ];
    let shown = report
        .as_ref()
        .map(|r| (r.from.to_string(), r.to.to_string()));
    let (from, to) = shown.unwrap_or_else(|| {
        (
            q.from.clone().unwrap_or_default(),
            q.to.clone().unwrap_or_default(),
        )
    });
    let fields = vec![
        Field::kind(&page, "from", "date", from).required(),
        Field::kind(&page, "to", "date", to).required(),
    ];
    let t = UsagePage {
        page: &page,
        venue_id: venue,
        fields,
        report,
        months,
        query,
        submitted,
    };
    Ok(super::respond(&page, &t))
}

async fn submit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<SubmitInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let venue = id(&raw)?;
    let s = reports::submit(&st.store, &ctx.caller()?, venue, &f).await?;
    Ok(super::see_other(&format!(
        "/venues/{venue}/report?from={}&to={}&submitted={}",
        s.from, s.to, s.version
    )))
}

#[derive(Template)]
#[template(path = "area_reports.html")]
struct AreaPage<'a> {
    page: &'a Page,
    area_id: kaiku_core::Id,
    fields: Vec<Field>,
    venues: Vec<VenueStatus>,
    months: Vec<(String, String)>,
}

impl AreaPage<'_> {
    fn time(&self, t: &chrono::NaiveDateTime) -> String {
        crate::dates::local_time(*t)
    }
}

/// R-REP-2 for the coordinator: which venues have submitted a period (the
/// previous month unless another is asked for), and whom to ask otherwise.
async fn area_reports(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> WebResult<Response> {
    let area = kaiku_app::org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let this = Period::month_of(kaiku_app::today());
    let mut page = Page::new(&ctx, "area-reports-title");
    page.title = format!("{} – {}", page.title, area.name);
    let period = if q.from.is_none() && q.to.is_none() {
        Ok(this.previous_month())
    } else {
        reports::period(&q)
    };
    let (venues, shown) = match period {
        Ok(p) => (
            reports::area_status(&st.store, &ctx.caller()?, area.id, p).await?,
            Some(p),
        ),
        Err(e) => {
            page.errors = super::form_errors(&ctx.tr, e, "")?;
            (vec![], None)
        }
    };
    let (from, to) = shown
        .map(|p| (p.from.to_string(), p.to.to_string()))
        .unwrap_or_else(|| {
            (
                q.from.clone().unwrap_or_default(),
                q.to.clone().unwrap_or_default(),
            )
        });
    let fields = vec![
        Field::kind(&page, "from", "date", from).required(),
        Field::kind(&page, "to", "date", to).required(),
    ];
    let months = vec![
        (
            ctx.tr.t("report-previous-month"),
            query_of(&this.previous_month()),
        ),
        (ctx.tr.t("report-this-month"), query_of(&this)),
    ];
    let t = AreaPage {
        page: &page,
        area_id: area.id,
        fields,
        venues,
        months,
    };
    Ok(super::respond(&page, &t))
}
