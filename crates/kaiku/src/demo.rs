//! Demo data: two areas (one in a trial), distribution points, venues and one
//! account per role with known passwords. Running it again changes nothing.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use kaiku_core::background::LIFE_SITUATIONS;
use kaiku_core::code::{Check, Series};
use kaiku_core::grant::Grant;
use kaiku_core::policy::{
    self, Accounts, BoxOffice, CardLookup, CardRecords, Issuing, Offering, Operator, Principal,
    Reach, Stock,
};
use kaiku_core::validity::valid_until;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::cards::{self, NewEvent};
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
        let permit = policy::permit_grant(&op.p, account.id, account.home_area_id, grant, true)
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

/// Issues the numbered cards of a series with varied background data: grant
/// dates over the last eighteen months (so some have expired), a few
/// community cards and a few voided ones.
fn issue_demo_cards(
    c: &mut DbConn,
    op: &Op,
    area: i64,
    trial: Option<NaiveDate>,
    point: i64,
    series: &Series,
    numbers: std::ops::RangeInclusive<i64>,
) -> Result<(), StoreError> {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ (area as u64) << 7 ^ (point as u64));
    let today = chrono::Utc::now().date_naive();
    for n in numbers {
        let code = series.code(n);
        let Some(card) = cards::lookup(c, &op.lookup, &code)? else {
            continue;
        };
        let grant = today - chrono::Duration::days(dice.next(540) as i64);
        let community = dice.next(40) == 0;
        let until = valid_until(grant, trial);
        let children = if community {
            None
        } else {
            Some([0, 0, 0, 1, 1, 2, 3, 4][dice.next(8)])
        };
        let g = cards::Grant {
            kind: if community {
                kaiku_core::card::Kind::Community
            } else {
                kaiku_core::card::Kind::Personal
            },
            point,
            grant_date: grant,
            valid_until: until,
            minor_children: children,
        };
        let mut situations: Vec<&str> = (0..1 + dice.next(2))
            .map(|_| dice.pick(&LIFE_SITUATIONS[..12]))
            .collect();
        situations.sort_by_key(|s| LIFE_SITUATIONS.iter().position(|l| l == s));
        situations.dedup();
        let postal = [
            "80100",
            "80110",
            "80200",
            "80230",
            "81700",
            "82500",
            "83500",
            "no_permanent_address",
            "not_stated",
        ];
        let mut event = NewEvent {
            card_id: card.id,
            event: kaiku_core::card::Event::Issued,
            at: now(),
            distribution_point_id: Some(point),
            area_id: area,
            kind: Some(g.kind),
            grant_date: Some(grant),
            valid_until: Some(until),
            ..Default::default()
        };
        if !community {
            event.birth_year = Some(today.year() - 17 - dice.next(70) as i32);
            event.mother_tongue = Some(
                dice.pick(
                    &[
                        "fi",
                        "fi",
                        "fi",
                        "fi",
                        "sv",
                        "ru",
                        "ar",
                        "so",
                        "et",
                        "uk",
                        "fa",
                        "not_stated",
                    ][..],
                )
                .into(),
            );
            event.gender = Some(
                dice.pick(&["woman", "woman", "man", "man", "other", "not_stated"][..])
                    .into(),
            );
            event.postal_code = Some(dice.pick(&postal).into());
            event.minor_children = children;
            event.life_situations = Some(situations.join(","));
        }
        cards::issue(c, &op.issuing, card.id, &g, &event, now())?;
        if dice.next(30) == 0 {
            let voided = NewEvent {
                card_id: card.id,
                event: kaiku_core::card::Event::Voided,
                at: now(),
                area_id: area,
                void_reason: Some(dice.pick(&["lost", "destroyed", "returned"][..]).into()),
                ..Default::default()
            };
            cards::void(c, &op.records, &code, &voided, now())?;
        }
    }
    Ok(())
}

/// An item with no windows, open and not sold out.
fn demo_item(
    kind: &str,
    title: &str,
    starts_at: chrono::NaiveDateTime,
    capacity: i32,
    class: &str,
    cap: Option<i32>,
) -> kaiku_store::items::ItemFields {
    kaiku_store::items::ItemFields {
        kind: kind.parse().expect("an item kind of the demo"),
        title: title.into(),
        starts_at,
        capacity,
        class: class.parse().expect("a cap class of the demo"),
        cap,
        booking_opens_days_before: None,
        redeem_opens_minutes_before: None,
        sold_out: false,
        excluded: false,
        exclusion_reason: None,
    }
}

