//! Screens for staff accounts, their roles, and the audit log.

use super::forms::{Opt, choices};
use super::org::{FormPage, Saved, id};
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
use kaiku_app::accounts::{self, AccountInput, AccountOut, GrantInput, ResetInput};
use kaiku_app::audit;
use kaiku_app::flex;
use kaiku_core::Id;
use kaiku_core::grant::Role;
use kaiku_core::policy;
use kaiku_store::{areas, points, venues};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list).post(create))
        .route("/accounts/new", get(new_account))
        .route("/accounts/add-role", get(add_role_form).post(add_role))
        .route("/accounts/{id}", get(account))
        .route("/accounts/{id}/grants", post(add_grant))
        .route("/accounts/{id}/grants/{grant}/remove", post(remove_grant))
        .route("/accounts/{id}/password", post(reset_password))
        .route("/accounts/{id}/active", post(set_active))
        .route("/audit", get(audit_log))
}

pub use crate::dates::local_time;

/// Names of areas, points and venues the caller may hand out roles in.
struct Places {
    areas: Vec<(Id, String)>,
    points: Vec<(Id, Id, String)>,
    venues: Vec<(Id, Id, String)>,
}

impl Places {
    async fn load(st: &AppState, ctx: &Ctx, only: Option<Id>) -> WebResult<Places> {
        let p = ctx.principal()?.clone();
        st.store
            .read(move |c| {
                let all = areas::list(c, None)?;
                let mut out = Places {
                    areas: vec![],
                    points: vec![],
                    venues: vec![],
                };
                for a in all.into_iter().filter(|a| {
                    policy::manage_area(&p, a.id).is_some() && only.is_none_or(|o| o == a.id)
                }) {
                    for pt in points::list(c, a.id)? {
                        out.points.push((pt.id, a.id, pt.name));
                    }
                    for v in venues::list(c, a.id)? {
                        out.venues.push((v.id, a.id, v.name));
                    }
                    out.areas.push((a.id, a.name));
                }
                Ok::<_, AppError>(out)
            })
            .await
            .map_err(Into::into)
    }

    fn area_name(&self, id: Id) -> String {
        self.areas
            .iter()
            .find(|a| a.0 == id)
            .map(|a| a.1.clone())
            .unwrap_or_default()
    }

    /// Options grouped under their area's name.
    fn grouped(&self, page: &Page, items: &[(Id, Id, String)], selected: Option<Id>) -> Vec<Opt> {
        let mut opts = vec![Opt::new("", page.t("choose-none"), selected.is_none())];
        let mut last = None;
        for (id, area, name) in items {
            let mut o = Opt::new(id, name, selected == Some(*id));
            if last != Some(*area) {
                o.group = Some(self.area_name(*area));
                last = Some(*area);
            }
            opts.push(o);
        }
        opts
    }
}

#[derive(Deserialize, Default, Clone)]
struct GrantFields {
    #[serde(default)]
    role: String,
    #[serde(default, deserialize_with = "flex::opt_id")]
    area: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    distribution_point: Option<Id>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    venue: Option<Id>,
}

impl GrantFields {
    fn input(&self) -> GrantInput {
        GrantInput {
            role: self.role.clone(),
            area: self.area,
            distribution_point: self.distribution_point,
            venue: self.venue,
            csrf: None,
        }
    }
}

fn grant_fields(page: &Page, ctx: &Ctx, places: &Places, g: &GrantFields) -> WebResult<Vec<Field>> {
    let national = policy::national(ctx.principal()?).is_some();
    let roles = Role::ALL
        .iter()
        .filter(|r| national || **r != Role::NationalAdmin)
        .map(|r| r.as_ref());
    // No role is preselected: giving someone national rights must be a choice.
    let mut role_opts = vec![Opt::new("", page.t("choose-none"), g.role.is_empty())];
    role_opts.extend(choices(page, "role", roles, std::slice::from_ref(&g.role)));
    let mut area_opts = vec![Opt::new("", page.t("choose-none"), g.area.is_none())];
    area_opts.extend(
        places
            .areas
            .iter()
            .map(|(id, name)| Opt::new(id, name, g.area == Some(*id))),
    );
    Ok(vec![
        Field::select(page, "role", role_opts).required(),
        Field::select(page, "area", area_opts),
        Field::select(
            page,
            "distribution_point",
            places.grouped(page, &places.points, g.distribution_point),
        ),
        Field::select(page, "venue", places.grouped(page, &places.venues, g.venue)),
    ])
}

