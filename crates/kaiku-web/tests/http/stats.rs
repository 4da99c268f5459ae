//! Area statistics over HTTP (SPEC R-REP-3, R-REP-5, R-REP-6) on both
//! backends, on a generated register checked against a computation of its
//! own here.

use crate::common::{TestApp, World};
use chrono::{Datelike, Duration, NaiveDate};
use kaiku_core::code::{Check, Series};
use kaiku_core::policy;
use kaiku_store::cards::{self, NewEvent};
use kaiku_store::items::{self, ItemFields};
use kaiku_store::testing::TestDb;
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{StoreError, now, on_both};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) const YEAR: i32 = 2025;
const GENDERS: [&str; 4] = ["woman", "man", "other", "not_stated"];

/// (card, area, renewal, gender, grant date, valid until)
type Event = (i64, i64, bool, &'static str, NaiveDate, NaiveDate);
/// (card, card's area, venue's area, venue is a pool, day, adults, children)
type Used = (i64, i64, i64, bool, NaiveDate, i64, i64);

/// What was generated, to compute the expected figures from.
#[derive(Default)]
pub(crate) struct Truth {
    events: Vec<Event>,
    uses: Vec<Used>,
}

struct Dice(u64);
impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

pub(crate) async fn generate(app: &TestApp, w: &World) -> Truth {
    let (a, b, pa, pb, va, vb) = (w.a, w.b, w.pa, w.pb, w.va, w.vb);
    app.store
        .write(move |c| {
            let mut t = Truth::default();
            let mut dice = Dice(0x2545_f491_4f6c_dd1d);
            let op = crate::common::op();
            let stock = policy::stock(&op).unwrap();
            let issuing = policy::issuing(&op).unwrap();
            let offering = policy::offering(&op).unwrap();
            let box_office = policy::box_office(&op).unwrap();
            let lookup = policy::card_lookup(&op).unwrap();
            let pool = venues::create(
                c,
                &policy::manage_area(&op, a).unwrap(),
                &VenueFields::new("Pool", kaiku_core::org::Sector::SwimmingHall),
                now(),
            )?;
            let mut item_of = BTreeMap::new();
            let mut card_ids = vec![];
            for (area, point, prefix) in [(a, pa, "S"), (b, pb, "T")] {
                let series = Series::new(prefix, 1, 1200, None, Check::None).unwrap();
                cards::create_series(c, &stock, area, &series, now())?;
                for n in 1..=1200 {
                    let card = cards::lookup(c, &lookup, &series.code(n))?.unwrap();
                    let grant = NaiveDate::from_ymd_opt(YEAR - 1, 6, 1).unwrap()
                        + Duration::days(dice.next(500) as i64);
                    let until = kaiku_core::validity::valid_until(grant, None);
                    let renewal = dice.next(5) == 0;
                    let gender = GENDERS[dice.next(4) as usize];
                    cards::issue(
                        c,
                        &issuing,
                        card.id,
                        &cards::Grant {
                            kind: kaiku_core::card::Kind::Personal,
                            point,
                            grant_date: grant,
                            valid_until: until,
                            minor_children: Some(2),
                        },
                        &NewEvent {
                            card_id: card.id,
                            event: if renewal {
                                kaiku_core::card::Event::Renewed
                            } else {
                                kaiku_core::card::Event::Issued
                            },
                            at: now(),
                            distribution_point_id: Some(point),
                            area_id: area,
                            kind: Some(kaiku_core::card::Kind::Personal),
                            grant_date: Some(grant),
                            valid_until: Some(until),
                            birth_year: Some(1950 + dice.next(50) as i32),
                            mother_tongue: Some("fi".into()),
                            gender: Some(gender.into()),
                            postal_code: Some("80100".into()),
                            minor_children: Some(2),
                            life_situations: Some("low_income".into()),
                            ..Default::default()
                        },
                        now(),
                    )?;
                    t.events
                        .push((card.id, area, renewal, gender, grant, until));
                    card_ids.push((card.id, area, grant, until));
                }
            }
            for _ in 0..3000 {
                let (card, card_area, grant, until) =
                    card_ids[dice.next(card_ids.len() as u64) as usize];
                let day =
                    grant + Duration::days(dice.next((until - grant).num_days() as u64 + 1) as i64);
                let (venue, venue_area, is_pool) = match dice.next(3) {
                    0 => (va, a, false),
                    1 => (pool, a, true),
                    _ => (vb, b, false),
                };
                let item = match item_of.get(&(venue, day)) {
                    Some(i) => *i,
                    None => {
                        let start = kaiku_core::window::from_local(day, 12, 0)
                            .unwrap()
                            .naive_utc();
                        let f = ItemFields {
                            kind: kaiku_core::usage::ItemKind::Event,
                            title: "Päivä".into(),
                            starts_at: start,
                            capacity: 10_000,
                            class: kaiku_core::cap::Class::Default,
                            cap: None,
                            booking_opens_days_before: None,
                            redeem_opens_minutes_before: None,
                            sold_out: false,
                            excluded: false,
                            exclusion_reason: None,
                        };
                        let i = items::create(c, &offering, venue, &f, None, now())?;
                        item_of.insert((venue, day), i);
                        i
                    }
                };
                let children = dice.next(3) as i64;
                let inserted = tickets::insert(
                    c,
                    &box_office,
                    &NewTicket {
                        item_id: item,
                        card_id: card,
                        venue_id: venue,
                        area_id: venue_area,
                        use_key: format!("g{card}-{item}"),
                        adults: 1,
                        children: children as i32,
                        channel: kaiku_core::org::SalesChannel::BoxOffice,
                        status: kaiku_core::usage::TicketStatus::Redeemed,
                        backlog: false,
                        used_on: day,
                        recorded_at: now(),
                    },
                );
                // The same card twice for one item is refused by the index; skip it.
                if inserted.is_ok() {
                    t.uses
                        .push((card, card_area, venue_area, is_pool, day, 1, children));
                }
            }
            Ok::<_, StoreError>(t)
        })
        .await
        .unwrap()
}

/// A few rare holders in area A in the year: mother tongues, a postal area
/// and a life situation that only one to four of them share (on cards of a
/// series of their own, `prefix`).
pub(crate) async fn sprinkle(app: &TestApp, w: &World) {
    sprinkle_as(app, w, "R").await
}

pub(crate) async fn sprinkle_as(app: &TestApp, w: &World, prefix: &'static str) {
    let (a, pa) = (w.a, w.pa);
    app.store
        .write(move |c| {
            let op = crate::common::op();
            let stock = policy::stock(&op).unwrap();
            let issuing = policy::issuing(&op).unwrap();
            let lookup = policy::card_lookup(&op).unwrap();
            let series = Series::new(prefix, 1, 10, None, Check::None).unwrap();
            cards::create_series(c, &stock, a, &series, now())?;
            for (n, tongue, postal) in [(1, "so", "81700"), (2, "so", "81700"), (3, "et", "80100")]
            {
                let card = cards::lookup(c, &lookup, &series.code(n))?.unwrap();
                let grant = NaiveDate::from_ymd_opt(YEAR, 3, n as u32).unwrap();
                let until = kaiku_core::validity::valid_until(grant, None);
                cards::issue(
                    c,
                    &issuing,
                    card.id,
                    &cards::Grant {
                        kind: kaiku_core::card::Kind::Personal,
                        point: pa,
                        grant_date: grant,
                        valid_until: until,
                        minor_children: Some(0),
                    },
                    &NewEvent {
                        card_id: card.id,
                        event: kaiku_core::card::Event::Issued,
                        at: now(),
                        distribution_point_id: Some(pa),
                        area_id: a,
                        kind: Some(kaiku_core::card::Kind::Personal),
                        grant_date: Some(grant),
                        valid_until: Some(until),
                        birth_year: Some(2008),
                        mother_tongue: Some(tongue.into()),
                        gender: Some("other".into()),
                        postal_code: Some(postal.into()),
                        minor_children: Some(0),
                        life_situations: Some("student".into()),
                        ..Default::default()
                    },
                    now(),
                )?;
            }
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
}

fn count_of(lines: &Value, key: &str) -> Value {
    lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["key"] == key)
        .map(|l| l["count"].clone())
        .unwrap_or(Value::Null)
}

on_both!(
    r_rep_3_area_statistics_agree_with_an_independent_count,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let truth = generate(&app, &w).await;
        let from = NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(YEAR, 12, 31).unwrap();
        let r = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}", w.a),
                &w.coord_a,
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text());
        let s = r.json();
        assert_eq!(
            s["suppressed"], false,
            "the area's own coordinator sees every count"
        );
        let in_year = |d: &NaiveDate| *d >= from && *d <= to;
        let events: Vec<_> = truth
            .events
            .iter()
            .filter(|e| e.1 == w.a && in_year(&e.4))
            .collect();
        assert!(events.len() > 500, "a real sample: {}", events.len());
        assert_eq!(s["issued_new"], events.iter().filter(|e| !e.2).count());
        assert_eq!(s["renewed"], events.iter().filter(|e| e.2).count());
        for g in GENDERS {
            assert_eq!(
                count_of(&s["by_gender"], g),
                events.iter().filter(|e| e.3 == g).count(),
                "{g}"
            );
        }
        assert_eq!(count_of(&s["by_gender"], "total"), events.len());
        let uses: Vec<_> = truth
            .uses
            .iter()
            .filter(|u| u.2 == w.a && in_year(&u.4))
            .collect();
        let sum = |f: &dyn Fn(&&Used) -> bool| {
            let v: Vec<_> = uses.iter().filter(|u| f(u)).collect();
            (
                v.iter().map(|u| u.5).sum::<i64>(),
                v.iter().map(|u| u.6).sum::<i64>(),
            )
        };
        assert_eq!(
            (
                s["tickets"]["adults"].as_i64().unwrap(),
                s["tickets"]["children"].as_i64().unwrap()
            ),
            sum(&|_| true)
        );
        let cat = |k: &str| {
            let l = s["by_category"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["key"] == k)
                .unwrap()
                .clone();
            (
                l["adults"].as_i64().unwrap(),
                l["children"].as_i64().unwrap(),
            )
        };
        assert_eq!(cat("sport"), sum(&|u| u.3));
        assert_eq!(cat("culture"), sum(&|u| !u.3));
        for m in 1..=12u32 {
            let key = format!("{YEAR}-{m:02}");
            let want = sum(&|u| u.4.month() == m);
            let got = s["by_month"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["key"] == key.as_str())
                .map(|l| {
                    (
                        l["adults"].as_i64().unwrap(),
                        l["children"].as_i64().unwrap(),
                    )
                })
                .unwrap_or((0, 0));
            assert_eq!(got, want, "{key}");
        }
        // The area's own cards used anywhere (its venues and area B's).
        let used: BTreeSet<i64> = truth
            .uses
            .iter()
            .filter(|u| u.1 == w.a && in_year(&u.4))
            .map(|u| u.0)
            .collect();
        let valid: BTreeSet<i64> = truth
            .events
            .iter()
            .filter(|e| e.1 == w.a && e.4 <= to && e.5 >= from)
            .map(|e| e.0)
            .collect();
        assert_eq!(s["cards_used"], used.len());
        assert_eq!(s["valid_cards"], valid.len());
        assert_eq!(s["valid_cards_used"], valid.intersection(&used).count());
        // A card whose one use of the year was cancelled was not used.
        let once = used
            .iter()
            .copied()
            .find(|card| {
                truth
                    .uses
                    .iter()
                    .filter(|u| u.0 == *card && in_year(&u.4))
                    .count()
                    == 1
            })
            .expect("a card used once");
        app.store
            .write(move |c| {
                use diesel::RunQueryDsl;
                diesel::sql_query(format!(
                    "UPDATE tickets SET status = 'cancelled' WHERE card_id = {once}"
                ))
                .execute(c)
                .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        let after = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}", w.a),
                &w.coord_a,
            )
            .await
            .json();
        assert_eq!(after["cards_used"], used.len() - 1);
        assert_eq!(
            after["valid_cards_used"],
            valid.intersection(&used).count() - usize::from(valid.contains(&once))
        );
        // The screen: tables and accessible charts.
        let page = app
            .get(
                &format!("/areas/{}/statistics?year={YEAR}", w.a),
                &w.coord_a,
            )
            .await
            .text();
        assert!(page.contains("<svg class=\"chart\"") && page.contains("role=\"img\""));
        assert!(page.contains("Liput kuukausittain"));
    }
);