/// A season of offering across the cap classes, so the catalogue is full.
fn seed_offering(c: &mut DbConn, op: &Op, venue_ids: &[i64]) -> Result<(), StoreError> {
    use kaiku_store::items::{self, ItemFields};
    let [hilla, museum, pool, college] = venue_ids else {
        return Ok(());
    };
    if !items::list_for_venue(c, &op.offering, *hilla, None, 1)?.is_empty() {
        return Ok(());
    }
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let at = |days: i64, hour: u32| {
        kaiku_core::window::from_local(today + chrono::Duration::days(days), hour, 0)
            .expect("time")
            .naive_utc()
    };
    let item = demo_item;
    let mut add = |venue: i64, f: ItemFields, series: Option<&str>| {
        items::create(c, &op.offering, venue, &f, series, now()).map(|_| ())
    };
    // A Saturday show for two months, bookable a month ahead, collected half an hour before.
    for week in 0..8 {
        let mut f = item(
            "event",
            "Trollkarlen Matti",
            at(3 + 7 * week, 14),
            400,
            "default",
            Some(20),
        );
        f.booking_opens_days_before = Some(30);
        f.redeem_opens_minutes_before = Some(30);
        add(*hilla, f, Some("demo-matti"))?;
    }
    add(
        *hilla,
        item(
            "event",
            "En magisk sommarnatt",
            at(12, 19),
            40,
            "small_performance",
            Some(2),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Kamarikonsertti",
            at(15, 18),
            8,
            "very_small_performance",
            Some(1),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Kesäkonsertti Laululavalla",
            at(40, 19),
            1500,
            "large_event",
            Some(20),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Vierailijan iltanäytös",
            at(20, 19),
            300,
            "guest_producer",
            Some(5),
        ),
        None,
    )?;
    let mut touring = item(
        "event",
        "Kansallisteatterin kiertue",
        at(25, 19),
        400,
        "default",
        None,
    );
    touring.excluded = true;
    touring.exclusion_reason = Some(
        "Vierailuesitys: ei Kaikukortin piirissä. / Gästföreställning. / Touring production."
            .into(),
    );
    add(*hilla, touring, None)?;
    for day in 0..14 {
        add(
            *museum,
            item(
                "event",
                "Näyttely: Karjalan kädentaidot",
                at(day, 10),
                200,
                "default",
                None,
            ),
            Some("demo-exhibition"),
        )?;
    }
    for day in 0..7 {
        add(
            *pool,
            item(
                "event",
                "Uintipäivä",
                at(day, 6),
                300,
                "swimming_hall_day",
                Some(20),
            ),
            Some("demo-swim"),
        )?;
    }
    let mut course = item(
        "course",
        "Akvarellimaalaus (kurssi)",
        at(21, 0),
        15,
        "default",
        Some(2),
    );
    course.starts_at =
        kaiku_core::window::start_of_day(today + chrono::Duration::days(21)).naive_utc();
    add(*college, course, None)?;
    Ok(())
}

/// How far back the demo's uses go: over a year, so that this year's and
/// last year's statistics both have something to show.
pub const DEMO_WEEKS: i64 = 60;

