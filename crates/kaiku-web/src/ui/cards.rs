//! Screens of the card register: stock and allocation for coordinators, the
//! transfer form for issuers, a card's record, voiding, subject access, and a
//! validity check for everyone at work.

use super::accounts::local_time;
use super::forms::{Opt, choices};
use super::org::{FormPage, id};
use super::{Field, Page, form_errors, render, see_other};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::cards::{
    self, AllocationInput, CardOut, IssueInput, LookupOut, RecordOut, SeriesDetail, SeriesInput,
    SeriesOut, VoidInput, fi_date,
};
use kaiku_app::flex;
use kaiku_app::lists::{self, Lists};
use kaiku_app::org;
use kaiku_core::Id;
use kaiku_core::background::{GENDERS, List};
use kaiku_core::card::VOID_REASONS;
use kaiku_core::code::Check;
use kaiku_core::org::Lang;
use kaiku_core::policy;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/areas/{id}/cards", get(area_cards))
        .route("/areas/{id}/series", post(create_series))
        .route("/areas/{id}/series/new", get(new_series))
        .route("/series/{id}", get(series))
        .route("/series/{id}/allocations", post(allocate))
        .route("/points/{id}/cards", get(point_cards))
        .route("/points/{id}/issue", get(issue_form).post(issue))
        .route("/cards", get(find))
        .route("/cards/{code}", get(card))
        .route("/cards/{code}/renew", get(renew_form).post(renew))
        .route("/cards/{code}/void", post(void))
        .route("/cards/{code}/subject-access", get(subject_access))
        .route("/check", get(check))
}

/// The entries of a national list still in use, labelled in the page's language.
fn list_options(lists: &Lists, list: List, lang: Lang, selected: &[String]) -> Vec<Opt> {
    lists
        .entries(list)
        .filter(|o| o.active)
        .map(|o| {
            Opt::new(
                &o.code,
                lists::label_of(o, lang),
                selected.contains(&o.code),
            )
        })
        .collect()
}

fn date(d: &Option<chrono::NaiveDate>) -> String {
    d.map(fi_date).unwrap_or_else(|| "–".into())
}

// ---------- stock ----------

#[derive(Template)]
#[template(path = "cards_area.html")]
struct AreaCards<'a> {
    page: &'a Page,
    area: org::AreaOut,
    series: Vec<SeriesOut>,
    cards: Vec<CardOut>,
    code: String,
}

impl AreaCards<'_> {
    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }
}

#[derive(Deserialize, Default)]
struct CodeQ {
    code: Option<String>,
    saved: Option<String>,
}

async fn area_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let series = cards::list_series(&st.store, &ctx.caller()?, area.id).await?;
    let list = if ctx.principal()?.coordinates(area.id) {
        cards::list(
            &st.store,
            &ctx.caller()?,
            None,
            Some(area.id),
            q.code.as_deref(),
        )
        .await
        .or_else(|e| match e {
            AppError::Invalid(_) => Ok(vec![]),
            e => Err(e),
        })?
    } else {
        vec![]
    };
    let mut page =
        Page::new(&ctx, "cards-stock-title").with_notice(q.saved.map(|_| ctx.tr.t("notice-saved")));
    page.title = format!("{} – {}", page.title, area.name);
    Ok(render(&AreaCards {
        page: &page,
        area,
        series,
        cards: list,
        code: q.code.unwrap_or_default(),
    }))
}

fn series_form(ctx: &Ctx, area: Id, i: &SeriesInput, errors: Vec<(String, String)>) -> Response {
    let mut page = Page::new(ctx, "series-new-title");
    page.errors = errors;
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let checks = Check::ALL.iter().map(|c| c.as_ref());
    let selected = [i.check.clone().unwrap_or_else(|| "none".into())];
    let fields = vec![
        Field::text(&page, "prefix", i.prefix.clone().unwrap_or_default()),
        Field::text(&page, "first", num(i.first))
            .required()
            .numeric(),
        Field::text(&page, "last", num(i.last)).required().numeric(),
        Field::text(
            &page,
            "width",
            i.width.map(|w| w.to_string()).unwrap_or_default(),
        )
        .numeric(),
        Field::select(&page, "check", choices(&page, "check", checks, &selected)),
    ];
    FormPage {
        page: &page,
        intro: Some(page.t("series-new-intro")),
        fields,
        action: format!("/areas/{area}/series"),
        submit: page.t("action-create-series"),
        editable: true,
        back: (format!("/areas/{area}/cards"), page.t("action-cancel")),
        links: vec![],
    }
    .respond()
}

