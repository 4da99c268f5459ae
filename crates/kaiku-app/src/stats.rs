//! Area statistics (R-REP-3) as a coordinator and the national service see
//! them: the area's own coordinator sees every count; anyone outside the
//! area sees background breakdowns with small counts suppressed (R-REP-5).

use super::lists::Lists;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError};
use crate::export::{Cell, Table};
use chrono::{Datelike, NaiveDate};
use kaiku_core::Id;
use kaiku_core::background::List;
use kaiku_core::org::Sector;
use kaiku_core::policy::{self, StatsScope};
use kaiku_core::report::Period;
use kaiku_core::stats::{self, Issuance, Tickets, Use};
use kaiku_core::suppress::{self, Margins, Shown};
use kaiku_store::{areas, points, stats as facts, venues};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::{IntoParams, ToSchema};

/// The threshold of R-REP-5 in force on `day`: national policy data, kept
/// with the cap table (5 unless the national admin sets another).
fn threshold_on(
    c: &mut kaiku_store::DbConn,
    day: NaiveDate,
) -> Result<u64, kaiku_store::StoreError> {
    let versions: Vec<_> = kaiku_store::cap_policies::all(c)?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    Ok(kaiku_core::cap::Policy::in_force(&versions, day)
        .map(|p| u64::from(p.suppression_threshold))
        .unwrap_or(5))
}

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// A calendar year; this year if neither it nor a period is given.
    #[serde(default)]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// A period instead of a year: its first day …
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// … and its last.
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
    /// `json` (the default), `csv` or `xlsx`.
    #[serde(default)]
    pub format: Option<String>,
    /// Set by the screen after a submission, to say so.
    #[serde(default)]
    #[param(ignore)]
    pub submitted: Option<String>,
}

/// A calendar year (`?year=`), or a period (`?from=&to=`); this year by default.
pub fn period(q: &StatsQuery) -> AppResult<Period> {
    if q.from.is_some() || q.to.is_some() {
        return super::reports::period(&super::reports::PeriodQuery {
            from: q.from.clone(),
            to: q.to.clone(),
            format: None,
        });
    }
    let year = match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        None => super::today().year(),
        Some(y) => y
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| {
                AppError::Invalid(vec![FieldError {
                    field: "year",
                    code: "invalid_choice",
                    rule: Some("R-REP-3"),
                    args: vec![],
                }])
            })?,
    };
    let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).expect("date");
    Ok(Period {
        from: d(1, 1),
        to: d(12, 31),
    })
}

