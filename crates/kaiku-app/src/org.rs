//! Areas, distribution points and venues (SPEC §3).

use super::{Check, split_list, taken};
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::flex;
use chrono::NaiveDate;
use chrono::NaiveDateTime;
use kaiku_core::Id;
use kaiku_core::input::{self, InputError, NAME_MAX, TEXT_MAX};
use kaiku_core::org::{Category, Lang, PointKind, SalesChannel, Sector, parse_list};
use kaiku_core::policy;
use kaiku_core::policy::AreaScope;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::points::{self, PointFields};
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{DbConn, StoreError, audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn event(
    action: &'static str,
    kind: &'static str,
    id: Id,
    area: Id,
    detail: String,
) -> audit::Event<'static> {
    audit::Event {
        action,
        record_type: kind,
        record_id: Some(id),
        area: Some(area),
        detail,
    }
}

// ---------- areas ----------

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub trial_ends: Option<String>,
    #[serde(default, deserialize_with = "flex::bool")]
    pub local_only: bool,
    #[serde(default)]
    pub municipality_codes: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<Lang>)]
    pub brochure_languages: Vec<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaOut {
    pub id: Id,
    pub name: String,
    pub trial_ends: Option<NaiveDate>,
    pub local_only: bool,
    pub municipality_codes: Vec<String>,
    #[schema(value_type = Vec<Lang>)]
    pub brochure_languages: Vec<String>,
}

impl From<areas::Area> for AreaOut {
    fn from(a: areas::Area) -> Self {
        AreaOut {
            id: a.id,
            name: a.name,
            trial_ends: a.trial_ends,
            local_only: a.local_only,
            municipality_codes: split_list(&a.municipality_codes),
            brochure_languages: split_list(&a.brochure_languages),
        }
    }
}

fn area_fields(i: &AreaInput) -> AppResult<AreaFields> {
    let mut c = Check::default();
    let name = c.field("name", input::line(&i.name, NAME_MAX));
    let trial_ends = c.field("trial_ends", input::optional_date(i.trial_ends.as_deref()));
    let codes = c.field(
        "municipality_codes",
        input::municipality_codes(&i.municipality_codes.join(",")),
    );
    let mut langs = c.field(
        "brochure_languages",
        parse_list(&i.brochure_languages, |s: &str| s.parse::<Lang>().ok())
            .ok_or(InputError::InvalidChoice),
    );
    c.finish()?;
    if langs.is_empty() {
        langs.push(Lang::Fi);
    }
    Ok(AreaFields {
        name,
        trial_ends,
        local_only: i.local_only,
        municipality_codes: codes.join(","),
        brochure_languages: langs
            .iter()
            .map(|l| l.as_ref())
            .collect::<Vec<_>>()
            .join(","),
    })
}

pub async fn list_areas(store: &Store, caller: &Caller) -> AppResult<Vec<AreaOut>> {
    let only = match policy::visible_areas(caller.principal()).ok_or(AppError::Forbidden)? {
        policy::Listing::All => None,
        policy::Listing::Only(ids) => Some(ids),
    };
    let list = store.read(move |c| areas::list(c, only.as_deref())).await?;
    Ok(list.into_iter().map(AreaOut::from).collect())
}

pub async fn get_area(store: &Store, caller: &Caller, id: Id) -> AppResult<AreaOut> {
    let p = caller.principal();
    let area = store.read(move |c| areas::get(c, id)).await?;
    if !policy::view_area(p, id) {
        return Err(super::outside(super::works_somewhere(p)));
    }
    Ok(area.into())
}

pub async fn create_area(store: &Store, caller: &Caller, i: &AreaInput) -> AppResult<AreaOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let fields = area_fields(i)?;
    let actor = caller.actor();
    let area = store
        .write(move |c| {
            let now = now();
            let id = areas::create(c, &scope, &fields, now)?;
            audit::record(
                c,
                &actor,
                &event("area.create", "area", id, id, String::new()),
                now,
            )?;
            areas::get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken("area_name_taken"))?;
    Ok(area.into())
}

