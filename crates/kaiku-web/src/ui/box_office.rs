//! The box-office screen, built for a counter: the day's items preselected,
//! the code field focused, Enter checks, one more key records; the answer is
//! large and says in words (and a sign, never colour alone) what to do. A
//! barcode scanner that types the code and Enter works the same way.

use super::forms::{Opt, choices};
use super::org::id;
use super::{Field, Page, render, see_other};
use crate::AppState;
use crate::auth::{Ctx, random_token};
use crate::error::{AppError, CardRefusal, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::items::ItemOut;
use kaiku_app::tickets::{self, Change, TicketOut, UseInput, UseOut};
use kaiku_core::Id;
use kaiku_core::org::SalesChannel;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/box-office", get(choose_venue))
        .route("/venues/{id}/box-office", get(screen).post(record))
        .route("/venues/{id}/backlog", get(backlog_screen).post(record))
        .route("/uses/{id}", get(use_page))
        .route("/tickets/{id}/redeem", post(redeem))
        .route("/tickets/{id}/cancel", post(cancel))
        .route("/items/{id}/tickets", get(item_tickets))
}

/// The box-office form as sent, by the check (GET) or the record (POST).
#[derive(Clone, Debug, Default, Deserialize)]
struct VisitForm {
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    card_code: Option<String>,
    #[serde(default)]
    adults: Option<String>,
    #[serde(default)]
    children: Option<String>,
    #[serde(default)]
    members: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    backlog: Option<String>,
    #[serde(default)]
    idempotency_key: Option<String>,
    #[serde(default)]
    csrf: Option<String>,
}

impl VisitForm {
    fn input(&self) -> Result<UseInput, AppError> {
        let num = |v: &Option<String>, field: &str| -> Result<Option<i32>, AppError> {
            match v.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(s) => s.parse().map(Some).map_err(|_| AppError::Malformed {
                    field: Some(field.into()),
                }),
            }
        };
        Ok(UseInput {
            card_code: self.card_code.clone().unwrap_or_default(),
            adults: num(&self.adults, "adults")?,
            children: num(&self.children, "children")?,
            channel: self.channel.clone(),
            members: self
                .members
                .as_deref()
                .unwrap_or("")
                .split(['\n', '\r', ',', ';'])
                .filter(|c| !c.trim().is_empty())
                .map(str::to_string)
                .collect(),
            backlog: self.backlog.as_deref().is_some_and(|b| !b.is_empty()),
        })
    }
}

/// The answer shown after a check or a refused record.
struct Verdict {
    ok: bool,
    code: String,
    /// (card code, messages) of every refused card.
    refusals: Vec<(String, Vec<String>)>,
    summary: String,
}

#[derive(Template)]
#[template(path = "box_office.html")]
struct Screen<'a> {
    page: &'a Page,
    venue_id: Id,
    backlog: bool,
    fields: Vec<Field>,
    group_fields: Vec<Field>,
    /// The group part opens when it holds something (or an error).
    group_open: bool,
    verdict: Option<Verdict>,
    /// Hidden fields of the record form (after a successful check).
    carry: Vec<(&'static str, String)>,
    item: Option<ItemOut>,
}

async fn choose_venue(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    let venues = tickets::box_office_venues(&st.store, &ctx.caller()?).await?;
    if let [one] = venues.as_slice() {
        return Ok(see_other(&format!("/venues/{}/box-office", one.id)));
    }
    let page = Page::new(&ctx, "box-office-choose");
    let t = ChoosePage {
        page: &page,
        venues: venues.into_iter().map(|v| (v.id, v.name)).collect(),
    };
    Ok(render(&t))
}

#[derive(Template)]
#[template(path = "box_office_choose.html")]
struct ChoosePage<'a> {
    page: &'a Page,
    venues: Vec<(Id, String)>,
}

fn when(i: &ItemOut) -> String {
    crate::dates::item_when(i.kind, i.starts_at)
}

/// The item preselected: the one asked for, else today's next (or the one
/// running now), else the first on the list.
fn preselect(items: &[ItemOut], asked: Option<Id>) -> Option<Id> {
    if let Some(a) = asked.filter(|a| items.iter().any(|i| i.id == *a)) {
        return Some(a);
    }
    let now = chrono::Utc::now() - chrono::Duration::hours(3);
    items
        .iter()
        .find(|i| i.starts_at >= now)
        .or(items.first())
        .map(|i| i.id)
}

