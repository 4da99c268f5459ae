//! The public catalogue and brochure (SPEC §9) on both backends.

use crate::common::{TestApp, Who, World, today};
use axum::http::{Method, StatusCode};
use chrono::Duration;
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use serde_json::json;

/// Venue A gets a profile with staff-only contact data, an open show and an
/// excluded touring production; a second venue of area A is closed; area B
/// has its own show.
async fn setup(app: &TestApp) -> World {
    let w = World::new(app).await;
    let profile = json!({"name": "Venue A", "sector": "theatre", "address": "Rantakatu 20, 80100 Joensuu", "website": "https://hilla.example.fi",
        "accessibility": "Esteetön sisäänkäynti", "sales_channels": ["box_office", "ticket_agency"], "ticket_agency": "Lippupiste",
        "restrictions": "Ensi-illat eivät ole mukana", "free_cloakroom": true, "municipality_code": "167",
        "contact_name": "Kassapäällikkö Anna", "contact_phone": "+358 40 123 4567", "contact_email": "anna@hilla.example.fi"});
    let r = app
        .api(
            Method::PUT,
            &format!("/api/v1/venues/{}", w.va),
            &w.coord_a,
            Some(profile),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let day = today() + Duration::days(10);
    let show = json!({"type": "event", "title": "Trollkarlen Matti", "starts_at": format!("{day}T19:00"), "capacity": 400, "cap": 20, "booking_opens_days_before": 30});
    assert_eq!(
        app.api(
            Method::POST,
            &format!("/api/v1/venues/{}/items", w.va),
            &w.staff_a,
            Some(show)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let touring = json!({"type": "event", "title": "Kiertue", "starts_at": format!("{day}T15:00"), "capacity": 400, "excluded": true, "exclusion_reason": "Vierailuesitys"});
    assert_eq!(
        app.api(
            Method::POST,
            &format!("/api/v1/venues/{}/items", w.va),
            &w.staff_a,
            Some(touring)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let closed = app
        .api(
            Method::POST,
            &format!("/api/v1/areas/{}/venues", w.a),
            &w.coord_a,
            Some(json!({"name": "Suljettu museo", "sector": "museum", "active": false})),
        )
        .await;
    assert_eq!(closed.status, StatusCode::CREATED);
    let b_show = json!({"type": "event", "title": "Borgå revy", "starts_at": format!("{day}T19:00"), "capacity": 100});
    assert_eq!(
        app.api(
            Method::POST,
            &format!("/api/v1/venues/{}/items", w.vb),
            &w.admin,
            Some(b_show)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    w
}

on_both!(
    catalogue_shows_exactly_the_active_venues_and_open_items_of_the_area,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app).await;
        let r = app
            .api(
                Method::GET,
                &format!("/api/v1/catalogue/{}", w.a),
                &Who::Anon,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "no login needed");
        let cat = r.json();
        let venues = cat["venues"].as_array().unwrap();
        assert_eq!(
            venues.len(),
            1,
            "the closed museum and area B are not listed"
        );
        let v = &venues[0];
        assert_eq!(v["name"], "Venue A");
        assert_eq!(v["free_assistant_entry"], true, "R-VENUE-1");
        assert_eq!(v["ticket_agency"], "Lippupiste");
        let titles: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Trollkarlen Matti"]);
        assert_eq!(v["items"][0]["cap"], 20);
        assert!(v["items"][0]["booking_opens_at"].is_string());
        assert_eq!(
            v["exclusions"][0]["reason"], "Vierailuesitys",
            "R-OFFER-1: the restriction is shown"
        );
        let text = r.text();
        for private in ["Kassapäällikkö", "anna@", "+358", "contact", "capacity"] {
            assert!(
                !text.contains(private),
                "{private} leaked into the catalogue"
            );
        }
        // The whole country, and filters.
        let all = app
            .api(Method::GET, "/api/v1/catalogue", &Who::Anon, None)
            .await
            .json();
        assert_eq!(all["venues"].as_array().unwrap().len(), 2);
        let museums = app
            .api(
                Method::GET,
                "/api/v1/catalogue?sector=museum",
                &Who::Anon,
                None,
            )
            .await
            .json();
        assert_eq!(museums["venues"].as_array().unwrap().len(), 0);
        let joensuu = app
            .api(
                Method::GET,
                "/api/v1/catalogue?municipality=167",
                &Who::Anon,
                None,
            )
            .await
            .json();
        assert_eq!(joensuu["venues"].as_array().unwrap().len(), 1);
        let later = app
            .api(
                Method::GET,
                &format!(
                    "/api/v1/catalogue/{}?from={}",
                    w.a,
                    today() + Duration::days(11)
                ),
                &Who::Anon,
                None,
            )
            .await
            .json();
        assert_eq!(later["venues"][0]["items"].as_array().unwrap().len(), 0);
        let bad = app
            .api(
                Method::GET,
                &format!("/api/v1/catalogue/{}?from=huomenna", w.a),
                &Who::Anon,
                None,
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        // Found in the browser: a reversed period or a mistyped municipality
        // listed nothing without saying why.
        for (query, code) in [
            ("from=2026-12-01&to=2026-11-01", "period_order"),
            ("municipality=abc", "invalid_municipality"),
        ] {
            let r = app
                .api(
                    Method::GET,
                    &format!("/api/v1/catalogue/{}?{query}", w.a),
                    &Who::Anon,
                    None,
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
            assert_eq!(r.error_code(), code, "{query}");
        }
        assert_eq!(
            app.api(
                Method::GET,
                "/api/v1/catalogue?sector=opera",
                &Who::Anon,
                None
            )
            .await
            .status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            app.api(Method::GET, "/api/v1/catalogue/999999", &Who::Anon, None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(catalogue_page_in_three_languages, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = setup(&app).await;
    for (lang, heading, assistant) in [
        (
            "fi",
            "Missä kortti käy",
            "Vammaisen henkilön avustaja, tulkki tai saattaja pääsee maksutta",
        ),
        (
            "sv",
            "Var kortet gäller",
            "Assistent, tolk eller ledsagare till en person med funktionsnedsättning kommer in gratis",
        ),
        (
            "en",
            "Where the card works",
            "The assistant, interpreter or companion of a person with a disability gets in free",
        ),
    ] {
        let req = axum::http::Request::get(format!("/catalogue/{}", w.a))
            .header("accept-language", lang)
            .body(axum::body::Body::empty())
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK);
        let html = r.text();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        assert!(html.contains(heading) && html.contains(assistant), "{lang}");
        assert!(html.contains("Trollkarlen Matti") && html.contains("Lippupiste"));
        assert!(!html.contains("Kassapäällikkö") && !html.contains("Borgå revy"));
        assert!(html.contains("width=device-width"), "readable on a phone");
    }
});

on_both!(brochure_as_page_and_pdf, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = setup(&app).await;
    let page = app
        .get(&format!("/catalogue/{}/brochure?lang=sv", w.a), &Who::Anon)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<html lang=\"sv\">") && page.text().contains("Broschyr"));
    let pdf = app
        .get(
            &format!("/catalogue/{}/brochure.pdf?lang=sv", w.a),
            &Who::Anon,
        )
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    // Read back as a person's reader shows it: a cover with the area and
    // the card's rules, the venues by sector, the offering as a table,
    // numbered pages, the fonts embedded.
    let text = crate::pdf::text(&pdf.body);
    assert!(
        text.contains("Kaikukortti") && text.contains("Area A"),
        "{text}"
    );
    assert!(
        text.contains("Så fungerar kortet"),
        "the rules in brief: {text}"
    );
    assert!(text.contains("Teater"), "the sector's heading: {text}");
    assert!(text.contains("Rantakatu 20, 80100 Joensuu"));
    assert!(
        text.contains("Evenemang eller kurs"),
        "the table's heading: {text}"
    );
    assert!(text.contains("Trollkarlen Matti"));
    assert!(
        text.contains("Var man får biljetter") && text.contains("följer med"),
        "å and ö survive: {text}"
    );
    assert!(text.contains("Vierailuesitys"));
    assert!(!text.contains("Kassapäällikkö"));
    let pages: usize = crate::pdf::info(&pdf.body, "Pages").parse().unwrap();
    assert!(pages >= 2, "a cover and the venues");
    let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        bare.contains(&format!("1/{pages}")),
        "numbered pages: {text}"
    );
    assert!(crate::pdf::fonts(&pdf.body).contains("DejaVuSans"));
});

on_both!(
    venue_staff_keep_their_profile_but_not_its_name,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let body = json!({"name": "Renamed", "sector": "theatre", "accessibility": "Induktiosilmukka", "sales_channels": ["box_office", "phone"], "active": false});
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.va),
                &w.staff_a,
                Some(body),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["name"], "Venue A");
        assert_eq!(r.json()["active"], true);
        assert_eq!(r.json()["accessibility"], "Induktiosilmukka");
        let other = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.vb),
                &w.staff_a,
                Some(json!({"name": "X", "sector": "theatre"})),
            )
            .await;
        // Another venue is as unknown to its staff as a missing one (R-AUTH-6).
        assert_eq!(other.status, StatusCode::NOT_FOUND);
        let page = app
            .get(&format!("/venues/{}", w.va), &w.staff_a)
            .await
            .text();
        assert!(
            !page.contains("name=\"name\""),
            "the name is not theirs to change"
        );
        assert!(!page.contains("<fieldset class=\"plain\" disabled>"));
        let r = app
            .form(
                &format!("/venues/{}", w.va),
                &w.staff_a,
                &[
                    ("sector", "theatre"),
                    ("sales_channels", "box_office"),
                    ("ticket_agency", "Lippupiste"),
                    ("municipality_code", "167"),
                    ("free_cloakroom", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let v = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}", w.va),
                &w.coord_a,
                None,
            )
            .await
            .json();
        assert_eq!(v["ticket_agency"], "Lippupiste");
        assert_eq!(v["municipality_code"], "167");
    }
);

on_both!(
    r_area_1_local_only_area_is_said_in_the_catalogue,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app).await;
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/areas/{}", w.a),
                &w.admin,
                Some(json!({"name": "Area A", "local_only": true})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let cat = app
            .api(
                Method::GET,
                &format!("/api/v1/catalogue/{}", w.a),
                &Who::Anon,
                None,
            )
            .await
            .json();
        assert_eq!(cat["areas"][0]["local_only"], true);
        let html = app
            .get(&format!("/catalogue/{}", w.a), &Who::Anon)
            .await
            .text();
        assert!(html.contains("Alueen kortit käyvät vain alueen omissa kohteissa"));
        let b = app
            .get(&format!("/catalogue/{}", w.b), &Who::Anon)
            .await
            .text();
        assert!(
            !b.contains("Alueen kortit käyvät vain"),
            "only the local-only area says so"
        );
    }
);

