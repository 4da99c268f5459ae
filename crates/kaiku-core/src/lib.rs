//! The Kaikukortti operating model as code.
//!
//! Everything here is pure: no I/O, no clock, no database. Callers pass the
//! current time in, so every rule can be tested for any day of any year.

pub mod background;
pub mod cap;
pub mod card;
pub mod code;
pub mod disclosure;
pub mod grant;
pub mod holder;
pub mod identity;
pub mod import;
pub mod input;
pub mod municipalities;
pub mod org;
pub mod policy;
pub mod release;
pub mod report;
pub mod stats;
mod text;
pub mod throttle;
pub mod usage;
pub mod validity;
pub mod wellbeing;
pub mod window;

/// Database identity of a record (area, venue, account …).
pub type Id = i64;
