//! Transfer forms in over HTTP on both backends: the forms of
//! §4.2 judged as the issuing screen judges them, on their grant dates.

use crate::common::{Resp, TestApp, Who, World};
use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

/// Stock E1000–E1099 in area A, E1000–E1049 of it at Point A.
async fn stock(app: &TestApp, w: &World) {
    World::stock(
        app,
        &w.coord_a,
        w.a,
        "E",
        1000..=1099,
        &[(w.pa, 1000..=1049)],
    )
    .await;
}

async fn upload(app: &TestApp, who: &Who, point: i64, confirmed: bool, sheet: &str) -> Resp {
    let req = TestApp::request(
        Method::POST,
        &format!(
            "/api/v1/distribution-points/{point}/issuance-imports?confirmed_at_least_16={confirmed}"
        ),
        who,
    )
    .header(header::CONTENT_TYPE, "text/csv")
    .body(Body::from(sheet.to_string()))
    .unwrap();
    app.send(req).await
}

async fn confirm(app: &TestApp, who: &Who, id: i64, only_accepted: bool) -> Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/issuance-imports/{id}/confirm"),
        who,
        Some(json!({"only_accepted": only_accepted})),
    )
    .await
}

fn codes(p: &Value) -> Vec<String> {
    p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}:{}",
                r["row"],
                r["code"].as_str().unwrap_or(r["status"].as_str().unwrap())
            )
        })
        .collect()
}

/// Swedish headings in the form's own order but one; categories written
/// in all three languages.
const FORMS: &str = "Kortnummer;Födelseår;Beviljningsdag;Modersmål;Kön;Postnummer;Minderåriga barn;Livssituation\r\n\
E1001;1975;3.2.2020;svenska;kvinna;06100;2;Pensionär, Låginkomsttagare\r\n\
E1002;1980;2020-03-01;Finnish;man;;0;Student\r\n\
E1003;2008;1.1.2024;suomi;;;0;\r\n\
E1004;2010;1.1.2024;suomi;;;0;\r\n\
E1005;1970;1.1.2024;klingon;;;0;\r\n\
E1001;1975;3.2.2020;svenska;kvinna;06100;2;\r\n\
e-1001;1975;2021-02-10;sv;woman;6100;1;pensioner\r\n\
Z9999;1975;1.1.2024;;;;0;\r\n\
E1006;1975;1.1.2099;;;;0;\r\n\
E1007;1980;1.6.2022;;;;;\r\n\
E1008;1980;1.6.2019;ei halua kertoa;;ingen stadigvarande adress;;Ei halua kertoa\r\n\
E1009;1980;1.6.2022;;;131052-308T;0;\r\n\
E1080;1980;1.6.2022;;;;0;\r\n";

