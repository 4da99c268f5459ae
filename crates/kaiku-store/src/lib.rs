//! Persistence of kaiku: one query code for SQLite and PostgreSQL.
//!
//! Functions here are synchronous and take a connection; the services run
//! them on the blocking pool through [`Store::read`] and [`Store::write`].
//!
//! Every function that reads or writes scoped records (cards, allocations,
//! items, tickets, accounts and grants, tokens, imports, reports and
//! statistics) takes a scope value that only `kaiku_core::policy` makes
//! (R-AUTH-7), and admits a record only where its stored area, point or venue
//! lies in it. Code without the scope cannot ask:
//!
//! ```compile_fail
//! fn sneak(conn: &mut kaiku_store::DbConn) {
//!     let _ = kaiku_store::cards::record(conn, "E0261");
//! }
//! ```
//!
//! and a scope for one kind of record opens no other kind:
//!
//! ```compile_fail
//! use kaiku_core::policy::{Offering, Reach};
//! fn sideways(conn: &mut kaiku_store::DbConn, offering: &Reach<Offering>) {
//!     let _ = kaiku_store::cards::record(conn, offering, "E0261");
//!     let _ = kaiku_store::tickets::of_item(conn, offering, 1, 10);
//! }
//! ```
//!
//! while the same call with the right scope does:
//!
//! ```
//! use kaiku_core::policy::{CardRecords, Reach};
//! fn allowed(conn: &mut kaiku_store::DbConn, records: &Reach<CardRecords>) {
//!     let _ = kaiku_store::cards::record(conn, records, "E0261");
//! }
//! ```
//!
//! Single rows are read with `get_result`, never `first`: `first` adds
//! `LIMIT ?`, and SQLite re-prepares a statement whose LIMIT is a bound
//! parameter every time it is bound again, so the statement cache would be
//! of no use (it was a fifth of the box office's time).

pub mod accounts;
pub mod anonymise;
pub mod areas;
pub mod audit;
pub mod background_options;
pub mod backup;
pub mod cap_policies;
pub mod cards;
mod checkpoint;
mod db;
mod error;
pub mod glance;
pub mod holders;
pub mod housekeeping;
pub mod imports;
pub mod items;
pub mod offline;
mod place;
pub mod points;
pub mod prints;
pub mod releases;
pub mod schema;
pub mod sessions;
pub mod stats;
pub mod submissions;
pub mod testing;
pub mod throttle;
pub mod tickets;
pub mod tokens;
pub mod venues;
pub mod wellbeing;
mod writer;

