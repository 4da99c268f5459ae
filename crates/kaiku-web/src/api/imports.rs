//! Usage sheets and transfer forms from spreadsheets: uploaded, checked into
//! a preview, confirmed; the refused rows to fix, and empty sheets to fill in.

use super::{
    BadInput, Conflict, Denied, JsonBody, NotFound, NotLoggedIn, Upload, created, file, id,
};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::ApiJson;
use axum::Json;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kaiku_app::imports::{self, ConfirmInput, ConfirmOut, PreviewOut};
use kaiku_app::reports;
use kaiku_core::import::Sheet;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

const TAG: &str = "imports";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        // A sheet is read up to its own limit (`Config::upload_limit`).
        .routes(routes!(usage_import).layer(DefaultBodyLimit::disable()))
        .routes(routes!(confirm_usage_import))
        .routes(routes!(issuance_import).layer(DefaultBodyLimit::disable()))
        .routes(routes!(confirm_issuance_import))
        .routes(routes!(refused_rows))
        .routes(routes!(usage_template))
        .routes(routes!(issuance_template))
}

/// An uploaded sheet, read only up to the upload limit.
async fn sheet_body(st: &AppState, body: Body) -> WebResult<Vec<u8>> {
    Ok(axum::body::to_bytes(body, st.config.upload_limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .to_vec())
}

/// A usage sheet as the body → a preview: every row accepted, refused (with the reason) or a duplicate; nothing written yet
#[utoipa::path(
    post,
    path = "/venues/{venue}/usage-imports",
    tag = TAG,
    params(("venue" = i64, Path)),
    request_body(content(
        ("text/csv"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses((status = CREATED, description = "The preview", body = PreviewOut), BadInput, Denied, NotFound, Upload)
)]
async fn usage_import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    body: Body,
) -> WebResult<Response> {
    let venue = id(&v)?;
    let bytes = sheet_body(&st, body).await?;
    Ok(created(
        imports::usage::preview(&st.store, &ctx.caller()?, venue, bytes).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct IssuanceQuery {
    /// The issuers checked that every client is at least 16 (R-CARD-3).
    #[serde(default, deserialize_with = "kaiku_app::flex::bool")]
    confirmed_at_least_16: bool,
}

/// Transfer forms as the body → a preview like a usage sheet's; nothing written yet
#[utoipa::path(
    post,
    path = "/distribution-points/{point}/issuance-imports",
    tag = TAG,
    params(("point" = i64, Path), IssuanceQuery),
    request_body(content(
        ("text/csv"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )),
    responses((status = CREATED, description = "The preview", body = PreviewOut), BadInput, Denied, NotFound, Upload)
)]
async fn issuance_import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    Query(q): Query<IssuanceQuery>,
    body: Body,
) -> WebResult<Response> {
    let point = id(&p)?;
    let bytes = sheet_body(&st, body).await?;
    Ok(created(
        imports::issuance::preview(
            &st.store,
            &ctx.caller()?,
            point,
            q.confirmed_at_least_16,
            bytes,
        )
        .await?,
    ))
}

/// Write a preview's accepted rows in one transaction (with refused rows only if only_accepted)
#[utoipa::path(
    post,
    path = "/usage-imports/{id}/confirm",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = ConfirmInput,
    responses((status = OK, description = "What was written", body = ConfirmOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn confirm_usage_import(
    st: State<AppState>,
    ctx: Ctx,
    i: Path<String>,
    b: ApiJson<ConfirmInput>,
) -> WebResult<Json<ConfirmOut>> {
    confirm(st, ctx, i, b, Sheet::Usage).await
}

/// Write a preview's accepted transfer forms in one transaction (with refused rows only if only_accepted)
#[utoipa::path(
    post,
    path = "/issuance-imports/{id}/confirm",
    tag = TAG,
    params(("id" = i64, Path)),
    request_body = ConfirmInput,
    responses((status = OK, description = "What was written", body = ConfirmOut), BadInput, Denied, NotFound, Conflict, JsonBody)
)]
async fn confirm_issuance_import(
    st: State<AppState>,
    ctx: Ctx,
    i: Path<String>,
    b: ApiJson<ConfirmInput>,
) -> WebResult<Json<ConfirmOut>> {
    confirm(st, ctx, i, b, Sheet::Issuance).await
}

/// A preview of the kind the path names; one of the other kind is not found.
async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<ConfirmInput>,
    kind: Sheet,
) -> WebResult<Json<ConfirmOut>> {
    let caller = ctx.caller()?;
    let import = id(&i)?;
    if imports::get(&st.store, &caller, import).await?.kind != kind {
        return Err(AppError::NotFound.into());
    }
    Ok(Json(
        imports::confirm(&st.store, &caller, import, &b).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FormatQuery {
    /// `xlsx` (the default) or `csv`; for a blank form also `pdf`.
    format: Option<String>,
}

/// The refused rows of an import with a reason column, to fix and upload again; identity-code cells are left empty
#[utoipa::path(
    get,
    path = "/imports/{id}/refused-rows",
    tag = TAG,
    params(("id" = i64, Path), FormatQuery),
    responses(
        (status = OK, description = "The refused rows", content(
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv"),
        )),
        BadInput,
        Denied,
        NotFound,
    )
)]
async fn refused_rows(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    Query(q): Query<FormatQuery>,
) -> WebResult<Response> {
    let import = id(&i)?;
    let format = q.format.unwrap_or_else(|| "xlsx".into());
    if format != "csv" && format != "xlsx" {
        return Err(reports::unknown_format().into());
    }
    let table = imports::refused_rows(&st.store, &ctx.caller()?, import).await?;
    file(
        &table,
        &format,
        &format!("kaikukortti-import-{import}-refused.{format}"),
    )
}

/// The venue report of the model (§9.2) to fill in: a blank PDF form to
/// print, or an empty sheet, headed in the request's language as the
/// model's own form is; filled in, it imports as it stands (R-OFF-5)
#[utoipa::path(
    get,
    path = "/import-templates/usage",
    tag = TAG,
    params(FormatQuery),
    responses(
        (status = OK, description = "A blank form", content(
            ("application/pdf"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv"),
        )),
        BadInput,
        NotLoggedIn,
    )
)]
async fn usage_template(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FormatQuery>,
) -> WebResult<Response> {
    template(
        &st,
        &ctx,
        q,
        Form {
            title: "paper-form-usage-title",
            lines: &["paper-form-usage-venue", "paper-form-usage-hint"],
            columns: &["card_code", "adults", "children", "item_title", "date"],
            widths: &[18.0, 10.0, 12.0, 40.0, 12.0],
            rows: 25,
            totals: true,
            name: "kaikukortti-kaynnit",
            questions: false,
        },
    )
    .await
}

/// The transfer form of the model (§4.2) to fill in: a blank PDF form to
/// print, or an empty sheet of transfer forms, headed in the request's
/// language; filled in, it imports as it stands (R-OFF-5)
#[utoipa::path(
    get,
    path = "/import-templates/issuance",
    tag = TAG,
    params(FormatQuery),
    responses(
        (status = OK, description = "A blank form", content(
            ("application/pdf"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("text/csv"),
        )),
        BadInput,
        NotLoggedIn,
    )
)]
async fn issuance_template(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<FormatQuery>,
) -> WebResult<Response> {
    template(
        &st,
        &ctx,
        q,
        Form {
            title: "paper-form-issuance-title",
            lines: &["paper-form-issuance-point", "paper-form-issuance-hint"],
            columns: &[
                "card_code",
                "grant_date",
                "birth_year",
                "mother_tongue",
                "gender",
                "postal_code",
                "minor_children",
                "life_situations",
            ],
            widths: &[14.0, 14.0, 12.0, 16.0, 14.0, 12.0, 14.0, 40.0],
            rows: 20,
            totals: false,
            name: "kaikukortti-luovutukset",
            questions: true,
        },
    )
    .await
}