on_both!(
    r_card_7_transfer_forms_import_on_their_grant_dates,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        stock(&app, &w).await;
        let r = upload(&app, &w.issuer_a, w.pa, false, FORMS).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert!(!r.text().contains("131052"), "never echoed");
        let p = r.json();
        assert_eq!(
            codes(&p),
            [
                "2:accepted",
                "3:accepted",
                "4:age_not_confirmed",
                "5:under_16",
                "6:import_unknown_category",
                "7:import_duplicate_row",
                "8:accepted",
                "9:card_unknown",
                "10:grant_date_future",
                "11:required",
                "12:accepted",
                "13:import_identity_code",
                "14:accepted",
            ],
            "{p}"
        );
        let reason = |row: usize| p["rows"][row - 2]["reason"].as_str().unwrap().to_string();
        assert!(
            reason(6).starts_with("Rivi 6, äidinkieli: "),
            "{}",
            reason(6)
        );
        assert!(reason(11).starts_with("Rivi 11, alle 18"), "{}", reason(11));
        assert_eq!(
            app.count("card_events").await,
            0,
            "a preview writes nothing"
        );
        let id = p["id"].as_i64().unwrap();
        assert_eq!(
            confirm(&app, &w.issuer_a, id, false).await.status,
            StatusCode::CONFLICT
        );
        let done = confirm(&app, &w.issuer_a, id, true).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        assert_eq!(
            (
                done.json()["recorded"].as_i64(),
                done.json()["renewals"].as_i64()
            ),
            (Some(5), Some(1))
        );
        // E1001 was issued in 2020 and renewed from the later form, with
        // the background written as codes.
        let rec = app
            .get("/api/v1/cards/E1001/record", &w.issuer_a)
            .await
            .json();
        assert_eq!(rec["card"]["valid_until"], "2022-02-10", "{rec}");
        let h = rec["history"].as_array().unwrap();
        let first = h.iter().find(|e| e["event"] == "issued").unwrap();
        assert_eq!(first["mother_tongue"], "sv");
        assert_eq!(first["gender"], "woman");
        assert_eq!(first["life_situations"], json!(["pensioner", "low_income"]));
        let renewed = h.iter().find(|e| e["event"] == "renewed").unwrap();
        assert_eq!(renewed["postal_code"], "06100", "a number cell's lost zero");
        let rec = app
            .get("/api/v1/cards/E1008/record", &w.issuer_a)
            .await
            .json();
        let e = &rec["history"][0];
        assert_eq!(
            (&e["postal_code"], &e["minor_children"], &e["mother_tongue"]),
            (
                &json!("no_permanent_address"),
                &json!(0),
                &json!("not_stated")
            ),
            "children not asked before 2021"
        );
        // E1080 is the area's unallocated stock: any point of the area.
        let rec = app
            .get("/api/v1/cards/E1080/record", &w.coord_a)
            .await
            .json();
        assert_eq!(rec["card"]["status"], "expired");

        // The same forms again, the ages confirmed: what is in is not doubled.
        let again = upload(&app, &w.coord_a, w.pa, true, FORMS).await.json();
        let c = codes(&again);
        for row in ["2", "3", "8", "12", "14"] {
            assert!(
                c.contains(&format!("{row}:import_already_imported")),
                "{row}: {c:?}"
            );
        }
        assert!(c.contains(&"4:accepted".to_string()), "{c:?}");
        assert_eq!(app.count("card_events").await, 5);

        // The refused rows come back as a sheet with the reason; the
        // identity code is not in it, and it imports again as it is.
        let sheet = app
            .get(
                &format!("/api/v1/imports/{id}/refused-rows?format=csv"),
                &w.issuer_a,
            )
            .await;
        assert_eq!(sheet.status, StatusCode::OK);
        let text = String::from_utf8_lossy(&sheet.body).to_string();
        assert!(!text.contains("131052"), "{text}");
        let rows = kaiku_app::sheet::read(&sheet.body).unwrap();
        assert_eq!(rows.len(), 1 + 7, "{rows:?}");
        assert_eq!(rows[0].last().unwrap(), "Syy");
        assert!(rows[1].last().unwrap().contains("vähintään 16"), "{rows:?}");
        let xlsx = app
            .get(
                &format!("/api/v1/imports/{id}/refused-rows?format=xlsx"),
                &w.issuer_a,
            )
            .await;
        assert_eq!(kaiku_app::sheet::read(&xlsx.body).unwrap(), rows);
        let back = upload(&app, &w.issuer_a, w.pa, false, &text).await.json();
        // The emptied cells (the identity code, and an optional answer that
        // was no answer) leave forms that now go in; the rest wait for a fix.
        assert_eq!(
            (back["refused"].as_i64(), back["accepted"].as_i64()),
            (Some(5), Some(2)),
            "{back}"
        );
        assert!(
            back["notes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n.as_str().unwrap().contains(" I ")),
            "the reason column is not read: {back}"
        );
    }
);

on_both!(
    r_auth_1_transfer_forms_are_the_points_and_the_coordinators,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        stock(&app, &w).await;
        let one = "Kortin koodi;Myöntämispäivä;Syntymävuosi;Lapset\r\nE1010;1.6.2022;1980;0\r\n";
        for (who, want) in [
            (&w.staff_a, StatusCode::FORBIDDEN),
            (&w.token_a, StatusCode::FORBIDDEN),
            (&w.admin, StatusCode::FORBIDDEN),
            (&w.issuer_a, StatusCode::CREATED),
        ] {
            assert_eq!(upload(&app, who, w.pa, false, one).await.status, want);
        }
        // Another area's point: not the issuer's, and as unknown to it as a
        // missing one (R-AUTH-6).
        assert_eq!(
            upload(&app, &w.issuer_a, w.pb, false, one).await.status,
            StatusCode::NOT_FOUND
        );
        // A preview is confirmed only by those who may make it.
        let p = upload(&app, &w.coord_a, w.pa, false, one).await.json();
        let id = p["id"].as_i64().unwrap();
        // Venue staff import usage sheets, not transfer forms: to them a
        // point's preview is as unknown as a missing one (R-AUTH-6).
        assert_eq!(
            confirm(&app, &w.staff_a, id, false).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("/api/v1/imports/{id}/refused-rows"), &w.staff_a)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            confirm(&app, &w.issuer_a, id, false).await.status,
            StatusCode::OK
        );
        // Sheets that are not transfer forms are refused whole.
        let r = upload(
            &app,
            &w.issuer_a,
            w.pa,
            false,
            "Kortin koodi;Aikuiset\r\nE1;1\r\n",
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.error_code(), "import_missing_form_columns");
        assert!(r.text().contains("myöntämispäivä"), "{}", r.text());
    }
);

