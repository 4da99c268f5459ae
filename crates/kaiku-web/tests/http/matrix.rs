//! R-AUTH-1, R-AUTH-5, R-AUTH-6 as a matrix with two axes: every role ×
//! every endpoint × a target in the caller's own scope, in another point or
//! venue of its area, and in another area; through the JSON API and the
//! HTML screens. Each cell says what the caller gets:
//!
//! - `y` allowed (2xx);
//! - `x` refused (403): the caller may not do this kind of thing anywhere;
//! - `h` hidden (404): the target lies in a scope the caller cannot see, and
//!   is answered exactly like an unknown one (R-AUTH-6);
//! - `b` bad input (400): a place the caller cannot see, named in a body, is
//!   refused like an unknown choice;
//! - `c` conflict (409): allowed to ask, but a rule says no (R-AUTH-5: an
//!   area's account holds grants of its own area only).
//!
//! The callers, in this order: the national admin, area A's coordinator, an
//! issuer at point A, venue A's staff and venue A's token.

use crate::common::{
    Resp, TestApp, Who, World, issued, make_account, op, password_hash, today, transfer_form,
};
use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use chrono::{Datelike, Duration};
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_store::on_both;
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::TestDb;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{StoreError, now};
use serde_json::{Value, json};

const CALLERS: [&str; 5] = ["admin", "coord_a", "issuer_a", "staff_a", "token_a"];

/// What a request sends.
#[derive(Clone)]
enum Sent {
    Nothing,
    Json(Value),
    Csv(String),
}

/// The matrix's register: the world of two areas, a second point and venue
/// in area A, stock, cards, items, tickets, imports and accounts in each.
struct M {
    w: World,
    /// Point A2 and venue A2: other places in the callers' own area.
    pa2: i64,
    va2: i64,
    series_a: i64,
    series_b: i64,
    /// Items at venue A, venue A2 and venue B.
    item_a: i64,
    item_a2: i64,
    item_b: i64,
    /// Tickets of venue A, A2 and B, and their uses.
    ticket_a: i64,
    ticket_b: i64,
    use_a: String,
    use_b: String,
    /// Previews of imports: a usage sheet at venue A and B, transfer forms
    /// at point A and B.
    usage_import_a: i64,
    usage_import_b: i64,
    issuance_import_a: i64,
    issuance_import_b: i64,
    /// Accounts at home in area A and area B (R-AUTH-5).
    account_a: i64,
    account_b: i64,
    token_a2_id: i64,
}

impl M {
    fn who(&self, i: usize) -> &Who {
        [
            &self.w.admin,
            &self.w.coord_a,
            &self.w.issuer_a,
            &self.w.staff_a,
            &self.w.token_a,
        ][i]
    }
}

async fn ok(r: Resp) -> Value {
    assert!(r.status.is_success(), "{}: {}", r.status, r.text());
    r.json()
}

async fn upload(app: &TestApp, who: &Who, path: &str, sheet: &str) -> Resp {
    let req = TestApp::request(Method::POST, path, who)
        .header(header::CONTENT_TYPE, "text/csv")
        .body(Body::from(sheet.to_string()))
        .unwrap();
    app.send(req).await
}