/// A form of the model: its title, the lines above the table, its columns.
struct Form {
    title: &'static str,
    lines: &'static [&'static str],
    columns: &'static [&'static str],
    widths: &'static [f64],
    rows: usize,
    totals: bool,
    name: &'static str,
    /// A column for each well-being question asked today (R-WELL-1),
    /// headed with its text, as the import reads it.
    questions: bool,
}

async fn template(st: &AppState, ctx: &Ctx, q: FormatQuery, form: Form) -> WebResult<Response> {
    ctx.auth()?;
    let format = q.format.unwrap_or_else(|| "xlsx".into());
    if !matches!(format.as_str(), "csv" | "xlsx" | "pdf") {
        return Err(reports::unknown_format().into());
    }
    // The child ticket's age is the policy in force, as the model's own
    // form states it ("under 16 år" in 2019).
    let age = kaiku_app::items::child_age_today(&st.store).await?;
    let mut headings: Vec<String> = form
        .columns
        .iter()
        .map(|h| {
            ctx.tr
                .t1(&format!("import-heading-{h}"), "age", age.to_string())
        })
        .collect();
    let mut widths = form.widths.to_vec();
    if form.questions {
        let today = kaiku_app::today();
        for q in kaiku_app::wellbeing::questions(&st.store).await? {
            if q.in_force(today) {
                headings.push(q.text(ctx.tr.0).to_string());
                widths.push(30.0);
            }
        }
    }
    let name = format!("{}-{}.{format}", form.name, ctx.tr.lang());
    if format == "pdf" {
        use kaiku_app::pdf::{Flow, Style};
        let title = ctx.tr.t(form.title);
        let mut d = Flow::new(&title, ctx.tr.lang(), &format!("Kaikukortti – {title}"));
        d.text(Style::Title, &title);
        d.gap(6.0);
        for line in form.lines {
            d.text(Style::Small, &ctx.tr.t(line));
            d.gap(4.0);
        }
        d.gap(6.0);
        let totals = form.totals.then(|| ctx.tr.t("paper-form-totals"));
        d.form_table(&headings, &widths, form.rows, totals.as_deref());
        let pdf = d.finish().map_err(|e| {
            tracing::error!(error = %e, "blank form PDF");
            AppError::Internal
        })?;
        return Ok((
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{name}\""),
                ),
            ],
            pdf,
        )
            .into_response());
    }
    let table = crate::export::Table {
        title: ctx.tr.t(form.title),
        headings,
        rows: vec![],
        totals: vec![],
        widths,
    };
    file(&table, &format, &name)
}
