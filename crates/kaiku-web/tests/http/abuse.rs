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
        // Empty columns are let be, and cost nothing to answer; a million
        // are more than any spreadsheet has.
        let empty = format!(
            "{head}{}\r\nE1;1;0;Konsertti;1.2.2026\r\n",
            ";".repeat(10_000)
        );
        let r = upload(&app, &w.staff_a, &path, empty).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert!(r.body.len() < 4_000, "{} bytes", r.body.len());
        let million = format!(
            "{head}{}\r\nE1;1;0;Konsertti;1.2.2026\r\n",
            ";".repeat(1_000_000)
        );
        let r = upload(&app, &w.staff_a, &path, million).await;
        assert_eq!(r.error_code(), "sheet_too_many_columns");
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

on_both!(
    r_sec_5_staff_of_an_inactive_place_do_no_work_there,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let set = |path: String, active: bool| {
            let app = &app;
            let who = w.coord_a.clone();
            async move {
                let body = match path.contains("venues") {
                    true => json!({"name": "Venue A", "sector": "theatre", "active": active}),
                    false => json!({"name": "Point A", "type": "ngo", "active": active}),
                };
                let r = app.api(Method::PUT, &path, &who, Some(body)).await;
                assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            }
        };
        let venue = format!("/api/v1/venues/{}", w.va);
        let items = format!("/api/v1/venues/{}/items", w.va);
        let item = json!({"type": "event", "title": "Konsertti", "starts_at": format!("{}T19:00", crate::common::today() + chrono::Duration::days(3)), "capacity": 100});
        set(venue.clone(), false).await;
        // The staff may sign in and out; every work call says why not.
        let me = app.api(Method::GET, "/api/v1/me", &w.staff_a, None).await;
        assert_eq!(me.status, StatusCode::OK);
        let r = app
            .api(Method::POST, &items, &w.staff_a, Some(item.clone()))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        assert_eq!(r.error_code(), "place_inactive");
        let page = app.get("/box-office", &w.staff_a).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        assert!(page.text().contains("ei-aktiiviseksi"), "{}", page.text());
        // Its tokens stop too.
        assert_eq!(
            app.api(Method::POST, &items, &w.token_a, Some(item.clone()))
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        set(venue, true).await;
        let r = app
            .api(Method::POST, &items, &w.staff_a, Some(item.clone()))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // The same for a distribution point's issuers.
        set(format!("/api/v1/distribution-points/{}", w.pa), false).await;
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/distribution-points/{}/cards", w.pa),
                &w.issuer_a,
                None,
            )
            .await;
        assert_eq!(r.error_code(), "place_inactive");
    }
);

