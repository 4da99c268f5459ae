//! The cap table at its edges (R-CAP), with properties for every capacity.

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
