//! `kaiku import usage|issuance FILE`: a sheet checked and written from the
//! command line, for an operator taking in a large backlog. The
//! same checks and the same single transaction as the screens; a progress
//! bar on standard error, the preview as a table on standard output.

use anyhow::{Context, Result, bail};
use kaiku_app::AppError;
use kaiku_app::i18n::Tr;
use kaiku_app::imports::{Checked, Importer, Progress, RowOut, issuance, usage};
use kaiku_core::org::Lang;
use kaiku_core::policy::{Operator, Principal};
use kaiku_store::{Actor, Store};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

/// Beyond this many rows the table lists only the rows not accepted.
const SHOWN_ACCEPTED: usize = 1_000;
/// The largest file read, as the sheet reader bounds what it unpacks.
const MAX_FILE: u64 = 256 * 1024 * 1024;

pub struct Options {
    pub dry_run: bool,
    pub only_accepted: bool,
    pub lang: String,
}

/// The bar on a terminal; a line per step where standard error is a file
/// or a pipe, so that a log shows how far an import came.
fn progress() -> Progress {
    let terminal = std::io::stderr().is_terminal();
    Arc::new(move |phase, done, total| {
        let mut err = std::io::stderr().lock();
        if terminal {
            let width = 30;
            let filled = (done * width).checked_div(total).unwrap_or(width);
            let _ = write!(
                err,
                "\r{phase:<9} [{}{}] {done}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
            if done == total {
                let _ = writeln!(err);
            }
        } else {
            let _ = writeln!(err, "{phase} {done}/{total}");
        }
    })
}

fn read(file: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_FILE {
        bail!(
            "{} is {} MiB; a sheet can be at most {} MiB",
            file.display(),
            size / 1024 / 1024,
            MAX_FILE / 1024 / 1024
        );
    }
    std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
}

fn importer(o: &Options) -> Result<Importer> {
    let lang: Lang = o.lang.parse().ok().context("--lang is fi, sv or en")?;
    Ok(Importer {
        actor: Actor::system("cli"),
        tr: Tr(lang),
        progress: Some(progress()),
    })
}

fn explained(e: AppError, tr: &Tr) -> anyhow::Error {
    anyhow::anyhow!("{}", e.message(tr))
}

/// Prints the preview; true when something is to be written.
fn table<T>(c: &Checked<T>, tr: &Tr, o: &Options) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    let all = c.rows.len() <= SHOWN_ACCEPTED;
    writeln!(
        out,
        "{:>7}  {:<9}  {}",
        tr.t("import-row-number"),
        tr.t("use-state"),
        tr.t("import-reason")
    )?;
    for RowOut {
        row,
        status,
        reason,
        ..
    } in c.rows.iter().filter(|r| all || r.status != "accepted")
    {
        let shown = match *status {
            "accepted" => tr.t("import-accepted"),
            "duplicate" => tr.t("import-duplicate"),
            _ => tr.t("import-refused"),
        };
        writeln!(
            out,
            "{row:>7}  {shown:<9}  {}",
            reason.as_deref().unwrap_or("")
        )?;
    }
    for n in &c.notes {
        writeln!(out, "{n}")?;
    }
    writeln!(
        out,
        "{}",
        tr.t_args(
            "import-summary",
            &[
                ("accepted", c.accepted().to_string()),
                ("refused", c.refused().to_string()),
                ("duplicates", c.duplicates().to_string()),
            ]
        )
    )?;
    if o.dry_run {
        writeln!(out, "--dry-run: nothing was written.")?;
        return Ok(false);
    }
    if c.refused() > 0 && !o.only_accepted {
        if c.accepted() == 0 {
            bail!(
                "{} rows are refused and nothing was written: fix them and import the sheet again",
                c.refused()
            );
        }
        bail!(
            "{} rows are refused and nothing was written: fix them, or pass --only-accepted to write the {} accepted rows",
            c.refused(),
            c.accepted()
        );
    }
    if c.accepted() == 0 {
        writeln!(out, "Nothing to write.")?;
        return Ok(false);
    }
    Ok(true)
}

pub async fn usage(
    store: &Store,
    op: &Operator,
    file: &Path,
    venue: i64,
    o: &Options,
) -> Result<()> {
    let who = importer(o)?;
    let scope = usage::UsageScope::of(store, &Principal::operator(op), venue)
        .await
        .map_err(|_| anyhow::anyhow!("there is no venue {venue}"))?;
    let checked = usage::check(store, &scope, &who, read(file)?)
        .await
        .map_err(|e| explained(e, &who.tr))?;
    if !table(&checked, &who.tr, o)? {
        return Ok(());
    }
    let done = usage::write(store, scope, checked.ready, None, &who)
        .await
        .map_err(|e| explained(e, &who.tr))?;
    println!(
        "{} ({} events or courses added from the sheet)",
        who.tr.t1("import-recorded", "count", done.recorded),
        done.items_created.unwrap_or(0)
    );
    Ok(())
}

pub async fn issuance(
    store: &Store,
    op: &Operator,
    file: &Path,
    point: i64,
    confirmed_16: bool,
    o: &Options,
) -> Result<()> {
    let who = importer(o)?;
    let scope = issuance::IssuanceScope::of(store, &Principal::operator(op), point)
        .await
        .map_err(|_| anyhow::anyhow!("there is no distribution point {point}"))?;
    let checked = issuance::check(store, &scope, &who, confirmed_16, read(file)?)
        .await
        .map_err(|e| explained(e, &who.tr))?;
    if !table(&checked, &who.tr, o)? {
        return Ok(());
    }
    let done = issuance::write(store, scope, checked.ready, None, &who)
        .await
        .map_err(|e| explained(e, &who.tr))?;
    println!(
        "{}",
        who.tr
            .t1("issuance-import-recorded", "count", done.recorded)
    );
    Ok(())
}