/// Past items with a few months of recorded uses (single cards, cards with
/// children, group visits with a community card, some cancelled), and items
/// today at every venue with a few reservations, so that the box office and
/// the reports have something to show.
fn seed_uses(c: &mut DbConn, op: &Op, area: i64, venue_ids: &[i64]) -> Result<(), StoreError> {
    use kaiku_store::items::{self, ItemFields};
    use kaiku_store::tickets::{self, NewTicket};
    let [hilla, museum, pool, college] = venue_ids else {
        return Ok(());
    };
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let at = |day: NaiveDate, hour: u32| {
        kaiku_core::window::from_local(day, hour, 0)
            .expect("time")
            .naive_utc()
    };
    let since = at(today - chrono::Duration::days(7 * DEMO_WEEKS + 10), 0);
    if !items::for_venue_between(c, &op.offering, *hilla, since, at(today, 0), false)?.is_empty() {
        return Ok(());
    }
    let item = |title: &str, start, capacity, class: &str, cap: Option<i32>| ItemFields {
        redeem_opens_minutes_before: Some(60),
        ..demo_item("event", title, start, capacity, class, cap)
    };
    let mut past = vec![];
    for week in 1..=DEMO_WEEKS {
        let day = today - chrono::Duration::days(7 * week);
        for (venue, f) in [
            (
                *hilla,
                item("Trollkarlen Matti", at(day, 14), 400, "default", Some(20)),
            ),
            (
                *hilla,
                item(
                    "En magisk sommarnatt",
                    at(day + chrono::Duration::days(2), 19),
                    40,
                    "small_performance",
                    Some(4),
                ),
            ),
            (
                *museum,
                item(
                    "Näyttely: Karjalan kädentaidot",
                    at(day + chrono::Duration::days(1), 10),
                    200,
                    "default",
                    None,
                ),
            ),
            (
                *pool,
                item(
                    "Uintipäivä",
                    at(day + chrono::Duration::days(3), 6),
                    300,
                    "swimming_hall_day",
                    Some(20),
                ),
            ),
        ] {
            past.push((
                venue,
                items::create(c, &op.offering, venue, &f, Some("demo-past"), now())?,
            ));
        }
    }
    let mut today_items = vec![];
    for (venue, f) in [
        (
            *hilla,
            item(
                "Päivänäytös: Trollkarlen Matti",
                at(today, 13),
                400,
                "default",
                Some(20),
            ),
        ),
        (
            *hilla,
            item(
                "Iltanäytös: En magisk sommarnatt",
                at(today, 19),
                40,
                "small_performance",
                Some(4),
            ),
        ),
        (
            *college,
            item(
                "Avoin luento: Karjalan historia",
                at(today, 18),
                60,
                "default",
                Some(5),
            ),
        ),
    ] {
        today_items.push((
            venue,
            items::create(c, &op.offering, venue, &f, None, now())?,
        ));
    }
    let cards = cards::list_for_area(c, &op.records, area, None, 100_000)?;
    let usable = |card: &&cards::CardRow, day: NaiveDate| {
        card.status == kaiku_core::card::Status::Issued
            && card.grant_date.is_some_and(|g| g <= day)
            && card.valid_until.is_some_and(|u| u >= day)
    };
    let mut dice = Dice(0x005e_ed0f_0ca5_u64 ^ area as u64);
    let record = |c: &mut DbConn,
                  dice: &mut Dice,
                  item_id: i64,
                  venue: i64,
                  visit: &[(&cards::CardRow, i32, i32)],
                  status: &str|
     -> Result<(), StoreError> {
        let it = items::get(c, &op.box_office, item_id)?;
        let total: i32 = visit.iter().map(|(_, a, ch)| a + ch).sum();
        if tickets::take_cap(c, &op.box_office, item_id, total)?.is_none() {
            return Ok(());
        }
        let use_key = format!("demo{item_id:08}{:08}", visit[0].0.id);
        for (card, adults, children) in visit {
            let id = tickets::insert(
                c,
                &op.box_office,
                &NewTicket {
                    item_id,
                    card_id: card.id,
                    venue_id: venue,
                    area_id: area,
                    use_key: use_key.clone(),
                    adults: *adults,
                    children: *children,
                    channel: {
                        use kaiku_core::org::SalesChannel::{BoxOffice, Phone, TicketAgency};
                        [BoxOffice, BoxOffice, Phone, TicketAgency][dice.next(4)]
                    },
                    status: kaiku_core::usage::TicketStatus::Reserved,
                    backlog: false,
                    used_on: kaiku_core::window::local_day(it.starts_at.and_utc()),
                    recorded_at: it.starts_at - chrono::Duration::hours(1 + dice.next(72) as i64),
                },
            )?;
            match status {
                "redeemed" => {
                    tickets::redeem(
                        c,
                        &op.box_office,
                        id,
                        it.starts_at - chrono::Duration::minutes(10),
                    )?;
                }
                "cancelled" => {
                    tickets::cancel(
                        c,
                        &op.box_office,
                        id,
                        it.starts_at - chrono::Duration::hours(2),
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
    };
    let visits = |dice: &mut Dice, day: NaiveDate, n: usize| {
        let pool: Vec<&cards::CardRow> = cards.iter().filter(|k| usable(k, day)).collect();
        let mut out = vec![];
        let mut used = std::collections::HashSet::new();
        for _ in 0..n {
            if pool.is_empty() {
                break;
            }
            let card = pool[dice.next(pool.len())];
            if !used.insert(card.id) {
                continue;
            }
            let mut visit = vec![];
            if card.kind == Some(kaiku_core::card::Kind::Community) {
                // A small-group visit: the employee, clients under 16 and
                // members with their own cards (R-COMM-1, R-COMM-2).
                visit.push((card, 1, dice.next(3) as i32));
                for _ in 0..1 + dice.next(2) {
                    let m = pool[dice.next(pool.len())];
                    if m.kind == Some(kaiku_core::card::Kind::Personal) && used.insert(m.id) {
                        visit.push((m, 1, 0));
                    }
                }
            } else {
                let max = card.minor_children.unwrap_or(0).max(0) as usize;
                visit.push((card, 1, dice.next(max + 1) as i32));
            }
            out.push(visit);
        }
        out
    };
    for (venue, item_id) in past {
        let starts = items::get(c, &op.box_office, item_id)?.starts_at;
        let day = kaiku_core::window::local_day(starts.and_utc());
        let n = 2 + dice.next(9);
        for visit in visits(&mut dice, day, n) {
            let status = if dice.next(20) == 0 {
                "cancelled"
            } else {
                "redeemed"
            };
            record(c, &mut dice, item_id, venue, &visit, status)?;
        }
    }
    for (venue, item_id) in today_items {
        for visit in visits(&mut dice, today, 3) {
            record(c, &mut dice, item_id, venue, &visit, "reserved")?;
        }
    }
    Ok(())
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
            let north = area(c, op, "Pohjois-Karjala", None, "167,276,426", "fi,sv,en")?;
            let trial_end = NaiveDate::from_ymd_opt(2027, 6, 30).expect("date");
            let east = area(
                c,
                op,
                "Östnyland – Itä-Uusimaa",
                Some(trial_end),
                "020,434,638",
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
    Ok(LOGINS.to_vec())
}
