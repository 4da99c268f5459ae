//! The screens as people use them: forms that post, errors shown beside their
//! fields, redirects after success, the language switch.

use crate::common::{PASSWORD, TestApp, Who, World, hidden};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;

on_both!(
    national_admin_creates_an_area_and_its_coordinator_through_the_screens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .form(
                "/areas",
                &w.admin,
                &[
                    ("name", "Lappi"),
                    ("trial_ends", "2027-12-31"),
                    ("municipality_codes", "698, 320"),
                    ("brochure_languages", "fi"),
                    ("brochure_languages", "en"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let area_page = r.location();
        let page = app.get(&area_page, &w.admin).await.text();
        assert!(page.contains("<h1>Lappi</h1>"));
        assert!(page.contains("31.12.2027"));
        assert!(
            page.contains("Kemijärvi, Rovaniemi"),
            "the municipalities by name"
        );
        assert!(page.contains("Tallennettu."));
        let area_id = area_page
            .trim_start_matches("/areas/")
            .split('?')
            .next()
            .unwrap()
            .to_string();

        let r = app
            .form(
                "/accounts",
                &w.admin,
                &[
                    ("username", "lappi.koordinaattori"),
                    ("password", "lappi salasana 1"),
                    ("role", "area_coordinator"),
                    ("area", &area_id),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let coord = app
            .login_with("lappi.koordinaattori", "lappi salasana 1")
            .await;
        // The admin chose that password: the first thing the coordinator
        // can do is choose one of its own (R-AUTH-5).
        let first = app.get("/", &coord).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        assert_eq!(first.location(), "/account");
        let page = app.get("/account", &coord).await.text();
        assert!(page.contains("Salasanasi on asettanut joku muu"), "{page}");
        let r = app
            .form(
                "/account",
                &coord,
                &[
                    ("current_password", "lappi salasana 1"),
                    ("new_password", "oma lappi salasana"),
                    ("new_password_again", "oma lappi salasana"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let home = app.get("/", &coord).await.text();
        assert!(home.contains("Alueen koordinaattori") && home.contains("Lappi"));
        assert_eq!(
            app.get(&format!("/areas/{area_id}/points/new"), &coord)
                .await
                .status,
            StatusCode::OK
        );
        // Another area is as unknown to it as a missing one (R-AUTH-6).
        assert_eq!(
            app.get(&format!("/areas/{}", w.a), &coord).await.status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    coordinator_builds_its_area_through_the_screens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let a = w.a.to_string();
        let r = app
            .form(
                &format!("/areas/{a}/points"),
                &w.coord_a,
                &[("name", "Diakoniatyö"), ("type", "parish")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let r = app
            .form(
                &format!("/areas/{a}/venues"),
                &w.coord_a,
                &[
                    ("name", "Kaupunginteatteri"),
                    ("sector", "theatre"),
                    ("sales_channels", "box_office"),
                    ("sales_channels", "phone"),
                    ("free_cloakroom", "on"),
                    ("contact_email", "kassa@teatteri.fi"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let page = app.get(&format!("/areas/{a}"), &w.coord_a).await.text();
        assert!(page.contains("Diakoniatyö") && page.contains("Seurakunta"));
        assert!(page.contains("Kaupunginteatteri"));
        let venues = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{a}/venues"),
                &w.coord_a,
                None,
            )
            .await
            .json();
        let v = venues
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == "Kaupunginteatteri")
            .unwrap()
            .clone();
        assert_eq!(
            v["sales_channels"],
            serde_json::json!(["box_office", "phone"])
        );
        assert_eq!(v["free_cloakroom"], true);
        assert_eq!(v["free_assistant_entry"], true, "R-VENUE-1");
        assert_eq!(v["category"], "culture");

        // An issuer account for the new point, through the form.
        let points = app
            .api(
                Method::GET,
                &format!("/api/v1/areas/{a}/distribution-points"),
                &w.coord_a,
                None,
            )
            .await
            .json();
        let point = points
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Diakoniatyö")
            .unwrap()["id"]
            .to_string();
        let r = app
            .form(
                "/accounts",
                &w.coord_a,
                &[
                    ("username", "diakoni"),
                    ("password", "kevät tulee järvelle pian"),
                    ("role", "issuer"),
                    ("distribution_point", &point),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let issuer = app
            .first_login("diakoni", "kevät tulee järvelle pian")
            .await;
        let home = app.get("/", &issuer).await.text();
        assert!(home.contains("Kortin jakaja") && home.contains("Diakoniatyö"));
        // The issuer sees its point but cannot change it: the form is disabled.
        let p = app.get(&format!("/points/{point}"), &issuer).await.text();
        assert!(p.contains("<fieldset class=\"plain\" disabled>"));
    }
);

on_both!(
    form_errors_are_summarised_linked_and_keep_only_what_passed,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let areas = app.count("areas").await;
        let r = app
            .form(
                "/areas",
                &w.admin,
                &[
                    ("name", ""),
                    ("trial_ends", "31.13.2027"),
                    ("municipality_codes", "698, 32"),
                    ("brochure_languages", "fi"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let html = r.text();
        assert!(html.contains("class=\"error-summary\" role=\"alert\""));
        assert!(html.contains("autofocus"), "focus moves to the summary");
        assert!(html.contains("<a href=\"#f-name\">Nimi: tieto puuttuu.</a>"));
        assert!(html.contains("<a href=\"#f-trial_ends\">"));
        assert!(html.contains("Kuntaa ei löytynyt"));
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(html.contains("aria-describedby=\"h-trial_ends e-trial_ends\""));
        // What failed its check is not shown back (R-PRIV-5: a field may
        // hold anything, a name or a birth date); what passed stays.
        assert!(!html.contains("31.13.2027") && !html.contains("698, 32"));
        assert!(
            html.contains("value=\"fi\""),
            "what passed stays in its field"
        );
        assert_eq!(app.count("areas").await, areas);

        let r = app
            .form(
                "/accounts",
                &w.coord_a,
                &[
                    ("username", "x"),
                    ("password", "hunter2"),
                    ("role", "venue_staff"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let html = r.text();
        assert!(html.contains("#f-username") && html.contains("#f-password"));
        assert!(
            !html.contains("hunter2"),
            "a password is never put back into a page"
        );
    }
);

on_both!(
    login_form_explains_a_wrong_password_and_keeps_the_name,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        World::new(&app).await;
        let page = app.get("/login?next=/accounts", &Who::Anon).await;
        let csrf = hidden(&page.text(), "csrf").unwrap();
        assert_eq!(hidden(&page.text(), "next").unwrap(), "/accounts");
        let body = serde_html_form::to_string([
            ("csrf", csrf.as_str()),
            ("username", "coord_a"),
            ("password", "wrong password"),
            ("next", "/accounts"),
        ])
        .unwrap();
        let req = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("kaiku_csrf={csrf}"))
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::from(body))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let html = r.text();
        assert!(html.contains("The username or password is wrong"));
        assert!(html.contains("value=\"coord_a\""));
        assert!(!html.contains("wrong password"));
        // After a good login the user lands where they were going, never off-site.
        let body = serde_html_form::to_string([
            ("csrf", csrf.as_str()),
            ("username", "coord_a"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ])
        .unwrap();
        let req = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("kaiku_csrf={csrf}"))
            .body(Body::from(body))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/");
    }
);

on_both!(
    language_switch_remembers_the_choice,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app.get("/lang/sv?next=/areas", &w.admin).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/areas");
        let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
        assert!(cookie.starts_with("kaiku_lang=sv"));
        let Who::Cookie(session) = &w.admin else {
            unreachable!()
        };
        let req = Request::get("/areas")
            .header(
                header::COOKIE,
                format!("kaiku_session={session}; kaiku_lang=sv"),
            )
            .header(header::ACCEPT_LANGUAGE, "en")
            .body(Body::empty())
            .unwrap();
        let html = app.send(req).await.text();
        assert!(html.contains("<html lang=\"sv\">"));
        assert!(html.contains("<h1>Områden</h1>"));
        assert!(html.contains("lang=\"fi\" hreflang=\"fi\""));
        assert_eq!(
            app.get("/lang/sv?next=https://evil.example", &w.admin)
                .await
                .location(),
            "/"
        );
        assert_eq!(
            app.get("/lang/de", &w.admin).await.status,
            StatusCode::NOT_FOUND
        );
    }
);

on_both!(
    venue_token_is_shown_once_on_its_screen,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let path = format!("/venues/{}/tokens", w.va);
        let r = app
            .form(&path, &w.coord_a, &[("token_name", "Lippupiste")])
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let html = r.text();
        let start = html.find("value=\"kaiku_").expect("the new token is shown") + 7;
        let token = html[start..].split('"').next().unwrap().to_string();
        let me = app
            .api(Method::GET, "/api/v1/me", &Who::Bearer(token.clone()), None)
            .await;
        assert_eq!(me.status, StatusCode::OK);
        let again = app.get(&path, &w.coord_a).await.text();
        assert!(again.contains("Lippupiste"));
        assert!(!again.contains(&token), "never shown again");
    }
);

on_both!(
    coordinator_resets_a_forgotten_password,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .form(
                &format!("/accounts/{}/password", w.issuer_a_id),
                &w.coord_a,
                &[("password", "uusi salasana 2026")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &w.issuer_a, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        app.login_with("issuer_a", "uusi salasana 2026").await;
        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        assert!(log.as_array().unwrap().iter().any(|e| e["action"] == "account.password_reset" && e["record_id"] == w.issuer_a_id));
    }
);