// ---------- list ----------

#[derive(Template)]
#[template(path = "accounts.html")]
struct ListPage<'a> {
    page: &'a Page,
    accounts: Vec<AccountOut>,
}

impl ListPage<'_> {
    fn roles(&self, a: &AccountOut) -> String {
        let mut names: Vec<String> = a
            .grants
            .iter()
            .map(|g| self.page.t(&format!("role-{}", g.role.as_ref())))
            .collect();
        names.dedup();
        names.join(", ")
    }
}

async fn list(State(st): State<AppState>, ctx: Ctx, q: Query<Saved>) -> WebResult<Response> {
    let accounts = accounts::list(&st.store, &ctx.caller()?).await?;
    let page = Page::new(&ctx, "accounts-title").with_notice(q.notice(&ctx));
    Ok(render(&ListPage {
        page: &page,
        accounts,
    }))
}

// ---------- create ----------

#[derive(Deserialize, Default)]
struct NewAccountForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(flatten)]
    grant: GrantFields,
    /// A national account (R-AUTH-5), offered to national admins only.
    #[serde(default, deserialize_with = "kaiku_app::flex::bool")]
    national: bool,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
struct AreaQuery {
    area: Option<Id>,
}

async fn new_account_page(
    st: &AppState,
    ctx: &Ctx,
    f: &NewAccountForm,
    errors: Vec<(String, String)>,
) -> WebResult<Response> {
    let places = Places::load(st, ctx, None).await?;
    if places.areas.is_empty() && policy::national(ctx.principal()?).is_none() {
        return Err(AppError::Forbidden.into());
    }
    let mut page = Page::new(ctx, "account-new-title");
    page.errors = errors;
    let mut fields = vec![
        Field::text(&page, "username", &f.username).required(),
        Field::kind(&page, "password", "password", "")
            .required()
            .autocomplete("new-password"),
    ];
    fields.extend(grant_fields(&page, ctx, &places, &f.grant)?);
    if policy::national(ctx.principal()?).is_some() {
        fields.push(Field::checkbox(&page, "national", f.national));
    }
    Ok(FormPage {
        page: &page,
        intro: Some(page.t("account-new-intro")),
        fields,
        action: "/accounts".into(),
        submit: page.t("action-create-account"),
        editable: true,
        back: ("/accounts".into(), page.t("action-cancel")),
        links: vec![(
            "/accounts/add-role".into(),
            page.t("account-add-role-title"),
        )],
    }
    .respond())
}

async fn new_account(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AreaQuery>,
) -> WebResult<Response> {
    let f = NewAccountForm {
        grant: GrantFields {
            area: q.area,
            ..Default::default()
        },
        ..Default::default()
    };
    new_account_page(&st, &ctx, &f, vec![]).await
}

async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<NewAccountForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let input = AccountInput {
        username: f.username.clone(),
        password: f.password.clone(),
        grants: vec![f.grant.input()],
        national: f.national,
    };
    match accounts::create(&st.store, &ctx.caller()?, &input).await {
        Ok(a) => Ok(see_other(&format!("/accounts/{}?saved=1", a.id))),
        Err(e) => new_account_page(&st, &ctx, &f, form_errors(&ctx.tr, e, "username")?).await,
    }
}

// ---------- a role for an existing account (R-AUTH-3) ----------

