//! Who is calling, from the request: a staff session (cookie) or a venue
//! token (bearer), the request's language and CSRF secret; and the cookies
//! kaiku sets (session, the visitor's CSRF secret). What a session or token
//! means is `kaiku_app::session`.

use crate::error::{AppError, AppResult, WebError};
use crate::i18n::{self, Tr};
use crate::{AppState, Config};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
pub use kaiku_app::session::{
    Caller, SESSION_HOURS, SessionRef, hash_password, random_token, sha256_hex,
};
use kaiku_core::policy::Principal;
use kaiku_store::Actor;
use std::net::SocketAddr;

/// The caller of one request.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub tr: Tr,
    pub auth: Option<Auth>,
    /// The CSRF secret of a visitor who is not logged in (login form).
    pub anon_csrf: Option<String>,
    pub address: String,
    pub path: String,
}

#[derive(Clone, Debug)]
pub struct Auth {
    pub principal: Principal,
    /// Username, or the token's name for an integration.
    pub label: String,
    pub session: Option<SessionRef>,
}

impl Ctx {
    pub fn auth(&self) -> AppResult<&Auth> {
        self.auth.as_ref().ok_or(AppError::Unauthenticated)
    }

    pub fn principal(&self) -> AppResult<&Principal> {
        Ok(&self.auth()?.principal)
    }

    /// The logged-in caller, as the services take it.
    pub fn caller(&self) -> AppResult<Caller> {
        let auth = self.auth()?;
        Ok(Caller {
            principal: auth.principal.clone(),
            label: auth.label.clone(),
            tr: self.tr,
        })
    }

    /// The stored hash of this request's session, which a password change
    /// made in it keeps alive.
    pub fn keep_session(&self) -> Option<String> {
        self.auth
            .as_ref()
            .and_then(|a| a.session.as_ref())
            .map(|s| s.id_hash.clone())
    }

    pub fn actor(&self) -> Actor {
        match self.caller() {
            Ok(c) => c.actor(),
            Err(_) => Actor::system("anonymous"),
        }
    }

    /// The CSRF token that forms on this page must carry.
    pub fn csrf(&self) -> String {
        match self.auth.as_ref().and_then(|a| a.session.as_ref()) {
            Some(s) => s.csrf.clone(),
            None => self.anon_csrf.clone().unwrap_or_default(),
        }
    }

    /// Refuses a form post whose token does not match this session's (or, before
    /// login, the visitor's cookie).
    pub fn check_csrf(&self, sent: &str) -> AppResult<()> {
        use subtle::ConstantTimeEq;
        let expected = self.csrf();
        if !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(sent.as_bytes())) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, WebError> {
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let tr = Tr(i18n::negotiate(&parts.headers));
        let address = client_address(parts, state.config.behind_proxy);
        // Tokens are for integrations through the JSON API; the screens are
        // for people and know only sessions.
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .filter(|_| parts.uri.path().starts_with("/api/"))
            .and_then(|v| v.to_str().ok())
            .map(|v| v.strip_prefix("Bearer ").map(str::trim).unwrap_or(""));
        let jar = CookieJar::from_headers(&parts.headers);
        let cookie = |name: &str| jar.get(name).map(|c| c.value().to_string());
        let session = cookie(state.config.session_cookie());
        let auth = match (bearer, session) {
            (Some(token), _) => {
                let (principal, label) = kaiku_app::session::by_token(&state.store, token).await?;
                Some(Auth {
                    principal,
                    label,
                    session: None,
                })
            }
            (None, Some(secret)) => kaiku_app::session::by_secret(&state.store, &secret)
                .await?
                .map(|(principal, label, session)| Auth {
                    principal,
                    label,
                    session: Some(session),
                }),
            (None, None) => None,
        };
        let ctx = Ctx {
            tr,
            auth,
            anon_csrf: cookie(state.config.csrf_cookie()),
            address,
            path: parts.uri.path().to_string(),
        };
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

fn client_address(parts: &Parts, behind_proxy: bool) -> String {
    if behind_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string());
        if let Some(a) = forwarded.filter(|a| !a.is_empty()) {
            return a;
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// A cookie for the whole site, kept `max_age` seconds (0 deletes it), sent
/// over TLS only when `secure`, and out of scripts' reach unless `script`
/// (only for a cookie that holds nothing secret).
pub fn site_cookie(
    name: impl Into<String>,
    value: impl Into<String>,
    max_age: i64,
    secure: bool,
    same_site: SameSite,
    script: bool,
) -> Cookie<'static> {
    Cookie::build((name.into(), value.into()))
        .path("/")
        .max_age(::cookie::time::Duration::seconds(max_age))
        .http_only(!script)
        .same_site(same_site)
        .secure(secure)
        .build()
}

/// The session cookie a login sets (`__Host-` prefixed when secure).
pub fn session_cookie(config: &Config, secret: &str) -> Cookie<'static> {
    site_cookie(
        config.session_cookie(),
        secret,
        SESSION_HOURS * 3600,
        config.secure_cookies,
        SameSite::Lax,
        false,
    )
}

/// What a logout sends: the session cookie emptied and expired at once.
pub fn ended_session_cookie(config: &Config) -> Cookie<'static> {
    site_cookie(
        config.session_cookie(),
        "",
        0,
        config.secure_cookies,
        SameSite::Lax,
        false,
    )
}

