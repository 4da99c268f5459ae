//! Backups of a SQLite register while it serves, and bringing one back
//! (R-OPS-1). A backup is SQLite's `VACUUM INTO`: one read transaction, so
//! it is a consistent copy of the register at one moment and writers go on
//! beside it. It is written under a temporary name, checked as a restore
//! would check it, and only then renamed into place: a full disk or a
//! crash leaves the last good backup as it was, never half a file under
//! its name. On PostgreSQL backups are `pg_dump`'s (see the README).

use crate::{DbConn, StoreError};
use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, StoreError>;

/// What a checked register file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The newest migration it has.
    pub schema: String,
    /// Migrations this version of kaiku has that it lacks: they run when
    /// the restored register is first opened.
    pub behind: usize,
}

fn refused(why: impl Into<String>) -> StoreError {
    StoreError::Config(why.into())
}

fn partial(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    target.with_file_name(name)
}

/// Syncs a file's data, and its folder's entry for it, to disk.
fn sync(path: &Path) -> std::io::Result<()> {
    File::open(path)?.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // A folder cannot be synced on every platform; the file is.
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}

/// Writes a consistent copy of the register `conn` belongs to into
/// `target`, which must not exist yet, and checks it.
pub fn backup(
    conn: &mut DbConn,
    _: &kaiku_core::policy::Maintenance,
    target: &Path,
) -> Result<Checked> {
    let DbConn::Sqlite(c) = conn else {
        return Err(refused(
            "kaiku backup copies a SQLite register; back up PostgreSQL with pg_dump",
        ));
    };
    if target.exists() {
        return Err(refused(format!(
            "{} exists already: a backup never overwrites a file, choose a new name",
            target.display()
        )));
    }
    let tmp = partial(target);
    let _ = fs::remove_file(&tmp);
    let written = (|| {
        let path = tmp
            .to_str()
            .ok_or_else(|| refused("the backup's path is not valid text"))?;
        diesel::sql_query("VACUUM INTO ?")
            .bind::<diesel::sql_types::Text, _>(path)
            .execute(c)
            .map_err(|e| refused(format!("cannot write {}: {e}", tmp.display())))?;
        sync(&tmp).map_err(|e| refused(format!("cannot write {}: {e}", tmp.display())))?;
        let checked = check(&tmp)?;
        fs::rename(&tmp, target)
            .map_err(|e| refused(format!("cannot write {}: {e}", target.display())))?;
        let _ = sync(target);
        Ok(checked)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = diesel::sql_types::Text)]
    line: String,
}

/// Checks that `file` is a whole kaiku register this version can open: a
/// SQLite file whose every page is sound, with kaiku's migrations and none
/// from a newer kaiku.
pub fn check(file: &Path) -> Result<Checked> {
    let shown = file.display();
    let mut head = [0u8; 16];
    let read = File::open(file).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head));
    match read {
        Ok(()) if &head == b"SQLite format 3\0" => {}
        Ok(()) => return Err(refused(format!("{shown} is not a SQLite file"))),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(refused(format!("{shown} is too short to be a register")));
        }
        Err(e) => return Err(refused(format!("cannot read {shown}: {e}"))),
    }
    let url = file
        .to_str()
        .ok_or_else(|| refused("the file's path is not valid text"))?;
    let mut c = SqliteConnection::establish(url)
        .map_err(|e| refused(format!("cannot open {shown}: {e}")))?;
    let broken = |e: diesel::result::Error| refused(format!("{shown} is damaged: {e}"));
    let lines: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS line FROM pragma_integrity_check")
            .load(&mut c)
            .map_err(broken)?;
    if lines.len() != 1 || lines[0].line != "ok" {
        return Err(refused(format!(
            "{shown} is damaged: SQLite's integrity check did not pass"
        )));
    }
    let versions: Vec<Line> =
        diesel::sql_query("SELECT version AS line FROM __diesel_schema_migrations")
            .load(&mut c)
            .map_err(|_| refused(format!("{shown} is not a kaiku register")))?;
    let have: Vec<String> = versions.into_iter().map(|v| v.line).collect();
    let known = crate::db::sqlite_versions()?;
    if known.first().is_none_or(|first| !have.contains(first)) {
        return Err(refused(format!("{shown} is not a kaiku register")));
    }
    if let Some(newer) = have.iter().find(|v| !known.contains(v)) {
        return Err(refused(format!(
            "{shown} was made by a newer kaiku (schema {newer}); restore it with that version"
        )));
    }
    c.batch_execute("SELECT 1").map_err(broken)?;
    Ok(Checked {
        schema: have.iter().max().cloned().unwrap_or_default(),
        behind: known.iter().filter(|v| !have.contains(v)).count(),
    })
}

/// Brings the register in `file` back as `target`, which must be an empty
/// place: no register, and no SQLite journal of one, is overwritten.
pub fn restore(file: &Path, target: &Path) -> Result<Checked> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = target.as_os_str().to_os_string();
        name.push(suffix);
        let p = PathBuf::from(name);
        if fs::metadata(&p).is_ok_and(|m| m.len() > 0) {
            return Err(refused(format!(
                "{} holds a register already: restore goes into an empty place. \
                 Stop kaiku and move the file away first",
                p.display()
            )));
        }
    }
    let checked = check(file)?;
    let tmp = partial(target);
    let copied = fs::copy(file, &tmp)
        .and_then(|_| sync(&tmp))
        .and_then(|_| fs::rename(&tmp, target))
        .map_err(|e| refused(format!("cannot write {}: {e}", target.display())));
    if copied.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    copied.map(|_| checked)
}

/// The backups in `dir` that [`prune`] manages: `kaiku-*.db`, oldest first
/// (their names sort by time).
pub fn scheduled(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| refused(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("kaiku-") && n.ends_with(".db"))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// The name of a scheduled backup taken at `at`.
pub fn scheduled_name(dir: &Path, at: chrono::NaiveDateTime) -> PathBuf {
    dir.join(format!("kaiku-{}.db", at.format("%Y%m%d-%H%M%S")))
}

/// Removes the oldest scheduled backups beyond the newest `keep`.
pub fn prune(dir: &Path, keep: usize) -> Result<usize> {
    let all = scheduled(dir)?;
    let extra = all.len().saturating_sub(keep.max(1));
    for old in &all[..extra] {
        fs::remove_file(old)
            .map_err(|e| refused(format!("cannot remove {}: {e}", old.display())))?;
    }
    Ok(extra)
}