pub use db::{DatabaseUrl, DbConn, savepoint, write_tx};
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
    /// Every write goes to a thread that commits the writes waiting
    /// together (`writer`): SQLite has one writer at a time anyway, and on
    /// PostgreSQL a hot row (an item's counter) would otherwise be held by
    /// each transaction in turn across its commit's fsync. SQLite has one
    /// such thread; PostgreSQL several, each its own connection, and the
    /// writes about one item always go to the same one (`write_for`), so
    /// that its counter is taken by one group at a time.
    writers: Vec<std::sync::mpsc::SyncSender<writer::Job>>,
    /// As many blocking tasks at once as there are connections for them:
    /// the others wait here, as cheap tasks, instead of as threads parked on
    /// the pool's lock (which under load cost more than the queries).
    readers: std::sync::Arc<tokio::sync::Semaphore>,
    /// Held while the store lives: its SQLite file's checkpointer stops
    /// when the last clone is dropped.
    _checkpoints: Option<std::sync::mpsc::SyncSender<()>>,
    /// Tells this store (and its clones) from other stores of the process.
    id: u64,
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
        drop(conn);
        let (checkpoints, valve) = match &url {
            DatabaseUrl::Sqlite(path) => {
                let (stop, valve) = checkpoint::start(path)?;
                (Some(stop), Some(valve))
            }
            DatabaseUrl::Postgres(_) => (None, None),
        };
        let writers = (0..db::writers(&url))
            .map(|_| writer::start(pool.clone(), valve.clone()))
            .collect::<Result<Vec<_>>>()?;
        // Each writer thread keeps one connection for itself.
        let readers = db::pool_size(&url) as usize - writers.len();
        Ok(Store {
            pool,
            backend,
            writers,
            readers: std::sync::Arc::new(tokio::sync::Semaphore::new(readers)),
            _checkpoints: checkpoints,
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }

    /// The same for a store and its clones, different for every store
    /// opened in the process.
    pub fn id(&self) -> u64 {
        self.id
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
        let _turn = self.readers.acquire().await;
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get().map_err(StoreError::from)?;
            f(&mut conn)
        })
        .await
        .unwrap_or_else(|e| Err(StoreError::Unavailable(format!("worker failed: {e}")).into()))
    }

    /// A read of a few rows by their keys, which a box office waits for
    /// with every ticket. On SQLite it runs on the request's own thread when
    /// a connection is free at once: handing it to a blocking thread and
    /// back costs more than the read. A read that may take long (a scan, a
    /// report, many rows) goes through [`Store::read`], which never holds up
    /// the threads that serve requests.
    pub async fn read_short<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        if self.backend == "sqlite"
            && let Ok(_turn) = self.readers.try_acquire()
            && let Some(conn) = self.pool.try_get()
        {
            // A read that panics answers as one on the blocking pool does,
            // rather than taking the request's connection down with it. The
            // connection is dropped while the panic unwinds, so the pool
            // throws it away instead of handing it out again.
            return std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                let mut conn = conn;
                f(&mut conn)
            }))
            .unwrap_or_else(|_| {
                Err(StoreError::Unavailable("worker failed: a read panicked".into()).into())
            });
        }
        self.read(f).await
    }

    /// Runs work in one write transaction: all of it is stored, or none of
    /// it.
    pub async fn write<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        self.write_for(0, f).await
    }

    /// [`write`](Self::write) for work about the record `key` (an item):
    /// the writes about one key go to one writer, in order. Work that takes
    /// an item's row is keyed by it, so that a group takes its items' rows
    /// in id order.
    pub async fn write_for<T, E, F>(&self, key: i64, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        self.submit(key, false, f).await
    }

    /// [`write`](Self::write) in a transaction of its own, never in a group:
    /// for work that takes the rows of several items (in id order), which
    /// in a group could hold one that a later job of the group waits on
    /// while another writer holds that one and waits for it.
    pub async fn write_alone<T, E, F>(&self, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        self.submit(0, true, f).await
    }

    async fn submit<T, E, F>(&self, key: i64, alone: bool, f: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut DbConn) -> std::result::Result<T, E> + Send + 'static,
    {
        let queue = &self.writers[key.rem_euclid(self.writers.len() as i64) as usize];
        let (send, answer) = tokio::sync::oneshot::channel::<std::result::Result<T, E>>();
        let work: writer::Work = Box::new(move |conn| {
            let done = conn.map(f);
            let ok = matches!(done, Some(Ok(_)));
            let finish: writer::Finish = Box::new(move |committed| {
                let out = match (done, committed) {
                    (Some(Ok(v)), Ok(())) => Ok(v),
                    (Some(Err(e)), _) => Err(e),
                    (_, Err(e)) => Err(e.into()),
                    (None, Ok(())) => Err(StoreError::Unavailable("not run".into()).into()),
                };
                let _ = send.send(out);
            });
            (finish, ok)
        });
        let gone = || StoreError::Unavailable("the database writer has stopped".into());
        writer::QUEUED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        queue
            .send(writer::Job { key, alone, work })
            .map_err(|_| gone())?;
        answer.await.unwrap_or_else(|_| Err(gone().into()))
    }

    /// A one-statement note beside the real work (when a token was last
    /// used): on PostgreSQL it is its own transaction on a pooled
    /// connection, never part of a writer's group, so that no group holds
    /// such a row while it waits for an item's; on SQLite it goes through
    /// the writer as any write.
    pub async fn note<F>(&self, f: F) -> Result<()>
    where
        F: FnOnce(&mut DbConn) -> Result<()> + Send + 'static,
    {
        if self.backend == "postgres" {
            self.read(f).await
        } else {
            self.write(f).await
        }
    }

    /// Migrations of this version the database lacks (for `/ready`).
    pub async fn pending_migrations(&self) -> Result<usize> {
        self.read(db::pending).await
    }

    /// Writes waiting for the writer (for the metrics).
    pub fn writes_waiting() -> usize {
        writer::QUEUED.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Connections of the pool in use and in all (for the metrics).
    pub fn pool_use(&self) -> (u32, u32) {
        let s = self.pool.state();
        (s.connections - s.idle_connections, s.connections)
    }

    /// Whether the database answers.
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
