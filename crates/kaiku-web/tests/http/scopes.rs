//! Each hole an attacker with a staff account found, as its own regression
//! test named after the rule that closes it (R-AUTH-5, R-AUTH-6, R-CARD-5),
//! and the first login that must begin with a password of one's own.

use crate::common::{TestApp, Who, World, transfer_form, with};
use axum::http::{Method, StatusCode};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

/// The common transfer form with this mother tongue.
fn form(mother_tongue: &str) -> Value {
    with(transfer_form(1), "mother_tongue", json!(mother_tongue))
}

async fn status(
    app: &TestApp,
    m: Method,
    path: &str,
    who: &Who,
    body: Option<Value>,
) -> StatusCode {
    app.api(m, path, who, body).await.status
}

/// The ids of an area-B account made by B's coordinator, and B's own
/// coordinator's account.
async fn b_accounts(app: &TestApp, w: &World) -> (i64, i64) {
    let r = app
        .api(
            Method::POST,
            "/api/v1/accounts",
            &w.coord_b,
            Some(json!({"username": "b_issuer", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": w.pb}]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    (r.json()["id"].as_i64().unwrap(), w.coord_b_id)
}

on_both!(
    r_auth_5_a_coordinator_grants_nothing_into_another_areas_account,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let (b_issuer, coord_b) = b_accounts(&app, &w).await;
        let admin_id = app
            .api(Method::GET, "/api/v1/me", &w.admin, None)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let in_a = json!({"role": "venue_staff", "venue": w.va});
        for target in [b_issuer, coord_b, admin_id] {
            // Not even a grant of its own area: the account is not its own
            // area's, so to it there is no such account.
            app.hidden_like_unknown(
                Method::POST,
                &format!("/api/v1/accounts/{target}/grants"),
                "/api/v1/accounts/999999/grants",
                &w.coord_a,
                Some(in_a.clone()),
            )
            .await;
        }
        let grants: i64 = app.count("grants").await;
        assert_eq!(
            app.api(
                Method::GET,
                &format!("/api/v1/accounts/{coord_b}"),
                &w.admin,
                None
            )
            .await
            .json()["grants"]
                .as_array()
                .unwrap()
                .len(),
            1,
            "B's coordinator still holds exactly its own grant"
        );
        assert_eq!(app.count("grants").await, grants);
    }
);

on_both!(
    r_auth_5_another_areas_accounts_and_their_grants_are_not_seen,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let (b_issuer, _) = b_accounts(&app, &w).await;
        app.hidden_like_unknown(
            Method::GET,
            &format!("/api/v1/accounts/{b_issuer}"),
            "/api/v1/accounts/999999",
            &w.coord_a,
            None,
        )
        .await;
        let list = app
            .api(Method::GET, "/api/v1/accounts", &w.coord_a, None)
            .await
            .text();
        assert!(
            !list.contains("b_issuer") && !list.contains("coord_b"),
            "{list}"
        );
        let grant = app
            .api(
                Method::GET,
                &format!("/api/v1/accounts/{b_issuer}"),
                &w.coord_b,
                None,
            )
            .await
            .json()["grants"][0]["id"]
            .as_i64()
            .unwrap();
        app.hidden_like_unknown(
            Method::DELETE,
            &format!("/api/v1/accounts/{b_issuer}/grants/{grant}"),
            &format!("/api/v1/accounts/{b_issuer}/grants/999999"),
            &w.coord_a,
            None,
        )
        .await;
    }
);

on_both!(
    r_auth_5_a_coordinator_cannot_lock_out_another_areas_coordinator,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let coord_b = w.coord_b_id;
        app.hidden_like_unknown(
            Method::PUT,
            &format!("/api/v1/accounts/{coord_b}/password"),
            "/api/v1/accounts/999999/password",
            &w.coord_a,
            Some(json!({"password": "taken over by a"})),
        )
        .await;
        app.hidden_like_unknown(
            Method::PUT,
            &format!("/api/v1/accounts/{coord_b}/active"),
            "/api/v1/accounts/999999/active",
            &w.coord_a,
            Some(json!({"active": false})),
        )
        .await;
        // B's coordinator still works, with its own password.
        assert_eq!(
            status(&app, Method::GET, "/api/v1/accounts", &w.coord_b, None).await,
            StatusCode::OK
        );
    }
);

on_both!(
    r_auth_5_an_account_stripped_of_its_grants_cannot_be_taken_over,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let (b_issuer, _) = b_accounts(&app, &w).await;
        let grant = app
            .api(
                Method::GET,
                &format!("/api/v1/accounts/{b_issuer}"),
                &w.coord_b,
                None,
            )
            .await
            .json()["grants"][0]["id"]
            .as_i64()
            .unwrap();
        assert_eq!(
            status(
                &app,
                Method::DELETE,
                &format!("/api/v1/accounts/{b_issuer}/grants/{grant}"),
                &w.coord_b,
                None
            )
            .await,
            StatusCode::OK
        );
        // Its home is still area B: A's coordinator may not set its password
        // (the account would be A's to use), nor give it a grant.
        app.hidden_like_unknown(
            Method::PUT,
            &format!("/api/v1/accounts/{b_issuer}/password"),
            "/api/v1/accounts/999999/password",
            &w.coord_a,
            Some(json!({"password": "taken over by a"})),
        )
        .await;
        let me = app
            .api(
                Method::GET,
                &format!("/api/v1/accounts/{b_issuer}"),
                &w.coord_b,
                None,
            )
            .await
            .json();
        assert_eq!(me["home_area"], w.b);
        assert!(me["grants"].as_array().unwrap().is_empty());
    }
);

