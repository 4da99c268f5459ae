//! What one request may cost, whoever sends it: sheets are bounded in
//! columns and cell length before their rows are judged, previews list a
//! bounded number of rows, the public catalogue a bounded period, and a
//! day outside the register's years is refused wherever one goes in.

use crate::common::{TestApp, World};
use axum::http::{Method, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::json;

async fn upload(
    app: &TestApp,
    who: &crate::common::Who,
    path: &str,
    sheet: String,
) -> crate::common::Resp {
    let req = TestApp::request(Method::POST, path, who)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(sheet))
        .unwrap();
    app.send(req).await
}

on_both!(
    r_sec_3_sheets_are_bounded_in_columns_and_cell_length,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let path = format!("/api/v1/venues/{}/usage-imports", w.va);
        let head = "Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä";
        // Something in a column past the 64th.
        let wide = format!("{head}{}x\r\nE1;1;0;Konsertti;1.2.2026\r\n", ";".repeat(70));
        let r = upload(&app, &w.staff_a, &path, wide).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(r.error_code(), "sheet_too_many_columns");
        // A cell longer than any answer.
        let long = format!("{head}\r\nE1;1;0;{};1.2.2026\r\n", "a".repeat(1200));
        let r = upload(&app, &w.staff_a, &path, long).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(r.error_code(), "sheet_cell_too_long");
        // A million empty columns are let be, and cost nothing to answer.
        let empty = format!(
            "{head}{}\r\nE1;1;0;Konsertti;1.2.2026\r\n",
            ";".repeat(1_000_000)
        );
        let r = upload(&app, &w.staff_a, &path, empty).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert!(r.body.len() < 4_000, "{} bytes", r.body.len());
        assert_eq!(app.count("tickets").await, 0);
    }
);

on_both!(
    r_sec_3_a_preview_lists_a_bounded_number_of_rows,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let mut sheet = String::from("Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä\r\n");
        for n in 0..700 {
            sheet.push_str(&format!("Q{n};1;0;Konsertti;1.2.2026\r\n"));
        }
        let r = upload(
            &app,
            &w.staff_a,
            &format!("/api/v1/venues/{}/usage-imports", w.va),
            sheet,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let p = r.json();
        assert_eq!(p["refused"], 700);
        assert_eq!(p["rows"].as_array().unwrap().len(), 500);
        assert_eq!(p["rows_not_listed"], 200);
        let id = p["id"].as_i64().unwrap();
        // Every refused row is in the sheet to fix and send again.
        let refused = app
            .get(
                &format!("/api/v1/imports/{id}/refused-rows?format=csv"),
                &w.staff_a,
            )
            .await;
        assert_eq!(
            kaiku_app::sheet::read(&refused.body).unwrap().len(),
            1 + 700
        );
    }
);

on_both!(
    r_sec_3_the_catalogue_period_and_item_days_are_bounded,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let anon = crate::common::Who::Anon;
        for (query, code) in [
            ("from=1900-01-01&to=2999-12-31", "out_of_range"),
            ("from=2026-01-01&to=2027-12-31", "catalogue_period_too_long"),
        ] {
            let r = app
                .api(
                    Method::GET,
                    &format!("/api/v1/catalogue?{query}"),
                    &anon,
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
            assert_eq!(r.error_code(), code, "{query}");
        }
        let r = app
            .api(
                Method::GET,
                "/api/v1/catalogue?from=2026-01-01&to=2026-12-31",
                &anon,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "a year is one answer");
        for starts in ["0001-06-01T18:00", "10000-06-01T18:00", "1999-12-31T18:00"] {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/venues/{}/items", w.va),
                    &w.staff_a,
                    Some(json!({"type": "event", "title": "Konsertti", "starts_at": starts, "capacity": 100})),
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{starts}: {}", r.text());
        }
        assert_eq!(app.count("items").await, 0);
    }
);