on_both!(
    r_card_5_issuance_templates_in_three_languages_import_as_they_are,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        stock(&app, &w).await;
        for (n, (lang, first, row)) in [
            (
                "fi",
                "Kortin koodi (numeroita ja/tai kirjaimia)",
                "1.6.2022;1980;suomi;nainen;00100;1;Opiskelija",
            ),
            (
                "sv",
                "Kortets kod (bestående av siffror och/eller bokstäver)",
                "1.6.2022;1980;finska;kvinna;00100;1;Studerande",
            ),
            (
                "en",
                "Card code (digits and/or letters)",
                "2022-06-01;1980;Finnish;woman;00100;1;Student",
            ),
        ]
        .into_iter()
        .enumerate()
        {
            for (m, format) in ["csv", "xlsx"].into_iter().enumerate() {
                let t = app
                    .get_as(
                        &format!("/api/v1/import-templates/issuance?format={format}"),
                        &w.issuer_a,
                        lang,
                    )
                    .await;
                assert_eq!(t.status, StatusCode::OK);
                let rows = kaiku_app::sheet::read(&t.body).unwrap();
                assert_eq!(rows.len(), 1, "headings only");
                assert_eq!(rows[0][0], first, "{lang} {format}");
                let code = format!("E10{}{}", 2 + n, m);
                let filled = format!("{}\r\n{code};{row}\r\n", rows[0].join(";"));
                let p = upload(&app, &w.issuer_a, w.pa, false, &filled).await.json();
                assert_eq!(p["accepted"], 1, "{lang} {format}: {p}");
                assert!(p["notes"].as_array().unwrap().is_empty(), "{p}");
            }
        }
    }
);

on_both!(
    r_card_7_the_transfer_form_import_screen_previews_then_records,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        stock(&app, &w).await;
        let cards = app
            .get(&format!("/points/{}/cards", w.pa), &w.issuer_a)
            .await;
        assert!(cards.text().contains(&format!("/points/{}/import", w.pa)));
        let page = app
            .get(&format!("/points/{}/import", w.pa), &w.issuer_a)
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("name=\"confirmed_at_least_16\""));
        let sheet = "Kortin koodi;Myöntämispäivä;Syntymävuosi;Alaikäiset lapset\r\nE1011;1.6.2022;2006;0\r\nE1012;1.6.2022;1980;3\r\n";
        let csrf = app.csrf(&w.issuer_a).await;
        let post = |confirmed: bool| {
            let boundary = "kaikuBOUNDARY";
            let c16 = if confirmed {
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"confirmed_at_least_16\"\r\n\r\ntrue\r\n"
                )
            } else {
                String::new()
            };
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n{c16}\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lomakkeet.csv\"\r\nContent-Type: text/csv\r\n\r\n{sheet}\r\n\
                 --{boundary}--\r\n"
            );
            TestApp::request(
                Method::POST,
                &format!("/points/{}/import", w.pa),
                &w.issuer_a,
            )
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap()
        };
        let html = app.send(post(false)).await.text();
        assert!(
            html.contains("1 rivi voidaan kirjata, 1 hylätään"),
            "{html}"
        );
        assert!(html.contains("refused-rows?format=xlsx"), "{html}");
        let html = app.send(post(true)).await.text();
        assert!(
            html.contains("2 riviä voidaan kirjata, 0 hylätään"),
            "{html}"
        );
        assert!(html.contains(" checked"), "the confirmation stays ticked");
        let action = html
            .split("action=\"/imports/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let done = app
            .form(&format!("/imports/{action}/confirm"), &w.issuer_a, &[])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        assert_eq!(
            done.location(),
            format!("/points/{}/import?recorded=2", w.pa)
        );
        assert!(
            app.get(&done.location(), &w.issuer_a)
                .await
                .text()
                .contains("2 luovutuslomaketta kirjattiin")
        );
        assert_eq!(app.count("card_events").await, 2);
    }
);

