//! Login, logout, throttling, sessions, CSRF and the JSON-only rule.

use crate::common::{PASSWORD, TestApp, Who, World, hidden};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::json;

async fn try_login(app: &TestApp, user: &str, password: &str, from: &str) -> crate::common::Resp {
    let req = Request::post("/api/v1/login")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", from)
        .body(Body::from(
            json!({"username": user, "password": password}).to_string(),
        ))
        .unwrap();
    app.send(req).await
}

on_both!(
    login_wrong_password_and_unknown_user_are_refused_alike,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        World::new(&app).await;
        let sessions = app.count("sessions").await;
        let wrong = try_login(&app, "coord_a", "not the password", "192.0.2.7").await;
        let unknown = try_login(&app, "nobody_here", "not the password", "192.0.2.7").await;
        for r in [&wrong, &unknown] {
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
            assert_eq!(r.error_code(), "bad_credentials");
            assert!(r.session_cookie().is_none());
        }
        assert_eq!(
            wrong.json()["error"]["message"],
            unknown.json()["error"]["message"]
        );
        assert_eq!(app.count("sessions").await, sessions);
        // The name is not case-sensitive, the password is.
        assert_eq!(
            try_login(&app, "COORD_A", PASSWORD, "192.0.2.7")
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            try_login(&app, "coord_a", &PASSWORD.to_uppercase(), "192.0.2.7")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
);

on_both!(
    r_sec_2_guesses_from_elsewhere_never_lock_out_the_rightful_user,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        World::new(&app).await;
        for _ in 0..5 {
            let r = try_login(&app, "coord_a", "guess", "198.51.100.1").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        // The address that guessed waits, even with the right password.
        let r = try_login(&app, "coord_a", PASSWORD, "198.51.100.1").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.error_code(), "too_many_attempts");
        let minutes = r.json()["error"]["retry_after_minutes"].as_i64().unwrap();
        assert!((1..=15).contains(&minutes));
        assert_eq!(
            r.headers[header::RETRY_AFTER],
            (minutes * 60).to_string().as_str()
        );
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&format!("{minutes} minuutin"))
        );
        // The rightful user elsewhere gets in (after a short delay).
        let r = try_login(&app, "coord_a", PASSWORD, "203.0.113.9").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        // Other accounts are not affected, not even from the guessing address.
        assert_eq!(
            try_login(&app, "issuer_a", PASSWORD, "198.51.100.1")
                .await
                .status,
            StatusCode::OK
        );
    }
);

