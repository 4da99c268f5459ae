//! What the register keeps of what people type (SPEC §8: R-PRIV-4,
//! R-PRIV-5) over HTTP on both backends, tried as someone who types an
//! identity code, a name or a phone number wherever text goes in.

use crate::common::{TestApp, World, issued, transfer_form};
use axum::http::{Method, StatusCode};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

/// One identity code, `131052-308T`, spelled every way a keyboard, a word
/// processor or a user name makes it.
const SPELLINGS: [&str; 12] = [
    "131052308T",
    "131052 308T",
    "131052\u{2013}308T",
    "\u{FF11}\u{FF13}\u{FF11}\u{FF10}\u{FF15}\u{FF12}-\u{FF13}\u{FF10}\u{FF18}\u{FF34}",
    "131052\u{00A0}308T",
    "131052\u{200B}-308T",
    "Kassa 131052308T",
    "131052 - 308T",
    "131052_308t",
    "131052@308t",
    "a.131052.308t",
    "131052--308t",
];

on_both!(
    r_priv_4_every_spelling_of_an_identity_code_is_refused_everywhere_text_is_kept,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=5, &[(w.pa, 1..=5)]).await;
        issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let tables = [
            "api_tokens",
            "items",
            "accounts",
            "card_events",
            "audit_log",
        ];
        for spelled in SPELLINGS {
            let mut before = vec![];
            for t in tables {
                before.push(app.count(t).await);
            }
            let day = crate::common::today() + chrono::Duration::days(3);
            let tries: Vec<(&crate::common::Who, Method, String, Value)> = vec![
                (
                    &w.coord_a,
                    Method::POST,
                    format!("/api/v1/venues/{}/api-tokens", w.va),
                    json!({"name": spelled}),
                ),
                (
                    &w.staff_a,
                    Method::POST,
                    format!("/api/v1/venues/{}/items", w.va),
                    json!({"type": "event", "title": spelled, "starts_at": format!("{day}T19:00"), "capacity": 10, "class": "default"}),
                ),
                (
                    &w.coord_a,
                    Method::PUT,
                    format!("/api/v1/distribution-points/{}", w.pa),
                    json!({"name": spelled, "type": "ngo"}),
                ),
                (
                    &w.coord_a,
                    Method::POST,
                    "/api/v1/cards/E1/void".into(),
                    json!({"reason": "other", "note": spelled}),
                ),
                (
                    &w.coord_a,
                    Method::POST,
                    "/api/v1/accounts".into(),
                    json!({"username": spelled, "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": w.pa}]}),
                ),
                (
                    &w.coord_a,
                    Method::PUT,
                    format!("/api/v1/venues/{}", w.va),
                    json!({"name": "Venue A", "sector": "theatre", "contact_email": format!("{spelled}@example.fi")}),
                ),
            ];
            for (who, method, path, body) in tries {
                let r = app.api(method.clone(), &path, who, Some(body)).await;
                assert_eq!(
                    r.status,
                    StatusCode::BAD_REQUEST,
                    "{method} {path} {spelled:?}: {}",
                    r.text()
                );
                assert_eq!(
                    r.error_code(),
                    "identity_code",
                    "{path} {spelled:?}: {}",
                    r.text()
                );
                assert!(
                    !r.text().contains("131052") && !r.text().contains(spelled),
                    "echoed: {}",
                    r.text()
                );
            }
            for (t, n) in tables.iter().zip(before) {
                assert_eq!(app.count(t).await, n, "{t} after {spelled:?}");
            }
        }
        let point = app
            .api(
                Method::GET,
                &format!("/api/v1/distribution-points/{}", w.pa),
                &w.coord_a,
                None,
            )
            .await;
        assert_eq!(point.json()["name"], "Point A");
        let card = app
            .api(Method::GET, "/api/v1/cards/E1/record", &w.coord_a, None)
            .await;
        assert_eq!(card.json()["card"]["status"], "issued", "{}", card.text());
    }
);
