//! Reports (SPEC §7). R-REP-1: a venue's usage report lists one row per use
//! (card code, adult tickets, child tickets, item, date) with the totals of
//! adult and child tickets, for a period of days.

use chrono::{Datelike, NaiveDate};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRow {
    pub card_code: String,
    pub adults: u32,
    pub children: u32,
    pub title: String,
    pub date: NaiveDate,
    /// Recorded by a box office without a connection (R-OFF-3).
    pub offline: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub adults: u32,
    pub children: u32,
}

pub fn totals(rows: &[UsageRow]) -> Totals {
    rows.iter().fold(Totals::default(), |t, r| Totals {
        adults: t.adults + r.adults,
        children: t.children + r.children,
    })
}

/// A period of whole days, `from` through `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// The end is before the start.
    Order,
    /// Longer than the longest report (ten years).
    TooLong,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, PeriodError> {
        if to < from {
            Err(PeriodError::Order)
        } else if (to - from).num_days() > 3660 {
            Err(PeriodError::TooLong)
        } else {
            Ok(Period { from, to })
        }
    }

    /// The calendar month of `day`: the period a venue reports by default.
    pub fn month_of(day: NaiveDate) -> Period {
        let from = day.with_day(1).expect("first of month");
        let next = from
            .checked_add_months(chrono::Months::new(1))
            .expect("next month");
        Period {
            from,
            to: next.pred_opt().expect("last of month"),
        }
    }

    /// The month before this period's first month.
    pub fn previous_month(&self) -> Period {
        Period::month_of(
            self.from
                .with_day(1)
                .expect("first")
                .pred_opt()
                .expect("day before"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn r_rep_1_totals_of_the_models_example() {
        let rows = [
            UsageRow {
                card_code: "E2251".into(),
                adults: 1,
                children: 2,
                title: "Trollkarlen Matti".into(),
                date: d(2020, 2, 3),
                offline: false,
            },
            UsageRow {
                card_code: "10141".into(),
                adults: 1,
                children: 2,
                title: "En magisk sommarnatt".into(),
                date: d(2020, 2, 9),
                offline: false,
            },
        ];
        assert_eq!(
            totals(&rows),
            Totals {
                adults: 2,
                children: 4
            }
        );
    }

    #[test]
    fn r_rep_1_periods_are_whole_days_in_order() {
        assert_eq!(
            Period::month_of(d(2024, 2, 17)),
            Period {
                from: d(2024, 2, 1),
                to: d(2024, 2, 29)
            }
        );
        assert_eq!(
            Period::month_of(d(2024, 1, 5)).previous_month(),
            Period::month_of(d(2023, 12, 31))
        );
        assert_eq!(
            Period::new(d(2024, 2, 2), d(2024, 2, 1)),
            Err(PeriodError::Order)
        );
        assert!(Period::new(d(2024, 2, 1), d(2024, 2, 1)).is_ok());
        assert_eq!(
            Period::new(d(2000, 1, 1), d(2024, 1, 1)),
            Err(PeriodError::TooLong)
        );
    }
}