async fn setup(app: &TestApp) -> M {
    let w = World::new(app).await;
    let a = w.a;
    let hash = password_hash();
    let (pa2, va2) = app
        .store
        .write(move |c| {
            let scope = policy::manage_area(&op(), a).unwrap();
            let pa2 = points::create(
                c,
                &scope,
                &PointFields {
                    name: "Point A2".into(),
                    kind: kaiku_core::org::PointKind::Parish,
                    active: true,
                },
                now(),
            )?;
            let va2 = venues::create(
                c,
                &scope,
                &VenueFields::new("Venue A2", kaiku_core::org::Sector::Museum),
                now(),
            )?;
            make_account(
                c,
                "issuer_a2",
                &hash,
                Grant::Issuer {
                    area: a,
                    point: pa2,
                },
            )?;
            Ok::<_, StoreError>((pa2, va2))
        })
        .await
        .unwrap();
    let issuer_a2 = app.login("issuer_a2").await;
    let issuer_b = app.login("issuer_b").await;
    let series_a = World::stock(
        app,
        &w.coord_a,
        w.a,
        "E",
        1..=400,
        &[(w.pa, 1..=100), (pa2, 101..=200)],
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let series_b = World::stock(app, &w.coord_b, w.b, "F", 1..=100, &[(w.pb, 1..=50)]).await["id"]
        .as_i64()
        .unwrap();
    for n in 1..=40 {
        issued(app, &w.issuer_a, &format!("E{n}"), transfer_form(1)).await;
    }
    for n in 101..=110 {
        issued(app, &issuer_a2, &format!("E{n}"), transfer_form(1)).await;
    }
    for n in 1..=10 {
        issued(app, &issuer_b, &format!("F{n}"), transfer_form(1)).await;
    }
    let item = |venue: i64, who: &Who| {
        let who = who.clone();
        async move {
            let r = app
                .api(
                    Method::POST,
                    &format!("/api/v1/venues/{venue}/items"),
                    &who,
                    Some(json!({"type": "event", "title": "Näytös", "starts_at": format!("{}T19:00", today() + Duration::days(3)), "capacity": 400})),
                )
                .await;
            ok(r).await["id"].as_i64().unwrap()
        }
    };
    let item_a = item(w.va, &w.staff_a).await;
    let item_a2 = item(va2, &w.coord_a).await;
    let item_b = item(w.vb, &w.coord_b).await;
    let record = |item: i64, who: &Who, code: &str| {
        let (who, code) = (who.clone(), code.to_string());
        async move {
            ok(app
                .api(
                    Method::POST,
                    &format!("/api/v1/items/{item}/tickets"),
                    &who,
                    Some(json!({"card_code": code})),
                )
                .await)
            .await
        }
    };
    let ra = record(item_a, &w.token_a, "E1").await;
    let rb = record(item_b, &w.coord_b, "F1").await;
    let sheet =
        "Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä\r\nE2;1;0;Paperilta;1.2.2026\r\n";
    let usage_import_a = ok(upload(
        app,
        &w.coord_a,
        &format!("/api/v1/venues/{}/usage-imports", w.va),
        sheet,
    )
    .await)
    .await["id"]
        .as_i64()
        .unwrap();
    let usage_import_b = ok(upload(
        app,
        &w.coord_b,
        &format!("/api/v1/venues/{}/usage-imports", w.vb),
        &sheet.replace("E2", "F2"),
    )
    .await)
    .await["id"]
        .as_i64()
        .unwrap();
    let forms = "Kortin koodi;Myöntämispäivä;Syntymävuosi;Lapset\r\nE90;1.6.2026;1980;0\r\n";
    let issuance_import_a = ok(upload(
        app,
        &w.issuer_a,
        &format!(
            "/api/v1/distribution-points/{}/issuance-imports?confirmed_at_least_16=true",
            w.pa
        ),
        forms,
    )
    .await)
    .await["id"]
        .as_i64()
        .unwrap();
    let issuance_import_b = ok(upload(
        app,
        &issuer_b,
        &format!(
            "/api/v1/distribution-points/{}/issuance-imports?confirmed_at_least_16=true",
            w.pb
        ),
        &forms.replace("E90", "F40"),
    )
    .await)
    .await["id"]
        .as_i64()
        .unwrap();
    let account = |who: &Who, point: i64, name: &str| {
        let (who, name) = (who.clone(), name.to_string());
        async move {
            ok(app
                .api(
                    Method::POST,
                    "/api/v1/accounts",
                    &who,
                    Some(json!({"username": name, "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": point}]})),
                )
                .await)
            .await["id"]
                .as_i64()
                .unwrap()
        }
    };
    let account_a = account(&w.coord_a, w.pa, "kollega_a").await;
    let account_b = account(&w.coord_b, w.pb, "kollega_b").await;
    let token_a2_id = ok(app
        .api(
            Method::POST,
            &format!("/api/v1/venues/{va2}/api-tokens"),
            &w.coord_a,
            Some(json!({"name": "A2 system"})),
        )
        .await)
    .await["id"]
        .as_i64()
        .unwrap();
    M {
        pa2,
        va2,
        series_a,
        series_b,
        item_a,
        item_a2,
        item_b,
        ticket_a: ra["tickets"][0]["id"].as_i64().unwrap(),
        ticket_b: rb["tickets"][0]["id"].as_i64().unwrap(),
        use_a: ra["use_id"].as_str().unwrap().into(),
        use_b: rb["use_id"].as_str().unwrap().into(),
        usage_import_a,
        usage_import_b,
        issuance_import_a,
        issuance_import_b,
        account_a,
        account_b,
        token_a2_id,
        w,
    }
}

/// One row of the matrix: a call and what each caller gets. `paths` gives
/// one path for all callers, or one per caller (a target of its own where
/// an allowed call changes it).
struct Row {
    method: Method,
    paths: Vec<String>,
    sent: Box<dyn Fn(usize) -> Sent>,
    want: &'static str,
}

fn row(method: Method, path: String, want: &'static str) -> Row {
    Row {
        method,
        paths: vec![path],
        sent: Box::new(|_| Sent::Nothing),
        want,
    }
}

fn with(method: Method, path: String, want: &'static str, body: Value) -> Row {
    Row {
        method,
        paths: vec![path],
        sent: Box::new(move |_| Sent::Json(body.clone())),
        want,
    }
}

fn each(
    method: Method,
    paths: Vec<String>,
    want: &'static str,
    sent: impl Fn(usize) -> Sent + 'static,
) -> Row {
    Row {
        method,
        paths,
        sent: Box::new(sent),
        want,
    }
}

async fn send(app: &TestApp, method: &Method, path: &str, who: &Who, sent: Sent) -> Resp {
    match sent {
        Sent::Nothing => app.api(method.clone(), path, who, None).await,
        Sent::Json(v) => app.api(method.clone(), path, who, Some(v)).await,
        Sent::Csv(s) => {
            let req = TestApp::request(method.clone(), path, who)
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from(s))
                .unwrap();
            app.send(req).await
        }
    }
}

