//! Submitted venue usage reports (R-REP-2): frozen snapshots, one version
//! after another for the same period.

use crate::db::natively;
use crate::schema::report_submissions as rs;
use crate::{DbConn, Result};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{Reach, ReportStatus, Reports};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = rs)]
pub struct Submission {
    pub id: Id,
    pub venue_id: Id,
    pub area_id: Id,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub version: i32,
    pub submitted_at: NaiveDateTime,
    pub submitted_by: String,
    pub adults: i32,
    pub children: i32,
    pub row_count: i32,
    /// The rows as submitted, JSON.
    pub content: String,
}

pub struct NewSubmission<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: &'a str,
    pub adults: i32,
    pub children: i32,
    pub row_count: i32,
    pub content: &'a str,
}

/// The versions of a period of a venue in the reach, newest first.
pub fn versions(
    conn: &mut DbConn,
    reach: &Reach<Reports>,
    venue: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Submission>> {
    crate::place::venue_in(conn, reach, venue)?;
    Ok(rs::table
        .filter(rs::venue_id.eq(venue))
        .filter(rs::period_from.eq(from))
        .filter(rs::period_to.eq(to))
        .order(rs::version.desc())
        .select(Submission::as_select())
        .load(conn)?)
}

/// The period of a submitted report of the venue that holds `day`, if any:
/// uses of that day are settled and changed only as corrections.
pub fn covering<P: kaiku_core::policy::Purpose>(
    conn: &mut DbConn,
    reach: &Reach<P>,
    venue: Id,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    crate::place::venue_in(conn, reach, venue)?;
    covering_of(conn, venue, day)
}

/// The same for the venue of an item read at the counter a moment ago.
pub fn covering_at(
    conn: &mut DbConn,
    at: &crate::items::AtCounter,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    covering_of(conn, at.venue().id, day)
}

fn covering_of(
    conn: &mut DbConn,
    venue: Id,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, NaiveDate)>> {
    // No LIMIT: SQLite prepares a statement with a bound LIMIT anew each
    // time it is run, and a venue's periods follow one another.
    let periods: Vec<(NaiveDate, NaiveDate)> = natively!(conn, |c| rs::table
        .filter(rs::venue_id.eq(venue))
        .filter(rs::period_from.le(day))
        .filter(rs::period_to.ge(day))
        .select((rs::period_from, rs::period_to))
        .load(c))?;
    Ok(periods.into_iter().next())
}

/// Stores the next version of the period; two submitting at once cannot
/// both get the same version (the unique key refuses the second).
pub fn submit(
    conn: &mut DbConn,
    reach: &Reach<Reports>,
    venue: Id,
    s: &NewSubmission,
    now: NaiveDateTime,
) -> Result<Id> {
    let area = crate::place::venue_in(conn, reach, venue)?;
    let last = versions(conn, reach, venue, s.from, s.to)?
        .first()
        .map(|x| x.version)
        .unwrap_or(0);
    Ok(diesel::insert_into(rs::table)
        .values((
            rs::venue_id.eq(venue),
            rs::area_id.eq(area),
            rs::period_from.eq(s.from),
            rs::period_to.eq(s.to),
            rs::version.eq(last + 1),
            rs::submitted_at.eq(now),
            rs::submitted_by.eq(s.by),
            rs::adults.eq(s.adults),
            rs::children.eq(s.children),
            rs::row_count.eq(s.row_count),
            rs::content.eq(s.content),
        ))
        .returning(rs::id)
        .get_result(conn)?)
}

/// The latest version per venue of an area in the reach for exactly this
/// period.
pub fn latest_in_area(
    conn: &mut DbConn,
    reach: &Reach<ReportStatus>,
    area: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Submission>> {
    crate::place::area_in(reach, area)?;
    let all: Vec<Submission> = rs::table
        .filter(rs::area_id.eq(area))
        .filter(rs::period_from.eq(from))
        .filter(rs::period_to.eq(to))
        .order((rs::venue_id, rs::version.desc()))
        .select(Submission::as_select())
        .load(conn)?;
    let mut out: Vec<Submission> = vec![];
    for s in all {
        if out.last().is_none_or(|l| l.venue_id != s.venue_id) {
            out.push(s);
        }
    }
    Ok(out)
}
