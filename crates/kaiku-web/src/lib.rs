#![recursion_limit = "512"]
#![forbid(unsafe_code)]
//! kaiku's HTTP interface: HTML screens for staff and the public, and the
//! JSON API of SPEC §11, on one axum router.

pub mod api;
pub use kaiku_app::{dates, export, sheet};
pub mod auth;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod ui;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use error::{AppError, WebError};
use i18n::Tr;
use kaiku_store::Store;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Marks the answer of the router's fallback: to a client it is the same 404
/// as an unknown record's, but a test can tell a path that nothing serves
/// from one whose record is missing.
pub const NO_ROUTE: &str = "x-kaiku-no-route";

/// JSON bodies and HTML forms stay small; file uploads get their own limit.
pub const JSON_LIMIT: usize = 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Config {
    /// Cookies carry `Secure` (and the `__Host-` prefix) unless this is false.
    pub secure_cookies: bool,
    pub base_url: Option<String>,
    /// Limit of an uploaded file (spreadsheet imports), bytes.
    pub upload_limit: usize,
    /// Trust the last `X-Forwarded-For` address (behind a load balancer).
    pub behind_proxy: bool,
    pub request_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: true,
            base_url: None,
            upload_limit: 16 * 1024 * 1024,
            behind_proxy: false,
            request_timeout: Duration::from_secs(30),
        }
    }
}

impl Config {
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kaiku_session"
        } else {
            "kaiku_session"
        }
    }

    /// The cookie of the login form's CSRF secret: `__Host-` too, so that
    /// no neighbouring subdomain can plant one.
    pub fn csrf_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kaiku_csrf"
        } else {
            "kaiku_csrf"
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
}

pub fn router(store: Store, config: Config) -> Router {
    let timeout = config.request_timeout;
    let state = AppState {
        store,
        config: Arc::new(config),
    };
    Router::new()
        .nest(api::PREFIX, api::routes())
        .merge(ui::routes())
        .route("/health", get(health))
        .route("/ready", get(ready))
        .fallback(|| async { ([(NO_ROUTE, "1")], WebError(AppError::NotFound)) })
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(middleware::from_fn(api_writes_are_json))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            password_change_first,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), render_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn(measured))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            // The route, never the path as sent: a path or a query string
            // can carry something a person typed (a card code field holding
            // a name), which the log must not keep (R-PRIV-1).
            let route = req
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .map_or("-", |m| m.as_str())
                .to_string();
            tracing::info_span!("request", method = %req.method(), route = %route)
        }))
        .with_state(state)
}

/// Liveness: the process answers. Whether it can serve is `/ready`.
async fn health(State(st): State<AppState>) -> Response {
    axum::Json(serde_json::json!({
        "status": "ok",
        "database": st.store.backend(),
    }))
    .into_response()
}

/// Readiness: the database answers and has every migration of this version,
/// so a load balancer sends requests here only when they can be served.
async fn ready(State(st): State<AppState>) -> Response {
    let backend = st.store.backend();
    match st.store.pending_migrations().await {
        Ok(0) => axum::Json(serde_json::json!({ "status": "ready", "database": backend }))
            .into_response(),
        Ok(n) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({
                "status": "migrations pending", "pending": n, "database": backend
            })),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({ "status": "unavailable", "database": backend })),
        )
            .into_response(),
    }
}