/// Submits an area's year as its coordinator.
pub(crate) async fn submit(
    app: &TestApp,
    who: &crate::common::Who,
    area: i64,
    year: i32,
) -> crate::common::Resp {
    app.api(
        axum::http::Method::POST,
        &format!("/api/v1/areas/{area}/statistics/submissions"),
        who,
        Some(serde_json::json!({ "year": year })),
    )
    .await
}

fn small(v: &Value, threshold: u64) -> bool {
    v.as_u64().is_some_and(|n| (1..threshold).contains(&n))
}

/// Every count of persons or cards in a statistics answer.
fn person_counts(s: &Value) -> Vec<Value> {
    let mut out = vec![];
    for k in [
        "issued_new",
        "renewed",
        "community_cards",
        "cards_used",
        "valid_cards",
        "valid_cards_used",
    ] {
        out.push(s[k].clone());
    }
    for p in s["by_distribution_point"].as_array().unwrap() {
        out.push(p["new"].clone());
        out.push(p["renewed"].clone());
    }
    for section in [
        "by_age_group",
        "by_gender",
        "by_mother_tongue",
        "by_postal_area",
        "by_life_situation",
    ] {
        for l in s[section].as_array().unwrap() {
            out.push(l["count"].clone());
        }
    }
    out
}

