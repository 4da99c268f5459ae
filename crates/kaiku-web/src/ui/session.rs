//! Home, login, logout, language choice and one's own account.

use super::{Field, Page, form_errors, render, see_other};
use crate::AppState;
use crate::auth::{self, Ctx};
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::i18n;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use kaiku_app::accounts;
use kaiku_core::grant::Grant;
use kaiku_core::org::Lang;
use kaiku_store::{areas, points, venues};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/lang/{lang}", get(set_lang))
        .route("/account", get(own_account).post(change_password))
}

/// Only paths of this site may be redirected to after login or a language
/// change (never `//evil.example`).
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(kaiku_core::input::local_path)
        .unwrap_or("/")
        .to_string()
}

pub struct Role {
    pub label: String,
    pub place: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    page: &'a Page,
    roles: Vec<Role>,
}

async fn home(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    let page = Page::new(&ctx, "home-title");
    let grants = ctx
        .auth
        .as_ref()
        .map(|a| a.principal.grants.clone())
        .unwrap_or_default();
    let tr = ctx.tr;
    let roles = st
        .store
        .read(move |c| {
            grants
                .iter()
                .map(|g| {
                    let label = tr.t(&format!("role-{}", g.role().as_ref()));
                    Ok(match *g {
                        Grant::NationalAdmin => Role {
                            label,
                            place: tr.t("role-whole-country"),
                            href: "/areas".into(),
                        },
                        Grant::AreaCoordinator { area } => Role {
                            label,
                            place: areas::get(c, area)?.name,
                            href: format!("/areas/{area}"),
                        },
                        Grant::Issuer { point, .. } => Role {
                            label,
                            place: points::get(c, point)?.name,
                            href: format!("/points/{point}/cards"),
                        },
                        Grant::VenueStaff { venue, .. } => Role {
                            label,
                            place: venues::get(c, venue)?.name,
                            href: format!("/venues/{venue}/items"),
                        },
                    })
                })
                .collect::<Result<Vec<_>, kaiku_store::StoreError>>()
        })
        .await?;
    if ctx.auth.is_some() {
        let g = kaiku_app::glance::glance(&st.store, &ctx.caller()?).await?;
        return Ok(super::glance::page(&page, g, roles));
    }
    Ok(render(&Home { page: &page, roles }))
}

#[derive(Template)]
#[template(path = "login.html")]
struct Login<'a> {
    page: &'a Page,
    fields: Vec<Field>,
    next: String,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

fn login_page(
    ctx: &Ctx,
    csrf: &str,
    username: &str,
    next: &str,
    errors: Vec<(String, String)>,
) -> Response {
    let mut page = Page::new(ctx, "login-title");
    page.csrf = csrf.to_string();
    page.errors = errors;
    let fields = vec![
        Field::text(&page, "username", username)
            .required()
            .no_hint()
            .autocomplete("username"),
        Field::kind(&page, "password", "password", "")
            .required()
            .no_hint()
            .autocomplete("current-password"),
    ];
    let t = Login {
        page: &page,
        fields,
        next: next.to_string(),
    };
    super::respond(&page, &t)
}

/// The login form. A visitor without a CSRF cookie gets one here.
async fn login_form(State(st): State<AppState>, ctx: Ctx, Query(q): Query<NextQuery>) -> Response {
    let existing = ctx.csrf();
    let csrf = if existing.is_empty() {
        auth::random_token()
    } else {
        existing.clone()
    };
    let res = login_page(&ctx, &csrf, "", &safe_next(q.next.as_deref()), vec![]);
    let mut jar = CookieJar::new();
    if existing.is_empty() {
        jar = jar.add(auth::anon_csrf_cookie(&st.config, &csrf));
    }
    (jar, res).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    csrf: String,
}

async fn login(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<LoginForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let next = safe_next(f.next.as_deref());
    match auth::login(&st, &ctx, &f.username, &f.password).await {
        Ok(done) => {
            let jar = CookieJar::new().add(auth::session_cookie(&st.config, &done.secret));
            Ok((jar, see_other(&next)).into_response())
        }
        Err(e @ (AppError::BadCredentials | AppError::Throttled { .. })) => {
            let status = crate::error::status(&e);
            let mut res = login_page(
                &ctx,
                &ctx.csrf(),
                &f.username,
                &next,
                // Beside the password: the name typed stays in its field.
                vec![("password".into(), e.message(&ctx.tr))],
            );
            *res.status_mut() = status;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<CsrfOnly>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    auth::logout(&st, &ctx).await?;
    let jar = CookieJar::new().add(auth::ended_session_cookie(&st.config));
    Ok((jar, see_other("/login")).into_response())
}

async fn set_lang(
    State(st): State<AppState>,
    Path(lang): Path<String>,
    Query(q): Query<NextQuery>,
) -> WebResult<Response> {
    let lang = lang.parse::<Lang>().ok().ok_or(AppError::NotFound)?;
    let jar = CookieJar::new().add(i18n::lang_cookie(&st.config, lang));
    Ok((jar, see_other(&safe_next(q.next.as_deref()))).into_response())
}

#[derive(Template)]
#[template(path = "account_own.html")]
struct OwnAccount<'a> {
    page: &'a Page,
    fields: Vec<Field>,
}

fn own_account_page(ctx: &Ctx, errors: Vec<(String, String)>, notice: Option<String>) -> Response {
    let mut page = Page::new(ctx, "own-account-title").with_notice(notice);
    page.errors = errors;
    let fields = vec![
        Field::kind(&page, "current_password", "password", "")
            .required()
            .autocomplete("current-password"),
        Field::kind(&page, "new_password", "password", "")
            .required()
            .autocomplete("new-password"),
        Field::kind(&page, "new_password_again", "password", "")
            .required()
            .autocomplete("new-password"),
    ];
    let t = OwnAccount {
        page: &page,
        fields,
    };
    super::respond(&page, &t)
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn own_account(ctx: Ctx, Query(q): Query<SavedQuery>) -> WebResult<Response> {
    let pending = ctx.auth()?.principal.password_change_required;
    let notice = match (q.saved, pending) {
        (Some(_), _) => Some(ctx.tr.t("notice-password-changed")),
        (None, true) => Some(ctx.tr.t("notice-password-change-required")),
        (None, false) => None,
    };
    Ok(own_account_page(&ctx, vec![], notice))
}

async fn change_password(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<accounts::PasswordChange>,
) -> WebResult<Response> {
    ctx.auth()?;
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let mut f = f;
    if f.new_password_again.is_none() {
        f.new_password_again = Some(String::new());
    }
    match accounts::change_own_password(&st.store, &ctx.caller()?, ctx.keep_session(), &f).await {
        Ok(()) => Ok(see_other("/account?saved=1")),
        Err(e) => Ok(own_account_page(
            &ctx,
            form_errors(&ctx.tr, e, "current_password")?,
            None,
        )),
    }
}
