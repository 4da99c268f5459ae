//! R-REP-5 played over HTTP by the reader outside the areas: the national
//! admin fetches every table it may (each version of each area's year, each
//! state of the national table, as JSON, CSV and XLSX) and works on them as
//! a statistical office's auditor would; no count of persons from 1 to 4,
//! and no change of that size between two versions, may come out exactly.

use crate::common::{TestApp, World};
use crate::stats::{YEAR, generate, sprinkle, sprinkle_as, submit};
use axum::http::StatusCode;
use kaiku_core::disclosure::Shown;
use kaiku_core::release::{self, Figures, Forms, Table};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::Value;
use std::collections::BTreeMap;

/// The counts of persons and cards of a statistics answer, by the keys the
/// reader gives them (the answer's own sections and lines).
fn cells(s: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for (key, field) in [
        ("new", "issued_new"),
        ("renewed", "renewed"),
        ("community", "community_cards"),
        ("cards_used", "cards_used"),
        ("valid", "valid_cards"),
        ("valid_used", "valid_cards_used"),
    ] {
        out.insert(key.to_string(), s[field].clone());
    }
    for p in s["by_distribution_point"].as_array().unwrap() {
        let id = p["distribution_point"]
            .as_i64()
            .map_or("none".into(), |i| i.to_string());
        out.insert(format!("point:{id}:new"), p["new"].clone());
        out.insert(format!("point:{id}:renewed"), p["renewed"].clone());
    }
    for (prefix, section) in [
        ("age", "by_age_group"),
        ("gender", "by_gender"),
        ("tongue", "by_mother_tongue"),
        ("postal", "by_postal_area"),
        ("life", "by_life_situation"),
    ] {
        for l in s[section].as_array().unwrap() {
            let key = match l["key"].as_str().unwrap() {
                "total" => "personal".to_string(),
                k => format!("{prefix}:{k}"),
            };
            out.insert(key, l["count"].clone());
        }
    }
    out
}

/// What a shown count says: the number, "<5" or hidden.
fn forms(s: &Value) -> Forms {
    cells(s)
        .into_iter()
        .map(|(k, v)| {
            let form = match (&v, v.as_str()) {
                (Value::Number(n), _) => Shown::Count(n.as_u64().unwrap()),
                (_, Some(t)) if t.starts_with('<') => Shown::Few,
                _ => Shown::Hidden,
            };
            (k, form)
        })
        .collect()
}

/// The true counts of a submitted version, as the register holds them.
async fn truth(app: &TestApp, area: i64, version: i32) -> Figures {
    let content: String = app
        .store
        .read(move |c| {
            use diesel::prelude::*;
            use kaiku_store::schema::statistics_submissions as s;
            s::table
                .filter(s::area_id.eq(area))
                .filter(s::year.eq(YEAR))
                .filter(s::version.eq(version))
                .select(s::content)
                .get_result::<String>(c)
                .map_err(kaiku_store::StoreError::from)
        })
        .await
        .unwrap();
    let s: Value = serde_json::from_str(&content).unwrap();
    let mut f: Figures = cells(&s)
        .into_iter()
        .map(|(k, v)| (k, v.as_i64().unwrap()))
        .collect();
    let personal = f["new"] + f["renewed"] - f["community"];
    f.insert("personal".into(), personal);
    f
}

