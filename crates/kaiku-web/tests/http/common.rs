//! The test house style: the real router on a fresh database per test,
//! requests as a browser or an integration would send them.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use chrono::{Datelike, NaiveDate};
use http_body_util::BodyExt;
use kaiku_core::grant::Grant;
use kaiku_core::policy::{self, Operator, Principal};
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::TestDb;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{Store, StoreError, accounts, now};
use serde_json::{Value, json};
use std::ops::RangeInclusive;
use std::sync::LazyLock;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

/// Hashed once for every fixture account: argon2 is slow on purpose.
static HASH: LazyLock<String> = LazyLock::new(|| {
    std::thread::spawn(|| {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(kaiku_app::session::hash_password(PASSWORD.to_string()))
            .unwrap()
    })
    .join()
    .unwrap()
});

/// The tests stand in for the binary, the one holder of the operator's
/// authority, to put fixtures straight into the store.
pub fn op() -> Principal {
    // SAFETY: `unsafe` marks authority, not memory; a test is the operator.
    Principal::operator(&unsafe { Operator::assume() })
}

/// An account made by the operator, at home where its grant is (or
/// national), with `password`'s hash and no change asked for.
pub fn make_account(
    c: &mut kaiku_store::DbConn,
    name: &str,
    hash: &str,
    g: Grant,
) -> Result<i64, StoreError> {
    make_account_with(c, name, hash, &[g])
}

/// An account holding several grants: at home in their area if they share
/// one, national otherwise.
pub fn make_account_with(
    c: &mut kaiku_store::DbConn,
    name: &str,
    hash: &str,
    grants: &[Grant],
) -> Result<i64, StoreError> {
    let op = op();
    let home = policy::new_account(&op, grants, false).unwrap();
    let id = accounts::create(c, &home, name, hash, false, now())?;
    for (i, g) in grants.iter().enumerate() {
        let permit = policy::permit_grant(&op, id, home.home(), &grants[..i], *g, true).unwrap();
        accounts::add_grant(c, &permit, now())?;
    }
    Ok(id)
}

/// The hash of [`PASSWORD`], for accounts made straight in the store.
pub fn password_hash() -> String {
    HASH.clone()
}

pub struct TestApp {
    pub router: Router,
    pub store: Store,
    _db: TestDb,
}

#[derive(Clone, Debug)]
pub enum Who {
    Anon,
    Cookie(String),
    Bearer(String),
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }

    /// The session secret a login response set.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("kaiku_session="))
            .map(|v| v.split(';').next().unwrap_or("").to_string())
            .filter(|v| !v.is_empty())
    }
}

impl TestApp {
    pub fn new(db: TestDb) -> TestApp {
        let store = Store::open(&db.url).expect("open test database");
        let config = kaiku_web::Config {
            secure_cookies: false,
            behind_proxy: true,
            ..Default::default()
        };
        TestApp {
            router: kaiku_web::router(store.clone(), config),
            store,
            _db: db,
        }
    }