async fn new_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
) -> WebResult<Response> {
    let area = org::get_area(&st.store, &ctx.caller()?, id(&raw)?).await?;
    policy::manage_area(ctx.principal()?, area.id).ok_or(AppError::Forbidden)?;
    Ok(series_form(&ctx, area.id, &SeriesInput::default(), vec![]))
}

async fn create_series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<SeriesInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let area = id(&raw)?;
    match cards::create_series(&st.store, &ctx.caller()?, area, &f).await {
        Ok(s) => Ok(see_other(&format!("/series/{}?saved=1", s.id))),
        Err(e) => Ok(series_form(&ctx, area, &f, refusal_on(&ctx, e, "first")?)),
    }
}

/// Form errors, with rule refusals (which are not about one field) shown
/// beside the field the person should look at.
fn refusal_on(ctx: &Ctx, e: AppError, field: &str) -> WebResult<Vec<(String, String)>> {
    match e {
        AppError::Refused(_) => Ok(vec![(field.to_string(), e.message(&ctx.tr))]),
        e => form_errors(&ctx.tr, e, field),
    }
}

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesPage<'a> {
    page: &'a Page,
    detail: SeriesDetail,
    fields: Vec<Field>,
}

impl SeriesPage<'_> {
    fn range(&self) -> String {
        format!("{}–{}", self.detail.series.first, self.detail.series.last)
    }

    fn point_name(&self, name: &Option<String>) -> String {
        name.clone()
            .unwrap_or_else(|| self.page.t("series-unallocated"))
    }
}

async fn series_page(
    st: &AppState,
    ctx: &Ctx,
    series: Id,
    i: &AllocationInput,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> WebResult<Response> {
    let detail = cards::get_series(&st.store, &ctx.caller()?, series).await?;
    let mut page = Page::new(ctx, "series-title").with_notice(notice);
    page.title = format!(
        "{} {}–{}",
        page.title, detail.series.first_code, detail.series.last_code
    );
    page.errors = errors;
    let points = org::list_points(&st.store, &ctx.caller()?, detail.series.area).await?;
    let mut opts = vec![Opt::new(
        "",
        page.t("choose-none"),
        i.distribution_point.is_none(),
    )];
    opts.extend(
        points
            .iter()
            .map(|p| Opt::new(p.id, &p.name, i.distribution_point == Some(p.id))),
    );
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let fields = vec![
        Field::select(&page, "distribution_point", opts).required(),
        Field::text(&page, "first", num(i.first))
            .required()
            .numeric(),
        Field::text(&page, "last", num(i.last)).required().numeric(),
    ];
    let t = SeriesPage {
        page: &page,
        detail,
        fields,
    };
    Ok(super::respond(&page, &t))
}

async fn series(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let notice = q.saved.map(|_| ctx.tr.t("notice-saved"));
    series_page(
        &st,
        &ctx,
        id(&raw)?,
        &AllocationInput::default(),
        vec![],
        notice,
    )
    .await
}

async fn allocate(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<AllocationInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let series = id(&raw)?;
    match cards::allocate(&st.store, &ctx.caller()?, series, &f).await {
        Ok(_) => Ok(see_other(&format!("/series/{series}?saved=1"))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "first")?;
            series_page(&st, &ctx, series, &f, errors, None).await
        }
    }
}

// ---------- a point's cards and the transfer form ----------

#[derive(Template)]
#[template(path = "cards_point.html")]
struct PointCards<'a> {
    page: &'a Page,
    point: org::PointOut,
    cards: Vec<CardOut>,
    code: String,
    can_issue: bool,
    can_import: bool,
}

