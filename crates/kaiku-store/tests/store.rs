//! The store on both backends: migrations, restarts, transactions, the
//! append-only audit log and grant consistency.

use diesel::RunQueryDsl;
use kaiku_core::grant::Grant;
use kaiku_core::policy::{self, Operator, Principal};
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::TestDb;
use kaiku_store::{Actor, Store, StoreError, accounts, audit, now, on_both};

/// The tests stand in for the binary, the one holder of the operator's
/// authority.
fn op() -> Principal {
    // SAFETY: `unsafe` marks authority, not memory; a test is the operator.
    Principal::operator(&unsafe { Operator::assume() })
}

fn national() -> policy::NationalScope {
    policy::national(&op()).unwrap()
}

fn area_fields(name: &str) -> AreaFields {
    AreaFields {
        name: name.into(),
        name_sv: None,
        trial_ends: None,
        local_only: false,
        municipality_codes: "091".into(),
        brochure_languages: "fi,sv".into(),
    }
}

on_both!(
    migrations_run_from_empty_and_a_restart_keeps_everything,
    |db: TestDb| async move {
        let store = Store::open(&db.url).expect("migrate from empty");
        let id = store
            .write(|c| areas::create(c, &national(), &area_fields("Pohjois-Karjala"), now()))
            .await
            .unwrap();
        drop(store);
        let again = Store::open(&db.url).expect("reopen an existing database");
        let area = again.read(move |c| areas::get(c, id)).await.unwrap();
        assert_eq!(area.name, "Pohjois-Karjala");
        assert_eq!(area.municipality_codes, "091");
    }
);

on_both!(
    r_auth_4_audit_log_is_append_only_in_the_database,
    |db: TestDb| async move {
        let store = Store::open(&db.url).unwrap();
        store
            .write(|c| {
                audit::record(
                    c,
                    &Actor::system("test"),
                    &audit::Event {
                        action: "area.create",
                        record_type: "area",
                        record_id: Some(1),
                        area: Some(1),
                        detail: String::new(),
                    },
                    now(),
                )
            })
            .await
            .unwrap();
        let mut conn = store.conn().unwrap();
        assert!(
            diesel::sql_query("UPDATE audit_log SET action = 'forged'")
                .execute(&mut *conn)
                .is_err()
        );
        assert!(
            diesel::sql_query("DELETE FROM audit_log")
                .execute(&mut *conn)
                .is_err()
        );
        let entries = audit::list(&mut conn, &policy::AuditScope::All, None, 10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].action, "area.create");
    }
);

on_both!(
    write_transaction_stores_all_or_nothing,
    |db: TestDb| async move {
        let store = Store::open(&db.url).unwrap();
        let result: Result<(), StoreError> = store
            .write(|c| {
                areas::create(c, &national(), &area_fields("A"), now())?;
                // The same name again breaks the unique constraint: the first insert must go too.
                areas::create(c, &national(), &area_fields("A"), now())?;
                Ok(())
            })
            .await;
        assert!(matches!(result, Err(StoreError::Conflict)));
        let all = store.read(|c| areas::list(c, None)).await.unwrap();
        assert!(all.is_empty());
    }
);

on_both!(
    r_auth_1_grant_must_match_the_area_of_its_point,
    |db: TestDb| async move {
        let store = Store::open(&db.url).unwrap();
        let (a, b, point_in_b) = store
            .write(|c| {
                let a = areas::create(c, &national(), &area_fields("A"), now())?;
                let b = areas::create(c, &national(), &area_fields("B"), now())?;
                let fields = PointFields {
                    name: "P".into(),
                    kind: kaiku_core::org::PointKind::Ngo,
                    active: true,
                };
                let p = points::create(c, &policy::manage_area(&op(), b).unwrap(), &fields, now())?;
                Ok::<_, StoreError>((a, b, p))
            })
            .await
            .unwrap();
        let result = store
            .write(move |c| {
                let home = policy::new_account(&op(), &[], true).unwrap();
                let id = accounts::create(c, &home, "anna", "x", false, now())?;
                let wrong = Grant::Issuer {
                    area: a,
                    point: point_in_b,
                };
                let permit = policy::permit_grant(&op(), id, None, &[], wrong, true).unwrap();
                accounts::add_grant(c, &permit, now())
            })
            .await;
        assert!(matches!(result, Err(StoreError::InvalidReference)));
        let ok = store
            .write(move |c| {
                let home = policy::new_account(&op(), &[], true).unwrap();
                let id = accounts::create(c, &home, "bertil", "x", false, now())?;
                let right = Grant::Issuer {
                    area: b,
                    point: point_in_b,
                };
                let permit = policy::permit_grant(&op(), id, None, &[], right, true).unwrap();
                accounts::add_grant(c, &permit, now())?;
                accounts::grants_of(c, &policy::accounts(&op()).unwrap(), id)
            })
            .await
            .unwrap();
        assert_eq!(
            ok[0].grant,
            Grant::Issuer {
                area: b,
                point: point_in_b
            }
        );
    }
);

