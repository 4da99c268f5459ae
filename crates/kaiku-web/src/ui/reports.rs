//! The venue usage report on screen (R-REP-1), with its CSV and XLSX
//! downloads for the period shown.

use super::org::id;
use super::{Field, Page};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::service::reports::{self, PeriodQuery, UsageReport};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kaiku_core::report::Period;

pub fn routes() -> Router<AppState> {
    Router::new().route("/venues/{id}/report", get(usage))
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
}

impl UsagePage<'_> {
    fn date(&self, d: &chrono::NaiveDate) -> String {
        crate::dates::fi_date(*d)
    }
}

fn query_of(p: &Period) -> String {
    format!("from={}&to={}", p.from, p.to)
}

async fn usage(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let venue = id(&raw)?;
    let mut page = Page::new(&ctx, "report-title");
    let (report, query) = match reports::period(&q) {
        Ok(p) => (
            Some(reports::usage_report(&st, &ctx, venue, p, "screen").await?),
            query_of(&p),
        ),
        Err(AppError::Invalid(errs)) => {
            page.errors = errs
                .iter()
                .map(|e| (e.field.to_string(), e.message(&ctx.tr)))
                .collect();
            (None, String::new())
        }
        Err(e) => return Err(e),
    };
    if let Some(r) = &report {
        page.title = format!("{} – {}", page.title, r.venue_name);
    }
    let this = Period::month_of(crate::service::today());
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
    };
    Ok(super::respond(&page, &t))
}
