//! The public catalogue (SPEC §9): per area, or the whole country, what card
//! holders can attend, with every restriction the model allows shown. No
//! login, and nothing but public data: never a contact person, never stock.

use super::items::helsinki;
use kaiku_store::Store;

use crate::error::{AppError, AppResult};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use kaiku_core::Id;
use kaiku_core::input;
use kaiku_core::org::{Category, Lang, SalesChannel, Sector, in_language};
use kaiku_core::policy;
use kaiku_core::window;
use kaiku_store::items::{self, Item};
use kaiku_store::{areas, venues};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How far ahead the catalogue looks when no end date is given.
pub const DEFAULT_DAYS: i64 = 92;
/// The longest period one catalogue shows: the work of an answer stays the
/// same however long the register's history grows.
pub const MAX_DAYS: i64 = 366;

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    #[serde(default)]
    #[param(value_type = Option<Sector>)]
    pub sector: Option<String>,
    /// A municipality's three-digit code.
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
    /// The whole country's catalogue narrowed to one area.
    #[serde(default)]
    #[param(value_type = Option<i64>)]
    pub area: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaPublic {
    pub id: Id,
    pub name: String,
    /// The name in Swedish, where the area has one.
    pub name_sv: Option<String>,
    pub trial_ends: Option<NaiveDate>,
    /// R-AREA-1: cards of this area work only at its own venues.
    pub local_only: bool,
    pub municipality_codes: Vec<String>,
    #[schema(value_type = Vec<Lang>)]
    pub brochure_languages: Vec<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemPublic {
    pub id: Id,
    #[serde(rename = "type")]
    pub kind: kaiku_core::usage::ItemKind,
    pub title: String,
    pub starts_at: DateTime<FixedOffset>,
    pub cap: Option<i32>,
    pub booking_opens_at: Option<DateTime<FixedOffset>>,
    pub redemption_opens_at: Option<DateTime<FixedOffset>>,
    pub sold_out: bool,
}

/// An item a venue excluded, with the reason it gave (§7.2.1).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Exclusion {
    pub title: String,
    pub starts_at: DateTime<FixedOffset>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VenuePublic {
    pub id: Id,
    pub area: Id,
    pub name: String,
    #[schema(value_type = Sector)]
    pub sector: kaiku_core::org::Sector,
    #[schema(value_type = Category)]
    pub category: kaiku_core::org::Category,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub website: Option<String>,
    /// Accessibility and restrictions in Finnish, and in Swedish and
    /// English where the venue wrote them.
    pub accessibility: Option<String>,
    pub accessibility_sv: Option<String>,
    pub accessibility_en: Option<String>,
    #[schema(value_type = Vec<SalesChannel>)]
    pub sales_channels: Vec<String>,
    pub ticket_agency: Option<String>,
    pub restrictions: Option<String>,
    pub restrictions_sv: Option<String>,
    pub restrictions_en: Option<String>,
    pub free_cloakroom: bool,
    /// R-VENUE-1: always.
    pub free_assistant_entry: bool,
    pub items: Vec<ItemPublic>,
    pub exclusions: Vec<Exclusion>,
}

impl AreaPublic {
    /// The name a reader of `lang` knows the area by.
    pub fn name_in(&self, lang: Lang) -> &str {
        in_language(lang, Some(&self.name), self.name_sv.as_deref(), None)
            .map_or(&self.name, |t| t.0)
    }
}

impl VenuePublic {
    pub fn accessibility_in(&self, lang: Lang) -> Option<(&str, Lang)> {
        in_language(
            lang,
            self.accessibility.as_deref(),
            self.accessibility_sv.as_deref(),
            self.accessibility_en.as_deref(),
        )
    }

    pub fn restrictions_in(&self, lang: Lang) -> Option<(&str, Lang)> {
        in_language(
            lang,
            self.restrictions.as_deref(),
            self.restrictions_sv.as_deref(),
            self.restrictions_en.as_deref(),
        )
    }
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct Catalogue {
    pub areas: Vec<AreaPublic>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub venues: Vec<VenuePublic>,
}

fn item_public(i: &Item) -> ItemPublic {
    let (booking, redemption) = super::items::windows(i);
    ItemPublic {
        id: i.id,
        kind: i.kind,
        title: i.title.clone(),
        starts_at: helsinki(i.starts_at.and_utc()),
        cap: i.cap,
        booking_opens_at: booking,
        redemption_opens_at: redemption,
        sold_out: i.sold_out,
    }
}

/// The municipalities an area lists (public, as its catalogue shows them).
pub async fn area_municipalities(store: &Store, area: Id) -> AppResult<Vec<String>> {
    let a = store.read(move |c| areas::get(c, area)).await?;
    Ok(super::split_list(&a.municipality_codes))
}

/// The catalogue of one area, or with `area` `None` of the whole country.
pub async fn catalogue(store: &Store, area: Option<Id>, f: &Filter) -> AppResult<Catalogue> {
    let today = super::today();
    let from = input::optional_date(f.from.as_deref())
        .map_err(|e| AppError::field("from", e))?
        .unwrap_or(today);
    let to = input::optional_date(f.to.as_deref())
        .map_err(|e| AppError::field("to", e))?
        .unwrap_or(from + Duration::days(DEFAULT_DAYS));
    // A reversed period would list nothing without saying why.
    if to < from {
        return Err(AppError::Invalid(vec![crate::error::FieldError {
            field: "to",
            code: "period_order",
            rule: None,
            args: vec![],
        }]));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(AppError::Invalid(vec![crate::error::FieldError {
            field: "to",
            code: "catalogue_period_too_long",
            rule: None,
            args: vec![("days", MAX_DAYS.to_string())],
        }]));
    }
    let sector = match f.sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse::<Sector>()
                .ok()
                .ok_or(AppError::field("sector", input::InputError::InvalidChoice))?,
        ),
        None => None,
    };
    let municipality = f
        .municipality
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    // A code that can be no municipality's would list nothing without saying why.
    if let Some(m) = &municipality {
        input::municipality_codes(m).map_err(|e| AppError::field("municipality", e))?;
    }
    store
        .read(move |c| {
            let all_areas = areas::list(c, None)?;
            let chosen: Vec<_> = match area {
                Some(a) => {
                    let one = all_areas
                        .into_iter()
                        .find(|x| x.id == a)
                        .ok_or(AppError::NotFound)?;
                    vec![one]
                }
                None => all_areas,
            };
            let ids: Vec<Id> = chosen.iter().map(|a| a.id).collect();
            let mut list = vec![];
            for a in &ids {
                list.extend(venues::list(c, *a)?.into_iter().filter(|v| v.active));
            }
            let list: Vec<_> = list
                .into_iter()
                .filter(|v| sector.is_none_or(|s| v.sector == s))
                .filter(|v| {
                    municipality
                        .as_ref()
                        .is_none_or(|m| v.municipality_code.as_ref() == Some(m))
                })
                .collect();
            let start = window::start_of_day(from).naive_utc();
            let end = window::start_of_day(to + Duration::days(1)).naive_utc();
            let all_items = items::list_between(c, &policy::catalogue(), Some(&ids), start, end)?;
            let venues_out = list
                .into_iter()
                .map(|v| {
                    let mine = all_items.iter().filter(|i| i.venue_id == v.id);
                    let (excluded, open): (Vec<&Item>, Vec<&Item>) = mine.partition(|i| i.excluded);
                    VenuePublic {
                        id: v.id,
                        area: v.area_id,
                        category: v.sector.category(),
                        name: v.name,
                        sector: v.sector,
                        address: v.address,
                        municipality_code: v.municipality_code,
                        website: v.website,
                        accessibility: v.accessibility,
                        accessibility_sv: v.accessibility_sv,
                        accessibility_en: v.accessibility_en,
                        sales_channels: super::split_list(&v.sales_channels),
                        ticket_agency: v.ticket_agency,
                        restrictions: v.restrictions,
                        restrictions_sv: v.restrictions_sv,
                        restrictions_en: v.restrictions_en,
                        free_cloakroom: v.free_cloakroom,
                        free_assistant_entry: true,
                        items: open.into_iter().map(item_public).collect(),
                        exclusions: excluded
                            .into_iter()
                            .map(|i| Exclusion {
                                title: i.title.clone(),
                                starts_at: helsinki(i.starts_at.and_utc()),
                                reason: i.exclusion_reason.clone().unwrap_or_default(),
                            })
                            .collect(),
                    }
                })
                .collect();
            Ok(Catalogue {
                areas: chosen
                    .into_iter()
                    .map(|a| AreaPublic {
                        id: a.id,
                        name: a.name,
                        name_sv: a.name_sv,
                        trial_ends: a.trial_ends,
                        local_only: a.local_only,
                        municipality_codes: super::split_list(&a.municipality_codes),
                        brochure_languages: super::split_list(&a.brochure_languages),
                    })
                    .collect(),
                from,
                to,
                venues: venues_out,
            })
        })
        .await
}