async fn run(app: &TestApp, m: &M, rows: Vec<Row>) {
    for r in rows {
        assert_eq!(r.want.len(), 5, "{} {:?}", r.method, r.paths);
        let anon = send(app, &r.method, &r.paths[0], &Who::Anon, (r.sent)(0)).await;
        assert_eq!(
            anon.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {} {}",
            r.method,
            r.paths[0]
        );
        for (i, want) in r.want.chars().enumerate() {
            let path = &r.paths[i.min(r.paths.len() - 1)];
            let got = send(app, &r.method, path, m.who(i), (r.sent)(i)).await;
            let cell = match got.status {
                s if s.is_success() => 'y',
                StatusCode::FORBIDDEN => 'x',
                StatusCode::NOT_FOUND => 'h',
                StatusCode::BAD_REQUEST => 'b',
                StatusCode::CONFLICT => 'c',
                s => panic!("{} {} {path}: {s} {}", CALLERS[i], r.method, got.text()),
            };
            assert_eq!(
                cell,
                want,
                "{} {} {path}: {}",
                CALLERS[i],
                r.method,
                got.text()
            );
            match cell {
                'x' => assert_eq!(got.error_code(), "forbidden", "{path}"),
                'h' => assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}"),
                _ => {}
            }
        }
    }
}

fn per_caller(f: impl Fn(usize) -> String) -> Vec<String> {
    (0..5).map(f).collect()
}

on_both!(r_auth_6_matrix_organisation, |db: TestDb| async move {
    let app = TestApp::new(db);
    let m = setup(&app).await;
    let w = &m.w;
    let (a, b, pa, pb, va, vb) = (w.a, w.b, w.pa, w.pb, w.va, w.vb);
    let (pa2, va2) = (m.pa2, m.va2);
    let point = |n: &'static str| {
        move |i: usize| Sent::Json(json!({"name": format!("{n} {i}"), "type": "ngo"}))
    };
    let venue = |n: &'static str| {
        move |i: usize| Sent::Json(json!({"name": format!("{n} {i}"), "sector": "museum"}))
    };
    let rows = vec![
        row(Method::GET, "/api/v1/me".into(), "yyyyy"),
        row(Method::GET, "/api/v1/areas".into(), "yyyyx"),
        each(Method::POST, vec!["/api/v1/areas".into()], "yxxxx", |i| {
            Sent::Json(json!({"name": format!("Uusi {i}")}))
        }),
        row(Method::GET, format!("/api/v1/areas/{a}"), "yyyyx"),
        row(Method::GET, format!("/api/v1/areas/{b}"), "yhhhx"),
        with(
            Method::PUT,
            format!("/api/v1/areas/{a}"),
            "yxxxx",
            json!({"name": "Area A"}),
        ),
        with(
            Method::PUT,
            format!("/api/v1/areas/{b}"),
            "yxxxx",
            json!({"name": "Area B"}),
        ),
        row(
            Method::GET,
            format!("/api/v1/areas/{a}/distribution-points"),
            "yyyyx",
        ),
        row(
            Method::GET,
            format!("/api/v1/areas/{b}/distribution-points"),
            "yhhhx",
        ),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{a}/distribution-points")],
            "yyxxx",
            point("Uusi A"),
        ),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{b}/distribution-points")],
            "yhxxx",
            point("Uusi B"),
        ),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pa}"),
            "yyyhx",
        ),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pa2}"),
            "yyhhx",
        ),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pb}"),
            "yhhhx",
        ),
        with(
            Method::PUT,
            format!("/api/v1/distribution-points/{pa}"),
            "yyxxx",
            json!({"name": "Point A", "type": "ngo"}),
        ),
        with(
            Method::PUT,
            format!("/api/v1/distribution-points/{pb}"),
            "yhxxx",
            json!({"name": "Point B", "type": "ngo"}),
        ),
        row(Method::GET, format!("/api/v1/areas/{a}/venues"), "yyyyx"),
        row(Method::GET, format!("/api/v1/areas/{b}/venues"), "yhhhx"),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{a}/venues")],
            "yyxxx",
            venue("Uusi A"),
        ),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{b}/venues")],
            "yhxxx",
            venue("Uusi B"),
        ),
        row(Method::GET, format!("/api/v1/venues/{va}"), "yyhyx"),
        row(Method::GET, format!("/api/v1/venues/{va2}"), "yyhhx"),
        row(Method::GET, format!("/api/v1/venues/{vb}"), "yhhhx"),
        with(
            Method::PUT,
            format!("/api/v1/venues/{va}"),
            "yyxyx",
            json!({"name": "Venue A", "sector": "theatre"}),
        ),
        with(
            Method::PUT,
            format!("/api/v1/venues/{va2}"),
            "yyxhx",
            json!({"name": "Venue A2", "sector": "museum"}),
        ),
        with(
            Method::PUT,
            format!("/api/v1/venues/{vb}"),
            "yhxhx",
            json!({"name": "Venue B", "sector": "theatre"}),
        ),
        row(Method::GET, "/api/v1/background-options".into(), "yyyyx"),
        row(Method::GET, "/api/v1/cap-policies".into(), "yyyyx"),
        row(Method::GET, "/api/v1/audit-log".into(), "yyxxx"),
        with(
            Method::POST,
            "/api/v1/anonymisations".into(),
            "yxxxx",
            json!({"expired_before": "2020-01-01", "dry_run": true}),
        ),
        row(
            Method::GET,
            "/api/v1/import-templates/usage".into(),
            "yyyyy",
        ),
    ];
    run(&app, &m, rows).await;
});

