//! The upper limit of Kaikukortti tickets per item (R-CAP, §7.2.2–7.2.3).
//!
//! The numbers are national policy with an effective-from date (SPEC
//! Decision): a `Policy` is one version of them, and the version in force on
//! an item's date judges the item's cap.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::text::text_enum! {
    /// The class of an item for the cap rule.
    pub enum Class {
        Default,
        SmallPerformance,
        VerySmallPerformance,
        LargeEvent,
        SwimmingHallDay,
        GuestProducer,
    }
}

/// One version of the national cap table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Policy {
    pub effective_from: NaiveDate,
    /// Default: at least this per cent of the capacity, rounded up.
    pub default_percent: u32,
    /// A small performance has at most this capacity …
    pub small_max_capacity: u32,
    /// … and a cap of at least this; so has a course.
    pub small_min_cap: u32,
    /// Trial rule: a very small performance (capacity at most this) may cap
    /// at 0 or 1. `None` when the trial rule is not in force.
    pub very_small_max_capacity: Option<u32>,
    /// A large event has more than this capacity …
    pub large_min_capacity: u32,
    /// … and a cap of at least this.
    pub large_min_cap: u32,
    /// Trial rule: a swimming hall's day caps at least this; `None` when off.
    pub swimming_min_cap: Option<u32>,
    pub guest_min_cap: u32,
    pub guest_max_cap: u32,
    /// R-USE-2: companions younger than this get child tickets (under 16 in
    /// the 2019 model, under 18 in the guideline in force since 2022).
    #[serde(default = "Policy::child_age_since_2022")]
    pub child_age_under: u32,
    /// R-REP-5: background counts below this are hidden outside their area;
    /// never below [`SUPPRESSION_MIN`].
    #[serde(default = "Policy::suppression_default")]
    pub suppression_threshold: u32,
}

/// R-REP-5 hides every count from 1 to 4: policy may raise the threshold,
/// never lower it.
pub const SUPPRESSION_MIN: u32 = 5;

impl Policy {
    /// The model of 17 September 2019 with both trial rules in force.
    pub fn model_2019() -> Policy {
        Policy {
            effective_from: NaiveDate::from_ymd_opt(2019, 9, 17).expect("date"),
            default_percent: 5,
            small_max_capacity: 50,
            small_min_cap: 2,
            very_small_max_capacity: Some(10),
            large_min_capacity: 1000,
            large_min_cap: 20,
            swimming_min_cap: Some(20),
            guest_min_cap: 2,
            guest_max_cap: 10,
            child_age_under: 16,
            suppression_threshold: 5,
        }
    }

    fn child_age_since_2022() -> u32 {
        18
    }

    fn suppression_default() -> u32 {
        5
    }

    /// The version in force on `day`: the latest that took effect by then.
    pub fn in_force(versions: &[Policy], day: NaiveDate) -> Option<&Policy> {
        versions
            .iter()
            .filter(|p| p.effective_from <= day)
            .max_by_key(|p| p.effective_from)
    }
}

/// Why a cap (or a class) is refused; each says the rule in numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// "For a performance of 400 seats the cap must be at least 20 (5 %)."
    BelowPercent {
        capacity: u32,
        min: u32,
        percent: u32,
    },
    BelowMinimum {
        class: Class,
        min: u32,
    },
    /// Course places: at least `min`.
    CourseBelowMinimum {
        min: u32,
    },
    AboveCapacity {
        capacity: u32,
    },
    GuestRange {
        min: u32,
        max: u32,
    },
    VerySmallAtMostOne,
    /// The class does not fit the capacity (a "small performance" of 80 seats).
    ClassCapacity {
        class: Class,
        limit: u32,
    },
    /// The class is a trial rule that is not in force on the item's date.
    TrialRuleOff {
        class: Class,
    },
    /// Swimming-hall days belong to swimming halls.
    NotASwimmingHall,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::BelowPercent { .. } => "cap_below_percent",
            Refusal::BelowMinimum { .. } => "cap_below_minimum",
            Refusal::CourseBelowMinimum { .. } => "cap_course_minimum",
            Refusal::AboveCapacity { .. } => "cap_above_capacity",
            Refusal::GuestRange { .. } => "cap_guest_range",
            Refusal::VerySmallAtMostOne => "cap_very_small",
            Refusal::ClassCapacity { class, .. } => match class {
                Class::LargeEvent => "class_large_capacity",
                _ => "class_small_capacity",
            },
            Refusal::TrialRuleOff { .. } => "class_trial_off",
            Refusal::NotASwimmingHall => "class_not_swimming_hall",
        }
    }

    /// The values its message names.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Refusal::BelowPercent {
                capacity,
                min,
                percent,
            } => vec![
                ("capacity", capacity.to_string()),
                ("min", min.to_string()),
                ("percent", percent.to_string()),
            ],
            Refusal::BelowMinimum { class, min } => vec![
                ("class", class.as_ref().to_string()),
                ("min", min.to_string()),
            ],
            Refusal::CourseBelowMinimum { min } => vec![("min", min.to_string())],
            Refusal::AboveCapacity { capacity } => vec![("capacity", capacity.to_string())],
            Refusal::GuestRange { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Refusal::ClassCapacity { class, limit } => vec![
                ("class", class.as_ref().to_string()),
                ("limit", limit.to_string()),
            ],
            Refusal::TrialRuleOff { class } => vec![("class", class.as_ref().to_string())],
            Refusal::VerySmallAtMostOne | Refusal::NotASwimmingHall => vec![],
        }
    }
}