/// One line of a breakdown: its key, its label in the reader's language,
/// and its count (a number, or "<5" / "x" where suppressed).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Line {
    pub key: String,
    pub label: String,
    /// A number, or `"<5"` / `"x"` where suppressed (R-REP-5).
    pub count: Value,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketLine {
    pub key: String,
    pub label: String,
    pub adults: u64,
    pub children: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PointLine {
    pub distribution_point: Option<Id>,
    pub name: String,
    pub new: u64,
    pub renewed: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct StatsOut {
    pub area: Id,
    pub area_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// True when small counts are hidden (the reader is outside the area).
    pub suppressed: bool,
    pub issued_new: u64,
    pub renewed: u64,
    pub community_cards: u64,
    pub by_distribution_point: Vec<PointLine>,
    pub by_age_group: Vec<Line>,
    pub by_gender: Vec<Line>,
    pub by_mother_tongue: Vec<Line>,
    pub by_postal_area: Vec<Line>,
    pub by_life_situation: Vec<Line>,
    pub tickets: Tickets,
    pub by_venue: Vec<TicketLine>,
    pub by_sector: Vec<TicketLine>,
    pub by_month: Vec<TicketLine>,
    pub by_category: Vec<TicketLine>,
    pub cards_used: u64,
    pub valid_cards: u64,
    pub valid_cards_used: u64,
    pub share_used_percent: Option<f64>,
}

fn shown(s: Shown, threshold: u64) -> Value {
    match s {
        Shown::Count(n) => n.into(),
        Shown::Small => format!("<{threshold}").into(),
        Shown::Hidden => "x".into(),
    }
}

/// A background breakdown with its total last; suppressed when asked.
fn breakdown(
    counts: &BTreeMap<String, u64>,
    label: impl Fn(&str) -> String,
    total_label: &str,
    with_total: bool,
    // The threshold when the reader is outside the area.
    suppressed: Option<u64>,
) -> Vec<Line> {
    let threshold = suppressed.unwrap_or(0);
    let mut keys: Vec<&String> = counts.keys().collect();
    keys.sort();
    let mut values: Vec<u64> = keys.iter().map(|k| counts[*k]).collect();
    if with_total {
        values.push(values.iter().sum());
    }
    let cells: Vec<Shown> = if suppressed.is_none() {
        values.iter().map(|&n| Shown::Count(n)).collect()
    } else if with_total {
        suppress::suppress_list(&values, threshold)
    } else {
        let column: Vec<Vec<u64>> = values.iter().map(|&n| vec![n]).collect();
        suppress::suppress(
            &column,
            threshold,
            Margins {
                row_totals: false,
                column_totals: false,
            },
        )
        .into_iter()
        .map(|r| r[0])
        .collect()
    };
    let mut out: Vec<Line> = keys
        .iter()
        .zip(&cells)
        .map(|(k, c)| Line {
            key: (*k).clone(),
            label: label(k),
            count: shown(*c, threshold),
        })
        .collect();
    if with_total {
        out.push(Line {
            key: "total".into(),
            label: total_label.into(),
            count: shown(*cells.last().expect("total"), threshold),
        });
    }
    out
}

fn ticket_lines<K: ToString>(
    m: &BTreeMap<K, Tickets>,
    label: impl Fn(&K) -> String,
) -> Vec<TicketLine> {
    m.iter()
        .map(|(k, t)| TicketLine {
            key: k.to_string(),
            label: label(k),
            adults: t.adults,
            children: t.children,
        })
        .collect()
}

/// R-REP-3 for an area and period.
pub async fn area(store: &Store, caller: &Caller, area: Id, period: Period) -> AppResult<StatsOut> {
    let p = caller.principal();
    let scope = policy::area_statistics(p, area)
        .ok_or_else(|| super::outside(policy::report_status(p).is_some()))?;
    store.read(move |c| areas::get(c, area)).await?;
    // Every count in view only for the area's own coordinator (R-REP-5).
    let out = compute(store, &caller.tr, scope, period, !scope.full()).await?;
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "statistics.view",
            record_type: "area",
            record_id: Some(area),
            area: Some(area),
            detail: format!("from={} to={}", period.from, period.to),
        },
    )
    .await?;
    Ok(out)
}

