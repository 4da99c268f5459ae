//! The offline uses a venue or its coordinator looks at (R-OFF-3): those
//! counted past the upper limit, and those waiting to be kept or cancelled.

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::id;
use crate::ui::{Page, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::tickets::offline::{self, OfflineUseOut};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "offline_uses.html")]
struct OfflinePage<'a> {
    page: &'a Page,
    venue: Option<i64>,
    uses: Vec<OfflineUseOut>,
    /// This page's number, and whether a page follows.
    number: u32,
    more: bool,
}

impl OfflinePage<'_> {
    fn time(&self, t: &chrono::NaiveDateTime) -> String {
        crate::dates::local_time(*t)
    }
}

#[derive(Deserialize, Default)]
pub(super) struct VenueQ {
    #[serde(default)]
    venue: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

pub(super) async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VenueQ>,
) -> WebResult<Response> {
    let venue = match q.venue.as_deref().filter(|v| !v.is_empty()) {
        Some(v) => Some(id(v)?),
        None => None,
    };
    // A page number that cannot be read is the first page.
    let number = q
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let (uses, more) = offline::marked(&st.store, &ctx.caller()?, venue, number).await?;
    let mut page = Page::new(&ctx, "offline-title");
    if let Some(e) = q.error.as_deref() {
        page.errors = vec![(String::new(), ctx.tr.t(&format!("error-{e}")))];
    }
    Ok(crate::ui::respond(
        &page,
        &OfflinePage {
            page: &page,
            venue,
            uses,
            number,
            more,
        },
    ))
}

#[derive(Deserialize, Default)]
pub(super) struct SettleForm {
    #[serde(default)]
    csrf: Option<String>,
    #[serde(default)]
    keep: Option<String>,
    #[serde(default)]
    venue: Option<String>,
}

pub(super) async fn settle(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<SettleForm>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let keep = match f.keep.as_deref() {
        Some("1") => true,
        Some("0") => false,
        _ => {
            return Err(AppError::Malformed {
                field: Some("keep".into()),
            }
            .into());
        }
    };
    let back = match f.venue.as_deref().and_then(|v| v.parse::<i64>().ok()) {
        Some(v) => format!("/offline-uses?venue={v}"),
        None => "/offline-uses".to_string(),
    };
    match offline::settle(&st.store, &ctx.caller()?, id(&raw)?, keep).await {
        Ok(_) => Ok(see_other(&back)),
        Err(AppError::Conflict(code)) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            Ok(see_other(&format!("{back}{sep}error={code}")))
        }
        Err(e) => Err(e.into()),
    }
}
