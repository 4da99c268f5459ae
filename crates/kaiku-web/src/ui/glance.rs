//! The first page of a logged-in person (R-REP-7): what each of their
//! places needs today, with a small chart where a trend says more than a
//! number (the numbers in a table beside it).

use super::charts::{Bar, bars};
use super::session::Role;
use super::{Page, render};
use askama::Template;
use axum::response::Response;
use chrono::NaiveDate;
use kaiku_app::glance::{AreaGlance, Glance, NationalGlance, PointGlance, VenueGlance};

#[derive(Template)]
#[template(path = "home_glance.html")]
struct Home<'a> {
    page: &'a Page,
    points: Vec<(PointGlance, String)>,
    venues: Vec<VenueGlance>,
    areas: Vec<(AreaGlance, String)>,
    national: Option<NationalGlance>,
    national_chart: String,
    roles: Vec<Role>,
}

impl Home<'_> {
    /// "marraskuu 2026" in the page's language.
    fn month(&self, d: &NaiveDate) -> String {
        use chrono::Datelike;
        format!(
            "{} {}",
            self.page.t(&format!("month-{}", d.month())),
            d.year()
        )
    }

    fn span(&self, from: &NaiveDate, to: &NaiveDate) -> String {
        format!("{}–{}", from.format("%-d.%-m."), to.format("%-d.%-m.%Y"))
    }

    fn point_name(&self, name: &Option<String>) -> String {
        name.clone()
            .unwrap_or_else(|| self.page.t("series-unallocated"))
    }

    fn missing(&self, a: &AreaGlance) -> String {
        self.page.tr.t_args(
            "glance-not-submitted",
            &[
                ("count", a.not_submitted.len().to_string()),
                ("venues", a.venues.to_string()),
                ("month", self.month(&a.last_month_from)),
            ],
        )
    }
}

fn months_chart(
    page: &Page,
    id: &str,
    title: &str,
    months: &[(String, i64)],
    series: &str,
) -> String {
    // Short labels, so that two years fit under the bars: the month's
    // number, with the year at January and at the first bar ("1/25", "2" …).
    let bs: Vec<Bar> = months
        .iter()
        .enumerate()
        .map(|(i, (m, n))| {
            let (year, month) = m.split_once('-').unwrap_or((m.as_str(), ""));
            let month = month.trim_start_matches('0');
            let label = if i == 0 || month == "1" {
                format!("{month}/{}", year.get(2..).unwrap_or(year))
            } else {
                month.to_string()
            };
            Bar {
                label,
                values: vec![(*n).max(0) as u64],
            }
        })
        .collect();
    bars(
        id,
        title,
        &page.t("glance-chart-desc"),
        &[series.to_string()],
        &bs,
    )
}

pub fn page(page: &Page, g: Glance, roles: Vec<Role>) -> Response {
    let cards = page.t("glance-cards");
    let tickets = page.t("glance-tickets");
    let points = g
        .points
        .into_iter()
        .map(|p| {
            let months: Vec<(String, i64)> = p
                .by_month
                .iter()
                .map(|m| (m.month.clone(), m.count))
                .collect();
            let chart = months_chart(
                page,
                &format!("point-{}", p.point),
                &page.t("glance-granted-by-month"),
                &months,
                &cards,
            );
            (p, chart)
        })
        .collect();
    let areas = g
        .areas
        .into_iter()
        .map(|a| {
            let v = |n: i64| vec![n.max(0) as u64];
            let chart = bars(
                &format!("area-{}", a.area),
                &page.t("glance-this-month-title"),
                &page.t("glance-chart-desc"),
                &[page.t("glance-count")],
                &[
                    Bar {
                        label: page.t("glance-cards-now"),
                        values: v(a.cards.now),
                    },
                    Bar {
                        label: page.t("glance-cards-before"),
                        values: v(a.cards.year_before),
                    },
                    Bar {
                        label: page.t("glance-tickets-now"),
                        values: v(a.tickets.now),
                    },
                    Bar {
                        label: page.t("glance-tickets-before"),
                        values: v(a.tickets.year_before),
                    },
                ],
            );
            (a, chart)
        })
        .collect();
    let national_chart = g
        .national
        .as_ref()
        .map(|n| {
            let months: Vec<(String, i64)> = n
                .tickets_by_month
                .iter()
                .map(|m| (m.month.clone(), m.count))
                .collect();
            months_chart(
                page,
                "national",
                &page.t("glance-trend-title"),
                &months,
                &tickets,
            )
        })
        .unwrap_or_default();
    render(&Home {
        page,
        points,
        venues: g.venues,
        areas,
        national: g.national,
        national_chart,
        roles,
    })
}
