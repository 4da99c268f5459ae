//! One card and one item at a time: each reason of R-USE-1 and the windows
//! of R-TIME-1 and R-TIME-2 on its own, then all of them at once.

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
fn r_time_1_booking_window_and_r_use_6_backlog_is_the_past_only() {
    let too_early = Ask {
        at: window::from_local(d(2027, 3, 2), 23, 0).unwrap(),
        ..ask(1, 0)
    };
    let before = [Reason::BeforeBooking {
        opens: window::from_local(d(2027, 3, 3), 0, 0).unwrap(),
    }];
    assert_eq!(reasons(&card(), &item(), &too_early), before);
    // Marked as from paper, a booking for what is yet to come is still one.
    let early_from_paper = Ask {
        backlog: true,
        ..too_early
    };
    assert_eq!(reasons(&card(), &item(), &early_from_paper), before);
    assert!(!from_paper(true, item().starts_at, too_early.at));
    // A visit that happened is entered from paper after its day.
    let later = Ask {
        at: item().starts_at + chrono::Duration::days(3),
        ..ask(1, 0)
    };
    assert_eq!(
        reasons(&card(), &item(), &later),
        [Reason::ItemOver {
            day: window::local_day(item().starts_at)
        }]
    );
    assert!(
        reasons(
            &card(),
            &item(),
            &Ask {
                backlog: true,
                ..later
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