#[test]
fn database_url_needs_a_known_scheme() {
    use kaiku_store::DatabaseUrl;
    assert_eq!(
        DatabaseUrl::parse("sqlite://kaiku.db").unwrap(),
        DatabaseUrl::Sqlite("kaiku.db".into())
    );
    assert!(matches!(
        DatabaseUrl::parse("postgres://u@h/db").unwrap(),
        DatabaseUrl::Postgres(_)
    ));
    assert!(DatabaseUrl::parse("kaiku.db").is_err());
    assert!(DatabaseUrl::parse("mysql://x").is_err());
    assert_eq!(
        DatabaseUrl::parse("postgres://kaiku:secret@db/kaiku")
            .unwrap()
            .redacted(),
        "postgres://kaiku:***@db/kaiku"
    );
}

mod caps {
    use super::*;
    use kaiku_core::code::{Check, Series};
    use kaiku_store::cards;
    use kaiku_store::items::{self, ItemFields};
    use kaiku_store::tickets::{self, NewTicket};
    use kaiku_store::venues::{self, VenueFields};

    /// An item with `cap` and `cards_n` issued cards to record with.
    async fn setup(store: &Store, cap: Option<i32>, cards_n: i64) -> (i64, Vec<i64>, i64, i64) {
        store
            .write(move |c| {
                let area = areas::create(c, &national(), &area_fields("Caps"), now())?;
                let scope = policy::manage_area(&op(), area).unwrap();
                let stock = policy::stock(&op()).unwrap();
                let issuing = policy::issuing(&op()).unwrap();
                let offering = policy::offering(&op()).unwrap();
                let lookup = policy::card_lookup(&op()).unwrap();
                let point = points::create(
                    c,
                    &scope,
                    &PointFields {
                        name: "P".into(),
                        kind: kaiku_core::org::PointKind::Ngo,
                        active: true,
                    },
                    now(),
                )?;
                let venue = venues::create(
                    c,
                    &scope,
                    &VenueFields::new("V", kaiku_core::org::Sector::Theatre),
                    now(),
                )?;
                let series = Series::new("C", 1, cards_n, None, Check::None).unwrap();
                cards::create_series(c, &stock, area, &series, now())?;
                let mut ids = vec![];
                for n in 1..=cards_n {
                    let card = cards::lookup(c, &lookup, &series.code(n))?.unwrap();
                    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
                    let g = cards::Grant {
                        kind: kaiku_core::card::Kind::Personal,
                        point,
                        grant_date: day,
                        valid_until: day,
                        minor_children: Some(0),
                    };
                    let event = cards::NewEvent {
                        event: kaiku_core::card::Event::Issued,
                        at: now(),
                        ..Default::default()
                    };
                    cards::issue(c, &issuing, card.id, &g, &event, now())?;
                    ids.push(card.id);
                }
                let item = items::create(
                    c,
                    &offering,
                    venue,
                    &ItemFields {
                        kind: kaiku_core::usage::ItemKind::Event,
                        title: "Show".into(),
                        starts_at: now(),
                        capacity: 400,
                        class: kaiku_core::cap::Class::Default,
                        cap,
                        booking_opens_days_before: None,
                        redeem_opens_minutes_before: None,
                        sold_out: false,
                        excluded: false,
                        exclusion_reason: None,
                    },
                    None,
                    now(),
                )?;
                Ok::<_, StoreError>((item, ids, venue, area))
            })
            .await
            .unwrap()
    }

    fn ticket(item: i64, card: i64, venue: i64, area: i64) -> NewTicket {
        NewTicket {
            item_id: item,
            card_id: card,
            venue_id: venue,
            area_id: area,
            use_key: format!("u{card}"),
            adults: 1,
            children: 0,
            channel: kaiku_core::org::SalesChannel::BoxOffice,
            status: kaiku_core::usage::TicketStatus::Reserved,
            backlog: false,
            used_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            recorded_at: now(),
        }
    }

    fn box_office() -> policy::Reach<policy::BoxOffice> {
        policy::box_office(&op()).unwrap()
    }

    /// Takes the cap and writes the ticket in one transaction, as a box office would.
    async fn record(store: &Store, t: NewTicket) -> Result<bool, StoreError> {
        store
            .write(move |c| {
                let reach = box_office();
                if tickets::take_cap(c, &reach, t.item_id, t.adults + t.children)?.is_none() {
                    return Ok(false);
                }
                tickets::insert(c, &reach, &t)?;
                Ok(true)
            })
            .await
    }

