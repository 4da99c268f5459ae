//! Reports (SPEC §7): the venue usage report of R-REP-1, on screen and as
//! CSV or XLSX. Every listing of raw records is audited (R-AUTH-4).

use super::today;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult, FieldError};
use crate::export::{Cell, Table};
use chrono::NaiveDate;
use kaiku_core::Id;
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_core::report::{self, Period, PeriodError, UsageRow};
use kaiku_store::{audit, now, tickets, venues};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
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

#[derive(Clone, Debug, Serialize)]
pub struct UsageRowOut {
    pub card_code: String,
    pub adults: u32,
    pub children: u32,
    pub item_title: String,
    pub date: NaiveDate,
}

#[derive(Clone, Debug, Serialize)]
pub struct UsageReport {
    pub venue: Id,
    pub venue_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<UsageRowOut>,
    pub total_adults: u32,
    pub total_children: u32,
}

/// R-REP-1 for a venue and period; `how` names the view for the audit log
/// (`screen`, `json`, `csv`, `xlsx`).
pub async fn usage_report(
    st: &AppState,
    ctx: &Ctx,
    venue: Id,
    period: Period,
    how: &'static str,
) -> AppResult<UsageReport> {
    let v = st.store.read(move |c| venues::get(c, venue)).await?;
    let scope =
        policy::venue_report(ctx.principal()?, v.area_id, venue).ok_or(AppError::Forbidden)?;
    let actor = ctx.actor();
    // Read beside other requests; the audit entry is written before anything
    // is shown, so no listing goes unrecorded (R-AUTH-4).
    let rows = st
        .store
        .read(move |c| tickets::usage_rows(c, venue, period.from, period.to))
        .await?;
    let count = rows.len();
    st.store
        .write(move |c| {
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "usage_report.view",
                    record_type: "venue",
                    record_id: Some(venue),
                    area: Some(scope.area()),
                    detail: format!(
                        "from={} to={} rows={} as={how}",
                        period.from, period.to, count
                    ),
                },
                now(),
            )
        })
        .await?;
    let rows: Vec<UsageRow> = rows
        .into_iter()
        .map(|(card_code, a, ch, title, date)| UsageRow {
            card_code,
            adults: a.max(0) as u32,
            children: ch.max(0) as u32,
            title,
            date,
        })
        .collect();
    let totals = report::totals(&rows);
    Ok(UsageReport {
        venue,
        venue_name: v.name,
        from: period.from,
        to: period.to,
        rows: rows
            .into_iter()
            .map(|r| UsageRowOut {
                card_code: r.card_code,
                adults: r.adults,
                children: r.children,
                item_title: r.title,
                date: r.date,
            })
            .collect(),
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

pub fn unknown_format() -> AppError {
    AppError::field("format", InputError::InvalidChoice)
}
