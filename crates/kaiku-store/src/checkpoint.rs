//! SQLite's write-ahead log copied back into the database file by a thread
//! of the store's own, and started again by the writer.
//!
//! Left to SQLite, the write that finds the log past a thousand pages copies
//! it back and syncs the file before it returns, and with one writer every
//! write queued behind it waits those milliseconds too. A passive checkpoint
//! on another connection copies what is committed while the writer goes on.
//! Once a second: a page written many times meanwhile (an item's row, the
//! last page of an index) is copied once.
//!
//! The log starts again from its beginning only when a write begins with
//! all of it copied and no reader still reading from it. While box offices
//! write and read without a pause that moment never comes, and the log
//! would grow until the first lull. So past a limit the writer itself,
//! between two groups, copies the pages the thread has not yet copied,
//! syncs them and waits for the readers still reading from the log
//! (readers that start after the copy read from the file). That holds the
//! writes 10-25 ms on a busy machine, so the limit is large: at the box
//! office's busiest the log starts again every few seconds. Asked from
//! another connection, the same wait held the writer too, at the pace of
//! SQLite's retries (1, 2, 5 ms...), and under load never succeeded.

use crate::StoreError;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, TryLockError};
use std::time::Duration;

/// How often the log is copied back, and how large it may grow before it
/// is started again.
#[derive(Clone, Copy)]
struct Pace {
    every: Duration,
    /// Pages of 4 KiB (256 MiB).
    restart_past: i32,
}

const PACE: Pace = Pace {
    every: Duration::from_secs(1),
    restart_past: 65536,
};

/// Pages at most left for the writer to copy when it starts the log again:
/// the thread copies again what was written while it copied, and hands
/// the log over only once no more than these are left.
const LEFT_FOR_WRITER: i32 = 256;

/// What the checkpointer and the writer share.
pub(crate) struct Valve {
    /// The log is past the limit and the thread has just copied nearly all
    /// of it: the writer's turn to start it again.
    long: AtomicBool,
    /// Held while the log is copied, by either.
    copying: Mutex<()>,
}

#[derive(diesel::QueryableByName)]
struct Waits {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    timeout: i32,
}

#[derive(diesel::QueryableByName)]
struct Done {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    busy: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    log: i32,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    checkpointed: i32,
}

impl Valve {
    /// Run by the writer after each group, once its callers have their
    /// answers: when the thread has handed the log over, copies the pages
    /// written since, syncs them and waits, 2 ms at most, for the readers
    /// still reading from the log, so that the next write starts it again.
    /// Tries once per hand-over: if a reader (a long report) still needs
    /// the log, the thread hands it over again after its next copy. Never
    /// waits for the thread's copy: the writer tries after a later group.
    pub(crate) fn after_write(&self, conn: &mut SqliteConnection) {
        if !self.long.load(Ordering::Relaxed) {
            return;
        }
        // A thread that panicked while holding the lock left nothing a
        // checkpoint needs.
        let _copying = match self.copying.try_lock() {
            Ok(held) => held,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return,
        };
        self.long.store(false, Ordering::Relaxed);
        if let Err(e) = restart(conn) {
            tracing::warn!(error = %e, "checkpoint failed; trying again shortly");
        }
    }
}

/// Copies the whole log back and waits 2 ms at most for its readers;
/// whether none still reads from it (then the next write starts it again).
/// The connection waits for locks as long as before, whatever happens.
fn restart(conn: &mut SqliteConnection) -> Result<bool, StoreError> {
    let waits =
        diesel::sql_query("SELECT timeout FROM pragma_busy_timeout").get_result::<Waits>(conn)?;
    conn.batch_execute("PRAGMA busy_timeout = 2")?;
    let done = diesel::sql_query("PRAGMA wal_checkpoint(RESTART)").get_result::<Done>(conn);
    let reset = conn.batch_execute(&format!("PRAGMA busy_timeout = {}", waits.timeout));
    let done = done?;
    reset?;
    Ok(done.busy == 0)
}

/// Starts the checkpointer of the SQLite file at `path`. It stops, after a
/// last checkpoint, once every clone of the sender is dropped (the store
/// is gone). The writer starts the log again through the valve.
pub(crate) fn start(path: &str) -> Result<(SyncSender<()>, Arc<Valve>), StoreError> {
    start_paced(path, PACE)
}

fn start_paced(path: &str, pace: Pace) -> Result<(SyncSender<()>, Arc<Valve>), StoreError> {
    // Named as the pool names it, so that both open the same file.
    let mut conn = SqliteConnection::establish(&format!("sqlite://{path}"))
        .map_err(|e| StoreError::Unavailable(format!("checkpointer: {e}")))?;
    conn.batch_execute(crate::db::SQLITE_SETTINGS)?;
    let (tx, rx) = sync_channel::<()>(0);
    let valve = Arc::new(Valve {
        long: AtomicBool::new(false),
        copying: Mutex::new(()),
    });
    let shared = valve.clone();
    std::thread::Builder::new()
        .name("kaiku-checkpoint".into())
        .spawn(move || run(conn, rx, &shared, pace))
        .map_err(|e| StoreError::Unavailable(format!("checkpointer thread: {e}")))?;
    Ok((tx, valve))
}

