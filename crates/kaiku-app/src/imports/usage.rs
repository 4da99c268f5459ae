//! Usage sheets in (R-USE-6, R-REP-1): the columns of the venue report,
//! items matched by title and day or created as backlog items of the venue,
//! each row judged by the box office's own rules (R-USE-1) as a backlog use.

use super::{Checked, ConfirmOut, Importer, Opened, RowOut, Target, conflict, tick};

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::session::sha256_hex;
use chrono::{NaiveDate, Utc};
use kaiku_core::Id;
use kaiku_core::code;
use kaiku_core::import::{Column, Sheet, parse_day};
use kaiku_core::policy::{self, BoxOffice, CardLookup, Offering, Principal, Reach, Reports};
use kaiku_core::usage::{self, Ask, ItemView};
use kaiku_core::window;
use kaiku_store::imports;
use kaiku_store::items::{self, ItemFields};
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::{DbConn, Store, areas, audit, cards, now, venues};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// An accepted row, ready to be written.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UsageRow {
    key: String,
    card: Id,
    adults: i32,
    children: i32,
    title: String,
    day: NaiveDate,
    item: Option<Id>,
}

fn item_key(title: &str, day: NaiveDate) -> (String, NaiveDate) {
    (title.trim().to_lowercase(), day)
}

/// Everything a usage sheet of one venue touches: its reports (and
/// imported sheets), its offering (backlog items are created) and its box
/// office (the tickets), for a caller who holds all three there.
#[derive(Clone)]
pub struct UsageScope {
    venue: Id,
    area: Id,
    reports: Reach<Reports>,
    offering: Reach<Offering>,
    box_office: Reach<BoxOffice>,
    lookup: CardLookup,
}

impl UsageScope {
    /// The scope of `p` over a venue; `NotFound` when the venue is outside
    /// it, `Forbidden` when `p` imports no usage sheets at all.
    pub async fn of(store: &Store, p: &Principal, venue: Id) -> AppResult<UsageScope> {
        let (Some(reports), Some(offering), Some(box_office), Some(lookup)) = (
            policy::venue_reports(p),
            policy::offering(p),
            policy::box_office(p),
            policy::card_lookup(p),
        ) else {
            return Err(AppError::Forbidden);
        };
        let area = store.read(move |c| venues::get(c, venue)).await?.area_id;
        let inside = [
            reports.admits_venue(area, venue),
            offering.admits_venue(area, venue),
            box_office.admits_venue(area, venue),
        ];
        if inside.contains(&false) {
            return Err(AppError::NotFound);
        }
        Ok(UsageScope {
            venue,
            area,
            reports,
            offering,
            box_office,
            lookup,
        })
    }

    pub fn venue(&self) -> Id {
        self.venue
    }

    pub fn area(&self) -> Id {
        self.area
    }

    pub(super) fn reports(&self) -> &Reach<Reports> {
        &self.reports
    }
}

/// Checks a usage sheet for a venue and keeps its accepted rows as a
/// preview to confirm.
pub async fn preview(
    store: &Store,
    caller: &Caller,
    venue: Id,
    bytes: Vec<u8>,
) -> AppResult<super::PreviewOut> {
    let scope = UsageScope::of(store, caller.principal(), venue).await?;
    preview_for(store, &scope, &Importer::of(caller), bytes).await
}

/// Checks a usage sheet and keeps it as a preview.
pub async fn preview_for(
    store: &Store,
    scope: &UsageScope,
    who: &Importer,
    bytes: Vec<u8>,
) -> AppResult<super::PreviewOut> {
    let checked = check(store, scope, who, bytes).await?;
    super::save(store, who, Target::Usage(scope.clone()), checked).await
}

/// Checks a usage sheet for a venue without keeping anything.
pub async fn check(
    store: &Store,
    scope: &UsageScope,
    who: &Importer,
    bytes: Vec<u8>,
) -> AppResult<Checked<UsageRow>> {
    let scope = scope.clone();
    super::check(
        store,
        who,
        Sheet::Usage,
        bytes,
        move |c, opened, tr, progress| judge_rows(c, &scope, opened, tr, progress),
    )
    .await
}

