//! Screens of a venue's offering, and of the national cap table.

use super::forms::{FormPage, id};
use super::forms::{Opt, choices};
use super::{Field, Page, form_errors, render, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::items::{self, ItemInput, ItemOut, PolicyInput, PolicyOut};
use kaiku_app::org;
use kaiku_core::Id;
use kaiku_core::cap::Class;
use kaiku_core::policy;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/venues/{id}/items", get(list).post(create))
        .route("/venues/{id}/items/new", get(new_item))
        .route("/items/{id}", get(edit).post(update))
        .route("/items/{id}/delete", post(delete))
        .route("/cap-policy", get(policy_page).post(create_policy))
}

#[derive(Deserialize, Default)]
struct SavedQ {
    saved: Option<String>,
    all: Option<String>,
}

pub fn when(i: &ItemOut) -> String {
    crate::dates::item_when(i.kind, i.starts_at)
}

#[derive(Template)]
#[template(path = "items.html")]
struct ListPage<'a> {
    page: &'a Page,
    venue: org::VenueOut,
    items: Vec<ItemOut>,
    all: bool,
}

impl ListPage<'_> {
    fn when(&self, i: &ItemOut) -> String {
        when(i)
    }
}

async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<SavedQ>,
) -> WebResult<Response> {
    let venue = org::get_venue(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let all = q.all.is_some();
    let items = items::list(&st.store, &ctx.caller()?, venue.id, all).await?;
    let mut page =
        Page::new(&ctx, "items-title").with_notice(q.saved.map(|_| ctx.tr.t("notice-saved")));
    page.title = format!("{} – {}", page.title, venue.name);
    Ok(render(&ListPage {
        page: &page,
        venue,
        items,
        all,
    }))
}

fn num(v: Option<i32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn item_form(
    ctx: &Ctx,
    venue: Id,
    existing: Option<Id>,
    i: &ItemInput,
    errors: Vec<(String, String)>,
) -> Response {
    let mut page = Page::new(
        ctx,
        if existing.is_some() {
            "item-edit-title"
        } else {
            "item-new-title"
        },
    );
    page.errors = errors;
    let kind = if i.kind.is_empty() {
        "event".to_string()
    } else {
        i.kind.clone()
    };
    let class = i.class.clone().unwrap_or_else(|| "default".into());
    let mut fields = vec![
        Field::select(
            &page,
            "type",
            choices(
                &page,
                "item-type",
                ["event", "course"],
                std::slice::from_ref(&kind),
            ),
        )
        .required(),
        Field::text(&page, "title", &i.title).required(),
        Field::kind(&page, "starts_at", "datetime-local", &i.starts_at).required(),
        Field::text(&page, "capacity", num(i.capacity))
            .required()
            .numeric(),
        Field::select(
            &page,
            "class",
            choices(
                &page,
                "class",
                Class::ALL.iter().map(|c| c.as_ref()),
                &[class],
            ),
        ),
        Field::text(&page, "cap", num(i.cap)).numeric(),
        Field::text(
            &page,
            "booking_opens_days_before",
            num(i.booking_opens_days_before),
        )
        .numeric(),
        Field::text(
            &page,
            "redeem_opens_minutes_before",
            num(i.redeem_opens_minutes_before),
        )
        .numeric(),
        Field::checkbox(&page, "sold_out", i.sold_out),
        Field::checkbox(&page, "excluded", i.excluded),
        Field::textarea(
            &page,
            "exclusion_reason",
            i.exclusion_reason.clone().unwrap_or_default(),
        ),
    ];
    if existing.is_none() {
        let repeat = i.repeat.clone().unwrap_or_else(|| "none".into());
        let mut opts: Vec<Opt> = choices(&page, "repeat", ["none", "weekly", "daily"], &[repeat]);
        opts.truncate(3);
        fields.push(Field::select(&page, "repeat", opts));
        fields.push(Field::kind(
            &page,
            "repeat_until",
            "date",
            i.repeat_until.clone().unwrap_or_default(),
        ));
    }
    let action = match existing {
        Some(item) => format!("/items/{item}"),
        None => format!("/venues/{venue}/items"),
    };
    FormPage {
        page: &page,
        intro: Some(page.t("item-form-intro")),
        fields,
        action,
        submit: page.t(if existing.is_some() {
            "action-save"
        } else {
            "action-publish"
        }),
        editable: true,
        back: (format!("/venues/{venue}/items"), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

async fn new_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let venue = org::get_venue(&st.store, &ctx.caller()?, id(&raw)?).await?;
    match policy::offering(ctx.principal()?) {
        None => return Err(AppError::Forbidden.into()),
        Some(r) if !r.admits_venue(venue.area, venue.id) => return Err(AppError::NotFound.into()),
        Some(_) => {}
    }
    Ok(item_form(
        &ctx,
        venue.id,
        None,
        &ItemInput::default(),
        vec![],
    ))
}

async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ItemInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let venue = id(&raw)?;
    match items::create(&st.store, &ctx.caller()?, venue, &f).await {
        Ok(_) => Ok(see_other(&format!("/venues/{venue}/items?saved=1"))),
        Err(e) => Ok(item_form(
            &ctx,
            venue,
            None,
            &f,
            form_errors(&ctx.tr, e, "title")?,
        )),
    }
}

fn input_of(i: &ItemOut) -> ItemInput {
    ItemInput {
        kind: i.kind.to_string(),
        title: i.title.clone(),
        starts_at: i.starts_at.format("%Y-%m-%dT%H:%M").to_string(),
        capacity: Some(i.capacity),
        class: Some(i.class.to_string()),
        cap: i.cap,
        booking_opens_days_before: i.booking_opens_days_before,
        redeem_opens_minutes_before: i.redeem_opens_minutes_before,
        sold_out: i.sold_out,
        excluded: i.excluded,
        exclusion_reason: i.exclusion_reason.clone(),
        ..Default::default()
    }
}

async fn edit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let item = items::get(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let venue = org::get_venue(&st.store, &ctx.caller()?, item.venue).await?;
    match policy::offering(ctx.principal()?) {
        None => return Err(AppError::Forbidden.into()),
        Some(r) if !r.admits_venue(venue.area, venue.id) => return Err(AppError::NotFound.into()),
        Some(_) => {}
    }
    Ok(item_form(
        &ctx,
        venue.id,
        Some(item.id),
        &input_of(&item),
        vec![],
    ))
}

async fn update(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ItemInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let item = items::get(&st.store, &ctx.caller()?, id(&raw)?).await?;
    match items::update(&st.store, &ctx.caller()?, item.id, &f).await {
        Ok(_) => Ok(see_other(&format!("/venues/{}/items?saved=1", item.venue))),
        Err(e) => Ok(item_form(
            &ctx,
            item.venue,
            Some(item.id),
            &f,
            form_errors(&ctx.tr, e, "title")?,
        )),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn delete(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<CsrfForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let venue = items::delete(&st.store, &ctx.caller()?, id(&raw)?).await?;
    Ok(see_other(&format!("/venues/{venue}/items?saved=1")))
}

// ---------- the national cap table ----------

#[derive(Template)]
#[template(path = "cap_policy.html")]
struct PolicyPage<'a> {
    page: &'a Page,
    versions: Vec<PolicyOut>,
    fields: Vec<Field>,
}

impl PolicyPage<'_> {
    fn opt(&self, v: &Option<u32>) -> String {
        v.map(|n| n.to_string())
            .unwrap_or_else(|| self.page.t("cap-trial-off"))
    }

    fn date(&self, v: &PolicyOut) -> String {
        crate::dates::fi_date(v.policy.effective_from)
    }
}

async fn policy_view(
    st: &AppState,
    ctx: &Ctx,
    i: &PolicyInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> WebResult<Response> {
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let versions = items::policies(&st.store, &ctx.caller()?).await?;
    let mut page = Page::new(ctx, "cap-policy-title").with_notice(notice);
    page.errors = errors;
    let current = versions
        .last()
        .map(|v| v.policy.clone())
        .unwrap_or_else(kaiku_core::cap::Policy::model_2019);
    let v = |x: Option<i32>, d: u32| x.map(|n| n.to_string()).unwrap_or_else(|| d.to_string());
    let o = |x: Option<i32>, d: Option<u32>| {
        x.map(|n| n.to_string())
            .or(d.map(|n| n.to_string()))
            .unwrap_or_default()
    };
    let fields = vec![
        Field::kind(&page, "effective_from", "date", &i.effective_from).required(),
        Field::text(
            &page,
            "default_percent",
            v(i.default_percent, current.default_percent),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "small_max_capacity",
            v(i.small_max_capacity, current.small_max_capacity),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "small_min_cap",
            v(i.small_min_cap, current.small_min_cap),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "very_small_max_capacity",
            o(i.very_small_max_capacity, current.very_small_max_capacity),
        )
        .numeric(),
        Field::text(
            &page,
            "large_min_capacity",
            v(i.large_min_capacity, current.large_min_capacity),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "large_min_cap",
            v(i.large_min_cap, current.large_min_cap),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "swimming_min_cap",
            o(i.swimming_min_cap, current.swimming_min_cap),
        )
        .numeric(),
        Field::text(
            &page,
            "guest_min_cap",
            v(i.guest_min_cap, current.guest_min_cap),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "guest_max_cap",
            v(i.guest_max_cap, current.guest_max_cap),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "child_age_under",
            v(i.child_age_under, current.child_age_under),
        )
        .required()
        .numeric(),
        Field::text(
            &page,
            "suppression_threshold",
            v(i.suppression_threshold, current.suppression_threshold),
        )
        .required()
        .numeric(),
    ];
    let t = PolicyPage {
        page: &page,
        versions,
        fields,
    };
    Ok(super::respond(&page, &t))
}

async fn policy_page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SavedQ>,
) -> WebResult<Response> {
    let notice = q.saved.map(|_| ctx.tr.t("notice-saved"));
    policy_view(&st, &ctx, &PolicyInput::default(), vec![], notice).await
}

async fn create_policy(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<PolicyInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    match items::create_policy(&st.store, &ctx.caller()?, &f).await {
        Ok(_) => Ok(see_other("/cap-policy?saved=1")),
        Err(e) => {
            let errors = form_errors(&ctx.tr, e, "effective_from")?;
            policy_view(&st, &ctx, &f, errors, None).await
        }
    }
}
