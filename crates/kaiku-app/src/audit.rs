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
    pub id: Id,
    pub at: NaiveDateTime,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<Id>,
    pub area: Option<Id>,
    pub detail: String,
}

pub async fn list(store: &Store, caller: &Caller, before: Option<Id>) -> AppResult<Vec<EntryOut>> {
    let scope = policy::audit(caller.principal()).ok_or(AppError::Forbidden)?;
    let entries = store
        .read(move |c| audit::list(c, &scope, before, PAGE))
        .await?;
    Ok(entries
        .into_iter()
        .map(|e| EntryOut {
            id: e.id,
            at: e.at,
            actor: e.actor,
            action: e.action,
            record_type: e.record_type,
            record_id: e.record_id,
            area: e.area_id,
            detail: e.detail,
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
