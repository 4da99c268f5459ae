//! Printing card stock (R-CARD-10) over HTTP on both backends: the job,
//! the PDF read back by poppler, its codes decoded from the rendered page,
//! holder keys given once and kept only as hashes, and who may print.

use crate::common::{TestApp, Who, World};
use crate::pdf;
use axum::http::{Method, StatusCode};
use kaiku_app::pdf::MM;
use kaiku_app::pdf::cards::{CARD_HEIGHT, CARD_WIDTH, Layout};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

/// A series `prefix` with four-digit numbers `first..=last` in area A.
pub async fn series(app: &TestApp, w: &World, prefix: &str, first: i64, last: i64) -> i64 {
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/areas/{}/card-series", w.a),
            &w.coord_a,
            Some(json!({"prefix": prefix, "first": first, "last": last, "width": 4})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

/// Starts a print and waits for it to finish; the job as last read.
pub async fn printed(app: &TestApp, who: &Who, series: i64, body: Value) -> Value {
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/card-series/{series}/prints"),
            who,
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    for _ in 0..600 {
        let job = app
            .api(Method::GET, &format!("/api/v1/prints/{id}"), who, None)
            .await
            .json();
        if job["status"] != "running" {
            assert_eq!(job["status"], "done", "{job}");
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("print {id} did not finish in a minute");
}

pub async fn download(app: &TestApp, who: &Who, job: &Value) -> Vec<u8> {
    let r = app
        .api(
            Method::GET,
            &format!("/api/v1/prints/{}/pdf", job["id"]),
            who,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.headers["content-type"], "application/pdf");
    r.body.to_vec()
}

/// Dark runs along a row or a column of pixels, as their centres.
fn marks(values: impl Iterator<Item = u8>) -> Vec<f32> {
    let mut out = vec![];
    let mut start = None;
    for (i, v) in values.enumerate() {
        match (v < 128, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s + i - 1) as f32 / 2.0);
                start = None;
            }
            _ => {}
        }
    }
    out
}

on_both!(
    r_card_10_cards_print_at_real_size_with_their_codes_readable,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let s = series(&app, &w, "P", 1, 12).await;
        let job = printed(&app, &w.coord_a, s, json!({"first": 1, "last": 12})).await;
        assert_eq!(
            (job["done"].as_i64(), job["total"].as_i64()),
            (Some(12), Some(12))
        );
        let bytes = download(&app, &w.coord_a, &job).await;
        assert_eq!(pdf::info(&bytes, "Pages"), "2", "ten cards a sheet");
        assert!(pdf::info(&bytes, "Page size").contains("(A4)"));
        // Every font is embedded and subsetted.
        let fonts = pdf::fonts(&bytes);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let f: Vec<&str> = row.split_whitespace().collect();
            let (emb, sub) = (f[f.len() - 5], f[f.len() - 4]);
            assert_eq!((emb, sub), ("yes", "yes"), "{fonts}");
        }
        // The text is selectable, in three languages.
        let text = pdf::text(&bytes);
        for code in ["P0001", "P0010", "P0012"] {
            assert!(text.contains(code), "{code}: {text}");
        }
        assert!(text.contains("Area A"));
        for line in [
            "Kaikukortti – maksuton kulttuurikortti",
            "Kaikukortti – kostnadsfritt kulturkort",
            "Kaikukortti – free culture card",
        ] {
            assert!(text.contains(line), "{line}: {text}");
        }
        // Rendered as a printer would, each card's QR code and Code 39
        // barcode read back as its code.
        let page = pdf::render(&bytes, 1, 300);
        let want: Vec<String> = (1..=10).map(|n| format!("P{n:04}")).collect();
        // Card by card, as a phone held over one card reads it.
        let l = Layout::new(false);
        let qr: Vec<String> = (0..l.per_page())
            .flat_map(|n| {
                let (x, y) = l.corner(n);
                pdf::qr_codes(&page.crop(x, y, CARD_WIDTH, CARD_HEIGHT))
            })
            .collect();
        assert_eq!(qr, want, "the QR codes of the first sheet");
        let mut bars = pdf::code39_codes(&page);
        bars.sort();
        assert_eq!(bars, want, "the Code 39 barcodes of the first sheet");
        // Cut marks where the cards are cut: 85.6 mm apart across, 54 mm
        // down, within half a millimetre.
        let to_px = |pt: f32| page.px(pt / MM);
        let top_row = to_px(l.top - 4.5 * MM);
        let xs = marks((0..page.width).map(|x| page.at(x, top_row)));
        assert_eq!(xs.len(), 3, "three vertical cuts: {xs:?}");
        let left_col = to_px(l.left - 4.5 * MM);
        let ys = marks((0..page.height).map(|y| page.at(left_col, y)));
        assert_eq!(ys.len(), 6, "six horizontal cuts: {ys:?}");
        for pair in xs.windows(2) {
            let mm = page.mm(pair[1] - pair[0]);
            assert!((mm - 85.6).abs() <= 0.5, "card width {mm} mm");
        }
        for pair in ys.windows(2) {
            let mm = page.mm(pair[1] - pair[0]);
            assert!((mm - 54.0).abs() <= 0.5, "card height {mm} mm");
        }
        assert!((page.mm(xs[0]) - l.left / MM).abs() <= 0.5);
        assert!((CARD_WIDTH / MM - 85.6).abs() < 0.01 && (CARD_HEIGHT / MM - 54.0).abs() < 0.01);
        let second = pdf::render(&bytes, 2, 300);
        let rest: Vec<String> = (0..2)
            .flat_map(|n| {
                let (x, y) = l.corner(n);
                pdf::qr_codes(&second.crop(x, y, CARD_WIDTH, CARD_HEIGHT))
            })
            .collect();
        assert_eq!(rest, vec!["P0011".to_string(), "P0012".to_string()]);
    }
);