impl PointCards<'_> {
    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }
}

async fn point_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let point = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let list = cards::list(
        &st.store,
        &ctx.caller()?,
        Some(point.id),
        None,
        q.code.as_deref(),
    )
    .await
    .or_else(|e| match e {
        AppError::Invalid(_) => Ok(vec![]),
        e => Err(e),
    })?;
    let p = ctx.principal()?;
    let can_issue = policy::issuing(p).is_some_and(|r| r.admits_point(point.area, point.id));
    let can_import =
        policy::issuance_imports(p).is_some_and(|r| r.admits_point(point.area, point.id));
    let mut page = Page::new(&ctx, "cards-point-title");
    page.title = format!("{} – {}", page.title, point.name);
    Ok(render(&PointCards {
        page: &page,
        point,
        cards: list,
        code: q.code.unwrap_or_default(),
        can_issue,
        can_import,
    }))
}

/// The transfer form as posted by a browser: the postal code comes as a
/// choice plus a text box.
#[derive(Deserialize, Default, Clone)]
struct TransferForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    grant_date: Option<String>,
    #[serde(default)]
    birth_year: Option<String>,
    #[serde(default)]
    mother_tongue: Option<String>,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    postal_code_kind: Option<String>,
    #[serde(default)]
    postal_code: Option<String>,
    #[serde(default)]
    minor_children: Option<String>,
    #[serde(default)]
    life_situations: Vec<String>,
    #[serde(default, deserialize_with = "flex::bool")]
    confirmed_at_least_16: bool,
    #[serde(default)]
    csrf: String,
}

impl TransferForm {
    fn input(&self, point: Id) -> Result<IssueInput, AppError> {
        let number = |field: &'static str, v: &Option<String>| -> Result<Option<i32>, AppError> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => s.parse().map(Some).map_err(|_| {
                    AppError::field(field, kaiku_core::input::InputError::InvalidChoice)
                }),
            }
        };
        let postal = match self.postal_code_kind.as_deref() {
            Some("no_permanent_address") | Some("not_stated") => self.postal_code_kind.clone(),
            _ => self.postal_code.clone(),
        };
        Ok(IssueInput {
            kind: self.kind.clone(),
            grant_date: self.grant_date.clone(),
            birth_year: number("birth_year", &self.birth_year)?,
            mother_tongue: self.mother_tongue.clone(),
            gender: self.gender.clone(),
            postal_code: postal,
            minor_children: number("minor_children", &self.minor_children)?,
            life_situations: self.life_situations.clone(),
            confirmed_at_least_16: self.confirmed_at_least_16,
            distribution_point: Some(point),
            csrf: None,
        })
    }
}

#[derive(Template)]
#[template(path = "card_issue.html")]
struct IssuePage<'a> {
    page: &'a Page,
    /// Up to the grant date; the valid-until preview follows them.
    fields: Vec<Field>,
    more: Vec<Field>,
    action: String,
    back: String,
    until: String,
    trial_ends: String,
    community: bool,
    renewal: bool,
}

struct FormCtx {
    area: Id,
    point: Id,
    community: bool,
    renewal: Option<String>,
}

