//! Who is calling: a staff session (cookie) or a venue token (bearer), the
//! request's language and CSRF secret, and login / logout themselves.

use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::i18n::{self, Tr};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, NaiveDateTime};
use kaiku_core::policy::{Principal, Via};
use kaiku_core::throttle;
use kaiku_store::{Actor, accounts, audit, sessions, tokens};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::LazyLock;

/// Sessions last one working day.
pub const SESSION_HOURS: i64 = 12;
pub const ANON_CSRF_COOKIE: &str = "kaiku_csrf";

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

#[derive(Clone, Debug)]
pub struct SessionRef {
    pub id_hash: String,
    pub csrf: String,
}

impl Ctx {
    pub fn auth(&self) -> AppResult<&Auth> {
        self.auth.as_ref().ok_or(AppError::Unauthenticated)
    }

    pub fn principal(&self) -> AppResult<&Principal> {
        Ok(&self.auth()?.principal)
    }

    pub fn actor(&self) -> Actor {
        match &self.auth {
            Some(a) => Actor {
                account: a.principal.account,
                label: match a.principal.via {
                    Via::Session => a.label.clone(),
                    Via::Token { token } => format!("token:{token}"),
                },
            },
            None => Actor::system("anonymous"),
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
        let expected = self.csrf();
        if !expected.is_empty() && constant_time_eq(expected.as_bytes(), sent.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Csrf)
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> AppResult<Ctx> {
        if let Some(ctx) = parts.extensions.get::<Ctx>() {
            return Ok(ctx.clone());
        }
        let tr = Tr(i18n::negotiate(&parts.headers));
        let address = client_address(parts, state.config.behind_proxy);
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.strip_prefix("Bearer ").map(str::trim).unwrap_or(""));
        let session = cookie(&parts.headers, state.config.session_cookie());
        let auth = match (bearer, session) {
            (Some(token), _) => Some(token_auth(state, token).await?),
            (None, Some(secret)) => session_auth(state, &secret).await?,
            (None, None) => None,
        };
        let ctx = Ctx {
            tr,
            auth,
            anon_csrf: cookie(&parts.headers, ANON_CSRF_COOKIE),
            address,
            path: parts.uri.path().to_string(),
        };
        parts.extensions.insert(ctx.clone());
        Ok(ctx)
    }
}

async fn token_auth(state: &AppState, token: &str) -> AppResult<Auth> {
    if token.is_empty() {
        return Err(AppError::Unauthenticated);
    }
    let hash = sha256_hex(token);
    let found = state
        .store
        .read(move |c| tokens::authenticate(c, &hash))
        .await?;
    let (token_id, venue, area) = found.ok_or(AppError::Unauthenticated)?;
    Ok(Auth {
        principal: Principal::token(token_id, area, venue),
        label: format!("token:{token_id}"),
        session: None,
    })
}

async fn session_auth(state: &AppState, secret: &str) -> AppResult<Option<Auth>> {
    let hash = sha256_hex(secret);
    let now = kaiku_store::now();
    state
        .store
        .read(move |c| {
            let Some((session, account)) = sessions::find(c, &hash, now)? else {
                return Ok(None);
            };
            let grants = accounts::grants_of(c, account.id)?
                .into_iter()
                .map(|g| g.grant)
                .collect();
            Ok(Some(Auth {
                principal: Principal::session(account.id, grants),
                label: account.username,
                session: Some(SessionRef {
                    id_hash: session.id_hash,
                    csrf: session.csrf_token,
                }),
            }))
        })
        .await
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

/// The value of one cookie of the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value; `max_age` 0 deletes the cookie.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age: i64,
    secure: bool,
    same_site: &str,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    ))
    .expect("cookie value is ASCII")
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// argon2id with the library's defaults (19 MiB, 2 passes), run off the
/// async threads because it is deliberately slow.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt =
            SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|_| AppError::Internal)?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|_| AppError::Internal)
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// A hash of a password nobody has, verified when the name is unknown so that
/// a wrong name takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::encode_b64(b"kaiku-dummy-salt").expect("salt");
    Argon2::default()
        .hash_password(b"no such account", &salt)
        .expect("hash")
        .to_string()
});

pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
        PasswordHash::new(&hash)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A fresh login: the cookie secret to hand to the browser.
pub struct LoggedIn {
    pub secret: String,
    pub account: kaiku_core::Id,
}

/// Checks the throttle, then the password; a success starts a new session
/// (a new id every time, so a planted cookie is worthless).
pub async fn login(
    state: &AppState,
    ctx: &Ctx,
    username: &str,
    password: &str,
) -> AppResult<LoggedIn> {
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() || username.len() > 256 || password.len() > 1024 {
        return Err(AppError::BadCredentials);
    }
    let now = kaiku_store::now();
    let since = now
        - throttle::PER_ACCOUNT
            .window
            .max(throttle::PER_ADDRESS.window);
    // Failures are kept under a hash of the typed name: whatever someone typed
    // into the login box (it might be a person's name) is never stored (R-PRIV-1).
    let name_key = sha256_hex(&username);
    let (name, addr) = (name_key.clone(), ctx.address.clone());
    let (by_name, by_addr) = state
        .store
        .read(move |c| kaiku_store::throttle::failures(c, &name, &addr, since))
        .await?;
    let utc = |v: Vec<NaiveDateTime>| v.into_iter().map(|t| t.and_utc()).collect::<Vec<_>>();
    let wait = throttle::PER_ACCOUNT
        .wait_minutes(&utc(by_name), now.and_utc())
        .max(throttle::PER_ADDRESS.wait_minutes(&utc(by_addr), now.and_utc()));
    if let Some(minutes) = wait {
        return Err(AppError::Throttled { minutes });
    }

    let name = username.clone();
    let account = state
        .store
        .read(move |c| accounts::find_by_username(c, &name))
        .await?;
    let ok = verify_password(
        password.to_string(),
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await;
    let account = match account {
        Some(a) if ok && a.active => a,
        _ => {
            let (name, addr) = (name_key.clone(), ctx.address.clone());
            state
                .store
                .write(move |c| kaiku_store::throttle::record_failure(c, &name, &addr, now))
                .await?;
            tracing::info!("login refused");
            return Err(AppError::BadCredentials);
        }
    };

    let secret = random_token();
    let (hash, csrf) = (sha256_hex(&secret), random_token());
    let old = ctx
        .auth
        .as_ref()
        .and_then(|a| a.session.as_ref())
        .map(|s| s.id_hash.clone());
    let actor = Actor {
        account: Some(account.id),
        label: account.username.clone(),
    };
    let id = account.id;
    state
        .store
        .write(move |c| {
            if let Some(old) = old {
                sessions::delete(c, &old)?;
            }
            kaiku_store::throttle::clear(c, &name_key)?;
            sessions::create(
                c,
                &hash,
                id,
                &csrf,
                now,
                now + Duration::hours(SESSION_HOURS),
            )?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "session.login",
                    record_type: "account",
                    record_id: Some(id),
                    area: None,
                    detail: String::new(),
                },
                now,
            )
        })
        .await?;
    tracing::info!(account = id, "login");
    Ok(LoggedIn {
        secret,
        account: id,
    })
}

pub async fn logout(state: &AppState, ctx: &Ctx) -> AppResult<()> {
    let Some(auth) = &ctx.auth else { return Ok(()) };
    let Some(session) = &auth.session else {
        return Err(AppError::Forbidden);
    };
    let hash = session.id_hash.clone();
    let actor = ctx.actor();
    state
        .store
        .write(move |c| {
            sessions::delete(c, &hash)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "session.logout",
                    record_type: "account",
                    record_id: actor.account,
                    area: None,
                    detail: String::new(),
                },
                kaiku_store::now(),
            )
        })
        .await?;
    Ok(())
}
