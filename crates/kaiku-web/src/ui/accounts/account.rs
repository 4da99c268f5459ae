//! One account as its manager sees it: its roles given and taken, its
//! password reset and the account switched off or on.

use super::{GrantFields, Places, grant_fields};
use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::extract::UiForm;
use crate::ui::forms::{Saved, id};
use crate::ui::{Field, Page, form_errors, see_other};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kaiku_app::accounts::{self, AccountOut, LoginFailures, ResetInput};
use kaiku_app::flex;
use kaiku_app::tokens::MadeToken;
use kaiku_core::Id;
use kaiku_core::policy;
use kaiku_store::{areas, points, venues};
use serde::Deserialize;
use std::collections::HashMap;

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
    keyed: bool,
    failures: Option<LoginFailures>,
    made_tokens: Vec<MadeToken>,
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
    // Seeing an account is not holding its keys (R-AUTH-5): a national
    // admin may switch an area's account off, never set its password.
    let keyed = manageable && policy::account_keys(&p).is_some_and(|k| k.admits(a.home_area));
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
                removable: policy::permit_grant(&p, a.id, a.home_area, &[], *plain, false)
                    .is_some(),
            }
        })
        .collect();
    let grant_fields = if !keyed || (places.areas.is_empty() && policy::national(&p).is_none()) {
        vec![]
    } else {
        grant_fields(&page, ctx, &places, g)?
    };
    let reset_fields = vec![
        Field::kind(&page, "password", "password", "")
            .required()
            .autocomplete("new-password"),
    ];
    // Whoever holds the keys sees who is failing to log in as this account
    // and may lift the locks (after making sure it is its owner).
    let failures = if keyed {
        Some(accounts::login_failures(&st.store, &ctx.caller()?, a.id).await?)
            .filter(|f| f.recent > 0)
    } else {
        None
    };
    // Tokens outlive their maker's account: whoever manages them sees which
    // this account made, to keep or revoke.
    let made_tokens = if manageable && policy::venue_tokens(&p).is_some() {
        kaiku_app::tokens::made_by(&st.store, &ctx.caller()?, a.id).await?
    } else {
        vec![]
    };
    let t = AccountPage {
        made_tokens,
        failures,
        page: &page,
        account: a,
        grants,
        grant_fields,
        reset_fields,
        manageable,
        keyed,
    };
    Ok(crate::ui::respond(&page, &t))
}

pub(super) async fn account(
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
pub(super) struct GrantForm {
    #[serde(flatten)]
    grant: GrantFields,
    #[serde(default)]
    csrf: String,
}

pub(super) async fn add_grant(
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
pub(super) struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub(super) async fn remove_grant(
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

pub(super) async fn reset_password(
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
pub(super) struct ActiveForm {
    #[serde(deserialize_with = "flex::bool")]
    active: bool,
    #[serde(default)]
    csrf: String,
}

pub(super) async fn set_active(
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

#[derive(Deserialize)]
pub(super) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

pub(super) async fn unlock(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    UiForm(f): UiForm<CsrfOnly>,
) -> WebResult<Response> {
    ctx.check_csrf(&f.csrf)?;
    let account = id(&raw)?;
    accounts::unlock(&st.store, &ctx.caller()?, account).await?;
    Ok(see_other(&format!("/accounts/{account}?saved=1")))
}
