//! Well-being indicators (R-WELL-1) on both backends: the national
//! questions with effective dates in three languages, asked at issue and
//! renewal, answers kept with the grant as codes, "did not answer" an answer.

use crate::common::{self, TestApp, World, issue, today, transfer_form, with};
use axum::http::{Method, StatusCode};
use chrono::Datelike;
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::{Value, json};

async fn question(app: &TestApp, w: &World, body: Value) -> i64 {
    let r = app
        .api(
            Method::POST,
            "/api/v1/wellbeing-questions",
            &w.admin,
            Some(body),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()["id"].as_i64().unwrap()
}

on_both!(
    r_well_1_answers_are_kept_with_the_grant_as_codes,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        World::stock(&app, &w.coord_a, w.a, "W", 1..=5, &[(w.pa, 1..=5)]).await;
        let texts = json!({"text_fi": "Kuinka usein osallistuit kulttuuriin?", "text_sv": "Hur ofta deltog du i kultur?",
            "text_en": "How often did you take part in culture?"});
        let mut now = texts.clone();
        now["scale"] = json!("frequency");
        // Asked since the start of last year: all of last year.
        now["effective_from"] = json!(format!("{}-01-01", today().year() - 1));
        let q1 = question(&app, &w, now).await;
        // Each worded apart: a question's text is its column's heading.
        let worded = |n: &str| {
            let mut t = texts.clone();
            for l in ["text_fi", "text_sv", "text_en"] {
                t[l] = json!(format!("{} ({n})", t[l].as_str().unwrap()));
            }
            t
        };
        let mut level = worded("1–5");
        level["scale"] = json!("level");
        level["effective_from"] = json!((today() - chrono::Duration::days(400)).to_string());
        level["effective_to"] = json!((today() - chrono::Duration::days(100)).to_string());
        let old = question(&app, &w, level).await;
        let mut coming = worded("uusi");
        coming["scale"] = json!("level");
        coming["effective_from"] = json!((today() + chrono::Duration::days(30)).to_string());
        question(&app, &w, coming).await;

        // Only the national service words them.
        let r = app
            .api(
                Method::POST,
                "/api/v1/wellbeing-questions",
                &w.coord_a,
                Some(texts.clone()),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let listed = app
            .api(
                Method::GET,
                "/api/v1/wellbeing-questions",
                &w.issuer_a,
                None,
            )
            .await
            .json();
        assert_eq!(
            listed.as_array().unwrap().len(),
            3,
            "anyone at work reads them"
        );
        // Not an integration token: national policy data is for people.
        let r = app
            .api(Method::GET, "/api/v1/wellbeing-questions", &w.token_a, None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // Today's question answered; the others are not asked today.
        let body = with(
            transfer_form(0),
            "wellbeing",
            json!({ q1.to_string(): "weekly" }),
        );
        assert_eq!(
            issue(&app, &w.issuer_a, "W1", body).await.status,
            StatusCode::CREATED
        );
        assert_eq!(
            crate::common::wellbeing_stored(&app, "W1").await,
            vec![Some(format!("{q1}:weekly"))]
        );
        // Not answered: kept as "did not answer".
        common::issued(&app, &w.issuer_a, "W2", transfer_form(0)).await;
        assert_eq!(
            crate::common::wellbeing_stored(&app, "W2").await,
            vec![Some(format!("{q1}:no_answer"))]
        );
        // Backdated into the old question's time: that one is asked then.
        let back = with(
            transfer_form(0),
            "grant_date",
            json!((today() - chrono::Duration::days(200)).to_string()),
        );
        let back = with(back, "wellbeing", json!({ old.to_string(): "4" }));
        assert_eq!(
            issue(&app, &w.issuer_a, "W3", back).await.status,
            StatusCode::CREATED
        );
        let kept = crate::common::wellbeing_stored(&app, "W3").await[0]
            .clone()
            .unwrap();
        assert!(
            kept.contains(&format!("{old}:4")) && kept.contains(&format!("{q1}:no_answer")),
            "{kept}"
        );

        // An answer off the scale, or to a question not asked that day:
        // refused, said plainly, nothing written, nothing echoed.
        for bad in [
            json!({ q1.to_string(): "every day, she said" }),
            json!({ old.to_string(): "3" }),
            json!({ "999": "weekly" }),
        ] {
            let r = issue(
                &app,
                &w.issuer_a,
                "W4",
                with(transfer_form(0), "wellbeing", bad),
            )
            .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
            assert_eq!(r.json()["error"]["errors"][0]["field"], "wellbeing");
            assert!(!r.text().contains("she said"));
        }
        assert!(crate::common::wellbeing_stored(&app, "W4").await.is_empty());

        // Renewal asks again, and keeps the new answer with the new grant.
        app.store
            .write(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::cards::dsl::*;
                diesel::update(cards.filter(code.eq("W1")))
                    .set(valid_until.eq(today() + chrono::Duration::days(10)))
                    .execute(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        let r = app
            .api(
                Method::POST,
                "/api/v1/cards/W1/renew",
                &w.issuer_a,
                Some(with(
                    transfer_form(0),
                    "wellbeing",
                    json!({ q1.to_string(): "monthly" }),
                )),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(
            crate::common::wellbeing_stored(&app, "W1").await,
            vec![Some(format!("{q1}:weekly")), Some(format!("{q1}:monthly"))]
        );

        // The area's statistics: each answer counted, and the change from
        // the card's earlier answer to its renewal (weekly, then monthly:
        // lower) only where both were given.
        let from = (today() - chrono::Duration::days(400)).to_string();
        let path = format!(
            "/api/v1/areas/{}/statistics?from={from}&to={}",
            w.a,
            today()
        );
        let s = app.api(Method::GET, &path, &w.coord_a, None).await.json();
        let line = s["wellbeing"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["question"] == q1)
            .unwrap()
            .clone();
        let count = |a: &str| {
            line["answers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["key"] == a)
                .unwrap()["count"]
                .clone()
        };
        assert_eq!(
            (count("weekly"), count("monthly"), count("no_answer")),
            (json!(1), json!(1), json!(2))
        );
        assert_eq!(
            (
                line["compared"].as_i64(),
                line["higher"].as_i64(),
                line["lower"].as_i64()
            ),
            (Some(1), Some(0), Some(1))
        );
        let page = app
            .get(
                &format!("/areas/{}/statistics?from={from}&to={}", w.a, today()),
                &w.coord_a,
            )
            .await
            .text();
        assert!(
            page.contains("vastaus nousi 0, pysyi samana 0 ja laski 1"),
            "{page}"
        );
        let csv = app
            .get(
                &format!(
                    "/api/v1/areas/{}/statistics?from={from}&to={}&format=csv",
                    w.a,
                    today()
                ),
                &w.coord_a,
            )
            .await
            .text();
        assert!(
            csv.contains("Kuinka usein osallistuit kulttuuriin?;Viikoittain;1"),
            "{csv}"
        );
        assert!(csv.contains("Vastaus laski jatkettaessa"), "{csv}");
        // Outside the area (R-REP-5): a whole year as submitted, each
        // count of persons in its published form. One person answered
        // weekly last year: the national reader sees "<5" (as for the
        // empty answers beside it), never the 1.
        let last_year = today() - chrono::Duration::days(350);
        let body = with(transfer_form(0), "grant_date", json!(last_year.to_string()));
        let body = with(body, "wellbeing", json!({ q1.to_string(): "weekly" }));
        assert_eq!(
            issue(&app, &w.issuer_a, "W4", body).await.status,
            StatusCode::CREATED
        );
        let year = last_year.year();
        let own = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{}/statistics?year={year}", w.a),
                &w.coord_a,
                None,
            )
            .await
            .json();
        assert!(
            !own["wellbeing"].as_array().unwrap().is_empty(),
            "the area's own view has them"
        );
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/statistics/submissions", w.a),
                &w.coord_a,
                Some(json!({ "year": year })),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
        let published = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{}/statistics?year={year}", w.a),
                &w.admin,
                None,
            )
            .await
            .json();
        let line = published["wellbeing"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["question"] == q1)
            .expect("the question is published")
            .clone();
        assert_eq!(line["text"], "Kuinka usein osallistuit kulttuuriin?");
        // The question asked only part of last year stays in the area.
        assert!(
            own["wellbeing"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["question"] == old),
            "{own}"
        );
        assert!(
            !published["wellbeing"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["question"] == old),
            "{published}"
        );
        for a in line["answers"].as_array().unwrap() {
            assert!(a["count"] == "<5" || a["count"] == "x", "{line}");
        }
        for m in ["compared", "higher", "same", "lower"] {
            assert!(line[m] == "<5" || line[m] == "x", "{line}");
        }
        for p in [
            format!("/api/v1/areas/{}/statistics?year={year}&format=csv", w.a),
            format!("/areas/{}/statistics?year={year}", w.a),
        ] {
            let seen = app.get(&p, &w.admin).await;
            assert_eq!(seen.status, StatusCode::OK, "{p}");
            let text = seen.text();
            assert!(text.contains("Kuinka usein"), "{p}: {text}");
            assert!(!text.contains("Viikoittain;1"), "{p}: {text}");
        }

        // Once area B has submitted too, the whole country's table lists
        // the question, protected the same way.
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/statistics/submissions", w.b),
                &w.coord_b,
                Some(json!({ "year": year })),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
        let country = app
            .api(
                Method::GET,
                &format!("/api/v1/statistics?year={year}"),
                &w.admin,
                None,
            )
            .await
            .json();
        let line = country["total"]["wellbeing"]
            .as_array()
            .expect("the national table")
            .iter()
            .find(|l| l["question"] == q1)
            .expect("the question in the national table")
            .clone();
        for a in line["answers"].as_array().unwrap() {
            assert!(a["count"] == "<5" || a["count"] == "x", "{line}");
        }
        let page = app
            .get(&format!("/statistics?year={year}"), &w.admin)
            .await
            .text();
        assert!(page.contains("Kuinka usein"), "{page}");

        // A community card has no holder to ask.
        let r = issue(
            &app,
            &w.issuer_a,
            "W5",
            json!({"kind": "community", "wellbeing": { q1.to_string(): "weekly" }}),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);

        // The issue screen asks today's question in the page's language,
        // "did not answer" chosen until the client answers.
        let page = app
            .get(&format!("/points/{}/issue", w.pa), &w.issuer_a)
            .await
            .text();
        assert!(
            page.contains("Kuinka usein osallistuit kulttuuriin?"),
            "{page}"
        );
        assert!(page.contains(&format!("value=\"{q1}:no_answer\" selected")));
        assert!(
            !page.contains(&format!("id=\"f-wb-{old}\"")),
            "not asked today"
        );
        let r = app
            .form(
                &format!("/points/{}/issue", w.pa),
                &w.issuer_a,
                &[
                    ("code", "W5"),
                    ("birth_year", "1970"),
                    ("confirmed_at_least_16", "on"),
                    ("mother_tongue", "fi"),
                    ("gender", "man"),
                    ("postal_code_kind", "code"),
                    ("postal_code", "80100"),
                    ("minor_children", "0"),
                    ("wellbeing", &format!("{q1}:several_times")),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(
            crate::common::wellbeing_stored(&app, "W5").await,
            vec![Some(format!("{q1}:several_times"))]
        );
    }
);

on_both!(
    r_well_1_the_national_admin_words_questions_in_three_languages,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        // Every language required; dates in order; the scale one of kaiku's.
        let r = app
            .api(
                Method::POST,
                "/api/v1/wellbeing-questions",
                &w.admin,
                Some(json!({"scale": "stars", "text_fi": "Kysymys", "effective_from": "2026-01-01", "effective_to": "2025-01-01"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let body = r.json();
        let fields: Vec<&str> = body["error"]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        for f in ["scale", "text_sv", "text_en", "effective_to"] {
            assert!(fields.contains(&f), "{f}: {fields:?}");
        }
        assert_eq!(app.count("wellbeing_questions").await, 0);
        // Through the screens: added, listed, reworded; the scale stays.
        let r = app
            .form(
                "/wellbeing/new",
                &w.admin,
                &[
                    ("scale", "level"),
                    ("text_fi", "Kuinka hyvin voit?"),
                    ("text_sv", "Hur mår du?"),
                    ("text_en", "How are you?"),
                    ("effective_from", "2026-01-01"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let list = app.get("/wellbeing", &w.admin).await.text();
        assert!(list.contains("Kuinka hyvin voit?") && list.contains("Hur mår du?"));
        let id = app
            .api(Method::GET, "/api/v1/wellbeing-questions", &w.admin, None)
            .await
            .json()[0]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/wellbeing-questions/{id}"),
                &w.admin,
                Some(json!({"scale": "frequency", "text_fi": "Miten voit?", "text_sv": "Hur mår du?", "text_en": "How are you?", "effective_from": "2026-01-01", "effective_to": "2026-12-31"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(
            r.json()["scale"],
            "level",
            "answers given are codes of the first scale"
        );
        assert_eq!(r.json()["text_fi"], "Miten voit?");
        assert_eq!(
            app.get("/wellbeing", &w.coord_a).await.status,
            StatusCode::FORBIDDEN
        );
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/wellbeing-questions/{id}"),
                &w.coord_a,
                Some(json!({"text_fi": "x"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
);

on_both!(
    r_well_1_a_question_keeps_its_past_and_its_own_wording,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let from = today() - chrono::Duration::days(100);
        let body = json!({"scale": "frequency", "text_fi": "Miten voit?", "text_sv": "Hur mår du?",
            "text_en": "How are you?", "effective_from": from.to_string(), "position": 3});
        let q = question(&app, &w, body.clone()).await;
        let put = |b: Value| {
            let app = &app;
            let w = &w;
            async move {
                app.api(
                    Method::PUT,
                    &format!("/api/v1/wellbeing-questions/{q}"),
                    &w.admin,
                    Some(b),
                )
                .await
            }
        };
        // Moved earlier into the past: answers would count for days the
        // question was not asked.
        let earlier = with(
            body.clone(),
            "effective_from",
            json!((from - chrono::Duration::days(200)).to_string()),
        );
        let r = put(earlier).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(r.error_code(), "wellbeing_from_past");
        // Later, or worded anew without its place in the order: fine, and
        // the place is kept.
        let mut later = with(
            body.clone(),
            "effective_from",
            json!((from + chrono::Duration::days(10)).to_string()),
        );
        later.as_object_mut().unwrap().remove("position");
        let r = put(later).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["position"], 3);
        // Another question worded the same in any language cannot be told
        // apart as a transfer form's column.
        let twin = with(body, "text_fi", json!("Jotain muuta?"));
        let r = app
            .api(
                Method::POST,
                "/api/v1/wellbeing-questions",
                &w.admin,
                Some(twin),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
        assert_eq!(r.error_code(), "wellbeing_text_taken");
    }
);