on_both!(
    r_sec_2_an_address_is_locked_only_for_names_that_failed_from_it,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        World::new(&app).await;
        for i in 0..20 {
            let r = try_login(&app, &format!("guess{i}"), "guess", "198.51.100.200").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        // A name that never failed from that office still gets in there.
        assert_eq!(
            try_login(&app, "issuer_a", PASSWORD, "198.51.100.200")
                .await
                .status,
            StatusCode::OK
        );
        // One that failed there waits.
        let r = try_login(&app, "coord_a", "typo", "198.51.100.200").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            try_login(&app, "coord_a", PASSWORD, "198.51.100.200")
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
);

on_both!(
    r_sec_2_the_coordinator_sees_and_lifts_locks_and_a_reset_clears_them,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        for _ in 0..5 {
            try_login(&app, "issuer_a", "guess", "198.51.100.7").await;
        }
        assert_eq!(
            try_login(&app, "issuer_a", PASSWORD, "198.51.100.7")
                .await
                .status,
            StatusCode::TOO_MANY_REQUESTS
        );
        let path = format!("/api/v1/accounts/{}/login-failures", w.issuer_a_id);
        let seen = app.api(Method::GET, &path, &w.coord_a, None).await;
        assert_eq!(seen.status, StatusCode::OK, "{}", seen.text());
        assert_eq!(seen.json()["recent"], 5);
        assert_eq!(
            seen.json()["addresses"],
            json!([{"address": "198.51.100.7", "failures": 5, "locked": true}])
        );
        // The lock is in the area's log; another area's coordinator cannot
        // see the account, the national admin does not hold its keys.
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "login.locked" && e["record_id"] == w.issuer_a_id)
        );
        assert_eq!(
            app.api(Method::GET, &path, &w.coord_b, None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(Method::DELETE, &path, &w.coord_b, None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.api(Method::DELETE, &path, &w.admin, None).await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(
            app.api(Method::DELETE, &path, &w.issuer_a, None)
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // The screen shows it with the button that lifts it.
        let page = app
            .get(&format!("/accounts/{}", w.issuer_a_id), &w.coord_a)
            .await
            .text();
        assert!(page.contains("198.51.100.7"), "{page}");
        let r = app
            .form(
                &format!("/accounts/{}/unlock", w.issuer_a_id),
                &w.coord_a,
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(
            app.api(Method::GET, &path, &w.coord_a, None).await.json()["recent"],
            0
        );
        assert_eq!(
            try_login(&app, "issuer_a", PASSWORD, "198.51.100.7")
                .await
                .status,
            StatusCode::OK
        );
        // Locked again, then a new password set by the coordinator lifts it.
        for _ in 0..5 {
            try_login(&app, "issuer_a", "guess", "198.51.100.7").await;
        }
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{}/password", w.issuer_a_id),
                &w.coord_a,
                Some(json!({"password": "a fresh harbour lantern 77"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        assert_eq!(
            try_login(
                &app,
                "issuer_a",
                "a fresh harbour lantern 77",
                "198.51.100.7"
            )
            .await
            .status,
            StatusCode::OK
        );
    }
);

on_both!(session_is_invalid_after_logout, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &w.coord_a, None)
            .await
            .status,
        StatusCode::OK
    );
    let r = app
        .api(Method::POST, "/api/v1/logout", &w.coord_a, Some(json!({})))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &w.coord_a, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // The same through the screens: the logout form, then the old cookie is nobody.
    let r = app.form("/logout", &w.issuer_a, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login");
    let again = app.get("/account", &w.issuer_a).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(again.location().starts_with("/login"));
});

on_both!(
    csrf_token_missing_or_wrong_changes_nothing,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let areas = app.count("areas").await;
        let missing = app.form_raw("/areas", &w.admin, &[("name", "Lappi")]).await;
        let wrong = app
            .form_raw("/areas", &w.admin, &[("csrf", "forged"), ("name", "Lappi")])
            .await;
        for r in [missing, wrong] {
            assert_eq!(r.status, StatusCode::FORBIDDEN);
            assert!(r.text().contains("Lomake on vanhentunut"), "{}", r.text());
        }
        assert_eq!(app.count("areas").await, areas);
        // Another user's token does not do either.
        let other = app.csrf(&w.coord_a).await;
        let r = app
            .form_raw(
                "/areas",
                &w.admin,
                &[("csrf", other.as_str()), ("name", "Lappi")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let ok = app.form("/areas", &w.admin, &[("name", "Lappi")]).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
        assert_eq!(app.count("areas").await, areas + 1);
    }
);

on_both!(login_form_needs_its_csrf_cookie, |db: TestDb| async move {
    let app = TestApp::new(db);
    World::new(&app).await;
    let page = app.get("/login", &Who::Anon).await;
    let cookie = page.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("kaiku_csrf=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
    );
    let token = hidden(&page.text(), "csrf").unwrap();
    let post = |cookie: Option<String>, token: &str| {
        let body = serde_html_form::to_string([
            ("csrf", token),
            ("username", "coord_a"),
            ("password", PASSWORD),
        ])
        .unwrap();
        let mut b = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::from(body)).unwrap()
    };
    let jar = format!("kaiku_csrf={token}");
    assert_eq!(
        app.send(post(None, &token)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(post(Some(jar.clone()), "forged")).await.status,
        StatusCode::FORBIDDEN
    );
    let ok = app.send(post(Some(jar), &token)).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let set = ok.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
});

on_both!(
    api_write_on_session_cookie_must_be_json,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let areas = app.count("areas").await;
        let Who::Cookie(c) = &w.admin else {
            unreachable!()
        };
        for ct in [
            "application/x-www-form-urlencoded",
            "text/plain",
            "multipart/form-data; boundary=x",
        ] {
            let req = Request::post("/api/v1/areas")
                .header(header::COOKIE, format!("kaiku_session={c}"))
                .header(header::CONTENT_TYPE, ct)
                .body(Body::from("name=Lappi"))
                .unwrap();
            let r = app.send(req).await;
            assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct}");
            assert_eq!(r.error_code(), "unsupported_media_type");
        }
        // A bodiless write (logout) on the cookie alone is refused too.
        let req = Request::post("/api/v1/logout")
            .header(header::COOKIE, format!("kaiku_session={c}"))
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            app.send(req).await.status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &w.admin, None)
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(app.count("areas").await, areas);
    }
);

on_both!(
    r_sec_8_secure_cookies_by_default_with_hsts,
    |db: TestDb| async move {
        let store = kaiku_store::Store::open(&db.url).unwrap();
        let router = kaiku_web::router(store.clone(), kaiku_web::Config::default());
        let req = Request::get("/login").body(Body::empty()).unwrap();
        let res = tower::ServiceExt::oneshot(router, req).await.unwrap();
        let cookie = res.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.contains("; Secure"), "{cookie}");
        // The login form's CSRF cookie is host-only as the session's is.
        assert!(cookie.starts_with("__Host-kaiku_csrf="), "{cookie}");
        assert_eq!(
            res.headers()["strict-transport-security"],
            "max-age=31536000"
        );
        assert_eq!(
            kaiku_web::Config::default().session_cookie(),
            "__Host-kaiku_session"
        );
        // Served as plain HTTP (on a developer's machine), no HSTS is sent: it
        // would stick to the host name for a year.
        let plain = kaiku_web::Config {
            secure_cookies: false,
            ..kaiku_web::Config::default()
        };
        let req = Request::get("/login").body(Body::empty()).unwrap();
        let res = tower::ServiceExt::oneshot(kaiku_web::router(store, plain), req)
            .await
            .unwrap();
        assert!(!res.headers().contains_key("strict-transport-security"));
    }
);

on_both!(own_password_change, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = World::new(&app).await;
    let second = app.login("issuer_a").await;
    let body =
        |current: &str, new: &str| Some(json!({"current_password": current, "new_password": new}));
    let r = app
        .api(
            Method::POST,
            "/api/v1/me/password",
            &w.issuer_a,
            body("wrong one", "a brand new password"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "current_password_wrong");
    let r = app
        .api(
            Method::POST,
            "/api/v1/me/password",
            &w.issuer_a,
            body(PASSWORD, "short"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "password_too_short");
    let r = app
        .api(
            Method::POST,
            "/api/v1/me/password",
            &w.issuer_a,
            body(PASSWORD, "a brand new password"),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    // This session lives on; the other one ended; the old password is gone.
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &w.issuer_a, None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", &second, None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        try_login(&app, "issuer_a", PASSWORD, "192.0.2.50")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        try_login(&app, "issuer_a", "a brand new password", "192.0.2.50")
            .await
            .status,
        StatusCode::OK
    );
});

on_both!(
    deactivated_account_is_logged_out_and_cannot_log_in,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{}/active", w.issuer_a_id),
                &w.coord_a,
                Some(json!({"active": false})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["active"], false);
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &w.issuer_a, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            try_login(&app, "issuer_a", PASSWORD, "192.0.2.60")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        let own = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{}/active", w.coord_a_id),
                &w.coord_a,
                Some(json!({"active": false})),
            )
            .await;
        assert_eq!(own.status, StatusCode::CONFLICT);
    }
);
