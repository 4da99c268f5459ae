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
    /// R-REP-5: background counts below this are hidden outside their area.
    #[serde(default = "Policy::suppression_default")]
    pub suppression_threshold: u32,
}

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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p() -> Policy {
        Policy::model_2019()
    }

    fn event(class: Class, capacity: u32) -> Item {
        Item {
            course: false,
            class,
            capacity,
            swimming_hall: false,
        }
    }

    #[test]
    fn r_cap_default_is_five_percent_rounded_up() {
        assert_eq!(allowed(&p(), &event(Class::Default, 400), Some(20)), Ok(()));
        assert_eq!(
            allowed(&p(), &event(Class::Default, 400), Some(19)),
            Err(Refusal::BelowPercent {
                capacity: 400,
                min: 20,
                percent: 5
            })
        );
        // 5 % of 401 is 20.05: rounded up to 21.
        assert_eq!(default_minimum(&p(), 401), 21);
        assert!(allowed(&p(), &event(Class::Default, 401), Some(20)).is_err());
        assert_eq!(default_minimum(&p(), 20), 1);
        assert_eq!(default_minimum(&p(), 1), 1);
        assert_eq!(
            allowed(&p(), &event(Class::Default, 400), None),
            Ok(()),
            "no cap: no limit"
        );
    }

    #[test]
    fn r_cap_small_performance_edges_50_51() {
        assert_eq!(
            allowed(&p(), &event(Class::SmallPerformance, 50), Some(2)),
            Ok(())
        );
        assert_eq!(
            allowed(&p(), &event(Class::SmallPerformance, 50), Some(1)),
            Err(Refusal::BelowMinimum {
                class: Class::SmallPerformance,
                min: 2
            })
        );
        assert_eq!(
            allowed(&p(), &event(Class::SmallPerformance, 51), Some(3)),
            Err(Refusal::ClassCapacity {
                class: Class::SmallPerformance,
                limit: 50
            })
        );
    }

    #[test]
    fn r_cap_very_small_performance_edges_10_11_trial_rule() {
        assert_eq!(
            allowed(&p(), &event(Class::VerySmallPerformance, 10), Some(0)),
            Ok(())
        );
        assert_eq!(
            allowed(&p(), &event(Class::VerySmallPerformance, 10), Some(1)),
            Ok(())
        );
        assert_eq!(
            allowed(&p(), &event(Class::VerySmallPerformance, 11), Some(1)),
            Err(Refusal::ClassCapacity {
                class: Class::VerySmallPerformance,
                limit: 10
            })
        );
        let off = Policy {
            very_small_max_capacity: None,
            ..p()
        };
        assert_eq!(
            allowed(&off, &event(Class::VerySmallPerformance, 8), Some(1)),
            Err(Refusal::TrialRuleOff {
                class: Class::VerySmallPerformance
            })
        );
    }

    #[test]
    fn r_cap_large_event_edges_1000_1001() {
        assert_eq!(
            allowed(&p(), &event(Class::LargeEvent, 1001), Some(20)),
            Ok(())
        );
        assert_eq!(
            allowed(&p(), &event(Class::LargeEvent, 1001), Some(19)),
            Err(Refusal::BelowMinimum {
                class: Class::LargeEvent,
                min: 20
            })
        );
        assert_eq!(
            allowed(&p(), &event(Class::LargeEvent, 1000), Some(50)),
            Err(Refusal::ClassCapacity {
                class: Class::LargeEvent,
                limit: 1000
            })
        );
        // As a default item, 1000 seats would need 50.
        assert!(allowed(&p(), &event(Class::Default, 1000), Some(49)).is_err());
    }

    #[test]
    fn r_cap_swimming_hall_day_trial_rule() {
        let hall = Item {
            swimming_hall: true,
            ..event(Class::SwimmingHallDay, 300)
        };
        assert_eq!(allowed(&p(), &hall, Some(20)), Ok(()));
        assert_eq!(
            allowed(&p(), &hall, Some(19)),
            Err(Refusal::BelowMinimum {
                class: Class::SwimmingHallDay,
                min: 20
            })
        );
        assert_eq!(
            allowed(&p(), &event(Class::SwimmingHallDay, 300), Some(20)),
            Err(Refusal::NotASwimmingHall)
        );
        let off = Policy {
            swimming_min_cap: None,
            ..p()
        };
        assert_eq!(
            allowed(&off, &hall, Some(20)),
            Err(Refusal::TrialRuleOff {
                class: Class::SwimmingHallDay
            })
        );
    }

    #[test]
    fn r_cap_guest_producer_two_to_ten() {
        for (cap, ok) in [(1, false), (2, true), (10, true), (11, false)] {
            assert_eq!(
                allowed(&p(), &event(Class::GuestProducer, 300), Some(cap)).is_ok(),
                ok,
                "{cap}"
            );
        }
        assert_eq!(
            allowed(&p(), &event(Class::GuestProducer, 300), Some(11)),
            Err(Refusal::GuestRange { min: 2, max: 10 })
        );
    }

    #[test]
    fn r_cap_course_needs_two_places() {
        let course = Item {
            course: true,
            class: Class::Default,
            capacity: 15,
            swimming_hall: false,
        };
        assert_eq!(allowed(&p(), &course, Some(2)), Ok(()));
        assert_eq!(
            allowed(&p(), &course, Some(1)),
            Err(Refusal::CourseBelowMinimum { min: 2 })
        );
    }

    #[test]
    fn r_cap_never_above_capacity() {
        assert_eq!(
            allowed(&p(), &event(Class::Default, 30), Some(31)),
            Err(Refusal::AboveCapacity { capacity: 30 })
        );
        assert_eq!(
            allowed(&p(), &event(Class::GuestProducer, 5), Some(6)),
            Err(Refusal::AboveCapacity { capacity: 5 })
        );
    }

    #[test]
    fn r_cap_policy_change_applies_from_its_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let old = p();
        let new = Policy {
            effective_from: d(2027, 1, 1),
            default_percent: 10,
            ..p()
        };
        let versions = [old.clone(), new.clone()];
        assert_eq!(Policy::in_force(&versions, d(2026, 12, 31)), Some(&old));
        assert_eq!(Policy::in_force(&versions, d(2027, 1, 1)), Some(&new));
        assert_eq!(Policy::in_force(&versions, d(2019, 1, 1)), None);
        assert!(allowed(&new, &event(Class::Default, 400), Some(20)).is_err());
        assert!(allowed(&old, &event(Class::Default, 400), Some(20)).is_ok());
    }

    proptest! {
        /// A cap that is enough for a default item stays enough for any
        /// smaller item of the same class (the minimum never falls as the
        /// capacity grows).
        #[test]
        fn r_cap_minimum_is_monotone_in_capacity(a in 1u32..100_000, b in 1u32..100_000) {
            let (small, large) = (a.min(b), a.max(b));
            prop_assert!(default_minimum(&p(), small) <= default_minimum(&p(), large));
        }

        #[test]
        fn r_cap_any_cap_between_minimum_and_capacity_is_allowed(capacity in 1u32..50_000, extra in 0u32..50_000) {
            let min = default_minimum(&p(), capacity);
            let cap = (min + extra).min(capacity);
            prop_assert_eq!(allowed(&p(), &event(Class::Default, capacity), Some(cap)), Ok(()));
        }
    }

    #[test]
    fn r_cap_tickets_left_means_one_thing() {
        assert_eq!(tickets_left(400, Some(10), 3, false, false), 7);
        assert_eq!(tickets_left(400, Some(10), 12, false, false), 0);
        assert_eq!(tickets_left(400, None, 3, false, false), 397);
        assert_eq!(tickets_left(400, None, 3, true, false), 0);
        assert_eq!(tickets_left(400, Some(10), 3, false, true), 0);
        assert_eq!(cap_left(Some(10), 3), Some(7));
    }
}
