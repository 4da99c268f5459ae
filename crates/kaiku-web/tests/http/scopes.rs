//! Each hole an attacker with a staff account found, as its own regression
//! test named after the rule that closes it (R-AUTH-5, R-AUTH-6, R-CARD-5),
//! and the first login that must begin with a password of one's own.

use crate::common::{TestApp, Who, World, make_account_with, password_hash, transfer_form, with};
use axum::http::{Method, StatusCode};
use kaiku_core::grant::Grant;
use kaiku_core::policy;
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
        // An area account takes no grant of another area, from anyone: not
        // from a national admin, who holds no keys of an area's accounts,
        // and not from a coordinator of both areas.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{}/grants", w.issuer_a_id),
                &w.admin,
                add_vb.clone(),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "account_keys_at_home");
        let (a, b) = (w.a, w.b);
        app.store
            .write(move |c| {
                make_account_with(
                    c,
                    "kaksi_aluetta",
                    &password_hash(),
                    &[
                        Grant::AreaCoordinator { area: a },
                        Grant::AreaCoordinator { area: b },
                    ],
                )
            })
            .await
            .unwrap();
        let both = app.login("kaksi_aluetta").await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{}/grants", w.issuer_a_id),
                &both,
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
        // Any point of the card's area may renew it, on the screen as in
        // the API, without seeing the other point's answers.
        let page = app.get("/cards/E1/renew", &second).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(page.text().contains("action=\"/cards/E1/renew\""));
        assert!(!page.text().contains("80220"));
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
                Some(json!({"current_password": "guess", "new_password": "my very own harbour lantern"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = app
            .api(
                Method::POST,
                "/api/v1/me/password",
                &who,
                Some(json!({"current_password": "set by coord", "new_password": "my very own harbour lantern"})),
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

on_both!(
    r_auth_5_a_national_admin_holds_no_keys_of_an_areas_accounts,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let issuer = w.issuer_a_id;
        // Setting the password of an area's account would let the national
        // admin sign in with its card-reading grants: refused, and nothing
        // changes.
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{issuer}/password"),
                &w.admin,
                Some(json!({"password": "chosen by the admin"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "account_keys_at_home");
        app.login("issuer_a").await;
        // Nor may it give the account a grant.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{issuer}/grants"),
                &w.admin,
                Some(json!({"role": "venue_staff", "venue": w.va})),
            )
            .await;
        assert_eq!(r.error_code(), "account_keys_at_home");
        // It may switch the account off (that opens no door), not back on.
        let active = |on: bool| Some(json!({ "active": on }));
        let path = format!("/api/v1/accounts/{issuer}/active");
        let r = app.api(Method::PUT, &path, &w.admin, active(false)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let r = app.api(Method::PUT, &path, &w.admin, active(true)).await;
        assert_eq!(r.error_code(), "account_keys_at_home");
        let r = app.api(Method::PUT, &path, &w.coord_a, active(true)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        // The account's screen says who holds its keys and offers no reset.
        let page = app.get(&format!("/accounts/{issuer}"), &w.admin).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page
                .text()
                .contains(&format!("/accounts/{issuer}/password"))
        );
        assert!(
            !page
                .text()
                .contains(&format!("/accounts/{issuer}/grants\""))
        );
        let page = app.get(&format!("/accounts/{issuer}"), &w.coord_a).await;
        assert!(
            page.text()
                .contains(&format!("/accounts/{issuer}/password"))
        );
        // An account a national admin makes is the national service's, even
        // when all its grants lie in one area.
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "alueen_tunnus", "password": "long enough pass", "grants": [{"role": "area_coordinator", "area": w.a}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert!(r.json()["home_area"].is_null());
    }
);

on_both!(
    r_auth_5_a_national_admin_account_holds_no_grant_that_reads_card_codes,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let accounts_before = app.count("accounts").await;
        // Not when the account is made ...
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "paa_ja_kassa", "password": "long enough pass", "grants": [{"role": "venue_staff", "venue": w.va}, {"role": "national_admin"}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "national_admin_reads_no_cards");
        assert_eq!(app.count("accounts").await, accounts_before, "nothing kept");
        // ... nor through a second admin account giving the first one a
        // box office ...
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "toinen_paa", "password": "long enough pass", "grants": [{"role": "national_admin"}]})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let second = app.first_login("toinen_paa", "long enough pass").await;
        let admin_id = app
            .api(Method::GET, "/api/v1/me", &w.admin, None)
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        for g in [
            json!({"role": "venue_staff", "venue": w.va}),
            json!({"role": "issuer", "distribution_point": w.pa}),
        ] {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/accounts/{admin_id}/grants"),
                    &second,
                    Some(g),
                )
                .await;
            assert_eq!(r.error_code(), "national_admin_reads_no_cards");
        }
        // ... nor by making a box-office account a national admin.
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "lippupiste", "password": "long enough pass", "national": true, "grants": [{"role": "venue_staff", "venue": w.va}]})),
            )
            .await;
        let agency = r.json()["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{agency}/grants"),
                &w.admin,
                Some(json!({"role": "national_admin"})),
            )
            .await;
        assert_eq!(r.error_code(), "national_admin_reads_no_cards");
        // The admin still reads no card codes.
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}/usage-report", w.va),
                &w.admin,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A coordinator grant may sit beside national admin (the role table).
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/accounts/{admin_id}/grants"),
                &second,
                Some(json!({"role": "area_coordinator", "area": w.a})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
);