on_both!(
    r_auth_5_matrix_accounts_and_tokens,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let m = setup(&app).await;
        let w = &m.w;
        let (pa, pb, va, vb) = (w.pa, w.pb, w.va, w.vb);
        let (acc_a, acc_b) = (m.account_a, m.account_b);
        let new_at = |point: i64| {
            move |i: usize| {
                Sent::Json(
                    json!({"username": format!("uusi_{point}_{i}"), "password": "long enough pass", "grants": [{"role": "issuer", "distribution_point": point}]}),
                )
            }
        };
        // A fresh account at home in area A for each caller to grant to.
        let mut fresh = vec![];
        for i in 0..5 {
            fresh.push(
                ok(app
                    .api(
                        Method::POST,
                        "/api/v1/accounts",
                        &w.coord_a,
                        new_at(pa)(100 + i).json(),
                    )
                    .await)
                .await["id"]
                    .as_i64()
                    .unwrap(),
            );
        }
        let staff_at =
            |venue: i64| move |_| Sent::Json(json!({"role": "venue_staff", "venue": venue}));
        let rows = vec![
            row(Method::GET, "/api/v1/accounts".into(), "yyxxx"),
            each(
                Method::POST,
                vec!["/api/v1/accounts".into()],
                "yyxxx",
                new_at(pa),
            ),
            // Another area's point is, to a coordinator, an unknown choice.
            each(
                Method::POST,
                vec!["/api/v1/accounts".into()],
                "ybxxx",
                new_at(pb),
            ),
            each(
                Method::POST,
                vec!["/api/v1/accounts".into()],
                "yxxxx",
                |i| {
                    Sent::Json(
                        json!({"username": format!("paa_{i}"), "password": "long enough pass", "grants": [{"role": "national_admin"}]}),
                    )
                },
            ),
            row(Method::GET, format!("/api/v1/accounts/{acc_a}"), "yyxxx"),
            row(Method::GET, format!("/api/v1/accounts/{acc_b}"), "yhxxx"),
            row(
                Method::GET,
                format!("/api/v1/accounts/{}", w.issuer_b_id),
                "yhxxx",
            ),
            // The keys of an area's account (password, switching it back
            // on, grants) are its coordinators' only: a national admin sees
            // it and may switch it off.
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_a}/password"),
                "cyxxx",
                json!({"password": "another long pass"}),
            ),
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_b}/password"),
                "chxxx",
                json!({"password": "another long pass"}),
            ),
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_a}/active"),
                "cyxxx",
                json!({"active": true}),
            ),
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_b}/active"),
                "chxxx",
                json!({"active": true}),
            ),
            each(
                Method::POST,
                per_caller(|i| format!("/api/v1/accounts/{}/grants", fresh[i])),
                "cyxxx",
                staff_at(va),
            ),
            // A coordinator gives grants inside its own area only; into an
            // account of another area it does not even see.
            each(
                Method::POST,
                per_caller(|i| format!("/api/v1/accounts/{}/grants", fresh[i])),
                "cbxxx",
                staff_at(vb),
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/accounts/{acc_b}/grants")],
                "chxxx",
                staff_at(va),
            ),
            // Tokens: the venue's own coordinator, never the national level.
            row(
                Method::GET,
                format!("/api/v1/venues/{va}/api-tokens"),
                "xyxxx",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{vb}/api-tokens"),
                "xhxxx",
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va}/api-tokens")],
                "xyxxx",
                |i| Sent::Json(json!({"name": format!("järjestelmä {i}")})),
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{vb}/api-tokens")],
                "xhxxx",
                |i| Sent::Json(json!({"name": format!("järjestelmä {i}")})),
            ),
            row(
                Method::DELETE,
                format!("/api/v1/api-tokens/{}", m.w.token_b_id),
                "xhxxx",
            ),
            row(
                Method::DELETE,
                format!("/api/v1/api-tokens/{}", m.token_a2_id),
                "xyxxx",
            ),
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_a}/active"),
                "yyxxx",
                json!({"active": false}),
            ),
            with(
                Method::PUT,
                format!("/api/v1/accounts/{acc_b}/active"),
                "yhxxx",
                json!({"active": false}),
            ),
        ];
        run(&app, &m, rows).await;
    }
);

