//! SQLite's write-ahead log copied back into the database file by a thread
//! of the store's own.
//!
//! Left to SQLite, the write that finds the log past a thousand pages copies
//! it back and syncs the file before it returns, and with one writer every
//! write queued behind it waits those milliseconds too. A passive checkpoint
//! on another connection copies what is committed while the writer goes on;
//! the writer starts the log again from its beginning once all of it is
//! copied and no reader still needs it, as it would after its own
//! checkpoint.

use crate::StoreError;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl, SqliteConnection};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

/// How often the log is copied back: at the box office's busiest, some
/// hundreds of pages each time.
const EVERY: Duration = Duration::from_millis(200);

/// Starts the checkpointer of the SQLite file at `path`. It stops, after a
/// last checkpoint, once every clone of the sender is dropped (the store
/// is gone).
pub(crate) fn start(path: &str) -> Result<SyncSender<()>, StoreError> {
    // Named as the pool names it, so that both open the same file.
    let mut conn = SqliteConnection::establish(&format!("sqlite://{path}"))
        .map_err(|e| StoreError::Unavailable(format!("checkpointer: {e}")))?;
    conn.batch_execute(crate::db::SQLITE_SETTINGS)?;
    let (tx, rx) = sync_channel::<()>(0);
    std::thread::Builder::new()
        .name("kaiku-checkpoint".into())
        .spawn(move || run(conn, rx))
        .map_err(|e| StoreError::Unavailable(format!("checkpointer thread: {e}")))?;
    Ok(tx)
}

/// Pages in the log (4 KiB each) past which the writer is made to wait
/// for a whole checkpoint.
const RESTART_PAST: i32 = 4096;

#[derive(diesel::QueryableByName)]
struct Done {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    log: i32,
}

fn run(mut conn: SqliteConnection, rx: Receiver<()>) {
    loop {
        let last = match rx.recv_timeout(EVERY) {
            Err(RecvTimeoutError::Timeout) | Ok(()) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        // A checkpoint that cannot finish now (a reader holds an old
        // snapshot) copies what it can; the next one goes on from there.
        match diesel::sql_query("PRAGMA wal_checkpoint(PASSIVE)").get_result::<Done>(&mut conn) {
            // The writer starts the log again only when all of it was
            // copied and no reader still needs it; writes that never pause
            // would let it grow without end. Past a limit, the checkpoint
            // waits for the writer, copies the rest and has the log start
            // again. It waits for readers a few milliseconds at most,
            // holding the writer meanwhile: if one still needs the log, the
            // next turn tries again. While box offices read without a
            // pause one always does, so each try holds the writes 5-10 ms
            // and the log grows until the first lull.
            Ok(done) if done.log > RESTART_PAST => {
                if let Err(e) = conn.batch_execute(
                    "PRAGMA busy_timeout = 5; PRAGMA wal_checkpoint(RESTART); \
                     PRAGMA busy_timeout = 10000;",
                ) {
                    tracing::warn!(error = %e, "checkpoint failed; trying again shortly");
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "checkpoint failed; trying again shortly"),
        }
        if last {
            return;
        }
    }
}
