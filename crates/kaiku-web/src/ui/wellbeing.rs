//! The national well-being questions (R-WELL-1) for the national admin:
//! the list with their effective dates, and a form to add or reword one.

use super::forms::{FormPage, Opt, id};
use super::{Field, Page, form_errors, render, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::WebResult;
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use kaiku_app::wellbeing::{self, QuestionInput, QuestionOut};
use kaiku_core::Id;
use kaiku_core::wellbeing::Scale;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/wellbeing", get(list))
        .route("/wellbeing/new", get(new_form).post(create))
        .route("/wellbeing/{id}", get(edit_form).post(update))
}

#[derive(Template)]
#[template(path = "wellbeing.html")]
struct ListPage<'a> {
    page: &'a Page,
    questions: Vec<QuestionOut>,
}

impl ListPage<'_> {
    fn scale(&self, s: &Scale) -> String {
        self.page.t(&format!("wellbeing-scale-{s}"))
    }

    fn dates(&self, q: &QuestionOut) -> String {
        let d = |d: chrono::NaiveDate| d.format("%-d.%-m.%Y").to_string();
        match q.effective_to {
            Some(to) => format!("{}–{}", d(q.effective_from), d(to)),
            None => format!("{}–", d(q.effective_from)),
        }
    }
}

async fn list(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    kaiku_core::policy::national(ctx.principal()?).ok_or(crate::error::AppError::Forbidden)?;
    let questions = wellbeing::list(&st.store, &ctx.caller()?).await?;
    let page = Page::new(&ctx, "wellbeing-title");
    Ok(render(&ListPage {
        page: &page,
        questions,
    }))
}

fn form(
    ctx: &Ctx,
    existing: Option<Id>,
    i: &QuestionInput,
    errors: Vec<(String, String)>,
) -> Response {
    let mut page = Page::new(
        ctx,
        if existing.is_some() {
            "wellbeing-edit-title"
        } else {
            "wellbeing-new-title"
        },
    );
    page.errors = errors;
    let mut fields = vec![];
    if existing.is_none() {
        let chosen = i.scale.clone().unwrap_or_default();
        let mut opts = vec![Opt::new("", page.t("choose-none"), chosen.is_empty())];
        opts.extend(Scale::ALL.iter().map(|s| {
            Opt::new(
                s.as_ref(),
                page.t(&format!("wellbeing-scale-{s}")),
                chosen == s.as_ref(),
            )
        }));
        fields.push(Field::select(&page, "scale", opts).required());
    }
    fields.extend([
        Field::text(&page, "text_fi", &i.text_fi).required(),
        Field::text(&page, "text_sv", &i.text_sv).required(),
        Field::text(&page, "text_en", &i.text_en).required(),
        Field::kind(&page, "effective_from", "date", &i.effective_from).required(),
        Field::kind(
            &page,
            "effective_to",
            "date",
            i.effective_to.clone().unwrap_or_default(),
        ),
        Field::text(
            &page,
            "position",
            i.position.map(|p| p.to_string()).unwrap_or_default(),
        )
        .numeric(),
    ]);
    let action = match existing {
        Some(id) => format!("/wellbeing/{id}"),
        None => "/wellbeing/new".into(),
    };
    FormPage {
        page: &page,
        intro: Some(page.t("wellbeing-form-intro")),
        fields,
        action,
        submit: page.t("action-save"),
        editable: true,
        back: ("/wellbeing".into(), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

async fn new_form(ctx: Ctx) -> WebResult<Response> {
    kaiku_core::policy::national(ctx.principal()?).ok_or(crate::error::AppError::Forbidden)?;
    let i = QuestionInput {
        effective_from: kaiku_app::today().to_string(),
        ..Default::default()
    };
    Ok(form(&ctx, None, &i, vec![]))
}

async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<QuestionInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    match wellbeing::create(&st.store, &ctx.caller()?, &f).await {
        Ok(_) => Ok(see_other("/wellbeing")),
        Err(e) => Ok(form(&ctx, None, &f, form_errors(&ctx.tr, e, "text_fi")?)),
    }
}

async fn edit_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    kaiku_core::policy::national(ctx.principal()?).ok_or(crate::error::AppError::Forbidden)?;
    let q_id = id(&raw)?;
    let q = wellbeing::list(&st.store, &ctx.caller()?)
        .await?
        .into_iter()
        .find(|q| q.id == q_id)
        .ok_or(crate::error::AppError::NotFound)?;
    let i = QuestionInput {
        scale: Some(q.scale.to_string()),
        text_fi: q.text_fi,
        text_sv: q.text_sv,
        text_en: q.text_en,
        effective_from: q.effective_from.to_string(),
        effective_to: q.effective_to.map(|d| d.to_string()),
        position: Some(q.position),
        csrf: None,
    };
    Ok(form(&ctx, Some(q_id), &i, vec![]))
}

async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<QuestionInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let q = id(&raw)?;
    match wellbeing::update(&st.store, &ctx.caller()?, q, &f).await {
        Ok(_) => Ok(see_other("/wellbeing")),
        Err(e) => Ok(form(&ctx, Some(q), &f, form_errors(&ctx.tr, e, "text_fi")?)),
    }
}
