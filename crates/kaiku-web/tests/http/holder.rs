//! The holder's own page (R-HOLD-1, R-HOLD-2) over HTTP on both backends,
//! tried as the holder and as someone guessing.

use crate::box_office::event;
use crate::common::{self, TestApp, Who, World, transfer_form, with};
use crate::prints::{download, keys_by_card, printed, series};
use axum::http::{Method, StatusCode};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

/// Cards H0001–H0003 printed with keys (issued: the first two, with
/// different holders), H0004 printed without; the keys in card order.
async fn setup(app: &TestApp) -> (World, Vec<String>) {
    let w = World::new(app).await;
    let s = series(app, &w, "H", 1, 4).await;
    World::allocate(app, &w.coord_a, s, w.pa, 1..=4).await;
    let job = printed(
        app,
        &w.coord_a,
        s,
        json!({"first": 1, "last": 3, "holder_keys": true}),
    )
    .await;
    let cards = keys_by_card(&download(app, &w.coord_a, &job).await);
    let codes: Vec<&str> = cards.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["H0001", "H0002", "H0003"]);
    let keys: Vec<String> = cards.into_iter().map(|(_, k)| k).collect();
    common::issued(app, &w.issuer_a, "H0001", transfer_form(1)).await;
    let other = with(transfer_form(0), "birth_year", json!(1950));
    let other = with(other, "postal_code", json!("00990"));
    common::issued(app, &w.issuer_a, "H0002", other).await;
    common::issued(app, &w.issuer_a, "H0004", transfer_form(0)).await;
    (w, keys)
}

async fn holder(app: &TestApp, code: &str, key: &str) -> common::Resp {
    app.api(
        Method::POST,
        "/api/v1/holder",
        &Who::Anon,
        Some(json!({"code": code, "key": key})),
    )
    .await
}

/// The page's form posted as a first-time visitor does: the form fetched
/// (which hands out the form token), then sent.
async fn page_post(app: &TestApp, path: &str, code: &str, key: &str) -> common::Resp {
    let form = app.get(path, &Who::Anon).await;
    assert_eq!(form.status, StatusCode::OK);
    let cookie = form
        .headers
        .get_all("set-cookie")
        .iter()
        .find_map(|c| {
            let c = c.to_str().ok()?;
            c.contains("csrf")
                .then(|| c.split(';').next().unwrap().to_string())
        })
        .expect("a first visit gets its form token");
    let token = common::hidden(&form.text(), "csrf").unwrap();
    let body = serde_html_form::to_string([
        ("csrf", token.as_str()),
        ("holder_code", code),
        ("holder_key", key),
    ])
    .unwrap();
    let req = TestApp::request(Method::POST, path, &Who::Anon)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(axum::body::Body::from(body))
        .unwrap();
    app.send(req).await
}

/// A wrong key other than `key`, of the right form.
fn wrong(key: &str) -> String {
    let first = if key.starts_with('2') { '3' } else { '2' };
    format!("{first}{}", &key[1..])
}

on_both!(
    r_hold_1_the_key_opens_the_cards_own_page,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let (w, keys) = setup(&app).await;
        let show = event(&app, &w.staff_a, w.va, 3, json!({"cap": 10})).await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/items/{show}/tickets"),
                &w.staff_a,
                Some(json!({"card_code": "H0001", "children": 1})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // Typed as printed, in small letters.
        let printed_as = format!("{} {}", &keys[0][..4], &keys[0][4..]).to_lowercase();
        let r = holder(&app, "h0001", &printed_as).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let v = r.json();
        assert_eq!(v["card"]["code"], "H0001");
        assert_eq!(v["card"]["status"], "issued");
        assert_eq!(v["usable"], true);
        assert!(v["card"]["valid_until"].is_string());
        assert_eq!(v["area_name"], "Area A");
        assert_eq!(v["closed"], false);
        assert_eq!(v["distribution_point_name"], "Point A");
        let venues = v["catalogue"]["venues"].as_array().unwrap();
        assert!(
            venues.iter().any(|x| x["name"] == "Venue A"),
            "the area's catalogue"
        );
        let uses = v["uses"].as_array().unwrap();
        assert_eq!(uses.len(), 1);
        assert_eq!(uses[0]["venue"], "Venue A");
        assert_eq!(uses[0]["title"], "Trollkarlen Matti");
        assert_eq!(uses[0]["tickets"], 2);
        let stored = v["stored"].as_array().unwrap();
        assert_eq!(stored[0]["event"], "issued");
        assert_eq!(stored[0]["postal_code"], "80100");
        // Never another card's background data.
        let all = v.to_string();
        assert!(!all.contains("1950") && !all.contains("00990"), "{all}");
        assert!(!all.contains("H0002"));
        // The holder's own access, in the audit log.
        let audit: Vec<(String, String)> = app
            .store
            .read(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::audit_log::dsl::*;
                audit_log
                    .select((action, actor))
                    .filter(action.eq("card.holder_view"))
                    .load::<(String, String)>(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        assert_eq!(audit, vec![("card.holder_view".into(), "holder".into())]);
        // The page, in the address's language, large and plain, with the
        // area's catalogue.
        for (path, lang, valid) in [
            ("/oma-kortti", "fi", "Korttisi on voimassa"),
            ("/mitt-kort", "sv", "Ditt kort gäller"),
            ("/my-card", "en", "Your card is valid"),
        ] {
            let form = app.get(path, &Who::Anon).await;
            let html = form.text();
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
            assert!(html.contains("width=device-width"));
            let page = page_post(&app, path, "H0001", &keys[0]).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.text());
            let text = page.text();
            assert!(text.contains(valid), "{path}: {text}");
            assert!(text.contains("Trollkarlen Matti") && text.contains("80100"));
            assert!(!text.contains("00990"));
        }
    }
);

on_both!(
    r_hold_2_unknown_code_wrong_key_and_no_key_answer_alike,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let (_w, keys) = setup(&app).await;
        let answers: Vec<(StatusCode, Value)> = vec![
            holder(&app, "ZZ9999", &keys[0]).await,
            holder(&app, "H0001", &wrong(&keys[0])).await,
            holder(&app, "H0004", &keys[0]).await,
            holder(&app, "H0001", "not a key").await,
        ]
        .into_iter()
        .map(|r| (r.status, r.json()))
        .collect();
        for a in &answers {
            assert_eq!(a, &answers[0]);
        }
        assert_eq!(answers[0].0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answers[0].1["error"]["code"], "holder_no_match");
        // No key at all is said so, and counts as no try.
        let r = holder(&app, "H0001", " ").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["error"]["field"], "key");
        // A code that cannot be one is said so, whatever exists.
        let r = holder(&app, "H-0001!", &keys[0]).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // The same in the page: the code kept, the key to type again.
        let r = page_post(&app, "/my-card", "ZZ9999", "ABCD2345").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.text().contains("do not match") && r.text().contains("value=\"ZZ9999\""));
        assert!(!r.text().contains("ABCD2345"));
        // A code that is no code is said so beside its field, not shown back.
        let r = page_post(&app, "/my-card", "Ab+12!x", "ABCD2345").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.text().contains("href=\"#f-holder_code\"") && !r.text().contains("Ab+12!x"));
    }
);

