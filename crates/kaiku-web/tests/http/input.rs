//! Bad input on every form and endpoint: a clear 4xx in the request's
//! language, nothing written, never a 500, never an echo of what was sent.

use crate::common::{TestApp, Who, World};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

async fn refused(
    app: &TestApp,
    who: &Who,
    method: Method,
    path: &str,
    body: Value,
    status: StatusCode,
    code: &str,
) -> Value {
    let r = app.api(method.clone(), path, who, Some(body.clone())).await;
    assert_eq!(r.status, status, "{method} {path} {body}: {}", r.text());
    assert_eq!(r.error_code(), code, "{method} {path} {body}");
    let err = r.json()["error"].clone();
    assert!(!err["message"].as_str().unwrap_or("").is_empty());
    err
}

const SECRET_ID: &str = "131052-308T";

on_both!(
    bad_input_on_areas_is_refused_and_writes_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let before = (app.count("areas").await, app.count("audit_log").await);
        let bad = StatusCode::BAD_REQUEST;
        let e = refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({}),
            bad,
            "required",
        )
        .await;
        assert_eq!(e["field"], "name");
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "   "}),
            bad,
            "required",
        )
        .await;
        let e = refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "x".repeat(201)}),
            bad,
            "too_long",
        )
        .await;
        assert!(e["message"].as_str().unwrap().contains("200"));
        let e = refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": 5}),
            bad,
            "malformed_body",
        )
        .await;
        assert!(e["message"].as_str().unwrap().contains("name"));
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Lappi", "colour": "red"}),
            bad,
            "malformed_body",
        )
        .await;
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Lappi", "trial_ends": "2026-02-30"}),
            bad,
            "not_a_date",
        )
        .await;
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Lappi", "local_only": "maybe"}),
            bad,
            "malformed_body",
        )
        .await;
        let e = refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Lappi", "municipality_codes": ["91"]}),
            bad,
            "invalid_municipality",
        )
        .await;
        assert!(
            e["message"].as_str().unwrap().contains("Joensuu"),
            "an example of a name"
        );
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Lappi", "brochure_languages": ["de"]}),
            bad,
            "invalid_choice",
        )
        .await;
        refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "Area A"}),
            StatusCode::CONFLICT,
            "area_name_taken",
        )
        .await;
        // Several wrong fields are all reported at once.
        let e = refused(
            &app,
            &w.admin,
            Method::POST,
            "/api/v1/areas",
            json!({"name": "", "trial_ends": "soon"}),
            bad,
            "required",
        )
        .await;
        assert_eq!(e["errors"].as_array().unwrap().len(), 2);
        refused(
            &app,
            &w.admin,
            Method::PUT,
            "/api/v1/areas/999999",
            json!({"name": "Lappi"}),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        assert_eq!(
            (app.count("areas").await, app.count("audit_log").await),
            before
        );
    }
);

