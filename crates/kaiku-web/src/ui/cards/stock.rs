//! Printed stock for coordinators: an area's series with their counts, a
//! new series, and allocating a range of it to a distribution point.

use super::{CodeQ, date, refusal_on};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::{FormPage, id};
use crate::ui::forms::{Opt, choices};
use crate::ui::{Field, Page, render, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::cards::{self, AllocationInput, CardOut, SeriesDetail, SeriesInput, SeriesOut};
use kaiku_app::org;
use kaiku_core::Id;
use kaiku_core::code::Check;
use kaiku_core::policy;

#[derive(Template)]
#[template(path = "cards_area.html")]
struct AreaCards<'a> {
    page: &'a Page,
    area: org::AreaOut,
    series: Vec<SeriesOut>,
    cards: Vec<CardOut>,
    code: String,
}

impl AreaCards<'_> {
    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }
}

pub(super) async fn area_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let series = cards::list_series(&st.store, &ctx.caller()?, area.id).await?;
    let (list, code, errors) = if ctx.principal()?.coordinates(area.id) {
        let listed = cards::list(
            &st.store,
            &ctx.caller()?,
            None,
            Some(area.id),
            q.code.as_deref(),
        )
        .await;
        super::filtered(&ctx, listed, q.code.clone())?
    } else {
        (vec![], String::new(), vec![])
    };
    let mut page =
        Page::new(&ctx, "cards-stock-title").with_notice(q.saved.map(|_| ctx.tr.t("notice-saved")));
    page.title = format!("{} – {}", page.title, area.name);
    page.errors = errors;
    Ok(render(&AreaCards {
        page: &page,
        area,
        series,
        cards: list,
        code,
    }))
}

fn series_form(ctx: &Ctx, area: Id, i: &SeriesInput, errors: Vec<(String, String)>) -> Response {
    let mut page = Page::new(ctx, "series-new-title");
    page.errors = errors;
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let checks = Check::ALL.iter().map(|c| c.as_ref());
    let selected = [i.check.clone().unwrap_or_else(|| "none".into())];
    let fields = vec![
        Field::text(&page, "prefix", i.prefix.clone().unwrap_or_default()),
        Field::text(&page, "first", num(i.first))
            .required()
            .numeric(),
        Field::text(&page, "last", num(i.last)).required().numeric(),
        Field::text(
            &page,
            "width",
            i.width.map(|w| w.to_string()).unwrap_or_default(),
        )
        .numeric(),
        Field::select(&page, "check", choices(&page, "check", checks, &selected)),
    ];
    FormPage {
        page: &page,
        intro: Some(page.t("series-new-intro")),
        fields,
        action: format!("/areas/{area}/series"),
        submit: page.t("action-create-series"),
        editable: true,
        back: (format!("/areas/{area}/cards"), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

pub(super) async fn new_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::manage_area(ctx.principal()?, area.id).ok_or(AppError::Forbidden)?;
    Ok(series_form(&ctx, area.id, &SeriesInput::default(), vec![]))
}

pub(super) async fn create_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<SeriesInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    match cards::create_series(&st.store, &ctx.caller()?, area, &f).await {
        Ok(s) => Ok(see_other(&format!("/series/{}?saved=1", s.id))),
        Err(e) => Ok(series_form(&ctx, area, &f, refusal_on(&ctx, e, "first")?)),
    }
}

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesPage<'a> {
    page: &'a Page,
    detail: SeriesDetail,
    fields: Vec<Field>,
    prints: Vec<kaiku_app::cards::prints::PrintOut>,
}

impl SeriesPage<'_> {
    fn range(&self) -> String {
        format!("{}–{}", self.detail.series.first, self.detail.series.last)
    }

    fn point_name(&self, name: &Option<String>) -> String {
        name.clone()
            .unwrap_or_else(|| self.page.t("series-unallocated"))
    }
}

async fn series_page(
    st: &AppState,
    ctx: &Ctx,
    series: Id,
    i: &AllocationInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> WebResult<Response> {
    let detail = cards::get_series(&st.store, &ctx.caller()?, series).await?;
    let mut page = Page::new(ctx, "series-title").with_notice(notice);
    page.title = format!(
        "{} {}–{}",
        page.title, detail.series.first_code, detail.series.last_code
    );
    page.errors = errors;
    let points = org::list_points(&st.store, &ctx.caller()?, detail.series.area).await?;
    let mut opts = vec![Opt::new(
        "",
        page.t("choose-none"),
        i.distribution_point.is_none(),
    )];
    opts.extend(
        points
            .iter()
            .map(|p| Opt::new(p.id, &p.name, i.distribution_point == Some(p.id))),
    );
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let fields = vec![
        Field::select(&page, "distribution_point", opts).required(),
        Field::text(&page, "first", num(i.first))
            .required()
            .numeric(),
        Field::text(&page, "last", num(i.last)).required().numeric(),
    ];
    let prints = super::prints::of_series(st, ctx, series).await?;
    let t = SeriesPage {
        page: &page,
        detail,
        fields,
        prints,
    };
    Ok(crate::ui::respond(&page, &t))
}

pub(super) async fn series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let notice = q.saved.map(|_| ctx.tr.t("notice-saved"));
    series_page(
        &st,
        &ctx,
        id(&raw)?,
        &AllocationInput::default(),
        vec![],
        notice,
    )
    .await
}

pub(super) async fn allocate(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<AllocationInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let series = id(&raw)?;
    match cards::allocate(&st.store, &ctx.caller()?, series, &f).await {
        Ok(_) => Ok(see_other(&format!("/series/{series}?saved=1"))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "first")?;
            series_page(&st, &ctx, series, &f, errors, None).await
        }
    }
}
