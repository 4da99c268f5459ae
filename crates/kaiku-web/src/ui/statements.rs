//! The two statements a Finnish public-sector service publishes: on
//! accessibility (Act on the Provision of Digital Services) and on privacy
//! (what is stored about a card, why, for how long, and the holder's
//! rights). Linked from every page's footer, no login.

use crate::AppState;
use crate::auth::Ctx;
use crate::ui::{Page, render};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accessibility", get(accessibility))
        .route("/privacy", get(privacy))
}

#[derive(Template)]
#[template(path = "statement_accessibility.html")]
struct Accessibility<'a> {
    page: &'a Page,
}

#[derive(Template)]
#[template(path = "statement_privacy.html")]
struct Privacy<'a> {
    page: &'a Page,
}

async fn accessibility(ctx: Ctx) -> Response {
    let page = Page::new(&ctx, "statement-accessibility-title");
    render(&Accessibility { page: &page })
}

async fn privacy(ctx: Ctx) -> Response {
    let page = Page::new(&ctx, "statement-privacy-title");
    render(&Privacy { page: &page })
}
