use crate::schema::venues;
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::org::Sector;
use kaiku_core::policy::{AreaScope, Offering, Reach};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = venues)]
pub struct Venue {
    pub id: Id,
    pub area_id: Id,
    pub name: String,
    pub sector: Sector,
    pub address: Option<String>,
    pub website: Option<String>,
    pub accessibility: Option<String>,
    pub sales_channels: String,
    pub restrictions: Option<String>,
    pub free_cloakroom: bool,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub ticket_agency: Option<String>,
    pub municipality_code: Option<String>,
    pub accessibility_sv: Option<String>,
    pub accessibility_en: Option<String>,
    pub restrictions_sv: Option<String>,
    pub restrictions_en: Option<String>,
}

#[derive(Clone, Debug, AsChangeset, Insertable)]
#[diesel(table_name = venues, treat_none_as_null = true)]
pub struct VenueFields {
    pub name: String,
    pub sector: Sector,
    pub address: Option<String>,
    pub website: Option<String>,
    pub accessibility: Option<String>,
    /// Comma-separated API values of `SalesChannel`.
    pub sales_channels: String,
    pub restrictions: Option<String>,
    pub free_cloakroom: bool,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub active: bool,
    pub ticket_agency: Option<String>,
    pub municipality_code: Option<String>,
    /// The accessibility and restriction texts in Swedish and English;
    /// `accessibility` and `restrictions` are the Finnish ones.
    pub accessibility_sv: Option<String>,
    pub accessibility_en: Option<String>,
    pub restrictions_sv: Option<String>,
    pub restrictions_en: Option<String>,
}

impl VenueFields {
    /// A new active venue with only its name and sector: sold at the box
    /// office, with the free cloakroom that is the default (§10).
    pub fn new(name: &str, sector: Sector) -> VenueFields {
        VenueFields {
            name: name.into(),
            sector,
            address: None,
            website: None,
            accessibility: None,
            sales_channels: "box_office".into(),
            restrictions: None,
            free_cloakroom: true,
            contact_name: None,
            contact_phone: None,
            contact_email: None,
            active: true,
            ticket_agency: None,
            municipality_code: None,
            accessibility_sv: None,
            accessibility_en: None,
            restrictions_sv: None,
            restrictions_en: None,
        }
    }
}

pub fn create(
    conn: &mut DbConn,
    scope: &AreaScope,
    fields: &VenueFields,
    now: NaiveDateTime,
) -> Result<Id> {
    Ok(diesel::insert_into(venues::table)
        .values((
            fields,
            venues::area_id.eq(scope.area()),
            venues::created_at.eq(now),
        ))
        .returning(venues::id)
        .get_result(conn)?)
}

pub fn update(conn: &mut DbConn, scope: &AreaScope, id: Id, fields: &VenueFields) -> Result<()> {
    let n = diesel::update(
        venues::table
            .find(id)
            .filter(venues::area_id.eq(scope.area())),
    )
    .set(fields)
    .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub fn get(conn: &mut DbConn, id: Id) -> Result<Venue> {
    Ok(venues::table
        .find(id)
        .select(Venue::as_select())
        .get_result(conn)?)
}

pub fn list(conn: &mut DbConn, area: Id) -> Result<Vec<Venue>> {
    Ok(venues::table
        .filter(venues::area_id.eq(area))
        .select(Venue::as_select())
        .order(venues::name)
        .load(conn)?)
}

/// The venue's own staff keep its profile up to date; the name and whether
/// it takes part are the coordinator's (`fields` carries them unchanged).
pub fn update_profile(
    conn: &mut DbConn,
    reach: &Reach<Offering>,
    venue: Id,
    fields: &VenueFields,
) -> Result<()> {
    let area = crate::place::venue_in(conn, reach, venue)?;
    let n = diesel::update(venues::table.find(venue).filter(venues::area_id.eq(area)))
        .set(fields)
        .execute(conn)?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