pub async fn update_area(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &AreaInput,
) -> AppResult<AreaOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let fields = area_fields(i)?;
    let actor = caller.actor();
    let area = store
        .write(move |c| {
            areas::update(c, &scope, id, &fields)?;
            audit::record(
                c,
                &actor,
                &event("area.update", "area", id, id, String::new()),
                now(),
            )?;
            areas::get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken("area_name_taken"))?;
    Ok(area.into())
}

// ---------- distribution points ----------

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default, rename = "type")]
    #[schema(value_type = PointKind, required = true)]
    pub kind: String,
    #[serde(default, deserialize_with = "flex::opt_bool")]
    pub active: Option<bool>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointOut {
    pub id: Id,
    pub area: Id,
    pub name: String,
    #[serde(rename = "type")]
    #[schema(value_type = PointKind)]
    pub kind: kaiku_core::org::PointKind,
    pub active: bool,
}

impl From<points::Point> for PointOut {
    fn from(p: points::Point) -> Self {
        PointOut {
            id: p.id,
            area: p.area_id,
            name: p.name,
            kind: p.kind,
            active: p.active,
        }
    }
}

fn point_fields(i: &PointInput) -> AppResult<PointFields> {
    let mut c = Check::default();
    let name = c.field("name", input::line(&i.name, NAME_MAX));
    let kind = c.field(
        "type",
        i.kind
            .trim()
            .parse::<PointKind>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    c.finish()?;
    Ok(PointFields {
        name,
        kind: kind.unwrap_or(PointKind::Other),
        active: i.active.unwrap_or(true),
    })
}

pub async fn list_points(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<PointOut>> {
    get_area(store, caller, area).await?;
    let list = store.read(move |c| points::list(c, area)).await?;
    Ok(list.into_iter().map(PointOut::from).collect())
}

pub async fn get_point(store: &Store, caller: &Caller, id: Id) -> AppResult<PointOut> {
    let p = caller.principal();
    let point = store.read(move |c| points::get(c, id)).await?;
    if !policy::view_point(p, point.area_id, id) {
        return Err(super::outside(super::works_somewhere(p)));
    }
    Ok(point.into())
}

pub async fn create_point(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &PointInput,
) -> AppResult<PointOut> {
    let spec = InArea {
        action: "point.create",
        kind: "distribution_point",
        taken: "point_name_taken",
    };
    create_in_area(
        store,
        caller,
        area,
        spec,
        || point_fields(i),
        points::create,
        points::get,
    )
    .await
    .map(PointOut::from)
}

pub async fn update_point(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &PointInput,
) -> AppResult<PointOut> {
    let current = store.read(move |c| points::get(c, id)).await?;
    let fields = || {
        let mut f = point_fields(i)?;
        f.active = i.active.unwrap_or(current.active);
        Ok(f)
    };
    let spec = InArea {
        action: "point.update",
        kind: "distribution_point",
        taken: "point_name_taken",
    };
    update_in_area(
        store,
        caller,
        current.area_id,
        id,
        spec,
        fields,
        points::update,
        points::get,
    )
    .await
    .map(PointOut::from)
}

// ---------- venues ----------

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VenueInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default)]
    #[schema(value_type = Sector, required = true)]
    pub sector: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub accessibility: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<SalesChannel>)]
    pub sales_channels: Vec<String>,
    #[serde(default)]
    pub restrictions: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_bool")]
    pub free_cloakroom: Option<bool>,
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_bool")]
    pub active: Option<bool>,
    /// The ticket agency the venue sells through (§8.1), by name.
    #[serde(default)]
    pub ticket_agency: Option<String>,
    /// The venue's municipality (three digits), for the catalogue's filter.
    #[serde(default)]
    pub municipality_code: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VenueOut {
    pub id: Id,
    pub area: Id,
    pub name: String,
    #[schema(value_type = Sector)]
    pub sector: kaiku_core::org::Sector,
    #[schema(value_type = Category)]
    pub category: kaiku_core::org::Category,
    pub address: Option<String>,
    pub website: Option<String>,
    pub accessibility: Option<String>,
    #[schema(value_type = Vec<SalesChannel>)]
    pub sales_channels: Vec<String>,
    pub restrictions: Option<String>,
    pub free_cloakroom: bool,
    /// R-VENUE-1: always true; shown so that every consumer displays it.
    pub free_assistant_entry: bool,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub active: bool,
    pub ticket_agency: Option<String>,
    pub municipality_code: Option<String>,
}

