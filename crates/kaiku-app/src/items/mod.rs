//! A venue's offering (SPEC §5): events and courses with the caps and time
//! windows the model allows (R-CAP, R-TIME-1, R-TIME-2) and the exclusions it
//! shows publicly (R-OFFER-1).
//!
//! Checking an item against the cap policy in force on its day is a module
//! of its own, as is the national cap policy itself: the one is the venue's
//! form, the other the national administrators'.

mod check;
mod policies;

pub use check::REPEATS_MAX;
use check::check;
pub use policies::{PolicyInput, PolicyOut, child_age_today, create_policy, policies};

use crate::error::{AppError, AppResult};
use crate::{Caller, flex};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Europe::Helsinki;
use kaiku_core::Id;
use kaiku_core::cap::{Class, Policy};
use kaiku_core::org::Sector;
use kaiku_core::policy::{self, Offering, Reach};
use kaiku_core::window;
use kaiku_store::Store;
use kaiku_store::items::{self, Item, ItemFields};
use kaiku_store::{DbConn, StoreError, audit, cap_policies, now, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    // Keyed by the item, as the box office's writes are (see `write_for`).
    store
        .write_for(id, move |c| {
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
        .write_for(id, move |c| {
            // Its tickets hold on to it: an item with any is marked sold out
            // or closed to Kaikukortti instead.
            items::delete(c, &reach, id).map_err(|e| match e {
                StoreError::InvalidReference => AppError::Conflict("item_has_tickets"),
                e => e.into(),
            })?;
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
/// An item with its tickets used and left: for those who edit the venue's
/// offering or serve its box office (the catalogue shows the public part).
pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<ItemOut> {
    let offering = policy::offering(caller.principal());
    let desk = policy::box_office(caller.principal());
    if offering.is_none() && desk.is_none() {
        return Err(AppError::Forbidden);
    }
    let item = store
        .read(move |c| {
            if let Some(r) = &offering {
                match items::get(c, r, id) {
                    Err(StoreError::NotFound) => {}
                    found => return found,
                }
            }
            match &desk {
                Some(r) => items::get(c, r, id),
                None => Err(StoreError::NotFound),
            }
        })
        .await?;
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
