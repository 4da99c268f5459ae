//! The national lists of the transfer form (mother tongues, life situations).

use crate::schema::background_options as bo;
use crate::{DbConn, Result, StoreError};
use diesel::dsl::max;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::NationalScope;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = bo)]
pub struct OptionRow {
    pub id: Id,
    pub list: String,
    pub code: String,
    pub label_fi: String,
    pub label_sv: String,
    pub label_en: String,
    pub active: bool,
    pub position: i32,
}

pub struct Labels {
    pub fi: String,
    pub sv: String,
    pub en: String,
}

/// Every entry of every list, in list order (taken-out entries too: stored
/// answers still need their labels).
pub fn all(conn: &mut DbConn) -> Result<Vec<OptionRow>> {
    Ok(bo::table
        .select(OptionRow::as_select())
        .order((bo::list, bo::position, bo::id))
        .load(conn)?)
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<OptionRow> {
    Ok(bo::table
        .find(id)
        .select(OptionRow::as_select())
        .get_result(conn)?)
}

/// How many entries of the list are in use.
pub fn in_use(conn: &mut DbConn, _: &NationalScope, list: &str) -> Result<i64> {
    Ok(bo::table
        .filter(bo::list.eq(list))
        .filter(bo::active.eq(true))
        .count()
        .get_result(conn)?)
}

/// Adds an entry at the end of its list.
pub fn create(
    conn: &mut DbConn,
    _: &NationalScope,
    list: &str,
    code: &str,
    labels: &Labels,
) -> Result<Id> {
    let last: Option<i32> = bo::table
        .filter(bo::list.eq(list))
        .select(max(bo::position))
        .get_result(conn)?;
    Ok(diesel::insert_into(bo::table)
        .values((
            bo::list.eq(list),
            bo::code.eq(code),
            bo::label_fi.eq(&labels.fi),
            bo::label_sv.eq(&labels.sv),
            bo::label_en.eq(&labels.en),
            bo::active.eq(true),
            bo::position.eq(last.unwrap_or(0) + 10),
        ))
        .returning(bo::id)
        .get_result(conn)?)
}

pub fn update(
    conn: &mut DbConn,
    _: &NationalScope,
    id: Id,
    labels: &Labels,
    active: bool,
) -> Result<()> {
    let n = diesel::update(bo::table.find(id))
        .set((
            bo::label_fi.eq(&labels.fi),
            bo::label_sv.eq(&labels.sv),
            bo::label_en.eq(&labels.en),
            bo::active.eq(active),
        ))
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