on_both!(r_auth_6_matrix_cards_and_stock, |db: TestDb| async move {
    let app = TestApp::new(db);
    let m = setup(&app).await;
    let w = &m.w;
    let (a, b, pa, pb, pa2) = (w.a, w.b, w.pa, w.pb, m.pa2);
    let (sa, sb) = (m.series_a, m.series_b);
    let rows = vec![
        row(
            Method::GET,
            format!("/api/v1/areas/{a}/card-series"),
            "xyxxx",
        ),
        row(
            Method::GET,
            format!("/api/v1/areas/{b}/card-series"),
            "xhxxx",
        ),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{a}/card-series")],
            "xyxxx",
            |i| Sent::Json(json!({"prefix": format!("Q{i}"), "first": 1, "last": 5})),
        ),
        each(
            Method::POST,
            vec![format!("/api/v1/areas/{b}/card-series")],
            "xhxxx",
            |i| Sent::Json(json!({"prefix": format!("R{i}"), "first": 1, "last": 5})),
        ),
        row(Method::GET, format!("/api/v1/card-series/{sa}"), "xyxxx"),
        row(Method::GET, format!("/api/v1/card-series/{sb}"), "xhxxx"),
        each(
            Method::POST,
            vec![format!("/api/v1/card-series/{sa}/allocations")],
            "xyxxx",
            move |i| {
                let first = 300 + 10 * i as i64;
                Sent::Json(json!({"distribution_point": pa, "first": first, "last": first + 5}))
            },
        ),
        with(
            Method::POST,
            format!("/api/v1/card-series/{sb}/allocations"),
            "xhxxx",
            json!({"distribution_point": pb, "first": 60, "last": 61}),
        ),
        row(Method::GET, format!("/api/v1/areas/{a}/cards"), "xyhxx"),
        row(Method::GET, format!("/api/v1/areas/{b}/cards"), "xhhxx"),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pa}/cards"),
            "xyyxx",
        ),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pa2}/cards"),
            "xyhxx",
        ),
        row(
            Method::GET,
            format!("/api/v1/distribution-points/{pb}/cards"),
            "xhhxx",
        ),
        // A card's validity is national (R-AUTH-2); its record is not.
        // The national service alone does not look cards up (R-AUTH-2).
        row(Method::GET, "/api/v1/cards/E1".into(), "xyyyy"),
        row(Method::GET, "/api/v1/cards/F1".into(), "xhhyy"),
        row(Method::GET, "/api/v1/cards/E1/record".into(), "xyyxx"),
        row(Method::GET, "/api/v1/cards/E101/record".into(), "xyhxx"),
        row(Method::GET, "/api/v1/cards/F1/record".into(), "xhhxx"),
        row(
            Method::GET,
            "/api/v1/cards/E1/subject-access".into(),
            "xyxxx",
        ),
        row(
            Method::GET,
            "/api/v1/cards/F1/subject-access".into(),
            "xhxxx",
        ),
        each(
            Method::POST,
            per_caller(|i| format!("/api/v1/cards/E{}/issue", 50 + i)),
            "xxyxx",
            |_| Sent::Json(transfer_form(1)),
        ),
        each(
            Method::POST,
            per_caller(|i| format!("/api/v1/cards/E{}/void", 20 + i)),
            "xyyxx",
            |_| Sent::Json(json!({"reason": "lost"})),
        ),
        with(
            Method::POST,
            "/api/v1/cards/E105/void".into(),
            "xyhxx",
            json!({"reason": "lost"}),
        ),
        with(
            Method::POST,
            "/api/v1/cards/F5/void".into(),
            "xhhxx",
            json!({"reason": "lost"}),
        ),
        each(
            Method::POST,
            vec![format!(
                "/api/v1/distribution-points/{pa}/issuance-imports?confirmed_at_least_16=true"
            )],
            "xyyxx",
            |i| {
                Sent::Csv(format!(
                    "Kortin koodi;Myöntämispäivä;Syntymävuosi;Lapset\r\nE{};1.6.2026;1980;0\r\n",
                    80 + i
                ))
            },
        ),
        each(
            Method::POST,
            vec![format!(
                "/api/v1/distribution-points/{pa2}/issuance-imports?confirmed_at_least_16=true"
            )],
            "xyhxx",
            |_| {
                Sent::Csv(
                    "Kortin koodi;Myöntämispäivä;Syntymävuosi;Lapset\r\nE150;1.6.2026;1980;0\r\n"
                        .into(),
                )
            },
        ),
        each(
            Method::POST,
            vec![format!(
                "/api/v1/distribution-points/{pb}/issuance-imports?confirmed_at_least_16=true"
            )],
            "xhhxx",
            |_| {
                Sent::Csv(
                    "Kortin koodi;Myöntämispäivä;Syntymävuosi;Lapset\r\nF45;1.6.2026;1980;0\r\n"
                        .into(),
                )
            },
        ),
        row(
            Method::GET,
            format!("/api/v1/imports/{}/refused-rows", m.issuance_import_a),
            "xyyhx",
        ),
        row(
            Method::GET,
            format!("/api/v1/imports/{}/refused-rows", m.issuance_import_b),
            "xhhhx",
        ),
        with(
            Method::POST,
            format!("/api/v1/issuance-imports/{}/confirm", m.issuance_import_b),
            "xhhhx",
            json!({"only_accepted": true}),
        ),
    ];
    run(&app, &m, rows).await;
});

