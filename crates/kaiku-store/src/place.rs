//! Where a venue or point lies, as stored: the store checks a reach against
//! these, never against an area a caller named.

use crate::schema::{distribution_points, venues};
use crate::{DbConn, Result, StoreError};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{Purpose, Reach};

/// The area of a venue inside the reach; any other venue is not found.
pub fn venue_in<P: Purpose>(conn: &mut DbConn, reach: &Reach<P>, venue: Id) -> Result<Id> {
    let area: Id = venues::table
        .find(venue)
        .select(venues::area_id)
        .get_result(conn)?;
    if reach.admits_venue(area, venue) {
        Ok(area)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The area of a point inside the reach; any other point is not found.
pub fn point_in<P: Purpose>(conn: &mut DbConn, reach: &Reach<P>, point: Id) -> Result<Id> {
    let area: Id = distribution_points::table
        .find(point)
        .select(distribution_points::area_id)
        .get_result(conn)?;
    if reach.admits_point(area, point) {
        Ok(area)
    } else {
        Err(StoreError::NotFound)
    }
}

/// An area the reach holds whole.
pub fn area_in<P: Purpose>(reach: &Reach<P>, area: Id) -> Result<()> {
    if reach.admits_area(area) {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}