impl From<venues::Venue> for VenueOut {
    fn from(v: venues::Venue) -> Self {
        let category = v.sector.category();
        VenueOut {
            id: v.id,
            area: v.area_id,
            name: v.name,
            sector: v.sector,
            category,
            address: v.address,
            website: v.website,
            accessibility: v.accessibility,
            sales_channels: split_list(&v.sales_channels),
            restrictions: v.restrictions,
            free_cloakroom: v.free_cloakroom,
            free_assistant_entry: true,
            contact_name: v.contact_name,
            contact_phone: v.contact_phone,
            contact_email: v.contact_email,
            active: v.active,
            ticket_agency: v.ticket_agency,
            municipality_code: v.municipality_code,
        }
    }
}

fn venue_fields(i: &VenueInput) -> AppResult<VenueFields> {
    let mut c = Check::default();
    let name = c.field("name", input::line(&i.name, NAME_MAX));
    let sector = c.field(
        "sector",
        i.sector
            .trim()
            .parse::<Sector>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    let address = c.field(
        "address",
        input::optional_line(i.address.as_deref(), NAME_MAX),
    );
    let website = c.field("website", input::optional_url(i.website.as_deref()));
    let accessibility = c.field(
        "accessibility",
        input::optional_text(i.accessibility.as_deref(), TEXT_MAX),
    );
    let channels = c.field(
        "sales_channels",
        parse_list(&i.sales_channels, |s: &str| s.parse::<SalesChannel>().ok())
            .ok_or(InputError::InvalidChoice),
    );
    let restrictions = c.field(
        "restrictions",
        input::optional_text(i.restrictions.as_deref(), TEXT_MAX),
    );
    let contact_name = c.field(
        "contact_name",
        input::optional_line(i.contact_name.as_deref(), NAME_MAX),
    );
    let contact_phone = c.field(
        "contact_phone",
        input::optional_phone(i.contact_phone.as_deref()),
    );
    let contact_email = c.field(
        "contact_email",
        input::optional_email(i.contact_email.as_deref()),
    );
    let ticket_agency = c.field(
        "ticket_agency",
        input::optional_line(i.ticket_agency.as_deref(), NAME_MAX),
    );
    let municipality = c.field(
        "municipality_code",
        input::municipality_codes(i.municipality_code.as_deref().unwrap_or("")).and_then(|codes| {
            match codes.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(one.clone())),
                _ => Err(InputError::InvalidChoice),
            }
        }),
    );
    c.finish()?;
    let channels = if channels.is_empty() {
        vec![SalesChannel::BoxOffice]
    } else {
        channels
    };
    Ok(VenueFields {
        name,
        sector: sector.unwrap_or(Sector::Other),
        address,
        website,
        accessibility,
        sales_channels: channels
            .iter()
            .map(|s| s.as_ref())
            .collect::<Vec<_>>()
            .join(","),
        restrictions,
        free_cloakroom: i.free_cloakroom.unwrap_or(true),
        contact_name,
        contact_phone,
        contact_email,
        active: i.active.unwrap_or(true),
        ticket_agency,
        municipality_code: municipality,
    })
}

