//! Importing a venue's usage sheet on screen (issue 7, first part): choose
//! the file, see every row accepted or refused with its reason, then record
//! the accepted rows — all of them in one go, or none.

use super::org::id;
use super::{Page, render, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult};
use crate::extract::UiForm;
use crate::service::imports::{self, ConfirmInput, PreviewOut};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_core::Id;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/venues/{id}/import",
            get(form).post(upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/imports/{id}/confirm", post(confirm))
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage<'a> {
    page: &'a Page,
    venue_id: Id,
    preview: Option<PreviewOut>,
}

#[derive(serde::Deserialize, Default)]
struct Done {
    recorded: Option<String>,
}

async fn form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let venue = crate::service::org::get_venue(&st, &ctx, id(&raw)?).await?;
    let mut page = Page::new(&ctx, "import-title")
        .with_notice(q.recorded.map(|n| ctx.tr.t1("import-recorded", "count", n)));
    page.title = format!("{} – {}", page.title, venue.name);
    Ok(render(&ImportPage {
        page: &page,
        venue_id: venue.id,
        preview: None,
    }))
}

/// The file and the CSRF token of the upload form, the file read only up
/// to the upload limit.
async fn read_form(st: &AppState, mut m: Multipart) -> AppResult<(String, Vec<u8>)> {
    let (mut csrf, mut file) = (String::new(), vec![]);
    while let Some(mut field) = m
        .next_field()
        .await
        .map_err(|_| AppError::Malformed { field: None })?
    {
        match field.name() {
            Some("csrf") => {
                csrf = field
                    .text()
                    .await
                    .map_err(|_| AppError::Malformed { field: None })?
            }
            Some("file") => {
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|_| AppError::Malformed { field: None })?
                {
                    if file.len() + chunk.len() > st.config.upload_limit {
                        return Err(AppError::PayloadTooLarge);
                    }
                    file.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok((csrf, file))
}

async fn upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    m: Multipart,
) -> AppResult<Response> {
    let (csrf, file) = read_form(&st, m).await?;
    ctx.check_csrf(&csrf)?;
    let venue = id(&raw)?;
    let mut page = Page::new(&ctx, "import-title");
    let preview = match imports::preview_usage(&st, &ctx, venue, file).await {
        Ok(p) => Some(p),
        Err(e @ AppError::Refused(_)) => {
            page.errors = vec![("file".into(), e.message(&ctx.tr))];
            None
        }
        Err(e) => return Err(e),
    };
    let t = ImportPage {
        page: &page,
        venue_id: venue,
        preview,
    };
    Ok(super::respond(&page, &t))
}

async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ConfirmInput>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let import = id(&raw)?;
    let done = imports::confirm(&st, &ctx, import, &f).await?;
    let venue = st
        .store
        .read(move |c| kaiku_store::imports::get(c, import))
        .await?
        .venue_id
        .ok_or(AppError::NotFound)?;
    Ok(see_other(&format!(
        "/venues/{venue}/import?recorded={}",
        done.recorded
    )))
}