/// Counts every request by its route template (never the path as sent,
/// which can carry a card code or whatever was typed) and status, with its
/// latency (R-OPS-2). Without a metrics listener this records nothing.
async fn measured(req: Request, next: middleware::Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("unmatched", |m| m.as_str())
        .to_string();
    let method = req.method().as_str().to_string();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("kaiku_http_requests_total", &labels).increment(1);
    metrics::histogram!("kaiku_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    res
}

/// Marks a response whose error body a handler already rendered (a form shown
/// again with its errors).
#[derive(Clone, Copy)]
pub struct Rendered;

/// The one place an error becomes a body: JSON under `/api/`, a page
/// elsewhere, in the request's language. Errors raised by the framework
/// (unknown route, wrong method, body limit, timeout) get the same treatment.
async fn render_errors(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let lang = i18n::negotiate(req.headers());
    let is_api = req.uri().path().starts_with("/api/");
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.extensions().get::<Rendered>().is_some()
    {
        return res;
    }
    let err = res
        .extensions_mut()
        .remove::<AppError>()
        .unwrap_or(match status {
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::UnsupportedMediaType,
            StatusCode::METHOD_NOT_ALLOWED => AppError::Conflict("method_not_allowed"),
            StatusCode::REQUEST_TIMEOUT => AppError::Conflict("timeout"),
            s if s.is_client_error() => AppError::Malformed { field: None },
            _ => AppError::Internal,
        });
    let tr = Tr(lang);
    let mut out = if is_api {
        (status, axum::Json(error::json(&err, &tr))).into_response()
    } else if matches!(err, AppError::Unauthenticated) {
        let next = form_urlencoded_path(&path);
        axum::response::Redirect::to(&format!("/login?next={next}")).into_response()
    } else {
        let page = ui::error_page(&st, &tr, &err);
        (status, Html(page)).into_response()
    };
    if let Some(v) = res.headers().get(NO_ROUTE) {
        out.headers_mut().insert(NO_ROUTE, v.clone());
    }
    // Every "not now" says when, to a program as well as in words.
    let wait = match &err {
        AppError::Throttled { minutes } => Some(*minutes),
        AppError::Refused(r) if r.kind == kaiku_app::error::RefusalKind::Paused => r
            .args
            .iter()
            .find(|(k, _)| *k == "minutes")
            .and_then(|(_, v)| v.parse::<i64>().ok()),
        _ => None,
    };
    if let Some(minutes) = wait {
        out.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(minutes * 60));
    }
    out
}

fn form_urlencoded_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'/' | b'-' | b'_' | b'.' | b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// An account whose password someone else set may do one thing until its
/// owner has chosen a new one: change it. The API answers every other call
/// with 403 `password_change_required`; the screens lead to the password
/// form. Logging out, the language switch and static files stay open. An
/// account whose every place is inactive is told so, the same way.
async fn password_change_first(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with("/static/") || path == "/sw.js" || path == "/health" {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let (pending, closed) =
        match <auth::Ctx as axum::extract::FromRequestParts<AppState>>::from_request_parts(
            &mut parts, &st,
        )
        .await
        {
            Ok(ctx) => ctx.auth.as_ref().map_or((false, false), |a| {
                (
                    a.principal.password_change_required,
                    a.principal.only_inactive_places,
                )
            }),
            Err(_) => (false, false),
        };
    let req = Request::from_parts(parts, body);
    if !pending && !closed {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let open = match path {
        "/api/v1/me" => req.method() == Method::GET,
        "/api/v1/me/password" | "/api/v1/logout" | "/api/v1/login" => true,
        "/account" | "/logout" | "/login" => true,
        p => p.starts_with("/lang/"),
    };
    if open {
        next.run(req).await
    } else if closed {
        // Staff of a place marked inactive: told so on every screen and call.
        error::WebError(AppError::Refused(kaiku_app::error::Refused {
            kind: kaiku_app::error::RefusalKind::Forbidden,
            code: "place_inactive",
            rule: "R-AUTH-1",
            args: vec![],
        }))
        .into_response()
    } else if path.starts_with("/api/") {
        error::WebError(AppError::PasswordChangeRequired).into_response()
    } else {
        axum::response::Redirect::to("/account").into_response()
    }
}

/// An API call that changes something and rides on the session cookie must be
/// JSON: a cross-site HTML form cannot send that content type, so no CSRF
/// token is needed. Calls with a bearer token carry no ambient authority.
/// A `DELETE` has no body to type: no cross-site page can send one without
/// the browser asking first, which kaiku never allows.
async fn api_writes_are_json(req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE
    );
    let h = req.headers();
    if req.uri().path().starts_with("/api/")
        && unsafe_method
        && !h.contains_key(header::AUTHORIZATION)
        && h.contains_key(header::COOKIE)
    {
        // A sheet upload is CSV or XLSX; neither is a type a cross-site form
        // can send either.
        let allowed: &[&str] = if req.uri().path().ends_with("-imports") {
            &[
                "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ]
        } else {
            &["application/json"]
        };
        let json = h
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                let t = v.split(';').next().unwrap_or("").trim();
                allowed.iter().any(|a| t.eq_ignore_ascii_case(a))
            });
        if !json {
            return WebError(AppError::UnsupportedMediaType).into_response();
        }
    }
    next.run(req).await
}

async fn security_headers(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    // Secure cookies mean the site is served over HTTPS: browsers are told
    // to keep to it for a year.
    if st.config.secure_cookies {
        set(h, "strict-transport-security", "max-age=31536000");
    }
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "referrer-policy", "same-origin");
    set(h, "x-frame-options", "DENY");
    set(
        h,
        "permissions-policy",
        "camera=(self), microphone=(), geolocation=()",
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}
