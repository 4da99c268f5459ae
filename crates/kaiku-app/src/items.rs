//! A venue's offering (SPEC §5): events and courses with the caps and time
//! windows the model allows (R-CAP, R-TIME-1, R-TIME-2) and the exclusions it
//! shows publicly (R-OFFER-1).

use super::Check;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError};
use crate::flex;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Helsinki;
use kaiku_core::Id;
use kaiku_core::cap::{self, Class, Policy};
use kaiku_core::input::{self, InputError, NAME_MAX, TEXT_MAX};
use kaiku_core::org::Sector;
use kaiku_core::policy::{self, Offering, Reach};
use kaiku_core::usage::ItemKind;
use kaiku_core::window;
use kaiku_store::items::{self, Item, ItemFields};
use kaiku_store::{DbConn, audit, cap_policies, now, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Most items one series may create (a year of daily opening).
pub const SERIES_MAX: usize = 366;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// `event` or `course`.
    #[serde(default, rename = "type")]
    #[schema(required = true)]
    pub kind: String,
    #[serde(default)]
    #[schema(required = true)]
    pub title: String,
    /// RFC 3339 with offset, a Helsinki local `YYYY-MM-DDTHH:MM`, or for a
    /// course a date.
    #[serde(default)]
    #[schema(required = true)]
    pub starts_at: String,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    #[schema(required = true)]
    pub capacity: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<Class>)]
    pub class: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub booking_opens_days_before: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub redeem_opens_minutes_before: Option<i32>,
    #[serde(default, deserialize_with = "flex::bool")]
    pub sold_out: bool,
    #[serde(default, deserialize_with = "flex::bool")]
    pub excluded: bool,
    #[serde(default)]
    pub exclusion_reason: Option<String>,
    /// `weekly` or `daily`: the same item again until `repeat_until`.
    #[serde(default)]
    pub repeat: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub repeat_until: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemOut {
    pub id: Id,
    pub venue: Id,
    /// `event` or `course`.
    #[serde(rename = "type")]
    pub kind: kaiku_core::usage::ItemKind,
    pub title: String,
    pub starts_at: DateTime<FixedOffset>,
    pub capacity: i32,
    #[schema(value_type = Class)]
    pub class: Class,
    pub cap: Option<i32>,
    pub booking_opens_days_before: Option<i32>,
    pub redeem_opens_minutes_before: Option<i32>,
    /// When Kaikukortti tickets can first be booked / redeemed (R-TIME-1, R-TIME-2).
    pub booking_opens_at: Option<DateTime<FixedOffset>>,
    pub redemption_opens_at: Option<DateTime<FixedOffset>>,
    pub sold_out: bool,
    pub excluded: bool,
    pub exclusion_reason: Option<String>,
    pub series_id: Option<String>,
    /// Kaikukortti tickets recorded and not cancelled (R-CAP-3).
    pub kaiku_tickets_used: i32,
    /// What the cap (or with no cap, the capacity) still allows; 0 when sold
    /// out or excluded (`kaiku_core::cap::tickets_left`).
    pub kaiku_tickets_left: u32,
}

/// Helsinki time with its offset, as the API shows instants.
pub fn helsinki(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&Helsinki).fixed_offset()
}

/// When Kaikukortti tickets for the item can first be booked and redeemed
/// (R-TIME-1, R-TIME-2), in Helsinki time; `None` where the venue set no window.
pub fn windows(i: &Item) -> (Option<DateTime<FixedOffset>>, Option<DateTime<FixedOffset>>) {
    let start = i.starts_at.and_utc();
    (
        i.booking_opens_days_before
            .map(|d| helsinki(window::booking_opens(start, d as u32))),
        i.redeem_opens_minutes_before
            .map(|m| helsinki(window::redemption_opens(start, m as u32))),
    )
}

impl From<&Item> for ItemOut {
    fn from(i: &Item) -> Self {
        let start = i.starts_at.and_utc();
        let (booking, redemption) = windows(i);
        let used = i.kaiku_used;
        ItemOut {
            id: i.id,
            venue: i.venue_id,
            kind: i.kind,
            title: i.title.clone(),
            starts_at: helsinki(start),
            capacity: i.capacity,
            class: i.class,
            cap: i.cap,
            booking_opens_days_before: i.booking_opens_days_before,
            redeem_opens_minutes_before: i.redeem_opens_minutes_before,
            booking_opens_at: booking,
            redemption_opens_at: redemption,
            sold_out: i.sold_out,
            excluded: i.excluded,
            exclusion_reason: i.exclusion_reason.clone(),
            series_id: i.series_id.clone(),
            kaiku_tickets_used: used,
            kaiku_tickets_left: kaiku_core::cap::tickets_left(
                i.capacity, i.cap, used, i.sold_out, i.excluded,
            ),
        }
    }
}

