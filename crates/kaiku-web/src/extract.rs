//! Body extractors whose refusals are kaiku errors: a clear message in the
//! user's language that names the field at fault but never repeats what was
//! sent (it might be something personal, R-PRIV-1).

use crate::error::{AppError, WebError};
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

/// A JSON body that may be left out (empty): then its default.
pub struct OptionalJson<T>(pub T);

impl<T: DeserializeOwned + Default, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        let typed = content_type_is(&req, "application/json");
        let bytes = body_bytes(req, state).await.map_err(WebError)?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(T::default()));
        }
        if !typed {
            return Err(WebError(AppError::UnsupportedMediaType));
        }
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de)
            .map(OptionalJson)
            .map_err(|_| WebError(AppError::Malformed { field: None }))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        json(req, state).await.map(ApiJson).map_err(WebError)
    }
}

async fn json<T: DeserializeOwned, S: Send + Sync>(req: Request, state: &S) -> Result<T, AppError> {
    {
        if !content_type_is(&req, "application/json") {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        let de = &mut serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(de).map_err(|e| AppError::Malformed {
            // A known field with a value of the wrong type is named; a key
            // the call does not know is not repeated (it may be anything).
            field: if e.inner().to_string().starts_with("unknown field") {
                None
            } else {
                path_of(e.path())
            },
        })
    }
}

/// An HTML form post (`application/x-www-form-urlencoded`); repeated keys
/// become lists.
pub struct UiForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for UiForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        form(req, state).await.map(UiForm).map_err(WebError)
    }
}

async fn form<T: DeserializeOwned, S: Send + Sync>(req: Request, state: &S) -> Result<T, AppError> {
    {
        if !content_type_is(&req, "application/x-www-form-urlencoded") {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = body_bytes(req, state).await?;
        // Our forms send only text fields, so a failure here means a forged or
        // truncated post; the library's message may quote a value, so it is dropped.
        serde_html_form::from_bytes(&bytes).map_err(|_| AppError::Malformed { field: None })
    }
}
