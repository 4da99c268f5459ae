//! The store's single writer, as one thread that commits in groups.
//!
//! SQLite lets one connection write at a time. Writers that each take the
//! lock in turn spend most of their time handing it over (waking a task,
//! getting a pooled connection, BEGIN, COMMIT, writing the same index pages
//! again). PostgreSQL lets many write, but the box office's writes all
//! update one hot row, an item's counter, which each transaction then holds
//! across its commit's fsync: one at a time again, at the disk's pace. Here one thread keeps one connection and runs every write: the
//! jobs waiting when it becomes free run together in one transaction, each
//! in its own savepoint, so a job that fails is rolled back alone and the
//! rest are committed once. A job learns its outcome only after the commit.

use crate::checkpoint::Valve;
use crate::db::{DbConn, DbPool};
use crate::{StoreError, write_tx};
use diesel::connection::SimpleConnection;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

/// Most jobs one transaction takes, so that none waits long behind a group.
const GROUP_MAX: usize = 64;

/// What a job reports once its group has been committed or rolled back.
pub type Finish = Box<dyn FnOnce(Result<(), StoreError>) + Send>;

/// What a write does: runs in the group's transaction (`Some`; the writer
/// rolls back what it did if it fails) or is told that the group could not
/// start (`None`); hands back how to report its outcome and whether it
/// succeeded.
pub type Work = Box<dyn FnOnce(Option<&mut DbConn>) -> (Finish, bool) + Send>;

/// Rows a job leaves to be written with its group's others just before the
/// group commits, one statement for each kind: the audit entry and the
/// remembered answer of each recorded use, which nothing in the group reads
/// again. A box office's record is then three statements in the group, not
/// five.
pub(crate) enum Later {
    Audit(crate::audit::Row),
    Answer(crate::tickets::Answer),
}

/// What became of a row offered to [`defer`].
pub(crate) enum Deferred {
    /// Kept for the group's end.
    Kept,
    /// Not in a group: write it now.
    Now(Later),
    /// An answer for a key another job of the group has remembered.
    Taken,
}

thread_local! {
    /// The rows of the group this thread (a writer) runs now; `None` on
    /// every other thread and between groups.
    static LATER: std::cell::RefCell<Option<Vec<Later>>> = const { std::cell::RefCell::new(None) };
}

pub(crate) fn defer(row: Later) -> Deferred {
    LATER.with(|l| match l.borrow_mut().as_mut() {
        None => Deferred::Now(row),
        Some(rows) => {
            if let Later::Answer(a) = &row
                && rows
                    .iter()
                    .any(|r| matches!(r, Later::Answer(b) if b.key_hash == a.key_hash))
            {
                return Deferred::Taken;
            }
            rows.push(row);
            Deferred::Kept
        }
    })
}

/// Whether a job of the group this thread runs now has remembered an
/// answer for the key: a second answer would be refused as the group
/// commits.
pub(crate) fn answer_kept(key_hash: &str) -> bool {
    LATER.with(|l| {
        l.borrow().as_ref().is_some_and(|rows| {
            rows.iter()
                .any(|r| matches!(r, Later::Answer(a) if a.key_hash == key_hash))
        })
    })
}

fn later_len() -> usize {
    LATER.with(|l| l.borrow().as_ref().map_or(0, Vec::len))
}

/// Forgets what a job that failed left for the group's end.
fn later_truncate(len: usize) {
    LATER.with(|l| {
        if let Some(rows) = l.borrow_mut().as_mut() {
            rows.truncate(len);
        }
    });
}

/// Writes what the group's jobs left for its end.
fn flush(c: &mut DbConn, rows: Vec<Later>) -> Result<(), StoreError> {
    let mut audit = vec![];
    let mut answers = vec![];
    for r in rows {
        match r {
            Later::Audit(a) => audit.push(a),
            Later::Answer(a) => answers.push(a),
        }
    }
    crate::tickets::insert_answers(c, &answers)?;
    crate::audit::insert_rows(c, &audit)
}

/// A write and the record it is about (an item; 0 for any other).
pub struct Job {
    pub key: i64,
    /// Run in a transaction of its own, not in a group.
    pub alone: bool,
    pub work: Work,
}

/// Writes waiting for the writer, in every store of the process (for the
/// metrics).
pub static QUEUED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Starts a writer; on SQLite, `valve` is the log's (see `checkpoint`),
/// which the writer starts again between two groups.
pub(crate) fn start(
    pool: DbPool,
    valve: Option<Arc<Valve>>,
) -> Result<SyncSender<Job>, StoreError> {
    let conn = pool.get()?;
    let (tx, rx) = sync_channel::<Job>(4096);
    std::thread::Builder::new()
        .name("kaiku-writer".into())
        .spawn(move || run(pool, conn, rx, valve))
        .map_err(|e| StoreError::Unavailable(format!("writer thread: {e}")))?;
    Ok(tx)
}

