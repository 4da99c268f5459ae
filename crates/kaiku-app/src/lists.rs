//! The national lists of the transfer form (SPEC §4.2 Decisions): mother
//! tongues by ISO 639 code and life situations, kept as data that the
//! national admin edits. Answers already stored keep their codes and labels.

use super::Check;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::flex;
use kaiku_core::Id;
use kaiku_core::background::{self, List};
use kaiku_core::input::{self, InputError, NAME_MAX};
use kaiku_core::org::Lang;
use kaiku_core::policy;
use kaiku_store::background_options::{self, Labels, OptionRow};
use kaiku_store::{DbConn, StoreError, audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every list with its entries, as loaded for one request.
#[derive(Clone, Debug, Default)]
pub struct Lists(Vec<OptionRow>);

impl Lists {
    pub fn load(c: &mut DbConn) -> Result<Lists, StoreError> {
        Ok(Lists(background_options::all(c)?))
    }

    pub fn entries(&self, list: List) -> impl Iterator<Item = &OptionRow> {
        self.0.iter().filter(move |o| o.list == list.as_ref())
    }

    /// The codes a new answer may use.
    pub fn active_codes(&self, list: List) -> Vec<String> {
        self.entries(list)
            .filter(|o| o.active)
            .map(|o| o.code.clone())
            .collect()
    }

    /// The label of a stored code in a language (the code itself if unknown).
    pub fn label(&self, list: List, code: &str, lang: Lang) -> String {
        self.entries(list)
            .find(|o| o.code == code)
            .map(|o| label_of(o, lang).to_string())
            .unwrap_or_else(|| code.to_string())
    }
}

pub fn label_of(o: &OptionRow, lang: Lang) -> &str {
    match lang {
        Lang::Fi => &o.label_fi,
        Lang::Sv => &o.label_sv,
        Lang::En => &o.label_en,
    }
}

pub async fn load(store: &Store) -> AppResult<Lists> {
    Ok(store.read(Lists::load).await?)
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OptionOut {
    pub id: Id,
    pub list: String,
    pub code: String,
    pub label_fi: String,
    pub label_sv: String,
    pub label_en: String,
    pub active: bool,
}

impl From<&OptionRow> for OptionOut {
    fn from(o: &OptionRow) -> Self {
        OptionOut {
            id: o.id,
            list: o.list.clone(),
            code: o.code.clone(),
            label_fi: o.label_fi.clone(),
            label_sv: o.label_sv.clone(),
            label_en: o.label_en.clone(),
            active: o.active,
        }
    }
}

/// Anyone at work may read the lists (issuers need them on the form).
pub async fn list(store: &Store, caller: &Caller) -> AppResult<Vec<OptionOut>> {
    if !policy::read_national_policy(caller.principal()) {
        return Err(AppError::Forbidden);
    }
    Ok(load(store).await?.0.iter().map(OptionOut::from).collect())
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    /// `mother_tongue` or `life_situation`.
    #[serde(default)]
    pub list: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    #[schema(required = true)]
    pub label_fi: String,
    #[serde(default)]
    #[schema(required = true)]
    pub label_sv: String,
    #[serde(default)]
    #[schema(required = true)]
    pub label_en: String,
    #[serde(default, deserialize_with = "flex::opt_bool")]
    pub active: Option<bool>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

fn labels(i: &OptionInput, f: &mut Check) -> Labels {
    Labels {
        fi: f.field("label_fi", input::line(&i.label_fi, NAME_MAX)),
        sv: f.field("label_sv", input::line(&i.label_sv, NAME_MAX)),
        en: f.field("label_en", input::line(&i.label_en, NAME_MAX)),
    }
}

pub async fn create(store: &Store, caller: &Caller, i: &OptionInput) -> AppResult<OptionOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let mut f = Check::default();
    let list = f.field(
        "list",
        i.list
            .trim()
            .parse::<List>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    let code = match list {
        Some(l) => f.bg("code", background::option_code(l, &i.code)),
        None => String::new(),
    };
    let labels = labels(i, &mut f);
    f.finish()?;
    let list = list.unwrap_or(List::MotherTongue);
    let actor = caller.actor();
    store
        .write(move |c| {
            room_in(c, &scope, list.as_ref())?;
            let id = background_options::create(c, &scope, list.as_ref(), &code, &labels)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "background_option.create",
                    record_type: "background_option",
                    record_id: Some(id),
                    area: None,
                    detail: format!("list={} code={code}", list.as_ref()),
                },
                now(),
            )?;
            Ok(OptionOut::from(&background_options::get(c, id)?))
        })
        .await
        .map_err(super::taken("option_exists"))
}

/// Refuses one more entry in use where the list has as many as it may.
fn room_in(c: &mut DbConn, scope: &policy::NationalScope, list: &str) -> AppResult<()> {
    if background_options::in_use(c, scope, list)? >= background::MAX_IN_USE as i64 {
        return Err(AppError::Conflict("list_full"));
    }
    Ok(())
}

pub async fn update(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &OptionInput,
) -> AppResult<OptionOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let current = store.read(move |c| background_options::get(c, id)).await?;
    let mut f = Check::default();
    let labels = labels(i, &mut f);
    f.finish()?;
    let active = i.active.unwrap_or(current.active);
    if !active && !background::may_take_out_of_use(&current.code) {
        return Err(AppError::Conflict("option_fixed"));
    }
    let actor = caller.actor();
    store
        .write(move |c| {
            if active && !current.active {
                room_in(c, &scope, &current.list)?;
            }
            background_options::update(c, &scope, id, &labels, active)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "background_option.update",
                    record_type: "background_option",
                    record_id: Some(id),
                    area: None,
                    detail: format!("active={active}"),
                },
                now(),
            )?;
            Ok(OptionOut::from(&background_options::get(c, id)?))
        })
        .await
}
