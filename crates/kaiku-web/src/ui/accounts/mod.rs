//! Screens for staff accounts, their roles, and the audit log.
//!
//! The route table, the list of accounts and the role fields every grant
//! form shows are here; creating an account, one account's page and the
//! audit log are modules of their own.

mod account;
mod audit_log;
mod create;

use crate::AppState;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use crate::ui::forms::Saved;
use crate::ui::forms::{Opt, choices};
use crate::ui::{Field, Page, render};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use kaiku_app::accounts::{self, AccountOut, GrantInput};
use kaiku_app::flex;
use kaiku_core::Id;
use kaiku_core::grant::Role;
use kaiku_core::policy;
use kaiku_store::{areas, points, venues};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list).post(create::create))
        .route("/accounts/new", get(create::new_account))
        .route(
            "/accounts/add-role",
            get(create::add_role_form).post(create::add_role),
        )
        .route("/accounts/{id}", get(account::account))
        .route("/accounts/{id}/grants", post(account::add_grant))
        .route(
            "/accounts/{id}/grants/{grant}/remove",
            post(account::remove_grant),
        )
        .route("/accounts/{id}/password", post(account::reset_password))
        .route("/accounts/{id}/active", post(account::set_active))
        .route("/accounts/{id}/unlock", post(account::unlock))
        .route("/audit", get(audit_log::audit_log))
}

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
