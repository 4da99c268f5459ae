//! Statistics as a reader outside an area sees them (R-REP-5): whole
//! calendar years, as the areas' coordinators submitted them, every count
//! of persons or cards in the form the publishing step decided when the
//! version was submitted. Each version of an area's year, and each state of
//! the national table (published once every area has submitted the year),
//! is protected against everything published before it, so that neither
//! the tables side by side nor two readings of them give a small count
//! away. Ticket counts are shown exactly.

use super::{Figure, Labels, Period, Section, StatsOut, TicketLine, threshold_on};
use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::lists::Lists;
use chrono::{Datelike, NaiveDate};
use kaiku_core::Id;
use kaiku_core::background::List;
use kaiku_core::disclosure::Shown;
use kaiku_core::policy;
use kaiku_core::release::{self, Figures, Forms, Table};
use kaiku_core::stats::Tickets;
use kaiku_store::releases::{self, NewRelease, Release};
use kaiku_store::stats::{self as facts, Submitted};
use kaiku_store::wellbeing::Question;
use kaiku_store::{DbConn, Store, areas, points};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

fn refused(code: &'static str, kind: RefusalKind) -> AppError {
    AppError::Refused(Refused {
        kind,
        code,
        rule: "R-REP-5",
        args: vec![],
    })
}

/// Outside its area a statistic is given for whole calendar years only.
fn whole_year(period: Period) -> AppResult<i32> {
    let year = period.from.year();
    let whole = NaiveDate::from_ymd_opt(year, 1, 1) == Some(period.from)
        && NaiveDate::from_ymd_opt(year, 12, 31) == Some(period.to);
    if whole {
        Ok(year)
    } else {
        Err(refused(
            "statistics_whole_years_only",
            RefusalKind::BadInput,
        ))
    }
}

/// The counts of persons and cards of a submitted year, by the keys of
/// `kaiku_core::release`.
fn figures(s: &StatsOut) -> Figures {
    let n = |f: &Figure| f.count().unwrap_or(0) as i64;
    let mut f = Figures::new();
    f.insert("new".into(), n(&s.issued_new));
    f.insert("renewed".into(), n(&s.renewed));
    f.insert("community".into(), n(&s.community_cards));
    f.insert(
        "personal".into(),
        n(&s.issued_new) + n(&s.renewed) - n(&s.community_cards),
    );
    for p in &s.by_distribution_point {
        let id = point_key(p.distribution_point);
        f.insert(format!("point:{id}:new"), n(&p.new));
        f.insert(format!("point:{id}:renewed"), n(&p.renewed));
    }
    for section in Section::ALL {
        for l in section.lines(s).iter().filter(|l| l.key != "total") {
            f.insert(format!("{}:{}", section.prefix(), l.key), n(&l.count));
        }
    }
    f.insert("cards_used".into(), n(&s.cards_used));
    f.insert("valid".into(), n(&s.valid_cards));
    f.insert("valid_used".into(), n(&s.valid_cards_used));
    for w in &s.wellbeing {
        let q = w.question;
        for l in &w.answers {
            f.insert(format!("wb:{q}:{}", l.key), n(&l.count));
        }
        let moves = [
            ("compared", &w.compared),
            ("higher", &w.higher),
            ("same", &w.same),
            ("lower", &w.lower),
        ];
        for (m, v) in moves {
            f.insert(format!("wbmove:{q}:{m}"), n(v));
        }
    }
    f
}

/// The well-being questions of a published table, rebuilt from its forms
/// in the reader's language: every question the table lists, in the
/// national order.
fn wellbeing_from_forms(
    forms: &Forms,
    threshold: u64,
    labels: &Labels,
    questions: &[Question],
) -> Vec<super::WellbeingOut> {
    questions
        .iter()
        .filter(|q| forms.contains_key(&format!("wbmove:{}:compared", q.id)))
        .map(|q| {
            let form = |key: String| figure(forms, &key, threshold);
            let moves = ["compared", "higher", "same", "lower"]
                .map(|m| form(format!("wbmove:{}:{m}", q.id)));
            super::wellbeing_out(&labels.tr, q, |a| form(format!("wb:{}:{a}", q.id)), moves)
        })
        .collect()
}

