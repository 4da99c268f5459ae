//! Printing card stock (R-CARD-10) for coordinators: the form, and the
//! job's page with its progress and the PDF when it is done.

use super::refusal_on;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::UiForm;
use crate::ui::forms::{FormPage, id};
use crate::ui::{Field, Page, render, see_other};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::cards::{self, prints};
use kaiku_core::Id;
use serde::Deserialize;

/// The print form as posted: the API's input and, when keys already
/// printed would be replaced, the person's confirmation.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PrintForm {
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    holder_keys: Option<String>,
    #[serde(default)]
    confirm_replace: Option<String>,
    #[serde(default)]
    csrf: Option<String>,
}

fn print_form(
    ctx: &Ctx,
    series: &cards::SeriesOut,
    f: &PrintForm,
    errors: Vec<(String, String)>,
    replacing: Option<i64>,
) -> Response {
    let mut page = Page::new(ctx, "print-title");
    page.title = format!("{} {}–{}", page.title, series.first_code, series.last_code);
    page.errors = errors;
    let default = |v: &Option<String>, n: i64| v.clone().unwrap_or_else(|| n.to_string());
    let mut fields = vec![
        Field::text(&page, "first", default(&f.first, series.first))
            .required()
            .numeric(),
        Field::text(&page, "last", default(&f.last, series.last))
            .required()
            .numeric(),
        Field::checkbox(&page, "holder_keys", f.holder_keys.is_some()),
    ];
    if replacing.is_some() {
        fields.push(Field::checkbox(&page, "confirm_replace", false).required());
    }
    let intro = match replacing {
        Some(n) => page.t1("print-replace-warning", "count", n),
        None => page.t1("print-intro", "max", prints::PRINT_MAX),
    };
    FormPage {
        page: &page,
        intro: Some(intro),
        fields,
        action: format!("/series/{}/print", series.id),
        submit: page.t("action-print-start"),
        editable: true,
        back: (format!("/series/{}", series.id), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

pub(super) async fn form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let detail = cards::get_series(&st.store, &ctx.caller()?, id(&raw)?).await?;
    Ok(print_form(
        &ctx,
        &detail.series,
        &PrintForm::default(),
        vec![],
        None,
    ))
}

pub(super) async fn start(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<PrintForm>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let series = id(&raw)?;
    let detail = cards::get_series(&st.store, &ctx.caller()?, series).await?;
    let number = |field: &'static str, v: &Option<String>| -> Result<i64, (String, String)> {
        let raw = v.as_deref().unwrap_or("").trim();
        if raw.is_empty() {
            return Err((field.to_string(), ctx.tr.t("error-required")));
        }
        raw.parse::<i64>()
            .map_err(|_| (field.to_string(), ctx.tr.t("error-print_number")))
    };
    let (first, last) = match (number("first", &f.first), number("last", &f.last)) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let errors = [a.err(), b.err()].into_iter().flatten().collect();
            return Ok(print_form(&ctx, &detail.series, &f, errors, None));
        }
    };
    let keys = f.holder_keys.is_some();
    // New keys make the ones printed before stop working: said before it
    // is done, and done only when the person confirms.
    if keys && f.confirm_replace.is_none() && first <= last {
        let n = prints::keyed(&st.store, &ctx.caller()?, series, first, last).await?;
        if n > 0 {
            return Ok(print_form(&ctx, &detail.series, &f, vec![], Some(n)));
        }
    }
    let input = prints::PrintInput {
        first: Some(first),
        last: Some(last),
        holder_keys: keys,
        csrf: None,
    };
    let holder_page = crate::api::holder_page(&st, &ctx);
    match prints::start(&st.store, &ctx.caller()?, series, &input, holder_page).await {
        Ok(job) => Ok(see_other(&format!("/prints/{}", job.id))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "first")?;
            Ok(print_form(&ctx, &detail.series, &f, errors, None))
        }
    }
}

#[derive(Template)]
#[template(path = "print.html")]
struct PrintPage<'a> {
    page: &'a Page,
    job: prints::PrintOut,
}

impl PrintPage<'_> {
    fn status(&self) -> String {
        self.page.t(&format!("print-status-{}", self.job.status))
    }
}

pub(super) async fn job(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let job = prints::get(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let mut page = Page::new(&ctx, "print-job-title");
    page.title = format!("{} {}–{}", page.title, job.first_code, job.last_code);
    Ok(render(&PrintPage { page: &page, job }))
}

pub(super) async fn pdf(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    method: axum::http::Method,
) -> WebResult<Response> {
    crate::api::pdf_download(&st, &ctx, &raw, &method).await
}

/// The latest jobs of a series, for its page.
pub(super) async fn of_series(
    st: &AppState,
    ctx: &Ctx,
    series: Id,
) -> WebResult<Vec<prints::PrintOut>> {
    Ok(prints::of_series(&st.store, &ctx.caller()?, series).await?)
}
