//! What each role reaches and what it does not: coordinators, issuers, venue
//! staff, national admins and tokens (R-AUTH-1 … R-AUTH-5, R-REP-1).

use super::*;

fn person(grants: Vec<Grant>) -> Principal {
    Principal::session(1, grants)
}

#[test]
fn r_auth_1_coordinator_manages_only_its_own_area() {
    let p = person(vec![Grant::AreaCoordinator { area: 1 }]);
    assert_eq!(manage_area(&p, 1).map(|s| s.area()), Some(1));
    assert!(manage_area(&p, 2).is_none());
    assert!(national(&p).is_none());
    let accounts = accounts(&p).unwrap();
    assert!(accounts.admits_area(1) && !accounts.admits_area(2));
    assert!(
        permit_grant(
            &p,
            7,
            Some(1),
            &[],
            Grant::Issuer { area: 1, point: 5 },
            true
        )
        .is_some()
    );
    assert!(
        permit_grant(
            &p,
            7,
            Some(1),
            &[],
            Grant::Issuer { area: 2, point: 6 },
            true
        )
        .is_none()
    );
    assert!(permit_grant(&p, 7, Some(1), &[], Grant::NationalAdmin, true).is_none());
    assert_eq!(audit(&p), Some(AuditScope::Areas(vec![1])));
}

#[test]
fn r_auth_5_grants_stay_inside_the_accounts_home() {
    let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
    let in_b = Grant::Issuer { area: 2, point: 9 };
    // Not into another area's account, not into a national one, not an
    // area-2 grant into an area-1 account.
    assert!(permit_grant(&coord, 7, Some(2), &[], in_b, true).is_none());
    assert!(
        permit_grant(
            &coord,
            7,
            None,
            &[],
            Grant::Issuer { area: 1, point: 5 },
            true
        )
        .is_none()
    );
    assert!(permit_grant(&coord, 7, Some(1), &[], in_b, true).is_none());
    let admin = person(vec![Grant::NationalAdmin]);
    assert!(permit_grant(&admin, 7, None, &[], in_b, true).is_some());
    assert!(permit_grant(&admin, 7, Some(1), &[], in_b, true).is_none());
    let in_a = Grant::Issuer { area: 1, point: 5 };
    assert!(permit_grant(&admin, 7, Some(1), &[], in_a, true).is_none());
    // Nobody gives a grant to their own account.
    assert!(
        permit_grant(
            &admin,
            1,
            None,
            &[],
            Grant::AreaCoordinator { area: 1 },
            true
        )
        .is_none()
    );
    assert!(permit_grant(&admin, 1, None, &[], Grant::NationalAdmin, false).is_none());
    // The home of a new account.
    let in_a = [Grant::Issuer { area: 1, point: 5 }];
    let home = |p: &Principal, g: &[Grant], national| new_account(p, g, national).map(|n| n.home());
    assert_eq!(home(&coord, &in_a, false), Some(Some(1)));
    assert_eq!(home(&coord, &in_a, true), None);
    assert_eq!(home(&coord, &[in_b], false), None);
    assert_eq!(home(&admin, &[in_a[0], in_b], false), Some(None));
    assert_eq!(home(&admin, &in_a, true), Some(None));
    // A national admin makes national accounts only: an area's accounts are
    // made by its coordinators.
    assert_eq!(home(&admin, &in_a, false), Some(None));
    // The keys of an area's account (its password, its grants) are its
    // area's: a national admin who set them could sign in as it.
    let keys = account_keys(&admin).unwrap();
    assert!(keys.admits(None) && !keys.admits(Some(1)));
    assert!(account_keys(&coord).unwrap().admits(Some(1)));
    assert!(!account_keys(&coord).unwrap().admits(None));
    // Tokens are made by the venue's coordinators, not the national level.
    assert!(venue_tokens(&admin).is_none());
    assert!(venue_tokens(&coord).unwrap().admits_area(1));
}

