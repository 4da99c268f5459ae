//! The append-only audit log (R-AUTH-4). There is no update or delete here,
//! and the database refuses both.

use crate::schema::audit_log;
use crate::{Actor, DbConn, Result};
use chrono::NaiveDateTime;
use diesel::dsl::not;
use diesel::prelude::*;
use diesel::sql_types::Bool;
use kaiku_core::Id;
use kaiku_core::policy::{AuditScope, HOLDER_RECORD_ACTIONS};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct Entry {
    pub id: Id,
    pub at: NaiveDateTime,
    pub account_id: Option<Id>,
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<Id>,
    pub area_id: Option<Id>,
    pub detail: String,
}

/// What happened, to which record, in which area. `detail` holds ids and
/// field names only, never what a person typed (R-PRIV-1).
#[derive(Clone, Debug)]
pub struct Event<'a> {
    pub action: &'a str,
    pub record_type: &'a str,
    pub record_id: Option<Id>,
    pub area: Option<Id>,
    pub detail: String,
}

pub fn record(conn: &mut DbConn, actor: &Actor, event: &Event, now: NaiveDateTime) -> Result<()> {
    insert_rows(conn, &[Row::new(actor, event, now)])
}

/// The same, written with the other entries of the writer's group just
/// before it commits (one statement for all), when the caller runs in a
/// group; rolled back with the caller's work if that fails.
pub fn record_later(
    conn: &mut DbConn,
    actor: &Actor,
    event: &Event,
    now: NaiveDateTime,
) -> Result<()> {
    match crate::writer::defer(crate::writer::Later::Audit(Row::new(actor, event, now))) {
        crate::writer::Deferred::Kept => Ok(()),
        crate::writer::Deferred::Now(crate::writer::Later::Audit(row)) => insert_rows(conn, &[row]),
        crate::writer::Deferred::Now(_) | crate::writer::Deferred::Taken => {
            Err(crate::StoreError::Conflict)
        }
    }
}

/// An entry as written.
#[derive(Clone, Debug, Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub(crate) struct Row {
    at: NaiveDateTime,
    account_id: Option<Id>,
    actor: String,
    action: String,
    record_type: String,
    record_id: Option<Id>,
    area_id: Option<Id>,
    detail: String,
}

impl Row {
    fn new(actor: &Actor, event: &Event, now: NaiveDateTime) -> Row {
        Row {
            at: now,
            account_id: actor.account,
            actor: actor.label.clone(),
            action: event.action.to_string(),
            record_type: event.record_type.to_string(),
            record_id: event.record_id,
            area_id: event.area,
            detail: event.detail.clone(),
        }
    }
}

/// Writes entries, many rows a statement.
pub(crate) fn insert_rows(conn: &mut DbConn, rows: &[Row]) -> Result<()> {
    crate::db::insert_rows!(conn, audit_log::table, rows);
    Ok(())
}

/// Where a page of the log continues: after the first `seen` entries the
/// reader may see at `at` or before it (newest first). No entry id: the
/// gaps between ids would count the entries the reader may not see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub at: NaiveDateTime,
    pub seen: i64,
}

/// Newest first, `limit` entries the scope lets the reader see, from
/// `after` on.
pub fn list(
    conn: &mut DbConn,
    scope: &AuditScope,
    after: Option<Cursor>,
    limit: i64,
) -> Result<Vec<Entry>> {
    let mut q = audit_log::table
        .select(Entry::as_select())
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .into_boxed();
    match scope {
        AuditScope::All => {}
        AuditScope::Areas(areas) => q = q.filter(audit_log::area_id.eq_any(areas.clone())),
        AuditScope::National { coordinated } => {
            let holder: Vec<String> = HOLDER_RECORD_ACTIONS
                .iter()
                .map(|a| format!("{a}.%"))
                .collect();
            let mut about_holders: Box<
                dyn BoxableExpression<
                        audit_log::table,
                        <DbConn as Connection>::Backend,
                        SqlType = Bool,
                    >,
            > = Box::new(false.into_sql::<Bool>());
            for pattern in holder {
                about_holders = Box::new(about_holders.or(audit_log::action.like(pattern)));
            }
            q = q.filter(
                not(about_holders).or(audit_log::area_id
                    .assume_not_null()
                    .eq_any(coordinated.clone())),
            );
        }
    }
    if let Some(c) = after {
        q = q.filter(audit_log::at.le(c.at)).offset(c.seen);
    }
    Ok(q.load(conn)?)
}
