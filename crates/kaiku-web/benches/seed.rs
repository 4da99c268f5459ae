//! What the benchmarks share: a fresh register with two series of 100 000
//! cards, `issued` of them issued with background data, and the way figures
//! are reported. SQLite by default; `KAIKU_BENCH_BACKEND=postgres` seeds a
//! fresh schema on the server of `KAIKU_TEST_POSTGRES_URL` instead.

use kaiku_core::grant::Grant;
use kaiku_core::policy::{self, Operator, Principal};
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::cards::{self, NewEvent};
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::{Backend, TestDb};
use kaiku_store::{Store, StoreError, accounts, now};
use std::time::{Duration, Instant};

pub const CARDS_PER_SERIES: i64 = 100_000;

/// The benchmark seeds the store as the operator would.
pub fn op() -> Principal {
    // SAFETY: `unsafe` marks authority, not memory; a benchmark is the operator.
    Principal::operator(&unsafe { Operator::assume() })
}

/// The code of the `n`th card (1-based) across the two series.
pub fn code(n: i64) -> String {
    if n <= CARDS_PER_SERIES {
        format!("A{n:06}")
    } else {
        format!("B{:06}", n - CARDS_PER_SERIES)
    }
}

pub struct Seeded {
    pub db: TestDb,
    pub store: Store,
    pub area: i64,
    pub point: i64,
}

/// Seeds the register; the account `bench` (password `benchmark password`)
/// issues cards at the point.
pub async fn seed(issued: i64) -> Seeded {
    let backend = match std::env::var("KAIKU_BENCH_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let db = TestDb::new(backend).expect("KAIKU_TEST_POSTGRES_URL names the PostgreSQL server");
    eprintln!("backend: {backend:?}");
    let store = Store::open(&db.url).unwrap();
    let hash = kaiku_app::session::hash_password("benchmark password".into())
        .await
        .unwrap();
    let seeding = Instant::now();
    let (area, point) = store
        .write(move |c| {
            let fields = AreaFields {
                name: "Bench".into(),
                name_sv: None,
                trial_ends: None,
                local_only: false,
                municipality_codes: String::new(),
                brochure_languages: "fi".into(),
            };
            let op = op();
            let area = areas::create(c, &policy::national(&op).unwrap(), &fields, now())?;
            let scope = policy::manage_area(&op, area).unwrap();
            let point = points::create(
                c,
                &scope,
                &PointFields {
                    name: "P".into(),
                    kind: kaiku_core::org::PointKind::Ngo,
                    active: true,
                },
                now(),
            )?;
            let grant = Grant::Issuer { area, point };
            let home = policy::new_account(&op, &[grant], false).unwrap();
            let id = accounts::create(c, &home, "bench", &hash, false, now())?;
            let permit = policy::permit_grant(&op, id, Some(area), &[], grant, true).unwrap();
            accounts::add_grant(c, &permit, now())?;
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
                cards::create_series(c, &policy::stock(&op()).unwrap(), area, &series, now())?;
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
    let today = chrono::Utc::now().date_naive();
    for chunk in 0..(issued / 10_000) {
        store
            .write(move |c| {
                let (lookup, issuing) = (
                    policy::card_lookup(&op()).unwrap(),
                    policy::issuing(&op()).unwrap(),
                );
                for n in chunk * 10_000 + 1..=(chunk + 1) * 10_000 {
                    let (prefix, number) = if n <= CARDS_PER_SERIES {
                        ("A", n)
                    } else {
                        ("B", n - CARDS_PER_SERIES)
                    };
                    let card = cards::lookup(c, &lookup, &format!("{prefix}{number:06}"))?.unwrap();
                    let grant = today - chrono::Duration::days(n % 500);
                    let until = kaiku_core::validity::valid_until(grant, None);
                    let g = cards::Grant {
                        kind: kaiku_core::card::Kind::Personal,
                        point,
                        grant_date: grant,
                        valid_until: until,
                        minor_children: Some(1),
                    };
                    cards::issue(
                        c,
                        &issuing,
                        card.id,
                        &g,
                        &NewEvent {
                            card_id: card.id,
                            event: kaiku_core::card::Event::Issued,
                            at: now(),
                            distribution_point_id: Some(point),
                            area_id: area,
                            kind: Some(kaiku_core::card::Kind::Personal),
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
                        now(),
                    )?;
                }
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
    let total = store.read(cards::count).await.unwrap();
    println!(
        "seeded {total} cards ({issued} issued) in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    Seeded {
        db,
        store,
        area,
        point,
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).min(sorted.len()) - 1]
}

pub fn report(name: &str, mut times: Vec<Duration>) -> Duration {
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

/// The process's peak resident memory since the last reset, in MB.
pub fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .parse()
        .unwrap();
    kb / 1024.0
}

pub fn reset_peak() {
    // Linux: writing 5 resets the peak resident set size.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