/// A start time as typed: an instant with offset, a local Helsinki time, or
/// (for a course) a day.
fn parse_start(raw: &str, course: bool) -> Result<DateTime<Utc>, InputError> {
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

struct Checked {
    fields: ItemFields,
    starts: Vec<DateTime<Utc>>,
}

/// Validates an item (and its repetitions) against the cap policy in force on
/// each date.
fn check(i: &ItemInput, sector: Sector, policies: &[Policy]) -> AppResult<Checked> {
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
            if starts.len() == SERIES_MAX {
                return Err(AppError::Invalid(vec![FieldError {
                    field: "repeat_until",
                    code: "series_too_long",
                    rule: None,
                    args: vec![("max", SERIES_MAX.to_string())],
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
            args.push(("date", super::cards::fi_date(day)));
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

fn load_policies(c: &mut DbConn) -> Result<Vec<Policy>, kaiku_store::StoreError> {
    Ok(cap_policies::all(c)?.into_iter().map(|(_, p)| p).collect())
}

fn reach(caller: &Caller) -> AppResult<Reach<Offering>> {
    policy::offering(caller.principal()).ok_or(AppError::Forbidden)
}

/// A venue whose offering the caller manages (any other is not found), with
/// the reach and the venue's area and sector.
async fn venue_of(
    store: &Store,
    caller: &Caller,
    venue: Id,
) -> AppResult<(Reach<Offering>, Id, Sector)> {
    let reach = reach(caller)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    if !reach.admits_venue(v.area_id, venue) {
        return Err(AppError::NotFound);
    }
    Ok((reach, v.area_id, v.sector))
}

/// Creates an item, or with `repeat` a whole series, in one transaction.
pub async fn create(
    store: &Store,
    caller: &Caller,
    venue: Id,
    i: &ItemInput,
) -> AppResult<Vec<ItemOut>> {
    let (reach, area, sector) = venue_of(store, caller, venue).await?;
    let actor = caller.actor();
    let i = i.clone();
    store
        .write(move |c| {
            let checked = check(&i, sector, &load_policies(c)?)?;
            let series =
                (checked.starts.len() > 1).then(|| format!("s{:016x}", rand::random::<u64>()));
            let now = now();
            let mut out = vec![];
            for start in &checked.starts {
                let fields = ItemFields {
                    starts_at: start.naive_utc(),
                    ..checked.fields.clone()
                };
                let id = items::create(c, &reach, venue, &fields, series.as_deref(), now)?;
                out.push(ItemOut::from(&items::get(c, &reach, id)?));
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "item.create",
                    record_type: "item",
                    record_id: out.first().map(|o| o.id),
                    area: Some(area),
                    detail: format!("venue={venue} count={}", out.len()),
                },
                now,
            )?;
            Ok(out)
        })
        .await
}

/// An item whose venue's offering the caller manages; any other is not
/// found.
async fn item_of(
    store: &Store,
    caller: &Caller,
    id: Id,
) -> AppResult<(Item, Reach<Offering>, Sector)> {
    let reach = reach(caller)?;
    let r = reach.clone();
    let item = store.read(move |c| items::get(c, &r, id)).await?;
    let (_, _, sector) = venue_of(store, caller, item.venue_id).await?;
    Ok((item, reach, sector))
}

pub async fn update(store: &Store, caller: &Caller, id: Id, i: &ItemInput) -> AppResult<ItemOut> {
    let (item, reach, sector) = item_of(store, caller, id).await?;
    let actor = caller.actor();
    let i = ItemInput {
        repeat: None,
        repeat_until: None,
        ..i.clone()
    };
    store
        .write(move |c| {
            let checked = check(&i, sector, &load_policies(c)?)?;
            items::update(c, &reach, id, &checked.fields, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "item.update",
                    record_type: "item",
                    record_id: Some(id),
                    area: Some(item.area_id),
                    detail: String::new(),
                },
                now(),
            )?;
            Ok(ItemOut::from(&items::get(c, &reach, id)?))
        })
        .await
}

pub async fn delete(store: &Store, caller: &Caller, id: Id) -> AppResult<Id> {
    let (item, reach, _) = item_of(store, caller, id).await?;
    let actor = caller.actor();
    store
        .write(move |c| {
            items::delete(c, &reach, id)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "item.delete",
                    record_type: "item",
                    record_id: Some(id),
                    area: Some(item.area_id),
                    detail: format!("venue={}", item.venue_id),
                },
                now(),
            )?;
            Ok::<_, AppError>(())
        })
        .await?;
    Ok(item.venue_id)
}

/// Item status (SPEC §11): anyone at work, venue tokens included (items are
/// published in the catalogue anyway).
pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<ItemOut> {
    if policy::card_lookup(caller.principal()).is_none() {
        return Err(AppError::Forbidden);
    }
    let public = policy::catalogue();
    let item = store.read(move |c| items::get(c, &public, id)).await?;
    Ok(ItemOut::from(&item))
}

/// The venue's items from today on (or all of them).
pub async fn list(store: &Store, caller: &Caller, venue: Id, all: bool) -> AppResult<Vec<ItemOut>> {
    let (reach, _, _) = venue_of(store, caller, venue).await?;
    let from = (!all).then(|| window::start_of_day(super::today()).naive_utc());
    let list = store
        .read(move |c| items::list_for_venue(c, &reach, venue, from, 1000))
        .await?;
    Ok(list.iter().map(ItemOut::from).collect())
}

// ---------- the national cap policy ----------

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PolicyOut {
    pub id: Option<Id>,
    #[serde(flatten)]
    pub policy: Policy,
}

pub async fn policies(store: &Store, caller: &Caller) -> AppResult<Vec<PolicyOut>> {
    if !policy::read_national_policy(caller.principal()) {
        return Err(AppError::Forbidden);
    }
    let all = store.read(cap_policies::all).await?;
    Ok(all
        .into_iter()
        .map(|(id, policy)| PolicyOut {
            id: Some(id),
            policy,
        })
        .collect())
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyInput {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub effective_from: String,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub default_percent: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub small_max_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub small_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub very_small_max_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub large_min_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub large_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub swimming_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub guest_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub guest_max_cap: Option<i32>,
    /// R-USE-2: companions under this age get child tickets (18 if not given,
    /// the guideline in force since 2022).
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub child_age_under: Option<i32>,
    /// R-REP-5: 5 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub suppression_threshold: Option<i32>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// A new version of the cap table, taking effect on its date (never in the
/// past: items already published keep the rule they were checked by).
pub async fn create_policy(
    store: &Store,
    caller: &Caller,
    i: &PolicyInput,
) -> AppResult<PolicyOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let mut f = Check::default();
    let from = f.field(
        "effective_from",
        input::optional_date(Some(&i.effective_from))
            .and_then(|d| d.ok_or(InputError::Required))
            .map(Some),
    );
    if from.is_some_and(|d| d < super::today()) {
        f.push(FieldError {
            field: "effective_from",
            code: "policy_in_past",
            rule: Some("R-CAP"),
            args: vec![],
        });
    }
    let mut need = |name: &'static str, v: Option<i32>, max: i32| -> u32 {
        match v {
            None => {
                f.fail(name, InputError::Required);
                0
            }
            Some(v) if !(0..=max).contains(&v) => {
                f.fail(name, InputError::InvalidChoice);
                0
            }
            Some(v) => v as u32,
        }
    };
    let p = Policy {
        effective_from: from.unwrap_or_default(),
        default_percent: need("default_percent", i.default_percent, 100),
        small_max_capacity: need("small_max_capacity", i.small_max_capacity, 100_000),
        small_min_cap: need("small_min_cap", i.small_min_cap, 100_000),
        very_small_max_capacity: i.very_small_max_capacity.map(|v| v.max(0) as u32),
        large_min_capacity: need("large_min_capacity", i.large_min_capacity, 1_000_000),
        large_min_cap: need("large_min_cap", i.large_min_cap, 1_000_000),
        swimming_min_cap: i.swimming_min_cap.map(|v| v.max(0) as u32),
        guest_min_cap: need("guest_min_cap", i.guest_min_cap, 100_000),
        guest_max_cap: need("guest_max_cap", i.guest_max_cap, 100_000),
        child_age_under: match i.child_age_under {
            None => 18,
            Some(v) if !(1..=25).contains(&v) => {
                f.fail("child_age_under", InputError::InvalidChoice);
                18
            }
            Some(v) => v as u32,
        },
        suppression_threshold: match i.suppression_threshold {
            None => 5,
            Some(v) if !(2..=100).contains(&v) => {
                f.fail("suppression_threshold", InputError::InvalidChoice);
                5
            }
            Some(v) => v as u32,
        },
    };
    if p.guest_min_cap > p.guest_max_cap {
        f.fail("guest_max_cap", InputError::InvalidChoice);
    }
    f.finish()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let id = cap_policies::create(c, &scope, &p, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "cap_policy.create",
                    record_type: "cap_policy",
                    record_id: Some(id),
                    area: None,
                    detail: format!("effective_from={}", p.effective_from),
                },
                now(),
            )?;
            Ok(PolicyOut {
                id: Some(id),
                policy: p,
            })
        })
        .await
        .map_err(super::taken("policy_date_taken"))
}
