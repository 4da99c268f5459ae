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
    // A paper backlog may hold advance bookings as well as past visits; its
    // windows are not applied (R-USE-6).
    if !ask.backlog {
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
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn card() -> CardView {
        CardView {
            state: CardState {
                area: 1,
                status: Status::Issued,
                allocated_point: None,
                holder_point: Some(2),
                valid_until: Some(d(2027, 6, 30)),
            },
            kind: Some(Kind::Personal),
            valid_from: Some(d(2026, 6, 30)),
            minor_children: 2,
            area_local_only: false,
            has_ticket: false,
        }
    }

    fn item() -> ItemView {
        ItemView {
            area: 1,
            area_local_only: false,
            course: false,
            excluded: false,
            sold_out: false,
            starts_at: window::from_local(d(2027, 4, 2), 19, 0).unwrap(),
            booking_opens_days_before: Some(30),
            redeem_opens_minutes_before: Some(30),
            cap_left: Some(20),
        }
    }

    fn ask(adults: u32, children: u32) -> Ask<'static> {
        Ask {
            adults,
            children,
            members: 0,
            channel: "box_office",
            backlog: false,
            at: window::from_local(d(2027, 3, 20), 12, 0).unwrap(),
        }
    }

    fn codes(r: Vec<Reason>) -> Vec<&'static str> {
        r.iter().map(Reason::code).collect()
    }

    #[test]
    fn r_use_1_a_valid_card_gets_its_tickets() {
        assert!(reasons(&card(), &item(), &ask(1, 2)).is_empty());
        assert!(
            reasons(&card(), &item(), &ask(2, 1)).is_empty(),
            "a 16-year-old child goes as an adult"
        );
    }

    #[test]
    fn r_use_2_companions_bounded_by_the_card() {
        assert_eq!(
            reasons(&card(), &item(), &ask(1, 3)),
            [Reason::TooManyChildren { max: 2 }]
        );
        assert_eq!(
            reasons(&card(), &item(), &ask(0, 1)),
            [Reason::NoHolderTicket]
        );
        let course = ItemView {
            course: true,
            ..item()
        };
        assert_eq!(
            codes(reasons(&card(), &course, &ask(1, 1))),
            ["course_with_companions"]
        );
        assert!(reasons(&card(), &course, &ask(1, 0)).is_empty());
    }

    #[test]
    fn r_comm_3_no_course_with_a_community_card_and_r_comm_1_group_visit() {
        let community = CardView {
            kind: Some(Kind::Community),
            minor_children: 0,
            ..card()
        };
        let course = ItemView {
            course: true,
            ..item()
        };
        assert_eq!(
            codes(reasons(&community, &course, &ask(1, 0))),
            ["course_with_community_card"]
        );
        assert!(
            reasons(&community, &item(), &ask(1, 4)).is_empty(),
            "the employee and four clients under 16"
        );
    }

    #[test]
    fn r_use_1_validity_is_judged_on_the_items_day() {
        let late = ItemView {
            starts_at: window::from_local(d(2027, 7, 1), 19, 0).unwrap(),
            booking_opens_days_before: None,
            ..item()
        };
        assert_eq!(
            reasons(&card(), &late, &ask(1, 0)),
            [Reason::ExpiredOn {
                until: d(2027, 6, 30)
            }]
        );
        let last_day = ItemView {
            starts_at: window::from_local(d(2027, 6, 30), 23, 30).unwrap(),
            booking_opens_days_before: None,
            ..item()
        };
        assert!(
            reasons(&card(), &last_day, &ask(1, 0)).is_empty(),
            "valid through the last day, Helsinki time"
        );
        let early = ItemView {
            starts_at: window::from_local(d(2026, 6, 1), 19, 0).unwrap(),
            booking_opens_days_before: None,
            ..item()
        };
        let from_paper = Ask {
            backlog: true,
            ..ask(1, 0)
        };
        assert_eq!(
            reasons(&card(), &early, &from_paper),
            [Reason::NotYetValid {
                from: d(2026, 6, 30)
            }]
        );
    }

    #[test]
    fn r_use_1_every_other_reason() {
        let stock = CardView {
            state: CardState {
                status: Status::InStock,
                ..card().state
            },
            ..card()
        };
        assert_eq!(
            codes(reasons(&stock, &item(), &ask(1, 0))),
            ["card_not_issued"]
        );
        let void = CardView {
            state: CardState {
                status: Status::Void,
                ..card().state
            },
            ..card()
        };
        assert_eq!(codes(reasons(&void, &item(), &ask(1, 0))), ["card_void"]);
        assert_eq!(
            codes(reasons(
                &card(),
                &ItemView {
                    excluded: true,
                    ..item()
                },
                &ask(1, 0)
            )),
            ["item_excluded"]
        );
        assert_eq!(
            codes(reasons(
                &card(),
                &ItemView {
                    sold_out: true,
                    ..item()
                },
                &ask(1, 0)
            )),
            ["item_sold_out"]
        );
        assert_eq!(
            reasons(
                &card(),
                &ItemView {
                    cap_left: Some(2),
                    ..item()
                },
                &ask(1, 2)
            ),
            [Reason::CapReached { left: 2 }]
        );
        assert_eq!(
            codes(reasons(
                &CardView {
                    has_ticket: true,
                    ..card()
                },
                &item(),
                &ask(1, 0)
            )),
            ["already_has_ticket"]
        );
        assert_eq!(
            codes(reasons(
                &card(),
                &item(),
                &Ask {
                    channel: "web_shop",
                    ..ask(1, 0)
                }
            )),
            ["web_shop"]
        );
        assert_eq!(
            codes(reasons(
                &card(),
                &item(),
                &Ask {
                    channel: "fax",
                    ..ask(1, 0)
                }
            )),
            ["unknown_channel"]
        );
        let other_area = CardView {
            area_local_only: true,
            state: CardState {
                area: 9,
                ..card().state
            },
            ..card()
        };
        assert_eq!(
            codes(reasons(&other_area, &item(), &ask(1, 0))),
            ["card_local_only"]
        );
        let into_local = ItemView {
            area_local_only: true,
            ..item()
        };
        let visitor = CardView {
            state: CardState {
                area: 9,
                ..card().state
            },
            ..card()
        };
        assert_eq!(
            codes(reasons(&visitor, &into_local, &ask(1, 0))),
            ["card_local_only"]
        );
        assert!(
            reasons(&visitor, &item(), &ask(1, 0)).is_empty(),
            "cards are national otherwise"
        );
    }

    #[test]
    fn r_time_1_booking_window_but_not_for_backlog() {
        let too_early = Ask {
            at: window::from_local(d(2027, 3, 2), 23, 0).unwrap(),
            ..ask(1, 0)
        };
        assert_eq!(
            reasons(&card(), &item(), &too_early),
            [Reason::BeforeBooking {
                opens: window::from_local(d(2027, 3, 3), 0, 0).unwrap()
            }]
        );
        assert!(
            reasons(
                &card(),
                &item(),
                &Ask {
                    backlog: true,
                    ..too_early
                }
            )
            .is_empty(),
            "R-USE-6"
        );
    }

    #[test]
    fn r_time_2_redemption_window() {
        let opens = window::from_local(d(2027, 4, 2), 18, 30).unwrap();
        assert_eq!(
            may_redeem(&item(), opens - chrono::Duration::minutes(1), false),
            Err(Reason::BeforeRedemption { opens })
        );
        assert_eq!(may_redeem(&item(), opens, false), Ok(()));
        assert_eq!(
            may_redeem(&item(), opens - chrono::Duration::days(3), true),
            Ok(())
        );
    }

    #[test]
    fn r_use_1_all_reasons_at_once() {
        let void = CardView {
            state: CardState {
                status: Status::Void,
                ..card().state
            },
            has_ticket: true,
            ..card()
        };
        let item = ItemView {
            excluded: true,
            cap_left: Some(0),
            ..item()
        };
        let r = codes(reasons(
            &void,
            &item,
            &Ask {
                channel: "web_shop",
                ..ask(1, 0)
            },
        ));
        assert_eq!(
            r,
            [
                "card_void",
                "web_shop",
                "item_excluded",
                "already_has_ticket",
                "cap_reached"
            ]
        );
    }
}