    on_both!(
        r_use_4_two_hundred_concurrent_records_never_pass_a_cap_of_five,
        |db: TestDb| async move {
            let store = Store::open(&db.url).unwrap();
            let (item, cards, venue, area) = setup(&store, Some(5), 200).await;
            let mut tasks = vec![];
            for card in cards {
                let store = store.clone();
                tasks.push(tokio::spawn(async move {
                    record(&store, ticket(item, card, venue, area)).await
                }));
            }
            let mut ok = 0;
            for t in tasks {
                if t.await.unwrap().unwrap() {
                    ok += 1;
                }
            }
            assert_eq!(ok, 5);
            assert_eq!(
                store
                    .read(move |c| tickets::live_total(c, &box_office(), item))
                    .await
                    .unwrap(),
                5
            );
            assert_eq!(
                store
                    .read(move |c| items::get(c, &box_office(), item))
                    .await
                    .unwrap()
                    .kaiku_used,
                5
            );
        }
    );

    on_both!(
        r_auth_6_the_cap_is_taken_only_within_the_reach,
        |db: TestDb| async move {
            let store = Store::open(&db.url).unwrap();
            let (item, cards, venue, area) = setup(&store, None, 2).await;
            // The staff of another venue of the same area, and of another area.
            let other_venue = policy::Principal::session(
                1,
                vec![Grant::VenueStaff {
                    area,
                    venue: venue + 1000,
                }],
            );
            let other_area = policy::Principal::session(
                1,
                vec![Grant::VenueStaff {
                    area: area + 1000,
                    venue,
                }],
            );
            for p in [other_venue, other_area] {
                let reach = policy::box_office(&p).unwrap();
                let r = reach.clone();
                // Nothing taken: no room as far as this reach goes, or (a
                // venue under another area than its grant names) refused.
                let taken = store
                    .write(move |c| tickets::take_cap(c, &r, item, 1))
                    .await;
                assert!(
                    matches!(taken, Ok(None) | Err(StoreError::NotFound)),
                    "{taken:?}"
                );
                let past = store
                    .write(move |c| tickets::take_past_cap(c, &reach, item, 1))
                    .await;
                assert!(matches!(past, Err(StoreError::NotFound)), "{past:?}");
            }
            // The proof of a taking admits tickets of its own item only.
            let card = cards[0];
            let wrong = store
                .write(move |c| {
                    let taken = tickets::take_cap(c, &box_office(), item, 1)?.unwrap();
                    tickets::insert_taken(c, &taken, &ticket(item + 1, card, venue, area))
                })
                .await;
            assert!(
                matches!(wrong, Err(StoreError::InvalidReference)),
                "{wrong:?}"
            );
            let used = store
                .read(move |c| items::get(c, &box_office(), item))
                .await
                .unwrap()
                .kaiku_used;
            assert_eq!(used, 0, "nothing taken stands");
        }
    );

    on_both!(
        r_use_4_a_cancellation_racing_records_keeps_the_count_true,
        |db: TestDb| async move {
            let store = Store::open(&db.url).unwrap();
            let (item, cards, venue, area) = setup(&store, Some(1), 41).await;
            assert!(
                record(&store, ticket(item, cards[0], venue, area))
                    .await
                    .unwrap()
            );
            let first = store
                .read(move |c| {
                    use diesel::prelude::*;
                    kaiku_store::schema::tickets::table
                        .select(kaiku_store::schema::tickets::id)
                        .first::<i64>(c)
                        .map_err(StoreError::from)
                })
                .await
                .unwrap();
            let mut tasks = vec![];
            let s = store.clone();
            tasks.push(tokio::spawn(async move {
                s.write(move |c| tickets::cancel(c, &box_office(), first, now()))
                    .await
            }));
            for card in &cards[1..] {
                let (s, card) = (store.clone(), *card);
                tasks.push(tokio::spawn(async move {
                    record(&s, ticket(item, card, venue, area)).await
                }));
            }
            for t in tasks {
                t.await.unwrap().unwrap();
            }
            let live = store
                .read(move |c| tickets::live_total(c, &box_office(), item))
                .await
                .unwrap();
            let used = store
                .read(move |c| items::get(c, &box_office(), item))
                .await
                .unwrap()
                .kaiku_used;
            assert!(live <= 1, "never over the cap: {live}");
            assert_eq!(i64::from(used), live, "the counter matches the tickets");
        }
    );