/// The statistics themselves, for a caller already allowed to see them.
async fn compute(
    store: &Store,
    tr: &crate::i18n::Tr,
    scope: StatsScope,
    period: Period,
    suppressed: bool,
) -> AppResult<StatsOut> {
    let area = scope.area();
    let a = store.read(move |c| areas::get(c, area)).await?;
    let (from, to) = (period.from, period.to);
    let (computed, point_names, venue_names, lists, threshold) = store
        .read(move |c| {
            let issuances: Vec<Issuance> = facts::issuances(c, &scope, from, to)?
                .into_iter()
                .map(|r| Issuance {
                    card: r.card_id,
                    point: r.distribution_point_id,
                    renewal: r.event == kaiku_core::card::Event::Renewed,
                    community: r.kind == Some(kaiku_core::card::Kind::Community),
                    grant_year: r.grant_date.map(|d| d.year()).unwrap_or(from.year()),
                    birth_year: r.birth_year,
                    age_group: r.age_group,
                    gender: r.gender,
                    mother_tongue: r.mother_tongue,
                    postal_code: r.postal_code,
                    life_situations: r
                        .life_situations
                        .map(|l| super::split_list(&l))
                        .unwrap_or_default(),
                })
                .collect();
            let sectors: BTreeMap<Id, Sector> = venues::list(c, area)?
                .into_iter()
                .map(|v| (v.id, v.sector))
                .collect();
            let uses: Vec<Use> = facts::uses(c, &scope, from, to)?
                .into_iter()
                .map(|(venue, day, adults, children)| Use {
                    venue,
                    sector: sectors.get(&venue).copied().unwrap_or(Sector::Other),
                    month: day.format("%Y-%m").to_string(),
                    adults: adults.max(0) as u64,
                    children: children.max(0) as u64,
                })
                .collect();
            let used: BTreeSet<Id> = facts::own_cards_used(c, &scope, from, to)?
                .into_iter()
                .collect();
            let valid: BTreeSet<Id> = facts::own_cards_valid(c, &scope, from, to)?
                .into_iter()
                .collect();
            let s = stats::area_stats(&issuances, &uses, &used, &valid);
            let points: BTreeMap<Id, String> = points::list(c, area)?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
            let venues: BTreeMap<Id, String> = venues::list(c, area)?
                .into_iter()
                .map(|v| (v.id, v.name))
                .collect();
            Ok::<_, AppError>((s, points, venues, Lists::load(c)?, threshold_on(c, to)?))
        })
        .await?;
    let s = computed;
    let tr = *tr;
    let suppressed_at = suppressed.then_some(threshold);
    let lang = tr.0;
    let total = tr.t("report-total");
    let not_stated = tr.t("gender-not_stated");
    let named = |list: List| {
        let lists = &lists;
        let not_stated = not_stated.clone();
        move |k: &str| {
            if k == "not_stated" {
                not_stated.clone()
            } else {
                lists.label(list, k, lang)
            }
        }
    };
    Ok(StatsOut {
        area,
        area_name: a.name,
        from,
        to,
        suppressed,
        issued_new: s.issued.new,
        renewed: s.issued.renewed,
        community_cards: s.community_cards,
        by_distribution_point: s
            .by_point
            .iter()
            .map(|(p, n)| PointLine {
                distribution_point: *p,
                name: p
                    .and_then(|p| point_names.get(&p).cloned())
                    .unwrap_or_else(|| "–".into()),
                new: n.new,
                renewed: n.renewed,
            })
            .collect(),
        by_age_group: breakdown(
            &s.by_age,
            |k| {
                if k == "not_stated" {
                    not_stated.clone()
                } else {
                    k.replace('-', "–")
                }
            },
            &total,
            true,
            suppressed_at,
        ),
        by_gender: breakdown(
            &s.by_gender,
            |k| tr.t(&format!("gender-{k}")),
            &total,
            true,
            suppressed_at,
        ),
        by_mother_tongue: breakdown(
            &s.by_mother_tongue,
            named(List::MotherTongue),
            &total,
            true,
            suppressed_at,
        ),
        by_postal_area: breakdown(
            &s.by_postal_area,
            |k| match k {
                "not_stated" => not_stated.clone(),
                "no_permanent_address" => tr.t("postal-kind-no_permanent_address"),
                k => k.to_string(),
            },
            &total,
            true,
            suppressed_at,
        ),
        by_life_situation: breakdown(
            &s.by_life_situation,
            named(List::LifeSituation),
            &total,
            false,
            suppressed_at,
        ),
        tickets: s.tickets,
        by_venue: ticket_lines(&s.by_venue, |v| {
            venue_names.get(v).cloned().unwrap_or_default()
        }),
        by_sector: ticket_lines(&s.by_sector, |k| tr.t(&format!("sector-{k}"))),
        by_month: ticket_lines(&s.by_month, |k| k.to_string()),
        by_category: ticket_lines(&s.by_category, |k| tr.t(&format!("category-{k}"))),
        cards_used: s.cards_used,
        valid_cards: s.valid_cards,
        valid_cards_used: s.valid_cards_used,
        share_used_percent: s.share_used(),
    })
}

/// Every table of the statistics as one sheet: section, line, counts.
pub fn table(s: &StatsOut, tr: &crate::i18n::Tr) -> Table {
    let mut rows = vec![];
    let count = |v: &Value| match v {
        Value::Number(n) => Cell::Number(n.as_i64().unwrap_or(0)),
        Value::String(t) => Cell::Text(t.clone()),
        _ => Cell::Empty,
    };
    let mut section = |name: &str, lines: &[Line]| {
        for l in lines {
            rows.push(vec![
                Cell::Text(tr.t(&format!("stats-{name}"))),
                Cell::Text(l.label.clone()),
                count(&l.count),
                Cell::Empty,
            ]);
        }
    };
    section("by_age_group", &s.by_age_group);
    section("by_gender", &s.by_gender);
    section("by_mother_tongue", &s.by_mother_tongue);
    section("by_postal_area", &s.by_postal_area);
    section("by_life_situation", &s.by_life_situation);
    let mut tickets = |name: &str, lines: &[TicketLine]| {
        for l in lines {
            rows.push(vec![
                Cell::Text(tr.t(&format!("stats-{name}"))),
                Cell::Text(l.label.clone()),
                Cell::Number(l.adults as i64),
                Cell::Number(l.children as i64),
            ]);
        }
    };
    tickets("by_venue", &s.by_venue);
    tickets("by_sector", &s.by_sector);
    tickets("by_month", &s.by_month);
    tickets("by_category", &s.by_category);
    for p in &s.by_distribution_point {
        rows.push(vec![
            Cell::Text(tr.t("stats-by_distribution_point")),
            Cell::Text(p.name.clone()),
            Cell::Number(p.new as i64),
            Cell::Number(p.renewed as i64),
        ]);
    }
    Table {
        title: format!(
            "{} {}–{}",
            s.area_name,
            crate::dates::fi_date(s.from),
            crate::dates::fi_date(s.to)
        ),
        headings: ["section", "line", "value", "value2"]
            .iter()
            .map(|h| tr.t(&format!("stats-col-{h}")))
            .collect(),
        rows,
        totals: vec![
            Cell::Text(tr.t("report-total")),
            Cell::Text(tr.t("stats-tickets")),
            Cell::Number(s.tickets.adults as i64),
            Cell::Number(s.tickets.children as i64),
        ],
        widths: vec![24.0, 32.0, 12.0, 12.0],
    }
}