#[cfg(test)]
mod visit_tests {
    use super::*;
    use crate::card::CardState;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn card(kind: Kind) -> CardView {
        CardView {
            state: CardState {
                area: 1,
                status: Status::Issued,
                allocated_point: None,
                holder_point: Some(2),
                valid_until: Some(d(2027, 6, 30)),
            },
            kind: Some(kind),
            valid_from: Some(d(2026, 6, 30)),
            minor_children: 0,
            area_local_only: false,
            has_ticket: false,
        }
    }

    fn item(cap_left: Option<u32>) -> ItemView {
        ItemView {
            area: 1,
            area_local_only: false,
            course: false,
            excluded: false,
            sold_out: false,
            starts_at: window::from_local(d(2027, 4, 2), 19, 0).unwrap(),
            booking_opens_days_before: None,
            redeem_opens_minutes_before: None,
            cap_left,
        }
    }

    fn ask(children: u32, members: u32, at: DateTime<Utc>, backlog: bool) -> Ask<'static> {
        Ask {
            adults: 1,
            children,
            members,
            channel: "box_office",
            backlog,
            at,
        }
    }

    fn before() -> DateTime<Utc> {
        window::from_local(d(2027, 3, 20), 12, 0).unwrap()
    }

    #[test]
    fn r_comm_2_members_need_personal_cards_and_count_against_the_cap() {
        let leader = card(Kind::Community);
        let members = [card(Kind::Personal), card(Kind::Community)];
        let r = visit(
            &leader,
            &members,
            &item(Some(10)),
            &ask(2, 2, before(), false),
        );
        assert_eq!(r[0], []);
        assert_eq!(r[1], []);
        assert_eq!(r[2], [Reason::MemberNotPersonal]);
        // employee + 2 clients under 16 + 2 members = 5 tickets
        let r = visit(
            &leader,
            &members[..1],
            &item(Some(3)),
            &ask(2, 1, before(), false),
        );
        assert_eq!(r[0], [Reason::CapReached { left: 3 }]);
        assert_eq!(r[1], []);
    }

    #[test]
    fn r_use_6_a_day_over_needs_backlog_and_backlog_skips_windows() {
        let after = window::from_local(d(2027, 4, 3), 0, 1).unwrap();
        assert_eq!(
            reasons(&card(Kind::Personal), &item(None), &ask(0, 0, after, false)),
            [Reason::ItemOver { day: d(2027, 4, 2) }]
        );
        assert!(reasons(&card(Kind::Personal), &item(None), &ask(0, 0, after, true)).is_empty());
        let late_same_day = window::from_local(d(2027, 4, 2), 23, 59).unwrap();
        assert!(
            reasons(
                &card(Kind::Personal),
                &item(None),
                &ask(0, 0, late_same_day, false)
            )
            .is_empty()
        );
        assert!(
            reasons(
                &card(Kind::Personal),
                &item(None),
                &ask(0, 0, before(), true)
            )
            .is_empty(),
            "an advance booking written on paper"
        );
    }

    #[test]
    fn r_use_2_no_group_on_a_course() {
        let course = ItemView {
            course: true,
            ..item(None)
        };
        let r = visit(
            &card(Kind::Personal),
            &[card(Kind::Personal)],
            &course,
            &ask(0, 1, before(), false),
        );
        assert_eq!(r[0], [Reason::CourseWithCompanions]);
    }

    #[test]
    fn r_use_6_a_past_visit_from_paper_is_collected_a_future_one_reserved() {
        use chrono::TimeZone;
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 17, 0, 0).unwrap();
        assert_eq!(
            backlog_state(start, start + chrono::Duration::days(1)),
            (TicketStatus::Redeemed, Some(start))
        );
        assert_eq!(
            backlog_state(start, start - chrono::Duration::days(1)),
            (TicketStatus::Reserved, None)
        );
    }
}