#[test]
fn r_auth_1_issuer_and_venue_staff_manage_nothing_of_the_area() {
    for g in [
        Grant::Issuer { area: 1, point: 2 },
        Grant::VenueStaff { area: 1, venue: 3 },
    ] {
        let p = person(vec![g]);
        assert!(manage_area(&p, 1).is_none());
        assert!(view_area(&p, 1));
        assert!(!view_area(&p, 2));
        assert!(permit_grant(&p, 7, Some(1), &[], g, true).is_none());
        assert_eq!(audit(&p), None);
        assert!(accounts(&p).is_none());
        assert!(!manages_anything(&p));
    }
    let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
    assert!(view_venue(&staff, 1, 3));
    assert!(!view_venue(&staff, 1, 4));
    let issuer = person(vec![Grant::Issuer { area: 1, point: 2 }]);
    assert!(view_point(&issuer, 1, 2));
    assert!(!view_point(&issuer, 1, 9));
}

#[test]
fn r_auth_1_national_admin_reaches_every_area() {
    let p = person(vec![Grant::NationalAdmin]);
    assert!(national(&p).is_some());
    assert!(manage_area(&p, 42).is_some());
    assert_eq!(visible_areas(&p), Some(Listing::All));
    assert_eq!(
        audit(&p),
        Some(AuditScope::National {
            coordinated: vec![]
        })
    );
    assert!(accounts(&p).unwrap().everywhere());
}

#[test]
fn r_auth_3_several_grants_add_up() {
    let p = person(vec![
        Grant::AreaCoordinator { area: 1 },
        Grant::Issuer { area: 1, point: 2 },
        Grant::VenueStaff { area: 3, venue: 4 },
    ]);
    assert!(manage_area(&p, 1).is_some());
    assert!(view_point(&p, 1, 2));
    assert!(view_venue(&p, 3, 4));
    assert!(manage_area(&p, 3).is_none());
    assert_eq!(visible_areas(&p), Some(Listing::Only(vec![1, 3])));
}

#[test]
fn r_auth_2_card_records_stay_in_their_area_and_point() {
    let issuer = person(vec![Grant::Issuer { area: 1, point: 2 }]);
    let reach = card_records(&issuer).unwrap();
    assert!(reach.admits_point(1, 2));
    assert!(!reach.admits_point(1, 3));
    assert!(!reach.admits_area(1));
    // A point id under the wrong area is not the grant's point.
    assert!(!reach.admits_point(5, 2));
    assert!(issuing(&issuer).unwrap().admits_point(1, 2));
    assert!(subject_access(&issuer).is_none());
    let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
    let reach = card_records(&coord).unwrap();
    assert!(reach.admits_point(1, 3) && !reach.admits_point(2, 9));
    assert!(subject_access(&coord).unwrap().admits_area(1));
    assert!(
        issuing(&coord).is_none(),
        "a coordinator issues only as an issuer"
    );
    let admin = person(vec![Grant::NationalAdmin]);
    assert!(
        card_records(&admin).is_none(),
        "no raw records for the national level"
    );
    let staff = person(vec![Grant::VenueStaff { area: 5, venue: 6 }]);
    assert!(card_lookup(&staff).is_some());
    assert!(card_lookup(&Principal::token(1, 5, 6)).is_some());
    assert!(card_records(&staff).is_none());
    assert!(card_lookup(&person(vec![])).is_none());
}

#[test]
fn r_auth_2_box_office_is_the_venues_own_and_its_tokens() {
    let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
    let reach = box_office(&staff).unwrap();
    assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
    let token = Principal::token(7, 1, 3);
    let reach = box_office(&token).unwrap();
    assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
    assert!(
        offering(&token).is_none(),
        "a token records, it does not edit"
    );
    let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
    let reach = box_office(&coord).unwrap();
    assert!(reach.admits_venue(1, 4) && !reach.admits_venue(2, 9));
    let admin = person(vec![Grant::NationalAdmin]);
    assert!(box_office(&admin).is_none());
    assert!(serves_box_office(&staff) && serves_box_office(&coord));
    assert!(!serves_box_office(&admin) && !serves_box_office(&token));
}

