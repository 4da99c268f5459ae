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
use seed::{CARDS_PER_SERIES, Seeded, code, report, seed};
use std::time::{Duration, Instant};
use tower::ServiceExt;

// Each benchmark uses part of what the seed module offers.
#[allow(dead_code)]
#[path = "seed.rs"]
mod seed;

const ISSUED: i64 = 150_000;
const SAMPLES: usize = 2_000;

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
    let Seeded { db: _db, store, .. } = seed(ISSUED).await;
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
        let (status, t) = send(&app, lookup(code(n))).await;
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