    /// A second server on the same database, as a second `kaiku serve`
    /// process behind a load balancer would be: its own pool, its own
    /// writer, nothing shared with the first but the database.
    pub fn second_server(&self) -> Router {
        let store = Store::open(&self._db.url).expect("open the database again");
        let config = kaiku_web::Config {
            secure_cookies: false,
            behind_proxy: true,
            ..Default::default()
        };
        kaiku_web::router(store, config)
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub fn request(method: Method, path: &str, who: &Who) -> axum::http::request::Builder {
        let b = Request::builder()
            .method(method)
            .uri(path)
            .header("x-forwarded-for", "192.0.2.1");
        match who {
            Who::Anon => b,
            Who::Cookie(c) => b.header(header::COOKIE, format!("kaiku_session={c}")),
            Who::Bearer(t) => b.header(header::AUTHORIZATION, format!("Bearer {t}")),
        }
    }

    /// A JSON API call.
    pub async fn api(&self, method: Method, path: &str, who: &Who, body: Option<Value>) -> Resp {
        // A browser-session client declares JSON on every write, body or not.
        let declare_json =
            body.is_some() || (method != Method::GET && matches!(who, Who::Cookie(_)));
        let mut b = Self::request(method, path, who);
        if declare_json {
            b = b.header(header::CONTENT_TYPE, "application/json");
        }
        let req = match body {
            Some(v) => b.body(Body::from(v.to_string())),
            None => b.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }

    /// A GET in the language a browser asks for.
    pub async fn get_as(&self, path: &str, who: &Who, lang: &str) -> Resp {
        let req = TestApp::request(Method::GET, path, who)
            .header("accept-language", lang)
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    pub async fn get(&self, path: &str, who: &Who) -> Resp {
        self.send(
            Self::request(Method::GET, path, who)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// An HTML form post with the caller's CSRF token added.
    pub async fn form(&self, path: &str, who: &Who, fields: &[(&str, &str)]) -> Resp {
        let csrf = self.csrf(who).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.form_raw(path, who, &all).await
    }

    /// A form post exactly as given (for CSRF tests).
    pub async fn form_raw(&self, path: &str, who: &Who, fields: &[(&str, &str)]) -> Resp {
        let body = serde_html_form::to_string(fields).unwrap();
        let req = Self::request(Method::POST, path, who)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// The CSRF token a logged-in page carries (the logout form has it).
    pub async fn csrf(&self, who: &Who) -> String {
        let page = self.get("/account", who).await.text();
        hidden(&page, "csrf").unwrap_or_default()
    }

    pub async fn login(&self, username: &str) -> Who {
        let r = self
            .api(
                Method::POST,
                "/api/v1/login",
                &Who::Anon,
                Some(serde_json::json!({"username": username, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.text());
        Who::Cookie(r.session_cookie().expect("session cookie"))
    }

    pub async fn count(&self, table: &'static str) -> i64 {
        self.store
            .read(move |c| {
                use diesel::RunQueryDsl;
                #[derive(diesel::QueryableByName)]
                struct N {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                let r: N = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                    .get_result(c)?;
                Ok::<_, StoreError>(r.n)
            })
            .await
            .unwrap()
    }
}

/// The value of a hidden input in a page.
pub fn hidden(page: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker)? + marker.len();
    Some(page[start..].split('"').next()?.to_string())
}

/// Two areas with one of everything, and a logged-in caller per role.
pub struct World {
    pub a: i64,
    pub b: i64,
    pub pa: i64,
    pub pb: i64,
    pub va: i64,
    pub vb: i64,
    pub admin: Who,
    pub coord_a: Who,
    pub coord_b: Who,
    pub issuer_a: Who,
    pub staff_a: Who,
    pub token_a: Who,
    pub token_b_id: i64,
    pub issuer_a_id: i64,
    pub issuer_b_id: i64,
    pub coord_a_id: i64,
    pub coord_b_id: i64,
}

fn area(name: &str) -> AreaFields {
    AreaFields {
        name: name.into(),
        name_sv: None,
        trial_ends: None,
        local_only: false,
        municipality_codes: String::new(),
        brochure_languages: "fi".into(),
    }
}

fn venue(name: &str) -> VenueFields {
    VenueFields::new(name, kaiku_core::org::Sector::Theatre)
}

impl World {
    pub async fn new(app: &TestApp) -> World {
        let hash = HASH.clone();
        let ids = app
            .store
            .write(move |c| {
                let op = op();
                let n = policy::national(&op).unwrap();
                let a = areas::create(c, &n, &area("Area A"), now())?;
                let b = areas::create(c, &n, &area("Area B"), now())?;
                let point = |name: &str| PointFields {
                    name: name.into(),
                    kind: kaiku_core::org::PointKind::Ngo,
                    active: true,
                };
                let (sa, sb) = (
                    policy::manage_area(&op, a).unwrap(),
                    policy::manage_area(&op, b).unwrap(),
                );
                let pa = points::create(c, &sa, &point("Point A"), now())?;
                let pb = points::create(c, &sb, &point("Point B"), now())?;
                let va = venues::create(c, &sa, &venue("Venue A"), now())?;
                let vb = venues::create(c, &sb, &venue("Venue B"), now())?;
                let mut account = |name: &str, g: Grant| -> Result<i64, StoreError> {
                    make_account(c, name, &hash, g)
                };
                account("admin", Grant::NationalAdmin)?;
                let coord_a = account("coord_a", Grant::AreaCoordinator { area: a })?;
                let coord_b = account("coord_b", Grant::AreaCoordinator { area: b })?;
                let issuer_a = account("issuer_a", Grant::Issuer { area: a, point: pa })?;
                account("staff_a", Grant::VenueStaff { area: a, venue: va })?;
                let issuer_b = account("issuer_b", Grant::Issuer { area: b, point: pb })?;
                Ok::<_, StoreError>((a, b, pa, pb, va, vb, coord_a, coord_b, issuer_a, issuer_b))
            })
            .await
            .unwrap();
        let (a, b, pa, pb, va, vb, coord_a_id, coord_b_id, issuer_a_id, issuer_b_id) = ids;
        let admin = app.login("admin").await;
        let coord_a = app.login("coord_a").await;
        let coord_b = app.login("coord_b").await;
        // Tokens are made by the venue's own coordinator (R-AUTH-5).
        let token = |venue: i64, by: &Who| {
            let by = by.clone();
            async move {
                let r = app
                    .api(
                        Method::POST,
                        &format!("/api/v1/venues/{venue}/api-tokens"),
                        &by,
                        Some(serde_json::json!({"name": "ticketing"})),
                    )
                    .await;
                assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
                r.json()
            }
        };
        let ta = token(va, &coord_a).await;
        let tb = token(vb, &coord_b).await;
        World {
            a,
            b,
            pa,
            pb,
            va,
            vb,
            issuer_a: app.login("issuer_a").await,
            staff_a: app.login("staff_a").await,
            admin,
            coord_a,
            coord_b,
            token_a: Who::Bearer(ta["token"].as_str().unwrap().to_string()),
            token_b_id: tb["id"].as_i64().unwrap(),
            issuer_a_id,
            issuer_b_id,
            coord_a_id,
            coord_b_id,
        }
    }
}

impl TestApp {
    /// Logs in an account whose password someone else set, and changes it,
    /// as its first step must be (R-AUTH-5); the session goes on.
    pub async fn first_login(&self, username: &str, password: &str) -> Who {
        let who = self.login_with(username, password).await;
        let r = self
            .api(
                Method::POST,
                "/api/v1/me/password",
                &who,
                Some(serde_json::json!({
                    "current_password": password,
                    "new_password": format!("{password} of my own"),
                })),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        who
    }

    /// R-AUTH-6: what a caller gets for a record in a scope it cannot see is
    /// exactly what it gets for a record that does not exist.
    pub async fn hidden_like_unknown(
        &self,
        method: Method,
        other: &str,
        unknown: &str,
        who: &Who,
        body: Option<Value>,
    ) {
        let a = self.api(method.clone(), other, who, body.clone()).await;
        let b = self.api(method.clone(), unknown, who, body).await;
        assert_eq!(
            a.status,
            StatusCode::NOT_FOUND,
            "{method} {other}: {}",
            a.text()
        );
        assert_eq!(
            (a.status, a.text()),
            (b.status, b.text()),
            "{method} {other} differs from {unknown}"
        );
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Who {
        let r = self
            .api(
                Method::POST,
                "/api/v1/login",
                &Who::Anon,
                Some(serde_json::json!({"username": username, "password": password})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.text());
        Who::Cookie(r.session_cookie().expect("session cookie"))
    }
}

/// Today in Finland, the register's civil time zone.
/// A series with a check character (MOD 37,36) of 20 cards, `K001…`, in
/// `area`: its first code, and that code with its check character mistyped.
pub async fn checked_series(app: &TestApp, coord: &Who, area: i64) -> (String, String) {
    let s = app
        .api(
            axum::http::Method::POST,
            &format!("/api/v1/areas/{area}/card-series"),
            coord,
            Some(serde_json::json!({"prefix": "K", "first": 1, "last": 20, "width": 3, "check": "mod37"})),
        )
        .await
        .json();
    let good = s["first_code"].as_str().unwrap().to_string();
    let last = good.chars().last().unwrap();
    let typo = format!(
        "{}{}",
        &good[..good.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    (good, typo)
}

pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

/// A complete transfer form (§4.2): a holder of forty with `children` minor
/// children. Tests that need another holder change a field with [`with`].
pub fn transfer_form(children: i64) -> Value {
    json!({
        "birth_year": today().year() - 40,
        "mother_tongue": "fi",
        "gender": "woman",
        "postal_code": "80100",
        "minor_children": children,
        "life_situations": ["unemployed"],
        "confirmed_at_least_16": true,
    })
}

/// `v` with one field set.
pub fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

/// Issues (or tries to issue) card `code` with this transfer form.
pub async fn issue(app: &TestApp, who: &Who, code: &str, body: Value) -> Resp {
    app.api(
        Method::POST,
        &format!("/api/v1/cards/{code}/issue"),
        who,
        Some(body),
    )
    .await
}

/// Issues card `code`, which must succeed.
pub async fn issued(app: &TestApp, who: &Who, code: &str, body: Value) {
    let r = issue(app, who, code, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{code}: {}", r.text());
}

impl World {
    /// Printed stock through the API: a series `prefix` with the numbers
    /// `numbers` in `area`, made by `by` (its coordinator or an
    /// administrator), and each `(point, numbers)` of `allocations` allocated
    /// by the same caller. The series as the API answered it.
    pub async fn stock(
        app: &TestApp,
        by: &Who,
        area: i64,
        prefix: &str,
        numbers: RangeInclusive<i64>,
        allocations: &[(i64, RangeInclusive<i64>)],
    ) -> Value {
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/areas/{area}/card-series"),
                by,
                Some(json!({"prefix": prefix, "first": numbers.start(), "last": numbers.end()})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let series = r.json();
        for (point, numbers) in allocations {
            let id = series["id"].as_i64().unwrap();
            World::allocate(app, by, id, *point, numbers.clone()).await;
        }
        series
    }

    /// Allocates the numbers `numbers` of a series to a distribution point.
    pub async fn allocate(
        app: &TestApp,
        by: &Who,
        series: i64,
        point: i64,
        numbers: RangeInclusive<i64>,
    ) {
        let r = app
            .api(
                Method::POST,
                &format!("/api/v1/card-series/{series}/allocations"),
                by,
                Some(json!({"distribution_point": point, "first": numbers.start(), "last": numbers.end()})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
}

/// The well-being answers the history stores with each grant of a card,
/// oldest first.
pub async fn wellbeing_stored(app: &TestApp, code: &'static str) -> Vec<Option<String>> {
    app.store
        .read(move |c| {
            use diesel::prelude::*;
            use kaiku_store::schema::{card_events as ev, cards};
            ev::table
                .inner_join(cards::table)
                .filter(cards::code.eq(code))
                .order(ev::id)
                .select(ev::wellbeing)
                .load::<Option<String>>(c)
                .map_err(kaiku_store::StoreError::from)
        })
        .await
        .unwrap()
}
