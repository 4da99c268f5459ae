//! The audit log (R-AUTH-4): who did what and when, newest first, for those
//! whose scope it is.

use crate::AppState;
use crate::auth::Ctx;
use crate::dates::local_time;
use crate::error::WebResult;
use crate::ui::{Page, render};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kaiku_app::audit;
use serde::Deserialize;

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: &'a Page,
    rows: Vec<AuditRow>,
    older: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct Before {
    before: Option<String>,
}

pub(super) async fn audit_log(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Before>,
) -> WebResult<Response> {
    let entries = audit::list(&st.store, &ctx.caller()?, q.before.as_deref()).await?;
    let older = (entries.len() as i64 == audit::PAGE)
        .then(|| entries.last().map(|e| e.cursor.clone()))
        .flatten();
    let page = Page::new(&ctx, "audit-title");
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            at: local_time(e.at),
            actor: e.actor,
            action: e.action,
            record: match e.record_id {
                Some(id) => format!("{} {id}", e.record_type),
                None => e.record_type,
            },
            detail: e.detail,
        })
        .collect();
    Ok(render(&AuditPage {
        page: &page,
        rows,
        older,
    }))
}
