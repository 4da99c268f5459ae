//! Area statistics (R-REP-3) as a coordinator and the national service see
//! them: the area's own coordinator sees every count, for any period, live;
//! a reader outside the area sees whole calendar years only, as submitted,
//! in the forms the publishing step decided (R-REP-5, [`published`]).

pub(crate) mod published;

pub use published::{AreaLine, NationalOut, national};

use super::lists::Lists;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError, RefusalKind, Refused};
use crate::export::{Cell, Table};
use chrono::{Datelike, NaiveDate};
use kaiku_core::Id;
use kaiku_core::background::List;
use kaiku_core::org::Sector;
use kaiku_core::policy::{self, StatsScope};
use kaiku_core::report::Period;
use kaiku_core::stats::{self, Issuance, Tickets, Use};
use kaiku_store::{areas, points, stats as facts, venues};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use utoipa::{IntoParams, ToSchema};

/// The threshold of R-REP-5 in force on `day`: national policy data, kept
/// with the cap table (5 unless the national admin sets another).
use kaiku_core::cap::SUPPRESSION_MIN;

fn threshold_on(
    c: &mut kaiku_store::DbConn,
    day: NaiveDate,
) -> Result<u64, kaiku_store::StoreError> {
    let versions: Vec<_> = kaiku_store::cap_policies::all(c)?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    Ok(kaiku_core::cap::Policy::in_force(&versions, day)
        .map_or(SUPPRESSION_MIN, |p| {
            p.suppression_threshold.max(SUPPRESSION_MIN)
        })
        .into())
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
    /// Outside the area: an earlier submitted version of the year (the
    /// latest by default).
    #[serde(default)]
    #[param(value_type = Option<i32>)]
    pub version: Option<String>,
    /// Set by the screen after a submission, to say so.
    #[serde(default)]
    #[param(ignore)]
    pub submitted: Option<String>,
}

/// The submitted version asked for (`?version=`), if any.
pub fn version(q: &StatsQuery) -> AppResult<Option<i32>> {
    match q
        .version
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => Ok(None),
        Some(v) => v
            .parse::<i32>()
            .ok()
            .filter(|v| *v > 0)
            .map(Some)
            .ok_or_else(|| {
                AppError::field("version", kaiku_core::input::InputError::InvalidChoice)
            }),
    }
}

/// Live figures are for the area's own coordinator (R-REP-5).
pub fn live_inside_area_only() -> AppError {
    AppError::Refused(crate::error::Refused {
        kind: crate::error::RefusalKind::BadInput,
        code: "statistics_live_inside_area_only",
        rule: "R-REP-5",
        args: vec![],
    })
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

/// A count of persons or cards: a number, or for a reader outside the area
/// `"<5"` (1 to 4) or `"x"` (hidden so that a small count cannot be worked
/// out from the others, R-REP-5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Figure {
    Count(u64),
    Withheld(String),
}

impl Figure {
    /// The number, when it is shown.
    pub fn count(&self) -> Option<u64> {
        match self {
            Figure::Count(n) => Some(*n),
            Figure::Withheld(_) => None,
        }
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Figure::Count(n) => write!(f, "{n}"),
            Figure::Withheld(s) => f.write_str(s),
        }
    }
}

/// One line of a breakdown: its key, its label in the reader's language,
/// and its count.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Line {
    pub key: String,
    pub label: String,
    pub count: Figure,
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
    pub new: Figure,
    pub renewed: Figure,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct StatsOut {
    pub area: Id,
    pub area_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// True when small counts are hidden (the reader is outside the area).
    pub suppressed: bool,
    /// The submitted version shown to a reader outside the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
    pub issued_new: Figure,
    pub renewed: Figure,
    pub community_cards: Figure,
    pub by_distribution_point: Vec<PointLine>,
    pub by_age_group: Vec<Line>,
    pub by_gender: Vec<Line>,
    pub by_mother_tongue: Vec<Line>,
    pub by_postal_area: Vec<Line>,
    pub by_life_situation: Vec<Line>,
    pub tickets: Tickets,
    /// Of `tickets`, those a box office recorded without a connection
    /// (R-OFF-3), counted with their real day; left out when there are none.
    #[serde(default, skip_serializing_if = "Tickets::is_none")]
    pub offline_tickets: Tickets,
    pub by_venue: Vec<TicketLine>,
    pub by_sector: Vec<TicketLine>,
    pub by_month: Vec<TicketLine>,
    pub by_category: Vec<TicketLine>,
    pub cards_used: Figure,
    pub valid_cards: Figure,
    pub valid_cards_used: Figure,
    pub share_used_percent: Option<f64>,
    /// The well-being questions' answers at the period's grants, and their
    /// change from a card's earlier answer to its renewal (R-WELL-1);
    /// outside the area in their published forms, as every count of persons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wellbeing: Vec<WellbeingOut>,
}

