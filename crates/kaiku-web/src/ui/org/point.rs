//! Distribution points: the form to create one in an area, and one point to
//! see or change.

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::choices;
use crate::ui::forms::{FormPage, Saved, id};
use crate::ui::{Field, Page, form_errors, see_other};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::org::{self, PointInput, PointOut};
use kaiku_core::Id;
use kaiku_core::org::PointKind;
use kaiku_core::policy;

fn point_form(
    ctx: &Ctx,
    area: Id,
    existing: Option<Id>,
    editable: bool,
    i: &PointInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Response {
    let mut page = Page::new(
        ctx,
        if existing.is_some() {
            "point-title"
        } else {
            "point-new-title"
        },
    )
    .with_notice(notice);
    page.errors = errors;
    if existing.is_some() && !i.name.is_empty() {
        page.title = i.name.clone();
    }
    let kinds = PointKind::ALL.iter().map(|k| k.as_ref());
    let mut fields = vec![
        Field::text(&page, "name", &i.name).required(),
        Field::select(
            &page,
            "type",
            choices(&page, "point-type", kinds, std::slice::from_ref(&i.kind)),
        )
        .required(),
    ];
    if existing.is_some() {
        fields.push(Field::checkbox(&page, "active", i.active.unwrap_or(true)));
    }
    let action = match existing {
        Some(p) => format!("/points/{p}"),
        None => format!("/areas/{area}/points"),
    };
    FormPage {
        page: &page,
        intro: None,
        fields,
        action,
        submit: page.t(if existing.is_some() {
            "action-save"
        } else {
            "action-create-point"
        }),
        editable,
        back: (format!("/areas/{area}"), page.t("action-back-to-area")),
        links: vec![],
    }
    .respond()
}

pub(super) async fn new_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::manage_area(ctx.principal()?, area.id).ok_or(AppError::Forbidden)?;
    Ok(point_form(
        &ctx,
        area.id,
        None,
        true,
        &PointInput::default(),
        vec![],
        None,
    ))
}

pub(super) async fn create_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<PointInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    match org::create_point(&st.store, &ctx.caller()?, area, &f).await {
        Ok(_) => Ok(see_other(&format!("/areas/{area}?saved=1"))),
        Err(e) => Ok(point_form(
            &ctx,
            area,
            None,
            true,
            &f,
            form_errors(&ctx.tr, e, "name")?,
            None,
        )),
    }
}

fn point_input(p: &PointOut) -> PointInput {
    PointInput {
        name: p.name.clone(),
        kind: p.kind.to_string(),
        active: Some(p.active),
        csrf: None,
    }
}

pub(super) async fn point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    q: Query<Saved>,
) -> WebResult<Response> {
    let p = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let editable = policy::manage_area(ctx.principal()?, p.area).is_some();
    Ok(point_form(
        &ctx,
        p.area,
        Some(p.id),
        editable,
        &point_input(&p),
        vec![],
        q.notice(&ctx),
    ))
}

pub(super) async fn update_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<PointInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let current = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    // An unticked checkbox sends nothing: on this form that means inactive.
    let f = PointInput {
        active: Some(f.active.unwrap_or(false)),
        ..f
    };
    match org::update_point(&st.store, &ctx.caller()?, current.id, &f).await {
        Ok(p) => Ok(see_other(&format!("/points/{}?saved=1", p.id))),
        Err(e) => Ok(point_form(
            &ctx,
            current.area,
            Some(current.id),
            true,
            &f,
            form_errors(&ctx.tr, e, "name")?,
            None,
        )),
    }
}