/// What is being capped.
#[derive(Clone, Copy, Debug)]
pub struct Item {
    pub course: bool,
    pub class: Class,
    pub capacity: u32,
    pub swimming_hall: bool,
}

/// The smallest cap the rule allows for a default item of this capacity.
pub fn default_minimum(policy: &Policy, capacity: u32) -> u32 {
    (capacity * policy.default_percent).div_ceil(100)
}

/// Whether the class fits the item at all, under the policy in force.
pub fn check_class(policy: &Policy, item: &Item) -> Result<(), Refusal> {
    if item.course {
        return Ok(());
    }
    match item.class {
        Class::SmallPerformance if item.capacity > policy.small_max_capacity => {
            Err(Refusal::ClassCapacity {
                class: item.class,
                limit: policy.small_max_capacity,
            })
        }
        Class::VerySmallPerformance => match policy.very_small_max_capacity {
            None => Err(Refusal::TrialRuleOff { class: item.class }),
            Some(limit) if item.capacity > limit => Err(Refusal::ClassCapacity {
                class: item.class,
                limit,
            }),
            Some(_) => Ok(()),
        },
        Class::LargeEvent if item.capacity <= policy.large_min_capacity => {
            Err(Refusal::ClassCapacity {
                class: item.class,
                limit: policy.large_min_capacity,
            })
        }
        Class::SwimmingHallDay if policy.swimming_min_cap.is_none() => {
            Err(Refusal::TrialRuleOff { class: item.class })
        }
        Class::SwimmingHallDay if !item.swimming_hall => Err(Refusal::NotASwimmingHall),
        _ => Ok(()),
    }
}

/// R-CAP: whether `cap` is allowed for the item. No cap means no Kaikukortti
/// limit beyond the capacity, which is always allowed.
pub fn allowed(policy: &Policy, item: &Item, cap: Option<u32>) -> Result<(), Refusal> {
    check_class(policy, item)?;
    let Some(cap) = cap else { return Ok(()) };
    if cap > item.capacity {
        return Err(Refusal::AboveCapacity {
            capacity: item.capacity,
        });
    }
    if item.course {
        return if cap >= policy.small_min_cap {
            Ok(())
        } else {
            Err(Refusal::CourseBelowMinimum {
                min: policy.small_min_cap,
            })
        };
    }
    let at_least = |min: u32| {
        if cap >= min {
            Ok(())
        } else {
            Err(Refusal::BelowMinimum {
                class: item.class,
                min,
            })
        }
    };
    match item.class {
        Class::Default => {
            let min = default_minimum(policy, item.capacity);
            if cap >= min {
                Ok(())
            } else {
                Err(Refusal::BelowPercent {
                    capacity: item.capacity,
                    min,
                    percent: policy.default_percent,
                })
            }
        }
        Class::SmallPerformance => at_least(policy.small_min_cap),
        // The trial rule: a very small performance may cap at 0 or 1 (and,
        // like a small one, at 2 or more).
        Class::VerySmallPerformance => Ok(()),
        Class::LargeEvent => at_least(policy.large_min_cap),
        Class::SwimmingHallDay => at_least(policy.swimming_min_cap.unwrap_or(0)),
        Class::GuestProducer if (policy.guest_min_cap..=policy.guest_max_cap).contains(&cap) => {
            Ok(())
        }
        Class::GuestProducer => Err(Refusal::GuestRange {
            min: policy.guest_min_cap,
            max: policy.guest_max_cap,
        }),
    }
}

/// Kaikukortti tickets an item's cap still allows (R-CAP, R-CAP-3): the
/// cap less the tickets recorded and not cancelled; `None` when the item has
/// no cap (then only the venue's own capacity, which its other sales share,
/// limits them).
pub fn cap_left(cap: Option<i32>, used: i32) -> Option<u32> {
    cap.map(|cap| (cap - used).max(0) as u32)
}

/// "Tickets left", as every answer shows it: none at all when the item is
/// sold out or excluded (R-CAP-2, R-OFFER-1), else what its cap allows
/// ([`cap_left`]), or with no cap what its capacity allows ("no cap means no
/// Kaikukortti limit beyond capacity", R-CAP).
pub fn tickets_left(
    capacity: i32,
    cap: Option<i32>,
    used: i32,
    sold_out: bool,
    excluded: bool,
) -> u32 {
    if sold_out || excluded {
        0
    } else {
        cap_left(Some(cap.unwrap_or(capacity)), used).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
