//! Printed stock: an area's card series and their allocation to distribution
//! points (R-CARD-1, R-CARD-7), the coordinator's side of the register.

use super::stock_reach;
use crate::Check as Fields;
use crate::error::{AppError, AppResult, FieldError, RefusalKind, Refused};
use crate::{Caller, flex, today};

use kaiku_core::Id;
use kaiku_core::code::{self, Check, Series, SeriesError};
use kaiku_core::input::InputError;
use kaiku_store::cards::{self, Counts};
use kaiku_store::{Store, areas, audit, now, points};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeriesInput {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub first: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub last: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub width: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<Check>)]
    pub check: Option<String>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeriesOut {
    pub id: Id,
    pub area: Id,
    pub prefix: String,
    pub first: i64,
    pub last: i64,
    pub width: Option<i32>,
    #[schema(value_type = Check)]
    pub check: Check,
    pub first_code: String,
    pub last_code: String,
    pub counts: Counts,
}

fn series_out(s: &cards::SeriesRow, counts: Counts) -> SeriesOut {
    let series = s.series();
    SeriesOut {
        id: s.id,
        area: s.area_id,
        prefix: s.prefix.clone(),
        first: s.first_number,
        last: s.last_number,
        width: s.width,
        check: s.check_kind,
        first_code: series.code(series.first),
        last_code: series.code(series.last),
        counts,
    }
}

