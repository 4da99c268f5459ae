//! The card register over HTTP (SPEC §4, R-AUTH-2, R-PRIV-2) on both backends.

use crate::common::{TestApp, Who, World, issue, today, transfer_form, with};
use axum::http::{Method, StatusCode};
use chrono::{Datelike, Duration, Months, NaiveDate};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

fn twelve_months(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(Months::new(12)).unwrap()
}

/// The transfer form these tests start from: two children, two life
/// situations.
fn form() -> Value {
    with(
        transfer_form(2),
        "life_situations",
        json!(["unemployed", "single_parent"]),
    )
}

/// World plus card stock: series E1–E100 in area A (E1–E50 at Point A,
/// E51–E60 at a second point), and B1–B10 in area B.
struct Cards {
    w: World,
    second_point: i64,
    series_a: i64,
}

async fn setup(app: &TestApp) -> Cards {
    let w = World::new(app).await;
    let series = World::stock(app, &w.coord_a, w.a, "E", 1..=100, &[]).await;
    let series_a = series["id"].as_i64().unwrap();
    assert_eq!(series["first_code"], "E1");
    assert_eq!(series["counts"]["in_stock"], 100);
    World::stock(app, &w.coord_b, w.b, "B", 1..=10, &[]).await;
    let second = app
        .api(
            Method::POST,
            &format!("/api/v1/areas/{}/distribution-points", w.a),
            &w.coord_a,
            Some(json!({"name": "Second", "type": "parish"})),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    for (point, numbers) in [(w.pa, 1..=50), (second, 51..=60)] {
        World::allocate(app, &w.coord_a, series_a, point, numbers).await;
    }
    Cards {
        w,
        second_point: second,
        series_a,
    }
}

on_both!(
    r_card_7_issue_from_own_or_unallocated_stock,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let r = issue(&app, &c.w.issuer_a, "E1", form()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let card = r.json();
        assert_eq!(card["kind"], "personal");
        assert_eq!(card["valid_from"], today().to_string());
        assert_eq!(card["valid_until"], twelve_months(today()).to_string());
        assert_eq!(card["minor_children"], 2);
        // Unallocated stock of the area is the area's to issue.
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E70", form()).await.status,
            StatusCode::CREATED
        );
    }
);

on_both!(
    r_card_7_refusals_say_which_and_change_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E1", form()).await.status,
            StatusCode::CREATED
        );
        let events = app.count("card_events").await;
        let cases = [
            ("E1", StatusCode::CONFLICT, "card_already_issued"),
            ("Z9999", StatusCode::NOT_FOUND, "card_unknown"),
            ("E51", StatusCode::CONFLICT, "card_allocated_elsewhere"),
            ("B1", StatusCode::CONFLICT, "card_other_area"),
        ];
        for (code, status, err) in cases {
            let r = issue(&app, &c.w.issuer_a, code, form()).await;
            assert_eq!(r.status, status, "{code}: {}", r.text());
            assert_eq!(r.error_code(), err);
            assert_eq!(r.json()["error"]["rule"], "R-CARD-7");
        }
        let r = issue(&app, &c.w.issuer_a, "E1", form()).await;
        let until = twelve_months(today());
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!(
                    "{}.{}.{}",
                    until.day(),
                    until.month(),
                    until.year()
                ))
        );
        let v = app
            .api(
                Method::POST,
                "/api/v1/cards/E2/void",
                &c.w.issuer_a,
                Some(json!({"reason": "destroyed"})),
            )
            .await;
        assert_eq!(v.status, StatusCode::OK, "{}", v.text());
        let r = issue(&app, &c.w.issuer_a, "E2", form()).await;
        assert_eq!(r.error_code(), "card_void");
        assert_eq!(
            app.count("card_events").await,
            events + 1,
            "only the voiding was written"
        );
    }
);

on_both!(
    r_card_1_codes_are_normalised_and_typos_caught,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let r = issue(&app, &c.w.issuer_a, "%20e-3%20", form()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["code"], "E3");
        let r = issue(&app, &c.w.issuer_a, "E%2F4", form()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["error"]["field"], "code");
        assert_eq!(r.error_code(), "card_code_bad_character");
        // The message says what is allowed, not what was typed (R-PRIV-5).
        assert!(!r.text().contains('/'), "{}", r.text());
        // A series with check characters tells a typing error from an unknown code.
        let (good, typo) = crate::common::checked_series(&app, &c.w.coord_a, c.w.a).await;
        let r = issue(&app, &c.w.issuer_a, &typo, form()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(r.error_code(), "card_check_character");
        assert_eq!(
            issue(&app, &c.w.issuer_a, &good, form()).await.status,
            StatusCode::CREATED
        );
    }
);

