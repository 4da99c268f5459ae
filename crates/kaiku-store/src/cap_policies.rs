//! Versions of the national cap table (R-CAP Decision: policy data with an
//! effective-from date, editable by the national admin).

use crate::db::natively;
use crate::schema::cap_policies as cp;
use crate::{DbConn, Result};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::cap::Policy;
use kaiku_core::policy::NationalScope;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = cp)]
struct Row {
    id: Id,
    effective_from: NaiveDate,
    default_percent: i32,
    small_max_capacity: i32,
    small_min_cap: i32,
    very_small_max_capacity: Option<i32>,
    large_min_capacity: i32,
    large_min_cap: i32,
    swimming_min_cap: Option<i32>,
    guest_min_cap: i32,
    guest_max_cap: i32,
    child_age_under: i32,
    suppression_threshold: i32,
}

fn u(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn i(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl Row {
    fn policy(&self) -> (Id, Policy) {
        (
            self.id,
            Policy {
                effective_from: self.effective_from,
                default_percent: u(self.default_percent),
                small_max_capacity: u(self.small_max_capacity),
                small_min_cap: u(self.small_min_cap),
                very_small_max_capacity: self.very_small_max_capacity.map(u),
                large_min_capacity: u(self.large_min_capacity),
                large_min_cap: u(self.large_min_cap),
                swimming_min_cap: self.swimming_min_cap.map(u),
                guest_min_cap: u(self.guest_min_cap),
                guest_max_cap: u(self.guest_max_cap),
                child_age_under: u(self.child_age_under),
                suppression_threshold: u(self.suppression_threshold),
            },
        )
    }
}

/// Every version, oldest first.
pub fn all(conn: &mut DbConn) -> Result<Vec<(Id, Policy)>> {
    let rows: Vec<Row> = natively!(conn, |c| cp::table
        .select(Row::as_select())
        .order(cp::effective_from)
        .load(c))?;
    Ok(rows.iter().map(Row::policy).collect())
}

/// Adds a version taking effect on its date (one version per date).
pub fn create(conn: &mut DbConn, _: &NationalScope, p: &Policy, now: NaiveDateTime) -> Result<Id> {
    Ok(diesel::insert_into(cp::table)
        .values((
            cp::effective_from.eq(p.effective_from),
            cp::default_percent.eq(i(p.default_percent)),
            cp::small_max_capacity.eq(i(p.small_max_capacity)),
            cp::small_min_cap.eq(i(p.small_min_cap)),
            cp::very_small_max_capacity.eq(p.very_small_max_capacity.map(i)),
            cp::large_min_capacity.eq(i(p.large_min_capacity)),
            cp::large_min_cap.eq(i(p.large_min_cap)),
            cp::swimming_min_cap.eq(p.swimming_min_cap.map(i)),
            cp::guest_min_cap.eq(i(p.guest_min_cap)),
            cp::guest_max_cap.eq(i(p.guest_max_cap)),
            cp::child_age_under.eq(i(p.child_age_under)),
            cp::suppression_threshold.eq(i(p.suppression_threshold)),
            cp::created_at.eq(now),
        ))
        .returning(cp::id)
        .get_result(conn)?)
}
