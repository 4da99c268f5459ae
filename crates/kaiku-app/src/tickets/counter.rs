//! What the box-office counter chooses from and checks against: the venues it
//! serves, their items of the next days (or of the past year for paper), and
//! whether a shown card may have a ticket for the item at hand.

use super::{card_view_near, left_of, reach, view_at};
use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::items::helsinki;

use chrono::{DateTime, FixedOffset, Utc};
use kaiku_core::Id;
use kaiku_core::org::SalesChannel;
use kaiku_core::policy;
use kaiku_core::usage::{self, Ask, Reason};
use kaiku_core::window;
use kaiku_store::Store;
use kaiku_store::cards::CardRow;
use kaiku_store::items;
use kaiku_store::{DbConn, StoreError, venues};
use serde::Serialize;
use utoipa::ToSchema;

/// What a check for an item adds to the lookup (R-AUTH-2: whether the card
/// may be used for the offering at hand, nothing of its holder).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemCheck {
    pub id: Id,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: kaiku_core::usage::ItemKind,
    pub starts_at: DateTime<FixedOffset>,
    pub kaiku_tickets_left: u32,
    pub child_age_under: u32,
}

/// The reasons a card cannot have one holder ticket for an item of a box
/// office the caller serves now (part of a lookup, in its read).
pub fn check_in(
    c: &mut DbConn,
    card: &CardRow,
    holds_ticket: bool,
    at: &items::AtCounter,
) -> AppResult<(Vec<Reason>, ItemCheck)> {
    let view = view_at(at);
    let it = at.item();
    let day = window::local_day(it.starts_at.and_utc());
    let versions: Vec<_> = kaiku_store::cap_policies::all(c)?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let child_age_under = kaiku_core::cap::Policy::in_force(&versions, day)
        .map(|p| p.child_age_under)
        .unwrap_or(18);
    let near = Some((it.area_id, at.area_local_only()));
    let cv = card_view_near(c, card, holds_ticket, near)?;
    let ask = Ask {
        adults: 1,
        children: 0,
        members: 0,
        channel: SalesChannel::BoxOffice.as_ref(),
        backlog: false,
        at: Utc::now(),
    };
    Ok((
        usage::reasons(&cv, &view, &ask),
        ItemCheck {
            id: it.id,
            title: it.title.clone(),
            kind: it.kind,
            starts_at: helsinki(it.starts_at.and_utc()),
            kaiku_tickets_left: left_of(it),
            child_age_under,
        },
    ))
}

/// The venue and the items its box office chooses from: today's and the next
/// two weeks' (soonest first), or for a paper backlog the past year's (latest
/// first).
pub async fn box_office_items(
    store: &Store,
    caller: &Caller,
    venue: Id,
    backlog: bool,
) -> AppResult<(venues::Venue, Vec<crate::items::ItemOut>)> {
    let reach = reach(caller)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    if !reach.admits_venue(v.area_id, venue) {
        return Err(AppError::NotFound);
    }
    let today = window::start_of_day(crate::today());
    let (from, to) = if backlog {
        (today - chrono::Duration::days(400), Utc::now())
    } else {
        (today, today + chrono::Duration::days(15))
    };
    let list = store
        .read(move |c| {
            items::for_venue_between(c, &reach, venue, from.naive_utc(), to.naive_utc(), backlog)
        })
        .await?;
    Ok((v, list.iter().map(crate::items::ItemOut::from).collect()))
}

/// The venues whose box office the caller serves: its own as venue staff,
/// every venue of the areas it coordinates.
pub async fn box_office_venues(store: &Store, caller: &Caller) -> AppResult<Vec<venues::Venue>> {
    let Some(reach) = policy::box_office(caller.principal()) else {
        return Ok(vec![]);
    };
    store
        .read(move |c| {
            let mut out = vec![];
            for (_, venue) in reach.venues() {
                out.push(venues::get(c, *venue)?);
            }
            for area in reach.areas() {
                out.extend(venues::list(c, *area)?);
            }
            out.sort_by_key(|v| v.id);
            out.dedup_by_key(|v| v.id);
            Ok::<_, StoreError>(out)
        })
        .await
        .map_err(AppError::from)
}