on_both!(
    r_card_4_trial_end_caps_validity_over_http,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let trial = today() + Duration::days(100);
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/areas/{}", c.w.b),
                &c.w.admin,
                Some(json!({"name": "Area B", "trial_ends": trial.to_string()})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let issuer_b = app.login("issuer_b").await;
        let r = issue(&app, &issuer_b, "B1", form()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["valid_until"], trial.to_string());
        // After the trial no card is granted.
        let ended = today() - Duration::days(1);
        app.api(
            Method::PUT,
            &format!("/api/v1/areas/{}", c.w.b),
            &c.w.admin,
            Some(json!({"name": "Area B", "trial_ends": ended.to_string()})),
        )
        .await;
        let r = issue(&app, &issuer_b, "B2", form()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "grant_date_after_trial");
    }
);

on_both!(
    r_card_3_and_r_card_8_transfer_form_rules,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let year = today().year();
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E5",
            with(form(), "birth_year", json!(year - 15)),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "under_16");
        assert_eq!(r.json()["error"]["rule"], "R-CARD-3");
        // A mistyped code is said with the rest of what is wrong (found in
        // the browser journeys: the issuer fixed one thing per submit).
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E!5",
            with(form(), "birth_year", json!(year - 15)),
        )
        .await;
        let fields: Vec<String> = r.json()["error"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e["field"].as_str().unwrap(),
                    e["code"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            fields,
            ["code:card_code_bad_character", "birth_year:under_16"]
        );
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E5",
            with(form(), "confirmed_at_least_16", json!(false)),
        )
        .await;
        assert_eq!(r.error_code(), "age_not_confirmed");
        assert_eq!(r.json()["error"]["field"], "confirmed_at_least_16");
        let tomorrow = today() + Duration::days(1);
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E5",
            with(form(), "grant_date", json!(tomorrow.to_string())),
        )
        .await;
        assert_eq!(r.error_code(), "grant_date_future");
        assert_eq!(r.json()["error"]["rule"], "R-CARD-8");
        // Exactly 16 in the grant year is enough.
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E5",
            with(form(), "birth_year", json!(year - 16)),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // A paper form entered later keeps its real date.
        let then = today() - Duration::days(400);
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E6",
            with(form(), "grant_date", json!(then.to_string())),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["valid_until"], twelve_months(then).to_string());
        let look = app
            .api(Method::GET, "/api/v1/cards/E6", &c.w.staff_a, None)
            .await
            .json();
        assert_eq!(look["status"], "expired");
        assert_eq!(look["usable"], false);
    }
);

on_both!(
    bad_input_on_the_transfer_form_writes_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let before = app.count("card_events").await;
        let bad = [
            (with(form(), "postal_code", json!("8010")), "postal_code"),
            (
                with(form(), "postal_code", json!("Kauppakatu 1")),
                "postal_code",
            ),
            (
                with(form(), "mother_tongue", json!("klingon")),
                "invalid_choice",
            ),
            (with(form(), "gender", json!("")), "required"),
            (
                with(form(), "life_situations", json!(["rich"])),
                "invalid_choice",
            ),
            (
                with(form(), "life_situations", json!(["student", "not_stated"])),
                "not_stated_with_others",
            ),
            (with(form(), "minor_children", json!(21)), "children_range"),
            (with(form(), "minor_children", Value::Null), "required"),
            (with(form(), "birth_year", json!(1850)), "birth_year_range"),
            (
                with(form(), "birth_year", json!("nineteen")),
                "malformed_body",
            ),
            (with(form(), "grant_date", json!("1/1/2026")), "not_a_date"),
            (with(form(), "kind", json!("gold")), "invalid_choice"),
            (
                with(form(), "name", json!("Matti Meikäläinen")),
                "malformed_body",
            ),
            (
                with(form(), "birth_date", json!("1980-01-01")),
                "malformed_body",
            ),
        ];
        for (body, code) in bad {
            let r = issue(&app, &c.w.issuer_a, "E7", body.clone()).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
            assert_eq!(r.error_code(), code, "{body}");
            assert!(!r.text().contains("Meikäläinen"));
        }
        assert_eq!(app.count("card_events").await, before);
        let look = app
            .api(Method::GET, "/api/v1/cards/E7", &c.w.staff_a, None)
            .await
            .json();
        assert_eq!(look["status"], "in_stock");
        // An identity code in a void note is refused and not echoed.
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E7/void",
                &c.w.issuer_a,
                Some(json!({"reason": "other", "note": "asiakas 131052-308T"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "identity_code");
        assert!(!r.text().contains("131052"));
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E7/void",
                &c.w.issuer_a,
                Some(json!({"reason": "other"})),
            )
            .await;
        assert_eq!(r.error_code(), "required");
        assert_eq!(r.json()["error"]["field"], "note");
    }
);

