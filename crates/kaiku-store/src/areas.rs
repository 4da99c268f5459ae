use crate::schema::areas;
use crate::{DbConn, Result};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::NationalScope;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = areas)]
pub struct Area {
    pub id: Id,
    pub name: String,
    pub trial_ends: Option<NaiveDate>,
    pub local_only: bool,
    pub municipality_codes: String,
    pub brochure_languages: String,
    pub created_at: NaiveDateTime,
    /// The name in Swedish, where the area has one (Österbotten).
    pub name_sv: Option<String>,
}

impl Area {
    /// The name a reader of `lang` knows the area by: the Swedish one in
    /// Swedish where there is one, else the name.
    pub fn name_in(&self, lang: kaiku_core::org::Lang) -> &str {
        kaiku_core::org::in_language(lang, Some(&self.name), self.name_sv.as_deref(), None)
            .map_or(&self.name, |t| t.0)
    }
}

/// The editable fields of an area.
#[derive(Clone, Debug, AsChangeset, Insertable)]
#[diesel(table_name = areas, treat_none_as_null = true)]
pub struct AreaFields {
    pub name: String,
    pub trial_ends: Option<NaiveDate>,
    pub local_only: bool,
    pub municipality_codes: String,
    pub brochure_languages: String,
    pub name_sv: Option<String>,
}

pub fn create(
    conn: &mut DbConn,
    _: &NationalScope,
    fields: &AreaFields,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(areas::table)
        .values((fields, areas::created_at.eq(now)))
        .returning(areas::id)
        .get_result(conn)?)
}

pub fn update(conn: &mut DbConn, _: &NationalScope, id: Id, fields: &AreaFields) -> Result<()> {
    let n = diesel::update(areas::table.find(id))
        .set(fields)
        .execute(conn)?;
    if n == 0 {
        Err(crate::StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Area> {
    Ok(areas::table
        .find(id)
        .select(Area::as_select())
        .get_result(conn)?)
}

/// All areas, or only those listed, by name.
pub fn list(conn: &mut DbConn, only: Option<&[Id]>) -> Result<Vec<Area>> {
    let mut q = areas::table
        .select(Area::as_select())
        .order(areas::name)
        .into_boxed();
    if let Some(ids) = only {
        q = q.filter(areas::id.eq_any(ids.to_vec()));
    }
    Ok(q.load(conn)?)
}