fn judge_rows(
    c: &mut DbConn,
    scope: &UsageScope,
    opened: &Opened,
    tr: &crate::i18n::Tr,
    progress: &Option<super::Progress>,
) -> AppResult<(Vec<RowOut>, Vec<UsageRow>, super::upload::Passes)> {
    let col = |want: Column| opened.col(want).unwrap_or(0);
    let (ci, ai, chi, ti, di) = (
        col(Column::CardCode),
        col(Column::Adults),
        col(Column::Children),
        col(Column::Title),
        col(Column::Date),
    );
    let (venue, area) = (scope.venue, scope.area);
    let local_only = areas::get(c, area)?.local_only;
    let mut out = vec![];
    let mut ready = vec![];
    let mut seen = HashSet::new();
    // Tickets this sheet takes from each item's cap, and items it will create.
    let mut taken: BTreeMap<(String, NaiveDate), u32> = BTreeMap::new();
    let mut known_items: BTreeMap<(String, NaiveDate), Option<items::Item>> = BTreeMap::new();
    let total = opened.rows.len();
    // Every card the sheet names, read in a few queries rather than one a row.
    let mut named: Vec<String> = opened
        .data()
        .filter_map(|(_, r)| code::normalise(r.get(ci).map(|s| s.trim()).unwrap_or("")).ok())
        .collect();
    named.sort_unstable();
    named.dedup();
    let found: HashMap<String, cards::CardRow> = cards::lookup_many(c, &scope.lookup, &named)?
        .into_iter()
        .map(|card| (card.code.clone(), card))
        .collect();
    drop(named);
    let mut settled_days: HashMap<NaiveDate, bool> = HashMap::new();
    for (done, (number, r)) in opened.data().enumerate() {
        tick(progress, "checking", done, total);
        let cell = |i: usize| r.get(i).map(|s| s.trim()).unwrap_or("");
        let refuse = |code: &'static str, reason: String| RowOut::refused(number, code, reason);
        if let Some(refusal) = opened.refusal(number, r, tr) {
            out.push(refusal);
            continue;
        }
        let Ok(card_code) = code::normalise(cell(ci)) else {
            out.push(refuse(
                "import_bad_code",
                tr.t1("import-bad-code", "row", number),
            ));
            continue;
        };
        // The card first: a refused row keeps its code only when the code
        // names a card of the register (what else is in that cell is never
        // kept, R-PRIV-5).
        let Some(card) = found.get(&card_code).cloned() else {
            out.push(refuse(
                "card_unknown",
                tr.t1("import-row", "row", number) + &tr.t("error-card_unknown"),
            ));
            continue;
        };
        let refuse = |code: &'static str, reason: String| refuse(code, reason).found();
        let count = |i: usize| kaiku_core::import::whole(cell(i)).filter(|n| (0..=40).contains(n));
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
        // A day of a submitted report is settled: its uses are recorded one
        // by one as corrections, with a reason (R-REP-2).
        let settled = match settled_days.get(&day) {
            Some(s) => *s,
            None => {
                let s =
                    kaiku_store::submissions::covering(c, &scope.reports, venue, day)?.is_some();
                settled_days.insert(day, s);
                s
            }
        };
        if settled {
            out.push(refuse(
                "import_period_submitted",
                tr.t1("import-row", "row", number) + &tr.t("import-period-submitted"),
            ));
            continue;
        }
        let key = format!(
            "imp{}",
            &sha256_hex(&format!(
                "{venue}|{card_code}|{}|{day}|{adults}|{children}",
                title.to_lowercase()
            ))[..40]
        );
        if !seen.insert(key.clone()) {
            out.push(RowOut::duplicate(
                number,
                "import_duplicate_row",
                tr.t1("import-duplicate-row", "row", number),
            ));
            continue;
        }
        if imports::imported(c, &scope.reports, venue, &key)? {
            out.push(RowOut::duplicate(
                number,
                "import_already_imported",
                tr.t1("import-already-imported", "row", number),
            ));
            continue;
        }
        let ik = item_key(&title, day);
        if !known_items.contains_key(&ik) {
            let from = window::start_of_day(day).naive_utc();
            let to = window::start_of_day(day + chrono::Duration::days(1)).naive_utc();
            let found = items::for_venue_between(c, &scope.offering, venue, from, to, false)?
                .into_iter()
                .find(|i| i.title.trim().to_lowercase() == ik.0);
            known_items.insert(ik.clone(), found);
        }
        let item = known_items[&ik].clone();
        let already = *taken.get(&ik).unwrap_or(&0);
        let view = ItemView {
            area,
            area_local_only: local_only,
            course: item
                .as_ref()
                .is_some_and(|i| i.kind == kaiku_core::usage::ItemKind::Course),
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
            Some(i) => {
                !tickets::with_live_ticket(c, &scope.box_office, i.id, &[card.id])?.is_empty()
            }
            None => false,
        };
        let cv = super::super::tickets::card_view(c, &card, has_ticket)?;
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
                        &super::super::tickets::reason_args(r),
                    ),
            ));
            continue;
        }
        *taken.entry(ik).or_default() += (adults + children) as u32;
        ready.push(UsageRow {
            key,
            card: card.id,
            adults,
            children,
            title,
            day,
            item: item.map(|i| i.id),
        });
        out.push(RowOut::accepted(number));
    }
    tick(progress, "checking", total, total);
    let passes: super::upload::Passes =
        Box::new(|c, v| kaiku_core::import::cell_passes(c, v).unwrap_or(false));
    Ok((out, ready, passes))
}

