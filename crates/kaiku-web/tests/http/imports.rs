//! Spreadsheets in over HTTP (usage sheets) on both backends.

use crate::common::{Resp, TestApp, Who, World};
use crate::reports::hilla;
use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::{Backend, TestDb};
use serde_json::{Value, json};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn upload(app: &TestApp, who: &Who, venue: i64, kind: &str, body: Vec<u8>) -> Resp {
    let req = TestApp::request(
        Method::POST,
        &format!("/api/v1/venues/{venue}/usage-imports"),
        who,
    )
    .header(header::CONTENT_TYPE, kind)
    .body(Body::from(body))
    .unwrap();
    app.send(req).await
}

async fn confirm(app: &TestApp, who: &Who, id: i64, only_accepted: bool) -> Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/usage-imports/{id}/confirm"),
        who,
        Some(json!({"only_accepted": only_accepted})),
    )
    .await
}

fn rows(report: &Value) -> Value {
    report["rows"].clone()
}

const FEB: &str = "from=2020-02-01&to=2020-02-29";

on_both!(
    r_use_6_a_usage_report_exported_imports_into_a_fresh_register,
    |db: TestDb| async move {
        let backend = if db.url.starts_with("sqlite") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        let first = TestApp::new(db);
        let w1 = World::new(&first).await;
        let v1 = hilla(&first, &w1, true).await;
        let report = first
            .get(
                &format!("/api/v1/venues/{v1}/usage-report?{FEB}"),
                &w1.coord_a,
            )
            .await
            .json();
        let csv = first
            .get(
                &format!("/api/v1/venues/{v1}/usage-report?{FEB}&format=csv"),
                &w1.coord_a,
            )
            .await
            .body;
        let xlsx = first
            .get(
                &format!("/api/v1/venues/{v1}/usage-report?{FEB}&format=xlsx"),
                &w1.coord_a,
            )
            .await
            .body;

        // Each export, CSV and XLSX, into a register of its own.
        for (kind, body) in [("text/csv", csv.clone()), (XLSX, xlsx.clone())] {
            let fresh = TestApp::new(TestDb::new(backend).unwrap());
            let w2 = World::new(&fresh).await;
            let v2 = hilla(&fresh, &w2, false).await;
            let preview = upload(&fresh, &w2.coord_a, v2, kind, body).await;
            assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text());
            let p = preview.json();
            assert_eq!(
                (p["accepted"].as_u64(), p["refused"].as_u64()),
                (Some(2), Some(0)),
                "{kind}: {p}"
            );
            assert_eq!(fresh.count("tickets").await, 0, "a preview writes nothing");
            let done = confirm(&fresh, &w2.coord_a, p["id"].as_i64().unwrap(), false).await;
            assert_eq!(done.status, StatusCode::OK, "{}", done.text());
            assert_eq!(done.json()["items_created"], 2);
            let again = fresh
                .get(
                    &format!("/api/v1/venues/{v2}/usage-report?{FEB}"),
                    &w2.coord_a,
                )
                .await
                .json();
            assert_eq!(rows(&again), rows(&report), "{kind}: the same report");
            assert_eq!(again["total_children"], 4);
        }
        let fresh = TestApp::new(TestDb::new(backend).unwrap());
        let w2 = World::new(&fresh).await;
        let v2 = hilla(&fresh, &w2, false).await;
        let p = upload(&fresh, &w2.coord_a, v2, "text/csv", csv.clone())
            .await
            .json();
        assert_eq!(
            confirm(&fresh, &w2.coord_a, p["id"].as_i64().unwrap(), false)
                .await
                .status,
            StatusCode::OK
        );
        // The same uses again, as CSV or as the XLSX: nothing doubles.
        for (kind, body) in [("text/csv", csv), (XLSX, xlsx)] {
            let p = upload(&fresh, &w2.coord_a, v2, kind, body).await.json();
            assert_eq!(
                (p["accepted"].as_u64(), p["duplicates"].as_u64()),
                (Some(0), Some(2)),
                "{kind}: {p}"
            );
            assert_eq!(p["rows"][0]["code"], "import_already_imported");
        }
        // Confirming twice writes once.
        assert_eq!(
            confirm(&fresh, &w2.coord_a, p["id"].as_i64().unwrap(), false)
                .await
                .status,
            StatusCode::CONFLICT
        );
        assert_eq!(fresh.count("tickets").await, 2);
    }
);

