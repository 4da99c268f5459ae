//! The area statistics screen (R-REP-3, R-REP-5, R-REP-6): tables with
//! charts beside them, and the downloads of the same numbers.

use super::charts::{Bar, bars};
use super::forms::id;
use super::{Field, Page};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::stats::{self, StatsOut, StatsQuery};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas/{id}/statistics", get(area))
        .route("/areas/{id}/statistics/submit", post(submit))
        .route("/statistics", get(national))
        .route("/anonymise", get(anonymise_form).post(anonymise))
}

/// The two charts of a statistics page: tickets by month and by category.
fn charts(tr: &crate::i18n::Tr, s: &StatsOut) -> (String, String) {
    let series = vec![tr.t("report-col-adults"), tr.t("report-col-children")];
    let to_bars = |lines: &[stats::TicketLine]| -> Vec<Bar> {
        lines
            .iter()
            .map(|l| Bar {
                label: l.label.clone(),
                values: vec![l.adults, l.children],
            })
            .collect()
    };
    (
        bars(
            "month",
            &tr.t("stats-by_month"),
            &tr.t("stats-chart-desc"),
            &series,
            &to_bars(&s.by_month),
        ),
        bars(
            "category",
            &tr.t("stats-by_category"),
            &tr.t("stats-chart-desc"),
            &series,
            &to_bars(&s.by_category),
        ),
    )
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
    /// The coordinator may submit a calendar year to the national service.
    can_submit: bool,
    year: String,
}

async fn area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<StatsQuery>,
) -> WebResult<Response> {
    let area = id(&raw)?;
    let mut page = Page::new(&ctx, "stats-title");
    let asked = stats::period(&q).and_then(|p| Ok((p, stats::version(&q)?)));
    let s = match asked {
        Ok((p, version)) => match stats::area(&st.store, &ctx.caller()?, area, p, version).await {
            Ok(s) => Some(s),
            Err(e) => {
                page.errors = super::form_errors(&ctx.tr, e, "")?;
                None
            }
        },
        Err(e) => {
            page.errors = super::form_errors(&ctx.tr, e, "")?;
            None
        }
    };
    let (mut month_chart, mut category_chart, mut query) =
        (String::new(), String::new(), String::new());
    if let Some(s) = &s {
        page.title = format!("{} – {}", page.title, s.area_name);
        (month_chart, category_chart) = charts(&ctx.tr, s);
        query = format!("from={}&to={}", s.from, s.to);
    }
    let whole_year = s.as_ref().is_some_and(|s| {
        use chrono::Datelike;
        s.from.ordinal() == 1
            && s.to.month() == 12
            && s.to.day() == 31
            && s.from.year() == s.to.year()
    });
    // A year is submitted once it is over (R-REP-5).
    let over = s.as_ref().is_some_and(|s| s.to < kaiku_app::today());
    let can_submit = whole_year && over && ctx.principal()?.coordinates(area);
    if let Some(n) = q.submitted.as_deref() {
        page.notice = Some(ctx.tr.t1("stats-submitted-notice", "version", n));
    }
    let year = q.year.clone().unwrap_or_else(|| {
        s.as_ref()
            .map(|s| chrono::Datelike::year(&s.from).to_string())
            .unwrap_or_default()
    });
    let fields = vec![Field::text(&page, "year", &year).numeric()];
    let t = StatsPage {
        page: &page,
        area_id: area,
        fields,
        s,
        month_chart,
        category_chart,
        query,
        can_submit,
        year,
    };
    Ok(super::respond(&page, &t))
}

async fn submit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<stats::SubmitYear>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    let done = stats::submit_year(&st.store, &ctx.caller()?, area, &f).await?;
    Ok(super::see_other(&format!(
        "/areas/{area}/statistics?year={}&submitted={}",
        done.year, done.version
    )))
}

#[derive(Template)]
#[template(path = "national.html")]
struct NationalPage<'a> {
    page: &'a Page,
    fields: Vec<Field>,
    national: Option<stats::NationalOut>,
    missing: String,
    month_chart: String,
    category_chart: String,
}

#[derive(serde::Deserialize, Default)]
struct NationalQ {
    year: Option<String>,
}

