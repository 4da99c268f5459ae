//! Server-rendered screens: plain forms that work without JavaScript, every
//! string translated, errors summarised at the top and linked to their fields.

mod accounts;
mod box_office;
mod cards;
mod catalogue;
mod charts;
mod forms;
mod glance;
mod holder;
mod imports;
mod items;
mod lists;
mod org;
mod reports;
mod session;
mod statements;
mod stats;
mod wellbeing;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebError, WebResult};
use crate::i18n::Tr;
use askama::Template;
use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
pub use forms::{Field, Opt};
use kaiku_core::policy;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/kaiku.css", get(css))
        .route("/static/kaiku.js", get(js))
        .route("/static/offline.js", get(offline_js))
        .route("/static/scan.js", get(scan_js))
        .route("/sw.js", get(service_worker))
        .merge(session::routes())
        .merge(org::routes())
        .merge(accounts::routes())
        .merge(cards::routes())
        .merge(lists::routes())
        .merge(items::routes())
        .merge(box_office::routes())
        .merge(reports::routes())
        .merge(imports::routes())
        .merge(stats::routes())
        .merge(catalogue::routes())
        .merge(holder::routes())
        .merge(statements::routes())
        .merge(wellbeing::routes())
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/kaiku.css"),
    )
        .into_response()
}

fn script(body: &'static str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

/// Progressive enhancement only: every page works without it.
async fn js() -> Response {
    script(
        include_str!("../../static/kaiku.js"),
        "public, max-age=3600",
    )
}

/// The box office without a connection (the screen works online without it).
async fn offline_js() -> Response {
    script(include_str!("../../static/offline.js"), "no-cache")
}

/// Reading a card's QR code or barcode with a phone's or tablet's camera.
async fn scan_js() -> Response {
    script(include_str!("../../static/scan.js"), "public, max-age=3600")
}

/// Served from the root so that it may keep the box-office screens; always
/// asked again, so that a new version takes over at once.
async fn service_worker() -> Response {
    script(include_str!("../../static/sw.js"), "no-cache")
}

pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// What every page's layout needs.
pub struct Page {
    pub tr: Tr,
    pub title: String,
    pub nav: Vec<NavLink>,
    pub username: Option<String>,
    pub csrf: String,
    pub path: String,
    /// Error summary: (field id or empty, message).
    pub errors: Vec<(String, String)>,
    pub notice: Option<String>,
}

impl Page {
    pub fn new(ctx: &Ctx, title_key: &str) -> Page {
        let tr = ctx.tr;
        let mut nav = vec![];
        let mut link = |href: &str, key: &str| {
            let current =
                ctx.path == href || (href != "/" && ctx.path.starts_with(&format!("{href}/")));
            nav.push(NavLink {
                href: href.to_string(),
                label: tr.t(key),
                current,
            });
        };
        if let Some(auth) = &ctx.auth {
            let p = &auth.principal;
            link("/", "nav-home");
            if let [(_, point)] = policy::issuer_points(p).as_slice() {
                link(&format!("/points/{point}/cards"), "nav-cards");
            }
            if policy::card_lookup(p).is_some() {
                link("/check", "nav-check");
            }
            if policy::manages_anything(p) {
                link("/areas", "nav-areas");
                link("/accounts", "nav-accounts");
            }
            if let [(_, venue)] = policy::staff_venues(p).as_slice() {
                link(&format!("/venues/{venue}/items"), "nav-offering");
                link(&format!("/venues/{venue}/report"), "nav-report");
            }
            if !policy::staff_venues(p).is_empty()
                || policy::manages_anything(p) && policy::national(p).is_none()
            {
                link("/box-office", "nav-box-office");
            }
            if policy::national(p).is_some() {
                link("/statistics", "nav-statistics");
                link("/lists", "nav-lists");
                link("/cap-policy", "nav-cap-policy");
            }
            if policy::audit(p).is_some() {
                link("/audit", "nav-audit");
            }
            link("/account", "nav-own-account");
        }
        Page {
            tr,
            title: tr.t(title_key),
            nav,
            username: ctx.auth.as_ref().map(|a| a.label.clone()),
            csrf: ctx.csrf(),
            path: ctx.path.clone(),
            errors: vec![],
            notice: None,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.tr.t1(key, name, value)
    }

    /// The summary line of an import preview.
    pub fn t_args3(
        &self,
        key: &str,
        accepted: &usize,
        refused: &usize,
        duplicates: &usize,
    ) -> String {
        self.tr.t_args(
            key,
            &[
                ("accepted", accepted.to_string()),
                ("refused", refused.to_string()),
                ("duplicates", duplicates.to_string()),
            ],
        )
    }

    pub fn lang(&self) -> &'static str {
        self.tr.lang()
    }

    /// `/lang/sv?next=/areas` for the language switch.
    pub fn lang_href(&self, lang: &str) -> String {
        format!(
            "/lang/{lang}?next={}",
            crate::form_urlencoded_path(&self.path)
        )
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }
}

/// Renders a template, or a plain error if the template itself fails.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            WebError(AppError::Internal).into_response()
        }
    }
}

/// A form shown again with its errors: 400, and marked so the error layer
/// leaves the body alone.
pub fn render_invalid(t: &impl Template) -> Response {
    let mut res = render(t);
    *res.status_mut() = StatusCode::BAD_REQUEST;
    res.extensions_mut().insert(crate::Rendered);
    res
}

/// A page as shown: 200, or 400 when it carries form errors to correct.
pub fn respond(page: &Page, t: &impl Template) -> Response {
    if page.errors.is_empty() {
        render(t)
    } else {
        render_invalid(t)
    }
}

/// After a successful post: see the result with a GET (so reload and back do
/// not post again).
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    page: &'a Page,
    message: String,
    status: u16,
}

/// The page for an error no form could show next to a field.
pub fn error_page(_st: &AppState, tr: &Tr, err: &AppError) -> String {
    let page = Page {
        tr: *tr,
        title: tr.t("error-page-title"),
        nav: vec![],
        username: None,
        csrf: String::new(),
        path: "/".into(),
        errors: vec![],
        notice: None,
    };
    let t = ErrorPage {
        page: &page,
        message: err.message(tr),
        status: crate::error::status(err).as_u16(),
    };
    t.render().unwrap_or_else(|_| err.message(tr))
}

/// Splits a failed form action into messages to show beside fields, or hands
/// other errors on to the error page.
pub fn form_errors(
    tr: &Tr,
    e: AppError,
    field_for_conflict: &str,
) -> WebResult<Vec<(String, String)>> {
    match e {
        AppError::Invalid(errs) => Ok(errs
            .iter()
            .map(|fe| (fe.field.to_string(), fe.message(tr)))
            .collect()),
        AppError::Conflict(_) => Ok(vec![(field_for_conflict.to_string(), e.message(tr))]),
        e => Err(e.into()),
    }
}
