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
use diesel::{Connection, SqliteConnection};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, sync_channel};
use std::time::Duration;

/// How often the log is copied back: at the box office's busiest, some
/// hundreds of pages each time.
const EVERY: Duration = Duration::from_millis(200);

/// Starts the checkpointer of the SQLite file at `path`. It stops, after a
/// last checkpoint, once every clone of the sender is dropped (the store
/// is gone).
pub(crate) fn start(path: &str) -> Result<SyncSender<()>, StoreError> {
    let mut conn = SqliteConnection::establish(path)
        .map_err(|e| StoreError::Unavailable(format!("checkpointer: {e}")))?;
    conn.batch_execute(crate::db::SQLITE_SETTINGS)?;
    let (tx, rx) = sync_channel::<()>(0);
    std::thread::Builder::new()
        .name("kaiku-checkpoint".into())
        .spawn(move || run(conn, rx))
        .map_err(|e| StoreError::Unavailable(format!("checkpointer thread: {e}")))?;
    Ok(tx)
}

fn run(mut conn: SqliteConnection, rx: Receiver<()>) {
    loop {
        let last = match rx.recv_timeout(EVERY) {
            Err(RecvTimeoutError::Timeout) | Ok(()) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        // A checkpoint that cannot finish now (a reader holds an old
        // snapshot) copies what it can; the next one goes on from there.
        if let Err(e) = conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
            tracing::warn!(error = %e, "checkpoint failed; trying again shortly");
        }
        if last {
            return;
        }
    }
}
