//! The offering over HTTP (SPEC §5: R-CAP, R-CAP-3 data, R-TIME-1, R-TIME-2,
//! R-OFFER-1) on both backends.

use crate::common::{TestApp, Who, World, today, with};
use axum::http::{Method, StatusCode};
use chrono::{Duration, NaiveDate};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

fn show(capacity: i64, cap: Value) -> Value {
    let day = today() + Duration::days(40);
    json!({"type": "event", "title": "Trollkarlen Matti", "starts_at": format!("{day}T19:00"), "capacity": capacity, "class": "default", "cap": cap})
}

async fn post(app: &TestApp, who: &Who, venue: i64, body: Value) -> crate::common::Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/venues/{venue}/items"),
        who,
        Some(body),
    )
    .await
}

on_both!(
    r_cap_refusal_quotes_the_rule_and_writes_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = post(&app, &w.staff_a, w.va, show(400, json!(19))).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "cap_below_percent");
        assert_eq!(r.json()["error"]["rule"], "R-CAP");
        assert_eq!(r.json()["error"]["field"], "cap");
        let en = {
            let Who::Cookie(c) = &w.staff_a else {
                unreachable!()
            };
            let req = axum::http::Request::post(format!("/api/v1/venues/{}/items", w.va))
                .header("content-type", "application/json")
                .header("cookie", format!("kaiku_session={c}"))
                .header("accept-language", "en")
                .body(axum::body::Body::from(show(400, json!(19)).to_string()))
                .unwrap();
            app.send(req).await.json()["error"]["message"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            en,
            "Kaikukortti upper limit: for a performance of 400 seats the upper limit must be at least 20 (5 %)."
        );
        for (body, code) in [
            (show(30, json!(31)), "cap_above_capacity"),
            (
                with(show(80, json!(3)), "class", json!("small_performance")),
                "class_small_capacity",
            ),
            (
                with(show(1000, json!(20)), "class", json!("large_event")),
                "class_large_capacity",
            ),
            (
                with(show(300, json!(11)), "class", json!("guest_producer")),
                "cap_guest_range",
            ),
            (
                with(show(300, json!(20)), "class", json!("swimming_hall_day")),
                "class_not_swimming_hall",
            ),
            (
                with(show(20, json!(1)), "type", json!("course")),
                "cap_course_minimum",
            ),
        ] {
            let r = post(&app, &w.staff_a, w.va, body.clone()).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(r.error_code(), code, "{body}");
        }
        assert_eq!(app.count("items").await, 0);
        for (body, ok) in [
            (show(400, json!(20)), true),
            (show(400, Value::Null), true),
            (
                with(show(10, json!(0)), "class", json!("very_small_performance")),
                true,
            ),
            (
                with(show(1001, json!(20)), "class", json!("large_event")),
                true,
            ),
            (
                with(show(50, json!(2)), "class", json!("small_performance")),
                true,
            ),
            (
                with(show(300, json!(10)), "class", json!("guest_producer")),
                true,
            ),
        ] {
            let r = post(&app, &w.staff_a, w.va, body.clone()).await;
            assert_eq!(r.status == StatusCode::CREATED, ok, "{body}: {}", r.text());
        }
    }
);