on_both!(
    r_venue_1_free_assistant_entry_is_always_on,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app).await;
        // It is not a venue option: there is no field to turn it off.
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.va),
                &w.coord_a,
                Some(
                    json!({"name": "Venue A", "sector": "theatre", "free_assistant_entry": false}),
                ),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let all = app
            .api(Method::GET, "/api/v1/catalogue", &Who::Anon, None)
            .await
            .json();
        assert!(
            all["venues"]
                .as_array()
                .unwrap()
                .iter()
                .all(|v| v["free_assistant_entry"] == true)
        );
        let html = app
            .get(&format!("/catalogue/{}/brochure", w.a), &Who::Anon)
            .await
            .text();
        assert!(html.contains("Vammaisen henkilön avustaja, tulkki tai saattaja pääsee maksutta"));
    }
);

on_both!(brochure_prints_every_sami_letter, |db: TestDb| async move {
    let app = TestApp::new(db);
    let w = setup(&app).await;
    let title = "Sámi duodji: čđŋšŧž ČĐŊŠŦŽ ǥǧǩǯʒ âáä õ";
    let day = today() + Duration::days(12);
    let r = app
        .api(
            Method::POST,
            &format!("/api/v1/venues/{}/items", w.va),
            &w.staff_a,
            Some(json!({"type": "event", "title": title, "starts_at": format!("{day}T18:00"), "capacity": 50, "cap": 5})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let pdf = app
        .get(
            &format!("/catalogue/{}/brochure.pdf?lang=fi", w.a),
            &Who::Anon,
        )
        .await;
    let text = crate::pdf::text(&pdf.body);
    // The table may wrap the title in its cell: word by word.
    for word in title.split_whitespace() {
        assert!(text.contains(word), "{word}: {text}");
    }
    assert!(!text.contains('?'), "no letter replaced: {text}");
});

on_both!(
    texts_are_shown_in_the_readers_language,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = setup(&app).await;
        // The area's Swedish name, and the venue's accessibility in Swedish
        // and English; its restrictions only in Finnish.
        let area = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{}", w.a),
                &w.admin,
                None,
            )
            .await
            .json();
        let mut edited = json!({"name": "Pohjanmaa", "name_sv": "Österbotten"});
        for k in [
            "trial_ends",
            "local_only",
            "municipality_codes",
            "brochure_languages",
        ] {
            edited[k] = area[k].clone();
        }
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/areas/{}", w.a),
                &w.admin,
                Some(edited),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let profile = json!({"name": "Venue A", "sector": "theatre",
            "accessibility": "Esteetön sisäänkäynti", "accessibility_sv": "Tillgänglig ingång",
            "accessibility_en": "Step-free entrance", "restrictions": "Ensi-illat eivät ole mukana"});
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/venues/{}", w.va),
                &w.coord_a,
                Some(profile),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let page = |lang: &'static str| {
            let app = &app;
            let path = format!("/catalogue/{}", w.a);
            async move {
                let req = axum::http::Request::get(path)
                    .header("accept-language", lang)
                    .body(axum::body::Body::empty())
                    .unwrap();
                app.send(req).await.text()
            }
        };
        let sv = page("sv").await;
        assert!(
            sv.contains("Österbotten") && !sv.contains("Pohjanmaa"),
            "{sv}"
        );
        assert!(sv.contains("<dd>Tillgänglig ingång</dd>"), "{sv}");
        assert!(!sv.contains("Esteetön") && !sv.contains("Step-free"));
        // No Swedish restrictions: the Finnish text, marked as Finnish.
        assert!(
            sv.contains("<dd lang=\"fi\">Ensi-illat eivät ole mukana</dd>"),
            "{sv}"
        );
        let en = page("en").await;
        assert!(en.contains("Pohjanmaa") && !en.contains("Österbotten"));
        assert!(en.contains("<dd>Step-free entrance</dd>"), "{en}");
        let fi = page("fi").await;
        assert!(fi.contains("<dd>Esteetön sisäänkäynti</dd>"), "{fi}");
        assert!(fi.contains("<dd>Ensi-illat eivät ole mukana</dd>"));
        // The Swedish brochure as a PDF: the Swedish name and text.
        let pdf = app
            .get(
                &format!("/catalogue/{}/brochure.pdf?lang=sv", w.a),
                &Who::Anon,
            )
            .await;
        let text = crate::pdf::text(&pdf.body);
        assert!(
            text.contains("Österbotten") && text.contains("Tillgänglig ingång"),
            "{text}"
        );
        assert!(
            !text.contains("Pohjanmaa") && !text.contains("Esteetön"),
            "{text}"
        );
        // The edit form offers each language, each marked as such.
        let form = app
            .get(&format!("/venues/{}", w.va), &w.coord_a)
            .await
            .text();
        assert!(
            form.contains(
                "name=\"accessibility_sv\" id=\"f-accessibility_sv\" rows=\"4\" lang=\"sv\""
            ),
            "{form}"
        );
    }
);
