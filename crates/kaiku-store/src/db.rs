//! Connections, the pool, migrations and write transactions for both backends.

use crate::StoreError;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ConnectionManager, CustomizeConnection, Pool};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use std::time::Duration;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

/// Where the database is, parsed from `sqlite://PATH` or `postgres://…`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(String),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, StoreError> {
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(StoreError::Config("sqlite:// needs a file path".into()));
            }
            Ok(DatabaseUrl::Sqlite(path.to_string()))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DatabaseUrl::Postgres(url.to_string()))
        } else {
            Err(StoreError::Config(
                "the database URL must start with sqlite:// or postgres://".into(),
            ))
        }
    }

    /// The URL with any password hidden, for logs and messages.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{p}"),
            DatabaseUrl::Postgres(u) => match (u.find("://"), u.rfind('@')) {
                (Some(s), Some(at)) if u[s + 3..at].contains(':') => {
                    let user_end = s + 3 + u[s + 3..at].find(':').unwrap_or(0);
                    format!("{}:***{}", &u[..user_end], &u[at..])
                }
                _ => u.clone(),
            },
        }
    }
}

/// Every SQLite connection's settings. The busy timeout comes first:
/// switching a new file to WAL takes a lock that other new connections must
/// wait for. Reads go through a memory map and a larger page cache, not one
/// read() call per page: a national register does not fit SQLite's default
/// 2 MB cache.
pub(crate) const SQLITE_SETTINGS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
     PRAGMA cache_size = -32768; PRAGMA mmap_size = 0;";

/// The per-connection settings, applied by Diesel's pool to every new
/// connection. SQLite's make concurrent use safe (WAL, a busy timeout,
/// foreign keys). The pool's manager is Diesel's own, which throws away a
/// connection left inside a transaction (a write that panicked) instead of
/// handing it to the next caller.
#[derive(Debug)]
pub struct Settings {
    postgres: bool,
}

impl CustomizeConnection<DbConn, r2d2::Error> for Settings {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        match conn {
            DbConn::Sqlite(c) if !self.postgres => {
                // The WAL is copied back into the file by the store's
                // checkpointer, not by whichever write happens to fill it:
                // that copy and its fsync would stall every write queued
                // behind it.
                c.batch_execute(SQLITE_SETTINGS)
                    .and_then(|()| c.batch_execute("PRAGMA wal_autocheckpoint = 0"))
                    .map_err(r2d2::Error::QueryError)
            }
            DbConn::Postgres(_) if self.postgres => Ok(()),
            // Diesel tries each backend in turn; a PostgreSQL server that is
            // down must not end as an SQLite file named like its URL.
            _ => Err(r2d2::Error::ConnectionError(
                diesel::ConnectionError::BadConnection("the database is not reachable".into()),
            )),
        }
    }
}

pub type Manager = ConnectionManager<DbConn>;
pub type DbPool = Pool<Manager>;

/// Connections per process: SQLite readers run beside its one writer.
pub fn pool_size(url: &DatabaseUrl) -> u32 {
    match url {
        DatabaseUrl::Sqlite(_) => 8,
        DatabaseUrl::Postgres(_) => 14,
    }
}

/// Writer threads (each with a connection of the pool): SQLite takes one
/// writer at a time; PostgreSQL writes about different items side by side.
pub fn writers(url: &DatabaseUrl) -> usize {
    match url {
        DatabaseUrl::Sqlite(_) => 1,
        DatabaseUrl::Postgres(_) => 4,
    }
}

pub fn pool(url: &DatabaseUrl) -> Result<DbPool, StoreError> {
    let (target, postgres) = match url {
        DatabaseUrl::Sqlite(path) => (format!("sqlite://{path}"), false),
        DatabaseUrl::Postgres(u) => {
            // Diesel's manager hides why a connection failed; ask once
            // directly, so that an operator reads the server's own reason.
            PgConnection::establish(u).map_err(|e| StoreError::Unavailable(e.to_string()))?;
            (u.clone(), true)
        }
    };
    // No idle connections kept up in the background: r2d2 opens those on its
    // own threads, and a PostgreSQL connect still under way when a one-shot
    // command exits crashed in OpenSSL's exit handler. Connections are made
    // when asked for and then kept.
    Pool::builder()
        .max_size(pool_size(url))
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(10))
        .test_on_check_out(false)
        .connection_customizer(Box::new(Settings { postgres }))
        .build(ConnectionManager::new(target))
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}