/// Each card's code and the key on its fold, read card by card from the
/// sheets, in card order.
pub fn keys_by_card(bytes: &[u8]) -> Vec<(String, String)> {
    let l = Layout::new(true);
    let pages: usize = pdf::info(bytes, "Pages").parse().unwrap();
    let mut out = vec![];
    for page in 1..=pages {
        for n in 0..l.per_page() {
            let (x, y) = l.corner(n);
            let text = pdf::text_in(
                bytes,
                page,
                x + 1.0,
                y + 1.0,
                CARD_WIDTH - 2.0,
                l.slot_height - 2.0,
            );
            let code = text.split_whitespace().find(|w| {
                w.len() == 5
                    && w.as_bytes()[0].is_ascii_uppercase()
                    && w[1..].bytes().all(|b| b.is_ascii_digit())
            });
            let keys = keys_in(&text);
            if let (Some(code), [key]) = (code, keys.as_slice()) {
                out.push((code.to_string(), key.clone()));
            }
        }
    }
    out
}

/// The keys printed on a sheet: lines of two four-letter groups of the
/// key alphabet.
pub fn keys_in(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| {
            l.len() == 9
                && l.as_bytes()[4] == b' '
                && l.bytes()
                    .filter(|b| *b != b' ')
                    .all(|b| kaiku_core::holder::ALPHABET.contains(&b))
        })
        .map(|l| l.replace(' ', ""))
        .collect()
}

on_both!(
    r_card_10_holder_keys_are_printed_once_and_kept_only_as_hashes,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let s = series(&app, &w, "K", 1, 3).await;
        let job = printed(
            &app,
            &w.coord_a,
            s,
            json!({"first": 1, "last": 3, "holder_keys": true}),
        )
        .await;
        assert_eq!(job["replaced_keys"], 0);
        assert_eq!(job["pdf_ready"], true);
        // A HEAD request (a link checker) answers as the download would and
        // uses nothing up.
        let head = app
            .send(
                TestApp::request(
                    Method::HEAD,
                    &format!("/api/v1/prints/{}/pdf", job["id"]),
                    &w.coord_a,
                )
                .body(axum::body::Body::empty())
                .unwrap(),
            )
            .await;
        assert_eq!(head.status, StatusCode::OK);
        let bytes = download(&app, &w.coord_a, &job).await;
        let keys: Vec<String> = keys_by_card(&bytes).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys.len(), 3, "one key a card");
        assert_eq!(app.count("holder_keys").await, 3);
        // Stored as argon2id hashes, never as they were printed.
        let stored: Vec<String> = app
            .store
            .read(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::holder_keys::dsl::*;
                holder_keys
                    .select(key_hash)
                    .load::<String>(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        for h in &stored {
            assert!(h.starts_with("$argon2id$"), "{h}");
            assert!(keys.iter().all(|k| !h.contains(k.as_str())));
        }
        // Given once: the sheet is not kept after it was downloaded.
        let again = app
            .api(
                Method::GET,
                &format!("/api/v1/prints/{}/pdf", job["id"]),
                &w.coord_a,
                None,
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.error_code(), "print_keys_gone");
        let now = app
            .api(
                Method::GET,
                &format!("/api/v1/prints/{}", job["id"]),
                &w.coord_a,
                None,
            )
            .await
            .json();
        assert_eq!(now["pdf_ready"], false);
        // Printing again makes new keys and says so; the old ones stop
        // working.
        let second = printed(
            &app,
            &w.coord_a,
            s,
            json!({"first": 1, "last": 3, "holder_keys": true}),
        )
        .await;
        assert_eq!(second["replaced_keys"], 3);
        let new_keys: Vec<String> = keys_by_card(&download(&app, &w.coord_a, &second).await)
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        assert_eq!(new_keys.len(), 3);
        assert!(new_keys.iter().all(|k| !keys.contains(k)));
        assert_eq!(app.count("holder_keys").await, 3);
        let old = app
            .api(
                Method::POST,
                "/api/v1/holder",
                &Who::Anon,
                Some(json!({"code": "K0001", "key": keys[0]})),
            )
            .await;
        assert_eq!(
            old.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            old.text()
        );
        // A sheet without keys stays to be fetched again.
        let plain = printed(&app, &w.coord_a, s, json!({"first": 1, "last": 3})).await;
        download(&app, &w.coord_a, &plain).await;
        download(&app, &w.coord_a, &plain).await;
        assert_eq!(
            app.count("holder_keys").await,
            3,
            "a plain print keeps the keys"
        );
    }
);

