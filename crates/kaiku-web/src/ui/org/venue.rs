//! Venues: the form to create one in an area, and one venue to see or change
//! (its staff change only its public profile).

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::choices;
use crate::ui::forms::{FormPage, Saved, id};
use crate::ui::{Field, Page, form_errors, see_other};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::org::{self, VenueInput, VenueOut};
use kaiku_core::Id;
use kaiku_core::org::{SalesChannel, Sector};
use kaiku_core::policy;

#[allow(clippy::too_many_arguments)]
fn venue_form(
    ctx: &Ctx,
    area: Id,
    municipalities: &[String],
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
        // Chosen by name among the area's municipalities; typed (a name or
        // a code) where the area lists none.
        if municipalities.is_empty() {
            Field::text(&page, "municipality_code", opt(&i.municipality_code))
        } else {
            Field::select(
                &page,
                "municipality_code",
                crate::ui::forms::municipality_choice(
                    &page,
                    municipalities,
                    i.municipality_code.as_deref(),
                    page.t("choose-none"),
                ),
            )
        },
        Field::textarea(&page, "accessibility", opt(&i.accessibility)).lang("fi"),
        Field::textarea(&page, "accessibility_sv", opt(&i.accessibility_sv)).lang("sv"),
        Field::textarea(&page, "accessibility_en", opt(&i.accessibility_en)).lang("en"),
        Field::textarea(&page, "restrictions", opt(&i.restrictions)).lang("fi"),
        Field::textarea(&page, "restrictions_sv", opt(&i.restrictions_sv)).lang("sv"),
        Field::textarea(&page, "restrictions_en", opt(&i.restrictions_en)).lang("en"),
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

pub(super) async fn new_venue(
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
    Ok(venue_form(
        &ctx,
        area.id,
        &area.municipality_codes,
        None,
        true,
        &blank,
        vec![],
        None,
    ))
}

pub(super) async fn create_venue(
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
            &kaiku_app::catalogue::area_municipalities(&st.store, area).await?,
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
        accessibility_sv: v.accessibility_sv,
        accessibility_en: v.accessibility_en,
        sales_channels: v.sales_channels,
        restrictions: v.restrictions,
        restrictions_sv: v.restrictions_sv,
        restrictions_en: v.restrictions_en,
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

pub(super) async fn venue(
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
        &kaiku_app::catalogue::area_municipalities(&st.store, area).await?,
        Some(vid),
        editable,
        &venue_input(v),
        vec![],
        q.notice(&ctx),
    ))
}

pub(super) async fn update_venue(
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
            &kaiku_app::catalogue::area_municipalities(&st.store, current.area).await?,
            Some(current.id),
            true,
            &f,
            form_errors(&ctx.tr, e, "name")?,
            None,
        )),
    }
}
