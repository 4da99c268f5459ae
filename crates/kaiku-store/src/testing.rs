//! Fresh databases for tests: a temporary SQLite file, or a new schema on the
//! PostgreSQL server named by `KAIKU_TEST_POSTGRES_URL`. Dropped afterwards.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

pub const POSTGRES_ENV: &str = "KAIKU_TEST_POSTGRES_URL";

pub use crate::db::migrate_before;

/// A bare connection to a test database, migrated by nobody yet.
pub fn connect(url: &str) -> crate::DbConn {
    use diesel::Connection;
    crate::DbConn::establish(url).expect("connect to the test database")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestDb {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Schema { base: String, schema: String },
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{:016x}",
        std::process::id(),
        rand::random::<u64>()
    )
}

impl TestDb {
    /// A fresh, empty database of `backend`; `None` for PostgreSQL when the
    /// environment names no server.
    pub fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.db", unique("kaiku_test")));
                Some(TestDb {
                    url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::File(path),
                })
            }
            Backend::Postgres => {
                let base = std::env::var(POSTGRES_ENV).ok().filter(|v| !v.is_empty())?;
                let schema = unique("kaiku_t");
                let mut c =
                    PgConnection::establish(&base).expect("connect to the test PostgreSQL server");
                c.batch_execute(&format!("CREATE SCHEMA {schema}"))
                    .expect("create test schema");
                let sep = if base.contains('?') { '&' } else { '?' };
                Some(TestDb {
                    url: format!("{base}{sep}options=-csearch_path%3D{schema}"),
                    cleanup: Cleanup::Schema { base, schema },
                })
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Schema { base, schema } => {
                if let Ok(mut c) = PgConnection::establish(base) {
                    let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
                }
            }
        }
    }
}

/// Runs a test body once per backend: `on_both!(name, |db| async move { … })`
/// makes `name::sqlite` and `name::postgres`. The PostgreSQL variant is
/// reported as ignored, not as passed, when the build saw no
/// `KAIKU_TEST_POSTGRES_URL` (`crates/test_backends.rs`, the
/// build script of every crate with such tests, sets `kaiku_pg`).
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::testing::TestDb::new($crate::testing::Backend::Sqlite).unwrap();
                ($body)(db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(kaiku_pg),
                ignore = "KAIKU_TEST_POSTGRES_URL was not set when the tests were built"
            )]
            async fn postgres() {
                let db = $crate::testing::TestDb::new($crate::testing::Backend::Postgres)
                    .expect("KAIKU_TEST_POSTGRES_URL names the PostgreSQL server for this variant");
                ($body)(db).await;
            }
        }
    };
}
