//! Reports (SPEC §7): the venue usage report of R-REP-1, on screen and as
//! CSV or XLSX. Every listing of raw records is audited (R-AUTH-4).

use super::today;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, FieldError};
use crate::export::{Cell, Table};
use chrono::{Datelike, NaiveDate};
use kaiku_core::Id;
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_core::report::{self, Period, PeriodError, UsageRow};
use kaiku_store::{audit, now, submissions, tickets, venues};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The period's first day; this month's if not given.
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub from: Option<String>,
    /// The period's last day; this month's if not given.
    #[serde(default)]
    #[param(value_type = Option<NaiveDate>)]
    pub to: Option<String>,
    /// `json` (the default), `csv` (UTF-8 with a BOM, `;` between cells) or
    /// `xlsx`.
    #[serde(default)]
    pub format: Option<String>,
}

/// The period asked for; this month when none is given.
pub fn period(q: &PeriodQuery) -> AppResult<Period> {
    let mut f = super::Check::default();
    let from = f.field("from", input::optional_date(q.from.as_deref()));
    let to = f.field("to", input::optional_date(q.to.as_deref()));
    f.finish()?;
    let month = Period::month_of(today());
    Period::new(from.unwrap_or(month.from), to.unwrap_or(month.to)).map_err(|e| {
        AppError::Invalid(vec![FieldError {
            field: "to",
            code: match e {
                PeriodError::Order => "period_order",
                PeriodError::TooLong => "period_too_long",
            },
            rule: Some("R-REP-1"),
            args: vec![],
        }])
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UsageRowOut {
    pub card_code: String,
    pub adults: u32,
    pub children: u32,
    pub item_title: String,
    pub date: NaiveDate,
    /// Recorded by a box office without a connection (R-OFF-3).
    #[serde(default)]
    pub offline: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct UsageReport {
    pub venue: Id,
    pub venue_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<UsageRowOut>,
    pub total_adults: u32,
    pub total_children: u32,
}

/// The venues whose reports the caller sees, or 403.
fn reach(caller: &Caller) -> AppResult<policy::Reach<policy::Reports>> {
    policy::venue_reports(caller.principal()).ok_or(AppError::Forbidden)
}

/// A use as the store lists it, as the report's row.
fn usage_row((card_code, a, ch, title, date, offline): tickets::UsageRow) -> UsageRow {
    UsageRow {
        card_code,
        adults: a.max(0) as u32,
        children: ch.max(0) as u32,
        title,
        date,
        offline: offline.is_some(),
    }
}

fn row_out(r: UsageRow) -> UsageRowOut {
    UsageRowOut {
        card_code: r.card_code,
        adults: r.adults,
        children: r.children,
        item_title: r.title,
        date: r.date,
        offline: r.offline,
    }
}

/// R-REP-1 for a venue and period; `how` names the view for the audit log
/// (`screen`, `json`, `csv`, `xlsx`).
pub async fn usage_report(
    store: &Store,
    caller: &Caller,
    venue: Id,
    period: Period,
    how: &'static str,
) -> AppResult<UsageReport> {
    let reach = reach(caller)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    let area = v.area_id;
    let actor = caller.actor();
    // Read beside other requests; the audit entry is written before anything
    // is shown, so no listing goes unrecorded (R-AUTH-4).
    let rows = store
        .read(move |c| tickets::usage_rows(c, &reach, venue, period.from, period.to))
        .await?;
    let count = rows.len();
    store
        .write(move |c| {
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "usage_report.view",
                    record_type: "venue",
                    record_id: Some(venue),
                    area: Some(area),
                    detail: format!(
                        "from={} to={} rows={} as={how}",
                        period.from, period.to, count
                    ),
                },
                now(),
            )
        })
        .await?;
    let rows: Vec<UsageRow> = rows.into_iter().map(usage_row).collect();
    let totals = report::totals(&rows);
    Ok(UsageReport {
        venue,
        venue_name: v.name,
        from: period.from,
        to: period.to,
        rows: rows.into_iter().map(row_out).collect(),
        total_adults: totals.adults,
        total_children: totals.children,
    })
}

/// The report as the model's table (§9.2), headed in the reader's language.
pub fn usage_table(r: &UsageReport, tr: &crate::i18n::Tr) -> Table {
    let period = format!(
        "{}–{}",
        crate::dates::fi_date(r.from),
        crate::dates::fi_date(r.to)
    );
    Table {
        title: format!("{} {period}", r.venue_name),
        headings: ["card_code", "adults", "children", "item", "date"]
            .iter()
            .map(|h| tr.t(&format!("report-col-{h}")))
            .collect(),
        rows: r
            .rows
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.card_code.clone()),
                    Cell::Number(x.adults.into()),
                    Cell::Number(x.children.into()),
                    Cell::Text(x.item_title.clone()),
                    Cell::Date(x.date),
                ]
            })
            .collect(),
        totals: vec![
            Cell::Text(tr.t("report-total")),
            Cell::Number(r.total_adults.into()),
            Cell::Number(r.total_children.into()),
            Cell::Empty,
            Cell::Empty,
        ],
        widths: vec![14.0, 10.0, 10.0, 40.0, 12.0],
    }
}