async fn screen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(f): Query<VisitForm>,
) -> WebResult<Response> {
    show(&st, &ctx, id(&raw)?, false, f, None).await
}

async fn backlog_screen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(f): Query<VisitForm>,
) -> WebResult<Response> {
    show(&st, &ctx, id(&raw)?, true, f, None).await
}

/// Renders the screen; with a code it checks the whole visit first (nothing
/// is written), `refused` is a record that failed.
async fn show(
    st: &AppState,
    ctx: &Ctx,
    venue: Id,
    backlog: bool,
    f: VisitForm,
    refused: Option<AppError>,
) -> WebResult<Response> {
    let (v, items) = tickets::box_office_items(&st.store, &ctx.caller()?, venue, backlog).await?;
    let asked = f.item.as_deref().and_then(|s| s.parse().ok());
    let selected = preselect(&items, asked);
    let mut page = Page::new(
        ctx,
        if backlog {
            "backlog-title"
        } else {
            "box-office-title"
        },
    );
    page.title = format!("{} – {}", page.title, v.name);
    let code = f.card_code.clone().unwrap_or_default();
    let mut verdict = None;
    let input = f.input();
    let outcome = match (refused, &input, selected) {
        (Some(e), _, _) => Some(Err(e)),
        (None, Err(e), _) if !code.trim().is_empty() => Some(Err(e.clone())),
        (None, Ok(i), Some(item)) if !code.trim().is_empty() => {
            let i = UseInput {
                backlog,
                ..i.clone()
            };
            Some(tickets::try_visit(&st.store, &ctx.caller()?, item, &i).await)
        }
        _ => None,
    };
    match outcome {
        None => {}
        Some(Ok(())) => {
            let i = input.as_ref().ok();
            let (a, c, m) = i
                .map(|i| {
                    (
                        i.adults.unwrap_or(1),
                        i.children.unwrap_or(0),
                        i.members.len(),
                    )
                })
                .unwrap_or((1, 0, 0));
            verdict = Some(Verdict {
                ok: true,
                code: shown_code(&code),
                refusals: vec![],
                summary: ctx.tr.t_args(
                    "box-office-ok",
                    &[
                        ("adults", (a + m as i32).to_string()),
                        ("children", c.to_string()),
                    ],
                ),
            });
        }
        Some(Err(AppError::UseRefused(cards))) => {
            verdict = Some(refusal_verdict(ctx, &code, &cards));
        }
        Some(Err(
            e @ (AppError::Invalid(_) | AppError::Refused(_) | AppError::Malformed { .. }),
        )) => {
            page.errors = match e {
                AppError::Invalid(errs) => errs
                    .iter()
                    .map(|fe| (fe.field.to_string(), fe.message(&ctx.tr)))
                    .collect(),
                e => vec![(String::new(), e.message(&ctx.tr))],
            };
        }
        Some(Err(e)) => return Err(e.into()),
    }
    let ok = verdict.as_ref().is_some_and(|v| v.ok);
    let item_opts: Vec<Opt> = items
        .iter()
        .map(|i| {
            let left = match (i.excluded, i.sold_out, i.cap) {
                (true, _, _) => ctx.tr.t("items-excluded"),
                (_, true, _) => ctx.tr.t("items-sold-out"),
                (_, _, Some(_)) => ctx.tr.t1("box-office-left", "left", i.kaiku_tickets_left),
                _ => String::new(),
            };
            let label = if left.is_empty() {
                format!("{} {}", when(i), i.title)
            } else {
                format!("{} {} ({left})", when(i), i.title)
            };
            Opt::new(i.id, label, Some(i.id) == selected)
        })
        .collect();
    let channel = f.channel.clone().unwrap_or_else(|| "box_office".into());
    let fields = vec![
        Field::select(&page, "item", item_opts).required(),
        Field::text(&page, "card_code", &code)
            .required()
            .autofocus(!ok && page.errors.is_empty())
            .autocomplete("off"),
        Field::text(
            &page,
            "adults",
            f.adults.clone().unwrap_or_else(|| "1".into()),
        )
        .numeric(),
        Field::text(
            &page,
            "children",
            f.children.clone().unwrap_or_else(|| "0".into()),
        )
        .numeric(),
    ];
    let group_fields = vec![
        Field::textarea(&page, "members", f.members.clone().unwrap_or_default()),
        Field::select(
            &page,
            "channel",
            choices(
                &page,
                "channel",
                SalesChannel::ALL.iter().map(|c| c.as_ref()),
                std::slice::from_ref(&channel),
            ),
        ),
    ];
    let carry = if ok {
        vec![
            ("item", selected.map(|s| s.to_string()).unwrap_or_default()),
            ("card_code", code.clone()),
            ("adults", f.adults.clone().unwrap_or_else(|| "1".into())),
            ("children", f.children.clone().unwrap_or_else(|| "0".into())),
            ("members", f.members.clone().unwrap_or_default()),
            ("channel", channel.clone()),
            ("backlog", if backlog { "1".into() } else { String::new() }),
            // R-USE-9: a double press of "record" sends this twice and
            // records once.
            ("idempotency_key", random_token()),
        ]
    } else {
        vec![]
    };
    let item = selected.and_then(|s| items.iter().find(|i| i.id == s).cloned());
    let refused = verdict.as_ref().is_some_and(|v| !v.ok);
    let t = Screen {
        page: &page,
        venue_id: venue,
        backlog,
        fields,
        group_open: f.members.as_deref().is_some_and(|m| !m.trim().is_empty())
            || channel != "box_office"
            || page
                .errors
                .iter()
                .any(|(f, _)| f == "members" || f == "channel"),
        group_fields,
        verdict,
        carry,
        item,
    };
    let mut res = super::respond(&page, &t);
    if refused {
        *res.status_mut() = StatusCode::CONFLICT;
        res.extensions_mut().insert(crate::Rendered);
    }
    Ok(res)
}

