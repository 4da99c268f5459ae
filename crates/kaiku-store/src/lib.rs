//! Persistence of kaiku: one query code for SQLite and PostgreSQL.
//!
//! Functions here are synchronous and take a connection; the web layer runs
//! them on the blocking pool through [`Store::read`] and [`Store::write`].
//! Writes that need authority take a scope value from `kaiku_core::policy`.

pub mod accounts;
pub mod areas;
pub mod audit;
pub mod background_options;
pub mod cap_policies;
pub mod cards;
mod db;
mod error;
pub mod items;
pub mod points;
pub mod schema;
pub mod sessions;
pub mod testing;
pub mod throttle;
pub mod tickets;
pub mod tokens;
pub mod venues;

pub use db::{DatabaseUrl, DbConn, write_tx};
pub use diesel::result::Error as DieselError;
pub use error::StoreError;

use chrono::NaiveDateTime;
use db::DbPool;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Who did something, as the audit log records it.
#[derive(Clone, Debug)]
pub struct Actor {
    pub account: Option<kaiku_core::Id>,
    pub label: String,
}

impl Actor {
    pub fn system(label: &str) -> Self {
        Actor {
            account: None,
            label: label.to_string(),
        }
    }
}

/// The database: a pool of connections of one backend.
#[derive(Clone)]
pub struct Store {
    pool: DbPool,
    backend: &'static str,
    /// SQLite has one writer at a time; writers that find it busy sleep with a
    /// growing back-off, which makes slow tails under load. Queueing them here
    /// first hands the lock over at once, in order. PostgreSQL needs none.
    sqlite_writer: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
}

impl Store {
    /// Opens (and on SQLite creates) the database and migrates it.
    pub fn open(url: &str) -> Result<Store> {
        let url = DatabaseUrl::parse(url)?;
        let backend = match url {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        };
        let pool = db::pool(&url)?;
        let mut conn = pool.get()?;
        db::migrate(&mut conn)?;
        let sqlite_writer = (backend == "sqlite").then(Default::default);
        Ok(Store {
            pool,
            backend,
            sqlite_writer,
        })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A connection for synchronous callers (the CLI, tests).
    pub fn conn(&self) -> Result<impl std::ops::DerefMut<Target = DbConn> + use<>> {
        Ok(self.pool.get()?)
    }

    /// Runs read-only work on the blocking pool.
    pub async fn read<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            f(&mut conn)
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable(format!("worker failed: {e}")).into()))
    }

    /// Runs work in one write transaction on the blocking pool: all of it is
    /// stored, or none of it.
    pub async fn write<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        let _turn = match &self.sqlite_writer {
            Some(lock) => Some(lock.lock().await),
            None => None,
        };
        self.read(move |conn| write_tx(conn, f)).await
    }

    /// Whether the database answers (for `/health`).
    pub async fn ping(&self) -> Result<()> {
        self.read(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SELECT 1").map_err(StoreError::from)
        })
        .await
    }
}

/// The current instant, as stored (UTC without offset).
pub fn now() -> NaiveDateTime {
    chrono::Utc::now().naive_utc()
}