pub async fn list_venues(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<VenueOut>> {
    get_area(store, caller, area).await?;
    let list = store.read(move |c| venues::list(c, area)).await?;
    Ok(list.into_iter().map(VenueOut::from).collect())
}

pub async fn get_venue(store: &Store, caller: &Caller, id: Id) -> AppResult<VenueOut> {
    let p = caller.principal();
    let venue = store.read(move |c| venues::get(c, id)).await?;
    if !policy::view_venue(p, venue.area_id, id) {
        return Err(super::outside(super::works_somewhere(p)));
    }
    Ok(venue.into())
}

pub async fn create_venue(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &VenueInput,
) -> AppResult<VenueOut> {
    let spec = InArea {
        action: "venue.create",
        kind: "venue",
        taken: "venue_name_taken",
    };
    create_in_area(
        store,
        caller,
        area,
        spec,
        || venue_fields(i),
        venues::create,
        venues::get,
    )
    .await
    .map(VenueOut::from)
}

pub async fn update_venue(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &VenueInput,
) -> AppResult<VenueOut> {
    let current = store.read(move |c| venues::get(c, id)).await?;
    let p = caller.principal();
    if policy::manage_area(p, current.area_id).is_none() {
        let reach = policy::offering(p).ok_or(AppError::Forbidden)?;
        if !reach.admits_venue(current.area_id, id) {
            return Err(AppError::NotFound);
        }
        return update_venue_profile(store, caller, reach, current, i).await;
    }
    let fields = || {
        let mut f = venue_fields(i)?;
        f.active = i.active.unwrap_or(current.active);
        Ok(f)
    };
    let spec = InArea {
        action: "venue.update",
        kind: "venue",
        taken: "venue_name_taken",
    };
    update_in_area(
        store,
        caller,
        current.area_id,
        id,
        spec,
        fields,
        venues::update,
        venues::get,
    )
    .await
    .map(VenueOut::from)
}

// ---------- records that live inside one area ----------

/// How a record inside an area is audited and what its name clash is called.
struct InArea {
    action: &'static str,
    kind: &'static str,
    taken: &'static str,
}

type Insert<F> = fn(&mut DbConn, &AreaScope, &F, NaiveDateTime) -> Result<Id, StoreError>;
type Update<F> = fn(&mut DbConn, &AreaScope, Id, &F) -> Result<(), StoreError>;
type Get<R> = fn(&mut DbConn, Id) -> Result<R, StoreError>;

/// Creates a record in an area the caller manages: the area must exist, the
/// caller is authorised before the input is looked at, and the record and its
/// audit entry are written in one transaction.
async fn create_in_area<F, R>(
    store: &Store,
    caller: &Caller,
    area: Id,
    spec: InArea,
    fields: impl FnOnce() -> AppResult<F>,
    insert: Insert<F>,
    get: Get<R>,
) -> AppResult<R>
where
    F: Send + 'static,
    R: Send + 'static,
{
    store.read(move |c| areas::get(c, area)).await?;
    let p = caller.principal();
    let scope =
        policy::manage_area(p, area).ok_or_else(|| super::outside(policy::manages_anything(p)))?;
    let fields = fields()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let now = now();
            let id = insert(c, &scope, &fields, now)?;
            audit::record(
                c,
                &actor,
                &event(spec.action, spec.kind, id, area, String::new()),
                now,
            )?;
            get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken(spec.taken))
}

/// Changes a record of an area the caller manages, with its audit entry.
#[allow(clippy::too_many_arguments)]
async fn update_in_area<F, R>(
    store: &Store,
    caller: &Caller,
    area: Id,
    id: Id,
    spec: InArea,
    fields: impl FnOnce() -> AppResult<F>,
    update: Update<F>,
    get: Get<R>,
) -> AppResult<R>
where
    F: Send + 'static,
    R: Send + 'static,
{
    let p = caller.principal();
    let scope =
        policy::manage_area(p, area).ok_or_else(|| super::outside(policy::manages_anything(p)))?;
    let fields = fields()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            update(c, &scope, id, &fields)?;
            audit::record(
                c,
                &actor,
                &event(spec.action, spec.kind, id, area, String::new()),
                now(),
            )?;
            get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken(spec.taken))
}

/// Venue staff edit their venue's public profile; its name and whether it
/// takes part stay the coordinator's to change.
async fn update_venue_profile(
    store: &Store,
    caller: &Caller,
    reach: policy::Reach<policy::Offering>,
    current: venues::Venue,
    i: &VenueInput,
) -> AppResult<VenueOut> {
    let mut fields = venue_fields(&VenueInput {
        name: current.name.clone(),
        ..i.clone()
    })?;
    fields.active = current.active;
    let actor = caller.actor();
    let id = current.id;
    store
        .write(move |c| {
            venues::update_profile(c, &reach, id, &fields)?;
            audit::record(
                c,
                &actor,
                &event(
                    "venue.update",
                    "venue",
                    id,
                    current.area_id,
                    "by=venue_staff".into(),
                ),
                now(),
            )?;
            Ok(venues::get(c, id)?.into())
        })
        .await
}