/// The file name of a download: venue id and period, nothing personal.
pub fn file_name(r: &UsageReport, ext: &str) -> String {
    format!("kaikukortti-{}-{}-{}.{ext}", r.venue, r.from, r.to)
}

/// The area's venues and their reports for a period, as a sheet for the
/// coordinator to follow up from.
pub fn status_table(rows: &[VenueStatus], period: Period, tr: &crate::i18n::Tr) -> Table {
    let text = |s: &Option<String>| s.clone().map_or(Cell::Empty, Cell::Text);
    Table {
        title: format!(
            "{} {}–{}",
            tr.t("area-reports-title"),
            crate::dates::fi_date(period.from),
            crate::dates::fi_date(period.to)
        ),
        headings: [
            "field-venue",
            "area-reports-state",
            "report-version",
            "report-submitted-at",
            "report-col-adults",
            "report-col-children",
            "field-contact_name",
            "field-contact_phone",
            "field-contact_email",
        ]
        .iter()
        .map(|h| tr.t(h))
        .collect(),
        rows: rows
            .iter()
            .map(|v| {
                let s = v.submitted.as_ref();
                vec![
                    Cell::Text(v.name.clone()),
                    Cell::Text(tr.t(if s.is_some() {
                        "area-reports-submitted"
                    } else {
                        "area-reports-missing"
                    })),
                    s.map_or(Cell::Empty, |s| Cell::Number(s.version.into())),
                    s.map_or(Cell::Empty, |s| Cell::Date(s.submitted_at.date())),
                    s.map_or(Cell::Empty, |s| Cell::Number(s.total_adults.into())),
                    s.map_or(Cell::Empty, |s| Cell::Number(s.total_children.into())),
                    text(&v.contact_name),
                    text(&v.contact_phone),
                    text(&v.contact_email),
                ]
            })
            .collect(),
        totals: vec![],
        widths: vec![30.0, 14.0, 8.0, 12.0, 10.0, 10.0, 24.0, 18.0, 28.0],
    }
}

/// The `format` of a download: `json`, `csv` or `xlsx`.
pub fn format_of(q: &PeriodQuery) -> AppResult<&'static str> {
    match q.format.as_deref().unwrap_or("json") {
        "json" => Ok("json"),
        "csv" => Ok("csv"),
        "xlsx" => Ok("xlsx"),
        _ => Err(unknown_format()),
    }
}

pub fn unknown_format() -> AppError {
    AppError::field("format", InputError::InvalidChoice)
}