on_both!(
    r_card_10_only_the_series_coordinators_print_it,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let s = series(&app, &w, "Q", 1, 2).await;
        let body = json!({"first": 1, "last": 2});
        let path = format!("/api/v1/card-series/{s}/prints");
        // The caller in its own scope, the series in another.
        let r = app
            .api(Method::POST, &path, &w.coord_b, Some(body.clone()))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
        for who in [&w.admin, &w.issuer_a, &w.staff_a, &w.token_a] {
            let r = app.api(Method::POST, &path, who, Some(body.clone())).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text());
        }
        let r = app.api(Method::POST, &path, &Who::Anon, Some(body)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.count("card_prints").await, 0, "nothing was started");
        let job = printed(&app, &w.coord_a, s, json!({"first": 1, "last": 2})).await;
        for p in [
            format!("/api/v1/prints/{}", job["id"]),
            format!("/api/v1/prints/{}/pdf", job["id"]),
            format!("/api/v1/card-series/{s}/prints"),
        ] {
            let r = app.api(Method::GET, &p, &w.coord_b, None).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{p}");
            for who in [&w.admin, &w.issuer_a, &w.staff_a] {
                assert_eq!(
                    app.api(Method::GET, &p, who, None).await.status,
                    StatusCode::FORBIDDEN,
                    "{p}"
                );
            }
        }
        // Out of the series, or backwards: refused, nothing started.
        for (first, last, field) in [(0, 2, "first"), (1, 3, "last"), (2, 1, "last")] {
            let r = app
                .api(
                    Method::POST,
                    &path,
                    &w.coord_a,
                    Some(json!({"first": first, "last": last})),
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
            assert_eq!(r.json()["error"]["field"], field);
        }
        let big = series(&app, &w, "B", 1, 10_001).await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/card-series/{big}/prints"),
                &w.coord_a,
                Some(json!({"first": 1, "last": 10_001})),
            )
            .await;
        assert_eq!(r.error_code(), "print_too_many");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("10000")
        );
        assert_eq!(app.count("card_prints").await, 1);
    }
);

on_both!(
    r_card_10_the_print_screen_warns_before_replacing_keys,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let s = series(&app, &w, "U", 1, 4).await;
        let form = app.get(&format!("/series/{s}/print"), &w.coord_a).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.text().contains("name=\"holder_keys\""));
        let r = app
            .form(
                &format!("/series/{s}/print"),
                &w.coord_a,
                &[("first", "1"), ("last", "2"), ("holder_keys", "on")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let job_page = r.location();
        let id: i64 = job_page.rsplit('/').next().unwrap().parse().unwrap();
        let job = app.get(&job_page, &w.coord_a).await;
        assert_eq!(job.status, StatusCode::OK);
        assert!(job.text().contains("U0001–U0002"));
        for _ in 0..600 {
            let j = app
                .api(
                    Method::GET,
                    &format!("/api/v1/prints/{id}"),
                    &w.coord_a,
                    None,
                )
                .await
                .json();
            if j["status"] == "done" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let done = app.get(&job_page, &w.coord_a).await.text();
        assert!(done.contains(&format!("/prints/{id}/pdf")), "{done}");
        let listed = app.get(&format!("/series/{s}"), &w.coord_a).await.text();
        assert!(listed.contains(&format!("/prints/{id}")));
        // Keys again over the same cards: the screen says what happens and
        // waits for a yes; nothing is started meanwhile.
        let r = app
            .form(
                &format!("/series/{s}/print"),
                &w.coord_a,
                &[("first", "1"), ("last", "4"), ("holder_keys", "on")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.text().contains("name=\"confirm_replace\""));
        assert!(r.text().contains("2 tämän välin kortilla"), "{}", r.text());
        assert_eq!(app.count("card_prints").await, 1);
        let r = app
            .form(
                &format!("/series/{s}/print"),
                &w.coord_a,
                &[
                    ("first", "1"),
                    ("last", "4"),
                    ("holder_keys", "on"),
                    ("confirm_replace", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(app.count("card_prints").await, 2);
        // A number that is not one is told plainly.
        let r = app
            .form(
                &format!("/series/{s}/print"),
                &w.coord_a,
                &[("first", "yksi"), ("last", "4")],
            )
            .await;
        assert!(r.text().contains("kirjoita sarjan kortin numero"));
        assert_eq!(app.count("card_prints").await, 2);
    }
);
