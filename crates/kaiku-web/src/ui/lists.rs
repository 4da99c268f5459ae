//! The national admin's screen for the transfer form's lists.

use super::forms::{FormPage, id};
use super::{Field, Page, form_errors, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use kaiku_app::lists::{self, OptionInput, OptionOut};
use kaiku_core::background::{self, List};
use kaiku_core::policy;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/lists", get(page).post(create))
        .route("/lists/{id}", get(edit_form).post(update))
}

#[derive(Template)]
#[template(path = "lists.html")]
struct ListsPage<'a> {
    page: &'a Page,
    tongues: Vec<OptionOut>,
    situations: Vec<OptionOut>,
    fields: Vec<Field>,
}

impl ListsPage<'_> {
    fn groups(&self) -> Vec<(String, &Vec<OptionOut>)> {
        vec![
            (self.page.t("list-mother_tongue"), &self.tongues),
            (self.page.t("list-life_situation"), &self.situations),
        ]
    }
}

#[derive(Deserialize, Default)]
struct SavedQ {
    saved: Option<String>,
}

async fn lists_page(
    st: &AppState,
    ctx: &Ctx,
    i: &OptionInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> WebResult<Response> {
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let all = lists::list(&st.store, &ctx.caller()?).await?;
    let mut page = Page::new(ctx, "lists-title").with_notice(notice);
    page.errors = errors;
    let kinds = super::forms::choices(
        &page,
        "list",
        ["mother_tongue", "life_situation"],
        std::slice::from_ref(&i.list),
    );
    let fields = vec![
        Field::select(&page, "list", kinds).required(),
        Field::text(&page, "code", &i.code)
            .required()
            .no_hint()
            .autocomplete("off"),
        Field::text(&page, "label_fi", &i.label_fi).required(),
        Field::text(&page, "label_sv", &i.label_sv).required(),
        Field::text(&page, "label_en", &i.label_en).required(),
    ];
    let (tongues, situations) = all
        .into_iter()
        .partition(|o| o.list == List::MotherTongue.as_ref());
    let t = ListsPage {
        page: &page,
        tongues,
        situations,
        fields,
    };
    Ok(super::respond(&page, &t))
}

async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SavedQ>,
) -> WebResult<Response> {
    let notice = q.saved.map(|_| ctx.tr.t("notice-saved"));
    lists_page(
        &st,
        &ctx,
        &OptionInput {
            list: "mother_tongue".into(),
            ..Default::default()
        },
        vec![],
        notice,
    )
    .await
}

async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<OptionInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    match lists::create(&st.store, &ctx.caller()?, &f).await {
        Ok(_) => Ok(see_other("/lists?saved=1")),
        Err(e) => {
            let errors = form_errors(&ctx.tr, e, "code")?;
            lists_page(&st, &ctx, &f, errors, None).await
        }
    }
}

fn edit_page(ctx: &Ctx, o: &OptionOut, i: &OptionInput, errors: Vec<(String, String)>) -> Response {
    let mut page = Page::new(ctx, "list-entry-title");
    page.title = format!("{} {}", page.title, o.code);
    page.errors = errors;
    let mut fields = vec![
        Field::text(&page, "label_fi", &i.label_fi).required(),
        Field::text(&page, "label_sv", &i.label_sv).required(),
        Field::text(&page, "label_en", &i.label_en).required(),
    ];
    if background::may_take_out_of_use(&o.code) {
        fields.push(Field::checkbox(&page, "active", i.active.unwrap_or(true)));
    }
    FormPage {
        page: &page,
        intro: Some(page.t("list-entry-intro")),
        fields,
        action: format!("/lists/{}", o.id),
        submit: page.t("action-save"),
        editable: true,
        back: ("/lists".into(), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

async fn find(st: &AppState, ctx: &Ctx, raw: &str) -> WebResult<OptionOut> {
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let wanted = id(raw)?;
    lists::list(&st.store, &ctx.caller()?)
        .await?
        .into_iter()
        .find(|o| o.id == wanted)
        .ok_or(AppError::NotFound.into())
}

async fn edit_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let o = find(&st, &ctx, &raw).await?;
    let i = OptionInput {
        label_fi: o.label_fi.clone(),
        label_sv: o.label_sv.clone(),
        label_en: o.label_en.clone(),
        active: Some(o.active),
        ..Default::default()
    };
    Ok(edit_page(&ctx, &o, &i, vec![]))
}

async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<OptionInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let o = find(&st, &ctx, &raw).await?;
    // An unticked checkbox sends nothing; the fixed entries have no checkbox.
    let active = if background::may_take_out_of_use(&o.code) {
        Some(f.active.unwrap_or(false))
    } else {
        Some(true)
    };
    let f = OptionInput { active, ..f };
    match lists::update(&st.store, &ctx.caller()?, o.id, &f).await {
        Ok(_) => Ok(see_other("/lists?saved=1")),
        Err(e) => Ok(edit_page(
            &ctx,
            &o,
            &f,
            form_errors(&ctx.tr, e, "label_fi")?,
        )),
    }
}