/// The code as the register writes it (`e-1` → `E1`), or as typed if it is
/// no code at all.
fn shown_code(raw: &str) -> String {
    kaiku_app::cards::parse_code(raw).unwrap_or_else(|_| raw.trim().to_uppercase())
}

fn refusal_verdict(ctx: &Ctx, code: &str, cards: &[CardRefusal]) -> Verdict {
    Verdict {
        ok: false,
        code: shown_code(code),
        refusals: cards
            .iter()
            .map(|c| (c.card_code.clone(), c.messages(&ctx.tr)))
            .collect(),
        summary: ctx.tr.t("box-office-refused"),
    }
}

async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<VisitForm>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let venue = id(&raw)?;
    let backlog = ctx.path.ends_with("/backlog");
    let item: Id = f
        .item
        .as_deref()
        .and_then(|s| s.parse().ok())
        .ok_or(AppError::Malformed {
            field: Some("item".into()),
        })?;
    let input = UseInput {
        backlog,
        ..f.input()?
    };
    let key = tickets::idempotency_key(f.idempotency_key.as_deref())?;
    match tickets::record(&st.store, &ctx.caller()?, item, &input, key).await {
        Ok(done) => Ok(see_other(&format!("/uses/{}", done.out.use_id))),
        Err(e @ (AppError::UseRefused(_) | AppError::Invalid(_))) => {
            show(&st, &ctx, venue, backlog, f, Some(e)).await
        }
        Err(e) => Err(e.into()),
    }
}

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
struct ErrorQ {
    error: Option<String>,
}

async fn use_page(
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
    Ok(super::respond(
        &page,
        &UsePage {
            page: &page,
            u,
            when,
        },
    ))
}

#[derive(Deserialize, Default)]
struct ChangeForm {
    #[serde(default)]
    csrf: Option<String>,
    #[serde(default)]
    whole_use: Option<String>,
}

async fn redeem(
    st: State<AppState>,
    ctx: Ctx,
    path: Path<String>,
    form: UiForm<ChangeForm>,
) -> WebResult<Response> {
    change(st, ctx, path, form, Change::Redeem).await
}

async fn cancel(
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
    match tickets::change(&st.store, &ctx.caller()?, ticket, what, whole).await {
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

async fn item_tickets(
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