on_both!(
    r_card_5_identity_code_in_free_text_is_refused_and_not_echoed,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let venues = app.count("venues").await;
        let path = format!("/api/v1/areas/{}/venues", w.a);
        for field in ["name", "restrictions", "accessibility", "address"] {
            let mut body = json!({"name": "Kino", "sector": "cinema"});
            body[field] = json!(format!("asiakas {SECRET_ID} tuli"));
            let r = app.api(Method::POST, &path, &w.coord_a, Some(body)).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(r.error_code(), "identity_code");
            assert_eq!(r.json()["error"]["rule"], "R-CARD-5");
            assert_eq!(r.json()["error"]["field"], field);
            assert!(!r.text().contains(SECRET_ID), "the code is never echoed");
        }
        // Wrong types must not echo the value either.
        let r = app
            .api(
                Method::POST,
                &path,
                &w.coord_a,
                Some(json!({"name": ["Kino", SECRET_ID], "sector": "cinema"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!r.text().contains(SECRET_ID));
        // Through the screen as well, and the form does not keep the code in the page's message.
        let r = app
            .form(
                &format!("/areas/{}/venues", w.a),
                &w.coord_a,
                &[
                    ("name", "Kino"),
                    ("sector", "cinema"),
                    ("restrictions", SECRET_ID),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.text().contains("henkilötunnus"));
        assert_eq!(app.count("venues").await, venues);
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.admin, None)
            .await
            .text();
        assert!(!log.contains(SECRET_ID));
    }
);

on_both!(
    bad_input_on_points_venues_accounts_tokens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let bad = StatusCode::BAD_REQUEST;
        let counts = async || {
            (
                app.count("distribution_points").await,
                app.count("venues").await,
                app.count("accounts").await,
                app.count("grants").await,
                app.count("api_tokens").await,
            )
        };
        let before = counts().await;
        let points = format!("/api/v1/areas/{}/distribution-points", w.a);
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &points,
            json!({"name": "X", "type": "shop"}),
            bad,
            "invalid_choice",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &points,
            json!({"name": "Point A", "type": "ngo"}),
            StatusCode::CONFLICT,
            "point_name_taken",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            "/api/v1/areas/999999/distribution-points",
            json!({"name": "X", "type": "ngo"}),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        let venues = format!("/api/v1/areas/{}/venues", w.a);
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "theatre", "sales_channels": ["web_shop"]}),
            bad,
            "invalid_choice",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "opera"}),
            bad,
            "invalid_choice",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "theatre", "website": "hilla.fi"}),
            bad,
            "invalid_url",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "theatre", "contact_email": "kassa"}),
            bad,
            "invalid_email",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "theatre", "contact_phone": "soita"}),
            bad,
            "invalid_phone",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &venues,
            json!({"name": "X", "sector": "theatre", "free_cloakroom": 3}),
            bad,
            "malformed_body",
        )
        .await;
        let accounts = "/api/v1/accounts";
        let grant = json!([{"role": "issuer", "distribution_point": w.pa}]);
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "a b", "password": "long enough pass", "grants": grant}),
            bad,
            "invalid_username",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "anna", "password": "short", "grants": grant}),
            bad,
            "password_too_short",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "anna", "password": "long enough pass", "grants": []}),
            bad,
            "required",
        )
        .await;
        refused(&app, &w.coord_a, Method::POST, accounts, json!({"username": "anna", "password": "long enough pass", "grants": [{"role": "king"}]}), bad, "invalid_choice").await;
        refused(&app, &w.coord_a, Method::POST, accounts, json!({"username": "anna", "password": "long enough pass", "grants": [{"role": "issuer"}]}), bad, "required").await;
        refused(&app, &w.coord_a, Method::POST, accounts, json!({"username": "anna", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": 999999}]}), StatusCode::BAD_REQUEST, "invalid_choice").await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "issuer_a", "password": "long enough pass", "grants": grant}),
            StatusCode::CONFLICT,
            "username_taken",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "anna", "password": "long enough pass", "grants": "issuer"}),
            bad,
            "malformed_body",
        )
        .await;
        // One refused grant among good ones: the account is not created at all.
        let mixed = json!([{"role": "issuer", "distribution_point": w.pa}, {"role": "issuer", "distribution_point": w.pb}]);
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            accounts,
            json!({"username": "anna", "password": "long enough pass", "grants": mixed}),
            StatusCode::BAD_REQUEST,
            "invalid_choice",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::POST,
            &format!("/api/v1/venues/{}/api-tokens", w.va),
            json!({"name": ""}),
            bad,
            "required",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::PUT,
            &format!("/api/v1/accounts/{}/password", w.issuer_a_id),
            json!({"password": "short"}),
            bad,
            "password_too_short",
        )
        .await;
        refused(
            &app,
            &w.coord_a,
            Method::PUT,
            &format!("/api/v1/accounts/{}/active", w.issuer_a_id),
            json!({"active": "perhaps"}),
            bad,
            "malformed_body",
        )
        .await;
        assert_eq!(counts().await, before);
    }
);