on_both!(
    r_rep_5_outside_the_area_whole_submitted_years_and_no_count_from_one_to_four,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        generate(&app, &w).await;
        sprinkle(&app, &w).await;
        let year = format!("/api/v1/areas/{}/statistics?year={YEAR}", w.a);
        // Not a day, not a month: a single day once showed one holder whole.
        let day = format!(
            "/api/v1/areas/{}/statistics?from={YEAR}-03-01&to={YEAR}-03-01",
            w.a
        );
        let r = app.get(&day, &w.admin).await;
        assert_eq!(
            r.status,
            axum::http::StatusCode::BAD_REQUEST,
            "{}",
            r.text()
        );
        assert_eq!(r.error_code(), "statistics_whole_years_only");
        // Not live: only what the coordinator submitted.
        let r = app.get(&year, &w.admin).await;
        assert_eq!(r.status, axum::http::StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "statistics_not_submitted");
        assert_eq!(
            submit(&app, &w.coord_a, w.a, YEAR).await.status,
            axum::http::StatusCode::CREATED
        );
        let own = app.get(&year, &w.coord_a).await.json();
        let seen = app.get(&year, &w.admin).await.json();
        assert_eq!(seen["suppressed"], true);
        assert_eq!(seen["version"], 1);
        assert!(
            person_counts(&own).iter().any(|v| small(v, 5)),
            "the sample has small counts"
        );
        for v in person_counts(&seen) {
            assert!(!small(&v, 5), "{v}");
        }
        // Hidden cells come in company: no total less one.
        for section in [
            "by_age_group",
            "by_gender",
            "by_mother_tongue",
            "by_postal_area",
        ] {
            let hidden = seen[section]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["count"].is_string())
                .count();
            assert!(
                hidden != 1,
                "{section}: one hidden cell follows from the total"
            );
        }
        let csv = app
            .get(&format!("{year}&format=csv"), &w.admin)
            .await
            .text();
        assert!(csv.contains("<5"));
        // The coordinator still sees any period, live.
        assert_eq!(
            app.get(&day, &w.coord_a).await.status,
            axum::http::StatusCode::OK
        );
        // Nobody outside the area's management sees its statistics.
        for who in [&w.issuer_a, &w.staff_a, &w.token_a] {
            assert_eq!(
                app.get(&year, who).await.status,
                axum::http::StatusCode::FORBIDDEN
            );
        }
        assert_eq!(
            app.get(&format!("/api/v1/areas/{}/statistics", w.b), &w.coord_a)
                .await
                .status,
            axum::http::StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    r_rep_4_national_statistics_from_what_the_areas_submitted,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let truth = generate(&app, &w).await;
        let r = submit(&app, &w.coord_a, w.a, YEAR).await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["version"], 1);
        // Another area's coordinator gets what it would for an unknown area
        // (R-AUTH-6); those who coordinate nothing are refused.
        assert_eq!(
            submit(&app, &w.coord_a, w.b, YEAR).await.status,
            axum::http::StatusCode::NOT_FOUND
        );
        for who in [&w.admin, &w.staff_a] {
            assert_eq!(
                submit(&app, who, w.a, YEAR).await.status,
                axum::http::StatusCode::FORBIDDEN
            );
        }
        let in_year = |d: &NaiveDate| d.year() == YEAR;
        let new_in = |area: i64| {
            truth
                .events
                .iter()
                .filter(|e| e.1 == area && in_year(&e.4) && !e.2)
                .count()
        };
        // A shown count is the true one; a withheld one is "x" or "<5".
        let agrees = |v: &Value, n: usize| v.as_u64().map_or(v.is_string(), |c| c as usize == n);
        let path = format!("/api/v1/statistics?year={YEAR}");
        let national = || app.get(&path, &w.admin);
        let n = national().await.json();
        let area = |n: &Value, id: i64| {
            n["areas"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["area"] == id)
                .unwrap()
                .clone()
        };
        assert_eq!(area(&n, w.a)["version"], 1);
        assert!(agrees(
            &area(&n, w.a)["statistics"]["issued_new"],
            new_in(w.a)
        ));
        assert!(
            area(&n, w.b)["statistics"].is_null(),
            "area B has not submitted"
        );
        // The whole country waits for every area: a table of one area would
        // be that area's table, and its growth area by area would show each.
        assert!(n["total"].is_null());
        assert_eq!(n["missing"], serde_json::json!(["Area B"]));
        let page = app.get(&format!("/statistics?year={YEAR}"), &w.admin).await;
        assert_eq!(page.status, axum::http::StatusCode::OK);
        assert!(
            page.text().contains("ei lähetetty")
                && page.text().contains("Vielä lähettämättä: Area B")
        );
        assert_eq!(
            submit(&app, &w.coord_b, w.b, YEAR).await.status,
            axum::http::StatusCode::CREATED
        );
        let n = national().await.json();
        assert!(n["missing"].as_array().unwrap().is_empty());
        assert_eq!(n["total"]["suppressed"], true);
        assert!(agrees(&n["total"]["issued_new"], new_in(w.a) + new_in(w.b)));
        for v in person_counts(&n["total"]) {
            assert!(!small(&v, 5), "{v}");
        }
        let page = app.get(&format!("/statistics?year={YEAR}"), &w.admin).await;
        assert!(page.text().contains("Koko maa") && page.text().contains("<svg class=\"chart\""));
        // Live figures are the area's own coordinator's.
        let live = app
            .get(
                &format!("/api/v1/statistics?year={YEAR}&source=live"),
                &w.admin,
            )
            .await;
        assert_eq!(live.status, axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(live.error_code(), "statistics_live_inside_area_only");
        assert_eq!(
            app.get("/api/v1/statistics", &w.coord_a).await.status,
            axum::http::StatusCode::FORBIDDEN
        );
        // The coordinator submits from the statistics screen too.
        let f = app
            .form(
                &format!("/areas/{}/statistics/submit", w.a),
                &w.coord_a,
                &[("year", &YEAR.to_string())],
            )
            .await;
        assert_eq!(f.status, axum::http::StatusCode::SEE_OTHER, "{}", f.text());
        assert!(
            app.get(&f.location(), &w.coord_a)
                .await
                .text()
                .contains("versio 2")
        );
        // Outside, each version stays readable as it was published.
        let v1 = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}&version=1", w.a),
                &w.admin,
            )
            .await
            .json();
        assert_eq!(v1["version"], 1);
        let v2 = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}", w.a),
                &w.admin,
            )
            .await
            .json();
        assert_eq!(v2["version"], 2);
    }
);

