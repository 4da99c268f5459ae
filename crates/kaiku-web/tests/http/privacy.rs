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
const SPELLINGS: [&str; 20] = [
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
    "13.10.52-308T",
    "13.10.1952-308T",
    "asiakas 131052-308",
    "\u{0661}\u{0663}\u{0661}\u{0660}\u{0665}\u{0662}-\u{0663}\u{0660}\u{0668}T",
    "131052\u{30FC}308T",
    "131052-308\u{1D1B}",
    "131052&#45;308T",
    "131052%2D308T",
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
                (
                    &w.coord_a,
                    Method::PUT,
                    format!("/api/v1/venues/{}", w.va),
                    json!({"name": "Venue A", "sector": "theatre", "restrictions": format!("Ei koske: {spelled}")}),
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

/// Uploads a sheet (CSV) to a path as `who`.
async fn upload(
    app: &TestApp,
    who: &crate::common::Who,
    path: &str,
    sheet: &str,
) -> crate::common::Resp {
    let req = TestApp::request(Method::POST, path, who)
        .header(axum::http::header::CONTENT_TYPE, "text/csv")
        .body(axum::body::Body::from(sheet.to_string()))
        .unwrap();
    app.send(req).await
}

/// Everything the register keeps of imports, as stored.
async fn kept_imports(app: &TestApp) -> String {
    app.store
        .read(|c| {
            use diesel::prelude::*;
            use kaiku_store::schema::imports;
            imports::table
                .select((imports::content, imports::refused_rows))
                .load::<(String, String)>(c)
                .map_err(kaiku_store::StoreError::from)
        })
        .await
        .unwrap()
        .into_iter()
        .map(|(a, b)| format!("{a}\n{b}"))
        .collect()
}

on_both!(
    r_priv_5_a_refused_cell_is_never_kept_nor_served_back,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=20, &[(w.pa, 1..=20)]).await;
        issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let year = crate::common::today().format("%Y").to_string();
        // A usage sheet with a name for a card code, a phone number for the
        // adults and a birth date for the day, each on a row of its own; a
        // name with a card code's shape, refused only as an unknown card;
        // and a visit dated long before the card (a birth date, perhaps).
        let usage = format!(
            "Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä\r\n\
             Matti Meikäläinen;1;0;Konsertti;1.2.{year}\r\n\
             E1;040 1234567;0;Konsertti;1.2.{year}\r\n\
             E1;1;0;Konsertti;syntynyt 13.10.1952\r\n\
             MattiMeikalainen;1;0;Konsertti;1.2.{year}\r\n\
             E1;1;0;Konsertti;13.10.2001\r\n\
             Matti Virtanen;yksi Liisa;0;Konsertti;1.2.{year}\r\n"
        );
        let secrets = [
            "Meikäläinen",
            "1234567",
            "syntynyt",
            "Meikalainen",
            "2001",
            "Virtanen",
            "Liisa",
        ];
        let r = upload(
            &app,
            &w.staff_a,
            &format!("/api/v1/venues/{}/usage-imports", w.va),
            &usage,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let p = r.json();
        let columns: Vec<Value> = p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["columns"].clone())
            .collect();
        assert_eq!(
            columns,
            vec![
                json!(["A"]),
                json!(["B"]),
                json!(["E"]),
                json!(["A"]),
                json!(["E"]),
                json!(["A", "B"])
            ],
            "{p}"
        );
        let id = p["id"].as_i64().unwrap();
        for format in ["csv", "xlsx"] {
            let sheet = app
                .get(
                    &format!("/api/v1/imports/{id}/refused-rows?format={format}"),
                    &w.staff_a,
                )
                .await;
            assert_eq!(sheet.status, StatusCode::OK);
            let rows = kaiku_app::sheet::read(&sheet.body).unwrap();
            for s in secrets {
                assert!(
                    !rows.iter().flatten().any(|c| c.contains(s)),
                    "{format}: {rows:?}"
                );
            }
            // What passed stays, to fix and send again.
            assert_eq!(
                rows[1][..4],
                ["".to_string(), "1".into(), "0".into(), "Konsertti".into()]
            );
            assert_eq!(rows[2][0], "E1");
            assert_eq!(rows[3][4], "");
            assert_eq!(rows[4][..2], ["".to_string(), "1".into()]);
            assert_eq!(
                rows[5][..5],
                [
                    "E1".to_string(),
                    "1".into(),
                    "0".into(),
                    "Konsertti".into(),
                    "".into()
                ]
            );
        }
        for s in secrets {
            assert!(!r.text().contains(s), "the preview repeats {s}");
        }
        // A transfer form's refused cells: a name for a mother tongue, a
        // phone number for a gender, a street address for a postal code, a
        // debt for a life situation, an identity code for a grant date.
        let issuance = "Kortin koodi;Myöntämispäivä;Syntymävuosi;Äidinkieli;Sukupuoli;Postinumero;Elämäntilanne\r\n\
             E2;1.2.2026;1980;Matti Meikäläinen;nainen;80100;\r\n\
             E3;1.2.2026;1980;suomi;puh 040 1234567;80100;\r\n\
             E4;1.2.2026;1980;suomi;nainen;Kotikatu 5 A 3;\r\n\
             E5;1.2.2026;1980;suomi;nainen;80100;velkaa 5000e\r\n\
             E6;13.10.52-308T;1980;suomi;nainen;80100;\r\n";
        let r = upload(
            &app,
            &w.issuer_a,
            &format!(
                "/api/v1/distribution-points/{}/issuance-imports?confirmed_at_least_16=true",
                w.pa
            ),
            issuance,
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let p = r.json();
        let id = p["id"].as_i64().unwrap();
        let sheet = app
            .get(
                &format!("/api/v1/imports/{id}/refused-rows?format=csv"),
                &w.issuer_a,
            )
            .await;
        let rows = kaiku_app::sheet::read(&sheet.body).unwrap();
        assert_eq!(rows.len(), 1 + 5, "{rows:?}");
        let more = [
            "Meikäläinen",
            "1234567",
            "Kotikatu",
            "velkaa",
            "308T",
            "13.10.52",
        ];
        for s in more {
            assert!(!rows.iter().flatten().any(|c| c.contains(s)), "{rows:?}");
            assert!(!r.text().contains(s), "the preview repeats {s}");
        }
        assert_eq!(rows[2][0], "E3", "the cells that passed stay");
        // Nothing refused is in the register either.
        let kept = kept_imports(&app).await;
        for s in secrets.iter().chain(&more) {
            assert!(!kept.contains(s), "{s} is kept");
        }
    }
);

on_both!(
    r_priv_5_the_transfer_form_shows_back_only_what_passed,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=5, &[(w.pa, 1..=5)]).await;
        issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let secrets = [
            "Koivukuja",
            "0401234567",
            "308T",
            "Matti",
            "Aino",
            "Virtanen",
        ];
        let shown_back = |page: &str| {
            secrets
                .iter()
                .filter(|s| page.contains(*s))
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
        };
        // One refused field among several others that were never checked,
        // and a card code that is a name.
        for (code, minor) in [("E2", "131052-308T"), ("Matti Virtanen", "0")] {
            let page = app
                .form(
                    &format!("/points/{}/issue", w.pa),
                    &w.issuer_a,
                    &[
                        ("code", code),
                        ("grant_date", &crate::common::today().to_string()),
                        ("birth_year", "1975"),
                        ("mother_tongue", "fi"),
                        ("gender", "woman"),
                        ("postal_code_kind", "code"),
                        ("postal_code", "Koivukuja 3, 0401234567"),
                        ("minor_children", minor),
                    ],
                )
                .await;
            assert!(page.status.is_client_error(), "{}", page.text());
            assert!(
                shown_back(&page.text()).is_empty(),
                "{:?}",
                shown_back(&page.text())
            );
            assert!(page.text().contains("1975"), "what passed stays");
        }
        // Renewing: a name in the birth year, a name and a code in the children.
        let page = app
            .form(
                "/cards/E1/renew",
                &w.issuer_a,
                &[
                    ("grant_date", &crate::common::today().to_string()),
                    ("birth_year", "Matti 12.3.1975"),
                    ("mother_tongue", "fi"),
                    ("gender", "woman"),
                    ("postal_code_kind", "code"),
                    ("postal_code", "80100"),
                    ("minor_children", "Aino 131052-308T"),
                ],
            )
            .await;
        assert!(page.status.is_client_error(), "{}", page.text());
        assert!(
            shown_back(&page.text()).is_empty(),
            "{:?}",
            shown_back(&page.text())
        );
    }
);

