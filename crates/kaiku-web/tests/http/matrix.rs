//! R-AUTH-1 as a matrix: every role × every endpoint × own scope, other scope
//! and no login, through the JSON API and the HTML screens.

use crate::common::{TestApp, Who, World};
use axum::http::{Method, StatusCode};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, PartialEq)]
enum C {
    Admin,
    CoordA,
    IssuerA,
    StaffA,
    TokenA,
}

const EVERYONE: &[C] = &[C::Admin, C::CoordA, C::IssuerA, C::StaffA, C::TokenA];
const PEOPLE: &[C] = &[C::Admin, C::CoordA, C::IssuerA, C::StaffA];
const MANAGERS: &[C] = &[C::Admin, C::CoordA];
const ADMIN: &[C] = &[C::Admin];

fn who(w: &World, c: C) -> &Who {
    match c {
        C::Admin => &w.admin,
        C::CoordA => &w.coord_a,
        C::IssuerA => &w.issuer_a,
        C::StaffA => &w.staff_a,
        C::TokenA => &w.token_a,
    }
}

async fn check(
    app: &TestApp,
    w: &World,
    method: Method,
    path: &str,
    body: impl Fn(usize) -> Option<Value>,
    allowed: &[C],
) {
    let anon = app.api(method.clone(), path, &Who::Anon, body(0)).await;
    assert_eq!(
        anon.status,
        StatusCode::UNAUTHORIZED,
        "anonymous {method} {path}: {}",
        anon.text()
    );
    for (i, c) in [C::Admin, C::CoordA, C::IssuerA, C::StaffA, C::TokenA]
        .into_iter()
        .enumerate()
    {
        let r = app.api(method.clone(), path, who(w, c), body(i + 1)).await;
        if allowed.contains(&c) {
            assert!(
                r.status.is_success(),
                "{c:?} {method} {path} should be allowed: {} {}",
                r.status,
                r.text()
            );
        } else {
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "{c:?} {method} {path} should be refused: {}",
                r.text()
            );
            assert_eq!(r.json()["error"]["rule"], "R-AUTH-1");
        }
    }
}

fn none(_: usize) -> Option<Value> {
    None
}

fn area_body(i: usize) -> Option<Value> {
    Some(json!({"name": format!("New area {i}")}))
}

fn point_body(i: usize) -> Option<Value> {
    Some(json!({"name": format!("Point {i}"), "type": "ngo"}))
}

fn venue_body(i: usize) -> Option<Value> {
    Some(json!({"name": format!("Venue {i}"), "sector": "museum"}))
}

on_both!(r_auth_1_api_matrix_organisation, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    let (a, b) = (w.a, w.b);

    check(&app, &w, Method::GET, "/api/v1/areas", none, PEOPLE).await;
    check(&app, &w, Method::POST, "/api/v1/areas", area_body, ADMIN).await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/areas/{a}"),
        none,
        PEOPLE,
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/areas/{b}"),
        none,
        ADMIN,
    )
    .await;
    let keep_a = |_| Some(json!({"name": "Area A"}));
    check(
        &app,
        &w,
        Method::PUT,
        &format!("/api/v1/areas/{a}"),
        keep_a,
        ADMIN,
    )
    .await;

    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/areas/{a}/distribution-points"),
        none,
        PEOPLE,
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/areas/{b}/distribution-points"),
        none,
        ADMIN,
    )
    .await;
    check(
        &app,
        &w,
        Method::POST,
        &format!("/api/v1/areas/{a}/distribution-points"),
        point_body,
        MANAGERS,
    )
    .await;
    check(
        &app,
        &w,
        Method::POST,
        &format!("/api/v1/areas/{b}/distribution-points"),
        point_body,
        ADMIN,
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/distribution-points/{}", w.pa),
        none,
        &[C::Admin, C::CoordA, C::IssuerA],
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/distribution-points/{}", w.pb),
        none,
        ADMIN,
    )
    .await;
    let keep_pa = |_| Some(json!({"name": "Point A", "type": "ngo"}));
    check(
        &app,
        &w,
        Method::PUT,
        &format!("/api/v1/distribution-points/{}", w.pa),
        keep_pa,
        MANAGERS,
    )
    .await;
    let keep_pb = |_| Some(json!({"name": "Point B", "type": "ngo"}));
    check(
        &app,
        &w,
        Method::PUT,
        &format!("/api/v1/distribution-points/{}", w.pb),
        keep_pb,
        ADMIN,
    )
    .await;

    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/areas/{a}/venues"),
        none,
        PEOPLE,
    )
    .await;
    check(
        &app,
        &w,
        Method::POST,
        &format!("/api/v1/areas/{a}/venues"),
        venue_body,
        MANAGERS,
    )
    .await;
    check(
        &app,
        &w,
        Method::POST,
        &format!("/api/v1/areas/{b}/venues"),
        venue_body,
        ADMIN,
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/venues/{}", w.va),
        none,
        &[C::Admin, C::CoordA, C::StaffA],
    )
    .await;
    check(
        &app,
        &w,
        Method::GET,
        &format!("/api/v1/venues/{}", w.vb),
        none,
        ADMIN,
    )
    .await;
    let keep_va = |_| Some(json!({"name": "Venue A", "sector": "theatre"}));
    // Venue staff keep their own venue's profile (issue 4); tokens never.
    check(
        &app,
        &w,
        Method::PUT,
        &format!("/api/v1/venues/{}", w.va),
        keep_va,
        &[C::Admin, C::CoordA, C::StaffA],
    )
    .await;
    let keep_vb = |_| Some(json!({"name": "Venue B", "sector": "theatre"}));
    check(
        &app,
        &w,
        Method::PUT,
        &format!("/api/v1/venues/{}", w.vb),
        keep_vb,
        ADMIN,
    )
    .await;
});