on_both!(
    r_priv_3_anonymising_keeps_every_published_statistic,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let truth = generate(&app, &w).await;
        // Whole years only: the first of January of this year.
        let today = chrono::Utc::now().date_naive().with_ordinal(1).unwrap();
        for (who, area) in [(&w.coord_a, w.a), (&w.coord_b, w.b)] {
            assert_eq!(
                submit(&app, who, area, YEAR).await.status,
                axum::http::StatusCode::CREATED
            );
        }
        // A venue report submitted with real codes in it.
        let subs = format!("/api/v1/venues/{}/usage-report/submissions", w.va);
        let r = app
            .api(axum::http::Method::POST, &subs, &w.coord_a, Some(serde_json::json!({"from": format!("{YEAR}-01-01"), "to": format!("{YEAR}-12-31")})))
            .await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.text());
        let figures = |who: crate::common::Who| {
            let app = &app;
            let (a, b) = (w.a, w.b);
            async move {
                let mut all = vec![];
                for area in [a, b] {
                    for year in [YEAR - 1, YEAR, YEAR + 1] {
                        all.push(
                            app.get(
                                &format!("/api/v1/areas/{area}/statistics?year={year}"),
                                &who,
                            )
                            .await
                            .json(),
                        );
                    }
                }
                all.push(
                    app.get(&format!("/api/v1/statistics?year={YEAR}"), &who)
                        .await
                        .json(),
                );
                all
            }
        };
        let coordinator_before = figures(w.coord_a.clone()).await;
        let national_before = figures(w.admin.clone()).await;
        let expired = truth
            .events
            .iter()
            .filter(|e| e.5 < today)
            .map(|e| e.0)
            .collect::<BTreeSet<_>>();
        let dry = app
            .api(
                axum::http::Method::POST,
                "/api/v1/anonymisations",
                &w.admin,
                Some(serde_json::json!({"expired_before": today.to_string(), "dry_run": true})),
            )
            .await;
        assert_eq!(dry.status, axum::http::StatusCode::OK, "{}", dry.text());
        // Outside every area a dry run says only that there are some, and
        // a run's counts are rounded up to the next ten.
        let rounded = kaiku_core::disclosure::rounded_up(expired.len() as u64);
        assert_eq!(dry.json()["any"], true);
        assert_eq!(dry.json()["cards"], serde_json::Value::Null);
        assert_eq!(dry.json()["events"], serde_json::Value::Null);
        assert_eq!(dry.json()["rounded_to"], 10);
        assert!(expired.len() > 1000, "{}", expired.len());
        assert_eq!(
            app.count("tickets").await as usize,
            truth.uses.len(),
            "a dry run changes nothing"
        );
        for who in [&w.coord_a, &w.issuer_a] {
            let r = app
                .api(
                    axum::http::Method::POST,
                    "/api/v1/anonymisations",
                    who,
                    Some(serde_json::json!({"expired_before": today.to_string()})),
                )
                .await;
            assert_eq!(r.status, axum::http::StatusCode::FORBIDDEN);
        }
        let future = app
            .api(
                axum::http::Method::POST,
                "/api/v1/anonymisations",
                &w.admin,
                Some(serde_json::json!({"expired_before": "2999-01-01"})),
            )
            .await;
        assert_eq!(future.status, axum::http::StatusCode::BAD_REQUEST);
        let inside_a_year = app
            .api(
                axum::http::Method::POST,
                "/api/v1/anonymisations",
                &w.admin,
                Some(serde_json::json!({"expired_before": format!("{YEAR}-07-01")})),
            )
            .await;
        assert_eq!(inside_a_year.status, axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(inside_a_year.error_code(), "anonymise_whole_years");
        let run = app
            .api(
                axum::http::Method::POST,
                "/api/v1/anonymisations",
                &w.admin,
                Some(serde_json::json!({"expired_before": today.to_string()})),
            )
            .await;
        assert_eq!(run.json()["cards"], rounded);
        // Every statistic at its published level of detail is the same.
        let coordinator_after = figures(w.coord_a.clone()).await;
        assert_eq!(coordinator_before[..6], coordinator_after[..6]);
        assert_eq!(national_before[6], figures(w.admin.clone()).await[6]);
        // What identified a card is gone: codes, birth years, postal codes, the report's copy.
        let left = app
            .store
            .read(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::{card_events, cards};
                let codes: Vec<String> = cards::table
                    .filter(cards::anonymised.eq(true))
                    .select(cards::code)
                    .load(c)?;
                let births: i64 = card_events::table
                    .inner_join(cards::table)
                    .filter(cards::anonymised.eq(true))
                    .filter(card_events::birth_year.is_not_null())
                    .count()
                    .get_result(c)?;
                let postal: Vec<Option<String>> = card_events::table
                    .inner_join(cards::table)
                    .filter(cards::anonymised.eq(true))
                    .select(card_events::postal_code)
                    .load(c)?;
                Ok::<_, StoreError>((codes, births, postal))
            })
            .await
            .unwrap();
        assert_eq!(left.0.len(), expired.len());
        assert!(left.0.iter().all(|c| c.starts_with('Z') && c.len() == 16));
        assert_eq!(left.1, 0);
        assert!(left.2.iter().all(|p| p.as_deref() == Some("80xxx")));
        let report = app
            .get(
                &format!("{subs}?from={YEAR}-01-01&to={YEAR}-12-31"),
                &w.coord_a,
            )
            .await
            .text();
        assert!(
            !report.contains("\"card_code\":\"S"),
            "no old code left in a submitted report"
        );
        // Run again: nothing left to do.
        let again = app
            .api(
                axum::http::Method::POST,
                "/api/v1/anonymisations",
                &w.admin,
                Some(serde_json::json!({"expired_before": today.to_string(), "dry_run": true})),
            )
            .await;
        assert_eq!(again.json()["any"], false);
    }
);

