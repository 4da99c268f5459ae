//! Each role's first page (R-REP-7): what the person needs today, each
//! figure with the view it comes from. One caller may hold several roles;
//! the page shows a part for each place they work at.
//!
//! - an issuer: the point's stock left and its cards running out within 30
//!   days, and its cards granted month by month over a year;
//! - venue staff: today's items with the tickets left, and whether last
//!   month's report is submitted;
//! - a coordinator: the venues that have not submitted last month, the stock
//!   by point (a warning where it runs low), and this month's cards and uses
//!   against the same days a year before;
//! - the national admin: which areas have submitted last year, and the
//!   country's tickets month by month over two years from what the areas
//!   submitted (published as they are, R-REP-5).

use crate::error::{AppError, AppResult};
use crate::{Caller, today};
use chrono::{Datelike, Duration, NaiveDate};
use kaiku_core::Id;
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_core::report::Period;
use kaiku_store::{Store, areas, glance, points, venues};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A point's stock runs low below this many cards, or below what it
/// granted in the last 30 days (less than a month's cards left).
pub const LOW_STOCK: i64 = 10;
/// Cards running out this many days ahead are counted.
pub const EXPIRING_DAYS: i64 = 30;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub count: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointGlance {
    pub point: Id,
    pub name: String,
    pub in_stock: i64,
    /// Issued cards of the point whose validity ends within 30 days.
    pub expiring: i64,
    pub low: bool,
    /// Cards issued and renewed, the last twelve months, oldest first.
    pub by_month: Vec<MonthCount>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemToday {
    pub item: Id,
    pub title: String,
    pub starts_at: chrono::DateTime<chrono::FixedOffset>,
    pub tickets_left: u32,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct VenueGlance {
    pub venue: Id,
    pub name: String,
    pub today: Vec<ItemToday>,
    pub last_month_from: NaiveDate,
    pub last_month_to: NaiveDate,
    pub last_month_submitted: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointStock {
    /// `None`: the area's stock not allocated to a point.
    pub point: Option<Id>,
    pub name: Option<String>,
    pub in_stock: i64,
    pub granted_30_days: i64,
    pub low: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Versus {
    /// This month from its first day to today.
    pub now: i64,
    /// The same days a year before.
    pub year_before: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaGlance {
    pub area: Id,
    pub name: String,
    pub last_month_from: NaiveDate,
    pub last_month_to: NaiveDate,
    /// Active venues that have not submitted last month's report.
    pub not_submitted: Vec<(Id, String)>,
    pub venues: usize,
    pub stock: Vec<PointStock>,
    pub month_from: NaiveDate,
    pub month_to: NaiveDate,
    /// The same days a year before.
    pub before_from: NaiveDate,
    pub before_to: NaiveDate,
    pub cards: Versus,
    pub tickets: Versus,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AreaSubmitted {
    pub area: Id,
    pub name: String,
    pub submitted: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NationalGlance {
    /// The last whole year, which every area submits.
    pub year: i32,
    pub areas: Vec<AreaSubmitted>,
    /// Tickets by month over the two last whole years, from the areas'
    /// submitted statistics.
    pub tickets_by_month: Vec<MonthCount>,
}

#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct Glance {
    pub points: Vec<PointGlance>,
    pub venues: Vec<VenueGlance>,
    pub areas: Vec<AreaGlance>,
    pub national: Option<NationalGlance>,
}

/// The whole month before today's.
fn last_month(today: NaiveDate) -> Period {
    Period::month_of(today).previous_month()
}

/// The same day a year before (28 February for 29 February).
fn year_before(d: NaiveDate) -> NaiveDate {
    d.with_year(d.year() - 1)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, 2, 28).expect("a day"))
}

/// The `n` months up to today's, oldest first.
fn months_back(today: NaiveDate, n: u32) -> Vec<Period> {
    let mut m = Period::month_of(today);
    let mut out = vec![];
    for _ in 0..n {
        out.push(m);
        m = m.previous_month();
    }
    out.reverse();
    out
}

/// The first page of whoever calls.
pub async fn glance(store: &Store, caller: &Caller) -> AppResult<Glance> {
    let p = caller.principal();
    let today = today();
    let mut out = Glance::default();
    for g in p.grants.clone() {
        match g {
            Grant::Issuer { area, point } => out
                .points
                .push(point_glance(store, caller, area, point, today).await?),
            Grant::VenueStaff { venue, .. } => out
                .venues
                .push(venue_glance(store, caller, venue, today).await?),
            Grant::AreaCoordinator { area } => out
                .areas
                .push(area_glance(store, caller, area, today).await?),
            Grant::NationalAdmin => {
                out.national = Some(national_glance(store, caller, today).await?)
            }
        }
    }
    Ok(out)
}

async fn point_glance(
    store: &Store,
    caller: &Caller,
    area: Id,
    point: Id,
    today: NaiveDate,
) -> AppResult<PointGlance> {
    let reach = policy::issuing(caller.principal()).ok_or(AppError::Forbidden)?;
    let year = months_back(today, 12);
    let since = year[0].from;
    let months: Vec<String> = year
        .iter()
        .map(|m| m.from.format("%Y-%m").to_string())
        .collect();
    store
        .read(move |c| {
            let in_stock = glance::stock_at(c, &reach, area, point)?;
            let expiring = glance::expiring_at(
                c,
                &reach,
                area,
                point,
                today,
                today + Duration::days(EXPIRING_DAYS),
            )?;
            let days = glance::grants_at(c, &reach, area, point, since)?;
            let recent = days
                .iter()
                .filter(|d| **d > today - Duration::days(30))
                .count() as i64;
            let mut counts: BTreeMap<String, i64> = months.iter().map(|m| (m.clone(), 0)).collect();
            for d in days {
                if let Some(n) = counts.get_mut(&d.format("%Y-%m").to_string()) {
                    *n += 1;
                }
            }
            Ok(PointGlance {
                point,
                name: points::get(c, point)?.name,
                in_stock,
                expiring,
                low: in_stock < LOW_STOCK.max(recent),
                by_month: counts
                    .into_iter()
                    .map(|(month, count)| MonthCount { month, count })
                    .collect(),
            })
        })
        .await
}

async fn venue_glance(
    store: &Store,
    caller: &Caller,
    venue: Id,
    today: NaiveDate,
) -> AppResult<VenueGlance> {
    let items = crate::items::list(store, caller, venue, false).await?;
    let today_items = items
        .into_iter()
        .filter(|i| i.starts_at.date_naive() == today)
        .map(|i| ItemToday {
            item: i.id,
            title: i.title,
            starts_at: i.starts_at,
            tickets_left: i.kaiku_tickets_left,
        })
        .collect();
    let reach = policy::venue_reports(caller.principal()).ok_or(AppError::Forbidden)?;
    let Period { from, to } = last_month(today);
    store
        .read(move |c| {
            let submitted =
                !kaiku_store::submissions::versions(c, &reach, venue, from, to)?.is_empty();
            Ok(VenueGlance {
                venue,
                name: venues::get(c, venue)?.name,
                today: today_items,
                last_month_from: from,
                last_month_to: to,
                last_month_submitted: submitted,
            })
        })
        .await
}

async fn area_glance(
    store: &Store,
    caller: &Caller,
    area: Id,
    today: NaiveDate,
) -> AppResult<AreaGlance> {
    let month = last_month(today);
    let Period { from, to } = month;
    let status = crate::reports::area_status(store, caller, area, month).await?;
    let stock_reach = policy::stock(caller.principal()).ok_or(AppError::Forbidden)?;
    let stats = policy::area_statistics(caller.principal(), area)
        .filter(|s| s.full())
        .ok_or(AppError::Forbidden)?;
    let month_from = Period::month_of(today).from;
    store
        .read(move |c| {
            let stock = glance::stock_by_point(c, &stock_reach, area)?;
            let granted =
                glance::grants_by_point(c, &stock_reach, area, today - Duration::days(29))?;
            let granted_at =
                |p: Option<Id>| granted.iter().find(|(q, _)| *q == p).map_or(0, |(_, n)| *n);
            let mut lines: Vec<PointStock> = points::list(c, area)?
                .into_iter()
                .filter(|p| p.active)
                .map(|p| {
                    let in_stock = stock
                        .iter()
                        .find(|(q, _)| *q == Some(p.id))
                        .map_or(0, |(_, n)| *n);
                    let recent = granted_at(Some(p.id));
                    PointStock {
                        point: Some(p.id),
                        name: Some(p.name),
                        in_stock,
                        granted_30_days: recent,
                        low: in_stock < LOW_STOCK.max(recent),
                    }
                })
                .collect();
            lines.push(PointStock {
                point: None,
                name: None,
                in_stock: stock
                    .iter()
                    .find(|(q, _)| q.is_none())
                    .map_or(0, |(_, n)| *n),
                granted_30_days: 0,
                low: false,
            });
            use kaiku_store::stats::{cards_granted, tickets_total};
            let (then_from, then_to) = (year_before(month_from), year_before(today));
            let cards = Versus {
                now: cards_granted(c, &stats, month_from, today)?,
                year_before: cards_granted(c, &stats, then_from, then_to)?,
            };
            let tickets = Versus {
                now: tickets_total(c, &stats, month_from, today)?,
                year_before: tickets_total(c, &stats, then_from, then_to)?,
            };
            Ok(AreaGlance {
                area,
                name: areas::get(c, area)?.name,
                last_month_from: from,
                last_month_to: to,
                venues: status.len(),
                not_submitted: status
                    .into_iter()
                    .filter(|v| v.submitted.is_none())
                    .map(|v| (v.venue, v.name))
                    .collect(),
                stock: lines,
                month_from,
                month_to: today,
                before_from: then_from,
                before_to: then_to,
                cards,
                tickets,
            })
        })
        .await
}

async fn national_glance(
    store: &Store,
    caller: &Caller,
    today: NaiveDate,
) -> AppResult<NationalGlance> {
    let year = today.year() - 1;
    let national = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    store
        .read(move |c| {
            let mut areas_out = vec![];
            let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
            for y in [year - 1, year] {
                for m in 1..=12 {
                    by_month.insert(format!("{y}-{m:02}"), 0);
                }
            }
            let released = [
                kaiku_store::releases::published(c, &national, year - 1)?,
                kaiku_store::releases::published(c, &national, year)?,
            ];
            for a in areas::list(c, None)? {
                let mut submitted = false;
                for (y, released) in [year - 1, year].into_iter().zip(&released) {
                    let (sent, months) =
                        crate::stats::published::tickets_by_month(c, &national, a.id, y, released)?;
                    if y == year {
                        submitted = sent;
                    }
                    for (month, n) in months.unwrap_or_default() {
                        *by_month.entry(month).or_default() += n;
                    }
                }
                areas_out.push(AreaSubmitted {
                    area: a.id,
                    name: a.name,
                    submitted,
                });
            }
            Ok(NationalGlance {
                year,
                areas: areas_out,
                tickets_by_month: by_month
                    .into_iter()
                    .map(|(month, count)| MonthCount { month, count })
                    .collect(),
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_rep_7_months_and_the_year_before() {
        let m = last_month(d(2026, 1, 15));
        assert_eq!((m.from, m.to), (d(2025, 12, 1), d(2025, 12, 31)));
        assert_eq!(year_before(d(2028, 2, 29)), d(2027, 2, 28));
        let m = months_back(d(2026, 3, 5), 12);
        assert_eq!((m[0].from, m[11].from), (d(2025, 4, 1), d(2026, 3, 1)));
    }
}