/// R-REP-4 for the national service: every area's submitted year, and the
/// whole country.
async fn national(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationalQ>,
) -> WebResult<Response> {
    let mut page = Page::new(&ctx, "stats-national-title");
    // The latest year that can have been submitted, unless another is asked.
    let last_year = {
        use chrono::Datelike;
        (kaiku_app::today().year() - 1).to_string()
    };
    let query = StatsQuery {
        year: Some(
            q.year
                .clone()
                .filter(|y| !y.trim().is_empty())
                .unwrap_or(last_year),
        ),
        ..Default::default()
    };
    let national = match stats::period(&query) {
        Ok(p) => {
            use chrono::Datelike;
            Some(stats::national(&st.store, &ctx.caller()?, p.from.year()).await?)
        }
        Err(e) => {
            page.errors = super::form_errors(&ctx.tr, e, "")?;
            None
        }
    };
    let (month_chart, category_chart) = national
        .as_ref()
        .and_then(|n| n.total.as_ref())
        .map(|t| charts(&ctx.tr, t))
        .unwrap_or_default();
    let missing = national
        .as_ref()
        .map(|n| {
            ctx.tr
                .t1("stats-national-missing", "areas", n.missing.join(", "))
        })
        .unwrap_or_default();
    let year = national
        .as_ref()
        .map(|n| n.year.to_string())
        .unwrap_or_else(|| q.year.clone().unwrap_or_default());
    let fields = vec![Field::text(&page, "year", year).numeric()];
    let t = NationalPage {
        page: &page,
        fields,
        national,
        missing,
        month_chart,
        category_chart,
    };
    Ok(super::respond(&page, &t))
}

#[derive(Template)]
#[template(path = "anonymise.html")]
struct AnonymisePage<'a> {
    page: &'a Page,
    fields: Vec<Field>,
    counted: Option<kaiku_app::privacy::AnonymiseOut>,
}

#[derive(serde::Deserialize, Default)]
struct AnonymiseQ {
    expired_before: Option<String>,
    done: Option<String>,
}

/// R-PRIV-3 for the national admin: a date, the count of what would change,
/// then the change itself.
async fn anonymise_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AnonymiseQ>,
) -> WebResult<Response> {
    if kaiku_core::policy::national(ctx.principal()?).is_none() {
        return Err(AppError::Forbidden.into());
    }
    let mut page = Page::new(&ctx, "anonymise-title")
        .with_notice(q.done.map(|n| ctx.tr.t1("anonymise-done", "cards", n)));
    let raw = q.expired_before.clone().unwrap_or_default();
    let counted = if raw.is_empty() {
        None
    } else {
        let i = kaiku_app::privacy::AnonymiseInput {
            expired_before: raw.clone(),
            dry_run: true,
            csrf: None,
        };
        match kaiku_app::privacy::anonymise(&st.store, &ctx.caller()?, &i).await {
            Ok(c) => Some(c),
            Err(AppError::Invalid(errs)) => {
                page.errors = errs
                    .iter()
                    .map(|e| (e.field.to_string(), e.message(&ctx.tr)))
                    .collect();
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    let fields = vec![Field::kind(&page, "expired_before", "date", &raw).required()];
    Ok(super::respond(
        &page,
        &AnonymisePage {
            page: &page,
            fields,
            counted,
        },
    ))
}

async fn anonymise(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<kaiku_app::privacy::AnonymiseInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let i = kaiku_app::privacy::AnonymiseInput {
        dry_run: false,
        ..f
    };
    let done = kaiku_app::privacy::anonymise(&st.store, &ctx.caller()?, &i).await?;
    Ok(super::see_other(&format!(
        "/anonymise?done={}",
        done.cards.unwrap_or_default()
    )))
}

/// A well-being question's answers as a chart (R-WELL-1), the same numbers
/// in the table beside it.
pub fn wellbeing_chart(page: &Page, w: &kaiku_app::stats::WellbeingOut) -> String {
    let bars_of: Vec<Bar> = w
        .answers
        .iter()
        .map(|l| Bar {
            label: l.label.clone(),
            values: vec![l.count.count().unwrap_or(0)],
        })
        .collect();
    bars(
        &format!("wellbeing-{}", w.question),
        &w.text,
        &page.t("glance-chart-desc"),
        &[page.t("wellbeing-grants")],
        &bars_of,
    )
}

/// How the answers moved from a card's earlier answer to its renewal.
pub fn wellbeing_change(page: &Page, w: &kaiku_app::stats::WellbeingOut) -> String {
    page.tr.t_args(
        "wellbeing-stats-change",
        &[
            ("compared", w.compared.to_string()),
            ("higher", w.higher.to_string()),
            ("same", w.same.to_string()),
            ("lower", w.lower.to_string()),
        ],
    )
}