on_both!(
    r_well_1_transfer_forms_carry_a_column_per_question_in_any_language,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        stock(&app, &w).await;
        let today = crate::common::today();
        let day = |n: i64| {
            (today - chrono::Duration::days(n))
                .format("%-d.%-m.%Y")
                .to_string()
        };
        let mut ids = vec![];
        for (scale, from, texts) in [
            (
                "frequency",
                400,
                [
                    "Kuinka usein osallistuit kulttuuriin?",
                    "Hur ofta deltog du i kultur?",
                    "How often did you take part in culture?",
                ],
            ),
            (
                "level",
                30,
                ["Kuinka hyvin voit?", "Hur mår du?", "How well are you?"],
            ),
        ] {
            let r = app
                .api(
                    Method::POST,
                    "/api/v1/wellbeing-questions",
                    &w.admin,
                    Some(
                        json!({"scale": scale, "text_fi": texts[0], "text_sv": texts[1],
                        "text_en": texts[2],
                        "effective_from": (today - chrono::Duration::days(from)).to_string()}),
                    ),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        let (q1, q2) = (ids[0], ids[1]);

        // The blank form asks today's questions in its language.
        let template = app
            .get("/api/v1/import-templates/issuance?format=csv", &w.issuer_a)
            .await
            .text();
        assert!(
            template.contains("Kuinka usein osallistuit kulttuuriin?")
                && template.contains("Kuinka hyvin voit?"),
            "{template}"
        );

        // One question headed in Swedish, the other in English; answers as
        // codes or names in any language, an empty cell "did not answer".
        let sheet = format!(
            "Kortnummer;Födelseår;Beviljningsdag;Hur ofta deltog du i kultur?;How well are you? (1-5);Barn\r\n\
             E1001;1975;{d10};Varje vecka;3;0\r\n\
             E1002;1980;{d10};;;0\r\n\
             E1003;1980;{d10};often;;0\r\n\
             E1004;1980;{d60};weekly;4;0\r\n\
             E1005;1980;{d60};Ei vastannut;;0\r\n\
             E1006;1980;{d10};monthly;7;0\r\n",
            d10 = day(10),
            d60 = day(60),
        );
        let r = upload(&app, &w.issuer_a, w.pa, false, &sheet).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let p = r.json();
        assert_eq!(
            codes(&p),
            [
                "2:accepted",
                "3:accepted",
                "4:wellbeing_answer",
                "5:wellbeing_question",
                "6:accepted",
                "7:wellbeing_answer",
            ],
            "{p}"
        );
        let reason = |row: usize| p["rows"][row - 2]["reason"].as_str().unwrap().to_string();
        assert!(reason(4).contains("sarakkeen D"), "{}", reason(4));
        assert!(
            !reason(4).contains("often"),
            "a refused cell is not repeated"
        );
        assert!(reason(5).contains("sarakkeen E"), "{}", reason(5));
        assert!(reason(7).contains("sarakkeen E"), "{}", reason(7));
        assert!(
            !p["notes"].to_string().contains("Sarakkeen D"),
            "the question columns are read: {p}"
        );
        let id = p["id"].as_i64().unwrap();
        let done = confirm(&app, &w.issuer_a, id, true).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        assert_eq!(
            crate::common::wellbeing_stored(&app, "E1001").await,
            [Some(format!("{q1}:weekly,{q2}:3"))]
        );
        assert_eq!(
            crate::common::wellbeing_stored(&app, "E1002").await,
            [Some(format!("{q1}:no_answer,{q2}:no_answer"))]
        );
        // Before the second question was asked: only the first is stored.
        assert_eq!(
            crate::common::wellbeing_stored(&app, "E1005").await,
            [Some(format!("{q1}:no_answer"))]
        );
        assert_eq!(
            crate::common::wellbeing_stored(&app, "E1003").await,
            Vec::<Option<String>>::new()
        );
    }
);