fn point_names(c: &mut DbConn, area: Id) -> AppResult<BTreeMap<Id, String>> {
    Ok(points::list(c, area)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

fn point_key(point: Option<Id>) -> String {
    point.map_or_else(|| "none".into(), |p| p.to_string())
}

/// How a form reads: the number, "<5" or "x".
fn figure(forms: &Forms, key: &str, threshold: u64) -> Figure {
    match forms.get(key) {
        Some(Shown::Count(n)) => Figure::Count(*n),
        Some(Shown::Small | Shown::Few) => Figure::Withheld(format!("<{threshold}")),
        _ => Figure::Withheld("x".into()),
    }
}

/// The share of valid cards used, where both counts are shown.
fn share(valid: &Figure, used: &Figure) -> Option<f64> {
    match (valid.count(), used.count()) {
        (Some(v), Some(u)) if v > 0 => Some((u as f64 * 1000.0 / v as f64).round() / 10.0),
        _ => None,
    }
}

/// The keys a table of `area` lists when it is published: every category
/// of the national lists, every well-being question asked all the year,
/// and every distribution point of the area.
///
/// Decision: a question asked only part of a year is not published for
/// that year (the area's own statistics show it). Its answers count the
/// grants of its weeks, and two such questions (one ending as another
/// begins, or two begun the same day) tie their counts together in ways
/// no table shows; a question asked all year is a breakdown of the
/// personal cards, like age or gender, and is protected as one.
fn keys_of(c: &mut DbConn, lists: &Lists, area: Option<Id>, year: i32) -> AppResult<Vec<String>> {
    let codes = |list| -> Vec<String> { lists.entries(list).map(|o| o.code.clone()).collect() };
    let mut keys = release::categories(&codes(List::MotherTongue), &codes(List::LifeSituation));
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::Internal)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::Internal)?;
    let asked: Vec<(Id, &[&str])> = kaiku_store::wellbeing::list(c)?
        .iter()
        .filter(|q| q.effective_from <= first && q.effective_to.is_none_or(|t| t >= last))
        .map(|q| (q.id, q.scale.options()))
        .collect();
    keys.extend(release::wellbeing_keys(&asked));
    if let Some(area) = area {
        for p in points::list(c, area)? {
            keys.push(format!("point:{}:new", p.id));
            keys.push(format!("point:{}:renewed", p.id));
        }
    }
    Ok(keys)
}

/// A published table's figures as its reader got them: the keys of its
/// forms that the submission has no line for are the zeros it listed.
fn as_published(figures: Figures, forms: &Forms) -> Figures {
    let keys: Vec<String> = forms.keys().cloned().collect();
    release::complete(figures, &keys)
}

/// The lines of the breakdowns and points, rebuilt from the published
/// forms, so that every category the table lists is a line (an empty one
/// reads "<5" like a small one), in the order of the national lists.
fn lines_from_forms(
    s: &mut StatsOut,
    forms: &Forms,
    threshold: u64,
    labels: &Labels,
    order: &[String],
    point_names: &BTreeMap<Id, String>,
) {
    let form = |key: &str| figure(forms, key, threshold);
    let position = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
    for section in Section::ALL {
        let prefix = format!("{}:", section.prefix());
        let mut keys: Vec<&String> = forms.keys().filter(|k| k.starts_with(&prefix)).collect();
        keys.sort_by_key(|k| (position(k), k.to_string()));
        let lines = section.lines_mut(s);
        lines.clear();
        for k in keys {
            let key = &k[prefix.len()..];
            lines.push(super::Line {
                key: key.to_string(),
                label: labels.of(section, key),
                count: form(k),
            });
        }
        if section != Section::Life && !lines.is_empty() {
            lines.push(super::Line {
                key: "total".into(),
                label: labels.total.clone(),
                count: form("personal"),
            });
        }
    }
    let mut points: Vec<super::PointLine> = vec![];
    for k in forms.keys() {
        let Some(id) = k
            .strip_prefix("point:")
            .and_then(|k| k.strip_suffix(":new"))
        else {
            continue;
        };
        let point = id.parse::<Id>().ok();
        let name = s
            .by_distribution_point
            .iter()
            .find(|p| p.distribution_point == point)
            .map(|p| p.name.clone())
            .or_else(|| point.and_then(|p| point_names.get(&p).cloned()))
            .unwrap_or_else(|| "–".into());
        points.push(super::PointLine {
            distribution_point: point,
            name,
            new: form(k),
            renewed: form(&format!("point:{id}:renewed")),
        });
    }
    points.sort_by(|a, b| a.name.cmp(&b.name));
    s.by_distribution_point = points;
}