on_both!(
    r_cap_policy_change_applies_to_later_items_only,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let from = today() + Duration::days(60);
        let ten = json!({"effective_from": from.to_string(), "default_percent": 10, "small_max_capacity": 50, "small_min_cap": 2,
        "very_small_max_capacity": null, "large_min_capacity": 1000, "large_min_cap": 20, "swimming_min_cap": 20, "guest_min_cap": 2, "guest_max_cap": 10});
        assert_eq!(
            app.api(
                Method::POST,
                "/api/v1/cap-policies",
                &w.coord_a,
                Some(ten.clone())
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let r = app
            .api(
                Method::POST,
                "/api/v1/cap-policies",
                &w.admin,
                Some(ten.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(
            app.api(
                Method::POST,
                "/api/v1/cap-policies",
                &w.admin,
                Some(ten.clone())
            )
            .await
            .error_code(),
            "policy_date_taken"
        );
        let past = with(
            ten,
            "effective_from",
            json!((today() - Duration::days(1)).to_string()),
        );
        assert_eq!(
            app.api(Method::POST, "/api/v1/cap-policies", &w.admin, Some(past))
                .await
                .error_code(),
            "policy_in_past"
        );
        // 20 of 400 is enough before the change (day 40) and not after it (day 70).
        assert_eq!(
            post(&app, &w.staff_a, w.va, show(400, json!(20)))
                .await
                .status,
            StatusCode::CREATED
        );
        let later = with(
            show(400, json!(20)),
            "starts_at",
            json!(format!("{}T19:00", today() + Duration::days(70))),
        );
        let r = post(&app, &w.staff_a, w.va, later).await;
        assert_eq!(r.error_code(), "cap_below_percent");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("40"),
            "{}",
            r.text()
        );
        let vs = with(show(8, json!(1)), "class", json!("very_small_performance"));
        let vs_later = with(
            vs.clone(),
            "starts_at",
            json!(format!("{}T19:00", today() + Duration::days(70))),
        );
        assert_eq!(
            post(&app, &w.staff_a, w.va, vs).await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            post(&app, &w.staff_a, w.va, vs_later).await.error_code(),
            "class_trial_off"
        );
        assert_eq!(
            app.api(Method::GET, "/api/v1/cap-policies", &w.staff_a, None)
                .await
                .json()
                .as_array()
                .unwrap()
                .len(),
            3,
            "the model of 2019, the child age limit of 2022 and the new version"
        );
    }
);

on_both!(r_time_windows_and_item_status, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    let body = json!({"type": "event", "title": "Kevätkonsertti", "starts_at": "2027-04-02T19:00", "capacity": 400, "cap": 20,
        "booking_opens_days_before": 30, "redeem_opens_minutes_before": 30});
    let r = post(&app, &w.staff_a, w.va, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let item = r.json();
    assert_eq!(item["starts_at"], "2027-04-02T19:00:00+03:00");
    assert_eq!(
        item["booking_opens_at"], "2027-03-03T00:00:00+02:00",
        "calendar days across the spring change"
    );
    assert_eq!(item["redemption_opens_at"], "2027-04-02T18:30:00+03:00");
    let status = app
        .api(
            Method::GET,
            &format!("/api/v1/items/{}", item["id"]),
            &w.token_a,
            None,
        )
        .await;
    assert_eq!(status.status, StatusCode::OK);
    assert_eq!(status.json()["kaiku_tickets_used"], 0);
    assert_eq!(status.json()["kaiku_tickets_left"], 20);
    let r = post(
        &app,
        &w.staff_a,
        w.va,
        json!({"type": "event", "title": "X", "starts_at": "2027-03-28T03:30", "capacity": 10}),
    )
    .await;
    assert_eq!(
        r.error_code(),
        "not_a_date",
        "03:30 does not exist on the spring-forward night"
    );
});

on_both!(
    series_repeat_weekly_in_one_transaction,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let first = NaiveDate::from_ymd_opt(2027, 3, 6).unwrap();
        let body = json!({"type": "event", "title": "Lauantainäytös", "starts_at": format!("{first}T14:00"), "capacity": 100, "cap": 5,
        "repeat": "weekly", "repeat_until": "2027-04-03"});
        let r = post(&app, &w.staff_a, w.va, body.clone()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let series = r.json()["series"].as_array().unwrap().clone();
        assert_eq!(series.len(), 5);
        assert_eq!(series[0]["starts_at"], "2027-03-06T14:00:00+02:00");
        assert_eq!(
            series[4]["starts_at"], "2027-04-03T14:00:00+03:00",
            "same local time after the clocks change"
        );
        assert!(
            series
                .iter()
                .all(|i| i["series_id"] == series[0]["series_id"])
        );
        // One bad date in a series writes none of it: the new rule makes day 70 refuse cap 5 of 100.
        let from = today() + Duration::days(60);
        let ten = json!({"effective_from": from.to_string(), "default_percent": 10, "small_max_capacity": 50, "small_min_cap": 2,
        "large_min_capacity": 1000, "large_min_cap": 20, "guest_min_cap": 2, "guest_max_cap": 10});
        assert_eq!(
            app.api(Method::POST, "/api/v1/cap-policies", &w.admin, Some(ten))
                .await
                .status,
            StatusCode::CREATED
        );
        let items = app.count("items").await;
        let start = today() + Duration::days(50);
        let daily = json!({"type": "event", "title": "Näyttely", "starts_at": format!("{start}T10:00"), "capacity": 100, "cap": 5,
        "repeat": "daily", "repeat_until": (start + Duration::days(20)).to_string()});
        let r = post(&app, &w.staff_a, w.va, daily).await;
        assert_eq!(r.error_code(), "cap_below_percent");
        assert_eq!(app.count("items").await, items);
        let long = with(body, "repeat_until", json!("2040-01-01"));
        assert_eq!(
            post(&app, &w.staff_a, w.va, with(long, "repeat", json!("daily")))
                .await
                .error_code(),
            "series_too_long"
        );
    }
);

on_both!(
    r_offer_1_exclusion_needs_a_public_reason,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = post(
            &app,
            &w.staff_a,
            w.va,
            with(show(400, Value::Null), "excluded", json!(true)),
        )
        .await;
        assert_eq!(r.error_code(), "required");
        assert_eq!(r.json()["error"]["field"], "exclusion_reason");
        let r = post(
            &app,
            &w.staff_a,
            w.va,
            with(
                with(show(400, Value::Null), "excluded", json!(true)),
                "exclusion_reason",
                json!("Vierailuesitys"),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["kaiku_tickets_left"], 0);
        let id = r.json()["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/items/{id}"),
                &w.staff_a,
                Some(with(show(400, json!(20)), "sold_out", json!(true))),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["excluded"], false);
        assert_eq!(
            r.json()["kaiku_tickets_left"],
            0,
            "R-CAP-2: sold out means none"
        );
    }
);

on_both!(bad_input_on_items_writes_nothing, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    for (body, code) in [
        (json!({}), "required"),
        (
            with(show(400, Value::Null), "type", json!("concert")),
            "invalid_choice",
        ),
        (
            with(show(400, Value::Null), "starts_at", json!("ensi viikolla")),
            "not_a_date",
        ),
        (
            with(show(400, Value::Null), "capacity", json!(0)),
            "invalid_choice",
        ),
        (
            with(show(400, Value::Null), "capacity", json!("many")),
            "malformed_body",
        ),
        (
            with(show(400, Value::Null), "class", json!("vip")),
            "invalid_choice",
        ),
        (
            with(
                show(400, Value::Null),
                "booking_opens_days_before",
                json!(-1),
            ),
            "invalid_choice",
        ),
        (
            with(show(400, Value::Null), "title", json!("Matti 131052-308T")),
            "identity_code",
        ),
        (
            with(show(400, Value::Null), "repeat", json!("weekly")),
            "required",
        ),
    ] {
        let r = post(&app, &w.staff_a, w.va, body.clone()).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.text());
        assert_eq!(r.error_code(), code, "{body}");
    }
    assert_eq!(app.count("items").await, 0);
    assert_eq!(
        app.api(Method::GET, "/api/v1/items/999999", &w.staff_a, None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
});

on_both!(r_auth_1_offering_matrix, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    let made = post(&app, &w.staff_a, w.va, show(400, json!(20)))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    // admin, coord_a, issuer_a, staff_a, token_a
    let cases: Vec<(Method, String, Option<Value>, [bool; 5])> = vec![
        (
            Method::GET,
            format!("/api/v1/venues/{}/items", w.va),
            None,
            [true, true, false, true, false],
        ),
        (
            Method::GET,
            format!("/api/v1/venues/{}/items", w.vb),
            None,
            [true, false, false, false, false],
        ),
        (
            Method::POST,
            format!("/api/v1/venues/{}/items", w.va),
            Some(show(400, json!(20))),
            [true, true, false, true, false],
        ),
        (
            Method::POST,
            format!("/api/v1/venues/{}/items", w.vb),
            Some(show(400, json!(20))),
            [true, false, false, false, false],
        ),
        (
            Method::PUT,
            format!("/api/v1/items/{made}"),
            Some(show(400, json!(25))),
            [true, true, false, true, false],
        ),
        (
            Method::GET,
            format!("/api/v1/items/{made}"),
            None,
            [true, true, false, true, true],
        ),
        (
            Method::GET,
            "/api/v1/cap-policies".into(),
            None,
            [true, true, true, true, false],
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
        for (who, ok) in [&w.admin, &w.coord_a, &w.issuer_a, &w.staff_a, &w.token_a]
            .into_iter()
            .zip(allowed)
        {
            let r = app.api(method.clone(), &path, who, body.clone()).await;
            assert_eq!(
                r.status.is_success(),
                ok,
                "{method} {path} as {who:?}: {}",
                r.text()
            );
        }
    }
    assert_eq!(
        app.api(
            Method::DELETE,
            &format!("/api/v1/items/{made}"),
            &w.issuer_a,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.api(
            Method::DELETE,
            &format!("/api/v1/items/{made}"),
            &w.staff_a,
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
});

on_both!(
    venue_staff_publish_through_the_screens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let path = format!("/venues/{}/items", w.va);
        let day = today() + Duration::days(30);
        let when = format!("{day}T19:00");
        let r = app
            .form(
                &path,
                &w.staff_a,
                &[
                    ("type", "event"),
                    ("title", "Syysnäytös"),
                    ("starts_at", &when),
                    ("capacity", "400"),
                    ("class", "default"),
                    ("cap", "19"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.text()
                .contains("400 paikan esityksessä ylärajan on oltava vähintään 20 (5 %)"),
            "{}",
            r.text()
        );
        assert!(r.text().contains("value=\"Syysnäytös\""));
        let r = app
            .form(
                &path,
                &w.staff_a,
                &[
                    ("type", "event"),
                    ("title", "Syysnäytös"),
                    ("starts_at", &when),
                    ("capacity", "400"),
                    ("class", "default"),
                    ("cap", "20"),
                    ("booking_opens_days_before", "30"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let list = app.get(&path, &w.staff_a).await.text();
        assert!(list.contains("Syysnäytös") && list.contains("varattavissa 30 päivää ennen"));
        assert_eq!(
            app.get("/cap-policy", &w.admin).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/cap-policy", &w.staff_a).await.status,
            StatusCode::FORBIDDEN
        );
        // A venue the issuer cannot see is answered as an unknown one.
        assert_eq!(
            app.get(&path, &w.issuer_a).await.status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    r_cap_2_sold_out_item_has_no_kaikukortti_tickets_left,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = post(
            &app,
            &w.staff_a,
            w.va,
            with(show(400, json!(20)), "sold_out", json!(true)),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(
            r.json()["kaiku_tickets_left"],
            0,
            "nothing is held back for card holders"
        );
        let open = post(&app, &w.staff_a, w.va, show(400, Value::Null))
            .await
            .json();
        assert_eq!(
            open["kaiku_tickets_left"], 400,
            "no cap: no limit beyond the capacity"
        );
    }
);
