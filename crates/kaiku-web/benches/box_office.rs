//! A box office answers at once: the box office's speed beside the limit
//! anchor of `../shared/bench`, run before and after it by the same client.
//!
//! `cargo bench -p kaiku-web --bench box_office` seeds a fresh register with
//! 200 000 issued cards (SQLite; `KAIKU_BENCH_BACKEND=postgres` for
//! PostgreSQL), serves the real router on a loopback port and drives it over
//! HTTP/1.1 keep-alive connections, one per client, as ticketing systems
//! would, with the venue's API token: first records only (`POST
//! /items/{item}/tickets` with an `Idempotency-Key`, distinct cards, one
//! item), then each client checking a card for an item (`GET
//! /cards/{code}?item=`) before recording it. It prints the figures the
//! README quotes, the ratio to the anchor and the process's memory.

use kaiku_core::policy;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{StoreError, items, now, tokens};
use seed::{Seeded, code, report, seed};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

// Each benchmark uses part of what the seed module offers.
#[allow(dead_code)]
#[path = "seed.rs"]
mod seed;

#[allow(dead_code)]
#[path = "anchor.rs"]
mod anchor;

const ISSUED: i64 = 200_000;
const USES_PER_CLIENT: usize = 250;
const ITEMS: usize = 40;
const OFFLINE_BATCH: usize = 5000;

/// One keep-alive HTTP/1.1 connection: the smallest client that sends a
/// request and reads a `Content-Length` answer, so the figures are the
/// server's and not a client library's.
struct Conn {
    stream: BufReader<TcpStream>,
    token: String,
}

impl Conn {
    async fn open(addr: std::net::SocketAddr, token: &str) -> Conn {
        let s = TcpStream::connect(addr).await.unwrap();
        s.set_nodelay(true).unwrap();
        Conn {
            stream: BufReader::new(s),
            token: token.to_string(),
        }
    }

    async fn send(&mut self, method: &str, path: &str, extra: &str, body: &str) -> (u16, String) {
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.token,
            body.len()
        );
        self.stream
            .get_mut()
            .write_all(req.as_bytes())
            .await
            .unwrap();
        let mut line = String::new();
        self.stream.read_line(&mut line).await.unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            line.clear();
            self.stream.read_line(&mut line).await.unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap();
            }
        }
        let mut buf = vec![0; length];
        self.stream.read_exact(&mut buf).await.unwrap();
        (status, String::from_utf8(buf).unwrap())
    }
}

/// The server processes, stopped however the benchmark ends (a failed
/// assertion included), so that none is left serving a dropped schema.
struct Children(Vec<std::process::Child>);

