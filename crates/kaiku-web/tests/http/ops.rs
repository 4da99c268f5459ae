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

/// The test is the operator, who keeps the service.
fn upkeep() -> kaiku_core::policy::Maintenance {
    // SAFETY: `unsafe` marks authority, not memory; a test is the operator.
    let op =
        kaiku_core::policy::Principal::operator(&unsafe { kaiku_core::policy::Operator::assume() });
    kaiku_core::policy::maintenance(&op).unwrap()
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
                .read(move |c| backup::backup(c, &upkeep(), &f))
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
            let again = app
                .store
                .read(move |c| backup::backup(c, &upkeep(), &file))
                .await;
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

/// A value as text, the same on both backends: booleans as 1 and 0,
/// times with at most microseconds and no trailing zeros.
fn normal(v: &str) -> String {
    match v {
        "true" => return "1".into(),
        "false" => return "0".into(),
        _ => {}
    }
    let b = v.as_bytes();
    let timestamp = b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b' ' || b[10] == b'T')
        && b[13] == b':'
        && b[16] == b':';
    if !timestamp {
        return v.to_string();
    }
    // PostgreSQL keeps microseconds, rounded.
    use chrono::SubsecRound;
    let Ok(t) =
        chrono::NaiveDateTime::parse_from_str(&v.replacen('T', " ", 1), "%Y-%m-%d %H:%M:%S%.f")
    else {
        return v.to_string();
    };
    let text = t
        .round_subsecs(6)
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string();
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn literal(v: &Value, boolean: bool) -> String {
    match v {
        Value::Null => "NULL".into(),
        Value::Number(n) if boolean => (if n.as_i64() == Some(0) {
            "FALSE"
        } else {
            "TRUE"
        })
        .into(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
        Value::String(s) => format!("'{}'", s.replace('\'', "''")),
        other => format!("'{}'", other.to_string().replace('\'', "''")),
    }
}

/// The columns of a table of the stored register.
fn columns_of(t: &Value) -> Vec<String> {
    t["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

/// Every row of a table, each column cast to text, fields joined.
fn rows_of(c: &mut DbConn, table: &str, columns: &[String]) -> Vec<Vec<String>> {
    #[derive(diesel::QueryableByName)]
    struct R {
        #[diesel(sql_type = diesel::sql_types::Text)]
        r: String,
    }
    let fields: Vec<String> = columns
        .iter()
        .map(|c| format!("COALESCE(CAST({c} AS TEXT), '<null>')"))
        .collect();
    let sql = format!(
        "SELECT {} AS r FROM {table}",
        fields.join(" || '\u{1f}' || ")
    );
    let mut rows: Vec<Vec<String>> = diesel::sql_query(sql)
        .load::<R>(c)
        .unwrap_or_else(|e| panic!("{table}: {e}"))
        .into_iter()
        .map(|r| r.r.split('\u{1f}').map(normal).collect())
        .collect();
    rows.sort();
    rows
}

on_both!(
    r_ops_4_a_register_of_an_earlier_release_upgrades_with_nothing_lost,
    |db: TestDb| async move {
        let fixture: Value =
            serde_json::from_str(include_str!("../fixtures/register-1.json")).unwrap();
        let tables = fixture["tables"].as_object().unwrap();
        let newest = tables["__diesel_schema_migrations"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[0].as_str().unwrap().to_string())
            .max()
            .unwrap();
        // The register as that release left it: its schema, then its rows.
        let mut c = kaiku_store::testing::connect(&db.url);
        kaiku_store::testing::migrate_before(&mut c, &format!("{newest}0")).unwrap();
        let postgres = matches!(c, DbConn::Postgres(_));
        let booleans: BTreeSet<(String, String)> = if postgres {
            #[derive(diesel::QueryableByName)]
            struct B {
                #[diesel(sql_type = diesel::sql_types::Text)]
                t: String,
                #[diesel(sql_type = diesel::sql_types::Text)]
                c: String,
            }
            diesel::sql_query("SET session_replication_role = replica")
                .execute(&mut c)
                .unwrap();
            diesel::sql_query(
                "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND data_type = 'boolean'",
            )
            .load::<B>(&mut c)
            .unwrap()
            .into_iter()
            .map(|b| (b.t, b.c))
            .collect()
        } else {
            diesel::sql_query("PRAGMA foreign_keys = OFF")
                .execute(&mut c)
                .unwrap();
            BTreeSet::new()
        };
        for (name, t) in tables.iter().filter(|(n, _)| !n.starts_with("__")) {
            // What the migrations put in (the national lists, the cap
            // table) is replaced by what the register held.
            #[derive(diesel::QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            let seeded: N = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {name}"))
                .get_result(&mut c)
                .unwrap();
            if seeded.n > 0 {
                diesel::sql_query(format!("DELETE FROM {name}"))
                    .execute(&mut c)
                    .unwrap();
            }
            let columns = columns_of(t);
            for chunk in t["rows"].as_array().unwrap().chunks(200) {
                let values: Vec<String> = chunk
                    .iter()
                    .map(|row| {
                        let cells: Vec<String> = row
                            .as_array()
                            .unwrap()
                            .iter()
                            .zip(&columns)
                            .map(|(v, col)| {
                                literal(v, booleans.contains(&(name.clone(), col.clone())))
                            })
                            .collect();
                        format!("({})", cells.join(", "))
                    })
                    .collect();
                diesel::sql_query(format!(
                    "INSERT INTO {name} ({}) VALUES {}",
                    columns.join(", "),
                    values.join(", ")
                ))
                .execute(&mut c)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            if postgres && columns.first().is_some_and(|c| c == "id") {
                diesel::sql_query(format!(
                    "SELECT setval(pg_get_serial_sequence('{name}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {name}), 1))"
                ))
                .execute(&mut c)
                .unwrap();
            }
        }
        drop(c);
        // This version opens it, migrating it to its own schema.
        let app = crate::common::TestApp::new(db);
        let before: Vec<(String, Vec<String>, Vec<Vec<String>>)> = tables
            .iter()
            .filter(|(n, _)| !n.starts_with("__"))
            .map(|(name, t)| {
                let columns = columns_of(t);
                let mut rows: Vec<Vec<String>> = t["rows"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        r.as_array()
                            .unwrap()
                            .iter()
                            .map(|v| match v {
                                Value::Null => "<null>".to_string(),
                                Value::String(s) => normal(s),
                                v => normal(&v.to_string()),
                            })
                            .collect()
                    })
                    .collect();
                rows.sort();
                (name.clone(), columns, rows)
            })
            .collect();
        for (name, columns, rows) in before {
            let (n, cols) = (name.clone(), columns.clone());
            let now = app
                .store
                .read(move |c| Ok::<_, StoreError>(rows_of(c, &n, &cols)))
                .await
                .unwrap();
            assert_eq!(now.len(), rows.len(), "{name}: rows");
            if let Some((a, b)) = now.iter().zip(&rows).find(|(a, b)| a != b) {
                let diff: Vec<String> = columns
                    .iter()
                    .zip(a.iter().zip(b))
                    .filter(|(_, (x, y))| x != y)
                    .map(|(c, (x, y))| format!("{c}: now {x:?}, was {y:?}"))
                    .collect();
                panic!("{name}: a row differs: {diff:?}");
            }
        }
        // Every statistic as the areas submitted it is what the register
        // counts now.
        let subs = tables["statistics_submissions"]["rows"].as_array().unwrap();
        let cols: Vec<&str> = tables["statistics_submissions"]["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let at = |name: &str| cols.iter().position(|c| *c == name).unwrap();
        let mut compared = 0;
        for (user, password) in [
            ("koordinaattori", "kaiku-demo-coordinator"),
            ("samordnare", "kaiku-demo-samordnare"),
        ] {
            let who = app.login_with(user, password).await;
            let me = app.api(Method::GET, "/api/v1/me", &who, None).await.json();
            let area = me["home_area"].as_i64().unwrap();
            for s in subs
                .iter()
                .filter(|s| s[at("area_id")].as_i64() == Some(area))
            {
                let year = s[at("year")].as_i64().unwrap();
                let then: Value = serde_json::from_str(s[at("content")].as_str().unwrap()).unwrap();
                let now = app
                    .api(
                        Method::GET,
                        &format!("/api/v1/areas/{area}/statistics?year={year}"),
                        &who,
                        None,
                    )
                    .await
                    .json();
                let counts = |v: &Value| -> Vec<String> {
                    let mut out = vec![];
                    for f in [
                        "issued_new",
                        "renewed",
                        "community_cards",
                        "cards_used",
                        "valid_cards",
                        "valid_cards_used",
                        "tickets",
                    ] {
                        out.push(format!("{f}={}", v[f]));
                    }
                    for section in [
                        "by_age_group",
                        "by_gender",
                        "by_mother_tongue",
                        "by_postal_area",
                        "by_life_situation",
                        "by_month",
                        "by_sector",
                        "by_category",
                    ] {
                        for l in v[section].as_array().unwrap() {
                            out.push(format!(
                                "{section}:{}={}{}{}",
                                l["key"], l["count"], l["adults"], l["children"]
                            ));
                        }
                    }
                    for p in v["by_distribution_point"].as_array().unwrap() {
                        out.push(format!(
                            "point:{}={}/{}",
                            p["distribution_point"], p["new"], p["renewed"]
                        ));
                    }
                    out
                };
                assert_eq!(counts(&now), counts(&then), "{user} {year}");
                compared += 1;
            }
        }
        assert_eq!(compared, subs.len(), "every submitted year compared");
    }
);
