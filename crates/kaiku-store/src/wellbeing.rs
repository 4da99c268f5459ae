//! The national well-being questions (R-WELL-1): read by anyone at work
//! (the issue screen asks them), changed by the national service only.

use crate::schema::wellbeing_questions as q;
use crate::{DbConn, Result, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::NationalScope;
use kaiku_core::wellbeing::Scale;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = q)]
pub struct Question {
    pub id: Id,
    pub scale: Scale,
    pub text_fi: String,
    pub text_sv: String,
    pub text_en: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub position: i32,
    pub created_at: NaiveDateTime,
}

impl Question {
    /// The wording in `lang`.
    pub fn text(&self, lang: kaiku_core::org::Lang) -> &str {
        match lang {
            kaiku_core::org::Lang::Fi => &self.text_fi,
            kaiku_core::org::Lang::Sv => &self.text_sv,
            kaiku_core::org::Lang::En => &self.text_en,
        }
    }
}

/// A question as the national service words it.
pub struct Fields {
    pub scale: Scale,
    pub text_fi: String,
    pub text_sv: String,
    pub text_en: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub position: i32,
}

/// Every question, in the order they are asked.
pub fn list(conn: &mut DbConn) -> Result<Vec<Question>> {
    Ok(q::table
        .select(Question::as_select())
        .order((q::position, q::id))
        .load(conn)?)
}

pub fn create(conn: &mut DbConn, _: &NationalScope, f: &Fields, now: NaiveDateTime) -> Result<Id> {
    Ok(diesel::insert_into(q::table)
        .values((
            q::scale.eq(f.scale),
            q::text_fi.eq(&f.text_fi),
            q::text_sv.eq(&f.text_sv),
            q::text_en.eq(&f.text_en),
            q::effective_from.eq(f.effective_from),
            q::effective_to.eq(f.effective_to),
            q::position.eq(f.position),
            q::created_at.eq(now),
        ))
        .returning(q::id)
        .get_result(conn)?)
}

/// Rewords a question or changes its dates. Its scale stays: answers
/// already given are codes of it.
pub fn update(conn: &mut DbConn, _: &NationalScope, id: Id, f: &Fields) -> Result<()> {
    let n = diesel::update(q::table.find(id))
        .set((
            q::text_fi.eq(&f.text_fi),
            q::text_sv.eq(&f.text_sv),
            q::text_en.eq(&f.text_en),
            q::effective_from.eq(f.effective_from),
            q::effective_to.eq(f.effective_to),
            q::position.eq(f.position),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