/// Writes accepted rows of a usage sheet, all in one transaction; with an
/// import id, that preview is marked confirmed in the same transaction.
pub async fn write(
    store: &Store,
    scope: UsageScope,
    rows: Vec<UsageRow>,
    import: Option<Id>,
    who: &Importer,
) -> AppResult<ConfirmOut> {
    let actor = who.actor.clone();
    let progress = who.progress.clone();
    let (venue, area) = (scope.venue, scope.area);
    // Many items' rows, taken in id order, in a transaction of its own.
    store
        .write_alone(move |c| {
            let reach = imports::ImportReach {
                usage: Some(&scope.reports),
                issuance: None,
            };
            if let Some(id) = import
                && !imports::confirm(c, reach, id)?
            {
                return Err(conflict("import_confirmed_already", "R-USE-6"));
            }
            let mut created: BTreeMap<(String, NaiveDate), Id> = BTreeMap::new();
            let mut item_of = Vec::with_capacity(rows.len());
            for r in &rows {
                let item = match r.item {
                    Some(item) => item,
                    None => match created.get(&item_key(&r.title, r.day)) {
                        Some(i) => *i,
                        None => {
                            let start =
                                window::from_local(r.day, 12, 0).ok_or(AppError::Internal)?;
                            let f = ItemFields {
                                kind: kaiku_core::usage::ItemKind::Event,
                                title: r.title.clone(),
                                starts_at: start.naive_utc(),
                                capacity: 100_000,
                                class: kaiku_core::cap::Class::Default,
                                cap: None,
                                booking_opens_days_before: None,
                                redeem_opens_minutes_before: None,
                                sold_out: false,
                                excluded: false,
                                exclusion_reason: None,
                            };
                            let i = items::create(c, &scope.offering, venue, &f, None, now())?;
                            items::unlist(c, &scope.offering, i)?;
                            created.insert(item_key(&r.title, r.day), i);
                            i
                        }
                    },
                };
                item_of.push(item);
            }
            // Each item's cap is taken once for all its rows. What changed
            // since the preview makes the whole import wait for a new
            // preview: nothing is half-written.
            let mut per_item: BTreeMap<Id, i32> = BTreeMap::new();
            for (r, item) in rows.iter().zip(&item_of) {
                *per_item.entry(*item).or_default() += r.adults + r.children;
            }
            let mut starts = BTreeMap::new();
            for (item, n) in &per_item {
                if tickets::take_cap(c, &scope.box_office, *item, *n)?.is_none() {
                    return Err(conflict("import_changed", "R-USE-6"));
                }
                starts.insert(*item, items::get(c, &scope.box_office, *item)?.starts_at);
            }
            let at = now();
            let new: Vec<(NewTicket, Option<chrono::NaiveDateTime>)> = rows
                .iter()
                .zip(&item_of)
                .map(|(r, item)| {
                    let (status, redeemed) =
                        usage::backlog_state(starts[item].and_utc(), at.and_utc());
                    let redeemed = redeemed.map(|t| t.naive_utc());
                    let t = NewTicket {
                        item_id: *item,
                        card_id: r.card,
                        venue_id: venue,
                        area_id: area,
                        use_key: r.key.clone(),
                        adults: r.adults,
                        children: r.children,
                        channel: kaiku_core::org::SalesChannel::Other,
                        status,
                        backlog: usage::from_paper(true, starts[item].and_utc(), at.and_utc()),
                        used_on: r.day,
                        recorded_at: at,
                    };
                    (t, redeemed)
                })
                .collect();
            let total = new.len();
            tickets::insert_many(c, &scope.box_office, &new, |n| {
                tick(&progress, "writing", n, total)
            })
            .map_err(|e| match e {
                kaiku_store::StoreError::Conflict => conflict("import_changed", "R-USE-6"),
                e => e.into(),
            })?;
            tick(&progress, "writing", total, total);
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "import.usage",
                    record_type: "venue",
                    record_id: Some(venue),
                    area: Some(area),
                    detail: format!(
                        "import={} rows={} items_created={}",
                        import
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| "cli".into()),
                        rows.len(),
                        created.len()
                    ),
                },
                now(),
            )?;
            Ok(ConfirmOut {
                id: import.unwrap_or(0),
                kind: "usage",
                recorded: rows.len(),
                items_created: Some(created.len()),
                renewals: None,
            })
        })
        .await
}