on_both!(
    r_auth_1_api_matrix_accounts_tokens_audit,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let (pa, pb, va, vb) = (w.pa, w.pb, w.va, w.vb);

        check(&app, &w, Method::GET, "/api/v1/me", none, EVERYONE).await;
        check(&app, &w, Method::GET, "/api/v1/accounts", none, MANAGERS).await;
        let issuer_at = |point: i64| {
            move |i: usize| {
                Some(
                    json!({"username": format!("new_{point}_{i}"), "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": point}]}),
                )
            }
        };
        check(
            &app,
            &w,
            Method::POST,
            "/api/v1/accounts",
            issuer_at(pa),
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::POST,
            "/api/v1/accounts",
            issuer_at(pb),
            ADMIN,
        )
        .await;
        let new_admin = |i: usize| {
            Some(
                json!({"username": format!("adm_{i}"), "password": "long enough pass", "grants": [{"role": "national_admin"}]}),
            )
        };
        check(&app, &w, Method::POST, "/api/v1/accounts", new_admin, ADMIN).await;

        // A colleague of issuer_a whom the tests may reset and re-grant freely.
        let target = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                issuer_at(pa)(99),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        check(
            &app,
            &w,
            Method::GET,
            &format!("/api/v1/accounts/{target}"),
            none,
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::GET,
            &format!("/api/v1/accounts/{}", w.issuer_b_id),
            none,
            ADMIN,
        )
        .await;
        let reset = |_| Some(json!({"password": "another long pass"}));
        check(
            &app,
            &w,
            Method::PUT,
            &format!("/api/v1/accounts/{target}/password"),
            reset,
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::PUT,
            &format!("/api/v1/accounts/{}/password", w.issuer_b_id),
            reset,
            ADMIN,
        )
        .await;
        let active = |_| Some(json!({"active": true}));
        check(
            &app,
            &w,
            Method::PUT,
            &format!("/api/v1/accounts/{target}/active"),
            active,
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::PUT,
            &format!("/api/v1/accounts/{}/active", w.issuer_b_id),
            active,
            ADMIN,
        )
        .await;
        let venue_grant =
            |venue: i64| move |_| Some(json!({"role": "venue_staff", "venue": venue}));
        // Adding the same grant twice is a conflict, not a success: use a fresh account per caller.
        for (c, venue, ok) in [
            (C::Admin, vb, true),
            (C::CoordA, va, true),
            (C::CoordA, vb, false),
            (C::IssuerA, va, false),
            (C::StaffA, va, false),
            (C::TokenA, va, false),
        ] {
            let fresh = app
                .api(
                    Method::POST,
                    "/api/v1/accounts",
                    &w.admin,
                    issuer_at(pa)(1000 + venue as usize + c as usize * 10),
                )
                .await
                .json()["id"]
                .as_i64()
                .unwrap();
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/accounts/{fresh}/grants"),
                    who(&w, c),
                    venue_grant(venue)(0),
                )
                .await;
            assert_eq!(
                r.status.is_success(),
                ok,
                "{c:?} add venue {venue} grant: {}",
                r.text()
            );
            if ok {
                let grant = r.json()["grants"][1]["id"].as_i64().unwrap();
                for (d, allowed) in [
                    (C::IssuerA, false),
                    (C::StaffA, false),
                    (C::TokenA, false),
                    (c, true),
                ] {
                    let r = app
                        .api(
                            Method::DELETE,
                            &format!("/api/v1/accounts/{fresh}/grants/{grant}"),
                            who(&w, d),
                            None,
                        )
                        .await;
                    assert_eq!(
                        r.status.is_success(),
                        allowed,
                        "{d:?} remove grant: {}",
                        r.text()
                    );
                }
            }
        }

        check(
            &app,
            &w,
            Method::GET,
            &format!("/api/v1/venues/{va}/api-tokens"),
            none,
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::GET,
            &format!("/api/v1/venues/{vb}/api-tokens"),
            none,
            ADMIN,
        )
        .await;
        let token = |i: usize| Some(json!({"name": format!("system {i}")}));
        check(
            &app,
            &w,
            Method::POST,
            &format!("/api/v1/venues/{va}/api-tokens"),
            token,
            MANAGERS,
        )
        .await;
        check(
            &app,
            &w,
            Method::DELETE,
            &format!("/api/v1/api-tokens/{}", w.token_b_id),
            none,
            ADMIN,
        )
        .await;

        check(&app, &w, Method::GET, "/api/v1/audit-log", none, MANAGERS).await;
        let pw = |_| {
            Some(
                json!({"current_password": crate::common::PASSWORD, "new_password": crate::common::PASSWORD}),
            )
        };
        check(&app, &w, Method::POST, "/api/v1/me/password", pw, PEOPLE).await;
    }
);