/// A submitted year in its published forms, worded for the reader.
fn shown_as(
    mut s: StatsOut,
    forms: &Forms,
    threshold: u64,
    labels: &Labels,
    order: &[String],
    point_names: &BTreeMap<Id, String>,
    questions: &[Question],
) -> StatsOut {
    let form = |key: &str| figure(forms, key, threshold);
    s.suppressed = true;
    // Only what the forms list: a version published before well-being was
    // part of the table shows none, whatever its content holds.
    s.wellbeing = wellbeing_from_forms(forms, threshold, labels, questions);
    s.issued_new = form("new");
    s.renewed = form("renewed");
    s.community_cards = form("community");
    lines_from_forms(&mut s, forms, threshold, labels, order, point_names);
    s.cards_used = form("cards_used");
    s.valid_cards = form("valid");
    s.valid_cards_used = form("valid_used");
    s.share_used_percent = share(&s.valid_cards, &s.valid_cards_used);
    s
}

fn content(s: &Submitted) -> AppResult<StatsOut> {
    serde_json::from_str(&s.content).map_err(|_| AppError::Internal)
}

fn forms_of(r: &Release) -> AppResult<Forms> {
    serde_json::from_str(&r.forms).map_err(|_| AppError::Internal)
}

fn sources_of(r: &Release) -> AppResult<Vec<Id>> {
    serde_json::from_str(&r.sources).map_err(|_| AppError::Internal)
}

/// A release decided, to be stored.
struct Decided {
    area: Option<Id>,
    submission: Option<Id>,
    sources: String,
    threshold: i32,
    forms: String,
}

/// Decides the forms of every submission of the year not yet published, in
/// the order submitted: each against all published before it, with a new
/// state of the national table once every area has submitted the year.
/// Deciding takes a while (a linear program per protected count), so it
/// runs in a read, beside the box offices' writes; the write then stores
/// the releases only if no other publisher stored any meanwhile (else it
/// decides again), so that releases follow one another.
pub(super) async fn publish_pending(store: &Store, caller: &Caller, year: i32) -> AppResult<()> {
    // One deciding at a time in this process: readers who arrive meanwhile
    // wait and then find the year published, rather than each spending
    // both cores on the same linear programs.
    static DECIDING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one = DECIDING.lock().await;
    for _ in 0..5 {
        let Some(publishing) = policy::publishing(caller.principal()) else {
            return Ok(());
        };
        let decided = decide(store, caller, year).await?;
        let Some((seen, decided)) = decided else {
            return Ok(());
        };
        let stored = store
            .write(move |c| {
                releases::lock(c, &publishing)?;
                let now_done: Vec<Id> = releases::of_year(c, &publishing, year)?
                    .iter()
                    .map(|r| r.id)
                    .collect();
                if now_done != seen {
                    return Ok::<_, AppError>(false);
                }
                let now = kaiku_store::now();
                for d in &decided {
                    let new = NewRelease {
                        year,
                        area: d.area,
                        submission: d.submission,
                        sources: &d.sources,
                        threshold: d.threshold,
                        forms: &d.forms,
                    };
                    releases::insert(c, &publishing, &new, now)?;
                }
                Ok(true)
            })
            .await?;
        if stored {
            return Ok(());
        }
    }
    Err(AppError::Internal)
}