// ---------- annual submission and national statistics (R-REP-4) ----------

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SubmittedOut {
    pub id: Id,
    pub area: Id,
    pub year: i32,
    pub version: i32,
    pub submitted_at: chrono::NaiveDateTime,
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitYear {
    #[serde(default, deserialize_with = "crate::flex::opt_i32")]
    #[schema(required = true)]
    pub year: Option<i32>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// The coordinator submits the area's statistics of a year to the national
/// service: the full figures are kept as they are now.
pub async fn submit_year(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &SubmitYear,
) -> AppResult<SubmittedOut> {
    let p = caller.principal();
    let scope = policy::submit_statistics(p, area)
        .ok_or_else(|| super::outside(!policy::coordinated_areas(p).is_empty()))?;
    store.read(move |c| areas::get(c, area)).await?;
    let year = i
        .year
        .ok_or_else(|| AppError::field("year", kaiku_core::input::InputError::Required))?;
    let period = period(&StatsQuery {
        year: Some(year.to_string()),
        ..Default::default()
    })?;
    let figures = compute(store, &caller.tr, scope, period, false).await?;
    let content = serde_json::to_string(&figures).map_err(|_| AppError::Internal)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let id = facts::submit(c, &scope, year, &actor.label, &content, kaiku_store::now())?;
            let s = facts::submitted(c, &scope, id)?;
            kaiku_store::audit::record(
                c,
                &actor,
                &kaiku_store::audit::Event {
                    action: "statistics.submit",
                    record_type: "area",
                    record_id: Some(area),
                    area: Some(area),
                    detail: format!("year={year} version={}", s.version),
                },
                kaiku_store::now(),
            )?;
            Ok::<_, AppError>(SubmittedOut {
                id,
                area,
                year,
                version: s.version,
                submitted_at: s.submitted_at,
            })
        })
        .await
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaLine {
    pub area: Id,
    pub name: String,
    /// The version used (submitted figures), or none when the area has not
    /// submitted the year.
    pub version: Option<i32>,
    pub statistics: Option<StatsOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NationalOut {
    pub year: i32,
    /// `submitted`: what the areas submitted; `live`: computed now.
    pub source: &'static str,
    pub areas: Vec<AreaLine>,
    pub total: StatsOut,
}

fn merge_lines(into: &mut Vec<Line>, from: &[Line]) {
    for l in from {
        let n = l.count.as_u64().unwrap_or(0);
        match into.iter_mut().find(|x| x.key == l.key) {
            Some(x) => x.count = (x.count.as_u64().unwrap_or(0) + n).into(),
            None => into.push(l.clone()),
        }
    }
}

fn merge_tickets(into: &mut Vec<TicketLine>, from: &[TicketLine]) {
    for l in from {
        match into.iter_mut().find(|x| x.key == l.key) {
            Some(x) => {
                x.adults += l.adults;
                x.children += l.children;
            }
            None => into.push(l.clone()),
        }
    }
}

/// Suppresses a breakdown of full counts (its total last when it has one).
fn resuppress(lines: &mut [Line], with_total: bool, threshold: u64) {
    let mut values: Vec<u64> = lines
        .iter()
        .map(|l| l.count.as_u64().unwrap_or(0))
        .collect();
    let cells = if with_total {
        // The total is recomputed from the lines, never trusted as merged.
        if let Some(last) = values.last_mut() {
            *last = 0;
        }
        let sum: u64 = values.iter().sum();
        if let Some(last) = values.last_mut() {
            *last = sum;
        }
        suppress::suppress_list(&values, threshold)
    } else {
        values
            .iter()
            .map(|&n| {
                if n > 0 && n < threshold {
                    Shown::Small
                } else {
                    Shown::Count(n)
                }
            })
            .collect()
    };
    for (l, c) in lines.iter_mut().zip(cells) {
        l.count = shown(c, threshold);
    }
}

/// Background breakdowns of figures seen from outside their area.
fn suppress_out(s: &mut StatsOut, threshold: u64) {
    s.suppressed = true;
    for lines in [
        &mut s.by_age_group,
        &mut s.by_gender,
        &mut s.by_mother_tongue,
        &mut s.by_postal_area,
    ] {
        // Keep the total last after merging.
        lines.sort_by_key(|l| l.key == "total");
        resuppress(lines, true, threshold);
    }
    resuppress(&mut s.by_life_situation, false, threshold);
}

/// R-REP-4: the year over all areas and per area, from the areas' submitted
/// statistics, or (`live`) computed now; background breakdowns suppressed,
/// since the national service is outside every area's records.
pub async fn national(
    store: &Store,
    caller: &Caller,
    year: i32,
    live: bool,
) -> AppResult<NationalOut> {
    let national = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let period = period(&StatsQuery {
        year: Some(year.to_string()),
        ..Default::default()
    })?;
    let (all, submitted, threshold) = store
        .read(move |c| {
            Ok::<_, AppError>((
                areas::list(c, None)?,
                facts::latest_of_year(c, &national, year)?,
                threshold_on(c, period.to)?,
            ))
        })
        .await?;
    let mut lines = vec![];
    for a in all {
        let (version, figures) = if live {
            (
                None,
                Some(
                    compute(
                        store,
                        &caller.tr,
                        policy::area_statistics(caller.principal(), a.id)
                            .ok_or(AppError::Forbidden)?,
                        period,
                        false,
                    )
                    .await?,
                ),
            )
        } else {
            match submitted.iter().find(|s| s.area_id == a.id) {
                Some(s) => (
                    Some(s.version),
                    Some(
                        serde_json::from_str::<StatsOut>(&s.content)
                            .map_err(|_| AppError::Internal)?,
                    ),
                ),
                None => (None, None),
            }
        };
        lines.push(AreaLine {
            area: a.id,
            name: a.name,
            version,
            statistics: figures,
        });
    }
    let mut total = StatsOut {
        area: 0,
        area_name: caller.tr.t("stats-whole-country"),
        from: period.from,
        to: period.to,
        suppressed: true,
        issued_new: 0,
        renewed: 0,
        community_cards: 0,
        by_distribution_point: vec![],
        by_age_group: vec![],
        by_gender: vec![],
        by_mother_tongue: vec![],
        by_postal_area: vec![],
        by_life_situation: vec![],
        tickets: Tickets::default(),
        by_venue: vec![],
        by_sector: vec![],
        by_month: vec![],
        by_category: vec![],
        cards_used: 0,
        valid_cards: 0,
        valid_cards_used: 0,
        share_used_percent: None,
    };
    for s in lines.iter().filter_map(|l| l.statistics.as_ref()) {
        total.issued_new += s.issued_new;
        total.renewed += s.renewed;
        total.community_cards += s.community_cards;
        total.tickets.adults += s.tickets.adults;
        total.tickets.children += s.tickets.children;
        total.cards_used += s.cards_used;
        total.valid_cards += s.valid_cards;
        total.valid_cards_used += s.valid_cards_used;
        merge_lines(&mut total.by_age_group, &s.by_age_group);
        merge_lines(&mut total.by_gender, &s.by_gender);
        merge_lines(&mut total.by_mother_tongue, &s.by_mother_tongue);
        merge_lines(&mut total.by_postal_area, &s.by_postal_area);
        merge_lines(&mut total.by_life_situation, &s.by_life_situation);
        merge_tickets(&mut total.by_sector, &s.by_sector);
        merge_tickets(&mut total.by_month, &s.by_month);
        merge_tickets(&mut total.by_category, &s.by_category);
    }
    total.by_month.sort_by(|a, b| a.key.cmp(&b.key));
    total.share_used_percent = (total.valid_cards > 0).then(|| {
        (total.valid_cards_used as f64 * 1000.0 / total.valid_cards as f64).round() / 10.0
    });
    suppress_out(&mut total, threshold);
    for l in &mut lines {
        if let Some(s) = &mut l.statistics {
            suppress_out(s, threshold);
        }
    }
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "statistics.view",
            record_type: "national",
            record_id: None,
            area: None,
            detail: format!(
                "year={year} source={}",
                if live { "live" } else { "submitted" }
            ),
        },
    )
    .await?;
    Ok(NationalOut {
        year,
        source: if live { "live" } else { "submitted" },
        areas: lines,
        total,
    })
}
