#![forbid(unsafe_code)]
//! What kaiku does, for the screens, the JSON API and the command line
//! alike: authorise through the policy, validate through `kaiku-core`, write
//! through the store with an audit entry in the same transaction. A service
//! takes the [`Store`](kaiku_store::Store) and a [`Caller`], and refuses with
//! an [`AppError`] kind; it knows nothing of HTTP.

pub mod accounts;
pub mod audit;
pub mod cards;
pub mod catalogue;
pub mod dates;
pub mod error;
pub mod export;
pub mod flex;
pub mod glance;
pub mod holder;
pub mod i18n;
pub mod imports;
pub mod items;
pub mod lists;
pub mod org;
pub mod pdf;
pub mod privacy;
pub mod reports;
pub mod session;
pub mod sheet;
pub mod stats;
pub mod tickets;
pub mod tokens;
pub mod wellbeing;

use error::FieldError;
pub use error::{AppError, AppResult};
use kaiku_core::input::InputError;
pub use session::Caller;

/// Collects every refused field of a form, so a person sees all that is
/// wrong at once rather than one thing per submit.
#[derive(Default)]
pub struct Check(Vec<FieldError>);

impl Check {
    pub fn field<T: Default>(&mut self, name: &'static str, r: Result<T, InputError>) -> T {
        r.unwrap_or_else(|e| {
            self.0.push(FieldError::new(name, e));
            T::default()
        })
    }

    pub fn fail(&mut self, name: &'static str, e: InputError) {
        self.0.push(FieldError::new(name, e));
    }

    /// A background-data field (R-CARD-3, R-CARD-9 …).
    pub fn bg<T: Default>(
        &mut self,
        name: &'static str,
        r: Result<T, kaiku_core::background::BackgroundError>,
    ) -> T {
        r.unwrap_or_else(|e| {
            self.0.push(FieldError::background(name, e));
            T::default()
        })
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn finish(self) -> AppResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// R-AUTH-6: a caller who may do this kind of thing somewhere, but not with
/// this target, is told that the target is not found, exactly as for one
/// that does not exist; a caller who may not do it anywhere is told so.
pub(crate) fn outside(may_somewhere: bool) -> AppError {
    if may_somewhere {
        AppError::NotFound
    } else {
        AppError::Forbidden
    }
}

/// Whether the caller works anywhere as a person (so that an area, point or
/// venue it cannot see is answered as unknown rather than forbidden).
pub(crate) fn works_somewhere(p: &kaiku_core::policy::Principal) -> bool {
    matches!(
        kaiku_core::policy::visible_areas(p),
        Some(kaiku_core::policy::Listing::All)
    ) || matches!(
        kaiku_core::policy::visible_areas(p),
        Some(kaiku_core::policy::Listing::Only(a)) if !a.is_empty()
    )
}

/// Conflicts on unique names (the store's "already exists") get their own
/// message; a conflict the work itself named keeps its own.
pub fn taken(code: &'static str) -> impl Fn(AppError) -> AppError {
    move |e| match e {
        AppError::Conflict("already_exists") => AppError::Conflict(code),
        e => e,
    }
}

/// Today in Finland, the program's civil time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

pub fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}