#[derive(Deserialize, Default)]
struct AddRoleForm {
    #[serde(default)]
    username: String,
    #[serde(flatten)]
    grant: GrantFields,
    #[serde(default)]
    csrf: String,
}

async fn add_role_page(
    st: &AppState,
    ctx: &Ctx,
    f: &AddRoleForm,
    errors: Vec<(String, String)>,
) -> WebResult<Response> {
    let places = Places::load(st, ctx, None).await?;
    let mut page = Page::new(ctx, "account-add-role-title");
    page.errors = errors;
    let mut fields = vec![Field::text(&page, "username", &f.username).required()];
    fields.extend(grant_fields(&page, ctx, &places, &f.grant)?);
    Ok(FormPage {
        page: &page,
        intro: Some(page.t("account-add-role-intro")),
        fields,
        action: "/accounts/add-role".into(),
        submit: page.t("action-add-role"),
        editable: true,
        back: ("/accounts".into(), page.t("action-cancel")),
        links: vec![],
    }
    .respond())
}

async fn add_role_form(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    add_role_page(&st, &ctx, &AddRoleForm::default(), vec![]).await
}

async fn add_role(
    State(st): State<AppState>,
    ctx: Ctx,
    UiForm(f): UiForm<AddRoleForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let result = match accounts::find_by_username(&st.store, &ctx.caller()?, &f.username).await {
        Ok(account) => {
            accounts::add_grant(&st.store, &ctx.caller()?, account, &f.grant.input()).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => Ok(see_other(&format!("/accounts/{}?saved=1", a.id))),
        Err(e) => add_role_page(&st, &ctx, &f, form_errors(&ctx.tr, e, "role")?).await,
    }
}

// ---------- one account ----------

pub struct GrantRow {
    pub id: Option<Id>,
    pub role: String,
    pub place: String,
    pub removable: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    page: &'a Page,
    account: AccountOut,
    grants: Vec<GrantRow>,
    grant_fields: Vec<Field>,
    reset_fields: Vec<Field>,
    manageable: bool,
}

async fn account_page(
    st: &AppState,
    ctx: &Ctx,
    account: Id,
    errors: Vec<(String, String)>,
    notice: Option<String>,
    g: &GrantFields,
) -> WebResult<Response> {
    let a = accounts::get(&st.store, &ctx.caller()?, account).await?;
    let p = ctx.principal()?.clone();
    let places = Places::load(st, ctx, None).await?;
    let grants_plain: Vec<_> = a
        .grants
        .iter()
        .filter_map(|g| {
            kaiku_core::grant::Grant::from_parts(g.role, g.area, g.distribution_point, g.venue)
        })
        .collect();
    // Whoever sees another account here manages it (R-AUTH-5: its home is in
    // the caller's reach); one's own is changed on one's own page.
    let manageable = p.account != Some(a.id) && policy::accounts(&p).is_some();
    let mut page = Page::new(ctx, "account-title").with_notice(notice);
    page.title = a.username.clone();
    page.errors = errors;
    let names = st
        .store
        .read({
            let gs = a.grants.clone();
            move |c| {
                let mut m: HashMap<String, String> = HashMap::new();
                for g in &gs {
                    if let Some(pt) = g.distribution_point {
                        m.insert(format!("p{pt}"), points::get(c, pt)?.name);
                    } else if let Some(v) = g.venue {
                        m.insert(format!("v{v}"), venues::get(c, v)?.name);
                    } else if let Some(ar) = g.area {
                        m.insert(format!("a{ar}"), areas::get(c, ar)?.name);
                    }
                }
                Ok::<_, AppError>(m)
            }
        })
        .await?;
    let grants = a
        .grants
        .iter()
        .zip(&grants_plain)
        .map(|(g, plain)| {
            let key = match (g.distribution_point, g.venue, g.area) {
                (Some(pt), _, _) => format!("p{pt}"),
                (_, Some(v), _) => format!("v{v}"),
                (_, _, Some(ar)) => format!("a{ar}"),
                _ => String::new(),
            };
            GrantRow {
                id: g.id,
                role: page.t(&format!("role-{}", g.role.as_ref())),
                place: names
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| page.t("role-whole-country")),
                removable: policy::permit_grant(&p, a.id, a.home_area, *plain, false).is_some(),
            }
        })
        .collect();
    let grant_fields = if places.areas.is_empty() && policy::national(&p).is_none() {
        vec![]
    } else {
        grant_fields(&page, ctx, &places, g)?
    };
    let reset_fields = vec![
        Field::kind(&page, "password", "password", "")
            .required()
            .autocomplete("new-password"),
    ];
    let t = AccountPage {
        page: &page,
        account: a,
        grants,
        grant_fields,
        reset_fields,
        manageable,
    };
    Ok(super::respond(&page, &t))
}

