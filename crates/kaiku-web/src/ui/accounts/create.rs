//! Creating an account with its first roles, and giving a role to an
//! account that exists already (R-AUTH-3).

use super::{GrantFields, Places, grant_fields};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::FormPage;
use crate::ui::{Field, Page, form_errors, see_other};
use axum::extract::{Query, State};
use axum::response::Response;
use kaiku_app::accounts::{self, AccountInput};
use kaiku_core::Id;
use kaiku_core::policy;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(super) struct NewAccountForm {
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
pub(super) struct AreaQuery {
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

pub(super) async fn new_account(
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

pub(super) async fn create(
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
pub(super) struct AddRoleForm {
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

pub(super) async fn add_role_form(State(st): State<AppState>, ctx: Ctx) -> WebResult<Response> {
    add_role_page(&st, &ctx, &AddRoleForm::default(), vec![]).await
}

pub(super) async fn add_role(
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