on_both!(
    r_comm_community_card_belongs_to_the_organisation,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let r = issue(&app, &c.w.issuer_a, "E8", json!({"kind": "community"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let card = r.json();
        assert_eq!(card["kind"], "community");
        assert_eq!(card["organisation"], "Point A");
        assert_eq!(card["minor_children"], Value::Null);
        assert_eq!(card["valid_until"], twelve_months(today()).to_string());
        let rec = app
            .api(Method::GET, "/api/v1/cards/E8/record", &c.w.issuer_a, None)
            .await
            .json();
        assert_eq!(
            rec["history"][0]["birth_year"],
            Value::Null,
            "no background data on a community card"
        );
    }
);

on_both!(
    renewal_gives_twelve_new_months_and_keeps_history,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let long_ago = today() - Duration::days(360);
        assert_eq!(
            issue(
                &app,
                &c.w.issuer_a,
                "E9",
                with(form(), "grant_date", json!(long_ago.to_string()))
            )
            .await
            .status,
            StatusCode::CREATED
        );
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E10", form()).await.status,
            StatusCode::CREATED
        );
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E10/renew",
                &c.w.issuer_a,
                Some(form()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "card_not_yet_renewable");
        // Another point of the same area may renew, with fresh background data.
        let r = app
        .api(Method::POST, "/api/v1/accounts", &c.w.coord_a, Some(json!({"username": "second_issuer", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": c.second_point}]})))
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let second = app.first_login("second_issuer", "long enough pass").await;
        let fresh = json!({"birth_year": today().year() - 41, "mother_tongue": "sv", "gender": "woman", "postal_code": "not_stated", "minor_children": 3, "life_situations": [], "confirmed_at_least_16": true});
        let r = app
            .api(Method::POST, "/api/v1/cards/E9/renew", &second, Some(fresh))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["valid_until"], twelve_months(today()).to_string());
        assert_eq!(r.json()["renewal"], true);
        let rec = app
            .api(Method::GET, "/api/v1/cards/E9/record", &c.w.coord_a, None)
            .await
            .json();
        let h = rec["history"].as_array().unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(h[0]["event"], "issued");
        assert_eq!(h[0]["mother_tongue"], "fi");
        assert_eq!(h[1]["event"], "renewed");
        assert_eq!(h[1]["mother_tongue"], "sv");
        assert_eq!(h[1]["life_situations"], json!(["not_stated"]));
        assert_eq!(rec["card"]["minor_children"], 3);
    }
);

on_both!(
    r_auth_2_lookup_reveals_validity_only,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E11", form()).await.status,
            StatusCode::CREATED
        );
        let issuer_b = app.login("issuer_b").await;
        // Another area's issuer is answered as for a code in no register.
        let other = app
            .api(Method::GET, "/api/v1/cards/e-11", &issuer_b, None)
            .await;
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        assert_eq!(other.error_code(), "card_unknown");
        // Venue staff anywhere (and a venue's token) may check any card of the country.
        for who in [&c.w.staff_a, &c.w.token_a] {
            let r = app.api(Method::GET, "/api/v1/cards/e-11", who, None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            let v = r.json();
            let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
            assert_eq!(
                keys,
                ["code", "kind", "reasons", "status", "usable", "valid_until"]
            );
            assert_eq!(v["usable"], true);
            assert_eq!(v["status"], "issued");
            for private in [
                "birth_year",
                "80100",
                "postal",
                "mother_tongue",
                "woman",
                "unemployed",
                "Point A",
            ] {
                assert!(!r.text().contains(private), "{private} leaked");
            }
        }
        let r = app
            .api(Method::GET, "/api/v1/cards/E12", &c.w.staff_a, None)
            .await
            .json();
        assert_eq!(r["usable"], false);
        assert_eq!(r["reasons"][0]["code"], "card_not_issued");
        assert_eq!(
            app.api(Method::GET, "/api/v1/cards/Q1", &c.w.staff_a, None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(Method::GET, "/api/v1/cards/E11", &Who::Anon, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        // The record with background data is for the card's own point and area only.
        for (who, ok) in [
            (&c.w.issuer_a, true),
            (&c.w.coord_a, true),
            (&issuer_b, false),
            (&c.w.staff_a, false),
            (&c.w.admin, false),
            (&c.w.token_a, false),
        ] {
            let r = app
                .api(Method::GET, "/api/v1/cards/E11/record", who, None)
                .await;
            assert_eq!(r.status == StatusCode::OK, ok, "{}", r.text());
        }
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &c.w.coord_a, None)
            .await
            .json();
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "card.view"),
            "reading background data is logged"
        );
    }
);

on_both!(
    r_priv_2_subject_access_is_the_coordinators,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E13", form()).await.status,
            StatusCode::CREATED
        );
        let r = app
            .api(
                Method::GET,
                "/api/v1/cards/E13/subject-access",
                &c.w.coord_a,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["history"][0]["postal_code"], "80100");
        assert_eq!(
            app.api(
                Method::GET,
                "/api/v1/cards/E13/subject-access",
                &c.w.issuer_a,
                None
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let page = app.get("/cards/E13/subject-access", &c.w.coord_a).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("80100") && page.text().contains("Työtön tai lomautettu"));
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &c.w.coord_a, None)
            .await
            .json();
        assert_eq!(
            log.as_array()
                .unwrap()
                .iter()
                .filter(|e| e["action"] == "card.subject_access")
                .count(),
            2
        );
    }
);

