//! Distribution points: where cards are issued, in an area.

use super::{InArea, create_in_area, get_area, update_in_area};
use crate::error::AppResult;
use crate::{Caller, Check, flex};
use kaiku_core::Id;
use kaiku_core::input::{self, InputError, NAME_MAX};
use kaiku_core::org::PointKind;
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::points::{self, PointFields};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default, rename = "type")]
    #[schema(value_type = PointKind, required = true)]
    pub kind: String,
    #[serde(default, deserialize_with = "flex::opt_bool")]
    pub active: Option<bool>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PointOut {
    pub id: Id,
    pub area: Id,
    pub name: String,
    #[serde(rename = "type")]
    #[schema(value_type = PointKind)]
    pub kind: kaiku_core::org::PointKind,
    pub active: bool,
}

impl From<points::Point> for PointOut {
    fn from(p: points::Point) -> Self {
        PointOut {
            id: p.id,
            area: p.area_id,
            name: p.name,
            kind: p.kind,
            active: p.active,
        }
    }
}

fn point_fields(i: &PointInput) -> AppResult<PointFields> {
    let mut c = Check::default();
    let name = c.field("name", input::line(&i.name, NAME_MAX));
    let kind = c.field(
        "type",
        i.kind
            .trim()
            .parse::<PointKind>()
            .ok()
            .ok_or(InputError::InvalidChoice)
            .map(Some),
    );
    c.finish()?;
    Ok(PointFields {
        name,
        kind: kind.unwrap_or(PointKind::Other),
        active: i.active.unwrap_or(true),
    })
}

pub async fn list_points(store: &Store, caller: &Caller, area: Id) -> AppResult<Vec<PointOut>> {
    get_area(store, caller, area).await?;
    let list = store.read(move |c| points::list(c, area)).await?;
    Ok(list.into_iter().map(PointOut::from).collect())
}

pub async fn get_point(store: &Store, caller: &Caller, id: Id) -> AppResult<PointOut> {
    let p = caller.principal();
    let point = store.read(move |c| points::get(c, id)).await?;
    if !policy::view_point(p, point.area_id, id) {
        return Err(crate::outside(crate::works_somewhere(p)));
    }
    Ok(point.into())
}

pub async fn create_point(
    store: &Store,
    caller: &Caller,
    area: Id,
    i: &PointInput,
) -> AppResult<PointOut> {
    let spec = InArea {
        action: "point.create",
        kind: "distribution_point",
        taken: "point_name_taken",
    };
    create_in_area(
        store,
        caller,
        area,
        spec,
        || point_fields(i),
        points::create,
        points::get,
    )
    .await
    .map(PointOut::from)
}

pub async fn update_point(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &PointInput,
) -> AppResult<PointOut> {
    let current = store.read(move |c| points::get(c, id)).await?;
    let fields = || {
        let mut f = point_fields(i)?;
        f.active = i.active.unwrap_or(current.active);
        Ok(f)
    };
    let spec = InArea {
        action: "point.update",
        kind: "distribution_point",
        taken: "point_name_taken",
    };
    update_in_area(
        store,
        caller,
        current.area_id,
        id,
        spec,
        fields,
        points::update,
        points::get,
    )
    .await
    .map(PointOut::from)
}