impl Drop for Children {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn bench_config() -> kaiku_web::Config {
    kaiku_web::Config {
        secure_cookies: false,
        ..Default::default()
    }
}

/// Starts this benchmark again as a bare server on `url` (the child's side is
/// at the top of `main`): a second process with its own pool and writers.
async fn spawn_server(url: &str) -> (std::process::Child, std::net::SocketAddr) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .env("KAIKU_BENCH_SERVE", format!("{port} {url}"))
        .spawn()
        .unwrap();
    let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
    for _ in 0..200 {
        if TcpStream::connect(addr).await.is_ok() {
            return (child, addr);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server process did not start");
}

/// The child's side of [`spawn_server`]: serves the router until killed.
async fn serve_only(spec: &str) -> ! {
    let (port, url) = spec.split_once(' ').unwrap();
    let store = kaiku_store::Store::open(url).unwrap();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port.parse::<u16>().unwrap()))
        .await
        .unwrap();
    axum::serve(listener, kaiku_web::router(store, bench_config()))
        .await
        .unwrap();
    unreachable!("the server stops only when killed")
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if let Ok(spec) = std::env::var("KAIKU_BENCH_SERVE") {
        serve_only(&spec).await;
    }
    // 64 by default; fewer to see the cost of one request without queueing.
    let clients: usize = std::env::var("KAIKU_BENCH_CLIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let Seeded {
        db, store, area, ..
    } = seed(ISSUED).await;
    let token = kaiku_web::auth::random_token();
    let hash = kaiku_app::session::sha256_hex(&token);
    let (venue_id, item_ids) = store
        .write(move |c| {
            let op = seed::op();
            let scope = policy::manage_area(&op, area).unwrap();
            let venue = venues::create(
                c,
                &scope,
                &VenueFields::new("Bench theatre", kaiku_core::org::Sector::Theatre),
                now(),
            )?;
            tokens::create(
                c,
                &policy::venue_tokens(&op).unwrap(),
                venue,
                "bench",
                &hash,
                None,
                now(),
            )?;
            let offering = policy::offering(&op).unwrap();
            let today = chrono::Utc::now().date_naive();
            let mut ids = vec![];
            for n in 0..2 * ITEMS {
                let start = kaiku_core::window::from_local(
                    today + chrono::Duration::days(1 + (n % ITEMS) as i64),
                    19,
                    0,
                )
                .unwrap();
                let f = items::ItemFields {
                    kind: kaiku_core::usage::ItemKind::Event,
                    title: format!("Show {n}"),
                    starts_at: start.naive_utc(),
                    capacity: 100_000,
                    class: kaiku_core::cap::Class::Default,
                    cap: Some(10_000),
                    booking_opens_days_before: Some(60),
                    redeem_opens_minutes_before: Some(30),
                    sold_out: false,
                    excluded: false,
                    exclusion_reason: None,
                };
                ids.push(items::create(c, &offering, venue, &f, None, now())?);
            }
            // One big concert that every client records on: its counter is
            // the hot row of the limit anchor.
            let hot = items::ItemFields {
                title: "Big concert".into(),
                capacity: 1_000_000,
                cap: Some(100_000),
                ..items::ItemFields {
                    kind: kaiku_core::usage::ItemKind::Event,
                    title: String::new(),
                    starts_at: kaiku_core::window::from_local(
                        today + chrono::Duration::days(1),
                        20,
                        0,
                    )
                    .unwrap()
                    .naive_utc(),
                    capacity: 0,
                    class: kaiku_core::cap::Class::Default,
                    cap: None,
                    booking_opens_days_before: Some(60),
                    redeem_opens_minutes_before: Some(30),
                    sold_out: false,
                    excluded: false,
                    exclusion_reason: None,
                }
            };
            ids.push(items::create(c, &offering, venue, &hot, None, now())?);
            // And one for the batch an offline box office sends.
            let offline = items::ItemFields {
                title: "Offline concert".into(),
                ..hot
            };
            ids.push(items::create(c, &offering, venue, &offline, None, now())?);
            Ok::<_, StoreError>((venue, ids))
        })
        .await
        .unwrap();