on_both!(
    voiding_keeps_the_history_and_stops_the_card,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        assert_eq!(
            issue(&app, &c.w.issuer_a, "E14", form()).await.status,
            StatusCode::CREATED
        );
        let issuer_b = app.login("issuer_b").await;
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E14/void",
                &issuer_b,
                Some(json!({"reason": "lost"})),
            )
            .await;
        // Another area's card is answered like an unknown code (R-AUTH-6).
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.error_code(), "card_unknown");
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E14/void",
                &c.w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["status"], "void");
        let again = app
            .api(
                Method::POST,
                "/api/v1/cards/E14/void",
                &c.w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(again.error_code(), "card_void");
        let look = app
            .api(Method::GET, "/api/v1/cards/E14", &c.w.token_a, None)
            .await
            .json();
        assert_eq!(look["usable"], false);
        assert_eq!(look["reasons"][0]["code"], "card_void");
        let rec = app
            .api(Method::GET, "/api/v1/cards/E14/record", &c.w.issuer_a, None)
            .await
            .json();
        assert_eq!(rec["history"].as_array().unwrap().len(), 2);
        assert_eq!(rec["history"][1]["void_reason"], "lost");
    }
);

on_both!(
    stock_counts_overlaps_and_allocations,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let series = format!("/api/v1/areas/{}/card-series", c.w.a);
        let r = app
            .api(
                Method::POST,
                &series,
                &c.w.coord_a,
                Some(json!({"prefix": "e", "first": 90, "last": 120})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "series_overlaps");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("E100")
        );
        // Across areas too: codes are national.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/card-series", c.w.b),
                &c.w.coord_b,
                Some(json!({"prefix": "E", "first": 5, "last": 5})),
            )
            .await;
        assert_eq!(r.error_code(), "series_overlaps");
        let r = app
            .api(
                Method::POST,
                &series,
                &c.w.coord_a,
                Some(json!({"prefix": "E", "first": 10, "last": 5})),
            )
            .await;
        assert_eq!(r.error_code(), "series_order");
        let r = app
            .api(
                Method::POST,
                &series,
                &c.w.coord_a,
                Some(json!({"prefix": "X", "first": 1, "last": 200000})),
            )
            .await;
        assert_eq!(r.error_code(), "series_too_many");
        let r = app
            .api(
                Method::POST,
                &series,
                &c.w.coord_a,
                Some(json!({"prefix": "X", "first": 1, "last": 5, "check": "luhn"})),
            )
            .await;
        assert_eq!(r.error_code(), "series_luhn_digits");
        let alloc = format!("/api/v1/card-series/{}/allocations", c.series_a);
        let r = app
            .api(
                Method::POST,
                &alloc,
                &c.w.coord_a,
                Some(json!({"distribution_point": c.w.pa, "first": 55, "last": 58})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "allocation_overlaps");
        let r = app
            .api(
                Method::POST,
                &alloc,
                &c.w.coord_a,
                Some(json!({"distribution_point": c.w.pa, "first": 95, "last": 101})),
            )
            .await;
        assert_eq!(r.error_code(), "allocation_range");
        let r = app
            .api(
                Method::POST,
                &alloc,
                &c.w.coord_a,
                Some(json!({"distribution_point": c.w.pb, "first": 61, "last": 62})),
            )
            .await;
        assert_eq!(r.error_code(), "invalid_choice", "a point of another area");

        issue(&app, &c.w.issuer_a, "E15", form()).await;
        issue(
            &app,
            &c.w.issuer_a,
            "E16",
            with(
                form(),
                "grant_date",
                json!((today() - Duration::days(500)).to_string()),
            ),
        )
        .await;
        app.api(
            Method::POST,
            "/api/v1/cards/E17/void",
            &c.w.coord_a,
            Some(json!({"reason": "destroyed"})),
        )
        .await;
        // Another series of the area, with a card issued at the same point:
        // none of it is counted in this series' figures.
        World::stock(&app, &c.w.coord_a, c.w.a, "S", 1..=5, &[(c.w.pa, 1..=5)]).await;
        issue(&app, &c.w.issuer_a, "S1", form()).await;
        let d = app
            .api(
                Method::GET,
                &format!("/api/v1/card-series/{}", c.series_a),
                &c.w.coord_a,
                None,
            )
            .await
            .json();
        assert_eq!(
            d["series"]["counts"],
            json!({"in_stock": 97, "issued": 1, "expired": 1, "void": 1})
        );
        let at = |p: Value| {
            d["by_point"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["distribution_point"] == p)
                .unwrap()["counts"]
                .clone()
        };
        assert_eq!(
            at(json!(c.w.pa)),
            json!({"in_stock": 47, "issued": 1, "expired": 1, "void": 1})
        );
        assert_eq!(
            at(json!(c.second_point)),
            json!({"in_stock": 10, "issued": 0, "expired": 0, "void": 0})
        );
        assert_eq!(at(Value::Null)["in_stock"], 40);
        assert_eq!(d["allocations"].as_array().unwrap().len(), 2);
    }
);