on_both!(
    r_priv_1_identifying_data_in_a_sheet_is_refused_and_never_echoed,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let v = hilla(&app, &w, false).await;
        let sheet = "Kortnummer;Namn;Vuxna;Barn;Föreställning;Datum\r\n\
                     E2251;Maija Meikäläinen;1;2;Trollkarlen Matti;3.2.2020\r\n\
                     10141;;1;0;Besök 131052-308T;9.2.2020\r\n\
                     10141;;1;0;En magisk sommarnatt;31.2.2020\r\n\
                     X!1;;1;0;En magisk sommarnatt;9.2.2020\r\n\
                     E2251;;1;2;Trollkarlen Matti;2020-02-03\r\n";
        let r = upload(&app, &w.coord_a, v, "text/csv", sheet.as_bytes().to_vec()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let text = r.text();
        assert!(
            !text.contains("Maija") && !text.contains("131052"),
            "never echoed: {text}"
        );
        let p = r.json();
        assert!(p["notes"][0].as_str().unwrap().contains("B (Namn)"), "{p}");
        let codes: Vec<&str> = p["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(
            codes,
            [
                "",
                "import_identity_code",
                "import_bad_date",
                "import_bad_code",
                "import_duplicate_row"
            ]
        );
        assert!(
            p["rows"][1]["reason"]
                .as_str()
                .unwrap()
                .starts_with("Rivi 3, sarake E")
        );
        // With refused rows, only an explicit choice imports the rest.
        let id = p["id"].as_i64().unwrap();
        // The refused rows to fix: the columns read, the reason; neither the
        // name column nor the identity code.
        let refused = app
            .get(
                &format!("/api/v1/imports/{id}/refused-rows?format=csv"),
                &w.coord_a,
            )
            .await;
        let text = String::from_utf8_lossy(&refused.body).to_string();
        assert!(
            !text.contains("131052") && !text.contains("Maija"),
            "{text}"
        );
        let sheet_rows = kaiku_app::sheet::read(&refused.body).unwrap();
        assert_eq!(sheet_rows.len(), 1 + 3, "{sheet_rows:?}");
        assert_eq!(
            sheet_rows[0],
            [
                "Kortnummer",
                "Vuxna",
                "Barn",
                "Föreställning",
                "Datum",
                "Syy"
            ]
        );
        assert_eq!(sheet_rows[1][3], "", "the cell with the code is left empty");
        assert_eq!(
            confirm(&app, &w.coord_a, id, false).await.status,
            StatusCode::CONFLICT
        );
        assert_eq!(app.count("tickets").await, 0);
        assert_eq!(
            confirm(&app, &w.coord_a, id, true).await.status,
            StatusCode::OK
        );
        assert_eq!(app.count("tickets").await, 1);
        // Files that are no sheet of uses are refused with a reason, and write nothing.
        for (kind, body, code) in [
            ("text/csv", b"".to_vec(), "sheet_empty"),
            (
                "text/csv",
                b"Kortnummer;Vuxna;Barn;F\xf6rest\xe4llning;Datum\r\n;;;;\r\n".to_vec(),
                "sheet_no_rows",
            ),
            (
                "text/csv",
                b"Kortnummer;Vuxna\r\n".to_vec(),
                "import_missing_columns",
            ),
            (XLSX, b"PK\x03\x04 broken".to_vec(), "sheet_unreadable"),
        ] {
            let r = upload(&app, &w.coord_a, v, kind, body).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{code}: {}", r.text());
            assert_eq!(r.error_code(), code);
        }
        // Windows-1252, as older Excel saves "CSV (semicolon)".
        let old = b"Kortnummer;Vuxna;Barn;F\xf6rest\xe4llning;Datum\r\nE2252;1;0;Trollkarlen Matti;3.2.2020\r\n";
        let p = upload(&app, &w.coord_a, v, "text/csv", old.to_vec())
            .await
            .json();
        assert_eq!(p["accepted"], 1, "{p}");
        let big = vec![b'x'; 17 * 1024 * 1024];
        assert_eq!(
            upload(&app, &w.coord_a, v, "text/csv", big).await.status,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        // Only the venue's own people import (another venue is as unknown
        // as a missing one, R-AUTH-6), and a session must say what it sends.
        assert_eq!(
            upload(&app, &w.staff_a, v, "text/csv", sheet.as_bytes().to_vec())
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            upload(&app, &w.coord_a, v, "text/plain", sheet.as_bytes().to_vec())
                .await
                .status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(app.count("tickets").await, 1);
    }
);

on_both!(
    r_use_6_the_import_screen_previews_then_records,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let v = hilla(&app, &w, false).await;
        let page = app.get(&format!("/venues/{v}/import"), &w.coord_a).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("enctype=\"multipart/form-data\""));
        let sheet = "Kortnummer;Vuxna;Barn;Föreställning;Datum\r\nE2251;1;2;Trollkarlen Matti;3.2.2020\r\n10141;1;2;En magisk sommarnatt;9.2.2020\r\n";
        let post = |csrf: String| {
            let boundary = "kaikuBOUNDARY";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kaynnit.csv\"\r\nContent-Type: text/csv\r\n\r\n{sheet}\r\n\
                 --{boundary}--\r\n"
            );
            TestApp::request(Method::POST, &format!("/venues/{v}/import"), &w.coord_a)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap()
        };
        let forged = app.send(post("wrong".into())).await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        let csrf = app.csrf(&w.coord_a).await;
        let preview = app.send(post(csrf)).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.text());
        let html = preview.text();
        assert!(html.contains("2 riviä voidaan kirjata"), "{html}");
        assert_eq!(app.count("tickets").await, 0);
        let action = html
            .split("action=\"/imports/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let done = app
            .form(&format!("/imports/{action}/confirm"), &w.coord_a, &[])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        assert_eq!(done.location(), format!("/venues/{v}/import?recorded=2"));
        assert!(
            app.get(&done.location(), &w.coord_a)
                .await
                .text()
                .contains("2 käyntiä kirjattiin")
        );
        assert_eq!(app.count("tickets").await, 2);
        // The items the sheet made up from titles typed on paper are the
        // venue's record, not offering: the public catalogue does not list
        // them.
        assert_eq!(app.count("items").await, 2);
        let public = app
            .api(
                Method::GET,
                &format!("/api/v1/catalogue/{}?from=2020-02-01&to=2020-02-28", w.a),
                &Who::Anon,
                None,
            )
            .await;
        assert_eq!(public.status, StatusCode::OK, "{}", public.text());
        assert!(!public.text().contains("Trollkarlen"), "{}", public.text());
        assert!(!public.text().contains("sommarnatt"), "{}", public.text());
    }
);