on_both!(
    r_auth_1_a_venues_contact_person_is_for_its_own_people,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/venues", w.a),
                &w.coord_a,
                Some(json!({"name": "Naapuri", "sector": "museum", "contact_name": "Naapurin Yhteyshenkilö", "contact_phone": "040 765 4321"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.va),
                &w.coord_a,
                Some(json!({"name": "Venue A", "sector": "theatre", "contact_name": "Oma Yhteyshenkilö"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let path = format!("/api/v1/areas/{}/venues", w.a);
        let seen = app.api(Method::GET, &path, &w.staff_a, None).await.text();
        assert!(seen.contains("Oma Yhteyshenkilö"), "{seen}");
        assert!(
            !seen.contains("Naapurin") && !seen.contains("765"),
            "{seen}"
        );
        for who in [&w.issuer_a] {
            let seen = app.api(Method::GET, &path, who, None).await.text();
            assert!(!seen.contains("Yhteyshenkilö"), "{seen}");
        }
        let seen = app.api(Method::GET, &path, &w.coord_a, None).await.text();
        assert!(seen.contains("Naapurin Yhteyshenkilö"));
    }
);

on_both!(
    r_auth_1_tokens_open_the_api_not_the_screens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .get(&format!("/venues/{}/box-office", w.va), &w.token_a)
            .await;
        assert!(
            r.status == StatusCode::SEE_OTHER && r.location().starts_with("/login"),
            "{} {}",
            r.status,
            r.location()
        );
        let r = app.api(Method::GET, "/api/v1/me", &w.token_a, None).await;
        assert_eq!(r.status, StatusCode::OK);
    }
);

/// The audit entries with this action, newest first, as the operator at
/// the machine reads the whole log.
async fn audited(app: &TestApp, _w: &World, action: &str) -> Vec<Value> {
    let action = action.to_string();
    app.store
        .read(move |c| {
            kaiku_store::audit::list(c, &kaiku_core::policy::AuditScope::All, None, 10_000)
        })
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| json!({"record_id": e.record_id, "area": e.area_id, "detail": e.detail}))
        .collect()
}

on_both!(
    r_auth_4_every_listing_of_raw_records_is_in_the_audit_log,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=10, &[(w.pa, 1..=10)]).await;
        crate::common::issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let day = crate::common::today() + chrono::Duration::days(1);
        let item = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/items", w.va),
                &w.staff_a,
                Some(json!({"type": "event", "title": "Konsertti", "starts_at": format!("{day}T19:00"), "capacity": 100, "class": "default"})),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let used = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{item}/tickets"),
                &w.staff_a,
                Some(json!({"card_code": "E1"})),
            )
            .await;
        assert_eq!(used.status, StatusCode::CREATED, "{}", used.text());
        let used = used.json();
        let ticket = used["tickets"][0]["id"].as_i64().unwrap();
        let use_id = used["use_id"].as_str().unwrap().to_string();
        let year = crate::common::today().format("%Y").to_string();
        let upload = TestApp::request(
            Method::POST,
            &format!("/api/v1/venues/{}/usage-imports", w.va),
            &w.staff_a,
        )
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(
            "Kortnummer;Vuxna;Barn;Föreställning;Datum\r\nE2;1;0;Konsertti;1.2.2020\r\n",
        ))
        .unwrap();
        let preview = app.send(upload).await;
        assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text());
        let import = preview.json()["id"].as_i64().unwrap();
        // Each listing, and the entry it must leave: who, what, which record.
        let listings: Vec<(&Who, String, &str, Value)> = vec![
            (
                &w.coord_a,
                format!("/api/v1/areas/{}/cards", w.a),
                "card.list",
                json!(w.a),
            ),
            (
                &w.coord_a,
                format!("/api/v1/areas/{}/cards?code=E", w.a),
                "card.list",
                json!(w.a),
            ),
            (
                &w.issuer_a,
                format!("/api/v1/distribution-points/{}/cards", w.pa),
                "card.list",
                json!(w.pa),
            ),
            (
                &w.staff_a,
                format!("/api/v1/tickets/{ticket}"),
                "ticket.view",
                json!(ticket),
            ),
            (
                &w.staff_a,
                format!("/api/v1/uses/{use_id}"),
                "use.view",
                json!(ticket),
            ),
            (
                &w.staff_a,
                format!("/api/v1/imports/{import}/refused-rows?format=csv"),
                "import.refused_rows",
                json!(import),
            ),
            (
                &w.coord_a,
                format!("/api/v1/imports/{import}/refused-rows?format=xlsx"),
                "import.refused_rows",
                json!(import),
            ),
            (
                &w.coord_a,
                format!("/api/v1/areas/{}/statistics?year={year}", w.a),
                "statistics.view",
                json!(w.a),
            ),
            (
                &w.coord_a,
                format!("/api/v1/areas/{}/statistics?year={year}&format=csv", w.a),
                "statistics.view",
                json!(w.a),
            ),
            (
                &w.admin,
                format!("/api/v1/statistics?year={year}"),
                "statistics.view",
                Value::Null,
            ),
        ];
        assert_eq!(audited(&app, &w, "import.preview").await.len(), 1);
        for (who, path, action, record) in listings {
            let before = audited(&app, &w, action).await.len();
            let r = app.get(&path, who).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text());
            let after = audited(&app, &w, action).await;
            assert_eq!(after.len(), before + 1, "{path} left no {action} entry");
            assert_eq!(after[0]["record_id"], record, "{path}: {}", after[0]);
        }
        // The same on the screens.
        for (path, action) in [
            (format!("/areas/{}/cards", w.a), "card.list"),
            (format!("/uses/{use_id}"), "use.view"),
        ] {
            let before = audited(&app, &w, action).await.len();
            let who = if action == "use.view" {
                &w.staff_a
            } else {
                &w.coord_a
            };
            let r = app.get(&path, who).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(audited(&app, &w, action).await.len(), before + 1, "{path}");
        }
        // What a coordinator typed to find a card is not kept.
        let filtered = audited(&app, &w, "card.list").await;
        assert!(
            filtered
                .iter()
                .all(|e| !e["detail"].as_str().unwrap().contains("code")),
            "{filtered:?}"
        );
        // R-REP-5: the national service reads the log, but not what was done
        // with holders' records in areas it does not coordinate.
        let national = app
            .api(Method::GET, "/api/v1/audit-log", &w.admin, None)
            .await
            .json();
        let national = national.as_array().unwrap();
        assert!(national.iter().any(|e| e["action"] == "statistics.view"));
        for e in national {
            let kind = e["action"].as_str().unwrap().split('.').next().unwrap();
            assert!(
                !policy::HOLDER_RECORD_ACTIONS.contains(&kind),
                "the national admin reads {e}"
            );
        }
        let coordinator = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        assert!(
            coordinator
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "card.list")
        );
    }
);

