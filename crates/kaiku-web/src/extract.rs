//! Body extractors whose refusals are kaiku errors: a clear message in the
//! user's language that names the field at fault but never repeats what was
//! sent (it might be something personal, R-PRIV-1).

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::de::DeserializeOwned;

fn content_type_is(req: &Request, wanted: &str) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(wanted))
}

async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::Malformed { field: None }
        }
    })
}

fn path_of(path: &serde_path_to_error::Path) -> Option<String> {
    let p = path.to_string();
    (p != ".").then_some(p)
}

/// A JSON body (`Content-Type: application/json` required: a cross-site form
/// cannot send it, which is what protects cookie-authenticated API calls).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !content_type_is(&req, "application/json") {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de)
            .map(ApiJson)
            .map_err(|e| AppError::Malformed {
                field: path_of(e.path()),
            })
    }
}

/// An HTML form post (`application/x-www-form-urlencoded`); repeated keys
/// become lists.
pub struct UiForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for UiForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !content_type_is(&req, "application/x-www-form-urlencoded") {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        // Our forms send only text fields, so a failure here means a forged or
        // truncated post; the library's message may quote a value, so it is dropped.
        serde_html_form::from_bytes(&bytes)
            .map(UiForm)
            .map_err(|_| AppError::Malformed { field: None })
    }
}

/// Lenient scalars shared by JSON and forms: a checkbox sends "on", JSON
/// sends `true`; a select sends "12", JSON sends `12`.
pub mod flex {
    use serde::{Deserialize, Deserializer, de::Error};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum BoolOrStr {
        Bool(bool),
        Str(String),
    }

    pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        match BoolOrStr::deserialize(d)? {
            BoolOrStr::Bool(b) => Ok(b),
            BoolOrStr::Str(s) => match s.as_str() {
                "on" | "true" | "1" | "yes" => Ok(true),
                "off" | "false" | "0" | "no" | "" => Ok(false),
                _ => Err(D::Error::custom("not a yes/no value")),
            },
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrStr {
        List(Vec<String>),
        Str(String),
    }

    /// Card codes: a JSON list, or what a person types or a scanner enters
    /// into one box (one code a line, or separated by commas or `;`; spaces
    /// stay inside a code, which R-CARD-1 allows).
    pub fn codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let parts = match ListOrStr::deserialize(d)? {
            ListOrStr::List(v) => v,
            ListOrStr::Str(s) => vec![s],
        };
        Ok(parts
            .iter()
            .flat_map(|p| p.split(['\n', '\r', ',', ';']))
            .filter(|c| !c.trim().is_empty())
            .map(str::to_string)
            .collect())
    }

    pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        bool(d).map(Some)
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum IdOrStr {
        Id(i64),
        Str(String),
    }

    /// A small whole number (a year, a count).
    pub fn opt_i32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
        match opt_id(d)? {
            None => Ok(None),
            Some(n) => i32::try_from(n)
                .map(Some)
                .map_err(|_| D::Error::custom("out of range")),
        }
    }

    pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        match Option::<IdOrStr>::deserialize(d)? {
            None => Ok(None),
            Some(IdOrStr::Id(i)) => Ok(Some(i)),
            Some(IdOrStr::Str(s)) if s.trim().is_empty() => Ok(None),
            Some(IdOrStr::Str(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| D::Error::custom("not an id")),
        }
    }
}
