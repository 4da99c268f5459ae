//! The JSON API (SPEC §11), one module per noun. Handlers parse, call the
//! service, answer. Each carries its OpenAPI description, which both routes
//! it and goes into the document served at `/api/v1/openapi.json`.

use crate::AppState;
use crate::error::{AppError, ErrorBody, WebResult};
use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use kaiku_core::Id;
use std::collections::BTreeMap;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

mod accounts;
mod areas;
mod audit;
mod background;
mod cards;
mod catalogue;
mod glance;
mod holder;
mod imports;
mod items;
mod offline;
mod points;
mod policies;
mod prints;
pub(crate) use prints::{holder_page, pdf_download};
mod privacy;
mod reports;
mod session;
mod stats;
mod tickets;
mod tokens;
mod venues;
mod wellbeing;

/// Where [`crate::router`] mounts the API; the document's paths carry it, as
/// they are requested.
pub const PREFIX: &str = "/api/v1";

/// The API's routes, and `GET /openapi.json` describing them. Each module's
/// `routes!(…)` groups hold the handlers of one path: utoipa-axum routes every
/// handler of a group on every path found in it.
pub fn routes() -> Router<AppState> {
    let (router, paths) = OpenApiRouter::default()
        .merge(session::routes())
        .merge(areas::routes())
        .merge(points::routes())
        .merge(venues::routes())
        .merge(tokens::routes())
        .merge(accounts::routes())
        .merge(audit::routes())
        .merge(cards::routes())
        .merge(prints::routes())
        .merge(holder::routes())
        .merge(glance::routes())
        .merge(wellbeing::routes())
        .merge(background::routes())
        .merge(items::routes())
        .merge(tickets::routes())
        .merge(offline::routes())
        .merge(reports::routes())
        .merge(stats::routes())
        .merge(privacy::routes())
        .merge(imports::routes())
        .merge(policies::routes())
        .merge(catalogue::routes())
        .split_for_parts();
    let document = served(ApiDoc::openapi().nest(PREFIX, paths));
    router.route(
        "/openapi.json",
        get(move || {
            let body = document.clone();
            async move {
                (
                    [(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    )],
                    body,
                )
            }
        }),
    )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kaiku",
        description = "The Kaikukortti register's JSON API. Dates YYYY-MM-DD, times RFC 3339. \
            Errors carry a message in the request's language (Accept-Language: fi, sv, en)."
    ),
    servers((url = "/")),
    security(("session" = []), ("token" = [])),
    components(schemas(ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "session", description = "Logging in and out; the caller"),
        (name = "areas", description = "Kaikukortti areas"),
        (name = "points", description = "Distribution points, where cards are handed out"),
        (name = "venues", description = "Venues and their public profiles"),
        (name = "tokens", description = "Venues' integration tokens"),
        (name = "accounts", description = "Staff accounts and their roles (R-AUTH-3)"),
        (name = "audit", description = "The audit log (R-AUTH-4)"),
        (name = "cards", description = "Printed series, allocations, and the cards themselves"),
        (name = "background", description = "The national lists of the transfer form"),
        (name = "items", description = "A venue's events and courses"),
        (name = "tickets", description = "Uses of cards at a box office (R-USE-*)"),
        (name = "reports", description = "Venues' usage reports (R-REP-1, R-REP-2)"),
        (name = "stats", description = "Statistics of an area and of the country (R-REP-3, R-REP-4)"),
        (name = "privacy", description = "Anonymising expired cards (R-PRIV-3)"),
        (name = "imports", description = "Usage sheets and transfer forms from spreadsheets"),
        (name = "policies", description = "The national cap table"),
        (name = "catalogue", description = "The public catalogue (no login)"),
        (name = "holder", description = "The holder's own page (no login; R-HOLD-1)"),
    )
)]
struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("__Host-kaiku_session"))),
        );
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A venue's integration token"))
                    .build(),
            ),
        );
    }
}

/// The document as served. `Id` is an alias of `i64` that the derives cannot
/// see through: they refer to a schema named `i64`, which is written out in
/// place here, as a plain `i64` field would be.
fn served(doc: utoipa::openapi::OpenApi) -> Bytes {
    fn inline(v: &mut serde_json::Value, with: &serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                if o.get("$ref").and_then(|r| r.as_str()) == Some("#/components/schemas/i64") {
                    o.remove("$ref");
                    if let Some(w) = with.as_object() {
                        o.extend(w.clone());
                    }
                }
                o.values_mut().for_each(|x| inline(x, with));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| inline(x, with)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(&doc).unwrap_or_default();
    let int = v["components"]["schemas"]
        .as_object_mut()
        .and_then(|s| s.remove("i64"));
    if let Some(int) = int {
        inline(&mut v, &int);
    }
    Bytes::from(serde_json::to_vec(&v).unwrap_or_default())
}

/// Error answers, each with the `Error` body; a call's description lists
/// those it can give.
macro_rules! refusals {
    ($($(#[$m:meta])* $name:ident { $($status:literal: $description:literal),+ $(,)? })+) => {$(
        $(#[$m])*
        pub struct $name;

        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<utoipa::openapi::Response>> {
                [$(($status, $description)),+]
                    .into_iter()
                    .map(|(status, description)| (status.to_string(), refusal(description)))
                    .collect()
            }
        }
    )+};
}

fn refusal(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Error")))
                .build(),
        )
        .build()
        .into()
}

refusals! {
    BadInput { "400": "Bad input (a write then writes nothing)" }
    NotLoggedIn { "401": "Not logged in" }
    /// Every call that needs a caller.
    Denied {
        "401": "Not logged in",
        "403": "Not allowed (R-AUTH-1), or the password must be changed first (R-AUTH-5)",
    }
    Forbidden { "403": "Not allowed (R-AUTH-1)" }
    NotFound { "404": "No such record, or none the caller may reach (R-AUTH-6)" }
    Conflict { "409": "Conflicts with what is stored; nothing was written" }
    /// Every call with a JSON body.
    JsonBody {
        "413": "Body too large",
        "415": "Not JSON",
    }
    /// A write without a body still declares JSON when it rides on the
    /// session cookie, which a cross-site form cannot send.
    NotJson { "415": "Not JSON (required on every write that rides on the session cookie)" }
    /// A spreadsheet upload.
    Upload {
        "413": "Larger than the upload limit",
        "415": "Neither CSV nor XLSX (required on uploads that ride on the session cookie)",
    }
}

/// Path ids that are not numbers are answered like unknown records.
fn id(raw: &str) -> WebResult<Id> {
    raw.parse()
        .map_err(|_| AppError::NotFound)
        .map_err(Into::into)
}

fn created<T: serde::Serialize>(v: T) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

/// A table as a CSV or XLSX download.
fn file(table: &crate::export::Table, format: &str, name: &str) -> WebResult<Response> {
    let (body, kind) = if format == "csv" {
        (crate::export::csv(table), "text/csv; charset=utf-8")
    } else {
        (
            crate::export::xlsx(table).map_err(|e| {
                tracing::error!(error = %e, "xlsx failed");
                AppError::Internal
            })?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}