on_both!(
    r_auth_6_matrix_offering_box_office_reports,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let m = setup(&app).await;
        let w = &m.w;
        let (a, b, va, va2, vb) = (w.a, w.b, w.va, m.va2, w.vb);
        let (ia, ia2, ib) = (m.item_a, m.item_a2, m.item_b);
        let item = |i: usize| {
            Sent::Json(
                json!({"type": "event", "title": format!("Uusi {i}"), "starts_at": format!("{}T18:00", today() + Duration::days(4)), "capacity": 100}),
            )
        };
        // One item each for the callers allowed to delete, and cards to record.
        let mut doomed = vec![];
        for _ in 0..5 {
            let r = ok(app
                .api(
                    Method::POST,
                    &format!("/api/v1/venues/{va}/items"),
                    &w.staff_a,
                    item(0).json(),
                )
                .await)
            .await;
            doomed.push(r["id"].as_i64().unwrap());
        }
        let doomed_b = ok(app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{vb}/items"),
                &w.coord_b,
                item(0).json(),
            )
            .await)
        .await["id"]
            .as_i64()
            .unwrap();
        // Tickets at venue A, one for each caller to cancel.
        let mut tickets = vec![];
        for n in 0..5 {
            let r = ok(app
                .api(
                    Method::POST,
                    &format!("/api/v1/items/{ia}/tickets"),
                    &w.token_a,
                    Some(json!({"card_code": format!("E{}", 30 + n)})),
                )
                .await)
            .await;
            tickets.push(r["tickets"][0]["id"].as_i64().unwrap());
        }
        // Offline uses in dispute (codes no register knows): one at venue A
        // for each caller to settle, one at venue B.
        let offline = |venue: i64, item: i64, who: &Who, codes: Vec<String>| {
            let who = who.clone();
            let app = &app;
            async move {
                let uses: Vec<Value> = codes
                    .iter()
                    .map(|c| {
                        json!({"id": format!("matrix-{c}"), "item": item, "card_code": c,
                            "recorded_at": chrono::Utc::now().to_rfc3339()})
                    })
                    .collect();
                ok(app
                    .api(
                        Method::POST,
                        &format!("/api/v1/venues/{venue}/offline-uses"),
                        &who,
                        Some(json!({"device": "matrix", "uses": uses})),
                    )
                    .await)
                .await;
                let listed = ok(app
                    .api(
                        Method::GET,
                        &format!("/api/v1/offline-uses?venue={venue}"),
                        &who,
                        None,
                    )
                    .await)
                .await;
                codes
                    .iter()
                    .map(|c| {
                        listed
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|u| u["card_code"] == c.as_str())
                            .unwrap()["id"]
                            .as_i64()
                            .unwrap()
                    })
                    .collect::<Vec<i64>>()
            }
        };
        let disputed = offline(
            va,
            ia,
            &w.token_a,
            (0..5).map(|n| format!("Q{n}")).collect(),
        )
        .await;
        let disputed_b = offline(vb, ib, &w.coord_b, vec!["Q9".into()]).await[0];
        let batch = |venue_item: i64, tag: &'static str| {
            move |i: usize| {
                Sent::Json(json!({"device": "matrix", "uses": [{
                    "id": format!("matrix-{tag}-{i}"), "item": venue_item,
                    "card_code": format!("E{}", 40 + i),
                    "recorded_at": chrono::Utc::now().to_rfc3339()}]}))
            }
        };
        let period = "from=2026-01-01&to=2026-12-31";
        // A year that is over: the only kind that is submitted.
        let year = today().year() - 1;
        let rows = vec![
            row(Method::GET, format!("/api/v1/venues/{va}/items"), "yyxyx"),
            row(Method::GET, format!("/api/v1/venues/{va2}/items"), "yyxhx"),
            row(Method::GET, format!("/api/v1/venues/{vb}/items"), "yhxhx"),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va}/items")],
                "yyxyx",
                item,
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va2}/items")],
                "yyxhx",
                item,
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{vb}/items")],
                "yhxhx",
                item,
            ),
            // An item with its tickets used and left is for those who edit
            // the venue's offering or serve its box office (the catalogue
            // shows the public part).
            row(Method::GET, format!("/api/v1/items/{ia}"), "yyxyy"),
            row(Method::GET, format!("/api/v1/items/{ia2}"), "yyxhh"),
            row(Method::GET, format!("/api/v1/items/{ib}"), "yhxhh"),
            each(
                Method::PUT,
                vec![format!("/api/v1/items/{ia}")],
                "yyxyx",
                item,
            ),
            each(
                Method::PUT,
                vec![format!("/api/v1/items/{ia2}")],
                "yyxhx",
                item,
            ),
            each(
                Method::PUT,
                vec![format!("/api/v1/items/{ib}")],
                "yhxhx",
                item,
            ),
            each(
                Method::DELETE,
                per_caller(|i| format!("/api/v1/items/{}", doomed[i])),
                "yyxyx",
                |_| Sent::Nothing,
            ),
            row(Method::DELETE, format!("/api/v1/items/{doomed_b}"), "yhxhx"),
            // The box office: its venue's staff and tokens, its coordinators.
            row(Method::GET, format!("/api/v1/items/{ia}/tickets"), "xyxyy"),
            row(Method::GET, format!("/api/v1/items/{ia2}/tickets"), "xyxhh"),
            row(Method::GET, format!("/api/v1/items/{ib}/tickets"), "xhxhh"),
            each(
                Method::POST,
                vec![format!("/api/v1/items/{ia}/tickets")],
                "xyxyy",
                |i| Sent::Json(json!({"card_code": format!("E{}", 10 + i)})),
            ),
            with(
                Method::POST,
                format!("/api/v1/items/{ia2}/tickets"),
                "xyxhh",
                json!({"card_code": "E16"}),
            ),
            with(
                Method::POST,
                format!("/api/v1/items/{ib}/tickets"),
                "xhxhh",
                json!({"card_code": "E17"}),
            ),
            // R-AUTH-6: a card is checked for an item only at its box office.
            row(Method::GET, format!("/api/v1/cards/E3?item={ia}"), "xyhyy"),
            row(Method::GET, format!("/api/v1/cards/E3?item={ia2}"), "xyhhh"),
            row(Method::GET, format!("/api/v1/cards/E3?item={ib}"), "xhhhh"),
            row(
                Method::GET,
                format!("/api/v1/tickets/{}", m.ticket_a),
                "xyxyy",
            ),
            row(
                Method::GET,
                format!("/api/v1/tickets/{}", m.ticket_b),
                "xhxhh",
            ),
            row(Method::GET, format!("/api/v1/uses/{}", m.use_a), "xyxyy"),
            row(Method::GET, format!("/api/v1/uses/{}", m.use_b), "xhxhh"),
            each(
                Method::POST,
                per_caller(|i| format!("/api/v1/tickets/{}/cancel", tickets[i])),
                "xyxyy",
                |_| Sent::Nothing,
            ),
            row(
                Method::POST,
                format!("/api/v1/tickets/{}/cancel", m.ticket_b),
                "xhxhh",
            ),
            row(
                Method::POST,
                format!("/api/v1/tickets/{}/redeem", m.ticket_b),
                "xhxhh",
            ),
            // The box office offline (R-OFF): the same people as online;
            // a dispute is settled by a person, never by an integration.
            row(
                Method::GET,
                format!("/api/v1/venues/{va}/offline-snapshot"),
                "xyxyy",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{va2}/offline-snapshot"),
                "xyxhh",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{vb}/offline-snapshot"),
                "xhxhh",
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va}/offline-uses")],
                "xyxyy",
                batch(ia, "a"),
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va2}/offline-uses")],
                "xyxhh",
                batch(ia2, "a2"),
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{vb}/offline-uses")],
                "xhxhh",
                batch(ib, "b"),
            ),
            row(Method::GET, "/api/v1/offline-uses".into(), "xyxyy"),
            each(
                Method::POST,
                per_caller(|i| format!("/api/v1/offline-uses/{}/settle", disputed[i])),
                "xyxyx",
                |_| Sent::Json(json!({"keep": false})),
            ),
            with(
                Method::POST,
                format!("/api/v1/offline-uses/{disputed_b}/settle"),
                "xhxhx",
                json!({"keep": false}),
            ),
            // Reports: the venue's people, never a token or the national level.
            row(
                Method::GET,
                format!("/api/v1/venues/{va}/usage-report?{period}"),
                "xyxyx",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{va2}/usage-report?{period}"),
                "xyxhx",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{vb}/usage-report?{period}"),
                "xhxhx",
            ),
            row(
                Method::GET,
                format!("/api/v1/venues/{vb}/usage-report/submissions?{period}"),
                "xhxhx",
            ),
            with(
                Method::POST,
                format!("/api/v1/venues/{vb}/usage-report/submissions"),
                "xhxhx",
                json!({"from": "2026-01-01", "to": "2026-01-31"}),
            ),
            row(
                Method::GET,
                format!("/api/v1/areas/{a}/report-submissions?{period}"),
                "yyxxx",
            ),
            row(
                Method::GET,
                format!("/api/v1/areas/{b}/report-submissions?{period}"),
                "yhxxx",
            ),
            // Outside the area, a year is read once its coordinator has
            // submitted it (R-REP-5): area A's is, area B's is not.
            each(
                Method::POST,
                vec![format!("/api/v1/areas/{a}/statistics/submissions")],
                "xyxxx",
                move |_| Sent::Json(json!({ "year": year })),
            ),
            row(
                Method::GET,
                format!("/api/v1/areas/{a}/statistics?year={year}"),
                "yyxxx",
            ),
            row(
                Method::GET,
                format!("/api/v1/areas/{b}/statistics?year={year}"),
                "chxxx",
            ),
            with(
                Method::POST,
                format!("/api/v1/areas/{b}/statistics/submissions"),
                "xhxxx",
                json!({"year": year}),
            ),
            row(
                Method::GET,
                format!("/api/v1/statistics?year={year}"),
                "yxxxx",
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{va2}/usage-imports")],
                "xyxhx",
                |_| {
                    Sent::Csv("Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä\r\nE4;1;0;X;1.2.2026\r\n".into())
                },
            ),
            each(
                Method::POST,
                vec![format!("/api/v1/venues/{vb}/usage-imports")],
                "xhxhx",
                |_| {
                    Sent::Csv("Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä\r\nF4;1;0;X;1.2.2026\r\n".into())
                },
            ),
            row(
                Method::GET,
                format!("/api/v1/imports/{}/refused-rows", m.usage_import_a),
                "xyhyx",
            ),
            row(
                Method::GET,
                format!("/api/v1/imports/{}/refused-rows", m.usage_import_b),
                "xhhhx",
            ),
            with(
                Method::POST,
                format!("/api/v1/usage-imports/{}/confirm", m.usage_import_b),
                "xhhhx",
                json!({"only_accepted": true}),
            ),
        ];
        run(&app, &m, rows).await;
    }
);