    on_both!(
        r_use_3_one_live_ticket_per_card_and_item,
        |db: TestDb| async move {
            let store = Store::open(&db.url).unwrap();
            let (item, cards, venue, area) = setup(&store, Some(10), 1).await;
            assert!(
                record(&store, ticket(item, cards[0], venue, area))
                    .await
                    .unwrap()
            );
            let again = record(&store, ticket(item, cards[0], venue, area)).await;
            assert!(matches!(again, Err(StoreError::Conflict)), "{again:?}");
            assert_eq!(
                store
                    .read(move |c| items::get(c, &box_office(), item))
                    .await
                    .unwrap()
                    .kaiku_used,
                1,
                "the failed insert gave its share back"
            );
            let id = store
                .read(move |c| {
                    use diesel::prelude::*;
                    kaiku_store::schema::tickets::table
                        .select(kaiku_store::schema::tickets::id)
                        .first::<i64>(c)
                        .map_err(StoreError::from)
                })
                .await
                .unwrap();
            assert!(
                store
                    .write(move |c| tickets::cancel(c, &box_office(), id, now()))
                    .await
                    .unwrap()
            );
            assert!(
                !store
                    .write(move |c| tickets::cancel(c, &box_office(), id, now()))
                    .await
                    .unwrap(),
                "cancelled once"
            );
            assert!(
                record(&store, ticket(item, cards[0], venue, area))
                    .await
                    .unwrap(),
                "after a cancellation the card may come again"
            );
        }
    );

    on_both!(
        r_use_9_idempotency_keys_keep_the_first_answer,
        |db: TestDb| async move {
            let store = Store::open(&db.url).unwrap();
            store
                .write(|c| tickets::remember(c, "k1", "fp", 201, "{\"id\":1}", now()))
                .await
                .unwrap();
            let second = store
                .write(|c| tickets::remember(c, "k1", "fp2", 201, "{\"id\":2}", now()))
                .await;
            assert!(matches!(second, Err(StoreError::Conflict)));
            let first = store
                .read(|c| tickets::recall(c, "k1"))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (
                    first.status,
                    first.response.as_str(),
                    first.fingerprint.as_str()
                ),
                (201, "{\"id\":1}", "fp")
            );
            assert!(
                store
                    .read(|c| tickets::recall(c, "k2"))
                    .await
                    .unwrap()
                    .is_none()
            );
        }
    );
}

on_both!(
    a_write_that_panics_leaves_no_connection_inside_its_transaction,
    |db: TestDb| async move {
        let store = Store::open(&db.url).unwrap();
        // More panics than the pool has connections: a broken connection
        // handed out again would leave some later write uncommitted.
        for i in 0..12 {
            let name = format!("half-written {i}");
            let failed = store
                .write(move |c| {
                    areas::create(c, &national(), &area_fields(&name), now())?;
                    panic!("a bug inside a write");
                    #[allow(unreachable_code)]
                    Ok::<(), StoreError>(())
                })
                .await;
            assert!(failed.is_err(), "a panicked write reports an error");
        }
        let mut ids = vec![];
        for i in 0..24 {
            let name = format!("after {i}");
            let id = store
                .write(move |c| areas::create(c, &national(), &area_fields(&name), now()))
                .await
                .expect("writes go on after a panic");
            ids.push(id);
        }
        drop(store);
        // A second pool sees only what was committed: every acknowledged
        // write, and nothing of the panicked ones.
        let other = Store::open(&db.url).unwrap();
        let names: Vec<String> = other
            .read(|c| areas::list(c, None))
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names.len(), 24, "{names:?}");
        assert!(names.iter().all(|n| n.starts_with("after ")));
    }
);

on_both!(
    a_read_that_panics_answers_unavailable_and_reads_go_on,
    |db: TestDb| async move {
        let store = Store::open(&db.url).unwrap();
        // More panics than the pool has connections, by both kinds of read:
        // each is told it failed, and none takes a connection with it.
        for i in 0..12 {
            let failed = if i % 2 == 0 {
                store
                    .read_short(|_| -> Result<(), StoreError> { panic!("a bug inside a read") })
                    .await
            } else {
                store
                    .read(|_| -> Result<(), StoreError> { panic!("a bug inside a read") })
                    .await
            };
            assert!(
                matches!(failed, Err(StoreError::Unavailable(_))),
                "{failed:?}"
            );
        }
        for _ in 0..24 {
            store
                .read_short(|c| areas::list(c, None))
                .await
                .expect("reads go on after a panic");
        }
    }
);

