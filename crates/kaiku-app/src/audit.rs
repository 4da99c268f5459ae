//! Reading the audit log, scoped by the policy (R-AUTH-4).

use crate::Caller;
use crate::error::{AppError, AppResult};
use chrono::NaiveDateTime;
use kaiku_core::{Id, policy};
use kaiku_store::Store;
use kaiku_store::audit;
use serde::Serialize;
use utoipa::ToSchema;

pub const PAGE: i64 = 100;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EntryOut {
    /// Give it as `before` for the entries older than this one.
    pub cursor: String,
    pub at: NaiveDateTime,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<Id>,
    pub area: Option<Id>,
    pub detail: String,
}

const CURSOR_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// A cursor as the reader gave it: the time of an entry and how many
/// entries of that time the reader has seen.
fn cursor(raw: Option<&str>) -> AppResult<Option<audit::Cursor>> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    raw.split_once('~')
        .and_then(|(at, seen)| {
            let at = NaiveDateTime::parse_from_str(at, CURSOR_TIME).ok()?;
            let seen = seen
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=1_000_000).contains(n))?;
            Some(audit::Cursor { at, seen })
        })
        .map(Some)
        .ok_or_else(|| AppError::field("before", kaiku_core::input::InputError::InvalidChoice))
}

/// The log newest first, [`PAGE`] entries at a time, from `before` (the
/// cursor of the last entry of the page before) on. Each entry's cursor
/// names its time and its place among the entries of that time the
/// reader sees, never its id.
pub async fn list(
    store: &Store,
    caller: &Caller,
    before: Option<&str>,
) -> AppResult<Vec<EntryOut>> {
    let scope = policy::audit(caller.principal()).ok_or(AppError::Forbidden)?;
    let after = cursor(before)?;
    let entries = store
        .read(move |c| audit::list(c, &scope, after, PAGE))
        .await?;
    let mut last = after.map(|c| (c.at, c.seen));
    Ok(entries
        .into_iter()
        .map(|e| {
            let seen = match last {
                Some((at, n)) if at == e.at => n + 1,
                _ => 1,
            };
            last = Some((e.at, seen));
            EntryOut {
                cursor: format!("{}~{seen}", e.at.format(CURSOR_TIME)),
                at: e.at,
                actor: e.actor,
                action: e.action,
                record_type: e.record_type,
                record_id: e.record_id,
                area: e.area_id,
                detail: e.detail,
            }
        })
        .collect())
}

/// A listing of raw records the caller was shown (R-AUTH-4: card lists,
/// ticket and use views, refused rows, statistics downloads). Written
/// before the records are handed over: a listing that cannot be logged is
/// not shown.
pub(crate) struct Listed {
    pub action: &'static str,
    pub record_type: &'static str,
    pub record_id: Option<Id>,
    pub area: Option<Id>,
    pub detail: String,
}

pub(crate) async fn listed(store: &Store, caller: &Caller, l: Listed) -> AppResult<()> {
    let actor = caller.actor();
    store
        .write(move |c| {
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: l.action,
                    record_type: l.record_type,
                    record_id: l.record_id,
                    area: l.area,
                    detail: l.detail,
                },
                kaiku_store::now(),
            )
        })
        .await?;
    Ok(())
}
