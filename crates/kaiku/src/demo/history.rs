//! The register's recent past, written as its people would have: venue
//! reports submitted month by month, each area's statistics for the two
//! last whole years, and a series printed with holder keys, so that every
//! first page and statistics page has something true to show. One venue is
//! left not reporting, as one always is. Yesterday's matinee at the first
//! venue had its connection down: one card's tickets were recorded on the
//! box office's device and sent when it came back.

use anyhow::Result;
use chrono::Datelike;
use kaiku_app::Caller;
use kaiku_app::cards::prints::{self, PrintInput};
use kaiku_app::i18n::Tr;
use kaiku_core::org::Lang;
use kaiku_core::policy::Operator;
use kaiku_core::report::Period;
use kaiku_store::{Store, areas, now, venues};

pub(super) async fn seed_history(store: &Store, operator: &Operator) -> Result<()> {
    let caller = Caller::operator(operator, "demo", Tr(Lang::Fi));
    let today = chrono::Utc::now().date_naive();
    let all = store.read(|c| areas::list(c, None)).await?;
    // The area with its history to show: the one not in a trial.
    let north = all.iter().find(|a| a.trial_ends.is_none());
    // Written once: a register that has its history already is left as it is.
    let national =
        kaiku_core::policy::national(caller.principal()).expect("the operator is national");
    let Some(first) = all.first().map(|a| a.id) else {
        return Ok(());
    };
    let last_year = today.year() - 1;
    let done = store
        .read(move |c| kaiku_store::stats::of_area_year(c, &national, first, last_year))
        .await?;
    if !done.is_empty() {
        return Ok(());
    }
    // Each venue of the first area but its last reports the last twelve
    // whole months.
    if let Some(north) = north {
        let id = north.id;
        let list = store.read(move |c| venues::list(c, id)).await?;
        for v in list.iter().take(list.len().saturating_sub(1)) {
            let mut month = Period::month_of(today);
            for _ in 1..=12 {
                month = month.previous_month();
                let Period { from, to } = month;
                kaiku_app::reports::submit(
                    store,
                    &caller,
                    v.id,
                    &kaiku_app::reports::SubmitInput {
                        from: Some(from.to_string()),
                        to: Some(to.to_string()),
                        ..Default::default()
                    },
                )
                .await?;
            }
        }
    }
    // Every area submits its two last whole years.
    for a in &all {
        for year in [today.year() - 2, today.year() - 1] {
            kaiku_app::stats::submit_year(
                store,
                &caller,
                a.id,
                &kaiku_app::stats::SubmitYear {
                    year: Some(year),
                    csrf: None,
                },
            )
            .await?;
        }
    }
    if let Some(north) = north {
        offline_use(store, &caller, north.id).await?;
    }
    // The numeric series' first sixteen cards printed with holder keys: the
    // coordinator can download the sheet and try the holder's page.
    if let Some(north) = north {
        let series = kaiku_app::cards::list_series(store, &caller, north.id).await?;
        if let Some(s) = series.iter().find(|s| s.prefix.is_empty()) {
            let job = prints::start(
                store,
                &caller,
                s.id,
                &PrintInput {
                    first: Some(s.first),
                    last: Some(s.first + 15),
                    holder_keys: true,
                    csrf: None,
                },
                "oma-kortti".into(),
            )
            .await?;
            for _ in 0..600 {
                if prints::get(store, &caller, job.id).await?.status != "running" {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
    Ok(())
}

/// Yesterday's matinee at the area's first venue, with one card's use
/// recorded offline and sent afterwards, judged by the rules of its moment
/// as every offline use is (R-OFF-3).
async fn offline_use(store: &Store, caller: &Caller, area: kaiku_core::Id) -> Result<()> {
    use kaiku_app::tickets::offline::{OfflineBatch, OfflineUseIn, take};
    let p = caller.principal().clone();
    let yesterday = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
        - chrono::Duration::days(1);
    let starts = kaiku_core::window::from_local(yesterday, 13, 0)
        .expect("time")
        .naive_utc();
    let found = store
        .write(move |c| {
            let everything = "the operator reaches everything";
            let offering = kaiku_core::policy::offering(&p).expect(everything);
            let records = kaiku_core::policy::card_records(&p).expect(everything);
            let Some(venue) = venues::list(c, area)?.into_iter().next() else {
                return Ok(None);
            };
            let f = super::offering::demo_item(
                "event",
                "Lauantain matinea: Trollkarlen Matti",
                starts,
                400,
                "default",
                Some(20),
            );
            let f = kaiku_store::items::ItemFields {
                redeem_opens_minutes_before: Some(60),
                ..f
            };
            let item = kaiku_store::items::create(c, &offering, venue.id, &f, None, now())?;
            let card = kaiku_store::cards::list_for_area(c, &records, area, None, 100_000)?
                .into_iter()
                .find(|k| {
                    k.status == kaiku_core::card::Status::Issued
                        && k.kind == Some(kaiku_core::card::Kind::Personal)
                        && k.grant_date.is_some_and(|g| g < yesterday)
                        && k.valid_until.is_some_and(|u| u > yesterday)
                });
            Ok::<_, kaiku_store::StoreError>(card.map(|k| (venue.id, item, k.code)))
        })
        .await?;
    let Some((venue, item, code)) = found else {
        return Ok(());
    };
    let at = starts - chrono::Duration::minutes(5);
    take(
        store,
        caller,
        venue,
        OfflineBatch {
            device: "demo-lipunmyynti-1".into(),
            uses: vec![OfflineUseIn {
                id: format!("demo-offline-{item:08}"),
                item,
                card_code: code,
                adults: Some(1),
                children: Some(0),
                members: vec![],
                recorded_at: format!("{}Z", at.format("%Y-%m-%dT%H:%M:%S")),
            }],
        },
    )
    .await?;
    Ok(())
}