on_both!(
    r_card_6_no_check_for_a_card_elsewhere,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let issuer_b = app.login("issuer_b").await;
        let same = form();
        let a = issue(&app, &c.w.issuer_a, "E18", same.clone()).await;
        let b = issue(&app, &issuer_b, "B3", same).await;
        assert_eq!(
            (a.status, b.status),
            (StatusCode::CREATED, StatusCode::CREATED)
        );
        assert_eq!(
            a.json().as_object().unwrap().keys().collect::<Vec<_>>(),
            b.json().as_object().unwrap().keys().collect::<Vec<_>>()
        );
        assert!(!a.text().contains("warning") && !b.text().contains("warning"));
    }
);

on_both!(
    r_card_2_one_card_is_issued_once_under_concurrency,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let mut tasks = vec![];
        for _ in 0..8 {
            let router = app.router.clone();
            let who = c.w.issuer_a.clone();
            tasks.push(tokio::spawn(async move {
                let Who::Cookie(cookie) = who else {
                    unreachable!()
                };
                let req = axum::http::Request::post("/api/v1/cards/E19/issue")
                    .header("content-type", "application/json")
                    .header("cookie", format!("kaiku_session={cookie}"))
                    .body(axum::body::Body::from(form().to_string()))
                    .unwrap();
                tower::ServiceExt::oneshot(router, req)
                    .await
                    .unwrap()
                    .status()
            }));
        }
        let mut statuses = vec![];
        for t in tasks {
            statuses.push(t.await.unwrap());
        }
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::CREATED)
                .count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
            "{statuses:?}"
        );
        let rec = app
            .api(Method::GET, "/api/v1/cards/E19/record", &c.w.issuer_a, None)
            .await
            .json();
        assert_eq!(rec["history"].as_array().unwrap().len(), 1);
    }
);