on_both!(
    r_rep_5_the_threshold_is_national_policy_data,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        generate(&app, &w).await;
        sprinkle(&app, &w).await;
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .date_naive();
        let policy = |threshold: i64| {
            serde_json::json!({
                "effective_from": today.to_string(), "default_percent": 5, "small_max_capacity": 50,
                "small_min_cap": 2, "very_small_max_capacity": 10, "large_min_capacity": 1000,
                "large_min_cap": 20, "swimming_min_cap": 20, "guest_min_cap": 2, "guest_max_cap": 10,
                "child_age_under": 18, "suppression_threshold": threshold
            })
        };
        // Policy may raise the threshold, never lower it below 5.
        for low in [1, 2, 4] {
            let r = app
                .api(
                    axum::http::Method::POST,
                    "/api/v1/cap-policies",
                    &w.admin,
                    Some(policy(low)),
                )
                .await;
            assert_eq!(r.status, axum::http::StatusCode::BAD_REQUEST, "{low}");
            assert!(r.text().contains("out_of_range"), "{}", r.text());
        }
        let r = app
            .api(
                axum::http::Method::POST,
                "/api/v1/cap-policies",
                &w.admin,
                Some(policy(10)),
            )
            .await;
        assert_eq!(r.status, axum::http::StatusCode::CREATED, "{}", r.text());
        // Published today, the year is protected under today's threshold.
        assert_eq!(
            submit(&app, &w.coord_a, w.a, YEAR).await.status,
            axum::http::StatusCode::CREATED
        );
        let national = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}", w.a),
                &w.admin,
            )
            .await
            .json();
        let mut saw = false;
        for v in person_counts(&national) {
            assert!(!small(&v, 10), "{v}");
            saw |= v == "<10";
        }
        assert!(saw, "the policy's threshold is the one shown");
    }
);

