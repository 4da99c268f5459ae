//! A venue's API tokens for its ticketing system: listed, created (the
//! secret shown once) and revoked.

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::id;
use crate::ui::{Field, Page, see_other};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use kaiku_app::org::{self, VenueOut};
use kaiku_app::tokens::{self, NewToken, TokenInput, TokenOut};
use kaiku_core::Id;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage<'a> {
    page: &'a Page,
    venue: VenueOut,
    tokens: Vec<TokenOut>,
    fields: Vec<Field>,
    created: Option<NewToken>,
}

async fn tokens_page(
    st: &AppState,
    ctx: &Ctx,
    venue: Id,
    created: Option<NewToken>,
    errors: Vec<(String, String)>,
    name: &str,
) -> WebResult<Response> {
    let v = org::get_venue(&st.store, &ctx.caller()?, venue).await?;
    let list = tokens::list(&st.store, &ctx.caller()?, venue).await?;
    let mut page = Page::new(ctx, "tokens-title");
    page.errors = errors;
    let fields = vec![Field::text(&page, "token_name", name).required()];
    let t = TokensPage {
        page: &page,
        venue: v,
        tokens: list,
        fields,
        created,
    };
    Ok(crate::ui::respond(&page, &t))
}

pub(super) async fn venue_tokens(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    tokens_page(&st, &ctx, id(&raw)?, None, vec![], "").await
}

#[derive(Deserialize)]
pub(super) struct TokenForm {
    #[serde(default)]
    token_name: String,
    #[serde(default)]
    csrf: String,
}

pub(super) async fn create_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<TokenForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let venue = id(&raw)?;
    let input = TokenInput {
        name: f.token_name.clone(),
        csrf: None,
    };
    match tokens::create(&st.store, &ctx.caller()?, venue, &input).await {
        // Shown once, on this response only: never in a URL, never again.
        Ok(t) => tokens_page(&st, &ctx, venue, Some(t), vec![], "").await,
        Err(AppError::Invalid(errs)) => {
            let errors = errs
                .iter()
                .map(|e| ("token_name".to_string(), e.message(&ctx.tr)))
                .collect();
            tokens_page(&st, &ctx, venue, None, errors, &f.token_name).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub(super) async fn revoke_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<CsrfForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let venue = tokens::revoke(&st.store, &ctx.caller()?, id(&raw)?).await?;
    Ok(see_other(&format!("/venues/{venue}/tokens")))
}