on_both!(
    malformed_requests_get_clear_errors_never_500,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let raw = |method: &str, path: &str, ct: &str, body: Vec<u8>| {
            let Who::Cookie(c) = &w.admin else {
                unreachable!()
            };
            Request::builder()
                .method(method)
                .uri(path)
                .header(header::COOKIE, format!("kaiku_session={c}"))
                .header(header::CONTENT_TYPE, ct)
                .header(header::ACCEPT_LANGUAGE, "sv-FI, sv;q=0.9")
                .body(Body::from(body))
                .unwrap()
        };
        let r = app
            .send(raw(
                "POST",
                "/api/v1/areas",
                "application/json",
                b"{".to_vec(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "malformed_body");
        let big = format!("{{\"name\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
        let r = app
            .send(raw(
                "POST",
                "/api/v1/areas",
                "application/json",
                big.into_bytes(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(r.error_code(), "payload_too_large");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("för stora"),
            "Swedish: {}",
            r.text()
        );
        let r = app
            .send(raw(
                "DELETE",
                "/api/v1/areas",
                "application/json",
                b"{}".to_vec(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(r.error_code(), "method_not_allowed");
        let r = app
            .send(raw(
                "GET",
                "/api/v1/no-such-thing",
                "application/json",
                vec![],
            ))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(
            r.json()["error"]["message"],
            "Sidan eller posten hittades inte. Kontrollera adressen."
        );
        for path in [
            "/api/v1/areas/abc",
            "/api/v1/areas/999999",
            "/api/v1/venues/-1",
            "/api/v1/accounts/99999999999999999999",
        ] {
            let r = app.api(Method::GET, path, &w.admin, None).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        // A big form post on a screen is refused with a page, not a crash.
        let body = format!("csrf=x&name={}", "x".repeat(2 * 1024 * 1024));
        let r = app
            .send(raw(
                "POST",
                "/areas",
                "application/x-www-form-urlencoded",
                body.into_bytes(),
            ))
            .await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(r.text().contains("<html lang=\"sv\">"));
    }
);

on_both!(
    messages_follow_the_request_language,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let Who::Cookie(c) = &w.admin else {
            unreachable!()
        };
        let mut seen = vec![];
        for lang in ["fi", "sv", "en", "de"] {
            let req = Request::post("/api/v1/areas")
                .header(header::COOKIE, format!("kaiku_session={c}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, lang)
                .body(Body::from("{}"))
                .unwrap();
            seen.push(
                app.send(req).await.json()["error"]["message"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
        }
        assert_eq!(seen[0], "Nimi: tieto puuttuu.");
        assert_eq!(seen[1], "Namn: uppgiften saknas.");
        assert_eq!(seen[2], "Name: this is missing.");
        assert_eq!(
            seen[3], seen[0],
            "an unknown language falls back to Finnish"
        );
    }
);

// R-PRIV-1: whatever a person typed, an error names the field, never the value.
on_both!(
    r_priv_1_errors_never_echo_what_was_sent,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let secret = "Matti Meikäläinen 131052-308T";
        let tries = [
            (
                Method::POST,
                "/api/v1/login".to_string(),
                json!({"username": secret, "password": secret}),
            ),
            (
                Method::POST,
                "/api/v1/areas".to_string(),
                json!({"name": secret}),
            ),
            (
                Method::POST,
                "/api/v1/areas".to_string(),
                json!({"name": [secret]}),
            ),
            (
                Method::POST,
                format!("/api/v1/areas/{}/venues", w.a),
                json!({"name": "X", "sector": secret}),
            ),
            (
                Method::POST,
                "/api/v1/accounts".to_string(),
                json!({"username": secret, "password": "long enough pass", "grants": []}),
            ),
            (
                Method::POST,
                format!("/api/v1/venues/{}/api-tokens", w.va),
                json!({"name": secret}),
            ),
            (
                Method::POST,
                "/api/v1/me/password".to_string(),
                json!({"current_password": secret, "new_password": secret}),
            ),
        ];
        for (method, path, body) in tries {
            let r = app.api(method.clone(), &path, &w.admin, Some(body)).await;
            assert!(r.status.is_client_error(), "{method} {path}: {}", r.status);
            assert!(
                !r.text().contains("Meikäläinen") && !r.text().contains("131052"),
                "{method} {path} echoed: {}",
                r.text()
            );
        }
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.admin, None)
            .await
            .text();
        assert!(!log.contains("Meikäläinen") && !log.contains("131052"));
        // Nor is it kept for login throttling: only a hash of the typed name is.
        let stored: Vec<String> = app
            .store
            .read(|c| {
                use diesel::prelude::*;
                kaiku_store::schema::login_failures::table
                    .select(kaiku_store::schema::login_failures::username)
                    .load::<String>(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        assert!(!stored.is_empty());
        assert!(stored.iter().all(|u| u.len() == 64 && !u.contains("meik")));
    }
);
