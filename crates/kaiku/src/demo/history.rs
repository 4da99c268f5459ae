//! The register's recent past, written as its people would have: venue
//! reports submitted month by month, each area's statistics for the two
//! last whole years, and a series printed with holder keys, so that every
//! first page and statistics page has something true to show. One venue is
//! left not reporting, as one always is.

use anyhow::Result;
use chrono::Datelike;
use kaiku_app::Caller;
use kaiku_app::cards::prints::{self, PrintInput};
use kaiku_app::i18n::Tr;
use kaiku_core::org::Lang;
use kaiku_core::policy::Operator;
use kaiku_core::report::Period;
use kaiku_store::{Store, areas, venues};

pub(super) async fn seed_history(store: &Store, operator: &Operator) -> Result<()> {
    let caller = Caller::operator(operator, "demo", Tr(Lang::Fi));
    let today = chrono::Utc::now().date_naive();
    let all = store.read(|c| areas::list(c, None)).await?;
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
    if let Some(north) = all.first() {
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
    // The numeric series' first sixteen cards printed with holder keys: the
    // coordinator can download the sheet and try the holder's page.
    if let Some(north) = all.first() {
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
