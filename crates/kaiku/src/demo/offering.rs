//! A season of offering at every venue, across the cap classes, so that the
//! catalogue is full.

use super::Op;
use anyhow::Result;
use kaiku_store::{DbConn, StoreError, now};

/// An item with no windows, open and not sold out.
pub(super) fn demo_item(
    kind: &str,
    title: &str,
    starts_at: chrono::NaiveDateTime,
    capacity: i32,
    class: &str,
    cap: Option<i32>,
) -> kaiku_store::items::ItemFields {
    kaiku_store::items::ItemFields {
        kind: kind.parse().expect("an item kind of the demo"),
        title: title.into(),
        starts_at,
        capacity,
        class: class.parse().expect("a cap class of the demo"),
        cap,
        booking_opens_days_before: None,
        redeem_opens_minutes_before: None,
        sold_out: false,
        excluded: false,
        exclusion_reason: None,
    }
}

/// A season of offering across the cap classes, so the catalogue is full.
pub(super) fn seed_offering(c: &mut DbConn, op: &Op, venue_ids: &[i64]) -> Result<(), StoreError> {
    use kaiku_store::items::{self, ItemFields};
    let [hilla, museum, pool, college] = venue_ids else {
        return Ok(());
    };
    if !items::list_for_venue(c, &op.offering, *hilla, None, 1)?.is_empty() {
        return Ok(());
    }
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive();
    let at = |days: i64, hour: u32| {
        kaiku_core::window::from_local(today + chrono::Duration::days(days), hour, 0)
            .expect("time")
            .naive_utc()
    };
    let item = demo_item;
    let mut add = |venue: i64, f: ItemFields, series: Option<&str>| {
        items::create(c, &op.offering, venue, &f, series, now()).map(|_| ())
    };
    // A Saturday show for two months, bookable a month ahead, collected half an hour before.
    for week in 0..8 {
        let mut f = item(
            "event",
            "Trollkarlen Matti",
            at(3 + 7 * week, 14),
            400,
            "default",
            Some(20),
        );
        f.booking_opens_days_before = Some(30);
        f.redeem_opens_minutes_before = Some(30);
        add(*hilla, f, Some("demo-matti"))?;
    }
    add(
        *hilla,
        item(
            "event",
            "En magisk sommarnatt",
            at(12, 19),
            40,
            "small_performance",
            Some(2),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Kamarikonsertti",
            at(15, 18),
            8,
            "very_small_performance",
            Some(1),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Kesäkonsertti Laululavalla",
            at(40, 19),
            1500,
            "large_event",
            Some(20),
        ),
        None,
    )?;
    add(
        *hilla,
        item(
            "event",
            "Vierailijan iltanäytös",
            at(20, 19),
            300,
            "guest_producer",
            Some(5),
        ),
        None,
    )?;
    let mut touring = item(
        "event",
        "Kansallisteatterin kiertue",
        at(25, 19),
        400,
        "default",
        None,
    );
    touring.excluded = true;
    touring.exclusion_reason = Some(
        "Vierailuesitys: ei Kaikukortin piirissä. / Gästföreställning. / Touring production."
            .into(),
    );
    add(*hilla, touring, None)?;
    for day in 0..14 {
        add(
            *museum,
            item(
                "event",
                "Näyttely: Karjalan kädentaidot",
                at(day, 10),
                200,
                "default",
                None,
            ),
            Some("demo-exhibition"),
        )?;
    }
    for day in 0..7 {
        add(
            *pool,
            item(
                "event",
                "Uintipäivä",
                at(day, 6),
                300,
                "swimming_hall_day",
                Some(20),
            ),
            Some("demo-swim"),
        )?;
    }
    let mut course = item(
        "course",
        "Akvarellimaalaus (kurssi)",
        at(21, 0),
        15,
        "default",
        Some(2),
    );
    course.starts_at =
        kaiku_core::window::start_of_day(today + chrono::Duration::days(21)).naive_utc();
    add(*college, course, None)?;
    Ok(())
}