on_both!(
    r_auth_5_existing_accounts_get_their_home_by_migration,
    |db: TestDb| async move {
        use kaiku_store::testing::{connect, migrate_before};
        let mut c = connect(&db.url);
        migrate_before(&mut c, "20261129000015").unwrap();
        // A register as the earlier release left it: accounts with grants in
        // one area, in two areas, with national_admin, and with none.
        diesel::sql_query(
            "INSERT INTO areas (id, name, trial_ends, local_only, municipality_codes, brochure_languages, created_at) VALUES \
             (1, 'A', NULL, FALSE, '', 'fi', '2026-01-01 00:00:00'), (2, 'B', NULL, FALSE, '', 'fi', '2026-01-01 00:00:00')",
        )
        .execute(&mut c)
        .unwrap();
        for (id, name) in [
            (1, "one_area"),
            (2, "two_areas"),
            (3, "admin"),
            (4, "stripped"),
        ] {
            diesel::sql_query(format!(
                "INSERT INTO accounts (id, username, password_hash, active, created_at, password_changed_at) \
                 VALUES ({id}, '{name}', 'x', TRUE, '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ))
            .execute(&mut c)
            .unwrap();
        }
        for (account, role, area) in [
            (1, "area_coordinator", "2"),
            (2, "area_coordinator", "1"),
            (2, "area_coordinator", "2"),
            (3, "national_admin", "NULL"),
            (3, "area_coordinator", "1"),
        ] {
            diesel::sql_query(format!(
                "INSERT INTO grants (account_id, role, area_id, created_at) \
                 VALUES ({account}, '{role}', {area}, '2026-01-01 00:00:00')"
            ))
            .execute(&mut c)
            .unwrap();
        }
        drop(c);
        let store = Store::open(&db.url).expect("the rest of the migrations");
        let homes: Vec<(String, Option<i64>, bool)> = store
            .read(|c| accounts::list(c, &policy::accounts(&op()).unwrap()))
            .await
            .unwrap()
            .into_iter()
            .map(|(a, _)| (a.username, a.home_area_id, a.password_change_required))
            .collect();
        assert_eq!(
            homes,
            vec![
                ("admin".to_string(), None, false),
                ("one_area".to_string(), Some(2), false),
                ("stripped".to_string(), None, false),
                ("two_areas".to_string(), None, false),
            ]
        );
    }
);

on_both!(
    r_priv_5_refused_cells_of_earlier_uploads_are_removed_by_migration,
    |db: TestDb| async move {
        use kaiku_store::testing::{connect, migrate_before};
        let mut c = connect(&db.url);
        migrate_before(&mut c, "20261129000017").unwrap();
        // An upload as the earlier release kept it: its refused rows with
        // every cell as typed, a name and a phone number among them.
        diesel::sql_query(
            "INSERT INTO areas (id, name, trial_ends, local_only, municipality_codes, brochure_languages, created_at) \
             VALUES (1, 'A', NULL, FALSE, '', 'fi', '2026-01-01 00:00:00')",
        )
        .execute(&mut c)
        .unwrap();
        diesel::sql_query(
            "INSERT INTO imports (id, kind, area_id, created_by, created_at, status, accepted, refused, content, refused_rows) \
             VALUES (1, 'usage', 1, 'kassa', '2026-01-01 00:00:00', 'preview', 0, 1, '[]', \
             '{\"headings\":[\"Kortin koodi\",\"Syy\"],\"rows\":[[\"Matti Meikäläinen 040 1234567\",\"Rivi 2\"]]}')",
        )
        .execute(&mut c)
        .unwrap();
        drop(c);
        let store = Store::open(&db.url).expect("the rest of the migrations");
        let kept: String = store
            .read(|c| {
                use diesel::prelude::*;
                use kaiku_store::schema::imports;
                imports::table
                    .find(1)
                    .select(imports::refused_rows)
                    .get_result::<String>(c)
                    .map_err(kaiku_store::StoreError::from)
            })
            .await
            .unwrap();
        assert_eq!(kept, "");
    }
);

on_both!(
    r_ops_3_housekeeping_removes_only_what_is_past_its_time,
    |db: TestDb| async move {
        use kaiku_store::housekeeping::{self, Chore};
        let store = Store::open(&db.url).unwrap();
        // The test's clock: records are placed around its cutoffs.
        let now = chrono::NaiveDate::from_ymd_opt(2026, 6, 15)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let ts = |t: chrono::NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
        let (old_key, new_key) = (
            now - chrono::Duration::days(8),
            now - chrono::Duration::days(6),
        );
        let (old_preview, new_preview) = (
            now - chrono::Duration::hours(25),
            now - chrono::Duration::hours(23),
        );
        store
            .write(move |c| {
                let area = areas::create(c, &national(), &area_fields("A"), now)?;
                let home = policy::new_account(&op(), &[], true).unwrap();
                let account = accounts::create(c, &home, "anna", "x", false, now)?;
                for n in 0..1200 {
                    diesel::sql_query(format!(
                        "INSERT INTO idempotency_keys (key_hash, status, response, created_at, fingerprint) \
                         VALUES ('old{n}', 201, '{{}}', '{}', 'f')",
                        ts(old_key)
                    ))
                    .execute(c)?;
                }
                diesel::sql_query(format!(
                    "INSERT INTO idempotency_keys (key_hash, status, response, created_at, fingerprint) \
                     VALUES ('new', 201, '{{}}', '{}', 'f')",
                    ts(new_key)
                ))
                .execute(c)?;
                for (status, at) in [
                    ("preview", old_preview),
                    ("preview", new_preview),
                    ("confirmed", old_preview),
                ] {
                    diesel::sql_query(format!(
                        "INSERT INTO imports (kind, area_id, created_by, created_at, status, accepted, refused, content, refused_rows) \
                         VALUES ('usage', {area}, 'x', '{}', '{status}', 0, 0, '[]', '[]')",
                        ts(at)
                    ))
                    .execute(c)?;
                }
                for (id, expires) in [("ended", now - chrono::Duration::minutes(1)), ("live", now + chrono::Duration::hours(1))] {
                    diesel::sql_query(format!(
                        "INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) \
                         VALUES ('{id}', {account}, 'c', '{}', '{}')",
                        ts(now - chrono::Duration::hours(2)),
                        ts(expires)
                    ))
                    .execute(c)?;
                }
                for (table, col) in [("login_failures", "username, address"), ("card_lookups", "caller, kind")] {
                    let vals = "'a', 'b'";
                    for at in [now - chrono::Duration::hours(25), now - chrono::Duration::hours(1)] {
                        diesel::sql_query(format!(
                            "INSERT INTO {table} ({col}, at) VALUES ({vals}, '{}')",
                            ts(at)
                        ))
                        .execute(c)?;
                    }
                }
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
        let mut removed: Vec<(Chore, usize)> = vec![];
        let upkeep = policy::maintenance(&op()).unwrap();
        housekeeping::sweep(&store, upkeep, now, |chore, n| removed.push((chore, n)))
            .await
            .unwrap();
        let keys: Vec<usize> = removed
            .iter()
            .filter(|(c, _)| *c == Chore::IdempotencyKeys)
            .map(|(_, n)| *n)
            .collect();
        assert_eq!(keys, vec![500, 500, 200], "in batches");
        for (chore, n) in [
            (Chore::ImportPreviews, 1),
            (Chore::Sessions, 1),
            (Chore::LoginFailures, 1),
            (Chore::CardLookups, 1),
        ] {
            assert_eq!(
                removed
                    .iter()
                    .filter(|(c, _)| *c == chore)
                    .map(|(_, n)| n)
                    .sum::<usize>(),
                n,
                "{chore:?}"
            );
        }
        let left = |table: &'static str| {
            let store = store.clone();
            async move {
                store
                    .read(move |c| {
                        #[derive(diesel::QueryableByName)]
                        struct N {
                            #[diesel(sql_type = diesel::sql_types::BigInt)]
                            n: i64,
                        }
                        let r: N = diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                            .get_result(c)?;
                        Ok::<_, StoreError>(r.n)
                    })
                    .await
                    .unwrap()
            }
        };
        assert_eq!(left("idempotency_keys").await, 1, "the recent key stays");
        assert_eq!(
            left("imports").await,
            2,
            "a recent preview and a confirmed import stay"
        );
        assert_eq!(left("sessions").await, 1, "the live session stays");
        assert_eq!(left("login_failures").await, 1);
        assert_eq!(left("card_lookups").await, 1);
    }
);

on_both!(
    r_ops_4_a_failed_migration_leaves_the_register_as_it_was,
    |db: TestDb| async move {
        use kaiku_store::testing::{connect, migrate_before};
        let mut c = connect(&db.url);
        migrate_before(&mut c, "20261130000021").unwrap();
        // Something in the way of a later migration: a table of its name.
        diesel::sql_query("CREATE TABLE card_lookups (something TEXT)")
            .execute(&mut c)
            .unwrap();
        let err = match Store::open(&db.url) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("the migration should have failed"),
        };
        assert!(err.contains("migration failed"), "{err}");
        #[derive(diesel::QueryableByName)]
        struct V {
            #[diesel(sql_type = diesel::sql_types::Text)]
            version: String,
        }
        let versions: Vec<String> =
            diesel::sql_query("SELECT version FROM __diesel_schema_migrations")
                .load::<V>(&mut c)
                .unwrap()
                .into_iter()
                .map(|v| v.version)
                .collect();
        assert!(
            !versions.iter().any(|v| v.as_str() >= "20261130000021"),
            "no migration of the failed run stays: {versions:?}"
        );
        // The register still opens once what was in the way is gone.
        diesel::sql_query("DROP TABLE card_lookups")
            .execute(&mut c)
            .unwrap();
        Store::open(&db.url).unwrap();
    }
);

/// On PostgreSQL only: a connection the server drops under the writer fails
/// the writes of that moment, and the writes after it go on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(kaiku_pg),
    ignore = "KAIKU_TEST_POSTGRES_URL was not set when the tests were built"
)]
async fn r_use_4_a_lost_connection_fails_only_the_writes_of_that_moment() {
    use diesel::Connection;
    let base = std::env::var(kaiku_store::testing::POSTGRES_ENV).unwrap();
    let name = format!("kaiku_lost_{:08x}", rand_id());
    let mut admin = diesel::PgConnection::establish(&base).unwrap();
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .unwrap();
    let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
    let store = Store::open(&url).unwrap();
    let area = |n: &'static str| {
        let store = store.clone();
        async move {
            store
                .write(move |c| areas::create(c, &national(), &area_fields(n), now()))
                .await
        }
    };
    area("Before").await.unwrap();
    diesel::sql_query(format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    ))
    .execute(&mut admin)
    .unwrap();
    // The write of that moment may fail (and then writes nothing) …
    let during = area("During").await;
    // … and the next one is written.
    area("After").await.unwrap();
    let names: Vec<String> = store
        .read(|c| Ok::<_, StoreError>(areas::list(c, None)?.into_iter().map(|a| a.name).collect()))
        .await
        .unwrap();
    let mut expected = vec!["After".to_string(), "Before".to_string()];
    if during.is_ok() {
        expected.push("During".into());
    }
    let mut names = names;
    names.sort();
    expected.sort();
    assert_eq!(names, expected);
    drop(store);
    diesel::sql_query(format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .unwrap();
}

