//! The worst uploads within the limits: what one request may cost. Each
//! sheet is as large as an upload may be (16 MiB) and is previewed through
//! the same function as the import screen, the API and `kaiku import`; the
//! CPU time and the peak memory of the process are read from /proc.
//! Goal: under 2 s of CPU and under 200 MB each.
//!
//! `cargo bench -p kaiku-web --bench uploads`

#[allow(dead_code)]
#[path = "seed.rs"]
mod seed;

use kaiku_app::i18n::Tr;
use kaiku_app::imports::{Importer, usage};
use kaiku_core::org::Lang;
use kaiku_core::policy;
use kaiku_store::venues::{self, VenueFields};
use kaiku_store::{Actor, now};
use seed::{Seeded, peak_mb, reset_peak, seed};

const LIMIT: usize = 16 * 1024 * 1024;
const HEAD: &str = "Kortin koodi;Aikuiset;Lapset;Tapahtuma;Päivämäärä";

/// User and system CPU time of this process so far, in seconds.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split(' ').collect();
    let ticks = f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap();
    ticks / 100.0
}

fn sheets() -> Vec<(&'static str, Vec<u8>)> {
    let mut wide = format!("{HEAD}\r\nE1;1;0;Konsertti;1.2.2026");
    wide.push_str(&";".repeat(LIMIT - wide.len() - 2));
    wide.push_str("\r\n");
    // As wide as a spreadsheet can be, as many rows as fit.
    let mut widest = format!("{HEAD}\r\n");
    let row = format!("E1;1;0;Konsertti;1.2.2026{}\r\n", ";".repeat(16_000));
    while widest.len() + row.len() < LIMIT {
        widest.push_str(&row);
    }
    let mut long = String::from(HEAD);
    for c in 5..64 {
        long.push_str(&format!(";Muistiinpano {c}"));
    }
    long.push_str("\r\n");
    let cell = "Teatteri Hilla 12.3.2026 klo 19 ".repeat(40);
    let cell = &cell[..1000];
    while long.len() + 64 * 1001 < LIMIT {
        long.push_str(&format!("E1;1;0;{cell};1.2.2026"));
        for _ in 5..64 {
            long.push(';');
            long.push_str(cell);
        }
        long.push_str("\r\n");
    }
    let mut rows = format!("{HEAD}\r\n");
    let mut n = 0;
    while n < kaiku_app::sheet::MAX_ROWS - 1 {
        rows.push_str(&format!("Q{n};1;0;Konsertti {};1.2.2026\r\n", n % 250));
        n += 1;
    }
    vec![
        ("16 MiB of empty columns in one row", wide.into_bytes()),
        ("rows of 16 000 empty columns", widest.into_bytes()),
        ("64 columns of 1000-character cells", long.into_bytes()),
        ("200 000 rows of unknown cards", rows.into_bytes()),
    ]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let Seeded {
        db: _db,
        store,
        area,
        ..
    } = seed(1_000).await;
    let venue = store
        .write(move |c| {
            venues::create(
                c,
                &policy::manage_area(&seed::op(), area).unwrap(),
                &VenueFields::new("Bench hall", kaiku_core::org::Sector::Music),
                now(),
            )
        })
        .await
        .unwrap();
    let scope = usage::UsageScope::of(&store, &seed::op(), venue)
        .await
        .unwrap();
    let who = Importer {
        actor: Actor::system("bench"),
        tr: Tr(Lang::Fi),
        progress: None,
    };
    for (name, bytes) in sheets() {
        let size = bytes.len();
        reset_peak();
        let base = peak_mb();
        let before = cpu();
        let answer = usage::preview_for(&store, &scope, &who, bytes).await;
        let spent = cpu() - before;
        let size_of_answer = match &answer {
            Ok(p) => serde_json::to_vec(p).unwrap().len(),
            Err(_) => 0,
        };
        println!(
            "{name:<38} {:>5.1} MiB: {:>5.2} s CPU, +{:>4.0} MB over the {:.0} MB resident before, answer {:>7} bytes ({}) (goal < 2 s, < 200 MB)",
            size as f64 / 1024.0 / 1024.0,
            spent,
            peak_mb() - base,
            base,
            size_of_answer,
            if answer.is_ok() {
                "previewed"
            } else {
                "refused"
            },
        );
    }
}
