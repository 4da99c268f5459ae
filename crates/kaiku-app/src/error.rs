//! What can go wrong in a service, as kinds: which field or rule refused,
//! with the values its message names. The web crate alone turns a kind into
//! an HTTP status; messages come in the caller's language from here.

use crate::i18n::Tr;
use kaiku_core::input::InputError;
use kaiku_store::StoreError;

/// A refused field: which one, and why (a message code with its values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
    pub rule: Option<&'static str>,
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &'static str, error: InputError) -> Self {
        FieldError {
            field,
            code: error.code(),
            rule: error.rule(),
            args: error.args(),
        }
    }

    pub fn background(field: &'static str, error: kaiku_core::background::BackgroundError) -> Self {
        FieldError {
            field,
            code: error.code(),
            rule: error.rule(),
            args: error.args(),
        }
    }

    /// "Name: this field is required." in the user's language.
    pub fn message(&self, tr: &Tr) -> String {
        format!(
            "{}: {}",
            tr.t(&format!("field-{}", self.field)),
            tr.t_args(&format!("error-{}", self.code), &self.args)
        )
    }
}

/// How a rule refused: what was asked for is unknown, the request itself is
/// wrong, it conflicts with what is stored, or it contradicts itself (the
/// same retry key with another body).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    Unknown,
    BadInput,
    Conflict,
    Mismatch,
    /// Not allowed, for a reason the caller can act on.
    Forbidden,
    /// Not now: too many of these in a while; the message says when.
    Paused,
}

/// A refusal by a rule of the operating model (a card already issued, …):
/// its kind, message code, SPEC rule and the values the message names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub kind: RefusalKind,
    pub code: &'static str,
    pub rule: &'static str,
    pub args: Vec<(&'static str, String)>,
}

/// Why one card of a use cannot have its tickets (R-USE-1): message codes
/// with their values, in the order the rules are checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRefusal {
    /// The card's code; `None` when what was sent names no card (it is not
    /// repeated, R-PRIV-5: it may be anything typed into the code field).
    pub card_code: Option<String>,
    /// Where the card stands in the visit: 0 the shown card, then the
    /// members in the order sent.
    pub position: usize,
    pub reasons: Vec<Refused>,
}

impl CardRefusal {
    /// How a message names the card: its code, or its place in the visit.
    pub fn name(&self, tr: &Tr) -> String {
        match &self.card_code {
            Some(code) => code.clone(),
            None => tr.t1("visit-card-number", "n", self.position + 1),
        }
    }
}

impl CardRefusal {
    pub fn messages(&self, tr: &Tr) -> Vec<String> {
        self.reasons
            .iter()
            .map(|r| tr.t_args(&format!("error-{}", r.code), &r.args))
            .collect()
    }
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("refused by {0:?}")]
    Refused(Refused),
    /// A use refused as a whole: every refused card of the visit with every
    /// reason; nothing was recorded.
    #[error("use refused")]
    UseRefused(Vec<CardRefusal>),
    /// A conflict with what is stored: `code` names a translated message.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("bad credentials")]
    BadCredentials,
    /// Someone else set the account's password: it must be changed before
    /// anything else is done.
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("throttled")]
    Throttled { minutes: i64 },
    /// The form's anti-forgery token was missing or wrong.
    #[error("csrf")]
    Csrf,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    /// The body is not the JSON or form this call takes; `field` names where.
    #[error("malformed body")]
    Malformed { field: Option<String> },
    #[error("database unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn field(field: &'static str, error: InputError) -> Self {
        AppError::Invalid(vec![FieldError::new(field, error)])
    }

    /// The stable machine code of SPEC §11's error object.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "not_logged_in",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Invalid(errs) => errs.first().map(|e| e.code).unwrap_or("invalid_input"),
            AppError::Refused(r) => r.code,
            AppError::UseRefused(cards) => cards
                .iter()
                .flat_map(|c| c.reasons.first())
                .map(|r| r.code)
                .next()
                .unwrap_or("use_refused"),
            AppError::Conflict(code) => code,
            AppError::BadCredentials => "bad_credentials",
            AppError::PasswordChangeRequired => "password_change_required",
            AppError::Throttled { .. } => "too_many_attempts",
            AppError::Csrf => "csrf_token_invalid",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Malformed { .. } => "malformed_body",
            AppError::Unavailable => "unavailable",
            AppError::Internal => "internal_error",
        }
    }

    pub fn rule(&self) -> Option<&'static str> {
        match self {
            AppError::Invalid(errs) => errs.iter().find_map(|e| e.rule),
            AppError::Refused(r) => Some(r.rule),
            AppError::UseRefused(cards) => cards
                .iter()
                .flat_map(|c| c.reasons.first())
                .map(|r| r.rule)
                .next(),
            AppError::Unauthenticated | AppError::Forbidden => Some("R-AUTH-1"),
            AppError::PasswordChangeRequired => Some("R-AUTH-5"),
            _ => None,
        }
    }

    /// The plain-words message in the user's language.
    pub fn message(&self, tr: &Tr) -> String {
        match self {
            AppError::Invalid(errs) if !errs.is_empty() => errs[0].message(tr),
            AppError::Throttled { minutes } => tr.t1("error-too_many_attempts", "minutes", minutes),
            AppError::Refused(r) => tr.t_args(&format!("error-{}", r.code), &r.args),
            AppError::UseRefused(cards) => match cards.as_slice() {
                [one] => one.messages(tr).join(" "),
                many => tr.t1(
                    "error-visit_refused",
                    "codes",
                    many.iter()
                        .map(|c| c.name(tr))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            },
            AppError::Malformed { field: Some(f) } => tr.t1("error-malformed_field", "field", f),
            other => tr.t(&format!("error-{}", other.code())),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict => AppError::Conflict("already_exists"),
            StoreError::InvalidReference => AppError::NotFound,
            StoreError::Unavailable(msg) => {
                tracing::error!(error = %msg, "database unavailable");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store error");
                AppError::Internal
            }
        }
    }
}

impl From<kaiku_store::DieselError> for AppError {
    fn from(e: kaiku_store::DieselError) -> Self {
        StoreError::from(e).into()
    }
}

pub type AppResult<T> = Result<T, AppError>;
