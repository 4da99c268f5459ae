//! Screens for areas, distribution points, venues and venue tokens.

use super::forms::choices;
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
use kaiku_app::org::{self, AreaInput, AreaOut, PointInput, PointOut, VenueInput, VenueOut};
use kaiku_app::tokens::{self, NewToken, TokenInput, TokenOut};
use kaiku_core::Id;
use kaiku_core::org::{Lang, PointKind, SalesChannel, Sector};
use kaiku_core::policy;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas", get(areas).post(create_area))
        .route("/areas/new", get(new_area))
        .route("/areas/{id}", get(area).post(update_area))
        .route("/areas/{id}/edit", get(edit_area))
        .route("/areas/{id}/points", post(create_point))
        .route("/areas/{id}/points/new", get(new_point))
        .route("/points/{id}", get(point).post(update_point))
        .route("/areas/{id}/venues", post(create_venue))
        .route("/areas/{id}/venues/new", get(new_venue))
        .route("/venues/{id}", get(venue).post(update_venue))
        .route("/venues/{id}/tokens", get(venue_tokens).post(create_token))
        .route("/tokens/{id}/revoke", post(revoke_token))
}

pub fn id(raw: &str) -> WebResult<Id> {
    raw.parse()
        .map_err(|_| AppError::NotFound)
        .map_err(Into::into)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

impl Saved {
    pub fn notice(&self, ctx: &Ctx) -> Option<String> {
        self.saved.as_ref().map(|_| ctx.tr.t("notice-saved"))
    }
}

/// A page that is one form (create, edit, or view when not editable).
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage<'a> {
    pub page: &'a Page,
    pub intro: Option<String>,
    pub fields: Vec<Field>,
    pub action: String,
    pub submit: String,
    pub editable: bool,
    pub back: (String, String),
    pub links: Vec<(String, String)>,
}

impl FormPage<'_> {
    pub fn respond(&self) -> Response {
        super::respond(self.page, self)
    }
}

// ---------- areas ----------

#[derive(Template)]
#[template(path = "areas.html")]
struct AreasPage<'a> {
    page: &'a Page,
    areas: Vec<AreaOut>,
    can_create: bool,
}

async fn areas(State(st): State<AppState>, ctx: Ctx, q: Query<Saved>) -> WebResult<Response> {
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
        Field::kind(
            &page,
            "trial_ends",
            "date",
            i.trial_ends.clone().unwrap_or_default(),
        ),
        Field::checkbox(&page, "local_only", i.local_only),
        Field::text(&page, "municipality_codes", i.municipality_codes.join(", ")),
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

async fn new_area(ctx: Ctx) -> WebResult<Response> {
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let blank = AreaInput {
        brochure_languages: vec!["fi".into(), "sv".into()],
        ..Default::default()
    };
    Ok(area_form(&ctx, None, &blank, vec![]))
}

async fn create_area(
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

async fn edit_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let a = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::national(ctx.principal()?).ok_or(AppError::Forbidden)?;
    let i = AreaInput {
        name: a.name,
        trial_ends: a.trial_ends.map(|d| d.to_string()),
        local_only: a.local_only,
        municipality_codes: a.municipality_codes,
        brochure_languages: a.brochure_languages,
        csrf: None,
    };
    Ok(area_form(&ctx, Some(a.id), &i, vec![]))
}

async fn update_area(
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
    points: Vec<PointOut>,
    venues: Vec<VenueOut>,
    can_edit: bool,
    can_manage: bool,
}

async fn area(
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
        area,
        points,
        venues,
    };
    Ok(render(&t))
}

// ---------- distribution points ----------

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

