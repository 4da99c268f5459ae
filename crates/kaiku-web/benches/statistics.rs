//! The statistics speed goal: with a national register of 1 000 000 cards
//! and 5 000 000 uses, an area's annual statistics, the coordinator's live
//! view of a period and the national statistics from the areas' submissions
//! each render in under 1 s, on SQLite and on PostgreSQL.
//!
//! `cargo bench -p kaiku-web --bench statistics` generates that register
//! (ten areas of 100 000 cards, each used five times in 2025 at its area's
//! venues) straight into a fresh SQLite file (`KAIKU_BENCH_BACKEND=postgres`:
//! a fresh schema on the server of `KAIKU_TEST_POSTGRES_URL`), then times the requests
//! through the whole router as a coordinator and the national admin would
//! make them. `KAIKU_BENCH_CARDS` sets a smaller register for a quick look;
//! `KAIKU_BENCH_KEEP=1` keeps the register generated and prints its URL, and
//! `KAIKU_BENCH_AGAIN=<that URL>` times it again without generating it (its
//! year is then submitted again, as a next version).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use diesel::connection::SimpleConnection;
use http_body_util::BodyExt;
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_store::testing::{Backend, TestDb};
use kaiku_store::{Store, StoreError, accounts, now};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[allow(dead_code)]
#[path = "anchor.rs"]
mod anchor;

const AREAS: i64 = 10;
const VENUES_PER_AREA: i64 = 10;
const WEEKS: i64 = 52;
const USES_PER_CARD: i64 = 5;

