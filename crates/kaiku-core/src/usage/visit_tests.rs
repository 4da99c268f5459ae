//! Whole visits: a community card with its group (R-COMM-2), companions on a
//! course (R-USE-2) and paper entered afterwards (R-USE-6).

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