async fn transfer_page(
    st: &AppState,
    ctx: &Ctx,
    fc: &FormCtx,
    f: &TransferForm,
    errors: Vec<(String, String)>,
) -> WebResult<Response> {
    let (until, trial) = cards::preview_until(&st.store, fc.area).await?;
    let lists = lists::load(&st.store).await?;
    let title = match (&fc.renewal, fc.community) {
        (Some(_), _) => "card-renew-title",
        (None, true) => "card-issue-community-title",
        (None, false) => "card-issue-title",
    };
    let mut page = Page::new(ctx, title);
    if let Some(code) = &fc.renewal {
        page.title = format!("{} {code}", page.title);
    }
    page.errors = errors;
    let today = kaiku_app::today().to_string();
    let pick = |v: &Option<String>| vec![v.clone().unwrap_or_default()];
    let with_blank = |opts: Vec<Opt>, v: &Option<String>| {
        let mut all = vec![Opt::new(
            "",
            page.t("choose-none"),
            v.as_deref().unwrap_or("").is_empty(),
        )];
        all.extend(opts);
        all
    };
    let first = page.errors.is_empty();
    let mut fields = vec![];
    if fc.renewal.is_none() {
        fields.push(
            Field::text(&page, "code", &f.code)
                .required()
                .autofocus(first)
                .autocomplete("off"),
        );
    }
    fields.push(
        Field::kind(
            &page,
            "grant_date",
            "date",
            f.grant_date.clone().unwrap_or(today),
        )
        .required(),
    );
    let mut more = vec![];
    if !fc.community {
        let postal_kind = f.postal_code_kind.clone().or(Some("code".into()));
        more.extend([
            Field::text(
                &page,
                "birth_year",
                f.birth_year.clone().unwrap_or_default(),
            )
            .required()
            .numeric()
            .autofocus(first && fc.renewal.is_some()),
            Field::checkbox(&page, "confirmed_at_least_16", f.confirmed_at_least_16),
            Field::select(
                &page,
                "mother_tongue",
                with_blank(
                    list_options(
                        &lists,
                        List::MotherTongue,
                        page.tr.0,
                        &pick(&f.mother_tongue),
                    ),
                    &f.mother_tongue,
                ),
            )
            .required(),
            Field::select(
                &page,
                "gender",
                with_blank(
                    choices(&page, "gender", GENDERS.iter().copied(), &pick(&f.gender)),
                    &f.gender,
                ),
            )
            .required(),
            Field::select(
                &page,
                "postal_code_kind",
                choices(
                    &page,
                    "postal-kind",
                    ["code", "no_permanent_address", "not_stated"],
                    &pick(&postal_kind),
                ),
            ),
            Field::text(
                &page,
                "postal_code",
                f.postal_code.clone().unwrap_or_default(),
            )
            .numeric()
            .autocomplete("off"),
            Field::text(
                &page,
                "minor_children",
                f.minor_children.clone().unwrap_or_default(),
            )
            .required()
            .numeric(),
            Field::checkboxes(
                &page,
                "life_situations",
                list_options(&lists, List::LifeSituation, page.tr.0, &f.life_situations),
            ),
        ]);
    }
    let action = match &fc.renewal {
        Some(code) => format!("/cards/{code}/renew"),
        None => format!("/points/{}/issue", fc.point),
    };
    let t = IssuePage {
        page: &page,
        fields,
        more,
        action,
        back: format!("/points/{}/cards", fc.point),
        until: fi_date(until),
        trial_ends: trial.map(|t| t.to_string()).unwrap_or_default(),
        community: fc.community,
        renewal: fc.renewal.is_some(),
    };
    Ok(super::respond(&page, &t))
}

#[derive(Deserialize, Default)]
struct KindQ {
    kind: Option<String>,
}

async fn issue_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<KindQ>,
) -> WebResult<Response> {
    let point = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    if !policy::issuing(ctx.principal()?).is_some_and(|r| r.admits_point(point.area, point.id)) {
        return Err(AppError::Forbidden.into());
    }
    let community = q.kind.as_deref() == Some("community");
    let fc = FormCtx {
        area: point.area,
        point: point.id,
        community,
        renewal: None,
    };
    let f = TransferForm {
        kind: q.kind,
        ..Default::default()
    };
    transfer_page(&st, &ctx, &fc, &f, vec![]).await
}

async fn issue(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<TransferForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let point = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let community = f.kind.as_deref() == Some("community");
    let fc = FormCtx {
        area: point.area,
        point: point.id,
        community,
        renewal: None,
    };
    let result = match f.input(point.id) {
        Ok(input) => cards::issue(&st.store, &ctx.caller()?, &f.code, &input, false).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => Ok(see_other(&format!("/cards/{}?done=issued", done.code))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "code")?;
            transfer_page(&st, &ctx, &fc, &f, errors).await
        }
    }
}