on_both!(
    r_auth_2_a_venue_learns_no_grant_date,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=10, &[(w.pa, 1..=10)]).await;
        let granted = crate::common::today() - chrono::Duration::days(20);
        let form = with(transfer_form(0), "grant_date", json!(granted.to_string()));
        crate::common::issued(&app, &w.issuer_a, "E1", form).await;
        // A visit on paper a week before the card was granted.
        let visit = granted - chrono::Duration::days(7);
        let sheet = format!(
            "Kortnummer;Vuxna;Barn;Föreställning;Datum\r\nE1;1;0;Konsertti;{}\r\n",
            visit.format("%-d.%-m.%Y")
        );
        let upload = TestApp::request(
            Method::POST,
            &format!("/api/v1/venues/{}/usage-imports", w.va),
            &w.staff_a,
        )
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(sheet))
        .unwrap();
        let r = app.send(upload).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let p = r.json();
        assert_eq!(p["rows"][0]["code"], "card_not_yet_valid", "{p}");
        for shown in [
            granted.format("%-d.%-m.%Y").to_string(),
            granted.to_string(),
        ] {
            assert!(!r.text().contains(&shown), "grant date {shown} told: {p}");
        }
    }
);

on_both!(
    r_auth_4_keys_used_on_a_national_account_show_in_the_areas_it_works_in,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::POST,
                "/api/v1/accounts",
                &w.admin,
                Some(json!({"username": "lippupiste", "password": "long enough pass", "national": true, "grants": [{"role": "venue_staff", "venue": w.va}]})),
            )
            .await;
        let agency = r.json()["id"].as_i64().unwrap();
        // Its grants list their ids, to be taken away one by one.
        let list = app
            .api(Method::GET, "/api/v1/accounts", &w.admin, None)
            .await
            .json();
        let listed = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == agency)
            .unwrap()
            .clone();
        assert!(listed["grants"][0]["id"].is_i64(), "{listed}");
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/accounts/{agency}/password"),
                &w.admin,
                Some(json!({"password": "chosen by the admin"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        // Whoever set it could sign in with it: area A's coordinator sees that.
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        assert!(
            log.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "account.password_reset" && e["record_id"] == agency),
            "{log}"
        );
        let log_b = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_b, None)
            .await
            .json();
        assert!(!log_b.to_string().contains("account.password_reset"));
    }
);

