//! Venues: where cards are used, in an area. Their public profile is their
//! own staff's to keep; their name and taking part are the coordinator's.

use super::{InArea, create_in_area, event, get_area, update_in_area};
use crate::error::{AppError, AppResult};
use crate::{Caller, Check, flex, split_list};
use kaiku_core::Id;
use kaiku_core::input::{self, InputError, NAME_MAX, TEXT_MAX};
use kaiku_core::org::{Category, SalesChannel, Sector, parse_list};
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    /// Accessibility in Finnish; `…_sv` and `…_en` in Swedish and English.
    /// A reader sees the text of their language, else another one.
    #[serde(default)]
    pub accessibility: Option<String>,
    #[serde(default)]
    pub accessibility_sv: Option<String>,
    #[serde(default)]
    pub accessibility_en: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<SalesChannel>)]
    pub sales_channels: Vec<String>,
    /// Restrictions in Finnish, Swedish and English, as for accessibility.
    #[serde(default)]
    pub restrictions: Option<String>,
    #[serde(default)]
    pub restrictions_sv: Option<String>,
    #[serde(default)]
    pub restrictions_en: Option<String>,
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
    pub accessibility_sv: Option<String>,
    pub accessibility_en: Option<String>,
    #[schema(value_type = Vec<SalesChannel>)]
    pub sales_channels: Vec<String>,
    pub restrictions: Option<String>,
    pub restrictions_sv: Option<String>,
    pub restrictions_en: Option<String>,
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
            accessibility_sv: v.accessibility_sv,
            accessibility_en: v.accessibility_en,
            sales_channels: split_list(&v.sales_channels),
            restrictions: v.restrictions,
            restrictions_sv: v.restrictions_sv,
            restrictions_en: v.restrictions_en,
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
    let mut text = |field: &'static str, v: &Option<String>| {
        c.field(field, input::optional_text(v.as_deref(), TEXT_MAX))
    };
    let accessibility = text("accessibility", &i.accessibility);
    let accessibility_sv = text("accessibility_sv", &i.accessibility_sv);
    let accessibility_en = text("accessibility_en", &i.accessibility_en);
    let restrictions = text("restrictions", &i.restrictions);
    let restrictions_sv = text("restrictions_sv", &i.restrictions_sv);
    let restrictions_en = text("restrictions_en", &i.restrictions_en);
    let channels = c.field(
        "sales_channels",
        parse_list(&i.sales_channels, |s: &str| s.parse::<SalesChannel>().ok())
            .ok_or(InputError::InvalidChoice),
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
        accessibility_sv,
        accessibility_en,
        restrictions_sv,
        restrictions_en,
    })
}

pub async fn list_venues(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<VenueOut>> {
    get_area(store, caller, area).await?;
    let list = store.read(move |c| venues::list(c, area)).await?;
    // A venue's contact person is for those who run the venue and its area,
    // not for the staff of the venue next door.
    let offering = policy::offering(caller.principal());
    Ok(list
        .into_iter()
        .map(|v| {
            let own = offering
                .as_ref()
                .is_some_and(|r| r.admits_venue(v.area_id, v.id));
            let mut out = VenueOut::from(v);
            if !own {
                out.contact_name = None;
                out.contact_phone = None;
                out.contact_email = None;
            }
            out
        })
        .collect())
}

pub async fn get_venue(store: &Store, caller: &Caller, id: Id) -> AppResult<VenueOut> {
    let p = caller.principal();
    let venue = store.read(move |c| venues::get(c, id)).await?;
    if !policy::view_venue(p, venue.area_id, id) {
        return Err(crate::outside(crate::works_somewhere(p)));
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