on_both!(
    r_hold_2_five_wrong_keys_lock_a_code_for_an_hour,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let (_w, keys) = setup(&app).await;
        for _ in 0..5 {
            let r = holder(&app, "H0001", &wrong(&keys[0])).await;
            assert_eq!(r.error_code(), "holder_no_match");
        }
        // Locked now, the right key too, and it says for how long.
        let r = holder(&app, "H0001", &keys[0]).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
        assert_eq!(r.error_code(), "holder_locked");
        assert!(
            r.text().contains("60 minuutin") || r.text().contains("59 minuutin"),
            "{}",
            r.text()
        );
        // The try that locked the card's page is in its area's log.
        let locked: i64 = app
            .store
            .read(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::audit_log::dsl::*;
                audit_log
                    .filter(action.eq("card.holder_locked"))
                    .count()
                    .get_result::<i64>(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        assert_eq!(locked, 1);
        // An unknown code locks the same way: the lock tells nothing.
        for _ in 0..5 {
            holder(&app, "ZZ9999", &keys[0]).await;
        }
        assert_eq!(
            holder(&app, "ZZ9999", &keys[0]).await.error_code(),
            "holder_locked"
        );
        // Another card is not locked by this one.
        assert_eq!(holder(&app, "H0002", &keys[1]).await.status, StatusCode::OK);
        // An hour later the code opens again.
        app.store
            .write(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::login_failures::dsl::*;
                diesel::update(login_failures)
                    .set(at.eq(kaiku_store::now() - chrono::Duration::minutes(61)))
                    .execute(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        assert_eq!(holder(&app, "H0001", &keys[0]).await.status, StatusCode::OK);
    }
);

on_both!(
    r_hold_2_one_address_guessing_many_codes_is_stopped,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let (_w, keys) = setup(&app).await;
        for n in 0..20 {
            let r = holder(&app, &format!("ZZ{n:04}"), &keys[0]).await;
            assert_eq!(r.error_code(), "holder_no_match");
        }
        let r = holder(&app, "H0001", &keys[0]).await;
        assert_eq!(r.error_code(), "holder_locked", "the address is stopped");
    }
);

on_both!(
    r_hold_1_void_and_expired_cards_say_so_with_the_next_step,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let (w, keys) = setup(&app).await;
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/H0002/void",
                &w.issuer_a,
                Some(json!({"reason": "lost"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let v = holder(&app, "H0002", &keys[1]).await.json();
        assert_eq!(
            (v["card"]["status"].as_str(), v["usable"].as_bool()),
            (Some("void"), Some(false))
        );
        app.store
            .write(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::cards::dsl::*;
                diesel::update(cards.filter(code.eq("H0001")))
                    .set(valid_until.eq(common::today() - chrono::Duration::days(1)))
                    .execute(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        let v = holder(&app, "H0001", &keys[0]).await.json();
        assert_eq!(v["card"]["status"], "expired");
        assert_eq!(v["usable"], false);
        let page = page_post(&app, "/oma-kortti", "H0001", &keys[0])
            .await
            .text();
        assert!(page.contains("Voit jatkaa sen voimassaoloa"), "{page}");
        // A card in stock with a key has its page too, and says it is not
        // given out yet.
        let v = holder(&app, "H0003", &keys[2]).await.json();
        assert_eq!(v["usable"], false);
        assert_eq!(v["uses"], json!([]));
        // The issuer sees which cards have a holder page.
        let rec = app
            .api(Method::GET, "/api/v1/cards/H0001/record", &w.issuer_a, None)
            .await
            .json();
        assert!(rec["holder_key_printed"].is_string(), "{rec}");
        let rec = app
            .api(Method::GET, "/api/v1/cards/H0004/record", &w.issuer_a, None)
            .await
            .json();
        assert!(rec["holder_key_printed"].is_null());
        let page = app.get("/cards/H0004", &w.issuer_a).await.text();
        assert!(page.contains("ilman haltija-avainta"));
    }
);
