//! Who is calling: staff sessions and venue tokens, passwords, and login
//! and logout themselves. The web crate carries the secrets in cookies and
//! headers; what they mean is decided here.

use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use kaiku_core::Id;
use kaiku_core::policy::{Operator, Principal, Via};
use kaiku_core::throttle;
use kaiku_store::{Actor, Store, accounts, audit, sessions, tokens};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Sessions last one working day.
pub const SESSION_HOURS: i64 = 12;

/// An authenticated caller, as a service sees it.
#[derive(Clone, Debug)]
pub struct Caller {
    pub principal: Principal,
    /// Username, or `token:ID` for an integration.
    pub label: String,
    pub tr: Tr,
}

impl Caller {
    /// The operator at the command line; `label` names the task in the
    /// audit log (`cli`, `demo`).
    pub fn operator(op: &Operator, label: &str, tr: Tr) -> Caller {
        Caller {
            principal: Principal::operator(op),
            label: label.to_string(),
            tr,
        }
    }

    pub fn principal(&self) -> &Principal {
        &self.principal
    }

    /// Who did it, as the audit log records it.
    pub fn actor(&self) -> Actor {
        Actor {
            account: self.principal.account,
            label: match self.principal.via {
                Via::Token { token } => format!("token:{token}"),
                _ => self.label.clone(),
            },
        }
    }
}

/// A session found by its secret: who, and the secret's stored hash and
/// form token.
#[derive(Clone, Debug)]
pub struct SessionRef {
    pub id_hash: String,
    pub csrf: String,
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Password hashes computed at once: each takes 19 MiB and a core for a
/// while, so a flood of logins waits here, cheaply, rather than filling
/// memory and the blocking threads that the database reads also need.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new(cores)
});

/// argon2id with the library's defaults (19 MiB, 2 passes), run off the
/// async threads because it is deliberately slow.
pub async fn hash_password(password: String) -> AppResult<String> {
    let _turn = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
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
    let Ok(_turn) = HASHING.acquire().await else {
        return false;
    };
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

/// The venue token with this secret, as a caller.
pub async fn by_token(store: &Store, token: &str) -> AppResult<(Principal, String)> {
    if token.is_empty() {
        return Err(AppError::Unauthenticated);
    }
    let hash = sha256_hex(token);
    let found = store
        .read_short(move |c| tokens::authenticate(c, &hash))
        .await?;
    let (token_id, venue, area, last_used) = found.ok_or(AppError::Unauthenticated)?;
    // The last use, to the minute: one write a minute at most per token.
    let now = kaiku_store::now();
    if last_used.is_none_or(|t| now - t >= Duration::minutes(1)) {
        store.note(move |c| tokens::used(c, token_id, now)).await?;
    }
    Ok((
        Principal::token(token_id, area, venue),
        format!("token:{token_id}"),
    ))
}

/// The live session with this cookie secret, if any.
pub async fn by_secret(
    store: &Store,
    secret: &str,
) -> AppResult<Option<(Principal, String, SessionRef)>> {
    let hash = sha256_hex(secret);
    let now = kaiku_store::now();
    store
        .read_short(move |c| {
            let Some((session, account, grants, dropped)) = sessions::find(c, &hash, now)? else {
                return Ok(None);
            };
            // Until its owner has chosen a password of their own, an account
            // may change its password and nothing else; one whose every
            // place is inactive may sign out.
            let principal = if account.password_change_required {
                Principal::pending(account.id)
            } else if dropped && grants.is_empty() {
                Principal::at_inactive_places(account.id)
            } else {
                Principal::session(account.id, grants)
            };
            Ok(Some((
                principal,
                account.username,
                SessionRef {
                    id_hash: session.id_hash,
                    csrf: session.csrf_token,
                },
            )))
        })
        .await
}

/// A fresh login: the cookie secret to hand to the browser.
pub struct LoggedIn {
    pub secret: String,
    pub account: Id,
    pub username: String,
}

/// Checks the throttle, then the password; a success starts a new session
/// (a new id every time, so a planted cookie is worthless) and ends `old`.
pub async fn login(
    store: &Store,
    address: &str,
    old: Option<String>,
    username: &str,
    password: &str,
) -> AppResult<LoggedIn> {
    let username = username.trim().to_lowercase();
    if username.is_empty() || password.is_empty() || username.len() > 256 || password.len() > 1024 {
        return Err(AppError::BadCredentials);
    }
    let now = kaiku_store::now();
    let since = now - throttle::WINDOW;
    // Failures are kept under a hash of the typed name: whatever someone typed
    // into the login box (it might be a person's name) is never stored (R-PRIV-1).
    let name_key = sha256_hex(&username);
    let (name, addr) = (name_key.clone(), address.to_string());
    let (by_name, by_addr) = store
        .read(move |c| kaiku_store::throttle::failures(c, &name, &addr, since))
        .await?;
    let recent = throttle::Recent {
        pair: by_name
            .iter()
            .filter(|(a, _)| a == address)
            .map(|(_, t)| t.and_utc())
            .collect(),
        name: by_name.iter().map(|(_, t)| t.and_utc()).collect(),
        address: by_addr.into_iter().map(|t| t.and_utc()).collect(),
    };
    let pair_before = recent.pair.len();
    match throttle::verdict(&recent, now.and_utc()) {
        throttle::Verdict::Locked { minutes } => return Err(AppError::Throttled { minutes }),
        // A name guessed at from many places: each try waits, the rightful
        // user's too, but gets in.
        throttle::Verdict::Go { delay_seconds } if delay_seconds > 0 => {
            tokio::time::sleep(std::time::Duration::from_secs(delay_seconds as u64)).await;
        }
        throttle::Verdict::Go { .. } => {}
    }

    let name = username.clone();
    let account = store.read(move |c| accounts::credentials(c, &name)).await?;
    let ok = verify_password(
        password.to_string(),
        account.as_ref().map(|a| a.password_hash.clone()),
    )
    .await;
    let account = match account {
        Some(a) if ok && a.active => a,
        known => {
            let (name, addr) = (name_key.clone(), address.to_string());
            let locks = throttle::locks_now(pair_before);
            let locked = known.filter(|_| locks).map(|a| (a.id, a.home_area_id));
            store
                .write(move |c| {
                    kaiku_store::throttle::record_failure(c, &name, &addr, now)?;
                    // The failure that locks a pair is in the account's
                    // area's log, for its coordinator to see and lift.
                    if let Some((id, area)) = locked {
                        audit::record(
                            c,
                            &Actor::system("login"),
                            &audit::Event {
                                action: "login.locked",
                                record_type: "account",
                                record_id: Some(id),
                                area,
                                detail: format!("address={addr}"),
                            },
                            now,
                        )?;
                    }
                    Ok::<_, kaiku_store::StoreError>(())
                })
                .await?;
            tracing::info!("login refused");
            return Err(AppError::BadCredentials);
        }
    };

    let secret = random_token();
    let (hash, csrf) = (sha256_hex(&secret), random_token());
    let actor = Actor {
        account: Some(account.id),
        label: account.username.clone(),
    };
    let id = account.id;
    store
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
        username: account.username,
    })
}

/// Ends the session whose stored hash is `id_hash`.
pub async fn logout(store: &Store, caller: &Caller, id_hash: String) -> AppResult<()> {
    let actor = caller.actor();
    store
        .write(move |c| {
            sessions::delete(c, &id_hash)?;
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