on_both!(
    r_use_6_a_preview_is_confirmed_only_as_its_own_kind,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let sheet = "Kortin koodi;Myöntämispäivä;Syntymävuosi\r\nE1;1.2.2026;1980\r\n";
        let req = TestApp::request(
            Method::POST,
            &format!(
                "/api/v1/distribution-points/{}/issuance-imports?confirmed_at_least_16=true",
                w.pa
            ),
            &w.coord_a,
        )
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(sheet))
        .unwrap();
        let preview = app.send(req).await.json();
        let id = preview["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/usage-imports/{id}/confirm"),
                &w.coord_a,
                Some(json!({"only_accepted": true})),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    }
);

on_both!(
    r_use_5_an_item_with_tickets_is_not_deleted,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=3, &[(w.pa, 1..=3)]).await;
        crate::common::issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let day = crate::common::today() + chrono::Duration::days(1);
        let item = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/items", w.va),
                &w.staff_a,
                Some(json!({"type": "event", "title": "Konsertti", "starts_at": format!("{day}T19:00"), "capacity": 100, "class": "default"})),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{item}/tickets"),
                &w.staff_a,
                Some(json!({"card_code": "E1"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let r = app
            .api(
                Method::DELETE,
                &format!("/api/v1/items/{item}"),
                &w.staff_a,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.error_code(), "item_has_tickets");
        assert_eq!(app.count("items").await, 1);
    }
);

on_both!(
    r_auth_4_a_partial_reader_pages_the_log_without_entry_ids,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        // 250 entries at one and the same moment, area A's and area B's in
        // turn, then a few later ones: ties at a page's edge must neither
        // lose nor repeat an entry.
        let (a, b) = (w.a, w.b);
        app.store
            .write(move |c| {
                let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 1)
                    .unwrap()
                    .and_hms_opt(12, 0, 0)
                    .unwrap();
                let actor = kaiku_store::Actor {
                    account: None,
                    label: "test".into(),
                };
                for n in 0..250 {
                    let area = if n % 3 == 0 { b } else { a };
                    kaiku_store::audit::record(
                        c,
                        &actor,
                        &kaiku_store::audit::Event {
                            action: "card.issue",
                            record_type: "card",
                            record_id: Some(n),
                            area: Some(area),
                            detail: String::new(),
                        },
                        at,
                    )?;
                }
                Ok::<_, kaiku_store::StoreError>(())
            })
            .await
            .unwrap();
        let mut seen: Vec<Value> = vec![];
        let mut before: Option<String> = None;
        loop {
            let path = match &before {
                Some(c) => format!("/api/v1/audit-log?before={c}"),
                None => "/api/v1/audit-log".to_string(),
            };
            let r = app.api(Method::GET, &path, &w.coord_a, None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
            let page = r.json().as_array().unwrap().clone();
            for e in &page {
                assert!(e.get("id").is_none(), "no entry id is given: {e}");
                let cursor = e["cursor"].as_str().unwrap();
                assert!(
                    cursor.starts_with(e["at"].as_str().unwrap()),
                    "a cursor names the entry's time and nothing else: {cursor}"
                );
            }
            let full = page.len() == 100;
            before = page
                .last()
                .map(|e| e["cursor"].as_str().unwrap().to_string());
            seen.extend(page);
            if !full {
                break;
            }
        }
        let ours: Vec<i64> = seen
            .iter()
            .filter(|e| e["action"] == "card.issue" && e["detail"] == "")
            .map(|e| e["record_id"].as_i64().unwrap())
            .collect();
        let mut expected: Vec<i64> = (0..250).filter(|n| n % 3 != 0).collect();
        expected.reverse();
        assert_eq!(ours, expected, "every entry of area A once, newest first");
        assert!(seen.iter().all(|e| e["area"] != b), "nothing of area B");
        let bad = app
            .api(Method::GET, "/api/v1/audit-log?before=17", &w.coord_a, None)
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    }
);