on_both!(
    r_rep_5_the_outside_reader_works_out_no_small_count_from_all_it_can_fetch,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        generate(&app, &w).await;
        sprinkle(&app, &w).await;
        let area_path = |area: i64, version: i32| {
            format!("/api/v1/areas/{area}/statistics?year={YEAR}&version={version}")
        };
        let national_path = format!("/api/v1/statistics?year={YEAR}");
        // A submits, B submits (the national table appears), A corrects its
        // year with two more holders (a new version, a new national state).
        assert_eq!(
            submit(&app, &w.coord_a, w.a, YEAR).await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            submit(&app, &w.coord_b, w.b, YEAR).await.status,
            StatusCode::CREATED
        );
        let national_1 = app.get(&national_path, &w.admin).await.json();
        sprinkle_as(&app, &w, "Q").await;
        assert_eq!(
            submit(&app, &w.coord_a, w.a, YEAR).await.status,
            StatusCode::CREATED
        );
        let national_2 = app.get(&national_path, &w.admin).await.json();
        let fetched = [
            (w.a, 1, app.get(&area_path(w.a, 1), &w.admin).await),
            (w.b, 1, app.get(&area_path(w.b, 1), &w.admin).await),
            (w.a, 2, app.get(&area_path(w.a, 2), &w.admin).await),
        ];
        for (_, _, r) in &fetched {
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        }
        // The reader's system, in the order it was published.
        // A category listed that the register has no line for is an empty one.
        let table = |area: Option<i64>, figures: Figures, shown: &Value, sums: Vec<usize>| {
            let shown = forms(shown);
            let listed: Vec<String> = shown.keys().cloned().collect();
            Table {
                area,
                figures: release::complete(figures, &listed),
                sums,
                shown: Some(shown),
                threshold: 5,
            }
        };
        let (a1, b1, a2) = (
            truth(&app, w.a, 1).await,
            truth(&app, w.b, 1).await,
            truth(&app, w.a, 2).await,
        );
        let no_points = |f: &Figures| -> Figures {
            f.iter()
                .filter(|(k, _)| !k.starts_with("point:"))
                .map(|(k, v)| (k.clone(), *v))
                .collect()
        };
        let tables = vec![
            table(Some(w.a), a1.clone(), &fetched[0].2.json(), vec![]),
            table(Some(w.b), b1.clone(), &fetched[1].2.json(), vec![]),
            table(
                None,
                release::national(&[&no_points(&a1), &no_points(&b1)]),
                &national_1["total"],
                vec![0, 1],
            ),
            table(Some(w.a), a2.clone(), &fetched[2].2.json(), vec![]),
            table(
                None,
                release::national(&[&no_points(&a2), &no_points(&b1)]),
                &national_2["total"],
                vec![3, 1],
            ),
        ];
        // The answers hold every count the register has, in some form.
        for t in &tables {
            let shown = t.shown.as_ref().unwrap();
            for k in t
                .figures
                .keys()
                .filter(|k| !k.starts_with("point:") || t.area.is_some())
            {
                assert!(
                    shown.contains_key(k),
                    "{k} missing from a table of {:?}",
                    t.area
                );
            }
        }
        // Every table lists the same categories, empty or not, so that
        // which are listed says nothing of who is in them.
        let categories = |t: &Table| -> Vec<String> {
            let shown = t.shown.as_ref().unwrap();
            shown
                .keys()
                .filter(|k| !k.starts_with("point:"))
                .cloned()
                .collect()
        };
        for t in &tables[1..] {
            assert_eq!(categories(t), categories(&tables[0]));
        }
        assert!(
            categories(&tables[0])
                .iter()
                .filter(|k| k.starts_with("postal:"))
                .count()
                >= 100
        );
        let small_somewhere = tables
            .iter()
            .any(|t| t.figures.values().any(|&v| (1..5).contains(&v)));
        assert!(small_somewhere, "the register has small counts to protect");
        assert_eq!(
            release::exposed(&tables, 5),
            vec![],
            "the auditor found counts"
        );
        // The plainest attacks, spelled out: a correction's difference, and
        // the national cell less the other area's.
        let a1_forms = forms(&fetched[0].2.json());
        let a2_forms = forms(&fetched[2].2.json());
        for (k, new) in &a2_forms {
            if let (Shown::Count(n), Some(Shown::Count(o))) = (new, a1_forms.get(k)) {
                let change = n.abs_diff(*o);
                assert!(
                    !(1..5).contains(&change),
                    "{k}: version 2 less version 1 is {change}"
                );
            }
        }
        let b_forms = forms(&fetched[1].2.json());
        let n2 = forms(&national_2["total"]);
        for (k, n) in &n2 {
            if let (Shown::Count(n), Some(Shown::Count(b))) = (n, b_forms.get(k)) {
                let a = n - b;
                assert!(
                    !(1..5).contains(&a) || a2_forms.get(k).is_some_and(|s| !s.is_hidden()),
                    "{k}: national less B is {a}"
                );
            }
        }
        // The files say what the JSON says.
        for (area, version, r) in &fetched {
            let json = r.json();
            let csv = app
                .get(
                    &format!("{}&format=csv", area_path(*area, *version)),
                    &w.admin,
                )
                .await;
            let xlsx = app
                .get(
                    &format!("{}&format=xlsx", area_path(*area, *version)),
                    &w.admin,
                )
                .await;
            // Rows as a reader of the file sees them (empty cells at the end
            // of a row are no cells).
            let rows = |body: &[u8]| -> Vec<Vec<String>> {
                kaiku_app::sheet::read(body)
                    .unwrap()
                    .into_iter()
                    .map(|mut r| {
                        while r.last().is_some_and(String::is_empty) {
                            r.pop();
                        }
                        r
                    })
                    .collect()
            };
            let (csv_rows, xlsx_rows) = (rows(&csv.body), rows(&xlsx.body));
            assert_eq!(csv_rows, xlsx_rows);
            for section in [
                "by_age_group",
                "by_gender",
                "by_mother_tongue",
                "by_postal_area",
                "by_life_situation",
            ] {
                for l in json[section].as_array().unwrap() {
                    let label = l["label"].as_str().unwrap();
                    let count = match &l["count"] {
                        Value::Number(n) => n.to_string(),
                        v => v.as_str().unwrap().to_string(),
                    };
                    assert!(
                        csv_rows
                            .iter()
                            .any(|row| row.get(1).map(String::as_str) == Some(label)
                                && row.get(2) == Some(&count)),
                        "{section} {label} {count} not in the file"
                    );
                }
            }
        }
    }
);