trait JsonOf {
    fn json(self) -> Option<Value>;
}

impl JsonOf for Sent {
    fn json(self) -> Option<Value> {
        match self {
            Sent::Json(v) => Some(v),
            _ => None,
        }
    }
}

on_both!(r_auth_6_html_screens_matrix, |db: TestDb| async move {
    let app = TestApp::new(db);
    let m = setup(&app).await;
    let w = &m.w;
    // For admin, coord_a, issuer_a, staff_a (a token has no screens).
    let cases: Vec<(String, &str)> = vec![
        ("/areas".into(), "yyyy"),
        (format!("/areas/{}", w.a), "yyyy"),
        (format!("/areas/{}", w.b), "yhhh"),
        ("/areas/new".into(), "yxxx"),
        (format!("/areas/{}/edit", w.a), "yxxx"),
        (format!("/areas/{}/points/new", w.a), "yyxx"),
        (format!("/areas/{}/venues/new", w.b), "yhhh"),
        (format!("/points/{}", w.pa), "yyyh"),
        (format!("/points/{}", m.pa2), "yyhh"),
        (format!("/venues/{}", w.va), "yyhy"),
        (format!("/venues/{}", w.vb), "yhhh"),
        (format!("/venues/{}/tokens", w.va), "xyhx"),
        (format!("/venues/{}/tokens", w.vb), "xhhh"),
        ("/accounts".into(), "yyxx"),
        ("/accounts/new".into(), "yyxx"),
        (format!("/accounts/{}", m.account_a), "yyxx"),
        (format!("/accounts/{}", m.account_b), "yhxx"),
        (format!("/accounts/{}", w.issuer_a_id), "yyyx"),
        ("/audit".into(), "yyxx"),
        ("/account".into(), "yyyy"),
        ("/cards/E1".to_string(), "xyyx"),
        ("/cards/F1".to_string(), "xhhx"),
        (format!("/areas/{}/cards", w.a), "xyxx"),
        (format!("/areas/{}/cards", w.b), "xhhh"),
        (format!("/series/{}", m.series_a), "xyxx"),
        (format!("/series/{}", m.series_b), "xhxx"),
    ];
    for (path, want) in cases {
        let anon = app.get(&path, &Who::Anon).await;
        assert_eq!(anon.status, StatusCode::SEE_OTHER, "anonymous GET {path}");
        assert!(
            anon.location().starts_with("/login?next="),
            "{path}: {}",
            anon.location()
        );
        for (i, want) in want.chars().enumerate() {
            let r = app.get(&path, m.who(i)).await;
            let cell = match r.status {
                StatusCode::OK => 'y',
                StatusCode::FORBIDDEN => 'x',
                StatusCode::NOT_FOUND => 'h',
                s => panic!("{} GET {path}: {s}", CALLERS[i]),
            };
            assert_eq!(cell, want, "{} GET {path}", CALLERS[i]);
            if cell == 'x' {
                assert!(
                    r.text().contains("Sinulla ei ole oikeutta"),
                    "{path}: refusal in plain Finnish"
                );
            }
        }
    }
});

