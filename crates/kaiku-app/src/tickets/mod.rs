//! The box office (SPEC §6): checking a card for an item, recording a use
//! (one card, a card with its children, a group visit with a community card),
//! redeeming and cancelling. The rules are `kaiku_core::usage`; the cap is
//! taken in the ticket's own transaction (R-USE-4).
//!
//! Here are the shapes every answer shares (a ticket, a use, its note) and
//! how the store's rows become what the rules see; judging a visit,
//! recording it, a ticket's later life and what the counter chooses from are
//! each a module of their own.

mod counter;
mod lifecycle;
pub mod offline;
mod record;
mod together;
mod visit;

pub use counter::{ItemCheck, box_office_items, box_office_venues, check_in};
pub use lifecycle::{Change, change, get_ticket, get_use, of_item};
pub use record::{IDEMPOTENCY_KEY_MAX, Recorded, idempotency_key, record};
pub use visit::{MAX_PER_USE, try_visit};

use crate::Caller;
use crate::dates::fi_date;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::flex;
use crate::items::helsinki;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use kaiku_core::Id;
use kaiku_core::org::SalesChannel;
use kaiku_core::policy::{self, BoxOffice, Reach};
use kaiku_core::usage::{CardView, ItemKind, ItemView, Reason, TicketStatus};
use kaiku_store::Store;
use kaiku_store::cards::CardRow;
use kaiku_store::items::{self, Item};
use kaiku_store::tickets::{self, Ticket};
use kaiku_store::{DbConn, StoreError, areas, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UseInput {
    #[serde(default)]
    #[schema(required = true)]
    pub card_code: String,
    /// 1 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub adults: Option<i32>,
    /// 0 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub children: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<SalesChannel>)]
    pub channel: Option<String>,
    /// Group members' own personal card codes (R-COMM-2).
    #[serde(default, deserialize_with = "flex::codes")]
    pub members: Vec<String>,
    /// Entered from paper: validity and cap on the item's day, no windows
    /// (R-USE-6).
    #[serde(default, deserialize_with = "flex::bool")]
    pub backlog: bool,
    /// For a use dated in a period whose report was submitted: why it is
    /// recorded now (R-REP-2). Given by a person, kept with the tickets.
    #[serde(default)]
    pub correction: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketOut {
    pub id: Id,
    pub item: Id,
    pub venue: Id,
    pub card_code: String,
    /// The shown card's ticket (`holder`) or a group member's (`member`).
    pub role: String,
    pub adults: i32,
    pub children: i32,
    #[schema(value_type = SalesChannel)]
    pub channel: kaiku_core::org::SalesChannel,
    /// `reserved`, `redeemed` or `cancelled`.
    pub status: kaiku_core::usage::TicketStatus,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub redeemed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    /// The use (visit) the ticket belongs to.
    pub use_id: String,
}

impl TicketOut {
    fn new(t: &Ticket, code: &str, holder_card: Option<Id>) -> TicketOut {
        let holder = holder_card.is_none_or(|h| h == t.card_id);
        TicketOut {
            id: t.id,
            item: t.item_id,
            venue: t.venue_id,
            card_code: code.to_string(),
            role: if holder { "holder" } else { "member" }.into(),
            adults: t.adults,
            children: t.children,
            channel: t.channel,
            status: t.status,
            backlog: t.backlog,
            used_on: t.used_on,
            recorded_at: t.recorded_at,
            redeemed_at: t.redeemed_at,
            cancelled_at: t.cancelled_at,
            use_id: t.use_key.clone(),
        }
    }
}

/// What the clerk writes or prints on the ticket (R-USE-7).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketNote {
    pub adults: i32,
    pub children: i32,
    pub free_cloakroom: bool,
    /// "Kaikukortti · 1 aikuinen, 2 lasta · Maksuton narikka", in the
    /// language of the request that recorded the use.
    pub text: String,
}

/// A new use's key, which ties the tickets of one visit together.
fn new_use_key() -> String {
    format!(
        "u{:016x}{:08x}",
        rand::random::<u64>(),
        rand::random::<u32>()
    )
}

/// A recorded use: one visit, with the tickets of every card in it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct UseOut {
    pub use_id: String,
    pub item: Id,
    pub item_title: String,
    pub item_type: kaiku_core::usage::ItemKind,
    pub starts_at: DateTime<FixedOffset>,
    pub venue: Id,
    pub venue_name: String,
    pub tickets: Vec<TicketOut>,
    pub note: TicketNote,
    pub kaiku_tickets_left: u32,
}

/// The note's words: adults and children in plain numbers (R-USE-7).
pub fn note_text(tr: &crate::i18n::Tr, adults: i32, children: i32, cloakroom: bool) -> String {
    let mut parts = vec![
        "Kaikukortti".to_string(),
        tr.t_args(
            "note-counts",
            &[
                ("adults", adults.to_string()),
                ("children", children.to_string()),
            ],
        ),
    ];
    if cloakroom {
        parts.push(tr.t("note-free-cloakroom"));
    }
    parts.join(" · ")
}

/// The message values of a reason (dates and times as people write them).
pub fn reason_args(r: &Reason) -> Vec<(&'static str, String)> {
    let time = |t: &DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Europe::Helsinki)
            .format(crate::dates::DATE_TIME)
            .to_string()
    };
    match r {
        Reason::ExpiredOn { until } => vec![("date", fi_date(*until))],
        // Not the date the card became valid: a venue learns no grant date
        // (R-AUTH-2), only that the use lies before it.
        Reason::CapReached { left } => vec![("left", left.to_string())],
        Reason::BeforeBooking { opens } | Reason::BeforeRedemption { opens } => {
            vec![("time", time(opens))]
        }
        Reason::TooManyChildren { max } => vec![("max", max.to_string())],
        Reason::ItemOver { day } => vec![("date", fi_date(*day))],
        _ => vec![],
    }
}

