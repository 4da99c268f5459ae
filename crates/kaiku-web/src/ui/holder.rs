//! The holder's own page (R-HOLD-1, R-HOLD-2): `/oma-kortti`, `/mitt-kort`
//! and `/my-card`, no account. Each address opens in its own language
//! unless the visitor chose one; the page is large, plain, and made for a
//! phone.

use super::cards::RecordView;
use super::catalogue::Texts;
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::{Field, Page, render, render_invalid};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kaiku_app::cards::RecordOut;
use kaiku_app::catalogue::Catalogue;
use kaiku_app::holder::{self, HolderInput, HolderOut};
use kaiku_app::i18n::Tr;
use kaiku_app::lists::{self, Lists};
use kaiku_core::org::Lang;

pub fn routes() -> Router<AppState> {
    let fi = || {
        get(|st, h, ctx| show(st, h, ctx, Lang::Fi))
            .post(|st, h, ctx, f| open(st, h, ctx, f, Lang::Fi))
    };
    let sv = || {
        get(|st, h, ctx| show(st, h, ctx, Lang::Sv))
            .post(|st, h, ctx, f| open(st, h, ctx, f, Lang::Sv))
    };
    let en = || {
        get(|st, h, ctx| show(st, h, ctx, Lang::En))
            .post(|st, h, ctx, f| open(st, h, ctx, f, Lang::En))
    };
    Router::new()
        .route("/oma-kortti", fi())
        .route("/mitt-kort", sv())
        .route("/my-card", en())
}

/// The address's language, unless the visitor has chosen one.
fn in_lang(mut ctx: Ctx, headers: &HeaderMap, lang: Lang) -> Ctx {
    let chosen = axum_extra::extract::CookieJar::from_headers(headers)
        .get(crate::i18n::LANG_COOKIE)
        .is_some();
    if !chosen {
        ctx.tr = Tr(lang);
    }
    ctx
}

fn path(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "/oma-kortti",
        Lang::Sv => "/mitt-kort",
        Lang::En => "/my-card",
    }
}

#[derive(Template)]
#[template(path = "holder.html")]
struct FormPage<'a> {
    page: &'a Page,
    action: &'static str,
    fields: Vec<Field>,
}

#[derive(Template)]
#[template(path = "holder_card.html")]
struct CardPage<'a> {
    page: &'a Page,
    action: &'static str,
    card: HolderOut,
    rec: RecordOut,
    lists: Lists,
    cat: Catalogue,
    texts: Texts<'a>,
    questions: Vec<kaiku_app::wellbeing::QuestionOut>,
}

super::cards::record_view!(CardPage);

impl CardPage<'_> {
    fn until(&self) -> String {
        self.card
            .card
            .valid_until
            .map(kaiku_app::cards::fi_date)
            .unwrap_or_default()
    }

    fn day(&self, d: &chrono::NaiveDate) -> String {
        kaiku_app::cards::fi_date(*d)
    }
}

fn fields(page: &Page, code: &str) -> Vec<Field> {
    vec![
        Field::text(page, "holder_code", code)
            .required()
            .autocomplete("off")
            .autofocus(true),
        Field::text(page, "holder_key", "")
            .required()
            .autocomplete("off"),
    ]
}

/// The form. A visitor without a CSRF cookie gets one here, as on the
/// login page.
async fn show(State(st): State<AppState>, headers: HeaderMap, ctx: Ctx, lang: Lang) -> Response {
    let ctx = in_lang(ctx, &headers, lang);
    let mut page = Page::new(&ctx, "holder-title");
    let mut jar = axum_extra::extract::CookieJar::new();
    if page.csrf.is_empty() {
        page.csrf = crate::auth::random_token();
        jar = jar.add(crate::auth::anon_csrf_cookie(&st.config, &page.csrf));
    }
    (jar, form_page(&page, lang, "", false)).into_response()
}

/// The form as posted (the field names keep the browser from offering a
/// staff login's saved password).
#[derive(serde::Deserialize, Default)]
struct HolderForm {
    #[serde(default)]
    holder_code: String,
    #[serde(default)]
    holder_key: String,
    #[serde(default)]
    csrf: Option<String>,
}

async fn open(
    State(st): State<AppState>,
    headers: HeaderMap,
    ctx: Ctx,
    UiForm(f): UiForm<HolderForm>,
    lang: Lang,
) -> WebResult<Response> {
    let ctx = in_lang(ctx, &headers, lang);
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let mut page = Page::new(&ctx, "holder-title");
    let input = HolderInput {
        code: f.holder_code.clone(),
        key: f.holder_key.clone(),
        csrf: None,
    };
    match holder::open(&st.store, &ctx.address, &input, ctx.tr.0).await {
        Ok(card) => card_page(&st, &page, lang, card).await,
        Err(e @ (AppError::Refused(_) | AppError::Invalid(_))) => {
            let code_refused =
                matches!(&e, AppError::Invalid(errs) if errs.iter().any(|x| x.field == "code"));
            let field = match &e {
                AppError::Invalid(_) if code_refused => "holder_code",
                _ => "holder_key",
            };
            page.errors = vec![(field.to_string(), e.message(&ctx.tr))];
            // The key is typed again; the code stays in its field unless it
            // is what was refused (a refused value is never shown back).
            let kept = if code_refused {
                ""
            } else {
                f.holder_code.as_str()
            };
            Ok(form_page(&page, lang, kept, true))
        }
        Err(e) => Err(e.into()),
    }
}

fn form_page(page: &Page, lang: Lang, code: &str, invalid: bool) -> Response {
    let t = FormPage {
        page,
        action: path(lang),
        fields: fields(page, code),
    };
    if invalid {
        render_invalid(&t)
    } else {
        render(&t)
    }
}

async fn card_page(st: &AppState, page: &Page, lang: Lang, card: HolderOut) -> WebResult<Response> {
    let lists = lists::load(&st.store).await?;
    let cat = card.catalogue.clone();
    let rec = RecordOut {
        card: card.card.clone(),
        renewable: false,
        distribution_point_name: card.distribution_point_name.clone(),
        area_name: card.area_name.clone(),
        history: card.stored.clone(),
        holder_key_printed: None,
    };
    let questions = kaiku_app::wellbeing::questions(&st.store).await?;
    Ok(render(&CardPage {
        questions,
        page,
        action: path(lang),
        card,
        rec,
        lists,
        cat,
        texts: Texts(&page.tr),
    }))
}
