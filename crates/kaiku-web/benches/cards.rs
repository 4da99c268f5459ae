//! Issue 3's speed goal: issuing and lookup answer in under 20 ms at the 99th
//! percentile on SQLite with 200 000 cards in the register.
//!
//! `cargo bench -p kaiku-web --bench cards` seeds a fresh SQLite file with two
//! series of 100 000 cards, issues 150 000 of them (with their background
//! data), then times requests through the whole router (session lookup,
//! authorisation, the transaction, JSON) one after another, and again with
//! four clients at once. It prints the figures the README quotes.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::cards::{self, NewEvent};
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::{Backend, TestDb};
use kaiku_store::{Store, StoreError, accounts, now};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const CARDS_PER_SERIES: i64 = 100_000;
const ISSUED: i64 = 150_000;
const SAMPLES: usize = 2_000;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).min(sorted.len()) - 1]
}

fn report(name: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p99 = percentile(&times, 0.99);
    println!(
        "{name:<34} n={:<5} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
        times.len(),
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(p99),
        ms(*times.last().unwrap()),
    );
    p99
}

fn body() -> String {
    serde_json::json!({
        "birth_year": 1980, "mother_tongue": "fi", "gender": "woman", "postal_code": "80100",
        "minor_children": 1, "life_situations": ["low_income"], "confirmed_at_least_16": true,
    })
    .to_string()
}

async fn send(app: &axum::Router, req: Request<Body>) -> (StatusCode, Duration) {
    let start = Instant::now();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    res.into_body().collect().await.unwrap();
    (status, start.elapsed())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let db = TestDb::new(Backend::Sqlite).unwrap();
    let store = Store::open(&db.url).unwrap();
    let hash = kaiku_web::auth::hash_password("benchmark password".into())
        .await
        .unwrap();
    let seeding = Instant::now();
    let (area, point) = store
        .write(move |c| {
            let fields = AreaFields {
                name: "Bench".into(),
                trial_ends: None,
                local_only: false,
                municipality_codes: String::new(),
                brochure_languages: "fi".into(),
            };
            let area = areas::create(c, &policy::operator_national(), &fields, now())?;
            let scope = policy::operator_area(area);
            let point = points::create(
                c,
                &scope,
                &PointFields {
                    name: "P".into(),
                    kind: "ngo".into(),
                    active: true,
                },
                now(),
            )?;
            let id = accounts::create(c, "bench", &hash, now())?;
            accounts::add_grant(
                c,
                id,
                &policy::operator_permit(Grant::Issuer { area, point }),
                now(),
            )?;
            Ok::<_, StoreError>((area, point))
        })
        .await
        .unwrap();
    for prefix in ["A", "B"] {
        let series = kaiku_core::code::Series::new(
            prefix,
            1,
            CARDS_PER_SERIES,
            Some(6),
            kaiku_core::code::Check::None,
        )
        .unwrap();
        store
            .write(move |c| {
                cards::create_series(c, &policy::operator_area(area), &series, now())?;
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
    let today = chrono::Utc::now().date_naive();
    for chunk in 0..(ISSUED / 10_000) {
        store
            .write(move |c| {
                for n in chunk * 10_000 + 1..=(chunk + 1) * 10_000 {
                    let (prefix, number) = if n <= CARDS_PER_SERIES {
                        ("A", n)
                    } else {
                        ("B", n - CARDS_PER_SERIES)
                    };
                    let card = cards::find(c, &format!("{prefix}{number:06}"))?.unwrap();
                    let grant = today - chrono::Duration::days(n % 500);
                    let until = kaiku_core::validity::valid_until(grant, None);
                    let g = cards::Grant {
                        kind: "personal",
                        point,
                        grant_date: grant,
                        valid_until: until,
                        minor_children: Some(1),
                    };
                    cards::issue(c, card.id, &g, now())?;
                    cards::add_event(
                        c,
                        &NewEvent {
                            card_id: card.id,
                            event: "issued".into(),
                            at: now(),
                            distribution_point_id: Some(point),
                            area_id: area,
                            kind: Some("personal".into()),
                            grant_date: Some(grant),
                            valid_until: Some(until),
                            birth_year: Some(1980),
                            mother_tongue: Some("fi".into()),
                            gender: Some("woman".into()),
                            postal_code: Some("80100".into()),
                            minor_children: Some(1),
                            life_situations: Some("low_income".into()),
                            ..Default::default()
                        },
                    )?;
                }
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
    let total = store.read(cards::count).await.unwrap();
    println!(
        "seeded {total} cards ({ISSUED} issued) in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let config = kaiku_web::Config {
        secure_cookies: false,
        ..Default::default()
    };
    let app = kaiku_web::router(store.clone(), config);
    let login = Request::post("/api/v1/login")
        .header("content-type", "application/json")
        .body(Body::from(
            r#"{"username":"bench","password":"benchmark password"}"#,
        ))
        .unwrap();
    let res = app.clone().oneshot(login).await.unwrap();
    let cookie = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();

    let issue = |code: String| {
        Request::post(format!("/api/v1/cards/{code}/issue"))
            .header("content-type", "application/json")
            .header("cookie", &cookie)
            .body(Body::from(body()))
            .unwrap()
    };
    let lookup = |code: String| {
        Request::get(format!("/api/v1/cards/{code}"))
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap()
    };

    // Warm up the pool and the caches a little, as a running service would be.
    for n in 1..=50 {
        send(&app, lookup(format!("A{n:06}"))).await;
    }

    let mut times = vec![];
    for i in 0..SAMPLES as i64 {
        let (status, t) = send(&app, issue(format!("B{:06}", 60_001 + i))).await;
        assert_eq!(status, StatusCode::CREATED);
        times.push(t);
    }
    let issue_p99 = report("issue, one client", times);

    let mut times = vec![];
    for i in 0..SAMPLES as i64 {
        let n = (i * 7919) % (2 * CARDS_PER_SERIES) + 1;
        let code = if n <= CARDS_PER_SERIES {
            format!("A{n:06}")
        } else {
            format!("B{:06}", n - CARDS_PER_SERIES)
        };
        let (status, t) = send(&app, lookup(code)).await;
        assert_eq!(status, StatusCode::OK);
        times.push(t);
    }
    let lookup_p99 = report("lookup, one client", times);

    // Four clients at once: a busy morning at several distribution points.
    let mut handles = vec![];
    for client in 0..4i64 {
        let app = app.clone();
        let cookie = cookie.clone();
        handles.push(tokio::spawn(async move {
            let mut times = vec![];
            for i in 0..(SAMPLES as i64 / 4) {
                let code = format!("B{:06}", 70_001 + client * 1_000 + i);
                let req = Request::post(format!("/api/v1/cards/{code}/issue"))
                    .header("content-type", "application/json")
                    .header("cookie", &cookie)
                    .body(Body::from(body()))
                    .unwrap();
                let (status, t) = send(&app, req).await;
                assert_eq!(status, StatusCode::CREATED);
                times.push(t);
            }
            times
        }));
    }
    let mut times = vec![];
    for h in handles {
        times.extend(h.await.unwrap());
    }
    let concurrent_p99 = report("issue, four clients at once", times);

    let goal = Duration::from_millis(20);
    for (name, p99) in [
        ("issue", issue_p99),
        ("lookup", lookup_p99),
        ("issue (4 clients)", concurrent_p99),
    ] {
        println!(
            "{name}: p99 {} the 20 ms goal",
            if p99 < goal { "meets" } else { "MISSES" }
        );
    }
}
