//! The issuer's screens: a point's cards and the transfer form (§4.2) for
//! issuing and renewing, with the valid-until date shown before saving.

use super::{CodeQ, date, list_options, refusal_on};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::id;
use crate::ui::forms::{Opt, choices};
use crate::ui::{Field, Page, render, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::cards::{self, CardOut, IssueInput, fi_date};
use kaiku_app::flex;
use kaiku_app::lists;
use kaiku_app::org;
use kaiku_core::Id;
use kaiku_core::background::{GENDERS, List};
use kaiku_core::policy;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "cards_point.html")]
struct PointCards<'a> {
    page: &'a Page,
    point: org::PointOut,
    cards: Vec<CardOut>,
    code: String,
    can_issue: bool,
    can_import: bool,
    /// The list shows the cards running out soon, not the latest changes.
    expiring: bool,
    /// The point's stock left, when asked for instead of the cards.
    stock: Option<Vec<cards::StockRun>>,
}

impl PointCards<'_> {
    fn in_stock(&self) -> i64 {
        self.stock.iter().flatten().map(|r| r.count).sum()
    }
}

impl PointCards<'_> {
    fn date(&self, d: &Option<chrono::NaiveDate>) -> String {
        date(d)
    }
}

pub(super) async fn point_cards(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<CodeQ>,
) -> WebResult<Response> {
    let point = org::get_point(&st.store, &ctx.caller()?, id(&raw)?).await?;
    let expiring = q.expiring.is_some();
    let stock = match q.stock {
        Some(_) => Some(cards::stock(&st.store, &ctx.caller()?, point.id).await?),
        None => None,
    };
    let listed = if stock.is_some() {
        Ok(vec![])
    } else if expiring {
        cards::expiring(&st.store, &ctx.caller()?, point.id).await
    } else {
        cards::list(
            &st.store,
            &ctx.caller()?,
            Some(point.id),
            None,
            q.code.as_deref(),
        )
        .await
    };
    let (list, code, errors) = super::filtered(&ctx, listed, q.code)?;
    let p = ctx.principal()?;
    let can_issue = policy::issuing(p).is_some_and(|r| r.admits_point(point.area, point.id));
    let can_import =
        policy::issuance_imports(p).is_some_and(|r| r.admits_point(point.area, point.id));
    let mut page = Page::new(&ctx, "cards-point-title");
    page.errors = errors;
    page.title = format!("{} – {}", page.title, point.name);
    Ok(render(&PointCards {
        page: &page,
        point,
        cards: list,
        code,
        can_issue,
        can_import,
        expiring,
        stock,
    }))
}

/// The transfer form as posted by a browser: the postal code comes as a
/// choice plus a text box.
#[derive(Deserialize, Default, Clone)]
pub(super) struct TransferForm {
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
    /// Well-being answers, `question:answer` (one select per question).
    #[serde(default)]
    wellbeing: Vec<String>,
    #[serde(default)]
    csrf: String,
}

impl TransferForm {
    /// The form as it is shown again after a refusal: a typed field keeps
    /// its value only if that value passes its own check, whatever the
    /// refusal was about (a refused value may be anything: an address, a
    /// phone number, an identity code; it is never shown back, R-PRIV-5).
    /// A card code keeps only the shape of one: letters and digits.
    fn kept(&self) -> TransferForm {
        use kaiku_core::import::{Column, cell_passes};
        let keep = |column: Column, v: &Option<String>| {
            v.clone().filter(|v| cell_passes(column, v) == Some(true))
        };
        let code_shaped = cell_passes(Column::CardCode, &self.code) == Some(true)
            && self.code.chars().any(|c| c.is_ascii_digit());
        TransferForm {
            code: if code_shaped {
                self.code.clone()
            } else {
                String::new()
            },
            grant_date: keep(Column::GrantDate, &self.grant_date),
            birth_year: keep(Column::BirthYear, &self.birth_year),
            postal_code: keep(Column::PostalCode, &self.postal_code),
            minor_children: keep(Column::MinorChildren, &self.minor_children),
            ..self.clone()
        }
    }

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
            wellbeing: self
                .wellbeing
                .iter()
                .filter_map(|p| p.split_once(':'))
                .map(|(q, a)| (q.to_string(), a.to_string()))
                .collect(),
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
    /// The well-being questions in force (R-WELL-1): id, wording, and the
    /// options as (value, label, chosen).
    questions: Vec<Asked>,
}

/// A question as the form asks it: its id, wording and options (value,
/// label, chosen).
type Asked = (Id, String, Vec<(String, String, bool)>);

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
    // The questions of the grant date the form carries (a backdated grant
    // is asked what was asked then), today's on a new form.
    let day = f
        .grant_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(kaiku_app::today);
    let questions = if fc.community {
        vec![]
    } else {
        kaiku_app::wellbeing::list(&st.store, &ctx.caller()?)
            .await?
            .into_iter()
            .filter(|q| q.in_force(day))
            .map(|q| {
                let chosen = |a: &str| f.wellbeing.contains(&format!("{}:{a}", q.id));
                let none_chosen = !q.options.iter().any(|a| chosen(a));
                let mut opts = vec![(
                    format!("{}:{}", q.id, kaiku_core::wellbeing::NO_ANSWER),
                    page.t("wellbeing-no-answer"),
                    none_chosen,
                )];
                opts.extend(q.options.iter().map(|a| {
                    (
                        format!("{}:{a}", q.id),
                        page.t(&format!("wellbeing-{}-{a}", q.scale)),
                        chosen(a),
                    )
                }));
                (q.id, q.text(page.tr.0).to_string(), opts)
            })
            .collect()
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
        questions,
    };
    Ok(crate::ui::respond(&page, &t))
}

#[derive(Deserialize, Default)]
pub(super) struct KindQ {
    kind: Option<String>,
}

pub(super) async fn issue_form(
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

pub(super) async fn issue(
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
            transfer_page(&st, &ctx, &fc, &f.kept(), errors).await
        }
    }
}

pub(super) async fn renew_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
) -> WebResult<Response> {
    let fc = renewal(&st, &ctx, &code).await?;
    transfer_page(&st, &ctx, &fc, &TransferForm::default(), vec![]).await
}

/// The form's place for renewing a card: the caller's point in the card's
/// area, the issuing point itself when the caller works there.
async fn renewal(st: &AppState, ctx: &Ctx, code: &str) -> WebResult<FormCtx> {
    let r = cards::renewal(&st.store, &ctx.caller()?, code).await?;
    Ok(FormCtx {
        area: r.area,
        point: r.point,
        community: r.community,
        renewal: Some(r.code),
    })
}

pub(super) async fn renew(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    UiForm(f): UiForm<TransferForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let fc = renewal(&st, &ctx, &code).await?;
    let point = fc.point;
    let result = match f.input(point) {
        Ok(input) => cards::issue(&st.store, &ctx.caller()?, &code, &input, true).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(done) => Ok(see_other(&format!("/cards/{}?done=renewed", done.code))),
        Err(e) => {
            let errors = refusal_on(&ctx, e, "grant_date")?;
            transfer_page(&st, &ctx, &fc, &f.kept(), errors).await
        }
    }
}
