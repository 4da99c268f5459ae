//! The `kaiku` command as an operator runs it.

use chrono::Datelike;
use kaiku_core::policy::{self, Operator, Principal};
use kaiku_store::on_both;
use kaiku_store::testing::TestDb;
use kaiku_store::{Store, accounts, areas};

/// The test reads what the command wrote with the operator's authority.
fn op() -> Principal {
    // SAFETY: `unsafe` marks authority, not memory; a test is the operator.
    Principal::operator(&unsafe { Operator::assume() })
}
use std::io::Write;
use std::process::{Command, Stdio};

fn kaiku(db: &TestDb, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args(args)
        .env("KAIKU_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kaiku");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

#[test]
fn help_lists_the_commands() {
    let out = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["serve", "demo", "admin"] {
        assert!(text.contains(cmd), "{text}");
    }
    let serve = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&serve.stdout);
    for flag in [
        "--listen",
        "KAIKU_LISTEN",
        "--database-url",
        "KAIKU_DATABASE_URL",
        "--base-url",
        "--insecure-cookies",
        "--log-format",
    ] {
        assert!(text.contains(flag), "{flag} missing from: {text}");
    }
}

on_both!(
    admin_create_reads_the_password_from_stdin,
    |db: TestDb| async move {
        let out = kaiku(
            &db,
            &["admin", "create", "--username", "Paakayttaja"],
            Some("a strong admin password\n"),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let store = Store::open(&db.url).unwrap();
        let mut c = store.conn().unwrap();
        let a =
            accounts::find_by_username(&mut c, &policy::accounts(&op()).unwrap(), "paakayttaja")
                .unwrap()
                .expect("created lower-case");
        assert_eq!(
            accounts::grants_of(&mut c, &policy::accounts(&op()).unwrap(), a.id).unwrap()[0].grant,
            kaiku_core::grant::Grant::NationalAdmin
        );
        assert!(!a.password_hash.contains("a strong admin password"));
        let again = kaiku(
            &db,
            &["admin", "create", "--username", "paakayttaja"],
            Some("a strong admin password\n"),
        );
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("taken"));
        let short = kaiku(
            &db,
            &["admin", "create", "--username", "toinen"],
            Some("short\n"),
        );
        assert!(!short.status.success());
    }
);

