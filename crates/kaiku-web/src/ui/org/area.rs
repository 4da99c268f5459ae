//! Areas: the national list of them, one area with its points and venues,
//! and the form to create or change one.

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::choices;
use crate::ui::forms::{FormPage, Saved, id};
use crate::ui::{Field, Page, form_errors, render, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::org::{self, AreaInput, AreaOut, PointOut, VenueOut};
use kaiku_core::Id;
use kaiku_core::org::Lang;
use kaiku_core::policy;

#[derive(Template)]
#[template(path = "areas.html")]
struct AreasPage<'a> {
    page: &'a Page,
    areas: Vec<AreaOut>,
    can_create: bool,
}

pub(super) async fn areas(
    State(st): State<AppState>,
    ctx: Ctx,
    q: Query<Saved>,
) -> WebResult<Response> {
    let list = org::list_areas(&st.store, &ctx.caller()?).await?;
    let can_create = policy::national(ctx.principal()?).is_some();
    let page = Page::new(&ctx, "areas-title").with_notice(q.notice(&ctx));
    Ok(render(&AreasPage {
        page: &page,
        areas: list,
        can_create,
    }))
}

fn area_form(
    ctx: &Ctx,
    existing: Option<Id>,
    i: &AreaInput,
    errors: Vec<(String, String)>,
) -> Response {
    let mut page = Page::new(
        ctx,
        if existing.is_some() {
            "area-edit-title"
        } else {
            "area-new-title"
        },
    );
    page.errors = errors;
    let langs: Vec<&str> = Lang::ALL.iter().map(|l| l.as_ref()).collect();
    let fields = vec![
        Field::text(&page, "name", &i.name).required(),
        Field::text(&page, "name_sv", i.name_sv.clone().unwrap_or_default()).lang("sv"),
        Field::kind(
            &page,
            "trial_ends",
            "date",
            i.trial_ends.clone().unwrap_or_default(),
        ),
        Field::checkbox(&page, "local_only", i.local_only),
        Field::text(
            &page,
            "municipality_codes",
            crate::ui::forms::municipality_names(&i.municipality_codes, page.tr.0),
        ),
        Field::checkboxes(
            &page,
            "brochure_languages",
            choices(&page, "lang", langs, &i.brochure_languages),
        ),
    ];
    let (action, back) = match existing {
        Some(id) => (format!("/areas/{id}"), format!("/areas/{id}")),
        None => ("/areas".to_string(), "/areas".to_string()),
    };
    FormPage {
        page: &page,
        intro: None,
        fields,
        action,
        submit: page.t(if existing.is_some() {
            "action-save"
        } else {
            "action-create-area"
        }),
        editable: true,
        back: (back, page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

pub(super) async fn new_area(ctx: Ctx) -> WebResult<Response> {
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let blank = AreaInput {
        brochure_languages: vec!["fi".into(), "sv".into()],
        ..Default::default()
    };
    Ok(area_form(&ctx, None, &blank, vec![]))
}

pub(super) async fn create_area(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<AreaInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    match org::create_area(&st.store, &ctx.caller()?, &f).await {
        Ok(a) => Ok(see_other(&format!("/areas/{}?saved=1", a.id))),
        Err(e) => Ok(area_form(&ctx, None, &f, form_errors(&ctx.tr, e, "name")?)),
    }
}

pub(super) async fn edit_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let a = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let i = AreaInput {
        name: a.name,
        name_sv: a.name_sv,
        trial_ends: a.trial_ends.map(|d| d.to_string()),
        local_only: a.local_only,
        municipality_codes: a.municipality_codes,
        brochure_languages: a.brochure_languages,
        csrf: None,
    };
    Ok(area_form(&ctx, Some(a.id), &i, vec![]))
}

pub(super) async fn update_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<AreaInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    match org::update_area(&st.store, &ctx.caller()?, area, &f).await {
        Ok(a) => Ok(see_other(&format!("/areas/{}?saved=1", a.id))),
        Err(e) => Ok(area_form(
            &ctx,
            Some(area),
            &f,
            form_errors(&ctx.tr, e, "name")?,
        )),
    }
}

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage<'a> {
    page: &'a Page,
    area: AreaOut,
    /// The area's municipalities by name.
    municipalities: String,
    points: Vec<PointOut>,
    venues: Vec<VenueOut>,
    can_edit: bool,
    can_manage: bool,
    can_stock: bool,
}

pub(super) async fn area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    q: Query<Saved>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let points = org::list_points(&st.store, &ctx.caller()?, area.id).await?;
    let venues = org::list_venues(&st.store, &ctx.caller()?, area.id).await?;
    let p = ctx.principal()?;
    let mut page = Page::new(&ctx, "area-title").with_notice(q.notice(&ctx));
    page.title = area.name.clone();
    let t = AreaPage {
        page: &page,
        can_edit: policy::national(p).is_some(),
        can_manage: policy::manage_area(p, area.id).is_some(),
        can_stock: policy::stock(p).is_some_and(|r| r.admits_area(area.id)),
        municipalities: crate::ui::forms::municipality_names(&area.municipality_codes, page.tr.0),
        area,
        points,
        venues,
    };
    Ok(render(&t))
}