fn rand_id() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        ^ std::process::id()
}

on_both!(
    r_use_4_a_write_that_fails_in_a_group_leaves_nothing_and_the_others_stand,
    |db: TestDb| async move {
        use kaiku_store::tickets::remember_later;
        let store = std::sync::Arc::new(Store::open(&db.url).unwrap());
        let event = |action: &'static str, n: i64| audit::Event {
            action,
            record_type: "test",
            record_id: Some(n),
            area: None,
            detail: String::new(),
        };
        let mut tasks = vec![];
        for n in 0..150i64 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .write_for(1, move |c| {
                        let actor = Actor::system("test");
                        audit::record_later(c, &actor, &event("test.kept", n), now())?;
                        // A key ten jobs share: one answer is kept for it,
                        // and no job fails the others for it.
                        let key = if n % 15 == 0 {
                            "shared".to_string()
                        } else {
                            format!("key-{n}")
                        };
                        remember_later(c, &key, "fp", 201, "{}", now())?;
                        if n % 3 == 1 {
                            // Written at once, then the job fails: neither its
                            // direct write nor what it left for later stays.
                            audit::record(c, &actor, &event("test.rolled", n), now())?;
                            return Err(StoreError::Conflict);
                        }
                        Ok(n)
                    })
                    .await
            }));
        }
        let mut ok = vec![];
        for t in tasks {
            if let Ok(n) = t.await.unwrap() {
                ok.push(n);
            }
        }
        let expected: Vec<i64> = (0..150).filter(|n| n % 3 != 1).collect();
        // Jobs sharing a key in one group: the second is refused like the
        // unique key would; in another group, it stands without its answer.
        let refused_shared: Vec<&i64> = expected.iter().filter(|n| !ok.contains(n)).collect();
        assert!(
            refused_shared.iter().all(|n| *n % 15 == 0),
            "only jobs sharing a key may fail: {refused_shared:?}"
        );
        let count = |sql: &'static str| {
            let store = store.clone();
            async move {
                #[derive(diesel::QueryableByName)]
                struct N {
                    #[diesel(sql_type = diesel::sql_types::BigInt)]
                    n: i64,
                }
                store
                    .read(move |c| {
                        Ok::<_, StoreError>(diesel::sql_query(sql).get_result::<N>(c)?.n)
                    })
                    .await
                    .unwrap()
            }
        };
        assert_eq!(
            count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'test.kept'").await,
            ok.len() as i64
        );
        assert_eq!(
            count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'test.rolled'").await,
            0
        );
        assert_eq!(
            count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key_hash = 'shared'").await,
            1
        );
        let unique_ok = ok.iter().filter(|n| *n % 15 != 0).count() as i64;
        assert_eq!(
            count("SELECT COUNT(*) AS n FROM idempotency_keys WHERE key_hash LIKE 'key-%'").await,
            unique_ok
        );
    }
);

