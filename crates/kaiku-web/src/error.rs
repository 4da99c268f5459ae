//! The one place a service's refusal becomes an HTTP answer: its status, and
//! the JSON error object of SPEC §11 (or, via `render_errors`, a
//! page) in the request's language. Internal details are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kaiku_app::cards::ReasonOut;
pub use kaiku_app::error::{AppError, AppResult, CardRefusal, FieldError, RefusalKind, Refused};
use kaiku_app::i18n::Tr;
use serde::Serialize;
use utoipa::ToSchema;

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
            RefusalKind::Forbidden => StatusCode::FORBIDDEN,
            RefusalKind::Paused => StatusCode::TOO_MANY_REQUESTS,
        },
        AppError::Conflict(_) | AppError::UseRefused(_) => StatusCode::CONFLICT,
        AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// SPEC §11's error body, as every JSON call refuses.
#[derive(Serialize, ToSchema)]
#[schema(as = Error)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable machine code, e.g. `not_found`.
    pub code: &'static str,
    /// Plain words in the request's language.
    pub message: String,
    /// The SPEC rule, e.g. `R-AUTH-1`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// Bad input: the first field at fault …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// … and every one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldErrorOut>>,
    /// A refused use: every refused card with every reason; nothing was
    /// recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<Vec<CardRefusalOut>>,
    /// Too many failed logins: when to try again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_minutes: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldErrorOut {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct CardRefusalOut {
    /// `null` when what was sent names no card (it is not repeated).
    pub card_code: Option<String>,
    /// 0 for the shown card, then the members in the order sent.
    pub position: usize,
    pub reasons: Vec<ReasonOut>,
}

/// SPEC §11's error object.
pub fn json(e: &AppError, tr: &Tr) -> serde_json::Value {
    let invalid = match e {
        AppError::Invalid(errs) => Some(errs),
        _ => None,
    };
    let body = ErrorBody {
        error: ErrorDetail {
            code: e.code(),
            message: e.message(tr),
            rule: e.rule(),
            field: invalid.and_then(|errs| errs.first()).map(|e| e.field),
            errors: invalid.map(|errs| {
                errs.iter()
                    .map(|e| FieldErrorOut {
                        field: e.field,
                        code: e.code,
                        message: e.message(tr),
                    })
                    .collect()
            }),
            refused: match e {
                AppError::UseRefused(cards) => Some(
                    cards
                        .iter()
                        .map(|c| CardRefusalOut {
                            card_code: c.card_code.clone(),
                            position: c.position,
                            reasons: c
                                .reasons
                                .iter()
                                .zip(c.messages(tr))
                                .map(|(r, message)| ReasonOut {
                                    code: r.code,
                                    rule: r.rule,
                                    message,
                                })
                                .collect(),
                        })
                        .collect(),
                ),
                _ => None,
            },
            retry_after_minutes: match e {
                AppError::Throttled { minutes } => Some(*minutes),
                _ => None,
            },
        },
    };
    serde_json::to_value(body).unwrap_or_default()
}

/// The response carries the error itself; `render_errors` gives it a
/// body once the request's path and language are known.
impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let mut res = status(&self.0).into_response();
        res.extensions_mut().insert(self.0);
        res
    }
}
