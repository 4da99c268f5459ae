//! Checking a card: whether it is valid, for anyone at work (R-AUTH-2),
//! never who holds it.

use super::{CodeQ, date};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::ui::{Field, Page};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use kaiku_app::cards::{self, LookupOut};

#[derive(Template)]
#[template(path = "card_check.html")]
struct CheckPage<'a> {
    page: &'a Page,
    fields: Vec<Field>,
    result: Option<LookupOut>,
}

impl CheckPage<'_> {
    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }
}

pub(super) async fn check(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    ctx.auth()?;
    let mut page = Page::new(&ctx, "check-title");
    let code = q.code.clone().unwrap_or_default();
    let result = if code.trim().is_empty() {
        None
    } else {
        match cards::lookup(&st.store, &ctx.caller()?, &code, None).await {
            Ok(r) => Some(r),
            Err(e @ (AppError::Invalid(_) | AppError::Refused(_))) => {
                page.errors = vec![("code".into(), e.message(&ctx.tr))];
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    let fields = vec![
        Field::text(&page, "code", &code)
            .required()
            .autofocus(true)
            .no_hint(),
    ];
    let t = CheckPage {
        page: &page,
        fields,
        result,
    };
    Ok(crate::ui::respond(&page, &t))
}
