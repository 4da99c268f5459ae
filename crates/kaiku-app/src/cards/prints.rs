//! Printing card stock (R-CARD-10): a coordinator prints a range of a
//! series as a PDF, optionally with a holder key on each card (R-HOLD-1).
//! The job runs in the background and keeps its progress in the database,
//! so the page may be closed and any server of the register can answer for
//! it; the cards are read, drawn and their keys hashed a sheet-load at a
//! time.

use super::stock_reach;
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Tr;
use crate::pdf::{self, cards as sheet};
use crate::{Caller, flex};
use chrono::NaiveDateTime;
use kaiku_core::Id;
use kaiku_core::holder;
use kaiku_core::input::InputError;
use kaiku_core::org::Lang;
use kaiku_core::policy::{Reach, Stock};
use kaiku_store::cards::{self, SeriesRow};
use kaiku_store::prints::{self, NewPrint, PrintRow};
use kaiku_store::{Store, areas, audit, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Most cards one job prints.
pub const PRINT_MAX: i64 = 10_000;
/// Cards read, drawn and keyed at a time.
const BATCH: i64 = 200;
/// A running job that has not moved for this long was stopped with its
/// server: it is shown as interrupted and can be started again.
const STALE_SECONDS: i64 = 120;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrintInput {
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub first: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub last: Option<i64>,
    /// Print a holder key on each card, for the holder's own page.
    #[serde(default, deserialize_with = "flex::bool")]
    pub holder_keys: bool,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// A print job and how far it has come.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PrintOut {
    pub id: Id,
    pub series: Id,
    /// `running`, `done`, `failed`, `interrupted` (its server stopped:
    /// print the range again), or `replaced` (its cards were printed with
    /// new keys since, so its keys no longer work).
    pub status: &'static str,
    pub done: i32,
    pub total: i32,
    pub first: i64,
    pub last: i64,
    pub first_code: String,
    pub last_code: String,
    pub holder_keys: bool,
    /// Cards of the range that had a holder key from an earlier print: the
    /// new keys replace those, and the old ones stop working.
    pub replaced_keys: i32,
    /// Whether the PDF can be fetched now: once done, and for a sheet with
    /// holder keys only until it has been downloaded once.
    pub pdf_ready: bool,
    pub created_at: NaiveDateTime,
}

fn print_out(p: &PrintRow, s: &SeriesRow, now: NaiveDateTime) -> PrintOut {
    let series = s.series();
    let status = match p.status.as_str() {
        prints::DONE => "done",
        prints::FAILED => "failed",
        prints::REPLACED => "replaced",
        _ if (now - p.updated_at).num_seconds() > STALE_SECONDS => "interrupted",
        _ => "running",
    };
    PrintOut {
        id: p.id,
        series: p.series_id,
        status,
        done: p.done,
        total: p.total,
        first: p.first_number,
        last: p.last_number,
        first_code: series.code(p.first_number),
        last_code: series.code(p.last_number),
        holder_keys: p.holder_keys,
        replaced_keys: p.replaced_keys,
        pdf_ready: status == "done" && !(p.holder_keys && p.downloaded_at.is_some()),
        created_at: p.created_at,
    }
}

/// How many cards of a range already have a holder key (the print screen
/// warns before it makes new ones).
pub async fn keyed(
    store: &Store,
    caller: &Caller,
    series: Id,
    first: i64,
    last: i64,
) -> AppResult<i64> {
    let reach = stock_reach(caller)?;
    store
        .read(move |c| {
            let s = cards::get_series(c, &reach, series)?;
            Ok(prints::keyed(c, &reach, &s, first, last)?)
        })
        .await
}

/// Starts printing a range of a series; the answer comes at once, the PDF
/// when the job is done. `holder_page` is where the flap sends holders.
pub async fn start(
    store: &Store,
    caller: &Caller,
    series: Id,
    i: &PrintInput,
    holder_page: String,
) -> AppResult<PrintOut> {
    let reach = stock_reach(caller)?;
    let row = {
        let reach = reach.clone();
        store
            .read(move |c| cards::get_series(c, &reach, series))
            .await?
    };
    let mut f = crate::Check::default();
    let first = f.field("first", i.first.ok_or(InputError::Required));
    let last = f.field("last", i.last.ok_or(InputError::Required));
    f.finish()?;
    let range = |field, code| {
        AppError::Invalid(vec![FieldError {
            field,
            code,
            rule: Some("R-CARD-10"),
            args: vec![
                ("first", row.first_number.to_string()),
                ("last", row.last_number.to_string()),
                ("max", PRINT_MAX.to_string()),
            ],
        }])
    };
    if first < row.first_number || first > row.last_number {
        return Err(range("first", "print_range"));
    }
    if last < first || last > row.last_number {
        return Err(range("last", "print_range"));
    }
    if last - first + 1 > PRINT_MAX {
        return Err(range("last", "print_too_many"));
    }
    let keys = i.holder_keys;
    let by = caller.principal().account;
    let actor = caller.actor();
    let (job, area) = {
        let (reach, row) = (reach.clone(), row.clone());
        store
            .write(move |c| {
                let replaced = if keys {
                    prints::keyed(c, &reach, &row, first, last)? as i32
                } else {
                    0
                };
                let at = now();
                let id = prints::create(
                    c,
                    &reach,
                    &row,
                    &NewPrint {
                        first,
                        last,
                        holder_keys: keys,
                        replaced_keys: replaced,
                        by,
                    },
                    at,
                )?;
                audit::record(
                    c,
                    &actor,
                    &audit::Event {
                        action: "cards.print",
                        record_type: "card_series",
                        record_id: Some(row.id),
                        area: Some(row.area_id),
                        detail: format!(
                            "print={id} first={first} last={last} holder_keys={keys} replaced_keys={replaced}"
                        ),
                    },
                    at,
                )?;
                let area = areas::get(c, row.area_id)?;
                Ok::<_, AppError>((prints::get(c, &reach, id)?, area))
            })
            .await?
    };
    let out = print_out(&job, &row, now());
    let texts = sheet::Sheet {
        area: area.name,
        lines: [Lang::Fi, Lang::Sv, Lang::En].map(|l| Tr(l).t("print-card-line")),
        key_heading: [Lang::Fi, Lang::Sv, Lang::En]
            .map(|l| Tr(l).t("print-key-heading"))
            .join(" · "),
        key_help: caller.tr.t1("print-key-help", "address", holder_page),
    };
    let store = store.clone();
    let handle = tokio::runtime::Handle::current();
    let id = job.id;
    tokio::task::spawn_blocking(move || {
        let done = run(&handle, &store, &reach, &row, &job, &texts);
        if let Err(e) = done {
            tracing::error!(print = id, error = %e, "a print job failed");
            let _ = handle.block_on(store.write(move |c| prints::fail(c, &reach, id, now())));
        }
    });
    Ok(out)
}

/// Draws the job's cards sheet by sheet, then writes the PDF and the keys'
/// hashes together.
fn run(
    rt: &tokio::runtime::Handle,
    store: &Store,
    reach: &Reach<Stock>,
    series: &SeriesRow,
    job: &PrintRow,
    texts: &sheet::Sheet,
) -> AppResult<()> {
    let layout = sheet::Layout::new(job.holder_keys);
    let title = format!(
        "Kaikukortti {}–{}",
        series.series().code(job.first_number),
        series.series().code(job.last_number)
    );
    let mut writer = pdf::Writer::new(&title, "fi");
    let mut hashes: Vec<(Id, String)> = vec![];
    let mut from = job.first_number;
    let mut done = 0;
    // Cards left over from a batch that did not fill its last sheet.
    let mut pending: Vec<(String, Option<String>)> = vec![];
    loop {
        let batch = {
            let (reach, series) = (reach.clone(), series.clone());
            let last = job.last_number;
            rt.block_on(
                store.read(move |c| prints::cards_from(c, &reach, &series, from, last, BATCH)),
            )?
        };
        let Some(last_read) = batch.last().map(|(_, number, _)| *number) else {
            break;
        };
        let keys: Vec<Option<String>> = batch
            .iter()
            .map(|_| job.holder_keys.then(|| holder::key_from(rand::random())))
            .collect();
        if job.holder_keys {
            hashes.extend(hash_all(&batch, &keys));
        }
        for ((_, _, code), key) in batch.iter().zip(keys) {
            pending.push((code.clone(), key));
        }
        while pending.len() >= layout.per_page() {
            let rest = pending.split_off(layout.per_page());
            draw(&mut writer, &layout, texts, &pending);
            pending = rest;
        }
        done += batch.len() as i32;
        from = last_read + 1;
        let (reach, id) = (reach.clone(), job.id);
        rt.block_on(store.write(move |c| prints::progress(c, &reach, id, done, now())))?;
        if (batch.len() as i64) < BATCH {
            break;
        }
    }
    if !pending.is_empty() {
        draw(&mut writer, &layout, texts, &pending);
    }
    let bytes = writer.finish().map_err(|e| {
        tracing::error!(error = %e, "PDF");
        AppError::Internal
    })?;
    let (reach, id) = (reach.clone(), job.id);
    rt.block_on(store.write_alone(move |c| prints::finish(c, &reach, id, &bytes, &hashes, now())))?;
    Ok(())
}

fn draw(
    writer: &mut pdf::Writer,
    layout: &sheet::Layout,
    texts: &sheet::Sheet,
    cards: &[(String, Option<String>)],
) {
    let faces: Vec<sheet::Face<'_>> = cards
        .iter()
        .map(|(code, key)| sheet::Face {
            code,
            key: key.as_deref(),
        })
        .collect();
    writer.page(
        pdf::A4_WIDTH,
        pdf::A4_HEIGHT,
        &sheet::sheet(layout, texts, &faces),
    );
}

/// Each key's slow hash, on both cores.
fn hash_all(batch: &[(Id, i64, String)], keys: &[Option<String>]) -> Vec<(Id, String)> {
    let pairs: Vec<(Id, &str)> = batch
        .iter()
        .zip(keys)
        .filter_map(|((id, _, _), k)| k.as_deref().map(|k| (*id, k)))
        .collect();
    let half = pairs.len().div_ceil(2);
    std::thread::scope(|s| {
        let parts: Vec<_> = pairs
            .chunks(half.max(1))
            .map(|part| {
                s.spawn(move || {
                    let mut scratch = holder::Scratch::default();
                    part.iter()
                        .map(|(id, k)| (*id, holder::hash_in(&mut scratch, k, rand::random())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().expect("hashing does not panic"))
            .collect()
    })
}

/// A job as it stands.
pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<PrintOut> {
    let reach = stock_reach(caller)?;
    store
        .read(move |c| {
            let p = prints::get(c, &reach, id)?;
            let s = cards::get_series(c, &reach, p.series_id)?;
            Ok(print_out(&p, &s, now()))
        })
        .await
}

/// The latest jobs of a series.
pub async fn of_series(store: &Store, caller: &Caller, series: Id) -> AppResult<Vec<PrintOut>> {
    let reach = stock_reach(caller)?;
    store
        .read(move |c| {
            let s = cards::get_series(c, &reach, series)?;
            let at = now();
            Ok(prints::of_series(c, &reach, &s)?
                .iter()
                .map(|p| print_out(p, &s, at))
                .collect())
        })
        .await
}

/// The finished PDF and the file name it is offered under; a job still
/// running (or failed, or replaced) has none. `take` is false for a HEAD
/// request: it answers as a download would, and uses nothing up.
pub async fn pdf(
    store: &Store,
    caller: &Caller,
    id: Id,
    take: bool,
) -> AppResult<(String, Vec<u8>)> {
    let reach = stock_reach(caller)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let p = prints::get(c, &reach, id)?;
            let s = cards::get_series(c, &reach, p.series_id)?;
            let gone = || {
                AppError::Conflict(if p.status == prints::REPLACED {
                    "print_replaced"
                } else if p.holder_keys && p.downloaded_at.is_some() {
                    "print_keys_gone"
                } else {
                    "print_not_ready"
                })
            };
            let series = s.series();
            let name = format!(
                "kaikukortit-{}-{}.pdf",
                series.code(p.first_number),
                series.code(p.last_number)
            );
            if !take {
                return if prints::has_pdf(c, &reach, id)? {
                    Ok((name, vec![]))
                } else {
                    Err(gone())
                };
            }
            let Some(bytes) = prints::take_pdf(c, &reach, id, now())? else {
                return Err(gone());
            };
            // Whoever fetches a sheet with keys sees the keys: logged.
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "cards.print_download",
                    record_type: "card_series",
                    record_id: Some(s.id),
                    area: Some(s.area_id),
                    detail: format!("print={id}"),
                },
                now(),
            )?;
            Ok((name, bytes))
        })
        .await
}