on_both!(
    r_rep_5_the_area_coordinators_own_view_is_unchanged,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        generate(&app, &w).await;
        // What the coordinator of area A was shown before disclosure control
        // for outside readers was built, recorded then; its own view must not
        // move (a year, a free period, and the CSV of the year).
        let mut seen = serde_json::Map::new();
        for (name, query) in [
            ("year", format!("year={YEAR}")),
            ("period", format!("from={YEAR}-03-01&to={YEAR}-03-10")),
        ] {
            let r = app
                .get(
                    &format!("/api/v1/areas/{}/statistics?{query}", w.a),
                    &w.coord_a,
                )
                .await;
            seen.insert(name.into(), r.json());
        }
        let csv = app
            .get(
                &format!("/api/v1/areas/{}/statistics?year={YEAR}&format=csv", w.a),
                &w.coord_a,
            )
            .await
            .text();
        seen.insert("csv".into(), Value::String(csv));
        let seen = Value::Object(seen);
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/http/golden/coordinator_stats.json"
        );
        if std::env::var_os("KAIKU_WRITE_GOLDEN").is_some() {
            std::fs::write(path, serde_json::to_string_pretty(&seen).unwrap()).unwrap();
        }
        let recorded: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(seen, recorded);
    }
);

on_both!(
    r_rep_5_a_year_is_submitted_only_once_it_is_over,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let this_year = crate::common::today().year();
        for year in [this_year, this_year + 1] {
            let r = submit(&app, &w.coord_a, w.a, year).await;
            assert_eq!(
                r.status,
                axum::http::StatusCode::CONFLICT,
                "{year}: {}",
                r.text()
            );
            assert_eq!(r.error_code(), "statistics_year_not_over");
        }
        assert_eq!(app.count("statistics_submissions").await, 0);
        assert_eq!(
            submit(&app, &w.coord_a, w.a, this_year - 1).await.status,
            axum::http::StatusCode::CREATED
        );
    }
);