pub fn refused(r: &Reason) -> Refused {
    Refused {
        kind: RefusalKind::Conflict,
        code: r.code(),
        rule: r.rule(),
        args: reason_args(r),
    }
}

/// The item as the usage rules see it.
fn item_view(c: &mut DbConn, item: &Item) -> Result<ItemView, StoreError> {
    let area = areas::get(c, item.area_id)?;
    Ok(view_of(item, area.local_only))
}

/// The same for an item read at the counter with its area.
fn view_at(at: &items::AtCounter) -> ItemView {
    view_of(at.item(), at.area_local_only())
}

fn view_of(item: &Item, area_local_only: bool) -> ItemView {
    ItemView {
        area: item.area_id,
        area_local_only,
        course: item.kind == ItemKind::Course,
        excluded: item.excluded,
        sold_out: item.sold_out,
        starts_at: item.starts_at.and_utc(),
        booking_opens_days_before: item.booking_opens_days_before.map(|d| d.max(0) as u32),
        redeem_opens_minutes_before: item.redeem_opens_minutes_before.map(|m| m.max(0) as u32),
        cap_left: kaiku_core::cap::cap_left(item.cap, item.kaiku_used),
    }
}

/// A card as the usage rules see it.
pub(crate) fn card_view(
    c: &mut DbConn,
    card: &CardRow,
    has_ticket: bool,
) -> Result<CardView, StoreError> {
    card_view_near(c, card, has_ticket, None)
}

/// The same, knowing already whether one area (the item's, as a rule the
/// card's too) keeps its cards to itself.
fn card_view_near(
    c: &mut DbConn,
    card: &CardRow,
    has_ticket: bool,
    known: Option<(Id, bool)>,
) -> Result<CardView, StoreError> {
    let area_local_only = match known {
        Some((area, local)) if area == card.area_id => local,
        _ => areas::get(c, card.area_id)?.local_only,
    };
    Ok(card_view_of(card, has_ticket, area_local_only))
}

/// The same, knowing whether the card's area keeps its cards to itself.
fn card_view_of(card: &CardRow, has_ticket: bool, area_local_only: bool) -> CardView {
    CardView {
        state: card.state(),
        kind: card.kind,
        valid_from: card.grant_date,
        minor_children: card.minor_children.unwrap_or(0).max(0) as u32,
        area_local_only,
        has_ticket,
    }
}
/// The venues whose box office the caller serves, or 403.
fn reach(caller: &Caller) -> AppResult<Reach<BoxOffice>> {
    policy::box_office(caller.principal()).ok_or(AppError::Forbidden)
}

/// An item at a box office the caller serves; any other is not found.
async fn item_for(store: &Store, caller: &Caller, item: Id) -> AppResult<(Item, Reach<BoxOffice>)> {
    let reach = reach(caller)?;
    let r = reach.clone();
    let it = store.read(move |c| items::get(c, &r, item)).await?;
    Ok((it, reach))
}
/// A use with its tickets as stored now.
fn use_out(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: &Item,
    venue: &venues::Venue,
    use_key: &str,
    holder: Option<Id>,
    tr: &crate::i18n::Tr,
) -> AppResult<UseOut> {
    let list = tickets::of_use(c, reach, use_key)?;
    Ok(use_of(item, venue, use_key, &list, holder, tr))
}

fn use_of(
    item: &Item,
    venue: &venues::Venue,
    use_key: &str,
    list: &[tickets::WithCode],
    holder: Option<Id>,
    tr: &crate::i18n::Tr,
) -> UseOut {
    let holder = holder.or_else(|| list.first().map(|(t, _)| t.card_id));
    let live = list
        .iter()
        .filter(|(t, _)| t.status != TicketStatus::Cancelled);
    let (adults, children) = live.fold((0, 0), |(a, ch), (t, _)| (a + t.adults, ch + t.children));
    UseOut {
        use_id: use_key.to_string(),
        item: item.id,
        item_title: item.title.clone(),
        item_type: item.kind,
        starts_at: helsinki(item.starts_at.and_utc()),
        venue: venue.id,
        venue_name: venue.name.clone(),
        tickets: list
            .iter()
            .map(|(t, code)| TicketOut::new(t, code, holder))
            .collect(),
        note: TicketNote {
            adults,
            children,
            free_cloakroom: venue.free_cloakroom,
            text: note_text(tr, adults, children, venue.free_cloakroom),
        },
        kaiku_tickets_left: left_of(item),
    }
}

/// Tickets left, as every answer shows it (`kaiku_core::cap::tickets_left`).
fn left_of(i: &Item) -> u32 {
    kaiku_core::cap::tickets_left(i.capacity, i.cap, i.kaiku_used, i.sold_out, i.excluded)
}

/// A use of a settled period changed without a correction's reason, or a
/// correction asked by an integration.
pub(super) fn settled_refusal(code: &'static str, args: Vec<(&'static str, String)>) -> AppError {
    AppError::Refused(Refused {
        kind: if code == "correction_by_person" {
            RefusalKind::Forbidden
        } else {
            RefusalKind::Conflict
        },
        code,
        rule: "R-REP-2",
        args,
    })
}
