//! The national cap policy (R-CAP, R-USE-2, R-REP-5): dated versions of the
//! cap table, read by everyone who checks an item, written by the national
//! administrators only, never for a day already past.

use crate::error::{AppError, AppResult, FieldError};
use crate::{Caller, Check, flex};
use kaiku_core::Id;
use kaiku_core::cap::{Policy, SUPPRESSION_MIN};
use kaiku_core::input::{self, InputError};
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::{audit, cap_policies, now};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct PolicyOut {
    pub id: Option<Id>,
    #[serde(flatten)]
    pub policy: Policy,
}

pub async fn policies(store: &Store, caller: &Caller) -> AppResult<Vec<PolicyOut>> {
    if !policy::read_national_policy(caller.principal()) {
        return Err(AppError::Forbidden);
    }
    let all = store.read(cap_policies::all).await?;
    Ok(all
        .into_iter()
        .map(|(id, policy)| PolicyOut {
            id: Some(id),
            policy,
        })
        .collect())
}

/// The age under which a companion gets a child ticket today (R-USE-2):
/// public, as every form and ticket note says it.
pub async fn child_age_today(store: &Store) -> AppResult<u32> {
    let all: Vec<Policy> = store
        .read(cap_policies::all)
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    Ok(Policy::in_force(&all, crate::today())
        .map(|p| p.child_age_under)
        .unwrap_or(18))
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyInput {
    #[serde(default)]
    #[schema(required = true, format = Date)]
    pub effective_from: String,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub default_percent: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub small_max_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub small_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub very_small_max_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub large_min_capacity: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub large_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub swimming_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub guest_min_cap: Option<i32>,
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub guest_max_cap: Option<i32>,
    /// R-USE-2: companions under this age get child tickets (18 if not given,
    /// the guideline in force since 2022).
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub child_age_under: Option<i32>,
    /// R-REP-5: 5 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub suppression_threshold: Option<i32>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// A new version of the cap table, taking effect on its date (never in the
/// past: items already published keep the rule they were checked by).
pub async fn create_policy(
    store: &Store,
    caller: &Caller,
    i: &PolicyInput,
) -> AppResult<PolicyOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let mut f = Check::default();
    let from = f.field(
        "effective_from",
        input::optional_date(Some(&i.effective_from))
            .and_then(|d| d.ok_or(InputError::Required))
            .map(Some),
    );
    if from.is_some_and(|d| d < crate::today()) {
        f.push(FieldError {
            field: "effective_from",
            code: "policy_in_past",
            rule: Some("R-CAP"),
            args: vec![],
        });
    }
    let mut need = |name: &'static str, v: Option<i32>, max: i32| -> u32 {
        match v {
            None => {
                f.fail(name, InputError::Required);
                0
            }
            Some(v) if !(0..=max).contains(&v) => {
                f.fail(name, InputError::InvalidChoice);
                0
            }
            Some(v) => v as u32,
        }
    };
    let p = Policy {
        effective_from: from.unwrap_or_default(),
        default_percent: need("default_percent", i.default_percent, 100),
        small_max_capacity: need("small_max_capacity", i.small_max_capacity, 100_000),
        small_min_cap: need("small_min_cap", i.small_min_cap, 100_000),
        very_small_max_capacity: i.very_small_max_capacity.map(|v| v.max(0) as u32),
        large_min_capacity: need("large_min_capacity", i.large_min_capacity, 1_000_000),
        large_min_cap: need("large_min_cap", i.large_min_cap, 1_000_000),
        swimming_min_cap: i.swimming_min_cap.map(|v| v.max(0) as u32),
        guest_min_cap: need("guest_min_cap", i.guest_min_cap, 100_000),
        guest_max_cap: need("guest_max_cap", i.guest_max_cap, 100_000),
        child_age_under: match i.child_age_under {
            None => 18,
            Some(v) if !(1..=25).contains(&v) => {
                f.fail("child_age_under", InputError::InvalidChoice);
                18
            }
            Some(v) => v as u32,
        },
        suppression_threshold: match i.suppression_threshold {
            None => 5,
            Some(v) if !(SUPPRESSION_MIN as i32..=100).contains(&v) => {
                f.fail(
                    "suppression_threshold",
                    InputError::OutOfRange {
                        min: SUPPRESSION_MIN.into(),
                        max: 100,
                    },
                );
                5
            }
            Some(v) => v as u32,
        },
    };
    if p.guest_min_cap > p.guest_max_cap {
        f.fail("guest_max_cap", InputError::InvalidChoice);
    }
    f.finish()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let id = cap_policies::create(c, &scope, &p, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "cap_policy.create",
                    record_type: "cap_policy",
                    record_id: Some(id),
                    area: None,
                    detail: format!("effective_from={}", p.effective_from),
                },
                now(),
            )?;
            Ok(PolicyOut {
                id: Some(id),
                policy: p,
            })
        })
        .await
        .map_err(crate::taken("policy_date_taken"))
}