fn run(
    pool: DbPool,
    mut conn: diesel::r2d2::PooledConnection<crate::db::Manager>,
    rx: Receiver<Job>,
    valve: Option<Arc<Valve>>,
) {
    // A job that must run alone, met while a group was gathered: it runs
    // next, by itself.
    let mut held: Option<Job> = None;
    // Ends when every Store (every sender) is gone.
    while let Some(first) = held.take().or_else(|| rx.recv().ok()) {
        let mut group = vec![first];
        while group.len() < GROUP_MAX && !group[0].alone {
            match rx.try_recv() {
                Ok(job) if job.alone => {
                    held = Some(job);
                    break;
                }
                Ok(job) => group.push(job),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        QUEUED.fetch_sub(group.len(), std::sync::atomic::Ordering::Relaxed);
        // Every group takes the rows of its items in the same order (by the
        // item's id), so that the groups of two servers on one PostgreSQL
        // database never wait for each other in a circle (a deadlock, which
        // PostgreSQL breaks by failing one of them). They came at the same
        // moment: no request is owed an order among them.
        group.sort_by_key(|j| j.key);
        metrics::histogram!("kaiku_writer_batch_size").record(group.len() as f64);
        let mut finishes = Vec::with_capacity(group.len());
        let mut group: std::collections::VecDeque<Job> = group.into();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // A job alone needs no savepoint: if it fails, the whole
            // transaction is rolled back.
            let alone = group.len() == 1;
            LATER.with(|l| *l.borrow_mut() = Some(vec![]));
            let done = write_tx(&mut conn, |c| {
                let mut first = true;
                while let Some(job) = group.pop_front() {
                    // Each job in a savepoint of its own, so that one that
                    // fails is rolled back alone; the last one's release and
                    // the next one's savepoint go in one round trip.
                    if !alone {
                        let sql = if first {
                            "SAVEPOINT job"
                        } else {
                            "RELEASE SAVEPOINT job; SAVEPOINT job"
                        };
                        first = false;
                        if let Err(e) = c.batch_execute(sql) {
                            group.push_front(job);
                            return Err(StoreError::from(e));
                        }
                    }
                    let mark = later_len();
                    let (finish, ok) = (job.work)(Some(&mut *c));
                    finishes.push(finish);
                    if !ok {
                        if alone {
                            return Err(StoreError::Unavailable("rolled back".into()));
                        }
                        later_truncate(mark);
                        c.batch_execute("ROLLBACK TO SAVEPOINT job")?;
                    }
                }
                let rows = LATER.with(|l| l.borrow_mut().take()).unwrap_or_default();
                flush(c, rows)
            });
            LATER.with(|l| *l.borrow_mut() = None);
            done
        }));
        match outcome {
            Ok(committed) => {
                let failed = committed.err().map(|e| e.to_string());
                // A group that failed may have lost its connection (the
                // database restarted, a network cut): the writer takes a
                // fresh one rather than failing every write after it.
                if failed.is_some() && !alive(&mut conn) {
                    tracing::warn!("the writer's connection was lost; taking a new one");
                    match reconnect(&pool) {
                        Some(c) => conn = c,
                        None => {
                            tracing::error!("writer has no connection; stopping");
                            for finish in finishes {
                                finish(Err(StoreError::Unavailable("write failed".into())));
                            }
                            return;
                        }
                    }
                }
                for finish in finishes {
                    finish(match &failed {
                        None => Ok(()),
                        Some(e) => Err(StoreError::Unavailable(e.clone())),
                    });
                }
                // Jobs never run (BEGIN failed, or a savepoint) are told so.
                for job in group {
                    (job.work)(None).0(Err(StoreError::Unavailable(
                        "could not start a write".into(),
                    )));
                }
                // After the group's callers were answered.
                if let (Some(valve), DbConn::Sqlite(c)) = (&valve, &mut *conn) {
                    valve.after_write(c);
                }
            }
            Err(_) => {
                // A job panicked: the transaction is abandoned with the
                // connection, and the group is told nothing was written.
                LATER.with(|l| *l.borrow_mut() = None);
                tracing::error!("a write panicked; its group was rolled back");
                for finish in finishes {
                    finish(Err(StoreError::Unavailable("write failed".into())));
                }
                drop(conn);
                conn = match pool.get() {
                    Ok(c) => c,
                    Err(e) => {
                        tracing::error!(error = %e, "writer has no connection; stopping");
                        return;
                    }
                };
            }
        }
    }
}

/// Whether a connection still answers.
fn alive(conn: &mut DbConn) -> bool {
    conn.batch_execute("SELECT 1").is_ok()
}

/// A new connection from the pool, waiting a little for the database to
/// come back (about half a minute).
fn reconnect(pool: &DbPool) -> Option<diesel::r2d2::PooledConnection<crate::db::Manager>> {
    for _ in 0..30 {
        if let Ok(mut c) = pool.get()
            && alive(&mut c)
        {
            return Some(c);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
    None
}