on_both!(
    r_auth_2_venue_token_reaches_nothing_but_itself,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let me = app
            .api(Method::GET, "/api/v1/me", &w.token_a, None)
            .await
            .json();
        assert_eq!(me["grants"][0]["venue"], w.va);
        // A revoked token is no login at all.
        let created = app
            .api(
                Method::POST,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                Some(json!({"name": "old system"})),
            )
            .await
            .json();
        let secret = Who::Bearer(created["token"].as_str().unwrap().into());
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &secret, None)
                .await
                .status,
            StatusCode::OK
        );
        let r = app
            .api(
                Method::DELETE,
                &format!("/api/v1/api-tokens/{}", created["id"]),
                &w.coord_a,
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(
            app.api(Method::GET, "/api/v1/me", &secret, None)
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
        // The listing never shows the secret, only that it exists.
        let list = app
            .api(
                Method::GET,
                &format!("/api/v1/venues/{}/api-tokens", w.va),
                &w.coord_a,
                None,
            )
            .await
            .text();
        assert!(!list.contains(created["token"].as_str().unwrap()));
        let stored: i64 = app.count("api_tokens").await;
        assert!(stored >= 3);
    }
);

on_both!(
    r_auth_4_every_write_is_audited_and_scoped,
    |db: TestDb| async move {
        let app = TestApp::new(db);
        let w = World::new(&app).await;
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/venues", w.a),
                &w.coord_a,
                Some(json!({"name": "Kino", "sector": "cinema"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let venue = r.json()["id"].as_i64().unwrap();
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{}/distribution-points", w.b),
                &w.admin,
                Some(json!({"name": "Diakonia", "type": "parish"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);

        let log = app
            .api(Method::GET, "/api/v1/audit-log", &w.coord_a, None)
            .await
            .json();
        let entries = log.as_array().unwrap();
        let created = entries
            .iter()
            .find(|e| e["action"] == "venue.create" && e["record_id"] == venue)
            .expect("venue.create logged");
        assert_eq!(created["actor"], "coord_a");
        assert!(created["at"].is_string());
        assert!(
            entries.iter().all(|e| e["area"] == w.a),
            "a coordinator sees only its own area's log"
        );

        let all = app
            .api(Method::GET, "/api/v1/audit-log", &w.admin, None)
            .await
            .json();
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "point.create" && e["area"] == w.b)
        );
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "api_token.create")
        );
        assert!(
            all.as_array()
                .unwrap()
                .iter()
                .any(|e| e["action"] == "session.login")
        );
    }
);