on_both!(
    r_auth_7_first_page_print_and_holder_reads_refuse_a_target_in_another_area,
    |db: TestDb| async move {
        use kaiku_store::{cards, glance, holders, prints, stats};
        let store = Store::open(&db.url).unwrap();
        let (a, b, point_b, series_b) = store
            .write(|c| {
                let a = areas::create(c, &national(), &area_fields("A"), now())?;
                let b = areas::create(c, &national(), &area_fields("B"), now())?;
                let fields = PointFields {
                    name: "P".into(),
                    kind: kaiku_core::org::PointKind::Ngo,
                    active: true,
                };
                let p = points::create(c, &policy::manage_area(&op(), b).unwrap(), &fields, now())?;
                let series =
                    kaiku_core::code::Series::new("Q", 1, 3, None, kaiku_core::code::Check::None)
                        .unwrap();
                let s = cards::create_series(c, &policy::stock(&op()).unwrap(), b, &series, now())?;
                Ok::<_, StoreError>((a, b, p, s))
            })
            .await
            .unwrap();
        // Area A's coordinator and issuer; the targets are all in area B.
        let coord_a = Principal::session(1, vec![Grant::AreaCoordinator { area: a }]);
        let issuer_a = Principal::session(
            2,
            vec![Grant::Issuer {
                area: a,
                point: point_b,
            }],
        );
        let day = chrono::Utc::now().date_naive();
        store
            .write(move |c| {
                let stock = policy::stock(&coord_a).unwrap();
                let series = cards::get_series(c, &policy::stock(&op()).unwrap(), series_b)?;
                let not_found = |r: Result<_, StoreError>| matches!(r, Err(StoreError::NotFound));
                assert!(not_found(glance::stock_by_point(c, &stock, b).map(|_| ())));
                assert!(not_found(
                    glance::grants_by_point(c, &stock, b, day).map(|_| ())
                ));
                assert!(not_found(
                    prints::keyed(c, &stock, &series, 1, 3).map(|_| ())
                ));
                assert!(not_found(
                    prints::cards_from(c, &stock, &series, 1, 3, 10).map(|_| ())
                ));
                assert!(not_found(prints::of_series(c, &stock, &series).map(|_| ())));
                let job = prints::create(
                    c,
                    &policy::stock(&op()).unwrap(),
                    &series,
                    &prints::NewPrint {
                        first: 1,
                        last: 3,
                        holder_keys: true,
                        replaced_keys: 0,
                        by: None,
                    },
                    now(),
                )?;
                assert!(not_found(prints::get(c, &stock, job).map(|_| ())));
                assert!(not_found(
                    prints::take_pdf(c, &stock, job, now()).map(|_| ())
                ));
                assert!(not_found(prints::finish(
                    c,
                    &stock,
                    job,
                    b"%PDF",
                    &[],
                    now()
                )));
                assert!(not_found(prints::progress(c, &stock, job, 1, now())));
                // An issuer whose grant names area A with a point of area B:
                // judged by the point's stored area.
                let issuing = policy::issuing(&issuer_a).unwrap();
                assert!(not_found(
                    glance::stock_at(c, &issuing, a, point_b).map(|_| ())
                ));
                assert!(not_found(
                    glance::expiring_at(c, &issuing, a, point_b, day, day).map(|_| ())
                ));
                assert!(not_found(
                    glance::grants_at(c, &issuing, a, point_b, day).map(|_| ())
                ));
                let records = policy::card_records(&issuer_a).unwrap();
                assert!(not_found(
                    cards::expiring_at_point(c, &records, point_b, day, day, 10).map(|_| ())
                ));
                // Live counts of area B: only B's own coordinators.
                let outside = policy::area_statistics(&coord_a, b);
                assert!(outside.is_none());
                let national_view =
                    policy::area_statistics(&Principal::session(3, vec![Grant::NationalAdmin]), b)
                        .unwrap();
                assert!(not_found(
                    stats::cards_granted(c, &national_view, day, day).map(|_| ())
                ));
                assert!(not_found(
                    stats::tickets_total(c, &national_view, day, day).map(|_| ())
                ));
                assert!(not_found(
                    stats::wellbeing_given(c, &national_view, day, day).map(|_| ())
                ));
                assert!(not_found(
                    stats::wellbeing_before(c, &national_view, &[1], day).map(|_| ())
                ));
                let card = cards::lookup(c, &policy::card_lookup(&op()).unwrap(), "Q1")?.unwrap();
                let records_a = policy::card_records(&coord_a).unwrap();
                assert!(not_found(
                    holders::key_printed(c, &records_a, &card).map(|_| ())
                ));
                Ok::<_, StoreError>(())
            })
            .await
            .unwrap();
    }
);
