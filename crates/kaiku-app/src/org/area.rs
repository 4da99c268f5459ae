//! Areas: the national administrators' to create, their coordinators' to
//! see; whether an area is in a trial or serves its own cards only is set
//! here.

use super::event;
use crate::error::{AppError, AppResult};
use crate::{Caller, Check, flex, split_list, taken};
use chrono::NaiveDate;
use kaiku_core::Id;
use kaiku_core::input::{self, InputError, NAME_MAX};
use kaiku_core::org::{Lang, parse_list};
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::{audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    /// The name in Swedish, where the area has one (Österbotten beside
    /// Pohjanmaa): the Swedish catalogue and brochure use it.
    #[serde(default)]
    pub name_sv: Option<String>,
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
    pub name_sv: Option<String>,
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
            name_sv: a.name_sv,
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
    let name_sv = c.field(
        "name_sv",
        input::optional_line(i.name_sv.as_deref(), NAME_MAX),
    );
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
        name_sv,
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
        return Err(crate::outside(crate::works_somewhere(p)));
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
