//! Spreadsheets in (issue 7, first part): a venue's usage sheet is checked
//! row by row into a preview that says what would be accepted and why each
//! other row is refused; a confirmation writes every accepted row in one
//! transaction, or nothing. A row imported before is recognised by its
//! content and not recorded twice. A cell that looks like a personal
//! identity code is refused, and never repeated back (R-PRIV-1).

use crate::AppState;
use crate::auth::{Ctx, sha256_hex};
use crate::error::{AppError, AppResult, Refused};
use crate::sheet::{self, SheetError};
use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use kaiku_core::Id;
use kaiku_core::code;
use kaiku_core::identity::contains_identity_code;
use kaiku_core::import::{self, Column, Sheet, parse_day};
use kaiku_core::policy;
use kaiku_core::usage::{self, Ask, ItemView};
use kaiku_core::window;
use kaiku_store::imports;
use kaiku_store::items::{self, ItemFields};
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::{DbConn, areas, audit, cards, now, venues};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Debug, Serialize)]
pub struct RowOut {
    /// The row's number in the sheet (the headings are row 1).
    pub row: usize,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PreviewOut {
    pub id: Id,
    pub accepted: usize,
    pub refused: usize,
    pub duplicates: usize,
    /// Columns not read: those naming a person, and unknown headings.
    pub notes: Vec<String>,
    pub rows: Vec<RowOut>,
}

/// An accepted row, ready to be written.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Ready {
    key: String,
    card: Id,
    adults: i32,
    children: i32,
    title: String,
    day: NaiveDate,
    item: Option<Id>,
}

fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = vec![];
    while n > 0 {
        s.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

fn sheet_error(e: SheetError) -> AppError {
    AppError::Refused(Refused {
        status: StatusCode::BAD_REQUEST,
        code: e.code(),
        rule: "R-USE-6",
        args: vec![],
    })
}

fn item_key(title: &str, day: NaiveDate) -> (String, NaiveDate) {
    (title.trim().to_lowercase(), day)
}

/// Checks a usage sheet for a venue and keeps its accepted rows as a preview.
pub async fn preview_usage(
    st: &AppState,
    ctx: &Ctx,
    venue: Id,
    bytes: Vec<u8>,
) -> AppResult<PreviewOut> {
    let v = st.store.read(move |c| venues::get(c, venue)).await?;
    let scope =
        policy::venue_report(ctx.principal()?, v.area_id, venue).ok_or(AppError::Forbidden)?;
    let rows = sheet::read(&bytes).map_err(sheet_error)?;
    let headings = import::read_headings(Sheet::Usage, &rows[0]);
    let tr = ctx.tr;
    if !headings.missing.is_empty() {
        return Err(AppError::Refused(Refused {
            status: StatusCode::BAD_REQUEST,
            code: "import_missing_columns",
            rule: "R-REP-1",
            args: vec![(
                "columns",
                headings
                    .missing
                    .iter()
                    .map(|c| tr.t(&format!("import-col-{}", c.as_str())))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        }));
    }
    let mut notes: Vec<String> = headings
        .identifying
        .iter()
        .map(|&i| {
            tr.t_args(
                "import-identifying-column",
                &[
                    ("column", letter(i)),
                    ("heading", rows[0][i].chars().take(40).collect()),
                ],
            )
        })
        .collect();
    notes.extend(
        headings
            .unknown
            .iter()
            .map(|&i| tr.t1("import-unknown-column", "column", letter(i))),
    );
    let area = v.area_id;
    let actor = ctx.actor();
    let (out, ready) = st
        .store
        .read(move |c| judge_rows(c, venue, area, &rows, &headings, &tr))
        .await?;
    let accepted = ready.len();
    let refused = out.iter().filter(|r| r.status == "refused").count();
    let duplicates = out.iter().filter(|r| r.status == "duplicate").count();
    let content = serde_json::to_string(&ready).map_err(|_| AppError::Internal)?;
    let id = st
        .store
        .write(move |c| {
            imports::create(
                c,
                "usage",
                scope.area(),
                Some(venue),
                &actor.label,
                accepted as i32,
                refused as i32,
                &content,
                now(),
            )
        })
        .await?;
    Ok(PreviewOut {
        id,
        accepted,
        refused,
        duplicates,
        notes,
        rows: out,
    })
}

fn judge_rows(
    c: &mut DbConn,
    venue: Id,
    area: Id,
    rows: &[Vec<String>],
    headings: &import::Headings,
    tr: &crate::i18n::Tr,
) -> AppResult<(Vec<RowOut>, Vec<Ready>)> {
    let col = |want: Column| {
        headings
            .columns
            .iter()
            .find(|(_, c)| *c == want)
            .map(|(i, _)| *i)
            .unwrap_or(0)
    };
    let (ci, ai, chi, ti, di) = (
        col(Column::CardCode),
        col(Column::Adults),
        col(Column::Children),
        col(Column::Title),
        col(Column::Date),
    );
    let local_only = areas::get(c, area)?.local_only;
    let mut out = vec![];
    let mut ready = vec![];
    let mut seen = HashSet::new();
    // Tickets this sheet takes from each item's cap, and items it will create.
    let mut taken: BTreeMap<(String, NaiveDate), u32> = BTreeMap::new();
    let mut known_items: BTreeMap<(String, NaiveDate), Option<items::Item>> = BTreeMap::new();
    for (n, r) in rows.iter().enumerate().skip(1) {
        let number = n + 1;
        let cell = |i: usize| r.get(i).map(|s| s.trim()).unwrap_or("");
        let refuse = |code: &'static str, reason: String| RowOut {
            row: number,
            status: "refused",
            code: Some(code),
            reason: Some(reason),
        };
        if r.iter().all(|x| x.trim().is_empty()) {
            continue;
        }
        // The totals row of kaiku's own report (and of the model's form).
        if ["yhteensä", "totalt", "total", "summa"].contains(&cell(ci).to_lowercase().as_str()) {
            continue;
        }
        // A personal identity code anywhere in a read column refuses the row.
        if let Some((i, _)) = headings
            .columns
            .iter()
            .find(|(i, _)| contains_identity_code(cell(*i)))
        {
            out.push(refuse(
                "import_identity_code",
                tr.t_args(
                    "import-identity-code",
                    &[("row", number.to_string()), ("column", letter(*i))],
                ),
            ));
            continue;
        }
        let Ok(card_code) = code::normalise(cell(ci)) else {
            out.push(refuse(
                "import_bad_code",
                tr.t1("import-bad-code", "row", number),
            ));
            continue;
        };
        let count = |i: usize| cell(i).parse::<i32>().ok().filter(|n| (0..=40).contains(n));
        let (Some(adults), Some(children)) = (count(ai), count(chi)) else {
            out.push(refuse(
                "import_bad_number",
                tr.t1("import-bad-number", "row", number),
            ));
            continue;
        };
        let title = cell(ti).to_string();
        if title.is_empty() || title.chars().count() > kaiku_core::input::NAME_MAX {
            out.push(refuse(
                "import_bad_title",
                tr.t1("import-bad-title", "row", number),
            ));
            continue;
        }
        let Some(day) = parse_day(cell(di)) else {
            out.push(refuse(
                "import_bad_date",
                tr.t1("import-bad-date", "row", number),
            ));
            continue;
        };
        let key = format!(
            "imp{}",
            &sha256_hex(&format!(
                "{venue}|{card_code}|{}|{day}|{adults}|{children}",
                title.to_lowercase()
            ))[..40]
        );
        if !seen.insert(key.clone()) {
            out.push(RowOut {
                row: number,
                status: "duplicate",
                code: Some("import_duplicate_row"),
                reason: Some(tr.t1("import-duplicate-row", "row", number)),
            });
            continue;
        }
        if imports::imported(c, &key)? {
            out.push(RowOut {
                row: number,
                status: "duplicate",
                code: Some("import_already_imported"),
                reason: Some(tr.t1("import-already-imported", "row", number)),
            });
            continue;
        }
        let Some(card) = cards::find(c, &card_code)? else {
            out.push(refuse(
                "card_unknown",
                tr.t1("import-row", "row", number) + &tr.t("error-card_unknown"),
            ));
            continue;
        };
        let ik = item_key(&title, day);
        if !known_items.contains_key(&ik) {
            let from = window::start_of_day(day).naive_utc();
            let to = window::start_of_day(day + chrono::Duration::days(1)).naive_utc();
            let found = items::for_venue_between(c, venue, from, to, false)?
                .into_iter()
                .find(|i| i.title.trim().to_lowercase() == ik.0);
            known_items.insert(ik.clone(), found);
        }
        let item = known_items[&ik].clone();
        let already = *taken.get(&ik).unwrap_or(&0);
        let view = ItemView {
            area,
            area_local_only: local_only,
            course: item.as_ref().is_some_and(|i| i.kind == "course"),
            excluded: item.as_ref().is_some_and(|i| i.excluded),
            sold_out: false,
            starts_at: window::start_of_day(day) + chrono::Duration::hours(12),
            booking_opens_days_before: None,
            redeem_opens_minutes_before: None,
            cap_left: item
                .as_ref()
                .and_then(|i| i.cap.map(|cap| (cap - i.kaiku_used).max(0) as u32))
                .map(|l| l.saturating_sub(already)),
        };
        let has_ticket = match &item {
            Some(i) => !tickets::with_live_ticket(c, i.id, &[card.id])?.is_empty(),
            None => false,
        };
        let cv = super::tickets::card_view(c, &card, has_ticket)?;
        let ask = Ask {
            adults: adults as u32,
            children: children as u32,
            members: 0,
            channel: "other",
            backlog: true,
            at: Utc::now(),
        };
        let reasons = usage::reasons(&cv, &view, &ask);
        if let Some(r) = reasons.first() {
            out.push(refuse(
                r.code(),
                tr.t1("import-row", "row", number)
                    + &tr.t_args(
                        &format!("error-{}", r.code()),
                        &super::tickets::reason_args(r),
                    ),
            ));
            continue;
        }
        *taken.entry(ik).or_default() += (adults + children) as u32;
        ready.push(Ready {
            key,
            card: card.id,
            adults,
            children,
            title,
            day,
            item: item.map(|i| i.id),
        });
        out.push(RowOut {
            row: number,
            status: "accepted",
            code: None,
            reason: None,
        });
    }
    Ok((out, ready))
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmInput {
    #[serde(default, deserialize_with = "crate::extract::flex::bool")]
    pub only_accepted: bool,
    #[serde(default)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ConfirmOut {
    pub id: Id,
    pub recorded: usize,
    pub items_created: usize,
}

fn conflict(code: &'static str) -> AppError {
    AppError::Refused(Refused {
        status: StatusCode::CONFLICT,
        code,
        rule: "R-USE-6",
        args: vec![],
    })
}

/// Writes a preview's accepted rows, all in one transaction. With refused
/// rows in the sheet, only when asked for explicitly (`only_accepted`).
pub async fn confirm(st: &AppState, ctx: &Ctx, id: Id, i: &ConfirmInput) -> AppResult<ConfirmOut> {
    let imp = st.store.read(move |c| imports::get(c, id)).await?;
    let venue = imp.venue_id.ok_or(AppError::NotFound)?;
    let scope =
        policy::venue_report(ctx.principal()?, imp.area_id, venue).ok_or(AppError::Forbidden)?;
    if imp.refused > 0 && !i.only_accepted {
        return Err(conflict("import_has_refused_rows"));
    }
    let rows: Vec<Ready> = serde_json::from_str(&imp.content).map_err(|_| AppError::Internal)?;
    let actor = ctx.actor();
    st.store
        .write(move |c| {
            if !imports::confirm(c, id)? {
                return Err(conflict("import_confirmed_already"));
            }
            let mut created: BTreeMap<(String, NaiveDate), Id> = BTreeMap::new();
            for r in &rows {
                let item = match r.item {
                    Some(item) => item,
                    None => match created.get(&item_key(&r.title, r.day)) {
                        Some(i) => *i,
                        None => {
                            let start =
                                window::from_local(r.day, 12, 0).ok_or(AppError::Internal)?;
                            let f = ItemFields {
                                kind: "event".into(),
                                title: r.title.clone(),
                                starts_at: start.naive_utc(),
                                capacity: 100_000,
                                class: "default".into(),
                                cap: None,
                                booking_opens_days_before: None,
                                redeem_opens_minutes_before: None,
                                sold_out: false,
                                excluded: false,
                                exclusion_reason: None,
                            };
                            let i = items::create(c, venue, scope.area(), &f, None, now())?;
                            created.insert(item_key(&r.title, r.day), i);
                            i
                        }
                    },
                };
                // What changed since the preview makes the whole import wait
                // for a new preview: nothing is half-written.
                if tickets::take_cap(c, item, r.adults + r.children)?.is_none() {
                    return Err(conflict("import_changed"));
                }
                let t = tickets::insert(
                    c,
                    &NewTicket {
                        item_id: item,
                        card_id: r.card,
                        venue_id: venue,
                        area_id: scope.area(),
                        use_key: r.key.clone(),
                        adults: r.adults,
                        children: r.children,
                        channel: "other".into(),
                        status: "reserved".into(),
                        backlog: true,
                        used_on: r.day,
                        recorded_at: now(),
                    },
                )
                .map_err(|e| match e {
                    kaiku_store::StoreError::Conflict => conflict("import_changed"),
                    e => e.into(),
                })?;
                let start = items::get(c, item)?.starts_at;
                if start <= now() {
                    tickets::redeem(c, t, start)?;
                }
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "import.usage",
                    record_type: "venue",
                    record_id: Some(venue),
                    area: Some(scope.area()),
                    detail: format!(
                        "import={id} rows={} items_created={}",
                        rows.len(),
                        created.len()
                    ),
                },
                now(),
            )?;
            Ok(ConfirmOut {
                id,
                recorded: rows.len(),
                items_created: created.len(),
            })
        })
        .await
}