on_both!(
    r_use_6_templates_in_three_languages_import_as_they_are,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let v = hilla(&app, &w, false).await;
        // The model's own headings (§9.2), remarks in brackets included.
        for (lang, first) in [
            ("fi", "Kortin koodi (numeroita ja/tai kirjaimia)"),
            (
                "sv",
                "Kortets kod (bestående av siffror och/eller bokstäver)",
            ),
            ("en", "Card code (digits and/or letters)"),
        ] {
            for format in ["csv", "xlsx"] {
                let t = app
                    .get_as(
                        &format!("/api/v1/import-templates/usage?format={format}"),
                        &w.coord_a,
                        lang,
                    )
                    .await;
                assert_eq!(t.status, StatusCode::OK);
                let rows = kaiku_app::sheet::read(&t.body).unwrap();
                assert_eq!(rows.len(), 1, "headings only");
                assert_eq!(rows[0][0], first, "{lang} {format}");
                // Filled in with one use, it imports.
                let mut filled = rows[0].join(";");
                // With the form's totals line under it, as the model prints it.
                let totals = match lang {
                    "fi" => "Yhteensä",
                    "sv" => "Sammanlagt",
                    _ => "Total",
                };
                filled.push_str(&format!(
                    "\r\nE2251;1;0;Trollkarlen Matti;3.2.2020\r\n{totals};1;0;;\r\n"
                ));
                let p = upload(&app, &w.coord_a, v, "text/csv", filled.into_bytes())
                    .await
                    .json();
                assert_eq!(p["accepted"], 1, "{lang} {format}: {p}");
            }
        }
        assert_eq!(
            app.get("/api/v1/import-templates/usage", &Who::Anon)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
);

/// A PDF's text as a person's reader shows it (poppler's pdftotext).
fn pdf_text(pdf: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils, which .ci/run installs) reads the form back");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

on_both!(
    r_off_5_the_models_forms_print_blank_and_come_back_filled_in,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let v = hilla(&app, &w, false).await;
        for (lang, headings, totals) in [
            (
                "sv",
                [
                    "Kortets kod (bestående av siffror och/eller bokstäver)",
                    "Biljett för vuxna",
                    "Biljett för barn (under 18 år)",
                    "Föreställningens namn",
                    "Datum",
                ],
                "Sammanlagt",
            ),
            (
                "fi",
                [
                    "Kortin koodi (numeroita ja/tai kirjaimia)",
                    "Aikuisten lippu",
                    "Lasten lippu (alle 18 v.)",
                    "Esityksen nimi",
                    "Päivämäärä",
                ],
                "Yhteensä",
            ),
        ] {
            // Printed blank, from the box office: the model's headings (the
            // child age of the policy in force) and its totals line.
            let pdf = app
                .get_as(
                    "/api/v1/import-templates/usage?format=pdf",
                    &w.staff_a,
                    lang,
                )
                .await;
            assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.text());
            assert_eq!(pdf.headers["content-type"], "application/pdf");
            // Headings wrap in their narrow columns: every word is there.
            let text = pdf_text(&pdf.body);
            for word in headings.iter().flat_map(|h| h.split_whitespace()) {
                assert!(text.contains(word), "{lang}: {word} in {text}");
            }
            assert!(text.contains(totals), "{lang}: {text}");
            // Filled in as a spreadsheet (the model's own Excel form), with
            // its totals line: the use imports, the totals are not a use.
            let table = kaiku_web::export::Table {
                title: "Teater Hilla".into(),
                headings: headings.iter().map(|h| h.to_string()).collect(),
                rows: vec![
                    vec![
                        kaiku_web::export::Cell::Text("E2251".into()),
                        kaiku_web::export::Cell::Number(1),
                        kaiku_web::export::Cell::Number(2),
                        kaiku_web::export::Cell::Text("Trollkarlen Matti".into()),
                        kaiku_web::export::Cell::Text("3.2.2020".into()),
                    ],
                    vec![
                        kaiku_web::export::Cell::Text(totals.into()),
                        kaiku_web::export::Cell::Number(1),
                        kaiku_web::export::Cell::Number(2),
                        kaiku_web::export::Cell::Empty,
                        kaiku_web::export::Cell::Empty,
                    ],
                ],
                totals: vec![],
                widths: vec![14.0; 5],
            };
            let xlsx = kaiku_web::export::xlsx(&table).unwrap();
            let p = upload(
                &app,
                &w.coord_a,
                v,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                xlsx,
            )
            .await
            .json();
            assert_eq!(
                (p["accepted"].as_i64(), p["refused"].as_i64()),
                (Some(1), Some(0)),
                "{lang}: {p}"
            );
        }
        // The transfer form: printed from the issue screen, no name on it.
        for (lang, words) in [
            (
                "sv",
                [
                    "Blankett för överlåtelse av Kaikukortti",
                    "Kortets kod",
                    "Födelseår",
                ],
            ),
            (
                "fi",
                ["Kaikukortin luovutuslomake", "Kortin koodi", "Syntymävuosi"],
            ),
        ] {
            let pdf = app
                .get_as(
                    "/api/v1/import-templates/issuance?format=pdf",
                    &w.issuer_a,
                    lang,
                )
                .await;
            assert_eq!(pdf.status, StatusCode::OK);
            let text = pdf_text(&pdf.body);
            for word in words.iter().flat_map(|w| w.split_whitespace()) {
                assert!(text.contains(word), "{lang}: {word} in {text}");
            }
        }
    }
);