/// Brings the schema up to date, all pending migrations in one transaction:
/// if one fails, the register stays as it was, and the error names the
/// migration and why. On PostgreSQL an advisory lock keeps several `kaiku
/// serve` processes starting at once from migrating twice.
pub fn migrate(conn: &mut DbConn) -> Result<usize, StoreError> {
    fn migrated<T>(r: diesel::migration::Result<Vec<T>>) -> Result<usize, StoreError> {
        r.map(|v| v.len())
            .map_err(|e| StoreError::Migration(e.to_string()))
    }
    match conn {
        DbConn::Sqlite(c) => {
            c.transaction(|c| migrated(c.run_pending_migrations(SQLITE_MIGRATIONS)))
        }
        DbConn::Postgres(c) => {
            diesel::sql_query("SELECT pg_advisory_lock(4242001)").execute(c)?;
            let result = c.transaction(|c| migrated(c.run_pending_migrations(PG_MIGRATIONS)));
            diesel::sql_query("SELECT pg_advisory_unlock(4242001)").execute(c)?;
            result
        }
    }
}

/// How many migrations of this version the database has not run.
pub fn pending(conn: &mut DbConn) -> Result<usize, StoreError> {
    let err = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    match conn {
        DbConn::Sqlite(c) => Ok(c.pending_migrations(SQLITE_MIGRATIONS).map_err(err)?.len()),
        DbConn::Postgres(c) => Ok(c.pending_migrations(PG_MIGRATIONS).map_err(err)?.len()),
    }
}

/// The versions of the SQLite migrations this kaiku has, oldest first, as
/// a register's migration table records them.
pub fn sqlite_versions() -> Result<Vec<String>, StoreError> {
    use diesel::migration::MigrationSource;
    let all = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&SQLITE_MIGRATIONS)
        .map_err(|e| StoreError::Migration(e.to_string()))?;
    let mut v: Vec<String> = all.iter().map(|m| m.name().version().to_string()).collect();
    v.sort();
    Ok(v)
}

/// Runs only the migrations whose version is below `version` (digits, as
/// `20261129000015`): a register as an earlier release left it, for tests of
/// a migration over real data.
pub fn migrate_before(conn: &mut DbConn, version: &str) -> Result<usize, StoreError> {
    let err = |e: Box<dyn std::error::Error + Send + Sync>| StoreError::Migration(e.to_string());
    let mut n = 0;
    match conn {
        DbConn::Sqlite(c) => {
            for m in c.pending_migrations(SQLITE_MIGRATIONS).map_err(err)? {
                if m.name().version().to_string().as_str() < version {
                    c.run_migration(&*m).map_err(err)?;
                    n += 1;
                }
            }
        }
        DbConn::Postgres(c) => {
            for m in c.pending_migrations(PG_MIGRATIONS).map_err(err)? {
                if m.name().version().to_string().as_str() < version {
                    c.run_migration(&*m).map_err(err)?;
                    n += 1;
                }
            }
        }
    }
    Ok(n)
}

