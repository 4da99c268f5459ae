//! One card for its issuers and coordinators: its record and history,
//! voiding it, and the subject-access print (R-PRIV-2); finding a card by
//! its code leads here.

use super::{CodeQ, date, refusal_on};
use crate::AppState;
use crate::auth::Ctx;
use crate::dates::local_time;
use crate::error::WebResult;
use crate::extract::UiForm;
use crate::ui::forms::{Opt, choices};
use crate::ui::{Field, Page, render, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::cards::{self, RecordOut, VoidInput};
use kaiku_app::lists::{self, Lists};
use kaiku_core::Id;
use kaiku_core::background::List;
use kaiku_core::card::VOID_REASONS;
use kaiku_core::policy;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "card.html")]
struct CardPage<'a> {
    page: &'a Page,
    rec: RecordOut,
    lists: Lists,
    done: Option<String>,
    void_fields: Vec<Field>,
    can_renew: bool,
    can_subject_access: bool,
    issue_next: Option<Id>,
    questions: Vec<kaiku_app::wellbeing::QuestionOut>,
}

/// A page that shows a card's record: its `page`, `lists`, `rec` and
/// `questions` fields are what `_card_record.html` reads.
macro_rules! record_view {
    ($page:ident) => {
        impl $crate::ui::cards::RecordView for $page<'_> {
            fn page(&self) -> &$crate::ui::Page {
                self.page
            }

            fn lists(&self) -> &kaiku_app::lists::Lists {
                &self.lists
            }

            fn rec(&self) -> &kaiku_app::cards::RecordOut {
                &self.rec
            }

            fn questions(&self) -> &[kaiku_app::wellbeing::QuestionOut] {
                &self.questions
            }
        }
    };
}
pub(crate) use record_view;

/// What `_card_record.html` calls, for the card page and its print.
pub(crate) trait RecordView {
    fn page(&self) -> &Page;
    fn rec(&self) -> &RecordOut;
    fn lists(&self) -> &Lists;

    fn tongue(&self, v: &Option<String>) -> String {
        match v {
            Some(v) => self.lists().label(List::MotherTongue, v, self.page().tr.0),
            None => "–".into(),
        }
    }

    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }

    fn time(&self, t: &chrono::NaiveDateTime) -> String {
        local_time(*t)
    }

    fn label(&self, prefix: &str, v: &Option<String>) -> String {
        match v {
            Some(v) if !v.is_empty() => self.page().t(&format!("{prefix}-{v}")),
            _ => "–".into(),
        }
    }

    fn postal(&self, v: &Option<String>) -> String {
        match v.as_deref() {
            Some(p @ ("no_permanent_address" | "not_stated")) => {
                self.page().t(&format!("postal-kind-{p}"))
            }
            Some(p) => p.to_string(),
            None => "–".into(),
        }
    }

    fn situations(&self, v: &[String]) -> String {
        v.iter()
            .map(|s| self.lists().label(List::LifeSituation, s, self.page().tr.0))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn status(&self) -> String {
        self.page()
            .t(&format!("card-status-{}", self.rec().card.status))
    }

    /// The well-being questions, to show answers with their wording.
    fn questions(&self) -> &[kaiku_app::wellbeing::QuestionOut];

    /// A grant's well-being answers, "question: answer" each.
    fn answers(&self, e: &kaiku_app::cards::EventOut) -> Vec<String> {
        e.wellbeing
            .iter()
            .map(|(q, a)| {
                let question = self.questions().iter().find(|x| x.id.to_string() == *q);
                let text =
                    question.map_or_else(|| q.clone(), |x| x.text(self.page().tr.0).to_string());
                let answer = match question {
                    _ if a == kaiku_core::wellbeing::NO_ANSWER => {
                        self.page().t("wellbeing-no-answer")
                    }
                    Some(x) => self.page().t(&format!("wellbeing-{}-{a}", x.scale)),
                    None => a.clone(),
                };
                format!("{text}: {answer}")
            })
            .collect()
    }
}

record_view!(CardPage);

#[derive(Deserialize, Default)]
pub(super) struct DoneQ {
    done: Option<String>,
}

async fn card_page(
    st: &AppState,
    ctx: &Ctx,
    code: &str,
    done: Option<String>,
    errors: Vec<(String, String)>,
    v: &VoidInput,
) -> WebResult<Response> {
    let rec = cards::record(&st.store, &ctx.caller()?, code, false).await?;
    let p = ctx.principal()?;
    let mut page = Page::new(ctx, "card-title");
    page.title = format!("{} {}", page.title, rec.card.code);
    page.errors = errors;
    let mut reasons = vec![Opt::new("", page.t("choose-none"), v.reason.is_empty())];
    reasons.extend(choices(
        &page,
        "void-reason",
        VOID_REASONS.iter().copied(),
        std::slice::from_ref(&v.reason),
    ));
    let void_fields = vec![
        Field::select(&page, "reason", reasons).required(),
        Field::text(&page, "note", v.note.clone().unwrap_or_default()),
    ];
    let can_renew = rec.renewable
        && policy::issuer_points(ctx.principal()?)
            .iter()
            .any(|(a, _)| *a == rec.card.area);
    let issue_next = done
        .as_ref()
        .and(rec.card.distribution_point)
        .filter(|pt| policy::issuing(p).is_some_and(|r| r.admits_point(rec.card.area, *pt)));
    let lists = lists::load(&st.store).await?;
    let questions = kaiku_app::wellbeing::questions(&st.store).await?;
    let t = CardPage {
        questions,
        lists,
        page: &page,
        can_subject_access: policy::subject_access(p).is_some_and(|r| r.admits_area(rec.card.area)),
        rec,
        done,
        void_fields,
        can_renew,
        issue_next,
    };
    Ok(crate::ui::respond(&page, &t))
}

pub(super) async fn card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<DoneQ>,
) -> WebResult<Response> {
    card_page(&st, &ctx, &code, q.done, vec![], &VoidInput::default()).await
}

pub(super) async fn void(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    UiForm(f): UiForm<VoidInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    match cards::void(&st.store, &ctx.caller()?, &code, &f).await {
        Ok(c) => Ok(see_other(&format!("/cards/{}?done=voided", c.code))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "reason")?;
            card_page(&st, &ctx, &code, None, errors, &f).await
        }
    }
}

#[derive(Template)]
#[template(path = "card_print.html")]
struct PrintPage<'a> {
    page: &'a Page,
    rec: RecordOut,
    lists: Lists,
    printed: String,
    questions: Vec<kaiku_app::wellbeing::QuestionOut>,
}

record_view!(PrintPage);

pub(super) async fn subject_access(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Response> {
    let rec = cards::record(&st.store, &ctx.caller()?, &code, true).await?;
    let mut page = Page::new(&ctx, "subject-access-title");
    page.title = format!("{} {}", page.title, rec.card.code);
    let printed = local_time(kaiku_store::now());
    let lists = lists::load(&st.store).await?;
    let questions = kaiku_app::wellbeing::questions(&st.store).await?;
    Ok(render(&PrintPage {
        questions,
        lists,
        page: &page,
        rec,
        printed,
    }))
}

/// `/cards?code=E1234` from a search box: straight to the card.
pub(super) async fn find(ctx: Ctx, Query(q): Query<CodeQ>) -> WebResult<Response> {
    ctx.auth()?;
    let code = cards::parse_code(q.code.as_deref().unwrap_or(""))?;
    Ok(see_other(&format!("/cards/{code}")))
}
