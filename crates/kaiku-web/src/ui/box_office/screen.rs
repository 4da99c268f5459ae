//! The counter screen: the day's items, the code field, a check that says
//! in words what to do, and recording the visit once the check passed (or
//! showing again what stands in its way).

use super::{VisitForm, when};
use crate::AppState;
use crate::auth::{Ctx, random_token};
use crate::error::{AppError, CardRefusal, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::id;
use crate::ui::forms::{Opt, choices};
use crate::ui::{Field, Page, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use kaiku_app::items::ItemOut;
use kaiku_app::tickets::{self, UseInput};
use kaiku_core::Id;
use kaiku_core::org::SalesChannel;

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
    /// The offline box office's words, for its script (`{name}` marks
    /// where it puts a value).
    offline: Vec<(&'static str, String)>,
}

/// What the offline script says, in the page's language.
fn offline_texts(tr: &crate::i18n::Tr) -> Vec<(&'static str, String)> {
    let slot = |name: &str| format!("{{{name}}}");
    // A number no message holds otherwise, replaced by the script.
    const MANY: i64 = 12345;
    vec![
        (
            "online",
            tr.t1("offline-state-online", "time", slot("time")),
        ),
        (
            "offline",
            tr.t_args(
                "offline-state-offline",
                &[("since", slot("since")), ("time", slot("time"))],
            ),
        ),
        (
            "manual",
            tr.t_args(
                "offline-state-manual",
                &[("since", slot("since")), ("time", slot("time"))],
            ),
        ),
        ("nosnapshot", tr.t("offline-state-nosnapshot")),
        ("waitingone", tr.t_count("offline-waiting", 1)),
        (
            "waitingother",
            tr.t_count("offline-waiting", MANY)
                .replace(&MANY.to_string(), "{count}"),
        ),
        ("gooffline", tr.t("offline-go-offline")),
        ("goonline", tr.t("offline-go-online")),
        (
            "sent",
            tr.t_args(
                "offline-sent",
                &[
                    ("recorded", slot("recorded")),
                    ("over", slot("over")),
                    ("disputed", slot("disputed")),
                ],
            ),
        ),
        ("may", tr.t("box-office-may")),
        ("maynot", tr.t("box-office-may-not")),
        ("ok", tr.t("offline-ok")),
        ("record", tr.t("offline-record")),
        ("recordanyway", tr.t("offline-record-anyway")),
        ("recorded", tr.t("offline-recorded")),
        ("warnunknown", tr.t("offline-warn-unknown")),
        ("warncheck", tr.t("offline-warn-check")),
        (
            "warnexpired",
            tr.t1("offline-warn-expired", "date", slot("date")),
        ),
        ("warncap", tr.t("offline-warn-cap")),
        (
            "warnchildren",
            tr.t1("offline-warn-children", "max", slot("max")),
        ),
        ("warntwice", tr.t("offline-warn-twice")),
        ("warnclosed", tr.t("offline-warn-closed")),
        ("identity", tr.t("offline-identity")),
        ("badcount", tr.t("offline-bad-count")),
    ]
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

pub(super) async fn screen(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(f): Query<VisitForm>,
) -> WebResult<Response> {
    show(&st, &ctx, id(&raw)?, false, f, None).await
}

pub(super) async fn backlog_screen(
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
            // The time and what is left first: a narrow screen cuts the
            // end of a long title, never the count.
            let label = if left.is_empty() {
                format!("{} · {}", when(i), i.title)
            } else {
                format!("{} · {left} · {}", when(i), i.title)
            };
            Opt::new(i.id, label, Some(i.id) == selected)
        })
        .collect();
    // The chosen item in full above the list, whatever the screen's width.
    let chosen = item_opts
        .iter()
        .find(|o| o.selected)
        .map(|o| o.label.clone());
    let channel = f.channel.clone().unwrap_or_else(|| "box_office".into());
    let mut item_field = Field::select(&page, "item", item_opts).required();
    item_field.hint = chosen;
    let fields = vec![
        item_field,
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
        offline: offline_texts(&ctx.tr),
    };
    let mut res = crate::ui::respond(&page, &t);
    if refused {
        *res.status_mut() = StatusCode::CONFLICT;
        res.extensions_mut().insert(crate::Rendered);
    }
    Ok(res)
}

/// The code as the register writes it (`e-1` → `E1`); nothing when it is no
/// code at all (what was typed is not repeated, R-PRIV-5).
fn shown_code(raw: &str) -> String {
    kaiku_app::cards::parse_code(raw).unwrap_or_default()
}

/// A refused visit is headed by the cards that stand in its way: when only
/// a group member's card does, by that card, and the summary says that the
/// shown card itself is fine.
fn refusal_verdict(ctx: &Ctx, code: &str, cards: &[CardRefusal]) -> Verdict {
    let refusals: Vec<(String, Vec<String>)> = cards
        .iter()
        .map(|c| (c.name(&ctx.tr), c.messages(&ctx.tr)))
        .collect();
    let shown = shown_code(code);
    let holder_refused = cards.iter().any(|c| c.position == 0);
    let (code, summary) = if holder_refused || refusals.is_empty() {
        (shown, ctx.tr.t("box-office-refused"))
    } else {
        (
            refusals
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            ctx.tr.t1("box-office-member-refused", "code", shown),
        )
    };
    Verdict {
        ok: false,
        code,
        refusals,
        summary,
    }
}

pub(super) async fn record(
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