/// One well-being question over a period.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct WellbeingOut {
    pub question: Id,
    pub text: String,
    /// Each answer with how many grants gave it, "did not answer" last.
    pub answers: Vec<Line>,
    /// Renewals of cards that had answered before, and how the answer moved.
    pub compared: Figure,
    pub higher: Figure,
    pub same: Figure,
    pub lower: Figure,
}

/// The breakdowns of persons by background data (R-REP-3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Age,
    Gender,
    Tongue,
    Postal,
    Life,
}

impl Section {
    pub(crate) const ALL: [Section; 5] = [
        Section::Age,
        Section::Gender,
        Section::Tongue,
        Section::Postal,
        Section::Life,
    ];

    /// The prefix of its keys in a published table.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Section::Age => "age",
            Section::Gender => "gender",
            Section::Tongue => "tongue",
            Section::Postal => "postal",
            Section::Life => "life",
        }
    }

    pub(crate) fn lines(self, s: &StatsOut) -> &Vec<Line> {
        match self {
            Section::Age => &s.by_age_group,
            Section::Gender => &s.by_gender,
            Section::Tongue => &s.by_mother_tongue,
            Section::Postal => &s.by_postal_area,
            Section::Life => &s.by_life_situation,
        }
    }

    pub(crate) fn lines_mut(self, s: &mut StatsOut) -> &mut Vec<Line> {
        match self {
            Section::Age => &mut s.by_age_group,
            Section::Gender => &mut s.by_gender,
            Section::Tongue => &mut s.by_mother_tongue,
            Section::Postal => &mut s.by_postal_area,
            Section::Life => &mut s.by_life_situation,
        }
    }
}

/// The words for the lines of the breakdowns, in the reader's language.
pub(crate) struct Labels<'a> {
    tr: crate::i18n::Tr,
    lists: &'a Lists,
    pub(crate) total: String,
    not_stated: String,
}

