//! Printing card stock (R-CARD-10): 10 000 cards in one job, with holder
//! keys (each hashed with argon2id) and without, on a register of 200 000
//! cards. Prints the time each job took, the PDF's size, and the process's
//! peak memory during the job (its high-water mark reset before each).
//!
//! `cargo bench -p kaiku-web --bench prints`

use kaiku_app::Caller;
use kaiku_app::cards::prints::{self, PrintInput};
use kaiku_app::i18n::Tr;
use kaiku_core::org::Lang;
use seed::{Seeded, op, peak_mb, reset_peak, seed};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "seed.rs"]
mod seed;

const CARDS: i64 = 10_000;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Seeded {
        db: _db,
        store,
        area,
        ..
    } = seed(0).await;
    let caller = Caller {
        principal: op(),
        label: "bench".into(),
        tr: Tr(Lang::Fi),
    };
    let series = kaiku_app::cards::list_series(&store, &caller, area)
        .await
        .unwrap()[0]
        .id;
    for keys in [false, true] {
        // The high-water mark starts again from what is resident now.
        reset_peak();
        let before = peak_mb();
        let start = Instant::now();
        let input = PrintInput {
            first: Some(1),
            last: Some(CARDS),
            holder_keys: keys,
            csrf: None,
        };
        let job = prints::start(&store, &caller, series, &input, "oma-kortti".into())
            .await
            .unwrap();
        loop {
            let now = prints::get(&store, &caller, job.id).await.unwrap();
            if now.status != "running" {
                assert_eq!(now.status, "done");
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let took = start.elapsed();
        let (_, pdf) = prints::pdf(&store, &caller, job.id, true).await.unwrap();
        println!(
            "{CARDS} cards {:<16} {:>6.1} s  PDF {:>5.1} MB  peak memory {:.0} MB (before the job {before:.0} MB)",
            if keys {
                "with holder keys"
            } else {
                "without keys"
            },
            took.as_secs_f64(),
            pdf.len() as f64 / 1e6,
            peak_mb(),
        );
    }
}