on_both!(r_auth_1_card_endpoints_matrix, |db: TestDb| async move {
    let app = TestApp::new(db);
    let c = setup(&app).await;
    let w = &c.w;
    // For admin, coord_a, issuer_a, staff_a, token_a: y allowed, x refused
    // (403: no right of that kind at all), h hidden (404: the target is in a
    // scope the caller cannot see, answered like an unknown one, R-AUTH-6).
    let cases: Vec<(Method, String, Option<Value>, &str)> = vec![
        (
            Method::GET,
            format!("/api/v1/areas/{}/card-series", w.a),
            None,
            "xyxxx",
        ),
        (
            Method::GET,
            format!("/api/v1/areas/{}/card-series", w.b),
            None,
            "xhxxx",
        ),
        (
            Method::GET,
            format!("/api/v1/card-series/{}", c.series_a),
            None,
            "xyxxx",
        ),
        (
            Method::GET,
            format!("/api/v1/areas/{}/cards", w.a),
            None,
            "xyhxx",
        ),
        (
            Method::GET,
            format!("/api/v1/distribution-points/{}/cards", w.pa),
            None,
            "xyyxx",
        ),
        (
            Method::GET,
            format!("/api/v1/distribution-points/{}/cards", w.pb),
            None,
            "xhhxx",
        ),
        (Method::GET, "/api/v1/cards/E1".into(), None, "xyyyy"),
        (
            Method::GET,
            "/api/v1/cards/E1/subject-access".into(),
            None,
            "xyxxx",
        ),
        (
            Method::POST,
            "/api/v1/cards/E30/issue".into(),
            Some(form()),
            "xxyxx",
        ),
    ];
    for (method, path, body, allowed) in cases {
        assert_eq!(
            app.api(method.clone(), &path, &Who::Anon, body.clone())
                .await
                .status,
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        for (who, expect) in [&w.admin, &w.coord_a, &w.issuer_a, &w.staff_a, &w.token_a]
            .into_iter()
            .zip(allowed.chars())
        {
            let r = app.api(method.clone(), &path, who, body.clone()).await;
            let got = match r.status {
                s if s.is_success() => 'y',
                StatusCode::FORBIDDEN => 'x',
                StatusCode::NOT_FOUND => 'h',
                s => panic!("{method} {path} as {who:?}: {s} {}", r.text()),
            };
            assert_eq!(got, expect, "{method} {path} as {who:?}: {}", r.text());
        }
    }
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/areas/{}/card-series", w.b),
            &w.coord_a,
            Some(json!({"prefix": "Q", "first": 1, "last": 2})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
});

on_both!(
    issuer_uses_the_transfer_form_screen,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        let page = app
            .get(&format!("/points/{}/issue", c.w.pa), &c.w.issuer_a)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        let until = twelve_months(today());
        assert!(
            html.contains(&format!(
                "<strong>{}.{}.{}</strong>",
                until.day(),
                until.month(),
                until.year()
            )),
            "valid-until shown before saving"
        );
        assert!(html.contains("name=\"code\"") && html.contains("autofocus"));
        let year = (today().year() - 30).to_string();
        let path = format!("/points/{}/issue", c.w.pa);
        let r = app
            .form(
                &path,
                &c.w.issuer_a,
                &[
                    ("code", "e 20"),
                    ("birth_year", &year),
                    ("confirmed_at_least_16", "on"),
                    ("mother_tongue", "ar"),
                    ("gender", "man"),
                    ("postal_code_kind", "no_permanent_address"),
                    ("minor_children", "0"),
                    ("life_situations", "homeless"),
                    ("life_situations", "low_income"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(r.location(), "/cards/E20?done=issued");
        let done = app.get(&r.location(), &c.w.issuer_a).await.text();
        assert!(done.contains("Kirjoita korttiin"));
        assert!(done.contains(&format!(
            "{}.{}.{}",
            until.day(),
            until.month(),
            until.year()
        )));
        assert!(done.contains("Ei vakituista osoitetta"));
        // Mistakes come back beside their fields, with what was typed.
        let r = app
            .form(
                &path,
                &c.w.issuer_a,
                &[
                    ("code", "E20"),
                    ("birth_year", "19x0"),
                    ("postal_code_kind", "code"),
                    ("postal_code", "123"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let html = r.text();
        assert!(html.contains("error-summary"));
        assert!(html.contains("href=\"#f-birth_year\""));
        // What failed its check is not shown back (R-PRIV-5); what passed is.
        assert!(!html.contains("19x0"));
        assert!(html.contains("value=\"E20\""));
        let r = app
            .form(
                &path,
                &c.w.issuer_a,
                &[
                    ("code", "E20"),
                    ("birth_year", &year),
                    ("confirmed_at_least_16", "on"),
                    ("mother_tongue", "fi"),
                    ("gender", "man"),
                    ("postal_code", "00100"),
                    ("minor_children", "0"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.text().contains("on jo jaettu"),
            "already issued, said in Finnish"
        );
        // The community form needs only the code.
        let r = app
            .form(
                &path,
                &c.w.issuer_a,
                &[("code", "E21"), ("kind", "community")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert!(
            app.get("/cards/E21?done=issued", &c.w.issuer_a)
                .await
                .text()
                .contains("Point A")
        );
        // Venue staff check a card on their own screen.
        let check = app.get("/check?code=e20", &c.w.staff_a).await.text();
        assert!(check.contains("E20: voimassa"));
        assert!(!check.contains("Point A") && !check.contains("Ei vakituista"));
    }
);

/// R-CARD-5: the card tables have no column for who the holder is.
#[test]
fn r_card_5_schema_has_no_column_for_a_holders_identity() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../kaiku-store/migrations");
    let forbidden = [
        "name",
        "identity",
        "hetu",
        "ssn",
        "birth_date",
        "birthday",
        "address",
        "phone",
        "email",
        "e_mail",
    ];
    for backend in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(root.join(backend)).unwrap() {
            let sql = std::fs::read_to_string(entry.unwrap().path().join("up.sql")).unwrap();
            for table in sql.split("CREATE TABLE ").skip(1) {
                let name = table.split_whitespace().next().unwrap();
                // Staff and organisation data may name people (SPEC §3, §2).
                if [
                    "accounts",
                    "venues",
                    "areas",
                    "distribution_points",
                    "api_tokens",
                    "login_failures",
                    "audit_log",
                    "sessions",
                    "grants",
                ]
                .contains(&name)
                {
                    continue;
                }
                let body = table.split(");").next().unwrap();
                for line in body.lines().skip(1) {
                    let column = line.split_whitespace().next().unwrap_or("").to_lowercase();
                    for word in forbidden {
                        assert!(
                            !column.contains(word),
                            "{backend}: {name}.{column} could hold a holder's {word}"
                        );
                    }
                }
            }
        }
    }
}

on_both!(
    national_lists_are_policy_data_of_the_national_admin,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let c = setup(&app).await;
        assert_eq!(
            issue(
                &app,
                &c.w.issuer_a,
                "E40",
                with(form(), "mother_tongue", json!("ru"))
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let kurmanji = json!({"list": "mother_tongue", "code": "KMR", "label_fi": "kurmandži", "label_sv": "kurmanji", "label_en": "Kurmanji"});
        let r = app
            .api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.coord_a,
                Some(kurmanji.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.admin,
                Some(kurmanji.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(r.json()["code"], "kmr");
        assert_eq!(
            app.api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.admin,
                Some(kurmanji)
            )
            .await
            .error_code(),
            "option_exists"
        );
        let bad = json!({"list": "mother_tongue", "code": "kurdish", "label_fi": "x", "label_sv": "x", "label_en": "x"});
        assert_eq!(
            app.api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.admin,
                Some(bad)
            )
            .await
            .error_code(),
            "option_code"
        );
        let caregiver = json!({"list": "life_situation", "code": "caregiver", "label_fi": "Omaishoitaja", "label_sv": "Närståendevårdare", "label_en": "Family carer"});
        assert_eq!(
            app.api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.admin,
                Some(caregiver)
            )
            .await
            .status,
            StatusCode::CREATED
        );
        let all = app
            .api(
                Method::GET,
                "/api/v1/background-options",
                &c.w.issuer_a,
                None,
            )
            .await
            .json();
        let id_of = |list: &str, code: &str| {
            all.as_array()
                .unwrap()
                .iter()
                .find(|o| o["list"] == list && o["code"] == code)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        // Russian out of use: new answers refuse it, stored answers keep their label.
        let ru = id_of("mother_tongue", "ru");
        let r = app.api(Method::PUT, &format!("/api/v1/background-options/{ru}"), &c.w.admin, Some(json!({"label_fi": "venäjä", "label_sv": "ryska", "label_en": "Russian", "active": false}))).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(
            issue(
                &app,
                &c.w.issuer_a,
                "E41",
                with(form(), "mother_tongue", json!("ru"))
            )
            .await
            .error_code(),
            "invalid_choice"
        );
        let r = issue(
            &app,
            &c.w.issuer_a,
            "E41",
            with(
                with(form(), "mother_tongue", json!("kmr")),
                "life_situations",
                json!(["caregiver", "low_income"]),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let rec = app
            .api(Method::GET, "/api/v1/cards/E41/record", &c.w.issuer_a, None)
            .await
            .json();
        assert_eq!(
            rec["history"][0]["life_situations"],
            json!(["low_income", "caregiver"]),
            "kept in the list's order"
        );
        assert!(
            app.get("/cards/E40", &c.w.issuer_a)
                .await
                .text()
                .contains("venäjä")
        );
        let form_page = app
            .get(&format!("/points/{}/issue", c.w.pa), &c.w.issuer_a)
            .await
            .text();
        assert!(form_page.contains("kurmandži") && form_page.contains("Omaishoitaja"));
        assert!(!form_page.contains(">venäjä<"), "out of use, not offered");
        // The answers every list needs stay in use.
        let ns = id_of("life_situation", "not_stated");
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/background-options/{ns}"),
                &c.w.admin,
                Some(json!({"label_fi": "x", "label_sv": "x", "label_en": "x", "active": false})),
            )
            .await;
        assert_eq!(r.error_code(), "option_fixed");
        // A list has at most so many entries in use (a holder's answers are
        // indexed together), and says so when full.
        let in_use = |all: serde_json::Value| {
            all.as_array()
                .unwrap()
                .iter()
                .filter(|o| o["list"] == "life_situation" && o["active"] == true)
                .count()
        };
        let letters = |n: usize| {
            format!(
                "extra_{}{}",
                (b'a' + (n / 26) as u8) as char,
                (b'a' + (n % 26) as u8) as char
            )
        };
        let mut full = None;
        for n in 0..60 {
            let r = app
                .api(
                    Method::POST,
                    "/api/v1/background-options",
                    &c.w.admin,
                    Some(json!({"list": "life_situation", "code": letters(n), "label_fi": "x", "label_sv": "x", "label_en": "x"})),
                )
                .await;
            if r.status != StatusCode::CREATED {
                full = Some(r);
                break;
            }
        }
        let full = full.expect("the list fills up");
        assert_eq!(full.status, StatusCode::CONFLICT, "{}", full.text());
        assert_eq!(full.error_code(), "list_full");
        let all = app
            .api(Method::GET, "/api/v1/background-options", &c.w.admin, None)
            .await
            .json();
        assert_eq!(in_use(all.clone()), kaiku_core::background::MAX_IN_USE);
        // Taking one out of use makes room; it cannot come back while the
        // list is full again.
        let first = all
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["code"] == letters(0))
            .map(|o| o["id"].as_i64().unwrap())
            .unwrap();
        let put = |active: bool| json!({"label_fi": "x", "label_sv": "x", "label_en": "x", "active": active});
        let path = format!("/api/v1/background-options/{first}");
        let r = app
            .api(Method::PUT, &path, &c.w.admin, Some(put(false)))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let r = app
            .api(
                Method::POST,
                "/api/v1/background-options",
                &c.w.admin,
                Some(json!({"list": "life_situation", "code": "extra_zz", "label_fi": "x", "label_sv": "x", "label_en": "x"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = app
            .api(Method::PUT, &path, &c.w.admin, Some(put(true)))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "list_full");
        assert_eq!(app.get("/lists", &c.w.admin).await.status, StatusCode::OK);
        assert_eq!(
            app.get("/lists", &c.w.coord_a).await.status,
            StatusCode::FORBIDDEN
        );
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &c.w.admin, None)
            .await
            .json();
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "background_option.update")
        );
    }
);
