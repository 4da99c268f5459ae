use crate::schema::distribution_points as dp;
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::org::PointKind;
use kaiku_core::policy::AreaScope;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = dp)]
pub struct Point {
    pub id: Id,
    pub area_id: Id,
    pub name: String,
    pub kind: PointKind,
    pub active: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Clone, Debug, AsChangeset, Insertable)]
#[diesel(table_name = dp)]
pub struct PointFields {
    pub name: String,
    pub kind: PointKind,
    pub active: bool,
}

pub fn create(
    conn: &mut DbConn,
    scope: &AreaScope,
    fields: &PointFields,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(dp::table)
        .values((fields, dp::area_id.eq(scope.area()), dp::created_at.eq(now)))
        .returning(dp::id)
        .get_result(conn)?)
}

pub fn update(conn: &mut DbConn, scope: &AreaScope, id: Id, fields: &PointFields) -> Result<()> {
    let n = diesel::update(dp::table.find(id).filter(dp::area_id.eq(scope.area())))
        .set(fields)
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Point> {
    Ok(dp::table
        .find(id)
        .select(Point::as_select())
        .get_result(conn)?)
}

pub fn list(conn: &mut DbConn, area: Id) -> Result<Vec<Point>> {
    Ok(dp::table
        .filter(dp::area_id.eq(area))
        .select(Point::as_select())
        .order(dp::name)
        .load(conn)?)
}
