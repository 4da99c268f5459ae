//! The store on both backends: migrations, restarts, transactions, the
//! append-only audit log and grant consistency.

use diesel::RunQueryDsl;
use kaiku_core::grant::Grant;
use kaiku_core::policy;
use kaiku_store::areas::{self, AreaFields};
use kaiku_store::points::{self, PointFields};
use kaiku_store::testing::TestDb;
use kaiku_store::{Actor, Store, StoreError, accounts, audit, now, on_both};

fn area_fields(name: &str) -> AreaFields {
    AreaFields {
        name: name.into(),
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
            .write(|c| {
                areas::create(
                    c,
                    &policy::operator_national(),
                    &area_fields("Pohjois-Karjala"),
                    now(),
                )
            })
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
                areas::create(c, &policy::operator_national(), &area_fields("A"), now())?;
                // The same name again breaks the unique constraint: the first insert must go too.
                areas::create(c, &policy::operator_national(), &area_fields("A"), now())?;
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
                let a = areas::create(c, &policy::operator_national(), &area_fields("A"), now())?;
                let b = areas::create(c, &policy::operator_national(), &area_fields("B"), now())?;
                let fields = PointFields {
                    name: "P".into(),
                    kind: "ngo".into(),
                    active: true,
                };
                let p = points::create(c, &policy::operator_area(b), &fields, now())?;
                Ok::<_, StoreError>((a, b, p))
            })
            .await
            .unwrap();
        let result = store
            .write(move |c| {
                let id = accounts::create(c, "anna", "x", now())?;
                let wrong = policy::operator_permit(Grant::Issuer {
                    area: a,
                    point: point_in_b,
                });
                accounts::add_grant(c, id, &wrong, now())
            })
            .await;
        assert!(matches!(result, Err(StoreError::InvalidReference)));
        let ok = store
            .write(move |c| {
                let id = accounts::create(c, "bertil", "x", now())?;
                accounts::add_grant(
                    c,
                    id,
                    &policy::operator_permit(Grant::Issuer {
                        area: b,
                        point: point_in_b,
                    }),
                    now(),
                )?;
                accounts::grants_of(c, id)
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
