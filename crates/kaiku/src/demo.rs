//! Demo data: two areas (one in a trial), distribution points, venues and one
//! account per role with known passwords. Running it again changes nothing.

use anyhow::Result;
use chrono::NaiveDate;
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::points::{self, PointFields};
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{Actor, DbConn, Store, StoreError, accounts, audit, now};

/// (username, password, role) of every demo login.
pub type Logins = Vec<(&'static str, &'static str, &'static str)>;

pub const LOGINS: [(&str, &str, &str); 5] = [
    ("admin", "kaiku-demo-admin", "national_admin"),
    (
        "koordinaattori",
        "kaiku-demo-coordinator",
        "area_coordinator (Pohjois-Karjala)",
    ),
    (
        "jakaja",
        "kaiku-demo-issuer",
        "issuer (Joensuun sosiaalipalvelut)",
    ),
    ("kassa", "kaiku-demo-venue", "venue_staff (Teatteri Hilla)"),
    (
        "samordnare",
        "kaiku-demo-samordnare",
        "area_coordinator (Östnyland, trial)",
    ),
];

struct DemoVenue {
    name: &'static str,
    sector: &'static str,
    address: &'static str,
    channels: &'static str,
}

const NORTH_VENUES: [DemoVenue; 4] = [
    DemoVenue {
        name: "Teatteri Hilla",
        sector: "theatre",
        address: "Rantakatu 20, 80100 Joensuu",
        channels: "box_office,ticket_agency,phone",
    },
    DemoVenue {
        name: "Pohjois-Karjalan museo",
        sector: "museum",
        address: "Koskikatu 5, 80100 Joensuu",
        channels: "box_office",
    },
    DemoVenue {
        name: "Joensuun uimahalli",
        sector: "swimming_hall",
        address: "Rantakatu 30, 80100 Joensuu",
        channels: "box_office",
    },
    DemoVenue {
        name: "Joensuun kansalaisopisto",
        sector: "adult_education",
        address: "Koulukatu 11, 80100 Joensuu",
        channels: "box_office,phone",
    },
];

const EAST_VENUES: [DemoVenue; 2] = [
    DemoVenue {
        name: "Borgå teater",
        sector: "theatre",
        address: "Runebergsgatan 12, 06100 Borgå",
        channels: "box_office,ticket_agency",
    },
    DemoVenue {
        name: "Lovisa stadsmuseum",
        sector: "museum",
        address: "Parkgatan 2, 07900 Lovisa",
        channels: "box_office",
    },
];

fn area(
    c: &mut DbConn,
    name: &str,
    trial: Option<NaiveDate>,
    codes: &str,
    langs: &str,
) -> Result<i64, StoreError> {
    if let Some(a) = areas::list(c, None)?.into_iter().find(|a| a.name == name) {
        return Ok(a.id);
    }
    let fields = AreaFields {
        name: name.into(),
        trial_ends: trial,
        local_only: false,
        municipality_codes: codes.into(),
        brochure_languages: langs.into(),
    };
    let id = areas::create(c, &policy::operator_national(), &fields, now())?;
    log(c, "area.create", "area", id, id)?;
    Ok(id)
}

fn point(c: &mut DbConn, area: i64, name: &str, kind: &str) -> Result<i64, StoreError> {
    if let Some(p) = points::list(c, area)?.into_iter().find(|p| p.name == name) {
        return Ok(p.id);
    }
    let fields = PointFields {
        name: name.into(),
        kind: kind.into(),
        active: true,
    };
    let id = points::create(c, &policy::operator_area(area), &fields, now())?;
    log(c, "point.create", "distribution_point", id, area)?;
    Ok(id)
}

fn venue(c: &mut DbConn, area: i64, v: &DemoVenue) -> Result<i64, StoreError> {
    if let Some(x) = venues::list(c, area)?
        .into_iter()
        .find(|x| x.name == v.name)
    {
        return Ok(x.id);
    }
    let fields = VenueFields {
        name: v.name.into(),
        sector: v.sector.into(),
        address: Some(v.address.into()),
        website: None,
        accessibility: Some(
            "Esteetön sisäänkäynti. / Tillgänglig ingång. / Step-free entrance.".into(),
        ),
        sales_channels: v.channels.into(),
        restrictions: None,
        free_cloakroom: true,
        contact_name: None,
        contact_phone: None,
        contact_email: None,
        active: true,
    };
    let id = venues::create(c, &policy::operator_area(area), &fields, now())?;
    log(c, "venue.create", "venue", id, area)?;
    Ok(id)
}

fn log(c: &mut DbConn, action: &str, kind: &str, id: i64, area: i64) -> Result<(), StoreError> {
    audit::record(
        c,
        &Actor::system("demo"),
        &audit::Event {
            action,
            record_type: kind,
            record_id: Some(id),
            area: Some(area),
            detail: String::new(),
        },
        now(),
    )
}

fn account(c: &mut DbConn, username: &str, hash: &str, grant: Grant) -> Result<(), StoreError> {
    let id = match accounts::find_by_username(c, username)? {
        Some(a) => a.id,
        None => accounts::create(c, username, hash, now())?,
    };
    if !accounts::grants_of(c, id)?.iter().any(|g| g.grant == grant) {
        accounts::add_grant(c, id, &policy::operator_permit(grant), now())?;
    }
    Ok(())
}

pub async fn seed(store: &Store) -> Result<Logins> {
    let mut hashes = vec![];
    for (_, password, _) in LOGINS {
        hashes.push(
            kaiku_web::auth::hash_password(password.to_string())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    store
        .write(move |c| {
            let north = area(c, "Pohjois-Karjala", None, "167,276,426", "fi,sv,en")?;
            let trial_end = NaiveDate::from_ymd_opt(2027, 6, 30).expect("date");
            let east = area(
                c,
                "Östnyland – Itä-Uusimaa",
                Some(trial_end),
                "020,434,638",
                "sv,fi,en",
            )?;
            let social = point(
                c,
                north,
                "Joensuun sosiaalipalvelut",
                "municipal_social_services",
            )?;
            point(c, north, "Joensuun terveyskeskus", "health_centre")?;
            point(c, north, "Pohjois-Karjalan Setlementti", "ngo")?;
            point(c, east, "Borgå socialtjänst", "municipal_social_services")?;
            point(c, east, "Lovisa församling", "parish")?;
            let mut north_ids = vec![];
            for v in &NORTH_VENUES {
                north_ids.push(venue(c, north, v)?);
            }
            for v in &EAST_VENUES {
                venue(c, east, v)?;
            }
            let grants = [
                Grant::NationalAdmin,
                Grant::AreaCoordinator { area: north },
                Grant::Issuer {
                    area: north,
                    point: social,
                },
                Grant::VenueStaff {
                    area: north,
                    venue: north_ids[0],
                },
                Grant::AreaCoordinator { area: east },
            ];
            for ((login, hash), grant) in LOGINS.iter().zip(&hashes).zip(grants) {
                account(c, login.0, hash, grant)?;
            }
            Ok::<_, StoreError>(())
        })
        .await?;
    Ok(LOGINS.to_vec())
}
