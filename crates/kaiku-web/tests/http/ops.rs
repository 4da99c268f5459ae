//! Operations (R-OPS-1): a backup taken while box offices record is a
//! register whose every acknowledged ticket is there and whose counters
//! equal its tickets; on PostgreSQL `pg_dump` and `pg_restore` round-trip
//! the register.

use crate::common::{self, TestApp, World, today, transfer_form};
use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use chrono::Duration;
use diesel::RunQueryDsl;
use http_body_util::BodyExt;
use kaiku_store::testing::TestDb;
use kaiku_store::{DbConn, Store, StoreError, backup, on_both};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use tower::ServiceExt;

#[derive(diesel::QueryableByName, Debug, PartialEq, Eq)]
struct Row {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Each item's counter beside the tickets it holds.
fn counters(c: &mut DbConn) -> Result<Vec<(i64, i64, i64)>, StoreError> {
    let used: Vec<Row> =
        diesel::sql_query("SELECT id, CAST(kaiku_used AS BIGINT) AS n FROM items ORDER BY id")
            .load(c)?;
    let mut out = vec![];
    for u in used {
        let held: Vec<Row> = diesel::sql_query(format!(
            "SELECT CAST({} AS BIGINT) AS id, CAST(COALESCE(SUM(adults + children), 0) AS BIGINT) AS n \
             FROM tickets WHERE item_id = {} AND status <> 'cancelled'",
            u.id, u.id
        ))
        .load(c)?;
        out.push((u.id, u.n, held[0].n));
    }
    Ok(out)
}

fn ticket_ids(c: &mut DbConn) -> Result<BTreeSet<i64>, StoreError> {
    let rows: Vec<Row> =
        diesel::sql_query("SELECT id, CAST(0 AS BIGINT) AS n FROM tickets").load(c)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

async fn show(app: &TestApp, w: &World) -> i64 {
    let day = today() + Duration::days(3);
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/venues/{}/items", w.va),
            &w.staff_a,
            Some(json!({"type": "event", "title": "Trollkarlen Matti",
                "starts_at": format!("{day}T19:00"), "capacity": 1000, "class": "default"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

on_both!(
    r_ops_1_a_backup_under_load_holds_every_acknowledged_ticket,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=120, &[(w.pa, 1..=120)]).await;
        for n in 1..=120 {
            common::issued(&app, &w.issuer_a, &format!("E{n}"), transfer_form(1)).await;
        }
        let item = show(&app, &w).await;
        let send = |n: usize| {
            let router = app.router.clone();
            let req = TestApp::request(
                Method::POST,
                &format!("/api/v1/items/{item}/tickets"),
                &w.token_a,
            )
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({"card_code": format!("E{n}"), "children": 1}).to_string(),
            ))
            .unwrap();
            tokio::spawn(async move {
                let res = router.oneshot(req).await.unwrap();
                let status = res.status();
                let body: Value =
                    serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes())
                        .unwrap_or(Value::Null);
                assert_eq!(status, StatusCode::CREATED, "{body}");
                body["tickets"][0]["id"].as_i64().unwrap()
            })
        };
        // Forty acknowledged before the backup starts, eighty racing it.
        let mut before = BTreeSet::new();
        for n in 1..=40 {
            before.insert(send(n).await.unwrap());
        }
        let racing: Vec<_> = (41..=120).map(send).collect();
        if app.store.backend() == "sqlite" {
            let dir = std::env::temp_dir().join(format!("kaiku_backup_{}", rand::random::<u64>()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("backup.db");
            let f = file.clone();
            let checked = app
                .store
                .read(move |c| backup::backup(c, &f))
                .await
                .unwrap();
            assert_eq!(checked.behind, 0);
            let mut all = BTreeSet::new();
            for t in racing {
                all.insert(t.await.unwrap());
            }
            all.extend(before.iter().copied());
            let restored = dir.join("restored.db");
            backup::restore(&file, &restored).unwrap();
            let store = Store::open(&format!("sqlite://{}", restored.display())).unwrap();
            let (held, counters) = store
                .read(|c| Ok::<_, StoreError>((ticket_ids(c)?, counters(c)?)))
                .await
                .unwrap();
            assert!(
                before.is_subset(&held),
                "every ticket acknowledged before the backup"
            );
            assert!(held.is_subset(&all), "nothing that was not recorded");
            for (item, counter, tickets) in counters {
                assert_eq!(
                    counter, tickets,
                    "item {item}: its counter equals its tickets"
                );
            }
            // A backup never overwrites, and a restore never goes over a register.
            let again = app.store.read(move |c| backup::backup(c, &file)).await;
            assert!(again.unwrap_err().to_string().contains("exists already"));
            drop(store);
            let over = backup::restore(&dir.join("backup.db"), &restored).unwrap_err();
            assert!(
                over.to_string().contains("holds a register already"),
                "{over}"
            );
            std::fs::remove_dir_all(&dir).unwrap();
        } else {
            for t in racing {
                t.await.unwrap();
            }
            pg_round_trip(&app).await;
        }
    }
);

/// `pg_dump` of the register's schema, `pg_restore` into a new database:
/// every table holds the same rows.
async fn pg_round_trip(app: &TestApp) {
    use diesel::Connection;
    let base = std::env::var(kaiku_store::testing::POSTGRES_ENV).unwrap();
    let schema: String = app
        .store
        .read(|c| {
            #[derive(diesel::QueryableByName)]
            struct S {
                #[diesel(sql_type = diesel::sql_types::Text)]
                s: String,
            }
            let s: S = diesel::sql_query("SELECT current_schema() AS s").get_result(c)?;
            Ok::<_, StoreError>(s.s)
        })
        .await
        .unwrap();
    let dump = std::env::temp_dir().join(format!("{schema}.dump"));
    let out = std::process::Command::new("pg_dump")
        .args([
            "--format=custom",
            "--no-owner",
            "--schema",
            &schema,
            "--file",
        ])
        .arg(&dump)
        .arg(&base)
        .output()
        .expect("pg_dump is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = format!("{schema}_restored");
    let mut admin = diesel::PgConnection::establish(&base).unwrap();
    diesel::sql_query(format!("CREATE DATABASE {target}"))
        .execute(&mut admin)
        .unwrap();
    let target_url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{target}"),
        None => panic!("a database URL"),
    };
    let out = std::process::Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &target_url])
        .arg(&dump)
        .output()
        .unwrap();
    let restored_ok = out.status.success();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let compare = || {
        let mut c = kaiku_store::testing::connect(&format!(
            "{target_url}?options=-csearch_path%3D{schema}"
        ));
        let tables = [
            "cards",
            "card_events",
            "items",
            "tickets",
            "audit_log",
            "accounts",
            "areas",
        ];
        let mut counts = vec![];
        for t in tables {
            #[derive(diesel::QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let n: N = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}"))
                .get_result(&mut c)
                .unwrap();
            counts.push(n.n);
        }
        (
            counts,
            counters(&mut c).unwrap(),
            ticket_ids(&mut c).unwrap(),
        )
    };
    let result = restored_ok.then(compare);
    drop(admin);
    let mut admin = diesel::PgConnection::establish(&base).unwrap();
    diesel::sql_query(format!("DROP DATABASE {target}"))
        .execute(&mut admin)
        .unwrap();
    let _ = std::fs::remove_file(&dump);
    let (counts, counters_after, tickets_after) = result.unwrap_or_else(|| panic!("{stderr}"));
    let (tickets_before, counters_before) = app
        .store
        .read(|c| Ok::<_, StoreError>((ticket_ids(c)?, counters(c)?)))
        .await
        .unwrap();
    assert_eq!(tickets_after, tickets_before);
    assert_eq!(counters_after, counters_before);
    assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
}
