//! What readers outside an area were shown of a year's statistics, release
//! by release (R-REP-5); the forms are decided by `kaiku_core::release`.

use crate::schema::{statistics_releases as r, statistics_submissions as s};
use crate::stats::Submitted;
use crate::{DbConn, Result};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{NationalScope, Publishing};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct Release {
    pub id: Id,
    pub year: i32,
    pub seq: i32,
    /// `None` for a state of the national table.
    pub area_id: Option<Id>,
    pub submission_id: Option<Id>,
    /// For a national state: the submissions it sums, as a JSON list.
    pub sources: String,
    pub threshold: i32,
    /// The form of every count, as JSON.
    pub forms: String,
    pub released_at: NaiveDateTime,
}

pub struct NewRelease<'a> {
    pub year: i32,
    pub area: Option<Id>,
    pub submission: Option<Id>,
    pub sources: &'a str,
    pub threshold: i32,
    pub forms: &'a str,
}

/// Keeps other publishers of statistics waiting until this transaction
/// ends, so that releases follow one another (SQLite has one writer anyway).
pub fn lock(conn: &mut DbConn, _: &Publishing) -> Result<()> {
    if let DbConn::Postgres(c) = conn {
        diesel::sql_query("LOCK TABLE statistics_releases IN SHARE ROW EXCLUSIVE MODE")
            .execute(c)?;
    }
    Ok(())
}

/// Every release of a year, in the order published.
pub fn of_year(conn: &mut DbConn, _: &Publishing, year: i32) -> Result<Vec<Release>> {
    Ok(r::table
        .filter(r::year.eq(year))
        .order(r::seq)
        .select(Release::as_select())
        .load(conn)?)
}

/// Every release of a year, for the national level to read.
pub fn published(conn: &mut DbConn, _: &NationalScope, year: i32) -> Result<Vec<Release>> {
    Ok(r::table
        .filter(r::year.eq(year))
        .order(r::seq)
        .select(Release::as_select())
        .load(conn)?)
}

/// Every submission of a year, in the order submitted.
pub fn submissions(conn: &mut DbConn, _: &Publishing, year: i32) -> Result<Vec<Submitted>> {
    Ok(s::table
        .filter(s::year.eq(year))
        .order((s::submitted_at, s::id))
        .select(Submitted::as_select())
        .load(conn)?)
}

/// The next release of the year.
pub fn insert(
    conn: &mut DbConn,
    _: &Publishing,
    new: &NewRelease,
    now: NaiveDateTime,
) -> Result<Id> {
    let last: Option<i32> = r::table
        .filter(r::year.eq(new.year))
        .select(diesel::dsl::max(r::seq))
        .get_result(conn)?;
    Ok(diesel::insert_into(r::table)
        .values((
            r::year.eq(new.year),
            r::seq.eq(last.unwrap_or(0) + 1),
            r::area_id.eq(new.area),
            r::submission_id.eq(new.submission),
            r::sources.eq(new.sources),
            r::threshold.eq(new.threshold),
            r::forms.eq(new.forms),
            r::released_at.eq(now),
        ))
        .returning(r::id)
        .get_result(conn)?)
}