async fn renew_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Response> {
    let rec = cards::record(&st.store, &ctx.caller()?, &code, false).await?;
    let (area, point) = renew_point(&ctx, &rec)?;
    let community = rec.card.kind == Some(kaiku_core::card::Kind::Community);
    let fc = FormCtx {
        area,
        point,
        community,
        renewal: Some(rec.card.code.clone()),
    };
    transfer_page(&st, &ctx, &fc, &TransferForm::default(), vec![]).await
}

/// The caller's issuing point in the card's area (the issuing point itself
/// when the caller works there).
fn renew_point(ctx: &Ctx, rec: &RecordOut) -> WebResult<(Id, Id)> {
    let mine = policy::issuer_points(ctx.principal()?);
    mine.iter()
        .copied()
        .find(|(_, p)| Some(*p) == rec.card.distribution_point)
        .or_else(|| mine.iter().copied().find(|(a, _)| *a == rec.card.area))
        .ok_or(AppError::Forbidden.into())
}

async fn renew(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    UiForm(f): UiForm<TransferForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let rec = cards::record(&st.store, &ctx.caller()?, &code, false).await?;
    let (area, point) = renew_point(&ctx, &rec)?;
    let community = rec.card.kind == Some(kaiku_core::card::Kind::Community);
    let fc = FormCtx {
        area,
        point,
        community,
        renewal: Some(rec.card.code.clone()),
    };
    let result = match f.input(point) {
        Ok(input) => cards::issue(&st.store, &ctx.caller()?, &code, &input, true).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => Ok(see_other(&format!("/cards/{}?done=renewed", done.code))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "grant_date")?;
            transfer_page(&st, &ctx, &fc, &f, errors).await
        }
    }
}

// ---------- one card ----------

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
}

/// What `_card_record.html` calls, for the card page and its print.
trait RecordView {
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
}

impl RecordView for CardPage<'_> {
    fn page(&self) -> &Page {
        self.page
    }

    fn lists(&self) -> &Lists {
        &self.lists
    }

    fn rec(&self) -> &RecordOut {
        &self.rec
    }
}

#[derive(Deserialize, Default)]
struct DoneQ {
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
    let can_renew = rec.renewable && renew_point(ctx, &rec).is_ok();
    let issue_next = done
        .as_ref()
        .and(rec.card.distribution_point)
        .filter(|pt| policy::issuing(p).is_some_and(|r| r.admits_point(rec.card.area, *pt)));
    let lists = lists::load(&st.store).await?;
    let t = CardPage {
        lists,
        page: &page,
        can_subject_access: policy::subject_access(p).is_some_and(|r| r.admits_area(rec.card.area)),
        rec,
        done,
        void_fields,
        can_renew,
        issue_next,
    };
    Ok(super::respond(&page, &t))
}

async fn card(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(q): Query<DoneQ>,
) -> WebResult<Response> {
    card_page(&st, &ctx, &code, q.done, vec![], &VoidInput::default()).await
}

async fn void(
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
}

impl RecordView for PrintPage<'_> {
    fn page(&self) -> &Page {
        self.page
    }

    fn lists(&self) -> &Lists {
        &self.lists
    }

    fn rec(&self) -> &RecordOut {
        &self.rec
    }
}

async fn subject_access(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Response> {
    let rec = cards::record(&st.store, &ctx.caller()?, &code, true).await?;
    let mut page = Page::new(&ctx, "subject-access-title");
    page.title = format!("{} {}", page.title, rec.card.code);
    let printed = local_time(kaiku_store::now());
    let lists = lists::load(&st.store).await?;
    Ok(render(&PrintPage {
        lists,
        page: &page,
        rec,
        printed,
    }))
}

/// `/cards?code=E1234` from a search box: straight to the card.
async fn find(ctx: Ctx, Query(q): Query<CodeQ>) -> WebResult<Response> {
    ctx.auth()?;
    let code = cards::parse_code(q.code.as_deref().unwrap_or(""))?;
    Ok(see_other(&format!("/cards/{code}")))
}

// ---------- checking a card ----------

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

async fn check(
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
    Ok(super::respond(&page, &t))
}