on_both!(
    r_sec_5_tokens_show_their_maker_and_last_use_and_outlive_it_visibly,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let made = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                Some(json!({"name": "Lippupalvelu"})),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
        let secret = made.json()["token"].as_str().unwrap().to_string();
        let token = crate::common::Who::Bearer(secret);
        let tokens_path = format!("/api/v1/venues/{}/api-tokens", w.va);
        let row = |v: serde_json::Value| {
            v.as_array()
                .unwrap()
                .iter()
                .find(|t| t["name"] == "Lippupalvelu")
                .unwrap()
                .clone()
        };
        let before = row(app
            .api(Method::GET, &tokens_path, &w.coord_a, None)
            .await
            .json());
        assert_eq!(before["created_by"], "coord_a");
        assert!(before["last_used_at"].is_null());
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &token, None)
                .await
                .status,
            StatusCode::OK
        );
        assert!(
            row(app
                .api(Method::GET, &tokens_path, &w.coord_a, None)
                .await
                .json())["last_used_at"]
                .is_string()
        );
        let page = app
            .get(&format!("/venues/{}/tokens", w.va), &w.coord_a)
            .await
            .text();
        assert!(page.contains("coord_a"), "{page}");
        // A second coordinator makes a token and leaves: the one who stays
        // sees it on the leaver's account, to keep or revoke.
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.coord_a,
                Some(json!({"username": "toinen", "password": "quiet harbour lantern 2026", "grants": [{"role": "area_coordinator", "area": w.a}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let second = r.json()["id"].as_i64().unwrap();
        let toinen = app
            .first_login("toinen", "quiet harbour lantern 2026")
            .await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &toinen,
                Some(json!({"name": "Kassajärjestelmä"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let theirs = crate::common::Who::Bearer(r.json()["token"].as_str().unwrap().to_string());
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{second}/active"),
                &w.coord_a,
                Some(json!({"active": false})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let page = app
            .get(&format!("/accounts/{second}"), &w.coord_a)
            .await
            .text();
        assert!(page.contains("Kassajärjestelmä"), "{page}");
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &theirs, None)
                .await
                .status,
            StatusCode::OK,
            "kept until revoked"
        );
    }
);

on_both!(
    r_auth_2_trying_codes_one_after_another_pauses_the_accounts_lookups,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=5, &[]).await;
        let look = |who: &crate::common::Who, code: String| {
            let who = who.clone();
            let app = &app;
            async move {
                app.api(Method::GET, &format!("/api/v1/cards/{code}"), &who, None)
                    .await
            }
        };
        // A known card answers, and so do unknown codes up to the budget.
        assert_eq!(look(&w.staff_a, "E1".into()).await.status, StatusCode::OK);
        for n in 0..30 {
            let r = look(&w.staff_a, format!("Q{}", 9000 + n)).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{n}: {}", r.text());
        }
        // Then the account's lookups pause, for known codes too (else the
        // pause would itself tell them apart).
        for code in ["E1", "Q1"] {
            let r = look(&w.staff_a, code.into()).await;
            assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
            assert_eq!(r.error_code(), "card_lookups_paused");
            assert!(!r.text().contains(code), "no code repeated");
        }
        let fi = app.get_as("/check?code=E1", &w.staff_a, "fi").await.text();
        assert!(fi.contains("tauolla"), "the screen says so in Finnish");
        // Another account is not paused, and the issuer's lookups go on.
        assert_eq!(look(&w.issuer_a, "E1".into()).await.status, StatusCode::OK);
        // The pause is in area A's audit log, not in area B's.
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .text();
        assert!(log.contains("card.lookups_paused"), "{log}");
        let log_b = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_b, None)
            .await
            .text();
        assert!(!log_b.contains("card.lookups_paused"));
        // An hour on, the account checks again.
        app.store
            .write(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::card_lookups as lm;
                diesel::update(lm::table)
                    .set(lm::at.eq(kaiku_store::now() - chrono::Duration::minutes(61)))
                    .execute(c)?;
                Ok::<_, kaiku_store::StoreError>(())
            })
            .await
            .unwrap();
        assert_eq!(look(&w.staff_a, "E1".into()).await.status, StatusCode::OK);
    }
);

on_both!(
    r_auth_2_another_areas_cards_are_looked_up_only_at_a_box_office_within_a_budget,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_b, w.b, "B", 1..=5, &[]).await;
        let look = |who: &crate::common::Who, code: &str| {
            let (who, path) = (who.clone(), format!("/api/v1/cards/{code}"));
            let app = &app;
            async move { app.api(Method::GET, &path, &who, None).await }
        };
        // Area A's coordinator and issuer: area B's card is as unknown as a
        // code in no register, byte for byte.
        for who in [&w.coord_a, &w.issuer_a] {
            let other = look(who, "B1").await;
            let none = look(who, "B999").await;
            assert_eq!(other.status, StatusCode::NOT_FOUND);
            assert_eq!(other.text(), none.text());
        }
        // Area A's box office sees it, and area B's coordinator sees that.
        let r = look(&w.staff_a, "B1").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let log = |who: &crate::common::Who| {
            let who = who.clone();
            let app = &app;
            async move {
                app.api(Method::GET, "/api/v1/audit-log", &who, None)
                    .await
                    .json()
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|e| e["action"] == "card.lookup")
                    .count()
            }
        };
        assert_eq!(log(&w.coord_b).await, 1, "in the card's area");
        assert_eq!(log(&w.coord_a).await, 0);
        // The day's budget of other areas' cards is the venue's: 60, shared
        // by its staff and its tokens, then a pause.
        let venue = format!("venue:{}", w.va);
        app.store
            .write(move |c| {
                for _ in 0..58 {
                    kaiku_store::throttle::record_lookup(c, &venue, "outside", kaiku_store::now())?;
                }
                Ok::<_, kaiku_store::StoreError>(())
            })
            .await
            .unwrap();
        assert_eq!(
            look(&w.token_a, "B2").await.status,
            StatusCode::OK,
            "the 60th"
        );
        let paused = look(&w.staff_a, "B3").await;
        assert_eq!(
            paused.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            paused.text()
        );
        assert_eq!(paused.error_code(), "card_lookups_paused");
        // The venue's own area's cards are not counted against it.
        World::stock(&app, &w.coord_a, w.a, "E", 1..=2, &[]).await;
        assert_eq!(look(&w.staff_a, "E1").await.status, StatusCode::OK);
    }
);
