//! The JSON API (SPEC §11). Handlers parse, call the service, answer.

use crate::AppState;
use crate::auth::{self, Ctx};
use crate::error::{AppError, WebResult};
use crate::extract::ApiJson;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use kaiku_app::{
    accounts, audit, cards, catalogue, items, lists, org, reports, stats, tickets, tokens,
};
use kaiku_core::Id;
use serde::Deserialize;

pub mod openapi;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/me/password", post(change_password))
        .route("/areas", get(list_areas).post(create_area))
        .route("/areas/{area}", get(get_area).put(update_area))
        .route(
            "/areas/{area}/distribution-points",
            get(list_points).post(create_point),
        )
        .route(
            "/distribution-points/{point}",
            get(get_point).put(update_point),
        )
        .route("/areas/{area}/venues", get(list_venues).post(create_venue))
        .route("/venues/{venue}", get(get_venue).put(update_venue))
        .route(
            "/venues/{venue}/api-tokens",
            get(list_tokens).post(create_token),
        )
        .route("/api-tokens/{id}", delete(revoke_token))
        .route("/accounts", get(list_accounts).post(create_account))
        .route("/accounts/{id}", get(get_account))
        .route("/accounts/{id}/grants", post(add_grant))
        .route("/accounts/{id}/grants/{grant}", delete(remove_grant))
        .route("/accounts/{id}/password", put(reset_password))
        .route("/accounts/{id}/active", put(set_active))
        .route("/audit-log", get(audit_log))
        .route(
            "/areas/{area}/card-series",
            get(list_series).post(create_series),
        )
        .route("/card-series/{series}", get(get_series))
        .route("/card-series/{series}/allocations", post(allocate))
        .route("/areas/{area}/cards", get(area_cards))
        .route("/distribution-points/{point}/cards", get(point_cards))
        .route("/cards/{code}", get(lookup_card))
        .route("/cards/{code}/issue", post(issue_card))
        .route("/cards/{code}/renew", post(renew_card))
        .route("/cards/{code}/void", post(void_card))
        .route("/cards/{code}/record", get(card_record))
        .route("/cards/{code}/subject-access", get(subject_access))
        .route("/background-options", get(list_options).post(create_option))
        .route("/background-options/{id}", put(update_option))
        .route("/venues/{venue}/items", get(list_items).post(create_item))
        .route(
            "/items/{item}",
            get(get_item).put(update_item).delete(delete_item),
        )
        .route("/items/{item}/tickets", get(list_tickets).post(record_use))
        .route("/tickets/{ticket}", get(get_ticket))
        .route("/tickets/{ticket}/redeem", post(redeem_ticket))
        .route("/tickets/{ticket}/cancel", post(cancel_ticket))
        .route("/uses/{use_id}", get(get_use))
        .route("/venues/{venue}/usage-report", get(usage_report))
        .route(
            "/venues/{venue}/usage-report/submissions",
            get(list_submissions).post(submit_report),
        )
        .route("/areas/{area}/report-submissions", get(area_submissions))
        .route("/areas/{area}/statistics", get(area_statistics))
        .route(
            "/areas/{area}/statistics/submissions",
            post(submit_statistics),
        )
        .route("/statistics", get(national_statistics))
        .route("/anonymisations", post(anonymise))
        .route(
            "/venues/{venue}/usage-imports",
            post(usage_import).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/usage-imports/{id}/confirm", post(confirm_import))
        .route(
            "/distribution-points/{point}/issuance-imports",
            post(issuance_import).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route("/issuance-imports/{id}/confirm", post(confirm_import))
        .route("/imports/{id}/refused-rows", get(refused_rows))
        .route("/import-templates/usage", get(usage_template))
        .route("/import-templates/issuance", get(issuance_template))
        .route("/cap-policies", get(list_policies).post(create_policy))
        .route("/catalogue", get(country_catalogue))
        .route("/catalogue/{area}", get(area_catalogue))
        .route("/openapi.json", get(openapi_document))
}

async fn openapi_document() -> Json<serde_json::Value> {
    Json(openapi::document())
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    username: String,
    password: String,
}

async fn login(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<LoginBody>,
) -> WebResult<Response> {
    let done = auth::login(&st, &ctx, &b.username, &b.password).await?;
    let cookie = auth::set_cookie(
        st.config.session_cookie(),
        &done.secret,
        auth::SESSION_HOURS * 3600,
        st.config.secure_cookies,
        "Lax",
    );
    let mut res =
        Json(serde_json::json!({ "id": done.account, "username": done.username })).into_response();
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}

async fn logout(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    auth::logout(&st, &ctx).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut().insert(
        header::SET_COOKIE,
        auth::set_cookie(
            st.config.session_cookie(),
            "",
            0,
            st.config.secure_cookies,
            "Lax",
        ),
    );
    Ok(res)
}

async fn me(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<serde_json::Value>> {
    let auth = ctx.auth()?;
    match auth.principal.account {
        Some(id) => Ok(Json(
            serde_json::to_value(accounts::get(&st.store, &ctx.caller()?, id).await?)
                .unwrap_or_default(),
        )),
        None => Ok(Json(serde_json::json!({
            "token": auth.label,
            "grants": auth.principal.grants.iter().map(|g| serde_json::json!({
                "role": g.role(), "area": g.area(), "venue": g.venue(),
            })).collect::<Vec<_>>(),
        }))),
    }
}

async fn change_password(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<accounts::PasswordChange>,
) -> WebResult<StatusCode> {
    accounts::change_own_password(&st.store, &ctx.caller()?, ctx.keep_session(), &b).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_areas(State(st): State<AppState>, ctx: Ctx) -> WebResult<Json<Vec<org::AreaOut>>> {
    Ok(Json(org::list_areas(&st.store, &ctx.caller()?).await?))
}

async fn create_area(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<org::AreaInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_area(&st.store, &ctx.caller()?, &b).await?,
    ))
}

async fn get_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<org::AreaOut>> {
    Ok(Json(
        org::get_area(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

async fn update_area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<org::AreaInput>,
) -> WebResult<Json<org::AreaOut>> {
    Ok(Json(
        org::update_area(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

async fn list_points(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<org::PointOut>>> {
    Ok(Json(
        org::list_points(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

async fn create_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<org::PointInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_point(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

async fn get_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> WebResult<Json<org::PointOut>> {
    Ok(Json(
        org::get_point(&st.store, &ctx.caller()?, id(&p)?).await?,
    ))
}

async fn update_point(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    ApiJson(b): ApiJson<org::PointInput>,
) -> WebResult<Json<org::PointOut>> {
    Ok(Json(
        org::update_point(&st.store, &ctx.caller()?, id(&p)?, &b).await?,
    ))
}

async fn list_venues(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<org::VenueOut>>> {
    Ok(Json(
        org::list_venues(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

async fn create_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<org::VenueInput>,
) -> WebResult<Response> {
    Ok(created(
        org::create_venue(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

async fn get_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
) -> WebResult<Json<org::VenueOut>> {
    Ok(Json(
        org::get_venue(&st.store, &ctx.caller()?, id(&v)?).await?,
    ))
}

async fn update_venue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<org::VenueInput>,
) -> WebResult<Json<org::VenueOut>> {
    Ok(Json(
        org::update_venue(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}

async fn list_tokens(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
) -> WebResult<Json<Vec<tokens::TokenOut>>> {
    Ok(Json(
        tokens::list(&st.store, &ctx.caller()?, id(&v)?).await?,
    ))
}

async fn create_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<tokens::TokenInput>,
) -> WebResult<Response> {
    Ok(created(
        tokens::create(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}

async fn revoke_token(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
) -> WebResult<StatusCode> {
    tokens::revoke(&st.store, &ctx.caller()?, id(&t)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_accounts(
    State(st): State<AppState>,
    ctx: Ctx,
) -> WebResult<Json<Vec<accounts::AccountOut>>> {
    Ok(Json(accounts::list(&st.store, &ctx.caller()?).await?))
}

async fn create_account(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<accounts::AccountInput>,
) -> WebResult<Response> {
    Ok(created(
        accounts::create(&st.store, &ctx.caller()?, &b).await?,
    ))
}

async fn get_account(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<accounts::AccountOut>> {
    Ok(Json(
        accounts::get(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

async fn add_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<accounts::GrantInput>,
) -> WebResult<Response> {
    Ok(created(
        accounts::add_grant(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

async fn remove_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((a, g)): Path<(String, String)>,
) -> WebResult<Json<accounts::AccountOut>> {
    Ok(Json(
        accounts::remove_grant(&st.store, &ctx.caller()?, id(&a)?, id(&g)?).await?,
    ))
}

async fn reset_password(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<accounts::ResetInput>,
) -> WebResult<StatusCode> {
    accounts::reset_password(&st.store, &ctx.caller()?, id(&a)?, &b).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_active(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<accounts::ActiveInput>,
) -> WebResult<Json<accounts::AccountOut>> {
    Ok(Json(
        accounts::set_active(&st.store, &ctx.caller()?, id(&a)?, b.active).await?,
    ))
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<Id>,
}

async fn audit_log(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> WebResult<Json<Vec<audit::EntryOut>>> {
    Ok(Json(
        audit::list(&st.store, &ctx.caller()?, q.before).await?,
    ))
}

async fn list_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
) -> WebResult<Json<Vec<cards::SeriesOut>>> {
    Ok(Json(
        cards::list_series(&st.store, &ctx.caller()?, id(&a)?).await?,
    ))
}

async fn create_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<cards::SeriesInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::create_series(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

async fn get_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
) -> WebResult<Json<cards::SeriesDetail>> {
    Ok(Json(
        cards::get_series(&st.store, &ctx.caller()?, id(&s)?).await?,
    ))
}

async fn allocate(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(s): Path<String>,
    ApiJson(b): ApiJson<cards::AllocationInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::allocate(&st.store, &ctx.caller()?, id(&s)?, &b).await?,
    ))
}

#[derive(Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

async fn area_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<CodeQuery>,
) -> WebResult<Json<Vec<cards::CardOut>>> {
    Ok(Json(
        cards::list(
            &st.store,
            &ctx.caller()?,
            None,
            Some(id(&a)?),
            q.code.as_deref(),
        )
        .await?,
    ))
}

async fn point_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    Query(q): Query<CodeQuery>,
) -> WebResult<Json<Vec<cards::CardOut>>> {
    Ok(Json(
        cards::list(
            &st.store,
            &ctx.caller()?,
            Some(id(&p)?),
            None,
            q.code.as_deref(),
        )
        .await?,
    ))
}

#[derive(Deserialize)]
struct ItemQuery {
    item: Option<String>,
}

/// R-AUTH-2; with `?item=` the answer is for that item on its day (R-USE-1).
async fn lookup_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<ItemQuery>,
) -> WebResult<Json<cards::LookupOut>> {
    let item = q.item.as_deref().map(id).transpose()?;
    Ok(Json(
        cards::lookup(&st.store, &ctx.caller()?, &code, item).await?,
    ))
}

/// R-USE-*: records a use; an `Idempotency-Key` header makes a retry safe
/// (R-USE-9): the first answer comes back and nothing is recorded twice.
async fn record_use(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    headers: axum::http::HeaderMap,
    ApiJson(b): ApiJson<tickets::UseInput>,
) -> WebResult<Response> {
    let raw = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str().map_err(|_| AppError::Malformed {
                field: Some("Idempotency-Key".into()),
            })
        })
        .transpose()?;
    let key = tickets::idempotency_key(raw)?;
    let done = tickets::record(&st.store, &ctx.caller()?, id(&i)?, &b, key).await?;
    let mut res = created(done.out);
    if done.replayed {
        res.headers_mut().insert(
            "idempotent-replayed",
            axum::http::HeaderValue::from_static("true"),
        );
    }
    Ok(res)
}

async fn list_tickets(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<Json<Vec<tickets::TicketOut>>> {
    Ok(Json(
        tickets::of_item(&st.store, &ctx.caller()?, id(&i)?).await?,
    ))
}

async fn get_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
) -> WebResult<Json<tickets::TicketOut>> {
    Ok(Json(
        tickets::get_ticket(&st.store, &ctx.caller()?, id(&t)?).await?,
    ))
}

#[derive(Deserialize)]
struct WholeUse {
    #[serde(default)]
    whole_use: bool,
}

async fn redeem_ticket(
    st: State<AppState>,
    ctx: Ctx,
    t: Path<String>,
    q: Query<WholeUse>,
) -> WebResult<Json<tickets::UseOut>> {
    change_ticket(st, ctx, t, q, tickets::Change::Redeem).await
}

async fn cancel_ticket(
    st: State<AppState>,
    ctx: Ctx,
    t: Path<String>,
    q: Query<WholeUse>,
) -> WebResult<Json<tickets::UseOut>> {
    change_ticket(st, ctx, t, q, tickets::Change::Cancel).await
}

async fn change_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(t): Path<String>,
    Query(q): Query<WholeUse>,
    what: tickets::Change,
) -> WebResult<Json<tickets::UseOut>> {
    Ok(Json(
        tickets::change(&st.store, &ctx.caller()?, id(&t)?, what, q.whole_use).await?,
    ))
}

async fn get_use(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(u): Path<String>,
) -> WebResult<Json<tickets::UseOut>> {
    Ok(Json(tickets::get_use(&st.store, &ctx.caller()?, &u).await?))
}

async fn issue_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<cards::IssueInput>,
) -> WebResult<Response> {
    Ok(created(
        cards::issue(&st.store, &ctx.caller()?, &code, &b, false).await?,
    ))
}

async fn renew_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<cards::IssueInput>,
) -> WebResult<Json<cards::IssuedOut>> {
    Ok(Json(
        cards::issue(&st.store, &ctx.caller()?, &code, &b, true).await?,
    ))
}

async fn void_card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    ApiJson(b): ApiJson<cards::VoidInput>,
) -> WebResult<Json<cards::CardOut>> {
    Ok(Json(
        cards::void(&st.store, &ctx.caller()?, &code, &b).await?,
    ))
}

async fn card_record(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Json<cards::RecordOut>> {
    Ok(Json(
        cards::record(&st.store, &ctx.caller()?, &code, false).await?,
    ))
}

async fn subject_access(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Json<cards::RecordOut>> {
    Ok(Json(
        cards::record(&st.store, &ctx.caller()?, &code, true).await?,
    ))
}

async fn list_options(
    State(st): State<AppState>,
    ctx: Ctx,
) -> WebResult<Json<Vec<lists::OptionOut>>> {
    Ok(Json(lists::list(&st.store, &ctx.caller()?).await?))
}

async fn create_option(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<lists::OptionInput>,
) -> WebResult<Response> {
    Ok(created(lists::create(&st.store, &ctx.caller()?, &b).await?))
}

async fn update_option(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<lists::OptionInput>,
) -> WebResult<Json<lists::OptionOut>> {
    Ok(Json(
        lists::update(&st.store, &ctx.caller()?, id(&i)?, &b).await?,
    ))
}

#[derive(Deserialize)]
struct AllQuery {
    #[serde(default)]
    all: bool,
}

async fn list_items(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<AllQuery>,
) -> WebResult<Json<Vec<items::ItemOut>>> {
    Ok(Json(
        items::list(&st.store, &ctx.caller()?, id(&v)?, q.all).await?,
    ))
}

/// One item answers as the item; a series as its first item with every item
/// of the series under `series`.
async fn create_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<items::ItemInput>,
) -> WebResult<Response> {
    let made = items::create(&st.store, &ctx.caller()?, id(&v)?, &b).await?;
    let mut first = serde_json::to_value(&made[0]).unwrap_or_default();
    if made.len() > 1 {
        first["series"] = serde_json::to_value(&made).unwrap_or_default();
    }
    Ok(created(first))
}

async fn get_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<Json<items::ItemOut>> {
    Ok(Json(items::get(&st.store, &ctx.caller()?, id(&i)?).await?))
}

async fn update_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<items::ItemInput>,
) -> WebResult<Json<items::ItemOut>> {
    Ok(Json(
        items::update(&st.store, &ctx.caller()?, id(&i)?, &b).await?,
    ))
}

async fn delete_item(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
) -> WebResult<StatusCode> {
    items::delete(&st.store, &ctx.caller()?, id(&i)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_policies(
    State(st): State<AppState>,
    ctx: Ctx,
) -> WebResult<Json<Vec<items::PolicyOut>>> {
    Ok(Json(items::policies(&st.store, &ctx.caller()?).await?))
}

async fn create_policy(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<items::PolicyInput>,
) -> WebResult<Response> {
    Ok(created(
        items::create_policy(&st.store, &ctx.caller()?, &b).await?,
    ))
}

/// Public, no login (SPEC §9).
async fn country_catalogue(
    State(st): State<AppState>,
    Query(f): Query<catalogue::Filter>,
) -> WebResult<Json<catalogue::Catalogue>> {
    let area = f
        .area
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(id)
        .transpose()?;
    Ok(Json(catalogue::catalogue(&st.store, area, &f).await?))
}

async fn area_catalogue(
    State(st): State<AppState>,
    Path(a): Path<String>,
    Query(f): Query<catalogue::Filter>,
) -> WebResult<Json<catalogue::Catalogue>> {
    Ok(Json(
        catalogue::catalogue(&st.store, Some(id(&a)?), &f).await?,
    ))
}

/// R-REP-1: the venue's usage report as JSON, CSV or XLSX.
async fn usage_report(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<reports::PeriodQuery>,
) -> WebResult<Response> {
    let period = reports::period(&q)?;
    let how = match q.format.as_deref().unwrap_or("json") {
        "json" => "json",
        "csv" => "csv",
        "xlsx" => "xlsx",
        _ => return Err(reports::unknown_format().into()),
    };
    let r = reports::usage_report(&st.store, &ctx.caller()?, id(&v)?, period, how).await?;
    if how == "json" {
        return Ok(Json(r).into_response());
    }
    let table = reports::usage_table(&r, &ctx.tr);
    file(&table, how, &reports::file_name(&r, how))
}

/// R-REP-2: submit the period's report to the coordinator (a new version if
/// the period was submitted before).
async fn submit_report(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    ApiJson(b): ApiJson<reports::SubmitInput>,
) -> WebResult<Response> {
    Ok(created(
        reports::submit(&st.store, &ctx.caller()?, id(&v)?, &b).await?,
    ))
}

async fn list_submissions(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    Query(q): Query<reports::PeriodQuery>,
) -> WebResult<Json<Vec<reports::SubmissionOut>>> {
    let period = reports::period(&q)?;
    Ok(Json(
        reports::submitted(&st.store, &ctx.caller()?, id(&v)?, period).await?,
    ))
}

async fn area_submissions(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<reports::PeriodQuery>,
) -> WebResult<Json<Vec<reports::VenueStatus>>> {
    let period = reports::period(&q)?;
    Ok(Json(
        reports::area_status(&st.store, &ctx.caller()?, id(&a)?, period).await?,
    ))
}

/// R-REP-3: an area's statistics for a year (?year=) or a period, as JSON,
/// CSV or XLSX; small counts suppressed outside the area (R-REP-5).
async fn area_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    Query(q): Query<stats::StatsQuery>,
) -> WebResult<Response> {
    let period = stats::period(&q)?;
    let format = q.format.clone().unwrap_or_else(|| "json".into());
    if !["json", "csv", "xlsx"].contains(&format.as_str()) {
        return Err(reports::unknown_format().into());
    }
    let s = stats::area(&st.store, &ctx.caller()?, id(&a)?, period).await?;
    if format == "json" {
        return Ok(Json(s).into_response());
    }
    let table = stats::table(&s, &ctx.tr);
    let name = format!("kaikukortti-area-{}-{}-{}.{format}", s.area, s.from, s.to);
    file(&table, &format, &name)
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

/// R-REP-3: the coordinator submits the area's year to the national service.
async fn submit_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(a): Path<String>,
    ApiJson(b): ApiJson<stats::SubmitYear>,
) -> WebResult<Response> {
    Ok(created(
        stats::submit_year(&st.store, &ctx.caller()?, id(&a)?, &b).await?,
    ))
}

#[derive(Deserialize)]
struct NationalQuery {
    year: Option<String>,
    source: Option<String>,
}

/// R-REP-4: the year over all areas and per area (national admin).
async fn national_statistics(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NationalQuery>,
) -> WebResult<Json<stats::NationalOut>> {
    let period = stats::period(&stats::StatsQuery {
        year: q.year,
        ..Default::default()
    })?;
    let live = match q.source.as_deref().unwrap_or("submitted") {
        "submitted" => false,
        "live" => true,
        _ => {
            return Err(
                AppError::field("source", kaiku_core::input::InputError::InvalidChoice).into(),
            );
        }
    };
    use chrono::Datelike;
    Ok(Json(
        stats::national(&st.store, &ctx.caller()?, period.from.year(), live).await?,
    ))
}

/// R-PRIV-3: anonymise cards expired before a date (`dry_run` counts first).
async fn anonymise(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<kaiku_app::privacy::AnonymiseInput>,
) -> WebResult<Json<kaiku_app::privacy::AnonymiseOut>> {
    Ok(Json(
        kaiku_app::privacy::anonymise(&st.store, &ctx.caller()?, &b).await?,
    ))
}

/// An uploaded sheet, read only up to the upload limit.
async fn sheet_body(st: &AppState, body: axum::body::Body) -> WebResult<Vec<u8>> {
    Ok(axum::body::to_bytes(body, st.config.upload_limit)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .to_vec())
}

/// Issue 7: a usage sheet (the body: CSV or XLSX) checked into a preview.
async fn usage_import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(v): Path<String>,
    body: axum::body::Body,
) -> WebResult<Response> {
    let venue = id(&v)?;
    let bytes = sheet_body(&st, body).await?;
    Ok(created(
        kaiku_app::imports::usage::preview(&st.store, &ctx.caller()?, venue, bytes).await?,
    ))
}

#[derive(Deserialize)]
struct IssuanceQuery {
    #[serde(default, deserialize_with = "kaiku_app::flex::bool")]
    confirmed_at_least_16: bool,
}

/// Issue 7: transfer forms (the body: CSV or XLSX) checked into a preview.
async fn issuance_import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
    Query(q): Query<IssuanceQuery>,
    body: axum::body::Body,
) -> WebResult<Response> {
    let point = id(&p)?;
    let bytes = sheet_body(&st, body).await?;
    Ok(created(
        kaiku_app::imports::issuance::preview(
            &st.store,
            &ctx.caller()?,
            point,
            q.confirmed_at_least_16,
            bytes,
        )
        .await?,
    ))
}

async fn confirm_import(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(i): Path<String>,
    ApiJson(b): ApiJson<kaiku_app::imports::ConfirmInput>,
) -> WebResult<Json<kaiku_app::imports::ConfirmOut>> {
    Ok(Json(
        kaiku_app::imports::confirm(&st.store, &ctx.caller()?, id(&i)?, &b).await?,
    ))
}

/// The refused rows of an import with their reasons, to fix and send again.
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
    let table = kaiku_app::imports::refused_rows(&st.store, &ctx.caller()?, import).await?;
    file(
        &table,
        &format,
        &format!("kaikukortti-import-{import}-refused.{format}"),
    )
}

#[derive(Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

/// Issue 7: an empty usage sheet, headed in the reader's language, to fill in.
async fn usage_template(ctx: Ctx, Query(q): Query<FormatQuery>) -> WebResult<Response> {
    template(
        &ctx,
        q,
        "import-title",
        &["card_code", "adults", "children", "item_title", "date"],
        &[14.0, 10.0, 10.0, 40.0, 12.0],
        "kaikukortti-kaynnit",
    )
}

/// Issue 7: an empty sheet of transfer forms, headed in the reader's language.
async fn issuance_template(ctx: Ctx, Query(q): Query<FormatQuery>) -> WebResult<Response> {
    template(
        &ctx,
        q,
        "issuance-import-title",
        &[
            "card_code",
            "grant_date",
            "birth_year",
            "mother_tongue",
            "gender",
            "postal_code",
            "minor_children",
            "life_situations",
        ],
        &[14.0, 14.0, 12.0, 16.0, 14.0, 12.0, 14.0, 40.0],
        "kaikukortti-luovutukset",
    )
}

fn template(
    ctx: &Ctx,
    q: FormatQuery,
    title: &str,
    columns: &[&str],
    widths: &[f64],
    name: &str,
) -> WebResult<Response> {
    ctx.auth()?;
    let format = q.format.unwrap_or_else(|| "xlsx".into());
    if format != "csv" && format != "xlsx" {
        return Err(reports::unknown_format().into());
    }
    let table = crate::export::Table {
        title: ctx.tr.t(title),
        headings: columns
            .iter()
            .map(|h| ctx.tr.t(&format!("import-heading-{h}")))
            .collect(),
        rows: vec![],
        totals: vec![],
        widths: widths.to_vec(),
    };
    file(
        &table,
        &format,
        &format!("{name}-{}.{format}", ctx.tr.lang()),
    )
}