#[test]
fn r_rep_1_a_venue_sees_only_its_own_report() {
    let staff = person(vec![Grant::VenueStaff { area: 1, venue: 3 }]);
    let reach = venue_reports(&staff).unwrap();
    assert!(reach.admits_venue(1, 3) && !reach.admits_venue(1, 4));
    let coord = person(vec![Grant::AreaCoordinator { area: 1 }]);
    let reach = venue_reports(&coord).unwrap();
    assert!(reach.admits_venue(1, 4) && !reach.admits_venue(2, 5));
    assert!(venue_reports(&person(vec![Grant::NationalAdmin])).is_none());
    assert!(venue_reports(&Principal::token(7, 1, 3)).is_none());
}

#[test]
fn r_auth_1_token_is_never_a_person() {
    let t = Principal::token(7, 1, 3);
    assert!(!view_venue(&t, 1, 3));
    assert!(!view_area(&t, 1));
    assert_eq!(visible_areas(&t), None);
    assert!(manage_area(&t, 1).is_none());
    assert!(own_account(&t).is_none());
    assert_eq!(audit(&t), None);
    assert!(venue_tokens(&t).is_none());
}

#[test]
fn first_login_a_pending_session_can_do_nothing_but_change_its_password() {
    let p = Principal::pending(4);
    assert_eq!(own_account(&p).map(|o| o.id()), Some(4));
    assert!(card_lookup(&p).is_none());
    assert!(box_office(&p).is_none());
    assert!(!read_national_policy(&p));
    assert_eq!(visible_areas(&p), Some(Listing::Only(vec![])));
}

#[test]
fn r_auth_7_the_operator_reaches_everything() {
    // SAFETY: a test stands in for the binary.
    let op = Principal::operator(&unsafe { Operator::assume() });
    assert!(card_records(&op).unwrap().everywhere());
    assert!(box_office(&op).unwrap().admits_venue(9, 9));
    assert!(accounts(&op).unwrap().everywhere());
    assert!(area_statistics(&op, 3).unwrap().full());
    assert!(own_account(&op).is_none());
}

#[test]
fn r_auth_5_a_national_admin_account_holds_no_grant_that_reads_card_codes() {
    let admin = person(vec![Grant::NationalAdmin]);
    let staff = Grant::VenueStaff { area: 1, venue: 3 };
    let issuer = Grant::Issuer { area: 1, point: 2 };
    let coordinator = Grant::AreaCoordinator { area: 1 };
    for reads in [staff, issuer] {
        assert!(permit_grant(&admin, 7, None, &[Grant::NationalAdmin], reads, true).is_none());
        assert!(permit_grant(&admin, 7, None, &[reads], Grant::NationalAdmin, true).is_none());
        // Taking such a grant away is what resolves the conflict.
        assert!(
            permit_grant(
                &admin,
                7,
                None,
                &[Grant::NationalAdmin, reads],
                reads,
                false
            )
            .is_some()
        );
    }
    assert!(permit_grant(&admin, 7, None, &[Grant::NationalAdmin], coordinator, true).is_some());
    assert!(permit_grant(&admin, 7, None, &[staff], issuer, true).is_some());
}

#[test]
fn r_ops_1_only_the_operator_keeps_the_service() {
    for grants in [
        vec![Grant::NationalAdmin],
        vec![Grant::AreaCoordinator { area: 1 }],
        vec![Grant::VenueStaff { area: 1, venue: 2 }],
    ] {
        assert!(maintenance(&person(grants)).is_none());
    }
    assert!(maintenance(&Principal::token(3, 1, 2)).is_none());
    // SAFETY: `unsafe` marks authority, not memory; a test is the operator.
    let op = Principal::operator(&unsafe { Operator::assume() });
    assert!(maintenance(&op).is_some());
}