fn passive(conn: &mut SqliteConnection) -> Result<Done, StoreError> {
    Ok(diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Done>(conn)?)
}

fn run(mut conn: SqliteConnection, rx: Receiver<()>, valve: &Valve, pace: Pace) {
    loop {
        let last = match rx.recv_timeout(pace.every) {
            Err(RecvTimeoutError::Timeout) | Ok(()) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        // Waits for the writer's copy if it runs now. A writer that
        // panicked while holding the lock left nothing a checkpoint needs.
        let copying = valve.copying.lock().unwrap_or_else(|p| p.into_inner());
        // A checkpoint that cannot finish now (a reader holds an old
        // snapshot) copies what it can; the next one goes on from there.
        match passive(&mut conn) {
            // Another process's checkpoint runs now: nothing was learnt.
            Ok(done) if done.busy != 0 || done.log < 0 => {}
            Ok(mut done) if done.log > pace.restart_past => {
                for _ in 0..3 {
                    if done.log - done.checkpointed <= LEFT_FOR_WRITER {
                        break;
                    }
                    match passive(&mut conn) {
                        Ok(again) => done = again,
                        Err(e) => {
                            tracing::warn!(error = %e, "checkpoint failed; trying again shortly");
                            break;
                        }
                    }
                }
                // A reader with an old snapshot (a long report) holds back
                // the copy: the log is handed over once it has let go.
                if done.log - done.checkpointed <= LEFT_FOR_WRITER {
                    valve.long.store(true, Ordering::Relaxed);
                }
            }
            Ok(_) => valve.long.store(false, Ordering::Relaxed),
            Err(e) => tracing::warn!(error = %e, "checkpoint failed; trying again shortly"),
        }
        drop(copying);
        if last {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn open(path: &str) -> SqliteConnection {
        let mut c = SqliteConnection::establish(&format!("sqlite://{path}")).unwrap();
        c.batch_execute(crate::db::SQLITE_SETTINGS).unwrap();
        c.batch_execute("PRAGMA wal_autocheckpoint = 0").unwrap();
        c
    }

    /// Writes and reads that never pause (a busy box office) still let the
    /// log start again: its file keeps a fraction of the pages written, not
    /// every one, and every write is in the database.
    #[test]
    fn the_log_starts_again_while_writes_and_reads_never_pause() {
        let dir = std::env::temp_dir().join(format!("kaiku-wal-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("log.db").to_string_lossy().into_owned();
        let mut writer = open(&path);
        writer
            .batch_execute("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB NOT NULL)")
            .unwrap();
        let limit = 64;
        let (stop_checkpoints, valve) = start_paced(
            &path,
            Pace {
                every: Duration::from_millis(100),
                restart_past: limit,
            },
        )
        .unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let reads = Arc::new(AtomicUsize::new(0));
        let readers: Vec<_> = (0..3)
            .map(|_| {
                let (path, stop, reads) = (path.clone(), stop.clone(), reads.clone());
                std::thread::spawn(move || {
                    let mut c = open(&path);
                    while !stop.load(Ordering::Relaxed) {
                        c.batch_execute("SELECT max(id) FROM t").unwrap();
                        reads.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        let started = std::time::Instant::now();
        let mut writes: u64 = 0;
        while started.elapsed() < Duration::from_secs(2) {
            writer
                .batch_execute("INSERT INTO t (b) VALUES (randomblob(3000))")
                .unwrap();
            writes += 1;
            valve.after_write(&mut writer);
        }
        stop.store(true, Ordering::Relaxed);
        for r in readers {
            r.join().unwrap();
        }
        drop(stop_checkpoints);
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let stored = diesel::sql_query("SELECT count(*) AS n FROM t")
            .get_result::<Count>(&mut writer)
            .unwrap();
        assert_eq!(stored.n as u64, writes, "a write was lost");
        let waits = diesel::sql_query("SELECT timeout AS n FROM pragma_busy_timeout")
            .get_result::<Count>(&mut writer)
            .unwrap();
        assert_eq!(waits.n, 10000, "the writer waits for locks as before");
        let log_pages = std::fs::metadata(format!("{path}-wal")).unwrap().len() / 4096;
        std::fs::remove_dir_all(&dir).ok();
        assert!(
            reads.load(Ordering::Relaxed) as u64 > writes,
            "the readers never paused"
        );
        // Kept whole, the log would hold every page written: two to three
        // for each write. Started again every turn of the thread or two, it
        // holds a fraction of them.
        assert!(
            writes > 20 * limit as u64,
            "too few writes to tell: {writes}"
        );
        assert!(
            log_pages < writes,
            "the log kept {log_pages} pages of {writes} writes"
        );
    }
}
