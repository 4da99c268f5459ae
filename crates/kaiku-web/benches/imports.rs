//! Issue 7's speed goal: a 100 000-row usage sheet (XLSX, as a venue's own
//! ticketing system would send it) previews in under 5 s and imports in
//! under 10 s on SQLite. The preview and the import go through the same
//! functions as the import screen, the API and `kaiku import`.
//!
//! `cargo bench -p kaiku-web --bench imports`

// Each benchmark uses a part of what the seed offers.
#[allow(dead_code)]
#[path = "seed.rs"]
mod seed;

use kaiku_app::i18n::Tr;
use kaiku_app::imports::{Importer, usage};
use kaiku_core::org::Lang;
use kaiku_core::policy;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{Actor, StoreError, now};
use seed::{Seeded, code, seed};
use std::time::Instant;

const ROWS: usize = 100_000;
const ISSUED: i64 = 120_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Seeded {
        db: _db,
        store,
        area,
        ..
    } = seed(ISSUED).await;
    let venue = store
        .write(move |c| {
            venues::create(
                c,
                &policy::manage_area(&seed::op(), area).unwrap(),
                &VenueFields::new("Bench concert hall", kaiku_core::org::Sector::Music),
                now(),
            )
        })
        .await
        .unwrap();

    // Cards granted 2–299 days ago (seed.rs grants card n on today − n % 500
    // days), two uses each: yesterday and the day before, over 250 events a day.
    let today = chrono::Utc::now().date_naive();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Kortnummer", "Vuxna", "Barn", "Föreställning", "Datum"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("d.m.yyyy");
    let mut row = 1u32;
    'cards: for n in 1..=ISSUED {
        if !(2..300).contains(&(n % 500)) {
            continue;
        }
        for back in [1, 2] {
            ws.write_string(row, 0, code(n)).unwrap();
            ws.write_number(row, 1, 1.0).unwrap();
            ws.write_number(row, 2, (n % 2) as f64).unwrap();
            ws.write_string(row, 3, format!("Konsert {}", n % 250))
                .unwrap();
            ws.write_date_with_format(row, 4, today - chrono::Duration::days(back), &date)
                .unwrap();
            row += 1;
            if row as usize > ROWS {
                break 'cards;
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    println!(
        "usage sheet: {} rows, {:.1} MiB XLSX",
        row - 1,
        bytes.len() as f64 / 1024.0 / 1024.0
    );

    let scope = usage::UsageScope::of(&store, &seed::op(), venue)
        .await
        .unwrap();
    let who = Importer {
        actor: Actor::system("bench"),
        tr: Tr(Lang::Fi),
        progress: None,
    };
    let t = Instant::now();
    let p = usage::preview_for(&store, &scope, &who, bytes)
        .await
        .unwrap();
    let preview = t.elapsed();
    assert_eq!(
        p.accepted,
        ROWS,
        "every row is accepted: {:?}",
        p.rows.iter().find(|r| r.status != "accepted")
    );
    println!(
        "preview  {ROWS} rows: {:>6.2} s  (goal < 5 s)",
        preview.as_secs_f64()
    );

    let t = Instant::now();
    let id = p.id;
    let rows: Vec<usage::UsageRow> = store
        .read(move |c| {
            let reports = policy::venue_reports(&seed::op()).unwrap();
            let reach = kaiku_store::imports::ImportReach {
                usage: Some(&reports),
                issuance: None,
            };
            let imp = kaiku_store::imports::get(c, reach, id)?;
            Ok::<_, StoreError>(serde_json::from_str(&imp.content).unwrap())
        })
        .await
        .unwrap();
    let done = usage::write(&store, scope, rows, Some(id), &who)
        .await
        .unwrap();
    let import = t.elapsed();
    assert_eq!(done.recorded, ROWS);
    println!(
        "import   {ROWS} rows: {:>6.2} s  (goal < 10 s; {} backlog items created)",
        import.as_secs_f64(),
        done.items_created.unwrap_or(0)
    );
}
