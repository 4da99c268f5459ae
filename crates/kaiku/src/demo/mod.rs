//! Demo data: two areas (one in a trial), distribution points, venues and one
//! account per role with known passwords. Running it again changes nothing.
//!
//! The places, accounts and the order of seeding are here; the cards, the
//! season's offering and the past year's uses are modules of their own.

mod history;
mod issued;
mod offering;
mod uses;

use issued::issue_demo_cards;
use offering::seed_offering;
use uses::seed_uses;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use kaiku_core::code::{Check, Series};
use kaiku_core::grant::Grant;
use kaiku_core::policy::{
    self, Accounts, BoxOffice, CardLookup, CardRecords, Issuing, Offering, Operator, Principal,
    Reach, Stock,
};
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::cards;
use kaiku_store::points::{self, PointFields};
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{Actor, DbConn, Store, StoreError, accounts, audit, now};

/// The operator's reaches, for writing the demo straight into the store.
struct Op {
    p: Principal,
    accounts: Reach<Accounts>,
    stock: Reach<Stock>,
    issuing: Reach<Issuing>,
    records: Reach<CardRecords>,
    offering: Reach<Offering>,
    box_office: Reach<BoxOffice>,
    lookup: CardLookup,
}

impl Op {
    fn new(op: &Operator) -> Op {
        let p = Principal::operator(op);
        let everything = "the operator reaches everything";
        Op {
            accounts: policy::accounts(&p).expect(everything),
            stock: policy::stock(&p).expect(everything),
            issuing: policy::issuing(&p).expect(everything),
            records: policy::card_records(&p).expect(everything),
            offering: policy::offering(&p).expect(everything),
            box_office: policy::box_office(&p).expect(everything),
            lookup: policy::card_lookup(&p).expect(everything),
            p,
        }
    }
}

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
    op: &Op,
    (name, name_sv): (&str, &str),
    trial: Option<NaiveDate>,
    codes: &str,
    langs: &str,
) -> Result<i64, StoreError> {
    if let Some(a) = areas::list(c, None)?.into_iter().find(|a| a.name == name) {
        return Ok(a.id);
    }
    let fields = AreaFields {
        name: name.into(),
        name_sv: Some(name_sv.into()),
        trial_ends: trial,
        local_only: false,
        municipality_codes: codes.into(),
        brochure_languages: langs.into(),
    };
    let national = policy::national(&op.p).expect("the operator is national");
    let id = areas::create(c, &national, &fields, now())?;
    log(c, "area.create", "area", id, id)?;
    Ok(id)
}

fn point(c: &mut DbConn, op: &Op, area: i64, name: &str, kind: &str) -> Result<i64, StoreError> {
    if let Some(p) = points::list(c, area)?.into_iter().find(|p| p.name == name) {
        return Ok(p.id);
    }
    let fields = PointFields {
        name: name.into(),
        kind: kind.parse().expect("a point kind of the demo"),
        active: true,
    };
    let scope = policy::manage_area(&op.p, area).expect("the operator manages every area");
    let id = points::create(c, &scope, &fields, now())?;
    log(c, "point.create", "distribution_point", id, area)?;
    Ok(id)
}

