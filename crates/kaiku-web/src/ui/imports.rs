//! Importing sheets on screen: a venue's usage sheet, a point's
//! transfer forms. Choose the file, see every row accepted or refused with
//! its reason, download the refused rows to fix, then record the accepted
//! rows — all of them in one go, or none.

use super::forms::id;
use super::{Page, render, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, AppResult, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::imports::{self, ConfirmInput, PreviewOut};
use kaiku_core::Id;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/venues/{id}/import",
            get(usage_form)
                .post(usage_upload)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/points/{id}/import",
            get(issuance_form)
                .post(issuance_upload)
                .layer(DefaultBodyLimit::disable()),
        )
        .route("/imports/{id}/confirm", post(confirm))
}

/// More rows than this and the screen lists only those not accepted: a
/// long list of ticks helps nobody find the rows to fix.
const SHOWN_ACCEPTED: usize = 1_000;

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage<'a> {
    page: &'a Page,
    kind: &'static str,
    intro: &'static str,
    action: String,
    confirm_key: &'static str,
    confirmed_16: bool,
    preview: Option<PreviewOut>,
}

impl<'a> ImportPage<'a> {
    fn new(page: &'a Page, kind: &'static str, target: Id) -> ImportPage<'a> {
        let usage = kind == "usage";
        ImportPage {
            page,
            kind,
            intro: if usage {
                "import-intro"
            } else {
                "issuance-import-intro"
            },
            action: if usage {
                format!("/venues/{target}/import")
            } else {
                format!("/points/{target}/import")
            },
            confirm_key: if usage {
                "action-import"
            } else {
                "issuance-action-import"
            },
            confirmed_16: false,
            preview: None,
        }
    }
}

#[derive(serde::Deserialize, Default)]
struct Done {
    recorded: Option<String>,
}

async fn usage_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> WebResult<Response> {
    let venue = kaiku_app::org::get_venue(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let mut page = Page::new(&ctx, "import-title")
        .with_notice(q.recorded.map(|n| ctx.tr.t1("import-recorded", "count", n)));
    page.title = format!("{} – {}", page.title, venue.name);
    Ok(render(&ImportPage::new(&page, "usage", venue.id)))
}

async fn issuance_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<Done>,
) -> WebResult<Response> {
    let point = kaiku_app::org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let mut page = Page::new(&ctx, "issuance-import-title").with_notice(
        q.recorded
            .map(|n| ctx.tr.t1("issuance-import-recorded", "count", n)),
    );
    page.title = format!("{} – {}", page.title, point.name);
    Ok(render(&ImportPage::new(&page, "issuance", point.id)))
}

/// The fields of the upload form, the file read only up to the upload limit.
#[derive(Default)]
struct Upload {
    csrf: String,
    file: Vec<u8>,
    confirmed_16: bool,
}

async fn read_form(st: &AppState, mut m: Multipart) -> WebResult<Upload> {
    let mut u = Upload::default();
    let malformed = |_| AppError::Malformed { field: None };
    while let Some(mut field) = m.next_field().await.map_err(malformed)? {
        match field.name() {
            Some("csrf") => u.csrf = field.text().await.map_err(malformed)?,
            Some("confirmed_at_least_16") => {
                u.confirmed_16 = field.text().await.map_err(malformed)? == "true"
            }
            Some("file") => {
                while let Some(chunk) = field.chunk().await.map_err(malformed)? {
                    if u.file.len() + chunk.len() > st.config.upload_limit {
                        return Err(AppError::PayloadTooLarge.into());
                    }
                    u.file.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    Ok(u)
}

/// A refusal of the whole file is shown beside the file field; the page
/// stays as it was so that another file can be chosen.
fn shown(page: &mut Page, ctx: &Ctx, r: AppResult<PreviewOut>) -> WebResult<Option<PreviewOut>> {
    match r {
        Ok(mut p) => {
            if p.rows.len() > SHOWN_ACCEPTED {
                p.rows.retain(|r| r.status != "accepted");
            }
            Ok(Some(p))
        }
        Err(e @ AppError::Refused(_)) => {
            page.errors = vec![("file".into(), e.message(&ctx.tr))];
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

async fn usage_upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    m: Multipart,
) -> WebResult<Response> {
    let u = read_form(&st, m).await?;
    ctx.check_csrf(&u.csrf)?;
    let venue = id(&raw)?;
    let result = imports::usage::preview(&st.store, &ctx.caller()?, venue, u.file).await;
    preview_page(&ctx, "usage", venue, false, result)
}

async fn issuance_upload(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    m: Multipart,
) -> WebResult<Response> {
    let u = read_form(&st, m).await?;
    ctx.check_csrf(&u.csrf)?;
    let point = id(&raw)?;
    let result =
        imports::issuance::preview(&st.store, &ctx.caller()?, point, u.confirmed_16, u.file).await;
    preview_page(&ctx, "issuance", point, u.confirmed_16, result)
}

/// The import page again, with the preview of the sheet just sent (or why
/// the whole file was refused).
fn preview_page(
    ctx: &Ctx,
    kind: &'static str,
    target: Id,
    confirmed_16: bool,
    result: AppResult<PreviewOut>,
) -> WebResult<Response> {
    let title = if kind == "usage" {
        "import-title"
    } else {
        "issuance-import-title"
    };
    let mut page = Page::new(ctx, title);
    let preview = shown(&mut page, ctx, result)?;
    let mut t = ImportPage::new(&page, kind, target);
    t.confirmed_16 = confirmed_16;
    t.preview = preview;
    Ok(super::respond(&page, &t))
}

async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ConfirmInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let import = id(&raw)?;
    let imp = imports::get(&st.store, &ctx.caller()?, import).await?;
    let done = imports::confirm(&st.store, &ctx.caller()?, import, &f).await?;
    let back = match (imp.venue_id, imp.point_id) {
        (Some(v), _) => format!("/venues/{v}/import"),
        (_, Some(p)) => format!("/points/{p}/import"),
        _ => return Err(AppError::NotFound.into()),
    };
    Ok(see_other(&format!("{back}?recorded={}", done.recorded)))
}
