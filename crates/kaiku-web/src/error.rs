//! The one place a service's refusal becomes an HTTP answer: its status, and
//! the JSON error object of SPEC §11 (or, via [`crate::render_errors`], a
//! page) in the request's language. Internal details are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
pub use kaiku_app::error::{AppError, AppResult, CardRefusal, FieldError, RefusalKind, Refused};
use kaiku_app::i18n::Tr;

/// An [`AppError`] on its way out of a handler.
#[derive(Clone, Debug)]
pub struct WebError(pub AppError);

pub type WebResult<T> = Result<T, WebError>;

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        WebError(e)
    }
}

impl From<kaiku_store::StoreError> for WebError {
    fn from(e: kaiku_store::StoreError) -> Self {
        WebError(e.into())
    }
}

pub fn status(e: &AppError) -> StatusCode {
    match e {
        AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
        AppError::Forbidden | AppError::Csrf | AppError::PasswordChangeRequired => {
            StatusCode::FORBIDDEN
        }
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Invalid(_) | AppError::Malformed { .. } => StatusCode::BAD_REQUEST,
        AppError::Refused(r) => match r.kind {
            RefusalKind::Unknown => StatusCode::NOT_FOUND,
            RefusalKind::BadInput => StatusCode::BAD_REQUEST,
            RefusalKind::Conflict => StatusCode::CONFLICT,
            RefusalKind::Mismatch => StatusCode::UNPROCESSABLE_ENTITY,
        },
        AppError::Conflict(_) | AppError::UseRefused(_) => StatusCode::CONFLICT,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// SPEC §11's error object.
pub fn json(e: &AppError, tr: &Tr) -> serde_json::Value {
    let mut err = serde_json::json!({
        "code": e.code(),
        "message": e.message(tr),
    });
    if let Some(rule) = e.rule() {
        err["rule"] = rule.into();
    }
    if let AppError::Invalid(errs) = e {
        err["field"] = errs[0].field.into();
        err["errors"] = errs
            .iter()
            .map(|e| {
                serde_json::json!({
                    "field": e.field,
                    "code": e.code,
                    "message": e.message(tr),
                })
            })
            .collect();
    }
    if let AppError::Throttled { minutes } = e {
        err["retry_after_minutes"] = (*minutes).into();
    }
    if let AppError::UseRefused(cards) = e {
        err["refused"] = cards
            .iter()
            .map(|c| {
                serde_json::json!({
                    "card_code": c.card_code,
                    "reasons": c.reasons.iter().zip(c.messages(tr)).map(|(r, m)| serde_json::json!({
                        "code": r.code, "rule": r.rule, "message": m,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
    }
    serde_json::json!({ "error": err })
}

/// The response carries the error itself; [`crate::render_errors`] gives it a
/// body once the request's path and language are known.
impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut res = status(&self.0).into_response();
        res.extensions_mut().insert(self.0);
        res
    }
}