async fn new_point(
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

async fn create_point(
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

async fn point(
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

async fn update_point(
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

// ---------- venues ----------

fn venue_form(
    ctx: &Ctx,
    area: Id,
    existing: Option<Id>,
    editable: bool,
    i: &VenueInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Response {
    let mut page = Page::new(
        ctx,
        if existing.is_some() {
            "venue-title"
        } else {
            "venue-new-title"
        },
    )
    .with_notice(notice);
    page.errors = errors;
    if existing.is_some() && !i.name.is_empty() {
        page.title = i.name.clone();
    }
    let sectors = Sector::ALL.iter().map(|s| s.as_ref());
    let channels = SalesChannel::ALL.iter().map(|s| s.as_ref());
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut fields = vec![
        Field::text(&page, "name", &i.name).required(),
        Field::select(
            &page,
            "sector",
            choices(&page, "sector", sectors, std::slice::from_ref(&i.sector)),
        )
        .required(),
        Field::text(&page, "address", opt(&i.address)).autocomplete("street-address"),
        Field::kind(&page, "website", "url", opt(&i.website)),
        Field::checkboxes(
            &page,
            "sales_channels",
            choices(&page, "channel", channels, &i.sales_channels),
        ),
        Field::text(&page, "ticket_agency", opt(&i.ticket_agency)),
        Field::text(&page, "municipality_code", opt(&i.municipality_code)).numeric(),
        Field::textarea(&page, "accessibility", opt(&i.accessibility)),
        Field::textarea(&page, "restrictions", opt(&i.restrictions)),
        Field::checkbox(&page, "free_cloakroom", i.free_cloakroom.unwrap_or(true)),
        Field::text(&page, "contact_name", opt(&i.contact_name)),
        Field::kind(&page, "contact_phone", "tel", opt(&i.contact_phone)),
        Field::kind(&page, "contact_email", "email", opt(&i.contact_email)),
    ];
    let manager = ctx
        .auth
        .as_ref()
        .is_some_and(|a| policy::manage_area(&a.principal, area).is_some());
    if existing.is_some() && manager {
        fields.push(Field::checkbox(&page, "active", i.active.unwrap_or(true)));
    }
    if !manager {
        // The name is the coordinator's to change; staff see it as the title.
        fields.retain(|f| f.name != "name");
    }
    let action = match existing {
        Some(v) => format!("/venues/{v}"),
        None => format!("/areas/{area}/venues"),
    };
    let mut links = vec![];
    if let Some(v) = existing {
        let manages = ctx.auth.as_ref().is_some_and(|a| {
            policy::offering(&a.principal).is_some_and(|r| r.admits_venue(area, v))
        });
        if manages {
            links.push((format!("/venues/{v}/items"), page.t("items-title")));
        }
        if editable {
            links.push((format!("/venues/{v}/tokens"), page.t("tokens-title")));
        }
    }
    FormPage {
        page: &page,
        intro: Some(page.t("venue-assistant-note")),
        fields,
        action,
        submit: page.t(if existing.is_some() {
            "action-save"
        } else {
            "action-create-venue"
        }),
        editable,
        back: (format!("/areas/{area}"), page.t("action-back-to-area")),
        links,
    }
    .respond()
}

async fn new_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::manage_area(ctx.principal()?, area.id).ok_or(AppError::Forbidden)?;
    let blank = VenueInput {
        sales_channels: vec!["box_office".into()],
        ..Default::default()
    };
    Ok(venue_form(&ctx, area.id, None, true, &blank, vec![], None))
}

async fn create_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<VenueInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    let f = VenueInput {
        free_cloakroom: Some(f.free_cloakroom.unwrap_or(false)),
        ..f
    };
    match org::create_venue(&st.store, &ctx.caller()?, area, &f).await {
        Ok(_) => Ok(see_other(&format!("/areas/{area}?saved=1"))),
        Err(e) => Ok(venue_form(
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

fn venue_input(v: VenueOut) -> VenueInput {
    VenueInput {
        name: v.name,
        sector: v.sector.to_string(),
        address: v.address,
        website: v.website,
        accessibility: v.accessibility,
        sales_channels: v.sales_channels,
        restrictions: v.restrictions,
        free_cloakroom: Some(v.free_cloakroom),
        contact_name: v.contact_name,
        contact_phone: v.contact_phone,
        contact_email: v.contact_email,
        active: Some(v.active),
        ticket_agency: v.ticket_agency,
        municipality_code: v.municipality_code,
        csrf: None,
    }
}

async fn venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    q: Query<Saved>,
) -> WebResult<Response> {
    let v = org::get_venue(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let editable = policy::offering(ctx.principal()?).is_some_and(|r| r.admits_venue(v.area, v.id));
    let (area, vid) = (v.area, v.id);
    Ok(venue_form(
        &ctx,
        area,
        Some(vid),
        editable,
        &venue_input(v),
        vec![],
        q.notice(&ctx),
    ))
}

async fn update_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<VenueInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let current = org::get_venue(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let f = VenueInput {
        free_cloakroom: Some(f.free_cloakroom.unwrap_or(false)),
        active: Some(f.active.unwrap_or(false)),
        ..f
    };
    match org::update_venue(&st.store, &ctx.caller()?, current.id, &f).await {
        Ok(v) => Ok(see_other(&format!("/venues/{}?saved=1", v.id))),
        Err(e) => Ok(venue_form(
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

// ---------- tokens ----------

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage<'a> {
    page: &'a Page,
    venue: VenueOut,
    tokens: Vec<TokenOut>,
    fields: Vec<Field>,
    created: Option<NewToken>,
}

async fn tokens_page(
    st: &AppState,
    ctx: &Ctx,
    venue: Id,
    created: Option<NewToken>,
    errors: Vec<(String, String)>,
    name: &str,
) -> WebResult<Response> {
    let v = org::get_venue(&st.store, &ctx.caller()?, venue).await?;
    let list = tokens::list(&st.store, &ctx.caller()?, venue).await?;
    let mut page = Page::new(ctx, "tokens-title");
    page.errors = errors;
    let fields = vec![Field::text(&page, "token_name", name).required()];
    let t = TokensPage {
        page: &page,
        venue: v,
        tokens: list,
        fields,
        created,
    };
    Ok(super::respond(&page, &t))
}

async fn venue_tokens(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    tokens_page(&st, &ctx, id(&raw)?, None, vec![], "").await
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    token_name: String,
    #[serde(default)]
    csrf: String,
}

async fn create_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<TokenForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let venue = id(&raw)?;
    let input = TokenInput {
        name: f.token_name.clone(),
        csrf: None,
    };
    match tokens::create(&st.store, &ctx.caller()?, venue, &input).await {
        // Shown once, on this response only: never in a URL, never again.
        Ok(t) => tokens_page(&st, &ctx, venue, Some(t), vec![], "").await,
        Err(AppError::Invalid(errs)) => {
            let errors = errs
                .iter()
                .map(|e| ("token_name".to_string(), e.message(&ctx.tr)))
                .collect();
            tokens_page(&st, &ctx, venue, None, errors, &f.token_name).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn revoke_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<CsrfForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let venue = tokens::revoke(&st.store, &ctx.caller()?, id(&raw)?).await?;
    Ok(see_other(&format!("/venues/{venue}/tokens")))
}
