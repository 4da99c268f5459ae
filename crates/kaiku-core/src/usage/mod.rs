//! Recording a use at a venue (SPEC §6): whether free tickets may be given,
//! and every reason why not, in plain codes the web layer translates
//! (R-USE-1). Validity is judged on the item's day, not today (R-USE-6).

use crate::Id;
use crate::card::{CardState, Kind, Status};
use crate::org::SalesChannel;
use crate::window;
use chrono::{DateTime, NaiveDate, Utc};

/// What the register knows of the item asked for.
#[derive(Clone, Debug)]
pub struct ItemView {
    pub area: Id,
    pub area_local_only: bool,
    pub course: bool,
    pub excluded: bool,
    pub sold_out: bool,
    pub starts_at: DateTime<Utc>,
    pub booking_opens_days_before: Option<u32>,
    pub redeem_opens_minutes_before: Option<u32>,
    /// Kaikukortti tickets still allowed under the cap; `None` when uncapped.
    pub cap_left: Option<u32>,
}

/// What the register knows of the card shown.
#[derive(Clone, Debug)]
pub struct CardView {
    pub state: CardState,
    pub kind: Option<Kind>,
    pub valid_from: Option<NaiveDate>,
    pub minor_children: u32,
    pub area_local_only: bool,
    /// R-USE-3: a ticket for this item already, not cancelled.
    pub has_ticket: bool,
}

/// The request: how many tickets of each type, through which channel, and
/// whether it is a paper backlog entry (windows not applied, R-USE-6).
#[derive(Clone, Debug)]
pub struct Ask<'a> {
    pub adults: u32,
    pub children: u32,
    /// Group members with their own personal cards (R-COMM-2), each one
    /// more ticket against the cap.
    pub members: u32,
    pub channel: &'a str,
    pub backlog: bool,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// No card has this code.
    Unknown,
    /// The code's check character does not match: a typing error (R-CARD-1).
    CheckCharacter,
    NotIssued,
    Void,
    ExpiredOn {
        until: NaiveDate,
    },
    NotYetValid {
        from: NaiveDate,
    },
    Excluded,
    SoldOut,
    CapReached {
        left: u32,
    },
    BeforeBooking {
        opens: DateTime<Utc>,
    },
    BeforeRedemption {
        opens: DateTime<Utc>,
    },
    CourseWithCompanions,
    CourseWithCommunityCard,
    AlreadyHasTicket,
    WebShop,
    UnknownChannel,
    TooManyChildren {
        max: u32,
    },
    NoHolderTicket,
    LocalOnly,
    /// The item's day is over: a use from paper is entered as backlog.
    ItemOver {
        day: NaiveDate,
    },
    /// A group member needs a personal card of their own (R-COMM-2).
    MemberNotPersonal,
    /// The same card twice in one visit.
    DuplicateCard,
}

impl Reason {
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Unknown => "card_unknown",
            Reason::CheckCharacter => "card_check_character",
            Reason::NotIssued => "card_not_issued",
            Reason::Void => "card_void",
            Reason::ExpiredOn { .. } => "card_expired_on_item_day",
            Reason::NotYetValid { .. } => "card_not_yet_valid",
            Reason::Excluded => "item_excluded",
            Reason::SoldOut => "item_sold_out",
            Reason::CapReached { .. } => "cap_reached",
            Reason::BeforeBooking { .. } => "before_booking_window",
            Reason::BeforeRedemption { .. } => "before_redemption_window",
            Reason::CourseWithCompanions => "course_with_companions",
            Reason::CourseWithCommunityCard => "course_with_community_card",
            Reason::AlreadyHasTicket => "already_has_ticket",
            Reason::WebShop => "web_shop",
            Reason::UnknownChannel => "unknown_channel",
            Reason::TooManyChildren { .. } => "too_many_children",
            Reason::NoHolderTicket => "no_holder_ticket",
            Reason::LocalOnly => "card_local_only",
            Reason::ItemOver { .. } => "item_over",
            Reason::MemberNotPersonal => "member_not_personal",
            Reason::DuplicateCard => "duplicate_card",
        }
    }

    pub fn rule(&self) -> &'static str {
        match self {
            Reason::Unknown => "R-USE-1",
            Reason::CheckCharacter => "R-CARD-1",
            Reason::NotIssued | Reason::Void => "R-CARD-2",
            Reason::ExpiredOn { .. } | Reason::NotYetValid { .. } => "R-CARD-4",
            Reason::Excluded => "R-OFFER-1",
            Reason::SoldOut => "R-CAP-2",
            Reason::CapReached { .. } => "R-CAP",
            Reason::BeforeBooking { .. } => "R-TIME-1",
            Reason::BeforeRedemption { .. } => "R-TIME-2",
            Reason::CourseWithCompanions | Reason::NoHolderTicket => "R-USE-2",
            Reason::CourseWithCommunityCard => "R-COMM-3",
            Reason::AlreadyHasTicket => "R-USE-3",
            Reason::WebShop | Reason::UnknownChannel => "R-CHAN-1",
            Reason::TooManyChildren { .. } => "R-CARD-9",
            Reason::LocalOnly => "R-AREA-1",
            Reason::ItemOver { .. } => "R-USE-6",
            Reason::MemberNotPersonal => "R-COMM-2",
            Reason::DuplicateCard => "R-USE-3",
        }
    }
}

