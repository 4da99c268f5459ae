//! The area statistics screen (R-REP-3, R-REP-5, R-REP-6): tables with
//! charts beside them, and the downloads of the same numbers.

use super::charts::{Bar, bars};
use super::org::id;
use super::{Field, Page};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::service::stats::{self, StatsOut, StatsQuery};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new().route("/areas/{id}/statistics", get(area))
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatsPage<'a> {
    page: &'a Page,
    area_id: kaiku_core::Id,
    fields: Vec<Field>,
    s: Option<StatsOut>,
    month_chart: String,
    category_chart: String,
    query: String,
}

impl StatsPage<'_> {
    fn cell(&self, v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        }
    }
}

async fn area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<StatsQuery>,
) -> AppResult<Response> {
    let area = id(&raw)?;
    let mut page = Page::new(&ctx, "stats-title");
    let s = match stats::period(&q) {
        Ok(p) => Some(stats::area(&st, &ctx, area, p).await?),
        Err(AppError::Invalid(errs)) => {
            page.errors = errs
                .iter()
                .map(|e| (e.field.to_string(), e.message(&ctx.tr)))
                .collect();
            None
        }
        Err(e) => return Err(e),
    };
    let tr = ctx.tr;
    let series = vec![tr.t("report-col-adults"), tr.t("report-col-children")];
    let (mut month_chart, mut category_chart, mut query) =
        (String::new(), String::new(), String::new());
    if let Some(s) = &s {
        page.title = format!("{} – {}", page.title, s.area_name);
        let to_bars = |lines: &[stats::TicketLine]| -> Vec<Bar> {
            lines
                .iter()
                .map(|l| Bar {
                    label: l.label.clone(),
                    values: vec![l.adults, l.children],
                })
                .collect()
        };
        month_chart = bars(
            "month",
            &tr.t("stats-by_month"),
            &tr.t("stats-chart-desc"),
            &series,
            &to_bars(&s.by_month),
        );
        category_chart = bars(
            "category",
            &tr.t("stats-by_category"),
            &tr.t("stats-chart-desc"),
            &series,
            &to_bars(&s.by_category),
        );
        query = format!("from={}&to={}", s.from, s.to);
    }
    let year = q.year.clone().unwrap_or_else(|| {
        s.as_ref()
            .map(|s| chrono::Datelike::year(&s.from).to_string())
            .unwrap_or_default()
    });
    let fields = vec![Field::text(&page, "year", year).numeric()];
    let t = StatsPage {
        page: &page,
        area_id: area,
        fields,
        s,
        month_chart,
        category_chart,
        query,
    };
    Ok(super::respond(&page, &t))
}