    // One server in this process by default; with KAIKU_BENCH_SERVERS=2
    // (PostgreSQL) two server processes on the one database, each client
    // talking to one of them, as behind a load balancer.
    let servers: usize = std::env::var("KAIKU_BENCH_SERVERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut children = Children(vec![]);
    let addrs = if servers > 1 {
        let mut addrs = vec![];
        for _ in 0..servers {
            let (child, addr) = spawn_server(&db.url).await;
            children.0.push(child);
            addrs.push(addr);
        }
        addrs
    } else {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = kaiku_web::router(store.clone(), bench_config());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        vec![addr]
    };

    // Warm up each connection once, as a running service would be.
    let mut conns = vec![];
    for n in 0..clients {
        let mut c = Conn::open(addrs[n % addrs.len()], &token).await;
        let (status, _) = c.send("GET", "/api/v1/me", "", "").await;
        assert_eq!(status, 200);
        conns.push(c);
    }

    // The limit anchor first and last, driven by the same client code as
    // kaiku, so that the ratio compares servers and not load generators.
    let postgres = std::env::var("KAIKU_BENCH_BACKEND").as_deref() == Ok("postgres");
    let anchor_before = anchors(postgres, clients).await;

    // Phase 1, the anchor's own load: every client posts distinct issued
    // cards to one item, flat out. Phase 2: as fast as the clients can go,
    // each checking a card and then recording it, over 40 items. Phase 3:
    // 2 000 such pairs a second spread over the clients, each pair timed
    // from when it was due (a slow answer that delays the next request
    // counts against it), to see the latency at the goal's rate.
    let hot = item_ids[2 * ITEMS];
    let offline_item = item_ids[2 * ITEMS + 1];
    let (conns, records_only) = run(conns, &[hot], 2, None, false).await;
    let (conns, saturated) = run(conns, &item_ids[..ITEMS], 0, None, true).await;
    let (_, paced) = run(conns, &item_ids[ITEMS..2 * ITEMS], 1, Some(2000.0), true).await;
    let anchor_after = anchors(postgres, clients).await;
    // An offline box office sends its day at once: 5 000 uses in one batch.
    let batch: Vec<String> = (0..OFFLINE_BATCH as i64)
        .map(|n| {
            format!(
                r#"{{"id":"bench-offline-{n:06}","item":{offline_item},"card_code":"{}","recorded_at":"{}"}}"#,
                valid_card(n, 3),
                chrono::Utc::now().to_rfc3339()
            )
        })
        .collect();
    let body = format!(r#"{{"device":"bench","uses":[{}]}}"#, batch.join(","));
    let mut conn = Conn::open(addrs[0], &token).await;
    let started = Instant::now();
    let (status, answer) = conn
        .send(
            "POST",
            &format!("/api/v1/venues/{venue_id}/offline-uses"),
            "",
            &body,
        )
        .await;
    let offline_took = started.elapsed();
    // Said, not asserted: a batch that outlasts the request's time limit
    // (408) is a figure to report like any other; its uses are still taken.
    let offline_taken = if status == 200 {
        assert_eq!(
            answer.matches(r#""status":"recorded""#).count(),
            OFFLINE_BATCH
        );
        true
    } else {
        eprintln!(
            "offline batch answered {status}: {}",
            &answer[..answer.len().min(200)]
        );
        false
    };
    let recorded = store
        .read(|c| {
            use diesel::{QueryDsl, RunQueryDsl};
            kaiku_store::schema::tickets::table
                .count()
                .get_result::<i64>(c)
                .map_err(StoreError::from)
        })
        .await
        .unwrap();
    let expected = (records_only.records.len()
        + saturated.records.len()
        + paced.records.len()
        + OFFLINE_BATCH) as i64;
    if offline_taken {
        assert_eq!(recorded, expected, "every use recorded once");
    }

    let rate = |p: &Phase| p.records.len() as f64 / p.wall.as_secs_f64();
    let record_rate = rate(&records_only);
    println!(
        "records only, one item: {clients} clients, {} records in {:.2} s = {record_rate:.0} records/s",
        records_only.records.len(),
        records_only.wall.as_secs_f64()
    );
    let record_p99 = report("  record a use", records_only.records);
    for (name, phase) in [
        ("check + record, as fast as possible", saturated),
        ("check + record, paced at 2 000 uses/s", paced),
    ] {
        println!(
            "{name}: {clients} clients, {} pairs in {:.2} s = {:.0} uses/s",
            phase.records.len(),
            phase.wall.as_secs_f64(),
            rate(&phase)
        );
        report("  check a card for an item", phase.checks);
        report("  record a use", phase.records);
    }
    for (name, before, after) in anchor_before
        .iter()
        .zip(&anchor_after)
        .map(|((n, b), (_, a))| (n, b, a))
    {
        let mean = (before + after) / 2.0;
        println!(
            "anchor {name}: {before:.0} before, {after:.0} after; kaiku's records/s {record_rate:.0} = {:.2} of it",
            record_rate / mean
        );
    }
    println!(
        "offline batch of {OFFLINE_BATCH} uses in one request: {:.2} s, answer {status} (goal < 2 s)",
        offline_took.as_secs_f64()
    );
    if children.0.is_empty() {
        println!("{}", anchor::rss());
    }
    for child in &children.0 {
        println!(
            "server process {}: {}",
            child.id(),
            anchor::rss_of(child.id())
        );
    }
    drop(children);
    // The goals: on SQLite 30 % of the anchor with a p99 under 25 ms, on
    // PostgreSQL 2 000 records/s with a p99 under 50 ms, at 64 clients.
    let met = if postgres {
        record_rate >= 2000.0 && record_p99 < Duration::from_millis(50)
    } else {
        let anchor = anchor_before
            .first()
            .zip(anchor_after.first())
            .map(|((_, b), (_, a))| (b + a) / 2.0);
        anchor.is_some_and(|a| record_rate >= 0.3 * a) && record_p99 < Duration::from_millis(25)
    };
    println!(
        "goal ({}): {}",
        if postgres {
            "2 000 records/s, p99 < 50 ms at 64 clients"
        } else {
            "30 % of the limit anchor, p99 < 25 ms at 64 clients"
        },
        if met { "met" } else { "MISSED" }
    );
}

/// The anchors of this backend: the SQLite limit server driven like kaiku,
/// or PostgreSQL's two pgbench scripts.
async fn anchors(postgres: bool, clients: usize) -> Vec<(&'static str, f64)> {
    if postgres {
        let url = std::env::var("KAIKU_TEST_POSTGRES_URL").unwrap_or_default();
        let figures = tokio::task::spawn_blocking(move || anchor::postgres(&url))
            .await
            .unwrap();
        return match figures {
            Some((insert, capped)) => vec![
                ("one insert per transaction (pgbench)", insert),
                ("naive capped record (pgbench)", capped),
            ],
            None => vec![],
        };
    }
    let Some(limit) = anchor::LimitServer::start().await else {
        return vec![];
    };
    let mut conns = vec![];
    for _ in 0..clients {
        conns.push(Conn::open(limit.addr, "").await);
    }
    let started = Instant::now();
    let mut handles = vec![];
    for (client, mut conn) in conns.into_iter().enumerate() {
        handles.push(tokio::spawn(async move {
            for i in 0..USES_PER_CLIENT {
                let body = format!(r#"{{"card_code":"T{client}N{i}"}}"#);
                let (status, _) = conn.send("POST", "/record/1", "", &body).await;
                assert_eq!(status, 201);
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let rate = (clients * USES_PER_CLIENT) as f64 / started.elapsed().as_secs_f64();
    vec![("SQLite capped record (../shared/bench/limit)", rate)]
}

/// The `n`th valid card of a phase, never twice in one: the seed grants card
/// n on today - n % 500 days, so the first 300 of every 500 are valid, and
/// the valid ones are visited in a shuffled order (7919 is prime).
fn valid_card(n: i64, phase: i64) -> String {
    let valid = ISSUED / 500 * 300;
    let m = (n * 7919 + phase * 104_729) % valid;
    code(m / 300 * 500 + m % 300 + 1)
}

struct Phase {
    checks: Vec<Duration>,
    records: Vec<Duration>,
    wall: Duration,
}

/// Every client checks and records `USES_PER_CLIENT` uses, flat out or at a
/// given total rate (uses a second).
async fn run(
    conns: Vec<Conn>,
    items: &[i64],
    phase: i64,
    rate: Option<f64>,
    check: bool,
) -> (Vec<Conn>, Phase) {
    let clients = conns.len();
    let started = Instant::now();
    let mut handles = vec![];
    for (client, mut conn) in conns.into_iter().enumerate() {
        let items = items.to_vec();
        handles.push(tokio::spawn(async move {
            let (mut checks, mut records) = (vec![], vec![]);
            // Clients start spread over one interval, not all at once.
            let every = rate.map(|r| Duration::from_secs_f64(clients as f64 / r));
            let offset = every.map(|e| e.mul_f64(client as f64 / clients as f64));
            for i in 0..USES_PER_CLIENT {
                let due = match (every, offset) {
                    (Some(e), Some(o)) => {
                        let due = started + o + e * i as u32;
                        tokio::time::sleep_until(due.into()).await;
                        due
                    }
                    _ => Instant::now(),
                };
                let n = client * USES_PER_CLIENT + i;
                let card = valid_card(n as i64, phase);
                let item = items[n % items.len()];
                let t = if check {
                    let (status, body) = conn
                        .send("GET", &format!("/api/v1/cards/{card}?item={item}"), "", "")
                        .await;
                    checks.push(due.elapsed());
                    assert_eq!(status, 200, "{body}");
                    Instant::now()
                } else {
                    due
                };
                let (status, body) = conn
                    .send(
                        "POST",
                        &format!("/api/v1/items/{item}/tickets"),
                        &format!("Idempotency-Key: bench-{phase}-{client}-{i}\r\n"),
                        &format!(r#"{{"card_code":"{card}","children":1}}"#),
                    )
                    .await;
                records.push(t.elapsed());
                assert_eq!(status, 201, "{body}");
            }
            (conn, checks, records)
        }));
    }
    let (mut conns, mut checks, mut records) = (vec![], vec![], vec![]);
    for h in handles {
        let (conn, c, r) = h.await.unwrap();
        conns.push(conn);
        checks.extend(c);
        records.extend(r);
    }
    let wall = started.elapsed();
    (
        conns,
        Phase {
            checks,
            records,
            wall,
        },
    )
}