on_both!(
    r_auth_5_nobody_gives_a_grant_to_their_own_account,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let admin_id = app
            .api(Method::GET, "/api/v1/me", &w.admin, None)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        for (who, id, grant) in [
            (
                &w.admin,
                admin_id,
                json!({"role": "area_coordinator", "area": w.a}),
            ),
            (
                &w.coord_a,
                w.coord_a_id,
                json!({"role": "venue_staff", "venue": w.va}),
            ),
        ] {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/accounts/{id}/grants"),
                    who,
                    Some(grant),
                )
                .await;
            assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
            assert_eq!(r.error_code(), "cannot_grant_own_account");
            assert_eq!(r.json()["error"]["rule"], "R-AUTH-5");
        }
        // Card codes stay out of the national admin's reach: no coordinator
        // grant slipped in.
        assert_eq!(
            status(
                &app,
                Method::GET,
                &format!("/api/v1/areas/{}/cards", w.a),
                &w.admin,
                None
            )
            .await,
            StatusCode::FORBIDDEN
        );
    }
);

on_both!(
    r_auth_5_a_national_admin_makes_no_venue_tokens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let tokens = app.count("api_tokens").await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.admin,
                Some(json!({"name": "reads card codes"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        assert_eq!(app.count("api_tokens").await, tokens);
        // The venue's own coordinator does.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                Some(json!({"name": "lipunmyynti"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
);

on_both!(
    r_auth_5_area_accounts_hold_grants_of_their_own_area_and_national_accounts_any,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        // A ticket agency selling for both areas is a national account.
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "lippupiste", "password": "long enough pass", "national": true, "grants": [{"role": "venue_staff", "venue": w.va}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let agency = r.json();
        assert!(agency["home_area"].is_null());
        let id = agency["id"].as_i64().unwrap();
        let add_vb = Some(json!({"role": "venue_staff", "venue": w.vb}));
        assert_eq!(
            status(
                &app,
                Method::POST,
                &format!("/api/v1/accounts/{id}/grants"),
                &w.admin,
                add_vb.clone()
            )
            .await,
            StatusCode::CREATED
        );
        // A's coordinator does not manage it.
        app.hidden_like_unknown(
            Method::GET,
            &format!("/api/v1/accounts/{id}"),
            "/api/v1/accounts/999999",
            &w.coord_a,
            None,
        )
        .await;
        // An area account takes no grant of another area, from anyone.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{}/grants", w.issuer_a_id),
                &w.admin,
                add_vb,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "grant_outside_home");
        // A coordinator makes no national account.
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.coord_a,
                Some(json!({"username": "kansallinen", "password": "long enough pass", "national": true, "grants": [{"role": "venue_staff", "venue": w.va}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    r_auth_6_a_venue_learns_nothing_of_another_venues_item,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_b, w.b, "F", 1..=10, &[]).await;
        let issuer_b = app.login("issuer_b").await;
        assert_eq!(
            status(
                &app,
                Method::POST,
                "/api/v1/cards/F1/issue",
                &issuer_b,
                Some(form("fi"))
            )
            .await,
            StatusCode::CREATED
        );
        let item = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/items", w.vb),
                &w.coord_b,
                Some(json!({"type": "event", "title": "B", "starts_at": format!("{}T19:00", chrono::Utc::now().date_naive() + chrono::Duration::days(3)), "capacity": 50})),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{item}/tickets"),
                &w.coord_b,
                Some(json!({"card_code": "F1"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        // Whether F1 holds a ticket at venue B's item: venue A's token, staff
        // and coordinator get the same answer as for an item that does not
        // exist, for a card with a ticket and one without.
        for who in [&w.token_a, &w.staff_a, &w.coord_a] {
            for card in ["F1", "F2"] {
                app.hidden_like_unknown(
                    Method::GET,
                    &format!("/api/v1/cards/{card}?item={item}"),
                    &format!("/api/v1/cards/{card}?item=999999"),
                    who,
                    None,
                )
                .await;
            }
        }
        // The plain lookup (R-AUTH-2) still answers, without any item.
        let plain = app
            .api(Method::GET, "/api/v1/cards/F1", &w.token_a, None)
            .await;
        assert_eq!(plain.status, StatusCode::OK);
        assert!(plain.json().get("item").is_none());
    }
);

on_both!(
    r_auth_6_a_renewing_issuer_sees_only_its_own_points_answers,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        // A second point of area A, and its issuer.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/distribution-points", w.a),
                &w.coord_a,
                Some(json!({"name": "Toinen piste", "type": "ngo"})),
            )
            .await;
        let pa2 = r.json()["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.coord_a,
                Some(json!({"username": "toinen", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": pa2}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let second = app.first_login("toinen", "long enough pass").await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=10, &[]).await;
        // Issued at point A, a year and more ago, with Swedish as mother tongue.
        let old = chrono::Utc::now().date_naive() - chrono::Duration::days(366);
        let mut first = form("sv");
        first["grant_date"] = json!(old.to_string());
        first["postal_code"] = json!("80220");
        assert_eq!(
            status(
                &app,
                Method::POST,
                "/api/v1/cards/E1/issue",
                &w.issuer_a,
                Some(first)
            )
            .await,
            StatusCode::CREATED
        );
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/E1/renew",
                &second,
                Some(form("fi")),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let rec = app
            .api(Method::GET, "/api/v1/cards/E1/record", &second, None)
            .await;
        assert_eq!(rec.status, StatusCode::OK, "{}", rec.text());
        let h = rec.json()["history"].clone();
        assert_eq!(h[0]["event"], "issued");
        for field in [
            "birth_year",
            "mother_tongue",
            "gender",
            "postal_code",
            "minor_children",
        ] {
            assert!(
                h[0][field].is_null(),
                "{field} of point A's grant: {}",
                h[0]
            );
        }
        assert_eq!(h[0]["life_situations"], json!([]));
        assert!(!rec.text().contains("80220") && !rec.text().contains("\"sv\""));
        assert_eq!(h[1]["event"], "renewed");
        assert_eq!(h[1]["mother_tongue"], "fi");
        // The area's coordinator sees both answers.
        let all = app
            .api(Method::GET, "/api/v1/cards/E1/record", &w.coord_a, None)
            .await
            .json();
        assert_eq!(all["history"][0]["mother_tongue"], "sv");
        assert_eq!(all["history"][0]["postal_code"], "80220");
    }
);

on_both!(
    r_card_5_a_username_holding_an_identity_code_is_refused,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let before = app.count("accounts").await;
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.coord_a,
                Some(json!({"username": "131052-308t", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": w.pa}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "identity_code");
        assert!(!r.text().contains("131052"), "never echoed: {}", r.text());
        assert_eq!(app.count("accounts").await, before);
    }
);

on_both!(
    r_auth_5_first_login_changes_the_password_before_anything_else,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.coord_a,
                Some(json!({"username": "uusi", "password": "set by coord", "grants": [{"role": "issuer", "distribution_point": w.pa}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        assert_eq!(r.json()["password_change_required"], true);
        let id = r.json()["id"].as_i64().unwrap();
        let who = app.login_with("uusi", "set by coord").await;
        let me = app.api(Method::GET, "/api/v1/me", &who, None).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json()["password_change_required"], true);
        for (m, path) in [
            (Method::GET, "/api/v1/areas".to_string()),
            (
                Method::GET,
                format!("/api/v1/distribution-points/{}/cards", w.pa),
            ),
            (Method::GET, "/api/v1/cards/E1".into()),
            (Method::POST, "/api/v1/cards/E1/issue".into()),
            (Method::GET, format!("/api/v1/accounts/{id}")),
        ] {
            let r = app.api(m.clone(), &path, &who, Some(form("fi"))).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{m} {path}");
            assert_eq!(r.error_code(), "password_change_required", "{m} {path}");
        }
        // A screen leads to the password form.
        let page = app.get("/cards", &who).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(page.location(), "/account");
        // The wrong current password changes nothing.
        let r = app
            .api(
                Method::POST,
                "/api/v1/me/password",
                &who,
                Some(json!({"current_password": "guess", "new_password": "my very own"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = app
            .api(
                Method::POST,
                "/api/v1/me/password",
                &who,
                Some(json!({"current_password": "set by coord", "new_password": "my very own"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        let me = app.api(Method::GET, "/api/v1/me", &who, None).await.json();
        assert_eq!(me["password_change_required"], false);
        assert_eq!(
            status(
                &app,
                Method::GET,
                &format!("/api/v1/distribution-points/{}/cards", w.pa),
                &who,
                None
            )
            .await,
            StatusCode::OK
        );
        // A reset by the coordinator asks for it again; a token is never asked.
        assert_eq!(
            status(
                &app,
                Method::PUT,
                &format!("/api/v1/accounts/{id}/password"),
                &w.coord_a,
                Some(json!({"password": "reset by coord"}))
            )
            .await,
            StatusCode::NO_CONTENT
        );
        let again = app.login_with("uusi", "reset by coord").await;
        assert_eq!(
            app.api(Method::GET, "/api/v1/areas", &again, None)
                .await
                .error_code(),
            "password_change_required"
        );
        assert_eq!(
            status(&app, Method::GET, "/api/v1/cards/E1", &w.token_a, None).await,
            StatusCode::NOT_FOUND,
            "a token is never asked to change anything (E1 is simply unknown here)"
        );
    }
);
