//! The web shell: health, security headers, compression, translations
//! complete in three languages, and the service over a real socket.

use crate::common::{TestApp, Who, World};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use kaiku_core::grant::Role;
use kaiku_core::input::InputError;
use kaiku_core::org::{Lang, PointKind, SalesChannel, Sector};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use std::collections::BTreeSet;
use std::path::Path;

on_both!(
    health_reports_liveness_and_database,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let r = app.get("/health", &Who::Anon).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["status"], "ok");
        assert_eq!(r.json()["database"], app.store.backend());
    }
);

on_both!(
    security_headers_on_every_response,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        for path in [
            "/",
            "/login",
            "/api/v1/areas",
            "/no-such-page",
            "/static/kaiku.css",
        ] {
            let r = app.get(path, &Who::Anon).await;
            let csp = r.headers["content-security-policy"].to_str().unwrap();
            assert!(
                csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
                "{path}"
            );
            assert!(!csp.contains("unsafe-inline"));
            assert_eq!(r.headers["x-content-type-options"], "nosniff");
            assert_eq!(r.headers["referrer-policy"], "same-origin");
        }
        let page = app.get("/login", &Who::Anon).await.text();
        for tag in page.split("<script").skip(1) {
            assert!(
                tag.trim_start().starts_with("src=\"/static/"),
                "only our own script files, never inline"
            );
        }
        assert!(!page.contains("style=\""), "no inline style");
    }
);

on_both!(responses_are_gzipped_when_asked, |db: TestDb| async move {
    let app = TestApp::new(db);
    let req = Request::get("/static/kaiku.css")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.headers[header::CONTENT_ENCODING], "gzip");
    assert!(r.body.len() < include_str!("../../static/kaiku.css").len());
});

/// Every message id of a language, from each of its `.ftl` files; an id
/// given twice fails (Fluent would keep one of them silently).
fn keys(lang: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../locales/{lang}"));
    let mut all = BTreeSet::new();
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        for key in std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.to_string()))
        {
            assert!(all.insert(key.clone()), "{key} twice in {lang}");
        }
    }
    all
}

#[test]
fn every_message_exists_in_all_three_languages() {
    let fi = keys("fi");
    assert!(fi.len() > 100);
    assert_eq!(fi, keys("sv"), "Swedish differs from Finnish");
    assert_eq!(fi, keys("en"), "English differs from Finnish");
}

#[test]
fn every_message_used_by_screens_and_rules_exists() {
    let fi = keys("fi");
    let mut wanted: Vec<String> = vec![];
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("../kaiku-app/src");
    let mut texts = vec![];
    for dir in [
        templates,
        src.clone(),
        src.join("ui"),
        src.join("api"),
        app.clone(),
        app.join("imports"),
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
    }
    for text in &texts {
        for call in [".t(\"", ".t1(\"", "Page::new(&ctx, \"", "Page::new(ctx, \""] {
            for part in text.split(call).skip(1) {
                let key = part.split('"').next().unwrap();
                if key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
                    && !key.is_empty()
                {
                    wanted.push(key.to_string());
                }
            }
        }
    }
    for r in Role::ALL {
        wanted.push(format!("role-{}", r));
    }
    wanted.extend(Sector::ALL.iter().map(|s| format!("sector-{}", s)));
    wanted.extend(PointKind::ALL.iter().map(|s| format!("point-type-{}", s)));
    wanted.extend(SalesChannel::ALL.iter().map(|s| format!("channel-{}", s)));
    wanted.extend(Lang::ALL.iter().map(|s| format!("lang-{}", s)));
    wanted.extend(
        kaiku_core::background::GENDERS
            .iter()
            .map(|s| format!("gender-{s}")),
    );
    wanted.extend(["list-mother_tongue".into(), "list-life_situation".into()]);
    wanted.extend(
        kaiku_core::card::VOID_REASONS
            .iter()
            .map(|s| format!("void-reason-{s}")),
    );
    wanted.extend(
        kaiku_core::code::Check::ALL
            .iter()
            .map(|c| format!("check-{}", c)),
    );
    for s in ["in_stock", "issued", "expired", "void"] {
        wanted.push(format!("card-status-{s}"));
        wanted.push(format!("count-{s}"));
    }
    for e in ["issued", "renewed", "voided"] {
        wanted.push(format!("card-event-{e}"));
    }
    use kaiku_core::card::Refusal;
    let d = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    for r in [
        Refusal::Unknown,
        Refusal::CheckCharacter,
        Refusal::OtherArea,
        Refusal::AllocatedElsewhere,
        Refusal::AlreadyIssued { valid_until: None },
        Refusal::ExpiredUseRenew,
        Refusal::Void,
        Refusal::NotIssued,
        Refusal::NotYetRenewable { from: d },
        Refusal::CommunityCannotRenewAsPersonal,
    ] {
        wanted.push(format!("error-{}", r.code()));
    }
    use kaiku_core::background::BackgroundError as B;
    for e in [
        B::Required,
        B::Under16 { latest: 1 },
        B::BirthYearRange { latest: 1 },
        B::AgeNotConfirmed,
        B::Unknown,
        B::PostalCode,
        B::Children,
        B::NotStatedWithOthers,
        B::OptionCode,
    ] {
        wanted.push(format!("error-{}", e.code()));
    }
    let input_errors = [
        InputError::Required,
        InputError::TooLong { max: 1 },
        InputError::ControlCharacter,
        InputError::IdentityCode,
        InputError::NotADate,
        InputError::InvalidChoice,
        InputError::InvalidUrl,
        InputError::InvalidEmail,
        InputError::InvalidPhone,
        InputError::InvalidMunicipality,
        InputError::InvalidUsername,
        InputError::PasswordTooShort { min: 1 },
        InputError::PasswordTooLong { max: 1 },
        InputError::PasswordsDiffer,
    ];
    wanted.extend(input_errors.iter().map(|e| format!("error-{}", e.code())));
    for text in &texts {
        for part in text.split("AppError::Conflict(\"").skip(1) {
            wanted.push(format!("error-{}", part.split('"').next().unwrap()));
        }
        for marker in ["code: \"", "taken(\""] {
            for part in text.split(marker).skip(1) {
                let code = part.split('"').next().unwrap();
                if marker == "taken(\"" || code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                {
                    wanted.push(format!("error-{code}"));
                }
            }
        }
        for part in text.split("Field::").skip(1) {
            let mut pieces = part.split('"');
            if pieces.next().is_some_and(|head| head.contains("&page"))
                && let Some(name) = pieces.next()
            {
                wanted.push(format!("field-{name}"));
            }
        }
    }
    let missing: Vec<_> = wanted.iter().filter(|k| !fi.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "messages missing from locales: {missing:?}"
    );
}

