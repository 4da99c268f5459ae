//! Areas, distribution points and venues (SPEC §3).
//!
//! Points and venues live inside an area and are created and changed the
//! same way (the area's coordinator, an audit entry in the same transaction,
//! a name clash said as such); that shared way is here, each noun's fields
//! and answers in its own module.

mod area;
mod point;
mod venue;

pub use area::{AreaInput, AreaOut, create_area, get_area, list_areas, update_area};
pub use point::{PointInput, PointOut, create_point, get_point, list_points, update_point};
pub use venue::{VenueInput, VenueOut, create_venue, get_venue, list_venues, update_venue};

use crate::error::{AppError, AppResult};
use crate::{Caller, taken};
use chrono::NaiveDateTime;
use kaiku_core::Id;
use kaiku_core::policy;
use kaiku_core::policy::AreaScope;
use kaiku_store::Store;
use kaiku_store::areas;
use kaiku_store::{DbConn, StoreError, audit, now};

fn event(
    action: &'static str,
    kind: &'static str,
    id: Id,
    area: Id,
    detail: String,
) -> audit::Event<'static> {
    audit::Event {
        action,
        record_type: kind,
        record_id: Some(id),
        area: Some(area),
        detail,
    }
}

/// How a record inside an area is audited and what its name clash is called.
struct InArea {
    action: &'static str,
    kind: &'static str,
    taken: &'static str,
}

type Insert<F> = fn(&mut DbConn, &AreaScope, &F, NaiveDateTime) -> Result<Id, StoreError>;
type Update<F> = fn(&mut DbConn, &AreaScope, Id, &F) -> Result<(), StoreError>;
type Get<R> = fn(&mut DbConn, Id) -> Result<R, StoreError>;

/// Creates a record in an area the caller manages: the area must exist, the
/// caller is authorised before the input is looked at, and the record and its
/// audit entry are written in one transaction.
async fn create_in_area<F, R>(
    store: &Store,
    caller: &Caller,
    area: Id,
    spec: InArea,
    fields: impl FnOnce() -> AppResult<F>,
    insert: Insert<F>,
    get: Get<R>,
) -> AppResult<R>
where
    F: Send + 'static,
    R: Send + 'static,
{
    store.read(move |c| areas::get(c, area)).await?;
    let p = caller.principal();
    let scope =
        policy::manage_area(p, area).ok_or_else(|| crate::outside(policy::manages_anything(p)))?;
    let fields = fields()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let now = now();
            let id = insert(c, &scope, &fields, now)?;
            audit::record(
                c,
                &actor,
                &event(spec.action, spec.kind, id, area, String::new()),
                now,
            )?;
            get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken(spec.taken))
}

/// Changes a record of an area the caller manages, with its audit entry.
#[allow(clippy::too_many_arguments)]
async fn update_in_area<F, R>(
    store: &Store,
    caller: &Caller,
    area: Id,
    id: Id,
    spec: InArea,
    fields: impl FnOnce() -> AppResult<F>,
    update: Update<F>,
    get: Get<R>,
) -> AppResult<R>
where
    F: Send + 'static,
    R: Send + 'static,
{
    let p = caller.principal();
    let scope =
        policy::manage_area(p, area).ok_or_else(|| crate::outside(policy::manages_anything(p)))?;
    let fields = fields()?;
    let actor = caller.actor();
    store
        .write(move |c| {
            update(c, &scope, id, &fields)?;
            audit::record(
                c,
                &actor,
                &event(spec.action, spec.kind, id, area, String::new()),
                now(),
            )?;
            get(c, id)
        })
        .await
        .map_err(AppError::from)
        .map_err(taken(spec.taken))
}
