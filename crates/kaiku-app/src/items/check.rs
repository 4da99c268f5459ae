//! An item as the venue typed it, checked against the cap policy in force
//! on each of its days (R-CAP) and its windows (R-TIME-1, R-TIME-2); a
//! repeated item is checked date by date.

use super::ItemInput;
use crate::Check;
use crate::error::{AppError, AppResult, FieldError};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Helsinki;
use kaiku_core::cap::{self, Class, Policy};
use kaiku_core::input::{self, InputError, NAME_MAX, TEXT_MAX};
use kaiku_core::org::Sector;
use kaiku_core::usage::ItemKind;
use kaiku_core::window;
use kaiku_store::items::ItemFields;

/// Most items one repeating series of events may create (a year of daily
/// opening); not to be confused with the size of a printed card series.
pub const REPEATS_MAX: usize = 366;

/// A start time as typed: an instant with offset, a local Helsinki time, or
/// (for a course) a day.
fn parse_start(raw: &str, course: bool) -> Result<DateTime<Utc>, InputError> {
    let start = parse_any_start(raw, course)?;
    kaiku_core::input::register_day(window::local_day(start))?;
    Ok(start)
}

fn parse_any_start(raw: &str, course: bool) -> Result<DateTime<Utc>, InputError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(InputError::Required);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if course && let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(window::start_of_day(d));
    }
    for fmt in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            use chrono::Timelike;
            return window::from_local(t.date(), t.hour(), t.minute()).ok_or(InputError::NotADate);
        }
    }
    Err(InputError::NotADate)
}

pub(super) struct Checked {
    pub(super) fields: ItemFields,
    pub(super) starts: Vec<DateTime<Utc>>,
}

/// Validates an item (and its repetitions) against the cap policy in force on
/// each date.
pub(super) fn check(i: &ItemInput, sector: Sector, policies: &[Policy]) -> AppResult<Checked> {
    let mut f = Check::default();
    let kind = i.kind.trim();
    let course = kind == "course";
    if kind != "event" && !course {
        f.fail(
            "type",
            if kind.is_empty() {
                InputError::Required
            } else {
                InputError::InvalidChoice
            },
        );
    }
    let title = f.field("title", input::line(&i.title, NAME_MAX));
    let start = f.field("starts_at", parse_start(&i.starts_at, course).map(Some));
    let capacity = match i.capacity {
        None => {
            f.fail("capacity", InputError::Required);
            0
        }
        Some(c) if !(1..=1_000_000).contains(&c) => {
            f.fail("capacity", InputError::InvalidChoice);
            0
        }
        Some(c) => c,
    };
    let class = if course {
        Some(Class::Default)
    } else {
        f.field(
            "class",
            i.class
                .as_deref()
                .unwrap_or("default")
                .trim()
                .parse::<Class>()
                .ok()
                .ok_or(InputError::InvalidChoice)
                .map(Some),
        )
    };
    let in_range = |v: Option<i32>, max: i32| v.is_none_or(|v| (0..=max).contains(&v));
    if !in_range(i.cap, 1_000_000) {
        f.fail("cap", InputError::InvalidChoice);
    }
    if !in_range(i.booking_opens_days_before, 365) {
        f.fail("booking_opens_days_before", InputError::InvalidChoice);
    }
    if !in_range(i.redeem_opens_minutes_before, 24 * 60) {
        f.fail("redeem_opens_minutes_before", InputError::InvalidChoice);
    }
    let reason = f.field(
        "exclusion_reason",
        input::optional_text(i.exclusion_reason.as_deref(), TEXT_MAX),
    );
    if i.excluded && reason.is_none() {
        f.fail("exclusion_reason", InputError::Required);
    }
    let until = f.field(
        "repeat_until",
        input::optional_date(i.repeat_until.as_deref()),
    );
    let step = match i.repeat.as_deref().map(str::trim) {
        None | Some("") | Some("none") => None,
        Some("weekly") => Some(7),
        Some("daily") => Some(1),
        Some(_) => {
            f.fail("repeat", InputError::InvalidChoice);
            None
        }
    };
    if step.is_some() && until.is_none() {
        f.fail("repeat_until", InputError::Required);
    }
    f.finish()?;
    let start = start.expect("checked");
    let class = class.expect("checked");
    // Repetitions keep the local time of day, whatever the clock does.
    let mut starts = vec![start];
    if let (Some(step), Some(until)) = (step, until) {
        let local = start.with_timezone(&Helsinki);
        use chrono::Timelike;
        let mut day = local.date_naive() + Duration::days(step);
        while day <= until {
            if starts.len() == REPEATS_MAX {
                return Err(AppError::Invalid(vec![FieldError {
                    field: "repeat_until",
                    code: "series_too_long",
                    rule: None,
                    args: vec![("max", REPEATS_MAX.to_string())],
                }]));
            }
            if let Some(t) = window::from_local(day, local.hour(), local.minute()) {
                starts.push(t);
            }
            day += Duration::days(step);
        }
    }
    let item = cap::Item {
        course,
        class,
        capacity: capacity as u32,
        swimming_hall: sector == Sector::SwimmingHall,
    };
    for s in &starts {
        let day = window::local_day(*s);
        let policy = Policy::in_force(policies, day)
            .cloned()
            .unwrap_or_else(Policy::model_2019);
        if let Err(r) = cap::allowed(&policy, &item, i.cap.map(|c| c as u32)) {
            let field = if matches!(
                r,
                cap::Refusal::ClassCapacity { .. }
                    | cap::Refusal::TrialRuleOff { .. }
                    | cap::Refusal::NotASwimmingHall
            ) {
                "class"
            } else {
                "cap"
            };
            let mut args = r.args();
            args.push(("date", crate::dates::fi_date(day)));
            return Err(AppError::Invalid(vec![FieldError {
                field,
                code: r.code(),
                rule: Some("R-CAP"),
                args,
            }]));
        }
    }
    Ok(Checked {
        fields: ItemFields {
            kind: if course {
                ItemKind::Course
            } else {
                ItemKind::Event
            },
            title,
            starts_at: start.naive_utc(),
            capacity,
            class,
            cap: i.cap,
            booking_opens_days_before: i.booking_opens_days_before,
            redeem_opens_minutes_before: i.redeem_opens_minutes_before,
            sold_out: i.sold_out,
            excluded: i.excluded,
            exclusion_reason: reason,
        },
        starts,
    })
}