/// Runs `f` in a write transaction. On SQLite it starts with `BEGIN IMMEDIATE`
/// so that a transaction that reads and then writes waits for the write lock
/// instead of failing with SQLITE_BUSY halfway.
pub fn write_tx<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Postgres(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    let result = f(conn);
    let end = match (&result, &mut *conn) {
        (Ok(_), DbConn::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConn::Postgres(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConn::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConn::Postgres(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (result, end) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}

/// Rows one multi-row insert carries: within both backends' limits on
/// bound values for the widest table written so.
pub(crate) const ROWS_PER_INSERT: usize = 1000;

/// Inserts a slice of rows into a table, [`ROWS_PER_INSERT`] a statement.
/// Multi-row inserts do not go through the MultiBackend; each backend takes
/// them. Rows whose `None` means NULL need `treat_none_as_default_value =
/// false`, or SQLite writes them one by one.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {
        for chunk in $rows.chunks($crate::db::ROWS_PER_INSERT) {
            match &mut *$conn {
                $crate::DbConn::Sqlite(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
                $crate::DbConn::Postgres(c) => {
                    diesel::insert_into($table).values(chunk).execute(c)?
                }
            };
        }
    };
}
pub(crate) use insert_rows;

/// Runs a query on the backend's own connection. Through [`DbConn`] every
/// query's SQL is written out again to find its prepared statement; the
/// backend's own connection finds it by the query's type. For the queries a
/// box office runs with every ticket, thousands of times a second.
macro_rules! natively {
    ($conn:expr, |$c:ident| $body:expr) => {
        match &mut *$conn {
            $crate::DbConn::Sqlite($c) => $body,
            $crate::DbConn::Postgres($c) => $body,
        }
    };
}
pub(crate) use natively;

/// A statement kept prepared that Diesel would prepare anew each time it
/// runs: it prepares no UPDATE twice, since a changeset may leave out its
/// empty fields and so change the SQL. Here the SQL text itself is the
/// cache's key, so a different text is a different statement. For the box
/// office's taking from an item's upper limit, which runs with every ticket.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeepPrepared<Q>(pub Q);

impl<Q: diesel::query_builder::Query> diesel::query_builder::Query for KeepPrepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for KeepPrepared<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _: &DB) -> diesel::QueryResult<bool> {
        Ok(true)
    }
}

impl<Q> diesel::query_builder::QueryId for KeepPrepared<Q> {
    type QueryId = ();
    // Found by its SQL text, never by its type.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q, Conn> RunQueryDsl<Conn> for KeepPrepared<Q> {}

/// A subquery that gives one value, written `(SELECT …)`: an aggregate, or
/// a row a unique index allows once. Diesel's `single_value` adds a bound
/// `LIMIT 1`, and SQLite prepares a statement with a bound limit anew each
/// time it runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scalar<Q>(pub Q);

impl<Q> diesel::expression::Expression for Scalar<Q>
where
    Q: diesel::query_builder::Query,
    Q::SqlType: diesel::sql_types::IntoNullable,
    <Q::SqlType as diesel::sql_types::IntoNullable>::Nullable:
        diesel::expression::TypedExpressionType,
{
    type SqlType = <Q::SqlType as diesel::sql_types::IntoNullable>::Nullable;
}

impl<Q, DB> diesel::query_builder::QueryFragment<DB> for Scalar<Q>
where
    DB: diesel::backend::Backend,
    Q: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        pass.push_sql("(");
        self.0.walk_ast(pass.reborrow())?;
        pass.push_sql(")");
        Ok(())
    }
}

// The subquery's own id, so that a statement holding one is still found
// among the prepared ones by its type, not by writing out its SQL.
impl<Q: diesel::query_builder::QueryId> diesel::query_builder::QueryId for Scalar<Q> {
    type QueryId = Scalar<Q::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = Q::HAS_STATIC_QUERY_ID;
}

impl<Q, QS> diesel::expression::AppearsOnTable<QS> for Scalar<Q> where
    Self: diesel::expression::Expression
{
}

impl<Q, QS> diesel::expression::SelectableExpression<QS> for Scalar<Q> where
    Self: diesel::expression::AppearsOnTable<QS>
{
}

impl<Q, GB> diesel::expression::ValidGrouping<GB> for Scalar<Q> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

/// A condition written out in SQL that is the same every time, so that a
/// statement holding it is prepared once and kept (Diesel's `sql` literal
/// would keep it from being kept). `on` names the table it speaks of.
macro_rules! condition {
    ($(#[$doc:meta])* $name:ident on $table:path = $sql:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, diesel::query_builder::QueryId, diesel::expression::ValidGrouping)]
        pub(crate) struct $name;

        impl diesel::expression::Expression for $name {
            type SqlType = diesel::sql_types::Bool;
        }

        impl<DB: diesel::backend::Backend> diesel::query_builder::QueryFragment<DB> for $name {
            fn walk_ast<'b>(
                &'b self,
                mut pass: diesel::query_builder::AstPass<'_, 'b, DB>,
            ) -> diesel::QueryResult<()> {
                pass.push_sql($sql);
                Ok(())
            }
        }

        impl<QS> diesel::expression::AppearsOnTable<QS> for $name where
            QS: diesel::query_source::AppearsInFromClause<$table, Count = diesel::query_source::Once>
        {
        }

        impl<QS> diesel::expression::SelectableExpression<QS> for $name where
            Self: diesel::expression::AppearsOnTable<QS>
        {
        }
    };
}
pub(crate) use condition;

/// Runs `f` inside a write in a savepoint of its own: if it fails, what it
/// wrote is undone and the rest of the write stands.
pub fn savepoint<T, E>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    conn.transaction(f)
}
