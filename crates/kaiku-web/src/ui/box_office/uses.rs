//! A recorded use: its confirmation and ticket note (R-USE-7), redeeming or
//! cancelling its tickets, and an item's tickets of the day.

use super::when;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::id;
use crate::ui::{Page, render, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::items::ItemOut;
use kaiku_app::tickets::{self, Change, TicketOut, UseOut};
use kaiku_core::Id;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "use.html")]
struct UsePage<'a> {
    page: &'a Page,
    u: UseOut,
    when: String,
}

impl UsePage<'_> {
    fn live(&self) -> bool {
        self.u
            .tickets
            .iter()
            .any(|t| t.status != kaiku_core::usage::TicketStatus::Cancelled)
    }

    fn reserved(&self) -> bool {
        self.u
            .tickets
            .iter()
            .any(|t| t.status == kaiku_core::usage::TicketStatus::Reserved)
    }
}

#[derive(Deserialize, Default)]
pub(super) struct ErrorQ {
    error: Option<String>,
}

pub(super) async fn use_page(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<ErrorQ>,
) -> WebResult<Response> {
    let u = tickets::get_use(&st.store, &ctx.caller()?, &raw).await?;
    use_response(&ctx, u, q.error.as_deref())
}

fn use_response(ctx: &Ctx, u: UseOut, error: Option<&str>) -> WebResult<Response> {
    let mut page = Page::new(ctx, "use-title");
    if let Some(e) = error {
        page.errors = vec![(String::new(), e.to_string())];
    }
    let when = crate::dates::item_when(u.item_type, u.starts_at);
    Ok(crate::ui::respond(
        &page,
        &UsePage {
            page: &page,
            u,
            when,
        },
    ))
}

#[derive(Deserialize, Default)]
pub(super) struct ChangeForm {
    #[serde(default)]
    csrf: Option<String>,
    #[serde(default)]
    whole_use: Option<String>,
    /// Why a use of a settled period is cancelled.
    #[serde(default)]
    correction: Option<String>,
}

pub(super) async fn redeem(
    st: State<AppState>,
    ctx: Ctx,
    path: Path<String>,
    form: UiForm<ChangeForm>,
) -> WebResult<Response> {
    change(st, ctx, path, form, Change::Redeem).await
}

pub(super) async fn cancel(
    st: State<AppState>,
    ctx: Ctx,
    path: Path<String>,
    form: UiForm<ChangeForm>,
) -> WebResult<Response> {
    change(st, ctx, path, form, Change::Cancel).await
}

async fn change(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ChangeForm>,
    what: Change,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let ticket = id(&raw)?;
    let whole = f.whole_use.as_deref().is_some_and(|w| !w.is_empty());
    match tickets::change(
        &st.store,
        &ctx.caller()?,
        ticket,
        what,
        whole,
        f.correction.as_deref(),
    )
    .await
    {
        Ok(u) => Ok(see_other(&format!("/uses/{}", u.use_id))),
        Err(e @ AppError::Refused(_)) => {
            let t = tickets::get_ticket(&st.store, &ctx.caller()?, ticket).await?;
            let u = tickets::get_use(&st.store, &ctx.caller()?, &t.use_id).await?;
            let mut res = use_response(&ctx, u, Some(&e.message(&ctx.tr)))?;
            *res.status_mut() = crate::error::status(&e);
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "item_tickets.html")]
struct ItemTickets<'a> {
    page: &'a Page,
    item: ItemOut,
    venue_id: Id,
    tickets: Vec<TicketOut>,
}

impl ItemTickets<'_> {
    fn time(&self, t: &chrono::NaiveDateTime) -> String {
        crate::dates::local_time(*t)
    }
}

pub(super) async fn item_tickets(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let item_id = id(&raw)?;
    let tickets = tickets::of_item(&st.store, &ctx.caller()?, item_id).await?;
    let item = kaiku_app::items::get(&st.store, &ctx.caller()?, item_id).await?;
    let mut page = Page::new(&ctx, "item-tickets-title");
    page.title = format!("{} – {} {}", page.title, item.title, when(&item));
    Ok(render(&ItemTickets {
        page: &page,
        venue_id: item.venue,
        item,
        tickets,
    }))
}