on_both!(
    finnish_pages_show_no_untranslated_keys,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let pages = [
            "/".to_string(),
            "/areas".into(),
            "/areas/new".into(),
            format!("/areas/{}", w.a),
            format!("/areas/{}/edit", w.a),
            format!("/areas/{}/points/new", w.a),
            format!("/areas/{}/venues/new", w.a),
            format!("/points/{}", w.pa),
            format!("/venues/{}", w.va),
            "/accounts".into(),
            "/accounts/new".into(),
            "/accounts/add-role".into(),
            format!("/accounts/{}", w.issuer_a_id),
            "/audit".into(),
            "/account".into(),
        ];
        let prefixes = [
            "field-",
            "error-",
            "action-",
            "nav-",
            "hint-",
            "role-",
            "sector-",
            "point-type-",
            "channel-",
            "lang-",
            "notice-",
            "area-",
            "account-",
            "token-",
            "audit-",
        ];
        for path in pages {
            let r = app.get(&path, &w.admin).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            let html = r.text();
            assert!(html.contains("<html lang=\"fi\">"));
            for p in prefixes {
                for sep in [">", "\"", " "] {
                    let needle = format!("{sep}{p}");
                    assert!(
                        !html.split(&needle).skip(1).any(|rest| rest
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_lowercase())
                            && !rest.starts_with("token")),
                        "{path}: untranslated {needle}…"
                    );
                }
            }
        }
    }
);

#[tokio::test]
async fn serves_over_a_real_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let db = kaiku_store::testing::TestDb::new(kaiku_store::testing::Backend::Sqlite).unwrap();
    let store = kaiku_store::Store::open(&db.url).unwrap();
    let app = kaiku_web::router(store, kaiku_web::Config::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""));
    server.abort();
}

on_both!(openapi_document_is_served, |db: TestDb| async move {
    let app = TestApp::new(db);
    let r = app.get("/api/v1/openapi.json", &Who::Anon).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "kaiku");
    assert!(doc["paths"]["/api/v1/areas/{area}/venues"]["post"]["requestBody"].is_object());
    // Every schema referred to is in the document.
    fn refs(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                if let Some(r) = o.get("$ref").and_then(|r| r.as_str()) {
                    out.push(r.to_string());
                }
                o.values().for_each(|x| refs(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = vec![];
    refs(&doc, &mut all);
    assert!(all.len() > 100, "{}", all.len());
    for r in all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("{r}"));
        assert!(doc["components"]["schemas"][name].is_object(), "{r}");
    }
});

// The document and the router agree: every documented call is served by a
// route of its own (not the router's fallback, which marks its answers), and
// a documented path answers no other method.
on_both!(openapi_describes_every_api_route, |db: TestDb| async move {
    use axum::http::Method;
    let app = TestApp::new(db);
    let doc = app.get("/api/v1/openapi.json", &Who::Anon).await.json();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() > 50, "{}", paths.len());
    for (path, ops) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        let url = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "0" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
        ] {
            let documented = ops.get(method.as_str().to_lowercase()).is_some();
            let r = app.api(method.clone(), &url, &Who::Anon, None).await;
            if documented {
                assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
                assert!(
                    !r.headers.contains_key(kaiku_web::NO_ROUTE),
                    "{method} {path} is not routed"
                );
            } else {
                assert_eq!(
                    r.status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is served but not documented"
                );
            }
        }
    }
    // The marker is there when nothing serves a path.
    let r = app.get("/api/v1/no-such-call", &Who::Anon).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.headers[kaiku_web::NO_ROUTE], "1");
    assert_eq!(r.error_code(), "not_found");
});