on_both!(
    demo_seeds_idempotently_and_prints_the_logins,
    |db: TestDb| async move {
        let first = kaiku(&db, &["demo", "--seed-only"], None);
        assert!(
            first.status.success(),
            "{}",
            String::from_utf8_lossy(&first.stderr)
        );
        let text = String::from_utf8_lossy(&first.stdout);
        for login in [
            "admin",
            "koordinaattori",
            "jakaja",
            "kassa",
            "kaiku-demo-admin",
            "http://127.0.0.1:8080/login",
        ] {
            assert!(text.contains(login), "{login} missing: {text}");
        }
        let count = || {
            let store = Store::open(&db.url).unwrap();
            let mut c = store.conn().unwrap();
            (
                areas::list(&mut c, None).unwrap().len(),
                accounts::count(&mut c).unwrap(),
            )
        };
        let after_first = count();
        assert_eq!(after_first.0, 2);
        assert_eq!(after_first.1, 5);
        assert!(kaiku(&db, &["demo", "--seed-only"], None).status.success());
        assert_eq!(count(), after_first);
        let trial = {
            let store = Store::open(&db.url).unwrap();
            let mut c = store.conn().unwrap();
            areas::list(&mut c, None)
                .unwrap()
                .into_iter()
                .filter(|a| a.trial_ends.is_some())
                .count()
        };
        assert_eq!(trial, 1, "one demo area is in a trial");
        let store = Store::open(&db.url).unwrap();
        let mut c = store.conn().unwrap();
        let north = areas::list(&mut c, None)
            .unwrap()
            .into_iter()
            .find(|a| a.trial_ends.is_none())
            .unwrap();
        let today = chrono::Utc::now().date_naive();
        let counts: Vec<_> = kaiku_store::cards::counts_by_series(
            &mut c,
            &policy::stock(&op()).unwrap(),
            north.id,
            today,
        )
        .unwrap()
        .into_values()
        .collect();
        let issued: i64 = counts.iter().map(|c| c.issued + c.expired + c.void).sum();
        assert!(issued >= 300, "a few hundred issued cards: {issued}");
        assert!(
            counts.iter().map(|c| c.expired).sum::<i64>() > 20,
            "some expired"
        );
        assert!(counts.iter().map(|c| c.void).sum::<i64>() > 2, "some void");
        assert_eq!(
            kaiku_store::cards::count(&mut c).unwrap(),
            1000 + 200 + 300,
            "seeding twice adds nothing"
        );
        let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let items = kaiku_store::items::list_between(
            &mut c,
            &policy::catalogue(),
            None,
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap(),
            far,
        )
        .unwrap();
        assert_eq!(
            items.len(),
            // Two years and more of past weeks (110), four items a week,
            // today's three and yesterday's matinee.
            8 + 5 + 14 + 7 + 1 + 110 * 4 + 3 + 1,
            "a season across the cap classes, past weeks and today's items, once"
        );
        // A few months of uses: single cards, cards with children, group
        // visits with a community card, cancelled ones; reservations today.
        let mut tickets = vec![];
        for i in &items {
            tickets.extend(
                kaiku_store::tickets::of_item(
                    &mut c,
                    &policy::box_office(&op()).unwrap(),
                    i.id,
                    1000,
                )
                .unwrap(),
            );
        }
        let status = |s: &str| {
            tickets
                .iter()
                .filter(|(t, _)| t.status.as_ref() == s)
                .count()
        };
        assert!(status("redeemed") > 100, "{}", status("redeemed"));
        assert!(status("cancelled") > 0);
        assert!(status("reserved") > 0);
        assert!(tickets.iter().any(|(t, _)| t.children > 0));
        let mut per_use = std::collections::HashMap::<&str, usize>::new();
        for (t, _) in &tickets {
            *per_use.entry(t.use_key.as_str()).or_default() += 1;
        }
        assert!(per_use.values().any(|n| *n > 1), "a group visit");
        let offline: i64 = {
            use diesel::prelude::*;
            use kaiku_store::schema::tickets as t;
            t::table
                .filter(t::offline_mark.is_not_null())
                .count()
                .get_result(&mut *c)
                .unwrap()
        };
        assert_eq!(offline, 1, "a use recorded offline and sent afterwards");
        for i in &items {
            let live: i32 = tickets
                .iter()
                .filter(|(t, _)| t.item_id == i.id && t.status.as_ref() != "cancelled")
                .map(|(t, _)| t.adults + t.children)
                .sum();
            assert_eq!(live, i.kaiku_used, "the cap counter of {}", i.title);
            assert!(i.cap.is_none_or(|cap| live <= cap));
        }
        assert!(
            items
                .iter()
                .any(|i| i.excluded && i.exclusion_reason.is_some()),
            "an excluded touring production"
        );
        assert!(items.iter().any(|i| i.kind.as_ref() == "course"));
        let classes: std::collections::BTreeSet<_> =
            items.iter().map(|i| i.class.as_ref()).collect();
        assert_eq!(classes.len(), 6, "every cap class: {classes:?}");
        // The register's history: both areas' two last whole years
        // submitted, a venue not reporting, a sheet printed with keys, the
        // well-being question asked and answered.
        let national = policy::national(&op()).unwrap();
        for a in areas::list(&mut c, None).unwrap() {
            for year in [today.year() - 2, today.year() - 1] {
                let subs = kaiku_store::stats::of_area_year(&mut c, &national, a.id, year).unwrap();
                assert_eq!(subs.len(), 1, "{} {year} submitted once", a.name);
            }
        }
        let reach = policy::report_status(&op()).unwrap();
        let month = (today.with_day(1).unwrap() - chrono::Duration::days(1))
            .with_day(1)
            .unwrap();
        let reported = kaiku_store::submissions::latest_in_area(
            &mut c,
            &reach,
            north.id,
            month,
            today.with_day(1).unwrap() - chrono::Duration::days(1),
        )
        .unwrap();
        let venues = kaiku_store::venues::list(&mut c, north.id).unwrap();
        assert_eq!(
            reported.len(),
            venues.len() - 1,
            "every venue but one reported last month"
        );
        let series =
            kaiku_store::cards::list_series(&mut c, &policy::stock(&op()).unwrap(), north.id)
                .unwrap();
        let printed: usize = series
            .iter()
            .map(|s| {
                kaiku_store::prints::of_series(&mut c, &policy::stock(&op()).unwrap(), s)
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(printed, 1, "one sheet printed, once");
        let questions = kaiku_store::wellbeing::list(&mut c).unwrap();
        assert_eq!(questions.len(), 1);
    }
);

#[test]
fn a_bad_database_url_is_explained() {
    let out = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args(["--database-url", "mysql://x", "demo", "--seed-only"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sqlite:// or postgres://"));
}

on_both!(
    r_priv_3_anonymise_from_the_command_line_counts_first,
    |db: TestDb| async move {
        let out = kaiku(&db, &["demo", "--seed-only"], None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dry = kaiku(
            &db,
            &["anonymise", "--expired-before", "2000-01-01", "--dry-run"],
            None,
        );
        assert!(
            dry.status.success(),
            "{:?} {} {}",
            dry.status,
            String::from_utf8_lossy(&dry.stdout),
            String::from_utf8_lossy(&dry.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&dry.stdout).trim(),
            "would anonymise 0 cards expired before 2000-01-01 (0 history entries)"
        );
        // Transfer forms typed in late, of cards granted two years ago and
        // long expired.
        let dir = scratch("cli-anonymise");
        let granted = chrono::Utc::now().date_naive() - chrono::Duration::days(2 * 365 + 30);
        let mut forms =
            String::from("Kortin koodi;Myöntämispäivä;Syntymävuosi;Alaikäiset lapset\n");
        for n in 501..=505 {
            forms.push_str(&format!("E{n:04};{granted};1970;0\n"));
        }
        let forms_file = dir.join("old-forms.csv");
        std::fs::write(&forms_file, forms).unwrap();
        let (point, _) = ids(&db);
        let typed = kaiku(
            &db,
            &[
                "import",
                "issuance",
                forms_file.to_str().unwrap(),
                "--point",
                &point,
            ],
            None,
        );
        assert!(typed.status.success(), "{}", text(&typed.stderr));
        let this_year = chrono::Utc::now().date_naive().with_ordinal(1).unwrap();
        let run = kaiku(
            &db,
            &["anonymise", "--expired-before", &this_year.to_string()],
            None,
        );
        assert!(run.status.success());
        let said = String::from_utf8_lossy(&run.stdout).to_string();
        assert!(
            said.starts_with("anonymised ") && !said.starts_with("anonymised 0 "),
            "{said}"
        );
        let bad = kaiku(&db, &["anonymise", "--expired-before", "yesterday"], None);
        assert!(!bad.status.success());
    }
);

/// Transfer forms for the demo area's unallocated stock E0501…, granted a month
/// ago, and a usage sheet of `titles` events on yesterday for each (today on
/// the first of a month: the demo has submitted last month's reports, which
/// closes their days).
fn sheets(
    dir: &std::path::Path,
    cards: std::ops::RangeInclusive<u32>,
    titles: u32,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let today = chrono::Utc::now().date_naive();
    let granted = today - chrono::Duration::days(30);
    let used = if today.day() > 1 {
        today - chrono::Duration::days(1)
    } else {
        today
    };
    let mut forms = String::from("Kortin koodi;Myöntämispäivä;Syntymävuosi;Alaikäiset lapset\n");
    let mut uses = String::from("Kortin koodi;Aikuiset;Lapset;Tapahtuma tai kurssi;Päivämäärä\n");
    for n in cards {
        forms.push_str(&format!("E{n:04};{granted};1970;0\n"));
        for t in 0..titles {
            uses.push_str(&format!("E{n:04};1;0;Jälkikirjattu konsertti {t};{used}\n"));
        }
    }
    let (f, u) = (dir.join("forms.csv"), dir.join("uses.csv"));
    std::fs::write(&f, forms).unwrap();
    std::fs::write(&u, uses).unwrap();
    (f, u)
}

/// A fresh directory of this test run for the sheets it writes.
fn scratch(name: &str) -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "kaiku-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ids(db: &TestDb) -> (String, String) {
    let store = Store::open(&db.url).unwrap();
    let mut c = store.conn().unwrap();
    let north = areas::list(&mut c, None)
        .unwrap()
        .into_iter()
        .find(|a| a.trial_ends.is_none())
        .unwrap()
        .id;
    let point = kaiku_store::points::list(&mut c, north).unwrap()[0].id;
    let venue = kaiku_store::venues::list(&mut c, north).unwrap()[0].id;
    (point.to_string(), venue.to_string())
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

on_both!(
    r_use_6_import_from_the_command_line_shows_the_preview_then_writes,
    |db: TestDb| async move {
        assert!(kaiku(&db, &["demo", "--seed-only"], None).status.success());
        let dir = scratch("cli-import");
        let (forms, uses) = sheets(&dir, 501..=510, 2);
        let (point, venue) = ids(&db);
        let forms = forms.to_str().unwrap();
        let dry = kaiku(
            &db,
            &["import", "issuance", forms, "--point", &point, "--dry-run"],
            None,
        );
        assert!(dry.status.success(), "{}", text(&dry.stderr));
        let said = text(&dry.stdout);
        assert!(
            said.contains("10 rows can be recorded, 0 are refused"),
            "{said}"
        );
        assert!(said.contains("nothing was written"), "{said}");
        assert!(
            text(&dry.stderr).contains("checking 10/10"),
            "progress: {}",
            text(&dry.stderr)
        );
        let run = kaiku(
            &db,
            &[
                "import", "issuance", forms, "--point", &point, "--lang", "fi",
            ],
            None,
        );
        assert!(run.status.success(), "{}", text(&run.stderr));
        assert!(
            text(&run.stdout).contains("10 luovutuslomaketta kirjattiin"),
            "{}",
            text(&run.stdout)
        );
        let again = kaiku(
            &db,
            &["import", "issuance", forms, "--point", &point, "--dry-run"],
            None,
        );
        assert!(
            text(&again.stdout)
                .contains("0 rows can be recorded, 0 are refused, 10 are already in")
        );
        // Uses of those cards; a refused row stops the import unless asked.
        let mut sheet = std::fs::read_to_string(&uses).unwrap();
        sheet.push_str("Z0000;1;0;Konsertti;1.1.2020\n");
        std::fs::write(&uses, sheet).unwrap();
        let uses = uses.to_str().unwrap();
        let stopped = kaiku(&db, &["import", "usage", uses, "--venue", &venue], None);
        assert!(!stopped.status.success());
        assert!(
            text(&stopped.stderr).contains("1 rows are refused and nothing was written"),
            "{}",
            text(&stopped.stderr)
        );
        assert!(
            text(&stopped.stdout).contains("Row 22: There is no card with this code"),
            "{}",
            text(&stopped.stdout)
        );
        // A sheet of refused rows alone fails too; with --only-accepted
        // there is nothing to write.
        let refused = dir.join("refused.csv");
        std::fs::write(
            &refused,
            "Kortin koodi;Aikuiset;Lapset;Tapahtuma tai kurssi;Päivämäärä\nZ0000;1;0;Konsertti;1.1.2020\n",
        )
        .unwrap();
        let refused = refused.to_str().unwrap();
        let all_refused = kaiku(&db, &["import", "usage", refused, "--venue", &venue], None);
        assert!(!all_refused.status.success());
        assert!(
            text(&all_refused.stderr).contains("1 rows are refused and nothing was written"),
            "{}",
            text(&all_refused.stderr)
        );
        let skipped = kaiku(
            &db,
            &[
                "import",
                "usage",
                refused,
                "--venue",
                &venue,
                "--only-accepted",
            ],
            None,
        );
        assert!(skipped.status.success(), "{}", text(&skipped.stderr));
        assert!(
            text(&skipped.stdout).contains("Nothing to write."),
            "{}",
            text(&skipped.stdout)
        );
        let run = kaiku(
            &db,
            &[
                "import",
                "usage",
                uses,
                "--venue",
                &venue,
                "--only-accepted",
            ],
            None,
        );
        assert!(run.status.success(), "{}", text(&run.stderr));
        assert!(
            text(&run.stdout)
                .contains("20 visits were recorded. (2 events or courses added from the sheet)"),
            "{}",
            text(&run.stdout)
        );
        let bad = kaiku(
            &db,
            &["import", "usage", "/nonexistent.csv", "--venue", &venue],
            None,
        );
        assert!(text(&bad.stderr).contains("cannot read /nonexistent.csv"));
        let bad = kaiku(&db, &["import", "usage", forms, "--venue", "999999"], None);
        assert!(
            text(&bad.stderr).contains("there is no venue 999999"),
            "{}",
            text(&bad.stderr)
        );
    }
);

// R-USE-6: an import killed in the middle of writing leaves
// the database as it was, for the whole sheet is one transaction.
on_both!(
    r_use_6_an_import_killed_while_writing_leaves_the_database_as_it_was,
    |db: TestDb| async move {
        use std::io::BufRead;
        assert!(kaiku(&db, &["demo", "--seed-only"], None).status.success());
        let dir = scratch("cli-killed");
        let (forms, uses) = sheets(&dir, 501..=700, 40);
        let (point, venue) = ids(&db);
        let run = kaiku(
            &db,
            &[
                "import",
                "issuance",
                forms.to_str().unwrap(),
                "--point",
                &point,
            ],
            None,
        );
        assert!(run.status.success(), "{}", text(&run.stderr));
        let mut child = Command::new(env!("CARGO_BIN_EXE_kaiku"))
            .args(["import", "usage", uses.to_str().unwrap(), "--venue", &venue])
            .env("KAIKU_DATABASE_URL", &db.url)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let err = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut killed_at = None;
        for line in err.lines() {
            let line = line.unwrap();
            if let Some(progress) = line.strip_prefix("writing ") {
                let (done, total) = progress.split_once('/').unwrap();
                if done != "0" && done != total {
                    child.kill().unwrap();
                    killed_at = Some(line.clone());
                    break;
                }
            }
        }
        let _ = child.wait();
        assert!(
            killed_at.is_some(),
            "the import ended before it could be killed"
        );
        let after = kaiku(
            &db,
            &[
                "import",
                "usage",
                uses.to_str().unwrap(),
                "--venue",
                &venue,
                "--dry-run",
            ],
            None,
        );
        assert!(after.status.success(), "{}", text(&after.stderr));
        assert!(
            text(&after.stdout)
                .contains("8000 rows can be recorded, 0 are refused, 0 are already in"),
            "killed at {killed_at:?}: {}",
            text(&after.stdout).lines().last().unwrap_or("")
        );
    }
);

fn sqlite_db() -> TestDb {
    TestDb::new(kaiku_store::testing::Backend::Sqlite).unwrap()
}

/// The command failed and said `says` on stderr.
fn refused_saying(out: &std::process::Output, says: &str) {
    assert!(!out.status.success(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
}

/// A SQLite register with one national administrator.
fn register_with_an_admin() -> TestDb {
    let db = sqlite_db();
    let out = kaiku(
        &db,
        &["admin", "create", "--username", "root"],
        Some("a strong admin password\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

fn path_of(db: &TestDb) -> std::path::PathBuf {
    db.url.strip_prefix("sqlite://").unwrap().into()
}

#[test]
fn r_ops_1_backup_and_restore_from_the_command_line() {
    let db = sqlite_db();
    let out = kaiku(&db, &["demo", "--seed-only"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let dir = scratch("cli-backup");
    let file = dir.join("register.db");
    let _ = std::fs::remove_file(&file);
    let taken = kaiku(&db, &["backup", file.to_str().unwrap()], None);
    assert!(taken.status.success(), "{}", text(&taken.stderr));
    assert!(text(&taken.stdout).contains("checked"));
    // A backup never overwrites a file.
    refused_saying(
        &kaiku(&db, &["backup", file.to_str().unwrap()], None),
        "exists already",
    );
    // A restore never goes over a register, live or not.
    refused_saying(
        &kaiku(&db, &["restore", file.to_str().unwrap()], None),
        "holds a register already",
    );
    // Into an empty place it brings the same register back.
    let restored = sqlite_db();
    let back = kaiku(&restored, &["restore", file.to_str().unwrap()], None);
    assert!(back.status.success(), "{}", text(&back.stderr));
    let count = |db: &TestDb| {
        let mut c = kaiku_store::testing::connect(&db.url);
        [
            "accounts",
            "cards",
            "card_events",
            "items",
            "tickets",
            "audit_log",
        ]
        .map(|t| {
            #[derive(diesel::QueryableByName)]
            struct N {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                n: i64,
            }
            use diesel::RunQueryDsl;
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {t}"))
                .get_result::<N>(&mut c)
                .unwrap()
                .n
        })
    };
    assert_eq!(count(&restored), count(&db));
    assert!(count(&db)[1] > 0, "the demo has cards");
}

#[test]
fn r_ops_1_a_damaged_or_foreign_file_is_refused_and_changes_nothing() {
    let db = register_with_an_admin();
    let dir = scratch("cli-restore-bad");
    let good = dir.join("good.db");
    let _ = std::fs::remove_file(&good);
    assert!(
        kaiku(&db, &["backup", good.to_str().unwrap()], None)
            .status
            .success()
    );
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let garbage = dir.join("garbage.db");
    std::fs::write(&garbage, b"name;phone\nMatti;0401234567\n").unwrap();
    let foreign = dir.join("foreign.db");
    let _ = std::fs::remove_file(&foreign);
    {
        use diesel::{Connection, RunQueryDsl};
        let mut c = diesel::SqliteConnection::establish(foreign.to_str().unwrap()).unwrap();
        diesel::sql_query("CREATE TABLE notes (body TEXT)")
            .execute(&mut c)
            .unwrap();
    }
    for (file, says) in [
        (&truncated, "damaged"),
        (&garbage, "not a SQLite file"),
        (&foreign, "not a kaiku register"),
    ] {
        let target = sqlite_db();
        let r = kaiku(&target, &["restore", file.to_str().unwrap()], None);
        assert!(!r.status.success(), "{}", file.display());
        let said = text(&r.stderr);
        assert!(said.contains(says), "{}: {said}", file.display());
        assert!(
            !said.contains("Matti"),
            "nothing read from the file is repeated"
        );
        assert!(!path_of(&target).exists(), "nothing is left behind");
    }
    // A backup into a folder that cannot be written fails loudly and
    // leaves the good one as it was.
    let nowhere = dir.join("no-such-folder").join("b.db");
    refused_saying(
        &kaiku(&db, &["backup", nowhere.to_str().unwrap()], None),
        "cannot write",
    );
    assert_eq!(std::fs::read(&good).unwrap(), bytes);
}

#[test]
fn r_ops_1_serve_takes_checked_backups_on_a_schedule() {
    let db = register_with_an_admin();
    let dir = scratch("cli-scheduled");
    for old in ["kaiku-20200101-000000.db", "kaiku-20200102-000000.db"] {
        std::fs::write(dir.join(old), b"an old backup").unwrap();
    }
    let port = 20000 + (std::process::id() % 20000) as u16;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .args([
            "--backup-dir",
            dir.to_str().unwrap(),
            "--backup-every",
            "1h",
            "--backup-keep",
            "2",
        ])
        .env("KAIKU_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut taken = vec![];
    for _ in 0..100 {
        taken = kaiku_store::backup::scheduled(&dir)
            .unwrap()
            .into_iter()
            .filter(|p| !p.to_string_lossy().contains("2020"))
            .collect();
        if !taken.is_empty() && kaiku_store::backup::scheduled(&dir).unwrap().len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(taken.len(), 1, "one backup at start");
    kaiku_store::backup::check(&taken[0]).unwrap();
    let kept = kaiku_store::backup::scheduled(&dir).unwrap();
    assert_eq!(kept.len(), 2, "the oldest beyond two went: {kept:?}");
    assert!(!dir.join("kaiku-20200101-000000.db").exists());
}

/// `curl` as an operator's script would use it: the status and the body.
fn curl(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-s", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl is installed");
    let text = text(&out.stdout);
    let (body, status) = text.rsplit_once('\n').unwrap_or(("", "0"));
    (status.trim().parse().unwrap_or(0), body.to_string())
}

#[test]
fn r_ops_2_metrics_on_their_own_listener_and_a_clean_stop() {
    let db = sqlite_db();
    assert!(kaiku(&db, &["demo", "--seed-only"], None).status.success());
    let port = 20000 + (std::process::id() % 20000) as u16 + 7;
    let (public, private) = (
        format!("http://127.0.0.1:{port}"),
        format!("http://127.0.0.1:{}", port + 1),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args([
            "serve",
            "--insecure-cookies",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["--metrics-listen", &format!("127.0.0.1:{}", port + 1)])
        .args([
            "--backup-dir",
            scratch("cli-metrics-backups").to_str().unwrap(),
        ])
        .env("KAIKU_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut up = false;
    for _ in 0..100 {
        if curl(&[&format!("{public}/health")]).0 == 200 {
            up = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(up, "kaiku serve answered /health");
    let (status, body) = curl(&[&format!("{public}/ready")]);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("ready"));
    assert_eq!(
        curl(&[&format!("{public}/metrics")]).0,
        404,
        "never on the public listener"
    );
    // A box office at work: a code in no register, looked up and recorded.
    let clerk = Clerk::login(&public, "cli-metrics");
    let (jar, items) = (clerk.jar.as_str(), clerk.items(&public));
    let item = items[0]["id"].as_i64().unwrap();
    assert_eq!(
        curl(&["-b", jar, &format!("{public}/api/v1/cards/ZZMARK98")]).0,
        404
    );
    let (status, body) = curl(&[
        "-b",
        jar,
        "-H",
        "content-type: application/json",
        "-d",
        r#"{"card_code":"ZZMARK99"}"#,
        &format!("{public}/api/v1/items/{item}/tickets"),
    ]);
    assert!(status >= 400, "{status} {body}");
    let (status, metrics) = curl(&[&format!("{private}/metrics")]);
    assert_eq!(status, 200);
    for expected in [
        r#"kaiku_http_requests_total{route="/health",method="GET",status="200"}"#,
        r#"route="/api/v1/cards/{code}",method="GET",status="404""#,
        "kaiku_http_request_duration_seconds_bucket",
        r#"kaiku_uses_refused_total{reason="card_unknown"} 1"#,
        "kaiku_db_pool_connections_in_use",
        "kaiku_writer_queue_depth",
        "kaiku_writer_batch_size",
        r#"kaiku_backups_total{outcome="ok"} 1"#,
        "kaiku_backup_newest_age_seconds",
    ] {
        assert!(
            metrics.contains(expected),
            "{expected} missing from:\n{metrics}"
        );
    }
    assert!(
        !metrics.contains("ZZMARK"),
        "no card code or typed text in the metrics"
    );
    // SIGTERM: new connections are refused and the process ends cleanly.
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let mut ended = None;
    for _ in 0..100 {
        if let Some(s) = child.try_wait().unwrap() {
            ended = Some(s);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let Some(status) = ended else {
        let _ = child.kill();
        panic!("kaiku did not stop on SIGTERM");
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(
        curl(&[&format!("{public}/health")]).0,
        0,
        "no longer listening"
    );
}

/// The demo's box-office clerk, signed in with a cookie jar.
struct Clerk {
    jar: String,
    venue: i64,
    area: i64,
}

impl Clerk {
    fn login(base: &str, scratch_name: &str) -> Clerk {
        let jar = scratch(scratch_name).join("cookies");
        let jar = jar.to_str().unwrap().to_string();
        let (status, _) = curl(&[
            "-c",
            &jar,
            "-H",
            "content-type: application/json",
            "-d",
            r#"{"username":"kassa","password":"kaiku-demo-venue"}"#,
            &format!("{base}/api/v1/login"),
        ]);
        assert_eq!(status, 200);
        let me: serde_json::Value =
            serde_json::from_str(&curl(&["-b", &jar, &format!("{base}/api/v1/me")]).1).unwrap();
        Clerk {
            venue: me["grants"][0]["venue"].as_i64().unwrap(),
            area: me["home_area"].as_i64().unwrap(),
            jar,
        }
    }

    /// The offering of the clerk's venue.
    fn items(&self, base: &str) -> serde_json::Value {
        let path = format!("{base}/api/v1/venues/{}/items", self.venue);
        serde_json::from_str(&curl(&["-b", &self.jar, &path]).1).unwrap()
    }
}

/// Serves `db` on a free port until `/health` answers; the child and its
/// address.
fn serve_on(db: &TestDb) -> (std::process::Child, String) {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaiku"))
        .args([
            "serve",
            "--insecure-cookies",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("KAIKU_DATABASE_URL", &db.url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if curl(&[&format!("{base}/health")]).0 == 200 {
            return (child, base);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("kaiku serve did not answer");
}

on_both!(
    r_use_4_an_acknowledged_record_survives_kill_9,
    |db: TestDb| async move {
        assert!(kaiku(&db, &["demo", "--seed-only"], None).status.success());
        let (mut server, base) = serve_on(&db);
        let clerk = Clerk::login(&base, "cli-kill");
        let (jar, area, items) = (clerk.jar.as_str(), clerk.area, clerk.items(&base));
        // Cards of the venue's area that are issued and valid.
        let codes: Vec<String> = {
            let mut c = kaiku_store::testing::connect(&db.url);
            #[derive(diesel::QueryableByName)]
            struct C {
                #[diesel(sql_type = diesel::sql_types::Text)]
                code: String,
            }
            use diesel::RunQueryDsl;
            diesel::sql_query(format!(
                "SELECT code FROM cards WHERE area_id = {area} AND status = 'issued' \
                 AND kind = 'personal' ORDER BY valid_until DESC LIMIT 20"
            ))
            .load::<C>(&mut c)
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect()
        };
        let mut acknowledged = None;
        'found: for item in items
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
        {
            for code in &codes {
                let (status, body) = curl(&[
                    "-b",
                    jar,
                    "-H",
                    "content-type: application/json",
                    "-d",
                    &format!(r#"{{"card_code":"{code}"}}"#),
                    &format!("{base}/api/v1/items/{item}/tickets"),
                ]);
                if status == 201 {
                    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                    acknowledged = Some(v["tickets"][0]["id"].as_i64().unwrap());
                    break 'found;
                }
            }
        }
        let ticket = acknowledged.expect("some demo card records at some demo item");
        // The moment the answer came: the server dies without a word.
        server.kill().unwrap();
        server.wait().unwrap();
        let (mut server, base) = serve_on(&db);
        let (status, body) = curl(&["-b", jar, &format!("{base}/api/v1/tickets/{ticket}")]);
        let _ = server.kill();
        let _ = server.wait();
        assert_eq!(status, 200, "the acknowledged ticket is there: {body}");
    }
);
