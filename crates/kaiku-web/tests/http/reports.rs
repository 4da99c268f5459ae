//! Reports over HTTP (SPEC §7: R-REP-1, R-AUTH-4) on both backends.

use crate::common::{TestApp, Who, World, issued};
use axum::http::{Method, StatusCode};
use calamine::{Data, Reader, Xlsx};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::json;

/// The model's example (§9.2): Teater Hilla, February 2020, cards E2251 and
/// 10141 each with two children, entered from paper.
async fn teater_hilla(app: &TestApp, w: &World) -> i64 {
    hilla(app, w, true).await
}

/// Teater Hilla with its cards issued, and (`uses`) the model's uses.
pub async fn hilla(app: &TestApp, w: &World, uses: bool) -> i64 {
    let post = |path: String, who: &Who, body: serde_json::Value| {
        let who = who.clone();
        async move {
            let r = app.api(Method::POST, &path, &who, Some(body)).await;
            assert!(r.status.is_success(), "{path}: {}", r.text());
            r.json()
        }
    };
    let venue = post(
        format!("/api/v1/areas/{}/venues", w.a),
        &w.coord_a,
        json!({"name": "Teater Hilla", "sector": "theatre"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for (prefix, numbers) in [("E", 2200..=2300), ("", 10100..=10200)] {
        World::stock(
            app,
            &w.coord_a,
            w.a,
            prefix,
            numbers.clone(),
            &[(w.pa, numbers)],
        )
        .await;
    }
    for code in ["E2251", "10141", "E2252"] {
        issued(
            app,
            &w.issuer_a,
            code,
            json!({"grant_date": "2020-01-15", "birth_year": 1975, "mother_tongue": "sv", "gender": "woman",
                   "postal_code": "06100", "minor_children": 2, "life_situations": ["low_income"],
                   "confirmed_at_least_16": true}),
        )
        .await;
    }
    if !uses {
        return venue;
    }
    let mut ids = vec![];
    for (title, at) in [
        ("Trollkarlen Matti", "2020-02-03T18:00"),
        ("En magisk sommarnatt", "2020-02-09T18:00"),
        ("Vårkonsert", "2020-03-01T18:00"),
    ] {
        ids.push(
            post(
                format!("/api/v1/venues/{venue}/items"),
                &w.coord_a,
                json!({"type": "event", "title": title, "starts_at": at, "capacity": 200}),
            )
            .await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let record = |item: i64, code: &'static str| {
        post(
            format!("/api/v1/items/{item}/tickets"),
            &w.coord_a,
            json!({"card_code": code, "children": 2, "backlog": true}),
        )
    };
    record(ids[0], "E2251").await;
    record(ids[1], "10141").await;
    // Outside the period, and cancelled: neither is in the report.
    record(ids[2], "E2251").await;
    let gone = record(ids[1], "E2252").await;
    let t = gone["tickets"][0]["id"].as_i64().unwrap();
    // February 2020 is long over: the cancel is a correction.
    post(
        format!("/api/v1/tickets/{t}/cancel"),
        &w.coord_a,
        json!({"correction": "kirjattu paperilta kahdesti"}),
    )
    .await;
    venue
}

on_both!(
    r_rep_1_the_models_teater_hilla_example,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let venue = teater_hilla(&app, &w).await;
        let base = format!("/api/v1/venues/{venue}/usage-report?from=2020-02-01&to=2020-02-29");
        let r = app.get(&base, &w.coord_a).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let j = r.json();
        let rows: Vec<(String, u64, u64, String, String)> = j["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["card_code"].as_str().unwrap().into(),
                    x["adults"].as_u64().unwrap(),
                    x["children"].as_u64().unwrap(),
                    x["item_title"].as_str().unwrap().into(),
                    x["date"].as_str().unwrap().into(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "E2251".into(),
                    1,
                    2,
                    "Trollkarlen Matti".into(),
                    "2020-02-03".into()
                ),
                (
                    "10141".into(),
                    1,
                    2,
                    "En magisk sommarnatt".into(),
                    "2020-02-09".into()
                ),
            ]
        );
        assert_eq!(
            (j["total_adults"].as_u64(), j["total_children"].as_u64()),
            (Some(2), Some(4))
        );

        let csv = app
            .get_as(&format!("{base}&format=csv"), &w.coord_a, "sv")
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains(".csv")
        );
        assert_eq!(
            csv.text(),
            "\u{feff}Kortets kod;Vuxna;Barn;Föreställning eller kurs;Datum\r\n\
             E2251;1;2;Trollkarlen Matti;3.2.2020\r\n\
             10141;1;2;En magisk sommarnatt;9.2.2020\r\n\
             Totalt;2;4;;\r\n"
        );

        let xlsx = app
            .get_as(&format!("{base}&format=xlsx"), &w.coord_a, "sv")
            .await;
        assert_eq!(xlsx.status, StatusCode::OK);
        let mut book = Xlsx::new(std::io::Cursor::new(xlsx.body.clone())).expect("a real workbook");
        assert_eq!(book.sheet_names(), ["Teater Hilla 1.2.2020–29.2.2020"]);
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let s = |v: &str| Data::String(v.into());
        let row = |r: u32| -> Vec<Data> {
            (0..5)
                .map(|c| sheet.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                .collect()
        };
        assert_eq!(
            row(0),
            [
                s("Kortets kod"),
                s("Vuxna"),
                s("Barn"),
                s("Föreställning eller kurs"),
                s("Datum")
            ]
        );
        assert_eq!(
            row(1)[..4],
            [
                s("E2251"),
                Data::Float(1.0),
                Data::Float(2.0),
                s("Trollkarlen Matti")
            ]
        );
        assert_eq!(
            row(2)[..4],
            [
                s("10141"),
                Data::Float(1.0),
                Data::Float(2.0),
                s("En magisk sommarnatt")
            ]
        );
        let date = |r: u32| match &row(r)[4] {
            Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
            other => panic!("not a date: {other:?}"),
        };
        assert_eq!(
            (date(1), date(2)),
            ("2020-02-03".into(), "2020-02-09".into())
        );
        assert_eq!(
            row(3)[..3],
            [s("Totalt"), Data::Float(2.0), Data::Float(4.0)]
        );

        // The screen shows the same table, in the reader's language.
        let page = app
            .get_as(
                &format!("/venues/{venue}/report?from=2020-02-01&to=2020-02-29"),
                &w.coord_a,
                "fi",
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        for want in [
            "Käyttöraportti",
            "E2251",
            "Trollkarlen Matti",
            "3.2.2020",
            "Yhteensä",
            "format=xlsx",
        ] {
            assert!(html.contains(want), "{want}");
        }
        assert!(!html.contains("Vårkonsert") && !html.contains("E2252"));
    }
);

on_both!(
    r_auth_4_a_venue_sees_only_its_report_and_every_listing_is_audited,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let hilla = teater_hilla(&app, &w).await;
        let path =
            |v: i64| format!("/api/v1/venues/{v}/usage-report?from=2020-02-01&to=2020-02-29");
        assert_eq!(
            app.get(&path(w.va), &w.staff_a).await.status,
            StatusCode::OK
        );
        // Another venue's staff get what they would for an unknown venue
        // (R-AUTH-6); those who see no usage reports anywhere are refused.
        assert_eq!(
            app.get(&path(hilla), &w.staff_a).await.status,
            StatusCode::NOT_FOUND
        );
        for who in [&w.issuer_a, &w.admin, &w.token_a] {
            assert_eq!(
                app.get(&path(hilla), who).await.status,
                StatusCode::FORBIDDEN
            );
        }
        assert_eq!(
            app.get(&path(w.vb), &w.coord_a).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&path(hilla), &Who::Anon).await.status,
            StatusCode::UNAUTHORIZED
        );
        let bad = app
            .get(
                &format!("/api/v1/venues/{hilla}/usage-report?from=2020-03-01&to=2020-02-01"),
                &w.coord_a,
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.error_code(), "period_order");
        let odd = app
            .get(
                &format!("/api/v1/venues/{hilla}/usage-report?format=pdf"),
                &w.coord_a,
            )
            .await;
        assert_eq!(odd.status, StatusCode::BAD_REQUEST);
        let before = app.count("audit_log").await;
        app.get(&format!("{}&format=csv", path(hilla)), &w.coord_a)
            .await;
        assert_eq!(app.count("audit_log").await, before + 1);
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        let entry = &log[0];
        assert_eq!(entry["action"], "usage_report.view");
        assert_eq!(entry["actor"], "coord_a");
        assert_eq!(
            entry["detail"],
            "from=2020-02-01 to=2020-02-29 rows=2 as=csv"
        );
    }
);

on_both!(
    r_rep_2_a_submitted_period_is_frozen_and_the_coordinator_sees_who_is_missing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let hilla = teater_hilla(&app, &w).await;
        let subs = format!("/api/v1/venues/{hilla}/usage-report/submissions");
        let feb = json!({"from": "2020-02-01", "to": "2020-02-29"});
        let first = app
            .api(Method::POST, &subs, &w.coord_a, Some(feb.clone()))
            .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
        let j = first.json();
        assert_eq!(
            (
                j["version"].as_i64(),
                j["total_adults"].as_i64(),
                j["total_children"].as_i64()
            ),
            (Some(1), Some(2), Some(4))
        );
        assert!(j["change"].is_null());
        // A period ahead would settle uses that have not happened.
        let ahead = app
            .api(
                Method::POST,
                &subs,
                &w.coord_a,
                Some(json!({"from": "2030-01-01", "to": "2030-12-31"})),
            )
            .await;
        assert_eq!(ahead.status, StatusCode::BAD_REQUEST, "{}", ahead.text());
        assert!(
            ahead.text().contains("report_period_ahead"),
            "{}",
            ahead.text()
        );
        // A use entered afterwards changes the live report, not what was submitted.
        let items = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{hilla}/items?all=true"),
                &w.coord_a,
                None,
            )
            .await
            .json();
        let matti = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"] == "Trollkarlen Matti")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{matti}/tickets"),
                &w.coord_a,
                Some(json!({"card_code": "E2252", "backlog": true})),
            )
            .await;
        // February was submitted: a use found on paper later is a correction,
        // one by one with its reason, never a sheet's row.
        assert_eq!(r.error_code(), "period_submitted_record");
        let req = crate::common::TestApp::request(
            Method::POST,
            &format!("/api/v1/venues/{hilla}/usage-imports"),
            &w.coord_a,
        )
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(
            "Kortnummer;Vuxna;Barn;Föreställning;Datum\r\nE2252;1;0;Trollkarlen Matti;3.2.2020\r\n",
        ))
        .unwrap();
        let preview = app.send(req).await;
        assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text());
        assert_eq!(
            preview.json()["rows"][0]["code"],
            "import_period_submitted",
            "{}",
            preview.text()
        );
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{matti}/tickets"),
                &w.coord_a,
                Some(json!({"card_code": "E2252", "backlog": true, "correction": "löytyi paperilta"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let list = app
            .get(&format!("{subs}?from=2020-02-01&to=2020-02-29"), &w.coord_a)
            .await
            .json();
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["total_adults"], 2, "frozen");
        // A correction is a new version that shows the change.
        let second = app
            .api(Method::POST, &subs, &w.coord_a, Some(feb.clone()))
            .await
            .json();
        assert_eq!(second["version"], 2);
        assert_eq!(second["total_adults"], 3);
        assert_eq!(second["change"]["previous_version"], 1);
        assert_eq!(second["change"]["adults_before"], 2);
        assert_eq!(second["change"]["added"][0]["card_code"], "E2252");
        assert_eq!(second["change"]["removed"].as_array().unwrap().len(), 0);
        // The coordinator's view: Hilla submitted, Venue A missing with its contact.
        let put = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.va),
                &w.coord_a,
                Some(json!({"name": "Venue A", "sector": "theatre", "contact_name": "Kaisa Kassa", "contact_phone": "013 123 4567"})),
            )
            .await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.text());
        let status = app
            .get(
                &format!(
                    "/api/v1/areas/{}/report-submissions?from=2020-02-01&to=2020-02-29",
                    w.a
                ),
                &w.coord_a,
            )
            .await
            .json();
        let by_name = |n: &str| {
            status
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["name"] == n)
                .unwrap()
                .clone()
        };
        assert_eq!(by_name("Teater Hilla")["submitted"]["version"], 2);
        assert!(by_name("Venue A")["submitted"].is_null());
        assert_eq!(by_name("Venue A")["contact_phone"], "013 123 4567");
        // The same as a sheet, read back by a real reader; an unknown format
        // is refused in words.
        for format in ["csv", "xlsx"] {
            let sheet = app
                .get(
                    &format!(
                        "/api/v1/areas/{}/report-submissions?from=2020-02-01&to=2020-02-29&format={format}",
                        w.a
                    ),
                    &w.coord_a,
                )
                .await;
            assert_eq!(sheet.status, StatusCode::OK, "{format}");
            let rows = kaiku_app::sheet::read(&sheet.body).unwrap();
            let hilla = rows.iter().find(|r| r[0] == "Teater Hilla").unwrap();
            assert_eq!(hilla[1], "lähetetty", "{format}: {hilla:?}");
            assert_eq!(hilla[2], "2", "{format}: {hilla:?}");
            let venue_a = rows.iter().find(|r| r[0] == "Venue A").unwrap();
            assert_eq!(venue_a[1], "ei lähetetty", "{format}: {venue_a:?}");
            assert!(venue_a.contains(&"013 123 4567".to_string()), "{venue_a:?}");
        }
        let odd = app
            .get(
                &format!("/api/v1/areas/{}/report-submissions?format=pdf", w.a),
                &w.coord_a,
            )
            .await;
        assert_eq!(odd.status, StatusCode::BAD_REQUEST);
        let page = app
            .get(
                &format!("/areas/{}/reports?from=2020-02-01&to=2020-02-29", w.a),
                &w.coord_a,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("ei lähetetty") && page.text().contains("013 123 4567"));
        // Only the venue's own people submit; only the area's managers see the overview.
        assert_eq!(
            app.api(Method::POST, &subs, &w.staff_a, Some(feb.clone()))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(Method::POST, &subs, &w.token_a, Some(feb))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        for who in [&w.staff_a, &w.issuer_a] {
            assert_eq!(
                app.get(&format!("/api/v1/areas/{}/report-submissions", w.a), who)
                    .await
                    .status,
                StatusCode::FORBIDDEN
            );
        }
        // Staff submit from the report screen.
        let own = app
            .form(
                &format!("/venues/{}/report/submit", w.va),
                &w.staff_a,
                &[("from", "2020-02-01"), ("to", "2020-02-29")],
            )
            .await;
        assert_eq!(own.status, StatusCode::SEE_OTHER, "{}", own.text());
        let shown = app.get(&own.location(), &w.staff_a).await.text();
        assert!(shown.contains("Raportti lähetettiin koordinaattorille"));
    }
);