async fn account(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    q: Query<Saved>,
) -> WebResult<Response> {
    account_page(
        &st,
        &ctx,
        id(&raw)?,
        vec![],
        q.notice(&ctx),
        &GrantFields::default(),
    )
    .await
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(flatten)]
    grant: GrantFields,
    #[serde(default)]
    csrf: String,
}

async fn add_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<GrantForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let account = id(&raw)?;
    match accounts::add_grant(&st.store, &ctx.caller()?, account, &f.grant.input()).await {
        Ok(_) => Ok(see_other(&format!("/accounts/{account}?saved=1"))),
        Err(e) => {
            account_page(
                &st,
                &ctx,
                account,
                form_errors(&ctx.tr, e, "role")?,
                None,
                &f.grant,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn remove_grant(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((raw, g)): Path<(String, String)>,
    UiForm(f): UiForm<CsrfForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let account = id(&raw)?;
    match accounts::remove_grant(&st.store, &ctx.caller()?, account, id(&g)?).await {
        Ok(_) => Ok(see_other(&format!("/accounts/{account}?saved=1"))),
        Err(e) => {
            account_page(
                &st,
                &ctx,
                account,
                form_errors(&ctx.tr, e, "role")?,
                None,
                &GrantFields::default(),
            )
            .await
        }
    }
}

async fn reset_password(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ResetInput>,
) -> WebResult<Response> {
    ctx.check_csrf(f.csrf.as_deref().unwrap_or(""))?;
    let account = id(&raw)?;
    match accounts::reset_password(&st.store, &ctx.caller()?, account, &f).await {
        Ok(()) => Ok(see_other(&format!("/accounts/{account}?saved=1"))),
        Err(e) => {
            account_page(
                &st,
                &ctx,
                account,
                form_errors(&ctx.tr, e, "password")?,
                None,
                &GrantFields::default(),
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct ActiveForm {
    #[serde(deserialize_with = "flex::bool")]
    active: bool,
    #[serde(default)]
    csrf: String,
}

async fn set_active(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<ActiveForm>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let account = id(&raw)?;
    accounts::set_active(&st.store, &ctx.caller()?, account, f.active).await?;
    Ok(see_other(&format!("/accounts/{account}?saved=1")))
}

// ---------- audit ----------

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: &'a Page,
    rows: Vec<AuditRow>,
    older: Option<Id>,
}

#[derive(Deserialize)]
struct Before {
    before: Option<Id>,
}

async fn audit_log(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Before>,
) -> WebResult<Response> {
    let entries = audit::list(&st.store, &ctx.caller()?, q.before).await?;
    let older = (entries.len() as i64 == audit::PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    let page = Page::new(&ctx, "audit-title");
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            at: local_time(e.at),
            actor: e.actor,
            action: e.action,
            record: match e.record_id {
                Some(id) => format!("{} {id}", e.record_type),
                None => e.record_type,
            },
            detail: e.detail,
        })
        .collect();
    Ok(render(&AuditPage {
        page: &page,
        rows,
        older,
    }))
}