fn series_from(i: &SeriesInput) -> AppResult<Series> {
    let mut f = Fields::default();
    let first = f.field("first", i.first.ok_or(InputError::Required));
    let last = f.field("last", i.last.ok_or(InputError::Required));
    let check = f.field(
        "check",
        i.check
            .as_deref()
            .unwrap_or("none")
            .trim()
            .parse::<Check>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    if i.width.is_some_and(|w| !(1..=15).contains(&w)) {
        f.fail("width", InputError::InvalidChoice);
    }
    // A prefix is printed on every card of the series: never a person's
    // identity code (R-CARD-5, R-PRIV-4).
    if i.prefix
        .as_deref()
        .is_some_and(kaiku_core::identity::contains_identity_code)
    {
        f.fail("prefix", InputError::IdentityCode);
    }
    f.finish()?;
    let width = i.width.map(|w| w as u32);
    Series::new(
        i.prefix.as_deref().unwrap_or(""),
        first,
        last,
        width,
        check.unwrap_or(Check::None),
    )
    .map_err(|e| {
        let (field, c, args) = match e {
            SeriesError::Prefix(_) => ("prefix", "series_prefix", vec![]),
            SeriesError::Order => ("last", "series_order", vec![]),
            SeriesError::TooMany => (
                "last",
                "series_too_many",
                vec![("max", code::SERIES_MAX.to_string())],
            ),
            SeriesError::Negative => ("first", "series_negative", vec![]),
            SeriesError::CodeTooLong => ("prefix", "series_code_too_long", vec![]),
            SeriesError::LuhnNeedsDigits => ("check", "series_luhn_digits", vec![]),
        };
        AppError::Invalid(vec![FieldError {
            field,
            code: c,
            rule: Some("R-CARD-1"),
            args,
        }])
    })
}

pub async fn list_series(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<SeriesOut>> {
    let reach = stock_reach(caller)?;
    let today = today();
    store
        .read(move |c| {
            let counts = cards::counts_by_series(c, &reach, area, today)?;
            let list = cards::list_series(c, &reach, area)?;
            Ok(list
                .iter()
                .map(|s| series_out(s, counts.get(&s.id).copied().unwrap_or_default()))
                .collect())
        })
        .await
}

pub async fn create_series(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &SeriesInput,
) -> AppResult<SeriesOut> {
    let reach = stock_reach(caller)?;
    store.read(move |c| areas::get(c, area)).await?;
    let series = series_from(i)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let codes: Vec<String> = series.codes().collect();
            if !reach.admits_area(area) {
                return Err(AppError::NotFound);
            }
            if let Some(dup) = cards::first_existing(c, &reach, &codes)? {
                return Err(AppError::Refused(Refused {
                    kind: RefusalKind::Conflict,
                    code: "series_overlaps",
                    rule: "R-CARD-1",
                    args: vec![("code", dup)],
                }));
            }
            let now = now();
            let id = cards::create_series(c, &reach, area, &series, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "card_series.create",
                    record_type: "card_series",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!("cards={}", series.len()),
                },
                now,
            )?;
            let row = cards::get_series(c, &reach, id)?;
            Ok(series_out(
                &row,
                Counts {
                    in_stock: series.len(),
                    ..Default::default()
                },
            ))
        })
        .await
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub distribution_point: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub first: Option<i64>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    #[schema(required = true)]
    pub last: Option<i64>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocationOut {
    pub id: Id,
    pub series: Id,
    pub distribution_point: Id,
    pub distribution_point_name: String,
    pub first: i64,
    pub last: i64,
    pub first_code: String,
    pub last_code: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointCounts {
    pub distribution_point: Option<Id>,
    pub name: Option<String>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SeriesDetail {
    pub series: SeriesOut,
    pub allocations: Vec<AllocationOut>,
    /// The area's stock and issued cards per distribution point (`null` is
    /// the unallocated stock).
    pub by_point: Vec<PointCounts>,
}

pub async fn get_series(store: &Store, caller: &Caller, id: Id) -> AppResult<SeriesDetail> {
    let reach = stock_reach(caller)?;
    let today = today();
    store
        .read(move |c| {
            let row = cards::get_series(c, &reach, id)?;
            let counts = cards::counts_by_series(c, &reach, row.area_id, today)?;
            let series = series_out(&row, counts.get(&id).copied().unwrap_or_default());
            let s = row.series();
            let allocations = cards::allocations(c, &reach, id)?
                .into_iter()
                .map(|(a, name)| AllocationOut {
                    id: a.id,
                    series: id,
                    distribution_point: a.distribution_point_id,
                    distribution_point_name: name,
                    first: a.first_number,
                    last: a.last_number,
                    first_code: s.code(a.first_number),
                    last_code: s.code(a.last_number),
                })
                .collect();
            let by = cards::counts_by_point(c, &reach, id, today)?;
            let mut by_point: Vec<PointCounts> = points::list(c, row.area_id)?
                .into_iter()
                .map(|p| PointCounts {
                    counts: by.get(&Some(p.id)).copied().unwrap_or_default(),
                    distribution_point: Some(p.id),
                    name: Some(p.name),
                })
                .collect();
            by_point.push(PointCounts {
                distribution_point: None,
                name: None,
                counts: by.get(&None).copied().unwrap_or_default(),
            });
            Ok(SeriesDetail {
                series,
                allocations,
                by_point,
            })
        })
        .await
}

pub async fn allocate(
    store: &Store,
    caller: &Caller,
    series: Id,
    i: &AllocationInput,
) -> AppResult<AllocationOut> {
    let reach = stock_reach(caller)?;
    let row = {
        let reach = reach.clone();
        store
            .read(move |c| cards::get_series(c, &reach, series))
            .await?
    };
    let mut f = Fields::default();
    let point = f.field(
        "distribution_point",
        i.distribution_point.ok_or(InputError::Required),
    );
    let first = f.field("first", i.first.ok_or(InputError::Required));
    let last = f.field("last", i.last.ok_or(InputError::Required));
    f.finish()?;
    let out_of_range = |field| {
        AppError::Invalid(vec![FieldError {
            field,
            code: "allocation_range",
            rule: None,
            args: vec![
                ("first", row.first_number.to_string()),
                ("last", row.last_number.to_string()),
            ],
        }])
    };
    if first < row.first_number || first > row.last_number {
        return Err(out_of_range("first"));
    }
    if last < first || last > row.last_number {
        return Err(out_of_range("last"));
    }
    let actor = caller.actor();
    store
        .write(move |c| {
            let p = points::get(c, point)
                .map_err(|_| AppError::field("distribution_point", InputError::InvalidChoice))?;
            if p.area_id != row.area_id {
                return Err(AppError::field(
                    "distribution_point",
                    InputError::InvalidChoice,
                ));
            }
            if let Some((code, _)) =
                cards::allocated_elsewhere(c, &reach, series, first, last, point)?
            {
                return Err(AppError::Refused(Refused {
                    kind: RefusalKind::Conflict,
                    code: "allocation_overlaps",
                    rule: "R-CARD-7",
                    args: vec![("code", code)],
                }));
            }
            let now = now();
            let id = cards::allocate(c, &reach, series, point, first, last, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "card_allocation.create",
                    record_type: "card_series",
                    record_id: Some(series),
                    area: Some(row.area_id),
                    detail: format!("point={point} first={first} last={last}"),
                },
                now,
            )?;
            let s = row.series();
            Ok(AllocationOut {
                id,
                series,
                distribution_point: point,
                distribution_point_name: p.name,
                first,
                last,
                first_code: s.code(first),
                last_code: s.code(last),
            })
        })
        .await
}