on_both!(r_auth_1_html_screens_matrix, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    let cases: Vec<(String, &[C])> = vec![
        ("/areas".into(), PEOPLE),
        (format!("/areas/{}", w.a), PEOPLE),
        (format!("/areas/{}", w.b), ADMIN),
        ("/areas/new".into(), ADMIN),
        (format!("/areas/{}/edit", w.a), ADMIN),
        (format!("/areas/{}/points/new", w.a), MANAGERS),
        (format!("/areas/{}/venues/new", w.b), ADMIN),
        (
            format!("/points/{}", w.pa),
            &[C::Admin, C::CoordA, C::IssuerA],
        ),
        (
            format!("/venues/{}", w.va),
            &[C::Admin, C::CoordA, C::StaffA],
        ),
        (format!("/venues/{}", w.vb), ADMIN),
        (format!("/venues/{}/tokens", w.va), MANAGERS),
        ("/accounts".into(), MANAGERS),
        ("/accounts/new".into(), MANAGERS),
        (
            format!("/accounts/{}", w.issuer_a_id),
            &[C::Admin, C::CoordA, C::IssuerA],
        ),
        (format!("/accounts/{}", w.issuer_b_id), ADMIN),
        ("/audit".into(), MANAGERS),
        ("/account".into(), PEOPLE),
    ];
    for (path, allowed) in cases {
        let anon = app.get(&path, &Who::Anon).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER, "anonymous GET {path}");
        assert!(
            anon.location().starts_with("/login?next="),
            "{path}: {}",
            anon.location()
        );
        for c in [C::Admin, C::CoordA, C::IssuerA, C::StaffA] {
            let r = app.get(&path, who(&w, c)).await;
            if allowed.contains(&c) {
                assert_eq!(r.status, StatusCode::OK, "{c:?} GET {path}: {}", r.text());
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::FORBIDDEN,
                    "{c:?} GET {path} should be refused"
                );
                assert!(
                    r.text().contains("Sinulla ei ole oikeutta"),
                    "{c:?} {path}: refusal in plain Finnish"
                );
            }
        }
    }
});

on_both!(
    r_auth_2_venue_token_reaches_nothing_but_itself,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let me = app
            .api(Method::GET, "/api/v1/me", &w.token_a, None)
            .await
            .json();
        assert_eq!(me["grants"][0]["venue"], w.va);
        // A revoked token is no login at all.
        let created = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                Some(json!({"name": "old system"})),
            )
            .await
            .json();
        let secret = Who::Bearer(created["token"].as_str().unwrap().into());
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &secret, None)
                .await
                .status,
            StatusCode::OK
        );
        let r = app
            .api(
                Method::DELETE,
                &format!("/api/v1/api-tokens/{}", created["id"]),
                &w.coord_a,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &secret, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        // The listing never shows the secret, only that it exists.
        let list = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                None,
            )
            .await
            .text();
        assert!(!list.contains(created["token"].as_str().unwrap()));
        let stored: i64 = app.count("api_tokens").await;
        assert!(stored >= 3);
    }
);

on_both!(
    r_auth_4_every_write_is_audited_and_scoped,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/venues", w.a),
                &w.coord_a,
                Some(json!({"name": "Kino", "sector": "cinema"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let venue = r.json()["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/distribution-points", w.b),
                &w.admin,
                Some(json!({"name": "Diakonia", "type": "parish"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);

        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        let entries = log.as_array().unwrap();
        let created = entries
            .iter()
            .find(|e| e["action"] == "venue.create" && e["record_id"] == venue)
            .expect("venue.create logged");
        assert_eq!(created["actor"], "coord_a");
        assert!(created["at"].is_string());
        assert!(
            entries.iter().all(|e| e["area"] == w.a),
            "a coordinator sees only its own area's log"
        );

        let all = app
            .api(Method::GET, "/api/v1/audit-log", &w.admin, None)
            .await
            .json();
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "point.create" && e["area"] == w.b)
        );
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "api_token.create")
        );
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "session.login")
        );
    }
);