/// The releases the year's unpublished submissions get, with the ids of
/// the releases they were decided against; `None` when there are none.
#[allow(clippy::type_complexity)]
async fn decide(
    store: &Store,
    caller: &Caller,
    year: i32,
) -> AppResult<Option<(Vec<Id>, Vec<Decided>)>> {
    let publishing = policy::publishing(caller.principal()).ok_or(AppError::Forbidden)?;
    // The threshold is the national policy in force on the day of
    // publishing, as statistical offices apply today's rules to what they
    // publish today.
    let today = crate::today();
    // What is decided on is read in one read; the deciding itself (a linear
    // program per protected count, minutes for a year of many versions)
    // runs on a blocking thread without holding a connection, so that the
    // box offices and every other reader go on meanwhile.
    let gathered = store
        .read(move |c| {
            let subs = releases::submissions(c, &publishing, year)?;
            let done = releases::of_year(c, &publishing, year)?;
            let released: BTreeSet<Id> = done.iter().filter_map(|r| r.submission_id).collect();
            if subs.iter().all(|s| released.contains(&s.id)) {
                return Ok(None);
            }
            let threshold = threshold_on(c, today)?;
            let areas = areas::list(c, None)?.len();
            let lists = Lists::load(c)?;
            let mut released_forms: BTreeMap<Id, Forms> = BTreeMap::new();
            for r in &done {
                if let Some(sub) = r.submission_id {
                    released_forms.insert(sub, forms_of(r)?);
                }
            }
            let mut figs: BTreeMap<Id, Figures> = BTreeMap::new();
            for s in &subs {
                let f = figures(&content(s)?);
                let f = match released_forms.get(&s.id) {
                    Some(forms) => as_published(f, forms),
                    None => {
                        let keys = keys_of(c, &lists, Some(s.area_id), year)?;
                        // The well-being answers of the questions listed only.
                        let f = f
                            .into_iter()
                            .filter(|(k, _)| {
                                !(k.starts_with("wb:") || k.starts_with("wbmove:"))
                                    || keys.contains(k)
                            })
                            .collect();
                        release::complete(f, &keys)
                    }
                };
                figs.insert(s.id, f);
            }
            Ok::<_, AppError>(Some((subs, done, threshold, areas, figs)))
        })
        .await?;
    let Some((subs, done, threshold, areas, figs)) = gathered else {
        return Ok(None);
    };
    tokio::task::spawn_blocking(move || {
        let seen: Vec<Id> = done.iter().map(|r| r.id).collect();
        let released: BTreeSet<Id> = done.iter().filter_map(|r| r.submission_id).collect();
        let mut decided: Vec<Decided> = vec![];
        let mut tables: Vec<Table> = vec![];
        let mut index: BTreeMap<Id, usize> = BTreeMap::new();
        let mut latest: BTreeMap<Id, Id> = BTreeMap::new();
        let national =
            |sources: &[Id], index: &BTreeMap<Id, usize>| -> AppResult<(Figures, Vec<usize>)> {
                let parts: Vec<&Figures> = sources.iter().filter_map(|s| figs.get(s)).collect();
                let sums = sources
                    .iter()
                    .map(|s| index.get(s).copied().ok_or(AppError::Internal))
                    .collect::<AppResult<Vec<usize>>>()?;
                Ok((release::national(&parts), sums))
            };
        for r in &done {
            let (area, figures, sums) = match (r.submission_id, r.area_id) {
                (Some(sub), Some(area)) => {
                    index.insert(sub, tables.len());
                    latest.insert(area, sub);
                    (
                        Some(area),
                        figs.get(&sub).cloned().ok_or(AppError::Internal)?,
                        vec![],
                    )
                }
                _ => {
                    let (f, sums) = national(&sources_of(r)?, &index)?;
                    (None, f, sums)
                }
            };
            tables.push(Table {
                area,
                figures,
                sums,
                shown: Some(forms_of(r)?),
                threshold: r.threshold as u64,
            });
        }
        let mut national_out = done.iter().any(|r| r.area_id.is_none());
        for sub in subs.iter().filter(|s| !released.contains(&s.id)) {
            let mut batch = tables.clone();
            index.insert(sub.id, batch.len());
            latest.insert(sub.area_id, sub.id);
            batch.push(Table {
                area: Some(sub.area_id),
                figures: figs[&sub.id].clone(),
                sums: vec![],
                shown: None,
                threshold,
            });
            let with_national = national_out || latest.len() >= areas;
            let sources: Vec<Id> = latest.values().copied().collect();
            if with_national {
                let (figures, sums) = national(&sources, &index)?;
                batch.push(Table {
                    area: None,
                    figures,
                    sums,
                    shown: None,
                    threshold,
                });
            }
            let forms = release::publish(&batch, threshold);
            let json = |f: &Forms| serde_json::to_string(f).map_err(|_| AppError::Internal);
            decided.push(Decided {
                area: Some(sub.area_id),
                submission: Some(sub.id),
                sources: "[]".into(),
                threshold: threshold as i32,
                forms: json(&forms[0])?,
            });
            if with_national {
                decided.push(Decided {
                    area: None,
                    submission: None,
                    sources: serde_json::to_string(&sources).map_err(|_| AppError::Internal)?,
                    threshold: threshold as i32,
                    forms: json(&forms[1])?,
                });
                national_out = true;
            }
            let mut forms = forms.into_iter();
            for t in batch.iter_mut().filter(|t| t.shown.is_none()) {
                t.shown = forms.next();
            }
            tables = batch;
        }
        Ok::<_, AppError>(Some((seen, decided)))
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// An area's year as the national level sees it: the latest submitted
/// version, or `version`.
pub(super) async fn area(
    store: &Store,
    caller: &Caller,
    area: Id,
    period: Period,
    version: Option<i32>,
) -> AppResult<StatsOut> {
    let year = whole_year(period)?;
    let national = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    publish_pending(store, caller, year).await?;
    let tr = caller.tr;
    store
        .read(move |c| {
            let subs = facts::of_area_year(c, &national, area, year)?;
            let sub = match version {
                Some(v) => subs.iter().find(|s| s.version == v),
                None => subs.last(),
            }
            .ok_or_else(|| refused("statistics_not_submitted", RefusalKind::Conflict))?;
            let releases = releases::published(c, &national, year)?;
            let r = releases
                .iter()
                .find(|r| r.submission_id == Some(sub.id))
                .ok_or(AppError::Internal)?;
            let lists = Lists::load(c)?;
            let labels = Labels::new(tr, &lists);
            let order = keys_of(c, &lists, None, year)?;
            let names = point_names(c, area)?;
            let forms = forms_of(r)?;
            let threshold = r.threshold as u64;
            let questions = kaiku_store::wellbeing::list(c)?;
            let content = content(sub)?;
            let mut s = shown_as(
                content, &forms, threshold, &labels, &order, &names, &questions,
            );
            s.version = Some(sub.version);
            Ok(s)
        })
        .await
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaLine {
    pub area: Id,
    pub name: String,
    /// The version shown, or none when the area has not submitted the year.
    pub version: Option<i32>,
    pub statistics: Option<StatsOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NationalOut {
    pub year: i32,
    /// Each area's latest submitted version, as published.
    pub areas: Vec<AreaLine>,
    /// The whole country, published once every area has submitted the year.
    pub total: Option<StatsOut>,
    /// The areas that have not submitted the year.
    pub missing: Vec<String>,
}

fn add_tickets(into: &mut Vec<TicketLine>, from: &[TicketLine]) {
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

/// The national table in its published forms, with the tickets of the
/// areas it sums added up exactly.
fn whole_country(
    c: &mut DbConn,
    national: &policy::NationalScope,
    r: &Release,
    year: i32,
    labels: &Labels,
    order: &[String],
    questions: &[Question],
) -> AppResult<StatsOut> {
    let forms = forms_of(r)?;
    let threshold = r.threshold as u64;
    let form = |key: &str| figure(&forms, key, threshold);
    let mut s = StatsOut {
        area: 0,
        area_name: labels.whole_country(),
        from: NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::Internal)?,
        to: NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::Internal)?,
        suppressed: true,
        version: None,
        issued_new: form("new"),
        renewed: form("renewed"),
        community_cards: form("community"),
        by_distribution_point: vec![],
        by_age_group: vec![],
        by_gender: vec![],
        by_mother_tongue: vec![],
        by_postal_area: vec![],
        by_life_situation: vec![],
        tickets: Tickets::default(),
        offline_tickets: Tickets::default(),
        by_venue: vec![],
        by_sector: vec![],
        by_month: vec![],
        by_category: vec![],
        cards_used: form("cards_used"),
        valid_cards: form("valid"),
        valid_cards_used: form("valid_used"),
        share_used_percent: None,
        wellbeing: wellbeing_from_forms(&forms, threshold, labels, questions),
    };
    s.share_used_percent = share(&s.valid_cards, &s.valid_cards_used);
    lines_from_forms(&mut s, &forms, threshold, labels, order, &BTreeMap::new());
    let sources: BTreeSet<Id> = sources_of(r)?.into_iter().collect();
    for a in areas::list(c, None)? {
        for sub in facts::of_area_year(c, national, a.id, year)? {
            if !sources.contains(&sub.id) {
                continue;
            }
            let area = content(&sub)?;
            s.tickets.adults += area.tickets.adults;
            s.tickets.children += area.tickets.children;
            s.offline_tickets.adults += area.offline_tickets.adults;
            s.offline_tickets.children += area.offline_tickets.children;
            add_tickets(&mut s.by_sector, &area.by_sector);
            add_tickets(&mut s.by_month, &area.by_month);
            add_tickets(&mut s.by_category, &area.by_category);
        }
    }
    s.by_month.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(s)
}

/// R-REP-4 under R-REP-5: the year of every area as submitted, and the
/// whole country once every area has submitted it.
pub async fn national(store: &Store, caller: &Caller, year: i32) -> AppResult<NationalOut> {
    let national = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    publish_pending(store, caller, year).await?;
    let tr = caller.tr;
    let out = store
        .read(move |c| {
            let lists = Lists::load(c)?;
            let labels = Labels::new(tr, &lists);
            let releases = releases::published(c, &national, year)?;
            let order = keys_of(c, &lists, None, year)?;
            let questions = kaiku_store::wellbeing::list(c)?;
            let mut lines = vec![];
            let mut missing = vec![];
            for a in areas::list(c, None)? {
                let subs = facts::of_area_year(c, &national, a.id, year)?;
                let shown = match subs.last() {
                    Some(sub) => match releases.iter().find(|r| r.submission_id == Some(sub.id)) {
                        Some(r) => {
                            let names = point_names(c, a.id)?;
                            let forms = forms_of(r)?;
                            let threshold = r.threshold as u64;
                            let content = content(sub)?;
                            let mut s = shown_as(
                                content, &forms, threshold, &labels, &order, &names, &questions,
                            );
                            s.version = Some(sub.version);
                            Some(s)
                        }
                        None => None,
                    },
                    None => {
                        missing.push(a.name.clone());
                        None
                    }
                };
                lines.push(AreaLine {
                    area: a.id,
                    name: a.name,
                    version: subs.last().map(|s| s.version),
                    statistics: shown,
                });
            }
            let total = match releases.iter().rev().find(|r| r.area_id.is_none()) {
                Some(r) => Some(whole_country(
                    c, &national, r, year, &labels, &order, &questions,
                )?),
                None => None,
            };
            Ok::<_, AppError>(NationalOut {
                year,
                areas: lines,
                total,
                missing,
            })
        })
        .await?;
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "statistics.view",
            record_type: "national",
            record_id: None,
            area: None,
            detail: format!("year={year}"),
        },
    )
    .await?;
    Ok(out)
}

/// Whether an area submitted a year, and its tickets by month as published.
pub(crate) type YearSent = (bool, Option<Vec<(String, i64)>>);

/// For a first page: whether an area has submitted the year (`released`:
/// the year's releases, read once for every area), and its
/// tickets by month as published (its latest version with a release; ticket
/// counts are published as they are). `None` months when nothing of the
/// year is published yet.
pub(crate) fn tickets_by_month(
    c: &mut DbConn,
    national: &policy::NationalScope,
    area: Id,
    year: i32,
    released: &[Release],
) -> AppResult<YearSent> {
    let subs = facts::of_area_year(c, national, area, year)?;
    if subs.is_empty() {
        return Ok((false, None));
    }
    // The latest version already released: a newer one waiting to be
    // published does not hide the year.
    let Some(sub) = subs
        .iter()
        .rev()
        .find(|s| released.iter().any(|r| r.submission_id == Some(s.id)))
    else {
        return Ok((true, None));
    };
    let s = content(sub)?;
    Ok((
        true,
        Some(
            s.by_month
                .iter()
                .map(|l| (l.key.clone(), (l.adults + l.children) as i64))
                .collect(),
        ),
    ))
}
