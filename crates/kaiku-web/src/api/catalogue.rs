//! The public catalogue (SPEC §9): no login.

use super::{BadInput, NotFound, id};
use crate::AppState;
use crate::error::WebResult;
use axum::Json;
use axum::extract::{Path, Query, State};
use kaiku_app::catalogue::{self, Catalogue, Filter};
use kaiku_core::org::Sector;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const TAG: &str = "catalogue";

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(country_catalogue))
        .routes(routes!(area_catalogue))
}

/// The public catalogue of the whole country
#[utoipa::path(
    get,
    path = "/catalogue",
    tag = TAG,
    security(()),
    params(Filter),
    responses((status = OK, description = "The catalogue", body = Catalogue), BadInput, NotFound)
)]
async fn country_catalogue(
    State(st): State<AppState>,
    Query(f): Query<Filter>,
) -> WebResult<Json<Catalogue>> {
    let area = f
        .area
        .as_deref()
        .filter(|a| !a.is_empty())
        .map(id)
        .transpose()?;
    Ok(Json(catalogue::catalogue(&st.store, area, &f).await?))
}

/// The public catalogue of an area
#[utoipa::path(
    get,
    path = "/catalogue/{area}",
    tag = TAG,
    security(()),
    params(
        ("area" = i64, Path),
        ("sector" = Option<Sector>, Query),
        ("municipality" = Option<String>, Query, description = "A municipality's three-digit code"),
        ("from" = Option<NaiveDate>, Query),
        ("to" = Option<NaiveDate>, Query),
    ),
    responses((status = OK, description = "The catalogue", body = Catalogue), BadInput, NotFound)
)]
async fn area_catalogue(
    State(st): State<AppState>,
    Path(a): Path<String>,
    Query(f): Query<Filter>,
) -> WebResult<Json<Catalogue>> {
    Ok(Json(
        catalogue::catalogue(&st.store, Some(id(&a)?), &f).await?,
    ))
}