/// What goes into a field to be recognised if it ever comes back: a name
/// and an identity code in text, a name alone where it must fit a path.
const MARKED: &str = "Zq9Mattila 131052-308T";
const MARKED_PATH: &str = "Zq9Mattila";

/// Whether an answer repeats the marker, in any case (codes come back in
/// upper case).
fn echoes(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("zq9mattila") || t.contains("131052") || t.contains("308t")
}

/// A request to try: its URI, its JSON body, a header with its value.
type Send = (String, Option<Value>, Option<(String, String)>);

/// The property names of a request body schema in the OpenAPI document.
fn properties(doc: &Value, schema: &Value) -> Vec<String> {
    let schema = match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    };
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

on_both!(
    r_priv_5_no_error_repeats_what_was_sent_to_any_field_of_any_call,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "E", 1..=5, &[(w.pa, 1..=5)]).await;
        issued(&app, &w.issuer_a, "E1", transfer_form(0)).await;
        let day = crate::common::today() + chrono::Duration::days(3);
        let item = json!({"type": "event", "title": "Konsertti", "starts_at": format!("{day}T19:00"), "capacity": 10, "class": "default"});
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/items", w.va),
                &w.staff_a,
                Some(item.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        // A body each call would take, so that the marked field is the one
        // thing wrong with it.
        let base = |path: &str| -> Value {
            match path {
                p if p.ends_with("/tickets") => {
                    json!({"card_code": "E1", "adults": 1, "members": []})
                }
                p if p.ends_with("/issue") || p.ends_with("/renew") => transfer_form(0),
                p if p.ends_with("/void") => json!({"reason": "other"}),
                "/api/v1/accounts" => {
                    json!({"username": "uusi_tunnus", "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": w.pa}]})
                }
                p if p.ends_with("/grants") => {
                    json!({"role": "issuer", "distribution_point": w.pa})
                }
                p if p.ends_with("/items") || p.starts_with("/api/v1/items/") => item.clone(),
                p if p.starts_with("/api/v1/venues/") => {
                    json!({"name": "Venue A", "sector": "theatre"})
                }
                p if p.starts_with("/api/v1/distribution-points/")
                    || p.ends_with("/distribution-points") =>
                {
                    json!({"name": "Point A", "type": "ngo"})
                }
                p if p.ends_with("/venues") => json!({"name": "Uusi", "sector": "museum"}),
                _ => json!({}),
            }
        };
        let doc = app
            .get("/api/v1/openapi.json", &crate::common::Who::Anon)
            .await
            .json();
        let mut tried = 0;
        for (path, ops) in doc["paths"].as_object().unwrap() {
            for (method, op) in ops.as_object().unwrap() {
                if path.ends_with("/logout") {
                    continue;
                }
                let method: Method = method.to_uppercase().parse().unwrap();
                let params: Vec<(String, String)> = op["parameters"]
                    .as_array()
                    .map(|ps| {
                        ps.iter()
                            .map(|p| {
                                (
                                    p["name"].as_str().unwrap().to_string(),
                                    p["in"].as_str().unwrap().to_string(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let with_path = |marked: Option<&str>| {
                    let mut p = path.clone();
                    for (name, place) in &params {
                        if place == "path" {
                            let v = if marked == Some(name.as_str()) {
                                MARKED_PATH
                            } else {
                                "1"
                            };
                            p = p.replace(&format!("{{{name}}}"), v);
                        }
                    }
                    p
                };
                let body_schema = &op["requestBody"]["content"]["application/json"]["schema"];
                let fields = if body_schema.is_null() {
                    vec![]
                } else {
                    properties(&doc, body_schema)
                };
                // Each way something typed can arrive: a path segment, a
                // query parameter, a header, a field of the body.
                let mut sends: Vec<Send> = vec![];
                for (name, place) in &params {
                    match place.as_str() {
                        "path" => sends.push((
                            with_path(Some(name)),
                            body_schema
                                .is_null()
                                .then_some(())
                                .map_or(Some(json!({})), |_| None),
                            None,
                        )),
                        "query" => sends.push((
                            format!("{}?{name}={MARKED_PATH}", with_path(None)),
                            (!body_schema.is_null()).then(|| json!({})),
                            None,
                        )),
                        "header" => sends.push((
                            with_path(None),
                            Some(json!({"card_code": "E1"})),
                            Some((name.clone(), MARKED.into())),
                        )),
                        _ => {}
                    }
                }
                if !body_schema.is_null() {
                    // A key the call does not know, named by someone.
                    sends.push((with_path(None), Some(json!({ MARKED: 1 })), None));
                }
                for f in &fields {
                    for marked in [
                        json!(MARKED),
                        json!(MARKED_PATH),
                        json!([MARKED]),
                        json!([MARKED_PATH]),
                    ] {
                        let mut body = base(path);
                        body[f.as_str()] = marked;
                        sends.push((with_path(None), Some(body), None));
                    }
                }
                for (uri, body, header) in sends {
                    for who in [&w.admin, &w.coord_a, &w.staff_a] {
                        let mut b = TestApp::request(method.clone(), &uri, who);
                        if body.is_some() {
                            b = b.header(axum::http::header::CONTENT_TYPE, "application/json");
                        }
                        if let Some((h, v)) = &header {
                            b = b.header(h.as_str(), v.as_str());
                        }
                        let req = b
                            .body(axum::body::Body::from(
                                body.as_ref().map(Value::to_string).unwrap_or_default(),
                            ))
                            .unwrap();
                        let r = app.send(req).await;
                        tried += 1;
                        if r.status.is_client_error() || r.status.is_server_error() {
                            assert!(
                                r.status.is_client_error(),
                                "{method} {uri} {body:?}: {}",
                                r.status
                            );
                            assert!(
                                !echoes(&r.text()),
                                "{method} {uri} {body:?} {header:?}: {}",
                                r.text()
                            );
                        }
                    }
                }
            }
        }
        assert!(tried > 300, "{tried}");
    }
);