/// The whole register in a few statements: numbers from a recursive CTE on
/// SQLite, from `generate_series` on PostgreSQL (the same rows on both).
fn generate(store: &Store, cards: i64, backend: Backend) {
    if backend == Backend::Postgres {
        return generate_postgres(store, cards);
    }
    let per_area = cards / AREAS;
    let items_per_area = VENUES_PER_AREA * WEEKS;
    let sql = format!(
        "
        WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {AREAS})
        INSERT INTO areas (id, name, trial_ends, local_only, municipality_codes, brochure_languages, created_at)
        SELECT x, 'Alue ' || x, NULL, FALSE, '', 'fi', '2025-01-01 00:00:00' FROM n;
        WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {AREAS} * 5 - 1)
        INSERT INTO distribution_points (id, area_id, name, kind, active, created_at)
        SELECT x + 1, x % {AREAS} + 1, 'Piste ' || x, 'ngo', TRUE, '2025-01-01 00:00:00' FROM n;
        WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {AREAS} * {VENUES_PER_AREA} - 1)
        INSERT INTO venues (id, area_id, name, sector, sales_channels, free_cloakroom, active, created_at)
        SELECT x + 1, x % {AREAS} + 1, 'Toimija ' || x,
               CASE x % 4 WHEN 0 THEN 'theatre' WHEN 1 THEN 'museum' WHEN 2 THEN 'swimming_hall' ELSE 'adult_education' END,
               'box_office', TRUE, TRUE, '2025-01-01 00:00:00' FROM n;
        WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {AREAS})
        INSERT INTO card_series (id, area_id, prefix, first_number, last_number, width, check_kind, created_at)
        SELECT x, x, 'A' || x || 'N', 1, {per_area}, NULL, 'none', '2025-01-01 00:00:00' FROM n;
        WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {cards} - 1)
        INSERT INTO cards (id, code, series_id, number, area_id, allocated_point_id, status, kind, holder_point_id,
                           grant_date, valid_until, minor_children, updated_at)
        SELECT x + 1, 'A' || (x % {AREAS} + 1) || 'N' || (x / {AREAS} + 1), x % {AREAS} + 1, x / {AREAS} + 1,
               x % {AREAS} + 1, NULL, 'issued', 'personal', (x % ({AREAS} * 5)) + 1,
               date('2024-10-01', '+' || (x % 300) || ' days'), date('2025-10-01', '+' || (x % 300) || ' days'),
               x % 3, '2025-01-01 00:00:00' FROM n;
        INSERT INTO card_events (card_id, event, at, distribution_point_id, area_id, kind, grant_date, valid_until,
                                 birth_year, mother_tongue, gender, postal_code, minor_children, life_situations)
        SELECT id, CASE id % 7 WHEN 0 THEN 'renewed' ELSE 'issued' END, '2025-01-01 00:00:00', holder_point_id, area_id,
               'personal', grant_date, valid_until, 1940 + id % 65,
               CASE id % 5 WHEN 0 THEN 'sv' WHEN 1 THEN 'ru' ELSE 'fi' END,
               CASE id % 4 WHEN 0 THEN 'woman' WHEN 1 THEN 'man' WHEN 2 THEN 'other' ELSE 'not_stated' END,
               printf('%05d', 80000 + (id % 997) * 10), x % 3 || '', 'low_income'
        FROM (SELECT *, id AS x FROM cards);
        WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {AREAS} * {items_per_area} - 1)
        INSERT INTO items (id, venue_id, area_id, kind, title, starts_at, capacity, class, sold_out, excluded, created_at, updated_at, kaiku_used)
        SELECT x + 1, (x / {WEEKS}) + 1, ((x / {WEEKS}) % {AREAS}) + 1, 'event', 'Näytös',
               datetime('2025-01-03 16:00:00', '+' || ((x % {WEEKS}) * 7) || ' days'), 100000, 'default', FALSE, FALSE,
               '2025-01-01 00:00:00', '2025-01-01 00:00:00', 0 FROM n;
        "
    );
    let mut c = store.conn().unwrap();
    c.batch_execute(&sql).unwrap();
    // Uses: each card five times at its own area's venues, on distinct items.
    // Item of venue v (0-based) in week w has id v * WEEKS + w + 1, and venue
    // v belongs to area v % AREAS + 1.
    let uses = format!(
        "
        WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < {cards} * {USES_PER_CARD} - 1),
        u AS (SELECT x % {cards} AS card, x / {cards} AS r FROM n),
        p AS (SELECT card, r, card % {AREAS} AS a,
                     ((card / {AREAS}) * 7 + r * 1237) % {items_per_area} AS k FROM u),
        q AS (SELECT card, r, a, (k / {WEEKS}) * {AREAS} + a AS venue0, k % {WEEKS} AS week FROM p)
        INSERT INTO tickets (item_id, card_id, venue_id, area_id, use_key, adults, children, channel, status, backlog, used_on, recorded_at)
        SELECT venue0 * {WEEKS} + week + 1, card + 1, venue0 + 1, a + 1, 'b' || card || '-' || r, 1, (card + r) % 3,
               'box_office', 'redeemed', FALSE, date('2025-01-03', '+' || (week * 7) || ' days'), '2025-01-01 00:00:00'
        FROM q;
        ANALYZE;
        "
    );
    c.batch_execute(&uses).unwrap();
    // Written in one burst, the register's 1.5 GB went through the log;
    // copied back and the log started again, it is read as a register at
    // rest is (a running server's log stays under a few hundred MB).
    let kaiku_store::DbConn::Sqlite(c) = &mut *c else {
        unreachable!("generated on SQLite")
    };
    #[derive(diesel::QueryableByName)]
    struct Checkpoint {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        busy: i32,
    }
    // The store's own checkpointer may be copying at the same moment.
    while diesel::RunQueryDsl::get_result::<Checkpoint>(
        diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)"),
        c,
    )
    .unwrap()
    .busy
        != 0
    {
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn generate_postgres(store: &Store, cards: i64) {
    let per_area = cards / AREAS;
    let items_per_area = VENUES_PER_AREA * WEEKS;
    let at = "TIMESTAMP '2025-01-01 00:00:00'";
    let sql = format!(
        "
        INSERT INTO areas (id, name, trial_ends, local_only, municipality_codes, brochure_languages, created_at)
        SELECT x, 'Alue ' || x, NULL, FALSE, '', 'fi', {at} FROM generate_series(1, {AREAS}) x;
        INSERT INTO distribution_points (id, area_id, name, kind, active, created_at)
        SELECT x + 1, x % {AREAS} + 1, 'Piste ' || x, 'ngo', TRUE, {at} FROM generate_series(0, {AREAS} * 5 - 1) x;
        INSERT INTO venues (id, area_id, name, sector, sales_channels, free_cloakroom, active, created_at)
        SELECT x + 1, x % {AREAS} + 1, 'Toimija ' || x,
               CASE x % 4 WHEN 0 THEN 'theatre' WHEN 1 THEN 'museum' WHEN 2 THEN 'swimming_hall' ELSE 'adult_education' END,
               'box_office', TRUE, TRUE, {at} FROM generate_series(0, {AREAS} * {VENUES_PER_AREA} - 1) x;
        INSERT INTO card_series (id, area_id, prefix, first_number, last_number, width, check_kind, created_at)
        SELECT x, x, 'A' || x || 'N', 1, {per_area}, NULL, 'none', {at} FROM generate_series(1, {AREAS}) x;
        INSERT INTO cards (id, code, series_id, number, area_id, allocated_point_id, status, kind, holder_point_id,
                           grant_date, valid_until, minor_children, updated_at)
        SELECT x + 1, 'A' || (x % {AREAS} + 1) || 'N' || (x / {AREAS} + 1), x % {AREAS} + 1, x / {AREAS} + 1,
               x % {AREAS} + 1, NULL, 'issued', 'personal', (x % ({AREAS} * 5)) + 1,
               DATE '2024-10-01' + (x % 300)::int, DATE '2025-10-01' + (x % 300)::int,
               (x % 3)::int, {at} FROM generate_series(0::bigint, {cards} - 1) x;
        INSERT INTO card_events (card_id, event, at, distribution_point_id, area_id, kind, grant_date, valid_until,
                                 birth_year, mother_tongue, gender, postal_code, minor_children, life_situations)
        SELECT id, CASE id % 7 WHEN 0 THEN 'renewed' ELSE 'issued' END, {at}, holder_point_id, area_id,
               'personal', grant_date, valid_until, (1940 + id % 65)::int,
               CASE id % 5 WHEN 0 THEN 'sv' WHEN 1 THEN 'ru' ELSE 'fi' END,
               CASE id % 4 WHEN 0 THEN 'woman' WHEN 1 THEN 'man' WHEN 2 THEN 'other' ELSE 'not_stated' END,
               lpad((80000 + (id % 997) * 10)::text, 5, '0'), (id % 3)::int, 'low_income'
        FROM cards;
        INSERT INTO items (id, venue_id, area_id, kind, title, starts_at, capacity, class, sold_out, excluded, created_at, updated_at, kaiku_used)
        SELECT x + 1, (x / {WEEKS}) + 1, ((x / {WEEKS}) % {AREAS}) + 1, 'event', 'Näytös',
               TIMESTAMP '2025-01-03 16:00:00' + ((x % {WEEKS}) * 7) * INTERVAL '1 day', 100000, 'default', FALSE, FALSE,
               {at}, {at}, 0 FROM generate_series(0, {AREAS} * {items_per_area} - 1) x;
        INSERT INTO tickets (item_id, card_id, venue_id, area_id, use_key, adults, children, channel, status, backlog, used_on, recorded_at)
        SELECT venue0 * {WEEKS} + week + 1, card + 1, venue0 + 1, a + 1, 'b' || card || '-' || r, 1, ((card + r) % 3)::int,
               'box_office', 'redeemed', FALSE, DATE '2025-01-03' + (week * 7)::int, {at}
        FROM (SELECT card, r, a, (k / {WEEKS}) * {AREAS} + a AS venue0, k % {WEEKS} AS week
              FROM (SELECT card, r, card % {AREAS} AS a, ((card / {AREAS}) * 7 + r * 1237) % {items_per_area} AS k
                    FROM (SELECT x % {cards} AS card, x / {cards} AS r
                          FROM generate_series(0::bigint, {cards} * {USES_PER_CARD} - 1) x) u) p) q;
        SELECT setval(pg_get_serial_sequence('areas', 'id'), (SELECT max(id) FROM areas));
        SELECT setval(pg_get_serial_sequence('distribution_points', 'id'), (SELECT max(id) FROM distribution_points));
        SELECT setval(pg_get_serial_sequence('venues', 'id'), (SELECT max(id) FROM venues));
        SELECT setval(pg_get_serial_sequence('card_series', 'id'), (SELECT max(id) FROM card_series));
        SELECT setval(pg_get_serial_sequence('cards', 'id'), (SELECT max(id) FROM cards));
        SELECT setval(pg_get_serial_sequence('items', 'id'), (SELECT max(id) FROM items));
        "
    );
    let mut c = store.conn().unwrap();
    c.batch_execute(&sql).unwrap();
    // As autovacuum leaves a table after a bulk load: the visibility map
    // set (index-only scans need it) and the statistics taken. VACUUM runs
    // outside a transaction, so on its own.
    c.batch_execute("VACUUM ANALYZE").unwrap();
}

async fn get(app: &axum::Router, cookie: &str, path: &str) -> (StatusCode, Duration, Vec<u8>) {
    let start = Instant::now();
    let res = app
        .clone()
        .oneshot(
            Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = res.status();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, start.elapsed(), body)
}

async fn login(app: &axum::Router, user: &str) -> String {
    let res = app
        .clone()
        .oneshot(
            Request::post("/api/v1/login")
                .header("content-type", "application/json")
                .body(Body::from(format!(
                    r#"{{"username":"{user}","password":"benchmark password"}}"#
                )))
                .unwrap(),
        )
        .await
        .unwrap();
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let cards: i64 = std::env::var("KAIKU_BENCH_CARDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let backend = match std::env::var("KAIKU_BENCH_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let db = TestDb::new(backend).expect("KAIKU_TEST_POSTGRES_URL names the PostgreSQL server");
    println!("backend: {backend:?}");
    let again = std::env::var("KAIKU_BENCH_AGAIN").ok();
    if again.is_none() && std::env::var("KAIKU_BENCH_KEEP").is_ok() {
        println!("kept: {}", db.url);
    }
    let store = Store::open(again.as_deref().unwrap_or(&db.url)).unwrap();
    let t = Instant::now();
    if again.is_none() {
        generate(&store, cards, backend);
        let tickets: i64 = store
            .read(|c| {
                use diesel::{QueryDsl, RunQueryDsl};
                kaiku_store::schema::tickets::table
                    .count()
                    .get_result::<i64>(c)
                    .map_err(StoreError::from)
            })
            .await
            .unwrap();
        println!(
            "generated {cards} cards and {tickets} uses in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let hash = kaiku_app::session::hash_password("benchmark password".into())
            .await
            .unwrap();
        store
            .write(move |c| {
                // SAFETY: `unsafe` marks authority, not memory; the benchmark is the operator.
                let op = policy::Principal::operator(&unsafe { policy::Operator::assume() });
                let national = policy::new_account(&op, &[], true).unwrap();
                let give = |c: &mut kaiku_store::DbConn, id, grant| {
                    let permit = policy::permit_grant(&op, id, None, &[], grant, true).unwrap();
                    accounts::add_grant(c, &permit, now())
                };
                let admin = accounts::create(c, &national, "admin", &hash, false, now())?;
                give(c, admin, Grant::NationalAdmin)?;
                // One coordinator of every area: a national account.
                let coord = accounts::create(c, &national, "coordinator", &hash, false, now())?;
                for area in 1..=AREAS {
                    give(c, coord, Grant::AreaCoordinator { area })?;
                }
                // One person of each role in area 1, for the first pages.
                for (name, grant) in [
                    ("coord1", Grant::AreaCoordinator { area: 1 }),
                    ("issuer1", Grant::Issuer { area: 1, point: 1 }),
                    ("staff1", Grant::VenueStaff { area: 1, venue: 1 }),
                ] {
                    let id = accounts::create(c, &national, name, &hash, false, now())?;
                    give(c, id, grant)?;
                }
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
    let app = kaiku_web::router(
        store.clone(),
        kaiku_web::Config {
            secure_cookies: false,
            ..Default::default()
        },
    );
    let coord = login(&app, "coordinator").await;
    let admin = login(&app, "admin").await;

    let mut area_times = vec![];
    for area in 1..=AREAS {
        let (status, took, body) =
            get(&app, &coord, &format!("/areas/{area}/statistics?year=2025")).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        area_times.push(took);
    }
    // The coordinator's live view: the area's figures for a period that
    // is not a submitted year, computed from the register at each request.
    let mut live_times = vec![];
    for area in 1..=AREAS {
        let (status, took, body) = get(
            &app,
            &coord,
            &format!("/areas/{area}/statistics?from=2025-06-01&to=2025-11-30"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        live_times.push(took);
    }
    // The areas submit their year; each submission publishes it, protected
    // against all published before (the last one with the national table);
    // the national page is built from that.
    let mut submit_times = vec![];
    for area in 1..=AREAS {
        let started = std::time::Instant::now();
        let res = app
            .clone()
            .oneshot(
                Request::post(format!("/api/v1/areas/{area}/statistics/submissions"))
                    .header("cookie", &coord)
                    .header("content-type", "application/json")
                    .body(Body::from(r#"{"year": 2025}"#))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        submit_times.push(started.elapsed());
    }
    let (status, national, _) = get(&app, &admin, "/statistics?year=2025").await;
    assert_eq!(status, StatusCode::OK);
    let (status, national_json, _) = get(&app, &admin, "/api/v1/statistics?year=2025").await;
    assert_eq!(status, StatusCode::OK);
    area_times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "area statistics page, one area of {} cards: median {:.0} ms, slowest {:.0} ms",
        cards / AREAS,
        ms(area_times[area_times.len() / 2]),
        ms(*area_times.last().unwrap())
    );
    live_times.sort();
    println!(
        "the coordinator's live view of a period (June to November): median {:.0} ms, slowest {:.0} ms",
        ms(live_times[live_times.len() / 2]),
        ms(*live_times.last().unwrap())
    );
    println!(
        "national statistics page (submitted): {:.0} ms; as JSON {:.0} ms",
        ms(national),
        ms(national_json)
    );
    println!(
        "submitting a year, publishing included: slowest {:.0} ms (the last, with the national table {:.0} ms)",
        ms(*submit_times.iter().max().unwrap()),
        ms(*submit_times.last().unwrap())
    );
    // Each role's first page (R-REP-7), after the year was submitted: the
    // goal is under 200 ms each.
    let mut first_pages = vec![];
    for who in ["issuer1", "staff1", "coord1", "admin"] {
        let cookie = login(&app, who).await;
        let mut times = vec![];
        for _ in 0..5 {
            let (status, took, body) = get(&app, &cookie, "/").await;
            assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
            times.push(took);
        }
        times.sort();
        println!(
            "first page of {who:<8}: median {:.0} ms, slowest {:.0} ms",
            ms(times[2]),
            ms(times[4])
        );
        first_pages.push(times[4]);
    }
    println!(
        "goal (each first page < 200 ms): {}",
        if first_pages.iter().all(|t| *t < Duration::from_millis(200)) {
            "met"
        } else {
            "MISSED"
        }
    );
    println!("{}", anchor::rss());
    let second = Duration::from_secs(1);
    let met = *area_times.last().unwrap() < second
        && *live_times.last().unwrap() < second
        && national < second
        && national_json < second;
    println!(
        "goal (an area's year, the live view and national from submissions each < 1 s): {}",
        if met { "met" } else { "MISSED" }
    );
    if std::env::var("KAIKU_BENCH_KEEP").is_ok() {
        std::mem::forget(db);
    }
}