// ---------- submission (R-REP-2) ----------

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitInput {
    /// This month if `from` and `to` are not given.
    #[serde(default)]
    #[schema(format = Date)]
    pub from: Option<String>,
    #[serde(default)]
    #[schema(format = Date)]
    pub to: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// What changed since the version before (a correction, R-REP-2).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ChangeOut {
    pub previous_version: i32,
    pub adults_before: i32,
    pub children_before: i32,
    pub added: Vec<UsageRowOut>,
    pub removed: Vec<UsageRowOut>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SubmissionOut {
    pub id: Id,
    pub venue: Id,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub version: i32,
    pub submitted_at: chrono::NaiveDateTime,
    pub submitted_by: String,
    pub total_adults: i32,
    pub total_children: i32,
    pub rows: i32,
    pub change: Option<ChangeOut>,
    /// The newest version only: the period's uses have changed since it was
    /// submitted (a correction), and a new version is due.
    pub pending_correction: bool,
}

fn rows_of(s: &submissions::Submission) -> Vec<UsageRowOut> {
    serde_json::from_str(&s.content).unwrap_or_default()
}

/// Rows in `a` not matched by a row of `b` (as a multiset).
fn minus(a: &[UsageRowOut], b: &[UsageRowOut]) -> Vec<UsageRowOut> {
    let mut left: Vec<&UsageRowOut> = b.iter().collect();
    a.iter()
        .filter(|r| match left.iter().position(|x| x == r) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn submission_out(
    s: &submissions::Submission,
    before: Option<&submissions::Submission>,
) -> SubmissionOut {
    let change = before.map(|b| {
        let (now_rows, old_rows) = (rows_of(s), rows_of(b));
        ChangeOut {
            previous_version: b.version,
            adults_before: b.adults,
            children_before: b.children,
            added: minus(&now_rows, &old_rows),
            removed: minus(&old_rows, &now_rows),
        }
    });
    SubmissionOut {
        id: s.id,
        venue: s.venue_id,
        from: s.period_from,
        to: s.period_to,
        version: s.version,
        submitted_at: s.submitted_at,
        submitted_by: s.submitted_by.clone(),
        total_adults: s.adults,
        total_children: s.children,
        rows: s.row_count,
        change,
        pending_correction: false,
    }
}

fn with_changes(list: &[submissions::Submission]) -> Vec<SubmissionOut> {
    // Newest first: each version is compared with the one after it.
    list.iter()
        .enumerate()
        .map(|(i, s)| submission_out(s, list.get(i + 1)))
        .collect()
}

/// R-REP-2: the venue submits its report of a period to its coordinator. The
/// rows are frozen as they are now; submitting again makes a new version
/// that shows what changed.
pub async fn submit(
    store: &Store,
    caller: &Caller,
    venue: Id,
    i: &SubmitInput,
) -> AppResult<SubmissionOut> {
    let period = period(&PeriodQuery {
        from: i.from.clone(),
        to: i.to.clone(),
        format: None,
    })?;
    // A report covers what happened: at most to the end of this month. A
    // period far ahead would make every use in it a correction for years.
    let today = super::today();
    let month_end = (today.with_day(1).expect("day 1") + chrono::Months::new(1))
        .pred_opt()
        .expect("a day");
    if period.to > month_end {
        return Err(AppError::Invalid(vec![FieldError {
            field: "to",
            code: "report_period_ahead",
            rule: Some("R-REP-2"),
            args: vec![("date", crate::dates::fi_date(month_end))],
        }]));
    }
    let report = usage_report(store, caller, venue, period, "submission").await?;
    let reach = reach(caller)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    let area = v.area_id;
    let actor = caller.actor();
    let content = serde_json::to_string(&report.rows).map_err(|_| AppError::Internal)?;
    store
        .write(move |c| {
            let id = submissions::submit(
                c,
                &reach,
                venue,
                &submissions::NewSubmission {
                    from: period.from,
                    to: period.to,
                    by: &actor.label,
                    adults: report.total_adults as i32,
                    children: report.total_children as i32,
                    row_count: report.rows.len() as i32,
                    content: &content,
                },
                now(),
            )?;
            let list = submissions::versions(c, &reach, venue, period.from, period.to)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "usage_report.submit",
                    record_type: "report_submission",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!(
                        "venue={venue} from={} to={} version={}",
                        period.from, period.to, list[0].version
                    ),
                },
                now(),
            )?;
            Ok::<_, AppError>(with_changes(&list).remove(0))
        })
        .await
}

/// The versions submitted for a venue's period, newest first.
pub async fn submitted(
    store: &Store,
    caller: &Caller,
    venue: Id,
    period: Period,
) -> AppResult<Vec<SubmissionOut>> {
    let reach = reach(caller)?;
    let (list, area, now_rows) = store
        .read(move |c| {
            let list = submissions::versions(c, &reach, venue, period.from, period.to)?;
            let now_rows: Vec<UsageRowOut> =
                tickets::usage_rows(c, &reach, venue, period.from, period.to)?
                    .into_iter()
                    .map(|t| row_out(usage_row(t)))
                    .collect();
            Ok::<_, AppError>((list, kaiku_store::venues::get(c, venue)?.area_id, now_rows))
        })
        .await?;
    // The versions carry the card codes each one added or removed.
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "usage_report.submissions",
            record_type: "venue",
            record_id: Some(venue),
            area: Some(area),
            detail: format!("from={} to={}", period.from, period.to),
        },
    )
    .await?;
    let mut out = with_changes(&list);
    if let (Some(newest), Some(s)) = (out.first_mut(), list.first()) {
        let then = rows_of(s);
        newest.pending_correction =
            !minus(&now_rows, &then).is_empty() || !minus(&then, &now_rows).is_empty();
    }
    Ok(out)
}

/// One venue of an area for a period: its latest submission, or how to reach
/// its Kaikukortti contact person (staff data, §9.3) to ask for it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VenueStatus {
    pub venue: Id,
    pub name: String,
    pub submitted: Option<SubmissionOut>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
}

/// R-REP-2: which of the area's active venues have submitted the period.
pub async fn area_status(
    store: &Store,
    caller: &Caller,
    area: Id,
    period: Period,
) -> AppResult<Vec<VenueStatus>> {
    let reach = policy::report_status(caller.principal()).ok_or(AppError::Forbidden)?;
    store
        .read(move |c| {
            kaiku_store::areas::get(c, area)?;
            let latest = submissions::latest_in_area(c, &reach, area, period.from, period.to)?;
            Ok::<_, AppError>(
                venues::list(c, area)?
                    .into_iter()
                    .filter(|v| v.active)
                    .map(|v| VenueStatus {
                        submitted: latest
                            .iter()
                            .find(|s| s.venue_id == v.id)
                            .map(|s| submission_out(s, None)),
                        venue: v.id,
                        name: v.name,
                        contact_name: v.contact_name,
                        contact_phone: v.contact_phone,
                        contact_email: v.contact_email,
                    })
                    .collect(),
            )
        })
        .await
}