/// The CSRF secret of a visitor who is not logged in, for the login form;
/// `Strict`, so that no other site's page can post it.
pub fn anon_csrf_cookie(config: &Config, token: &str) -> Cookie<'static> {
    site_cookie(
        config.csrf_cookie(),
        token,
        3600 * 12,
        config.secure_cookies,
        SameSite::Strict,
        false,
    )
}

/// Logs in with the request's address for the throttle, ending the
/// request's old session if it had one.
pub async fn login(
    state: &AppState,
    ctx: &Ctx,
    username: &str,
    password: &str,
) -> AppResult<kaiku_app::session::LoggedIn> {
    kaiku_app::session::login(
        &state.store,
        &ctx.address,
        ctx.keep_session(),
        username,
        password,
    )
    .await
}

pub async fn logout(state: &AppState, ctx: &Ctx) -> AppResult<()> {
    let Some(auth) = &ctx.auth else { return Ok(()) };
    let Some(session) = &auth.session else {
        return Err(AppError::Forbidden);
    };
    kaiku_app::session::logout(&state.store, &ctx.caller()?, session.id_hash.clone()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The parts of a `Set-Cookie` value: browsers read its attributes in
    /// any order.
    fn parts(c: &Cookie<'static>) -> BTreeSet<String> {
        c.encoded()
            .to_string()
            .split("; ")
            .map(str::to_string)
            .collect()
    }

    fn set(parts: &[&str]) -> BTreeSet<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn cookies_carry_the_attributes_of_their_purpose() {
        let secure = Config::default();
        let plain = Config {
            secure_cookies: false,
            ..Config::default()
        };
        assert_eq!(
            parts(&session_cookie(&secure, "s3cret")),
            set(&[
                "__Host-kaiku_session=s3cret",
                "Path=/",
                "Max-Age=43200",
                "HttpOnly",
                "SameSite=Lax",
                "Secure",
            ])
        );
        assert_eq!(
            parts(&ended_session_cookie(&plain)),
            set(&[
                "kaiku_session=",
                "Path=/",
                "Max-Age=0",
                "HttpOnly",
                "SameSite=Lax",
            ])
        );
        assert_eq!(
            parts(&anon_csrf_cookie(&secure, "t")),
            set(&[
                "__Host-kaiku_csrf=t",
                "Path=/",
                "Max-Age=43200",
                "HttpOnly",
                "SameSite=Strict",
                "Secure",
            ])
        );
        assert_eq!(
            parts(&anon_csrf_cookie(&plain, "t")),
            set(&[
                "kaiku_csrf=t",
                "Path=/",
                "Max-Age=43200",
                "HttpOnly",
                "SameSite=Strict",
            ])
        );
        assert_eq!(
            parts(&crate::i18n::lang_cookie(
                &secure,
                kaiku_core::org::Lang::Sv
            )),
            set(&[
                "kaiku_lang=sv",
                "Path=/",
                "Max-Age=31536000",
                "SameSite=Lax",
                "Secure",
            ])
        );
    }
}
