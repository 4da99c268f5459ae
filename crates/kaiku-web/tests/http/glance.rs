//! Each role's first page (R-REP-7) on both backends: the figures against
//! the register, each from the caller's own places only.

use crate::box_office::event;
use crate::common::{self, TestApp, Who, World, today, transfer_form};
use axum::http::{Method, StatusCode};
use chrono::Datelike;
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

async fn glance(app: &TestApp, who: &Who) -> Value {
    let r = app.api(Method::GET, "/api/v1/first-page", who, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

on_both!(
    r_rep_7_each_role_sees_its_own_places_today,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        // Area A: 30 cards, 20 of them at point A, three issued today, one
        // of those running out in ten days; area B has its own stock.
        World::stock(&app, &w.coord_a, w.a, "G", 1..=30, &[(w.pa, 1..=20)]).await;
        World::stock(&app, &w.coord_b, w.b, "X", 1..=5, &[(w.pb, 1..=5)]).await;
        for n in 1..=3 {
            common::issued(&app, &w.issuer_a, &format!("G{n}"), transfer_form(1)).await;
        }
        app.store
            .write(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::cards::dsl::*;
                diesel::update(cards.filter(code.eq("G1")))
                    .set(valid_until.eq(today() + chrono::Duration::days(10)))
                    .execute(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        // Tonight's show with a cap of 8, two tickets recorded on it.
        let show = event(
            &app,
            &w.staff_a,
            w.va,
            0,
            json!({"cap": 8, "starts_at": format!("{}T23:59", today())}),
        )
        .await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{show}/tickets"),
                &w.staff_a,
                Some(json!({"card_code": "G2", "children": 1})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

        // The issuer: the point's stock and what runs out.
        let g = glance(&app, &w.issuer_a).await;
        assert_eq!(g["areas"], json!([]));
        assert!(g["national"].is_null());
        let p = &g["points"][0];
        assert_eq!(
            (p["name"].as_str(), p["in_stock"].as_i64()),
            (Some("Point A"), Some(17))
        );
        assert_eq!(p["expiring"], 1);
        // The figure leads to those cards.
        let list = app
            .get(&format!("/points/{}/cards?expiring=30", w.pa), &w.issuer_a)
            .await
            .text();
        assert!(
            list.contains("/cards/G1\"") && !list.contains("/cards/G2\""),
            "{list}"
        );
        // Another area's point: not found, for the list as for the page.
        let other = app
            .get(&format!("/points/{}/cards?expiring=30", w.pb), &w.issuer_a)
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        // The stock figure leads to the codes left: G4–G20, in one run.
        let stock = app
            .api(
                Method::GET,
                &format!("/api/v1/distribution-points/{}/stock", w.pa),
                &w.issuer_a,
                None,
            )
            .await;
        assert_eq!(stock.status, StatusCode::OK, "{}", stock.text());
        assert_eq!(
            stock.json(),
            json!([{"first": "G4", "last": "G20", "count": 17}])
        );
        let page = app
            .get(&format!("/points/{}/cards?stock=1", w.pa), &w.issuer_a)
            .await
            .text();
        assert!(page.contains(">G4<") && page.contains(">G20<"), "{page}");
        for path in [
            format!("/api/v1/distribution-points/{}/stock", w.pb),
            format!("/points/{}/cards?stock=1", w.pb),
        ] {
            let r = app.get(&path, &w.issuer_a).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(p["low"], false);
        let months = p["by_month"].as_array().unwrap();
        assert_eq!(months.len(), 12);
        assert_eq!(months[11]["count"], 3, "this month's cards");

        // The venue: tonight's show with what is left of its cap, and last
        // month's report not sent.
        let g = glance(&app, &w.staff_a).await;
        let v = &g["venues"][0];
        assert_eq!(v["name"], "Venue A");
        let items = v["today"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["tickets_left"], 6);
        assert_eq!(v["last_month_submitted"], false);

        // The coordinator: stock by point (the unallocated ten too), this
        // month against the same days a year before, who has not reported.
        let g = glance(&app, &w.coord_a).await;
        assert_eq!(g["areas"].as_array().unwrap().len(), 1, "its own area only");
        let a = &g["areas"][0];
        assert_eq!(a["name"], "Area A");
        let stock = a["stock"].as_array().unwrap();
        let at = |name: Value| stock.iter().find(|s| s["name"] == name).unwrap().clone();
        assert_eq!(at(json!("Point A"))["in_stock"], 17);
        assert_eq!(at(json!("Point A"))["granted_30_days"], 3);
        assert_eq!(at(Value::Null)["in_stock"], 10);
        assert_eq!(
            (
                a["cards"]["now"].as_i64(),
                a["cards"]["year_before"].as_i64()
            ),
            (Some(3), Some(0))
        );
        assert_eq!(a["tickets"]["now"], 2);
        let missing: Vec<&str> = a["not_submitted"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v[1].as_str().unwrap())
            .collect();
        assert_eq!(missing, ["Venue A"]);
        assert!(!a.to_string().contains("Point B") && !a.to_string().contains("Venue B"));

        // A point whose stock runs out gets a warning on both pages.
        World::stock(&app, &w.coord_b, w.b, "Y", 1..=3, &[(w.pb, 1..=3)]).await;
        let b = glance(&app, &w.coord_b).await;
        let pb = b["areas"][0]["stock"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "Point B")
            .unwrap()
            .clone();
        assert_eq!(
            (pb["in_stock"].as_i64(), pb["low"].as_bool()),
            (Some(8), Some(true))
        );
        let page = app.get("/", &w.coord_b).await.text();
        assert!(page.contains("Vähissä</strong> 8"), "{page}");

        // The national admin: which areas have submitted last year.
        let g = glance(&app, &w.admin).await;
        let n = &g["national"];
        assert_eq!(n["year"], today().year() - 1);
        assert_eq!(n["areas"].as_array().unwrap().len(), 2);
        assert!(
            n["areas"]
                .as_array()
                .unwrap()
                .iter()
                .all(|a| a["submitted"] == false)
        );
        assert_eq!(n["tickets_by_month"].as_array().unwrap().len(), 24);
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/statistics/submissions", w.a),
                &w.coord_a,
                Some(json!({"year": today().year() - 1})),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
        let g = glance(&app, &w.admin).await;
        let sent: Vec<(String, bool)> = g["national"]["areas"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["name"].as_str().unwrap().to_string(),
                    a["submitted"].as_bool().unwrap(),
                )
            })
            .collect();
        assert!(
            sent.contains(&("Area A".into(), true)) && sent.contains(&("Area B".into(), false))
        );
        assert!(
            g["areas"] == json!([]),
            "the national admin sees no area's live counts"
        );

        // Each first page on screen, each figure a link to its view.
        for (who, words) in [
            (
                &w.issuer_a,
                vec!["Jakopiste: Point A", &format!("/points/{}/cards", w.pa)],
            ),
            (
                &w.staff_a,
                vec![
                    "Kulttuuritoimija: Venue A",
                    &format!("/venues/{}/box-office?item={show}", w.va),
                ],
            ),
            (
                &w.coord_a,
                vec![
                    "Alue: Area A",
                    &format!("/areas/{}/statistics", w.a),
                    "<svg",
                ],
            ),
            (&w.admin, vec!["Koko maa", "Area A: lähetetty", "<svg"]),
        ] {
            let page = app.get("/", who).await;
            assert_eq!(page.status, StatusCode::OK);
            let html = page.text();
            for word in words {
                assert!(html.contains(word), "{word}: {html}");
            }
            assert!(!html.contains("seuraavissa vaiheissa"), "no stale promise");
        }
        assert_eq!(
            app.api(Method::GET, "/api/v1/first-page", &Who::Anon, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    a_card_search_with_a_character_no_code_has_says_what_is_wrong,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "G", 1..=3, &[(w.pa, 1..=3)]).await;
        for (path, who) in [
            (format!("/points/{}/cards?code=G%C3%B61", w.pa), &w.issuer_a),
            (format!("/areas/{}/cards?code=G%C3%B61", w.a), &w.coord_a),
        ] {
            let page = app.get(&path, who).await;
            assert_eq!(page.status, StatusCode::OK);
            let html = page.text();
            assert!(
                html.contains("koodissa on merkki, jota korttien koodeissa ei ole"),
                "{html}"
            );
            assert!(
                html.contains("href=\"#f-code\""),
                "the summary leads to the field"
            );
            assert!(!html.contains("Kortteja ei löytynyt"));
            assert!(!html.contains("Gö1"), "what was typed is not shown back");
        }
    }
);