fn venue(c: &mut DbConn, op: &Op, area: i64, v: &DemoVenue) -> Result<i64, StoreError> {
    if let Some(x) = venues::list(c, area)?
        .into_iter()
        .find(|x| x.name == v.name)
    {
        return Ok(x.id);
    }
    let fields = VenueFields {
        name: v.name.into(),
        sector: v.sector.parse().expect("a sector of the demo"),
        address: Some(v.address.into()),
        website: None,
        accessibility: Some("Esteetön sisäänkäynti.".into()),
        accessibility_sv: Some("Tillgänglig ingång.".into()),
        accessibility_en: Some("Step-free entrance.".into()),
        sales_channels: v.channels.into(),
        restrictions: None,
        restrictions_sv: None,
        restrictions_en: None,
        free_cloakroom: true,
        contact_name: None,
        contact_phone: None,
        contact_email: None,
        active: true,
        ticket_agency: v
            .channels
            .contains("ticket_agency")
            .then(|| "Lippupiste".to_string()),
        municipality_code: Some(
            if v.address.contains("Joensuu") {
                "167"
            } else if v.address.contains("Lovisa") {
                "434"
            } else {
                "638"
            }
            .to_string(),
        ),
    };
    let scope = policy::manage_area(&op.p, area).expect("the operator manages every area");
    let id = venues::create(c, &scope, &fields, now())?;
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

fn account(
    c: &mut DbConn,
    op: &Op,
    username: &str,
    hash: &str,
    grant: Grant,
) -> Result<(), StoreError> {
    let home = policy::new_account(&op.p, &[grant], false).expect("the operator makes accounts");
    let account = match accounts::find_by_username(c, &op.accounts, username)? {
        Some(a) => a,
        // The demo's passwords are printed for whoever tries it: no change
        // is asked for at the first login.
        None => {
            let id = accounts::create(c, &home, username, hash, false, now())?;
            accounts::get(c, &op.accounts, id)?
        }
    };
    let grants = accounts::grants_of(c, &op.accounts, account.id)?;
    if !grants.iter().any(|g| g.grant == grant) {
        let permit =
            policy::permit_grant(&op.p, account.id, account.home_area_id, &[], grant, true)
                .expect("the operator gives any grant");
        accounts::add_grant(c, &permit, now())?;
    }
    Ok(())
}

/// A small deterministic generator, so that the demo is the same every time.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

pub async fn seed(store: &Store, operator: &Operator) -> Result<Logins> {
    let op = Op::new(operator);
    let mut hashes = vec![];
    for (_, password, _) in LOGINS {
        hashes.push(
            kaiku_app::session::hash_password(password.to_string())
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    store
        .write(move |c| {
            let op = &op;
            let north = area(
                c,
                op,
                ("Pohjois-Karjala", "Norra Karelen"),
                None,
                "167,276,426",
                "fi,sv,en",
            )?;
            let trial_end = NaiveDate::from_ymd_opt(2027, 6, 30).expect("date");
            let east = area(
                c,
                op,
                ("Itä-Uusimaa", "Östnyland"),
                Some(trial_end),
                "407,434,638",
                "sv,fi,en",
            )?;
            let social = point(
                c,
                op,
                north,
                "Joensuun sosiaalipalvelut",
                "municipal_social_services",
            )?;
            point(c, op, north, "Joensuun terveyskeskus", "health_centre")?;
            point(c, op, north, "Pohjois-Karjalan Setlementti", "ngo")?;
            point(
                c,
                op,
                east,
                "Borgå socialtjänst",
                "municipal_social_services",
            )?;
            point(c, op, east, "Lovisa församling", "parish")?;
            let mut north_ids = vec![];
            for v in &NORTH_VENUES {
                north_ids.push(venue(c, op, north, v)?);
            }
            for v in &EAST_VENUES {
                venue(c, op, east, v)?;
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
                account(c, op, login.0, hash, grant)?;
            }
            let health = points::list(c, north)?
                .into_iter()
                .find(|p| p.kind == kaiku_core::org::PointKind::HealthCentre)
                .map(|p| p.id);
            let east_point = points::list(c, east)?.first().map(|p| p.id);
            // The national well-being question, asked since the start of
            // the year before last: both years the areas submitted show it.
            if kaiku_store::wellbeing::list(c)?.is_empty() {
                let national = kaiku_core::policy::national(&op.p).expect("the operator is national");
                kaiku_store::wellbeing::create(
                    c,
                    &national,
                    &kaiku_store::wellbeing::Fields {
                        scale: kaiku_core::wellbeing::Scale::Frequency,
                        text_fi: "Kuinka usein osallistuit kulttuuritapahtumiin viimeisen 12 kuukauden aikana?".into(),
                        text_sv: "Hur ofta deltog du i kulturevenemang under de senaste 12 månaderna?".into(),
                        text_en: "How often did you take part in cultural events in the last 12 months?".into(),
                        effective_from: NaiveDate::from_ymd_opt(
                            chrono::Utc::now().date_naive().year() - 2,
                            1,
                            1,
                        )
                        .expect("a day"),
                        effective_to: None,
                        position: 1,
                    },
                    now(),
                )?;
            }
            if cards::list_series(c, &op.stock, north)?.is_empty() {
                let series = Series::new("E", 1, 1000, Some(4), Check::None).expect("demo series");
                let id = cards::create_series(c, &op.stock, north, &series, now())?;
                cards::allocate(c, &op.stock, id, social, 1, 300, now())?;
                if let Some(h) = health {
                    cards::allocate(c, &op.stock, id, h, 301, 500, now())?;
                }
                let numeric =
                    Series::new("", 10001, 10200, None, Check::None).expect("demo series");
                cards::create_series(c, &op.stock, north, &numeric, now())?;
                issue_demo_cards(c, op, north, None, social, &series, 1..=260)?;
                if let Some(h) = health {
                    issue_demo_cards(c, op, north, None, h, &series, 301..=360)?;
                }
            }
            seed_offering(c, op, &north_ids)?;
            seed_uses(c, op, north, &north_ids)?;
            if let Some(p) = east_point
                && cards::list_series(c, &op.stock, east)?.is_empty()
            {
                let series = Series::new("ON", 1, 300, Some(3), Check::Mod37).expect("demo series");
                cards::create_series(c, &op.stock, east, &series, now())?;
                issue_demo_cards(c, op, east, Some(trial_end), p, &series, 1..=80)?;
            }
            Ok::<_, StoreError>(())
        })
        .await?;
    history::seed_history(store, operator).await?;
    Ok(LOGINS.to_vec())
}
