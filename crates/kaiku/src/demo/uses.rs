//! The past year's uses and today's reservations, so that the box office,
//! the reports and the statistics have something to show.

use super::offering::demo_item;
use super::{Dice, Op};
use anyhow::Result;
use chrono::NaiveDate;
use kaiku_store::cards;
use kaiku_store::{DbConn, StoreError, now};

/// How far back the demo's uses go: over two years, so that the two last
/// whole years' statistics (which the national first page shows) and this
/// year's all have something to show.
pub const DEMO_WEEKS: i64 = 110;

/// Past items with a few months of recorded uses (single cards, cards with
/// children, group visits with a community card, some cancelled), and items
/// today at every venue with a few reservations, so that the box office and
/// the reports have something to show.
pub(super) fn seed_uses(
    c: &mut DbConn,
    op: &Op,
    area: i64,
    venue_ids: &[i64],
) -> Result<(), StoreError> {
    use kaiku_store::items::{self, ItemFields};
    use kaiku_store::tickets::{self, NewTicket};
    let [hilla, museum, pool, college] = venue_ids else {
        return Ok(());
    };
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let at = |day: NaiveDate, hour: u32| {
        kaiku_core::window::from_local(day, hour, 0)
            .expect("time")
            .naive_utc()
    };
    let since = at(today - chrono::Duration::days(7 * DEMO_WEEKS + 10), 0);
    if !items::for_venue_between(c, &op.offering, *hilla, since, at(today, 0), false)?.is_empty() {
        return Ok(());
    }
    let item = |title: &str, start, capacity, class: &str, cap: Option<i32>| ItemFields {
        redeem_opens_minutes_before: Some(60),
        ..demo_item("event", title, start, capacity, class, cap)
    };
    let mut past = vec![];
    for week in 1..=DEMO_WEEKS {
        let day = today - chrono::Duration::days(7 * week);
        for (venue, f) in [
            (
                *hilla,
                item("Trollkarlen Matti", at(day, 14), 400, "default", Some(20)),
            ),
            (
                *hilla,
                item(
                    "En magisk sommarnatt",
                    at(day + chrono::Duration::days(2), 19),
                    40,
                    "small_performance",
                    Some(4),
                ),
            ),
            (
                *museum,
                item(
                    "Näyttely: Karjalan kädentaidot",
                    at(day + chrono::Duration::days(1), 10),
                    200,
                    "default",
                    None,
                ),
            ),
            (
                *pool,
                item(
                    "Uintipäivä",
                    at(day + chrono::Duration::days(3), 6),
                    300,
                    "swimming_hall_day",
                    Some(20),
                ),
            ),
        ] {
            past.push((
                venue,
                items::create(c, &op.offering, venue, &f, Some("demo-past"), now())?,
            ));
        }
    }
    let mut today_items = vec![];
    for (venue, f) in [
        (
            *hilla,
            item(
                "Päivänäytös: Trollkarlen Matti",
                at(today, 13),
                400,
                "default",
                Some(20),
            ),
        ),
        (
            *hilla,
            item(
                "Iltanäytös: En magisk sommarnatt",
                at(today, 19),
                40,
                "small_performance",
                Some(4),
            ),
        ),
        (
            *college,
            item(
                "Avoin luento: Karjalan historia",
                at(today, 18),
                60,
                "default",
                Some(5),
            ),
        ),
    ] {
        today_items.push((
            venue,
            items::create(c, &op.offering, venue, &f, None, now())?,
        ));
    }
    let cards = cards::list_for_area(c, &op.records, area, None, 100_000)?;
    let usable = |card: &&cards::CardRow, day: NaiveDate| {
        card.status == kaiku_core::card::Status::Issued
            && card.grant_date.is_some_and(|g| g <= day)
            && card.valid_until.is_some_and(|u| u >= day)
    };
    let mut dice = Dice(0x005e_ed0f_0ca5_u64 ^ area as u64);
    let record = |c: &mut DbConn,
                  dice: &mut Dice,
                  item_id: i64,
                  venue: i64,
                  visit: &[(&cards::CardRow, i32, i32)],
                  status: &str|
     -> Result<(), StoreError> {
        let it = items::get(c, &op.box_office, item_id)?;
        let total: i32 = visit.iter().map(|(_, a, ch)| a + ch).sum();
        if tickets::take_cap(c, &op.box_office, item_id, total)?.is_none() {
            return Ok(());
        }
        let use_key = format!("demo{item_id:08}{:08}", visit[0].0.id);
        for (card, adults, children) in visit {
            let id = tickets::insert(
                c,
                &op.box_office,
                &NewTicket {
                    item_id,
                    card_id: card.id,
                    venue_id: venue,
                    area_id: area,
                    use_key: use_key.clone(),
                    adults: *adults,
                    children: *children,
                    channel: {
                        use kaiku_core::org::SalesChannel::{BoxOffice, Phone, TicketAgency};
                        [BoxOffice, BoxOffice, Phone, TicketAgency][dice.next(4)]
                    },
                    status: kaiku_core::usage::TicketStatus::Reserved,
                    backlog: false,
                    used_on: kaiku_core::window::local_day(it.starts_at.and_utc()),
                    recorded_at: it.starts_at - chrono::Duration::hours(1 + dice.next(72) as i64),
                },
            )?;
            match status {
                "redeemed" => {
                    tickets::redeem(
                        c,
                        &op.box_office,
                        id,
                        it.starts_at - chrono::Duration::minutes(10),
                    )?;
                }
                "cancelled" => {
                    tickets::cancel(
                        c,
                        &op.box_office,
                        id,
                        it.starts_at - chrono::Duration::hours(2),
                    )?;
                }
                _ => {}
            }
        }
        Ok(())
    };
    let visits = |dice: &mut Dice, day: NaiveDate, n: usize| {
        let pool: Vec<&cards::CardRow> = cards.iter().filter(|k| usable(k, day)).collect();
        let mut out = vec![];
        let mut used = std::collections::HashSet::new();
        for _ in 0..n {
            if pool.is_empty() {
                break;
            }
            let card = pool[dice.next(pool.len())];
            if !used.insert(card.id) {
                continue;
            }
            let mut visit = vec![];
            if card.kind == Some(kaiku_core::card::Kind::Community) {
                // A small-group visit: the employee, clients under 16 and
                // members with their own cards (R-COMM-1, R-COMM-2).
                visit.push((card, 1, dice.next(3) as i32));
                for _ in 0..1 + dice.next(2) {
                    let m = pool[dice.next(pool.len())];
                    if m.kind == Some(kaiku_core::card::Kind::Personal) && used.insert(m.id) {
                        visit.push((m, 1, 0));
                    }
                }
            } else {
                let max = card.minor_children.unwrap_or(0).max(0) as usize;
                visit.push((card, 1, dice.next(max + 1) as i32));
            }
            out.push(visit);
        }
        out
    };
    for (venue, item_id) in past {
        let starts = items::get(c, &op.box_office, item_id)?.starts_at;
        let day = kaiku_core::window::local_day(starts.and_utc());
        let n = 2 + dice.next(9);
        for visit in visits(&mut dice, day, n) {
            let status = if dice.next(20) == 0 {
                "cancelled"
            } else {
                "redeemed"
            };
            record(c, &mut dice, item_id, venue, &visit, status)?;
        }
    }
    for (venue, item_id) in today_items {
        for visit in visits(&mut dice, today, 3) {
            record(c, &mut dice, item_id, venue, &visit, "reserved")?;
        }
    }
    Ok(())
}