/// Every reason the tickets asked for cannot be given; empty means they can.
pub fn reasons(card: &CardView, item: &ItemView, ask: &Ask) -> Vec<Reason> {
    let mut out = vec![];
    let day = window::local_day(item.starts_at);
    match card.state.status {
        Status::InStock => out.push(Reason::NotIssued),
        Status::Void => out.push(Reason::Void),
        Status::Issued => {
            if let Some(until) = card.state.valid_until.filter(|u| *u < day) {
                out.push(Reason::ExpiredOn { until });
            }
            if let Some(from) = card.valid_from.filter(|f| *f > day) {
                out.push(Reason::NotYetValid { from });
            }
        }
    }
    if (card.area_local_only || item.area_local_only) && card.state.area != item.area {
        out.push(Reason::LocalOnly);
    }
    match ask.channel {
        "web_shop" => out.push(Reason::WebShop),
        c if c.parse::<SalesChannel>().ok().is_none() => out.push(Reason::UnknownChannel),
        _ => {}
    }
    if item.excluded {
        out.push(Reason::Excluded);
    }
    if item.sold_out {
        out.push(Reason::SoldOut);
    }
    if card.has_ticket {
        out.push(Reason::AlreadyHasTicket);
    }
    let community = card.kind == Some(Kind::Community);
    if item.course {
        if community {
            out.push(Reason::CourseWithCommunityCard);
        } else if ask.adults != 1 || ask.children != 0 {
            // A course use is exactly one place, for the holder.
            out.push(Reason::CourseWithCompanions);
        }
    } else if ask.adults == 0 {
        out.push(Reason::NoHolderTicket);
    } else if !community {
        // Own children and grandchildren under 18 come along, as many as the
        // card says; those over the child age limit get adult tickets.
        let companions = ask.adults - 1 + ask.children;
        if companions > card.minor_children {
            out.push(Reason::TooManyChildren {
                max: card.minor_children,
            });
        }
    }
    if let Some(left) = item.cap_left
        && ask.adults + ask.children + ask.members > left
        && !item.sold_out
    {
        out.push(Reason::CapReached { left });
    }
    if item.course && ask.members > 0 && !community && !out.contains(&Reason::CourseWithCompanions)
    {
        out.push(Reason::CourseWithCompanions);
    }
    // A visit from paper already happened: the windows it could not know of
    // are not applied to it (R-USE-6). A booking from paper for what is yet
    // to come goes through them like any other.
    if !from_paper(ask.backlog, item.starts_at, ask.at) {
        if let Some(days) = item.booking_opens_days_before {
            let opens = window::booking_opens(item.starts_at, days);
            if ask.at < opens {
                out.push(Reason::BeforeBooking { opens });
            }
        }
        // Latecomers are recorded until the day ends; after that the use
        // comes from paper and is entered as backlog (R-USE-6).
        if window::local_day(ask.at) > day {
            out.push(Reason::ItemOver { day });
        }
    }
    out
}

/// A visit: the card shown (the holder's, or a community card) and the
/// group members' own personal cards (R-COMM-1, R-COMM-2). Each card's
/// reasons, the shown card first; the cap is judged on the whole visit, so a
/// visit is recorded whole or not at all.
pub fn visit(
    card: &CardView,
    members: &[CardView],
    item: &ItemView,
    ask: &Ask,
) -> Vec<Vec<Reason>> {
    let mut out = vec![reasons(card, item, ask)];
    let one = Ask {
        adults: 1,
        children: 0,
        members: 0,
        ..ask.clone()
    };
    let uncapped = ItemView {
        cap_left: None,
        ..item.clone()
    };
    for m in members {
        let mut r = reasons(m, &uncapped, &one);
        if m.kind == Some(Kind::Community) {
            r.push(Reason::MemberNotPersonal);
        }
        // The visit as a whole says these once, on the shown card.
        r.retain(|x| {
            !matches!(
                x,
                Reason::Excluded
                    | Reason::SoldOut
                    | Reason::WebShop
                    | Reason::UnknownChannel
                    | Reason::BeforeBooking { .. }
                    | Reason::ItemOver { .. }
                    | Reason::CourseWithCommunityCard
            )
        });
        out.push(r);
    }
    out
}

/// R-USE-6: whether a use asked for as backlog is one: only what already
/// happened (an item that has begun) is entered from paper past the rules'
/// windows. The flag never opens the future.
pub fn from_paper(backlog: bool, item_starts: DateTime<Utc>, at: DateTime<Utc>) -> bool {
    backlog && item_starts <= at
}

/// R-TIME-2: whether a ticket may be redeemed now (backlog entries are not
/// held to it).
pub fn may_redeem(item: &ItemView, at: DateTime<Utc>, backlog: bool) -> Result<(), Reason> {
    match item.redeem_opens_minutes_before {
        Some(m) if !backlog => {
            let opens = window::redemption_opens(item.starts_at, m);
            if at < opens {
                Err(Reason::BeforeRedemption { opens })
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

crate::text::text_enum! {
    /// A ticket's life (R-USE-5): reserved, then redeemed at the door, or
    /// cancelled (which frees its share of the cap).
    pub enum TicketStatus {
        Reserved,
        Redeemed,
        Cancelled,
    }
}

crate::text::text_enum! {
    /// What an item of the offering is (§7): an event or a course.
    pub enum ItemKind {
        Event,
        Course,
    }
}

/// R-USE-6, R-USE-5: the state a ticket from paper is recorded in. A visit
/// that already took place (its item began before `now`) was collected when
/// the item began; an advance booking from paper is reserved like any other.
pub fn backlog_state(
    item_starts: DateTime<Utc>,
    now: DateTime<Utc>,
) -> (TicketStatus, Option<DateTime<Utc>>) {
    if item_starts <= now {
        (TicketStatus::Redeemed, Some(item_starts))
    } else {
        (TicketStatus::Reserved, None)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod visit_tests;