impl<'a> Labels<'a> {
    pub(crate) fn new(tr: crate::i18n::Tr, lists: &'a Lists) -> Labels<'a> {
        Labels {
            tr,
            lists,
            total: tr.t("report-total"),
            not_stated: tr.t("gender-not_stated"),
        }
    }

    pub(crate) fn whole_country(&self) -> String {
        self.tr.t("stats-whole-country")
    }

    pub(crate) fn of(&self, section: Section, key: &str) -> String {
        if key == "total" {
            return self.total.clone();
        }
        if key == "not_stated" {
            return self.not_stated.clone();
        }
        match section {
            Section::Age => key.replace('-', "–"),
            Section::Gender => self.tr.t(&format!("gender-{key}")),
            Section::Tongue => self.lists.label(List::MotherTongue, key, self.tr.0),
            Section::Life => self.lists.label(List::LifeSituation, key, self.tr.0),
            Section::Postal if key == "no_permanent_address" => {
                self.tr.t("postal-kind-no_permanent_address")
            }
            Section::Postal => key.to_string(),
        }
    }
}

/// A background breakdown with its total last (when it has one).
fn breakdown(
    counts: &BTreeMap<String, u64>,
    label: impl Fn(&str) -> String,
    total_label: &str,
    with_total: bool,
) -> Vec<Line> {
    let mut out: Vec<Line> = counts
        .iter()
        .map(|(k, &n)| Line {
            key: k.clone(),
            label: label(k),
            count: Figure::Count(n),
        })
        .collect();
    if with_total {
        out.push(Line {
            key: "total".into(),
            label: total_label.into(),
            count: Figure::Count(counts.values().sum()),
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

/// R-REP-3 for an area and period: every count, live, for the area's own
/// coordinator; for a reader outside the area (R-REP-5) a whole calendar
/// year as its coordinator submitted it (the latest version, or `version`).
pub async fn area(
    store: &Store,
    caller: &Caller,
    area: Id,
    period: Period,
    version: Option<i32>,
) -> AppResult<StatsOut> {
    let p = caller.principal();
    let scope = policy::area_statistics(p, area)
        .ok_or_else(|| super::outside(policy::report_status(p).is_some()))?;
    store.read(move |c| areas::get(c, area)).await?;
    let out = if scope.full() {
        compute(store, &caller.tr, scope, period).await?
    } else {
        published::area(store, caller, area, period, version).await?
    };
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
) -> AppResult<StatsOut> {
    let area = scope.area();
    let a = store.read(move |c| areas::get(c, area)).await?;
    let (from, to) = (period.from, period.to);
    // Four reads side by side, each on a connection of its own and each
    // about as long as the others on a large area: which of the area's own
    // cards were used (at any venue of the country), its grants with their
    // background and well-being answers, the uses at its venues, and which
    // of its cards were valid, with the names the page shows.
    let used = store.read(move |c| {
        Ok::<_, AppError>(
            facts::own_cards_used(c, &scope, from, to)?
                .into_iter()
                .collect::<BTreeSet<Id>>(),
        )
    });
    let granted = store.read(move |c| {
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
        let given = facts::wellbeing_given(c, &scope, from, to)?;
        let renewed: Vec<Id> = given
            .iter()
            .filter(|g| g.2 == kaiku_core::card::Event::Renewed)
            .map(|g| g.1)
            .collect();
        let earlier = facts::wellbeing_before(c, &scope, &renewed, to)?;
        Ok::<_, AppError>((
            issuances,
            (given, earlier, kaiku_store::wellbeing::list(c)?),
        ))
    });
    let uses = store.read(move |c| {
        let venues = venues::list(c, area)?;
        let sectors: BTreeMap<Id, Sector> = venues.iter().map(|v| (v.id, v.sector)).collect();
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
        let (offline_adults, offline_children) = facts::offline_tickets(c, &scope, from, to)?;
        let offline = Tickets {
            adults: offline_adults.max(0) as u64,
            children: offline_children.max(0) as u64,
        };
        let venues: BTreeMap<Id, String> = venues.into_iter().map(|v| (v.id, v.name)).collect();
        Ok::<_, AppError>((uses, offline, venues))
    });
    let valid = store.read(move |c| {
        let valid: BTreeSet<Id> = facts::own_cards_valid(c, &scope, from, to)?
            .into_iter()
            .collect();
        let points: BTreeMap<Id, String> = points::list(c, area)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        Ok::<_, AppError>((valid, points, Lists::load(c)?))
    });
    let (used, (issuances, wb), (uses, offline_tickets, venue_names), (valid, point_names, lists)) =
        tokio::try_join!(used, granted, uses, valid)?;
    let wellbeing = wellbeing_lines(tr, wb);
    let s = stats::area_stats(&issuances, &uses, &used, &valid);
    let tr = *tr;
    let labels = Labels::new(tr, &lists);
    let labels = &labels;
    let line = |section: Section| move |k: &str| labels.of(section, k);
    Ok(StatsOut {
        area,
        area_name: a.name,
        from,
        to,
        suppressed: false,
        version: None,
        issued_new: Figure::Count(s.issued.new),
        renewed: Figure::Count(s.issued.renewed),
        community_cards: Figure::Count(s.community_cards),
        by_distribution_point: s
            .by_point
            .iter()
            .map(|(p, n)| PointLine {
                distribution_point: *p,
                name: p
                    .and_then(|p| point_names.get(&p).cloned())
                    .unwrap_or_else(|| "–".into()),
                new: Figure::Count(n.new),
                renewed: Figure::Count(n.renewed),
            })
            .collect(),
        by_age_group: breakdown(&s.by_age, line(Section::Age), &labels.total, true),
        by_gender: breakdown(&s.by_gender, line(Section::Gender), &labels.total, true),
        by_mother_tongue: breakdown(
            &s.by_mother_tongue,
            line(Section::Tongue),
            &labels.total,
            true,
        ),
        by_postal_area: breakdown(
            &s.by_postal_area,
            line(Section::Postal),
            &labels.total,
            true,
        ),
        by_life_situation: breakdown(
            &s.by_life_situation,
            line(Section::Life),
            &labels.total,
            false,
        ),
        tickets: s.tickets,
        offline_tickets,
        by_venue: ticket_lines(&s.by_venue, |v| {
            venue_names.get(v).cloned().unwrap_or_default()
        }),
        by_sector: ticket_lines(&s.by_sector, |k| tr.t(&format!("sector-{k}"))),
        by_month: ticket_lines(&s.by_month, |k| k.to_string()),
        by_category: ticket_lines(&s.by_category, |k| tr.t(&format!("category-{k}"))),
        cards_used: Figure::Count(s.cards_used),
        valid_cards: Figure::Count(s.valid_cards),
        valid_cards_used: Figure::Count(s.valid_cards_used),
        wellbeing,
        share_used_percent: s.share_used(),
    })
}

/// Every table of the statistics as one sheet: section, line, counts.
pub fn table(s: &StatsOut, tr: &crate::i18n::Tr) -> Table {
    let mut rows = vec![];
    let count = |v: &Figure| match v {
        Figure::Count(n) => Cell::Number(*n as i64),
        Figure::Withheld(t) => Cell::Text(t.clone()),
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
            count(&p.new),
            count(&p.renewed),
        ]);
    }
    // Each well-being question: its answers, then how they moved at renewal.
    for w in &s.wellbeing {
        for l in &w.answers {
            rows.push(vec![
                Cell::Text(w.text.clone()),
                Cell::Text(l.label.clone()),
                count(&l.count),
                Cell::Empty,
            ]);
        }
        for (key, n) in [
            ("wellbeing-higher", &w.higher),
            ("wellbeing-same", &w.same),
            ("wellbeing-lower", &w.lower),
        ] {
            rows.push(vec![
                Cell::Text(w.text.clone()),
                Cell::Text(tr.t(key)),
                count(n),
                count(&w.compared),
            ]);
        }
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
    // Only a year that is over is whole (R-REP-5): a year submitted while
    // it runs would be published as a year, and read again when it ends.
    if period.to >= crate::today() {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::Conflict,
            code: "statistics_year_not_over",
            rule: "R-REP-5",
            args: vec![("year", year.to_string())],
        }));
    }
    let figures = compute(store, &caller.tr, scope, period).await?;
    let content = serde_json::to_string(&figures).map_err(|_| AppError::Internal)?;
    let actor = caller.actor();
    let out = store
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
        .await?;
    // What readers outside the area will see of it is decided now, beside
    // this answer (it takes a while for a year of many versions); should
    // that fail, the first such reader's request decides it.
    let (store, caller) = (store.clone(), caller.clone());
    tokio::spawn(async move {
        if published::publish_pending(&store, &caller, year)
            .await
            .is_err()
        {
            tracing::warn!(
                year,
                "statistics not yet published; the next reader publishes them"
            );
        }
    });
    Ok(out)
}

/// What the well-being tally reads: the period's grants with answers, the
/// renewed cards' earlier answers, and the questions.
type WellbeingFacts = (
    Vec<kaiku_store::stats::WellbeingRow>,
    Vec<(Id, Id, String)>,
    Vec<kaiku_store::wellbeing::Question>,
);

/// The well-being questions asked in the period, tallied (R-WELL-1).
fn wellbeing_lines(
    tr: &crate::i18n::Tr,
    (given, earlier, questions): WellbeingFacts,
) -> Vec<WellbeingOut> {
    use kaiku_core::wellbeing::{Given, tally};
    let asked: BTreeSet<i64> = given
        .iter()
        .flat_map(|g| kaiku_core::wellbeing::decode(&g.3).into_keys())
        .collect();
    let questions: Vec<&kaiku_store::wellbeing::Question> =
        questions.iter().filter(|q| asked.contains(&q.id)).collect();
    let keys: Vec<(i64, kaiku_core::wellbeing::Scale)> =
        questions.iter().map(|q| (q.id, q.scale)).collect();
    // For each renewal, the card's answers from grants before it.
    let mut before: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (entry, card, _, _) in given
        .iter()
        .filter(|g| g.2 == kaiku_core::card::Event::Renewed)
    {
        before.insert(
            *entry,
            earlier
                .iter()
                .filter(|(e, c, _)| c == card && e < entry)
                .map(|(_, _, s)| s.clone())
                .collect(),
        );
    }
    let grants: Vec<Given<'_>> = given
        .iter()
        .map(|(entry, _, event, stored)| Given {
            entry: *entry,
            renewal: *event == kaiku_core::card::Event::Renewed,
            stored,
        })
        .collect();
    tally(&keys, &grants, &before)
        .into_iter()
        .zip(questions)
        .map(|(t, q)| {
            let count = |a: &str| Figure::Count(t.answers.get(a).copied().unwrap_or(0));
            let moves = [t.compared, t.higher, t.same, t.lower].map(Figure::Count);
            wellbeing_out(tr, q, count, moves)
        })
        .collect()
}

/// A question's line in the reader's language: each answer of its scale
/// with `count`, "did not answer" last, and `moves` (compared, higher,
/// same, lower).
pub(crate) fn wellbeing_out(
    tr: &crate::i18n::Tr,
    q: &kaiku_store::wellbeing::Question,
    count: impl Fn(&str) -> Figure,
    moves: [Figure; 4],
) -> WellbeingOut {
    use kaiku_core::wellbeing::NO_ANSWER;
    let [compared, higher, same, lower] = moves;
    let codes = q.scale.options().iter().copied().chain([NO_ANSWER]);
    WellbeingOut {
        question: q.id,
        text: q.text(tr.0).to_string(),
        answers: codes
            .map(|a| Line {
                key: a.to_string(),
                label: if a == NO_ANSWER {
                    tr.t("wellbeing-no-answer")
                } else {
                    tr.t(&format!("wellbeing-{}-{a}", q.scale))
                },
                count: count(a),
            })
            .collect(),
        compared,
        higher,
        same,
        lower,
    }
}
