//! Venue integration tokens: made by the area's coordinator, shown once,
//! stored hashed, revocable.

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::session::{random_token, sha256_hex};
use chrono::NaiveDateTime;
use kaiku_core::Id;
use kaiku_core::input::{self, NAME_MAX};
use kaiku_core::policy;
use kaiku_store::Store;
use kaiku_store::{audit, now, tokens, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    #[serde(default)]
    #[schema(required = true)]
    pub name: String,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: Id,
    pub venue: Id,
    pub name: String,
    pub created_at: NaiveDateTime,
    /// The user name of the account that made it.
    pub created_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    /// To the minute.
    pub last_used_at: Option<NaiveDateTime>,
}

impl TokenOut {
    fn new(t: tokens::Token, makers: &[(Id, String)]) -> Self {
        TokenOut {
            id: t.id,
            venue: t.venue_id,
            created_by: t
                .created_by
                .and_then(|by| makers.iter().find(|(id, _)| *id == by))
                .map(|(_, name)| name.clone()),
            name: t.name,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
            last_used_at: t.last_used_at,
        }
    }
}

/// A live token an account made, with its venue: what its coordinator
/// decides on when the account is switched off.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MadeToken {
    pub token: TokenOut,
    pub venue_name: String,
}

/// The live tokens an account made, in the venues whose tokens the caller
/// manages.
pub async fn made_by(store: &Store, caller: &Caller, account: Id) -> AppResult<Vec<MadeToken>> {
    let reach = reach(caller)?;
    store
        .read(move |c| {
            let made = tokens::made_by(c, &reach, account)?;
            let plain: Vec<tokens::Token> = made.iter().map(|(t, _)| t.clone()).collect();
            let makers = tokens::makers(c, &plain)?;
            Ok::<_, AppError>(
                made.into_iter()
                    .map(|(t, venue_name)| MadeToken {
                        token: TokenOut::new(t, &makers),
                        venue_name,
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .await
}

/// A new token: the secret is in `token` here and nowhere else, ever.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct NewToken {
    pub id: Id,
    pub name: String,
    /// Sent as `Authorization: Bearer …`.
    pub token: String,
}

/// The venues whose tokens the caller manages (its areas' coordinators, never
/// the national level: a token reads card codes), or 403.
fn reach(caller: &Caller) -> AppResult<policy::Reach<policy::Tokens>> {
    policy::venue_tokens(caller.principal()).ok_or(AppError::Forbidden)
}

pub async fn list(store: &Store, caller: &Caller, venue: Id) -> AppResult<Vec<TokenOut>> {
    let reach = reach(caller)?;
    let (list, makers) = store
        .read(move |c| {
            let list = tokens::list(c, &reach, venue)?;
            let makers = tokens::makers(c, &list)?;
            Ok::<_, AppError>((list, makers))
        })
        .await?;
    Ok(list
        .into_iter()
        .map(|t| TokenOut::new(t, &makers))
        .collect())
}

pub async fn create(
    store: &Store,
    caller: &Caller,
    venue: Id,
    i: &TokenInput,
) -> AppResult<NewToken> {
    let reach = reach(caller)?;
    let area = store.read(move |c| venues::get(c, venue)).await?.area_id;
    let name = input::line(&i.name, NAME_MAX).map_err(|e| AppError::field("name", e))?;
    let secret = format!("kaiku_{}", random_token());
    let hash = sha256_hex(&secret);
    let actor = caller.actor();
    let n = name.clone();
    let id = store
        .write(move |c| {
            let now = now();
            let id = tokens::create(c, &reach, venue, &n, &hash, actor.account, now)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "api_token.create",
                    record_type: "api_token",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!("venue={venue}"),
                },
                now,
            )?;
            Ok::<_, AppError>(id)
        })
        .await?;
    Ok(NewToken {
        id,
        name,
        token: secret,
    })
}

/// Revokes a token; returns its venue.
pub async fn revoke(store: &Store, caller: &Caller, id: Id) -> AppResult<Id> {
    let reach = reach(caller)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            let (token, area) = tokens::get(c, &reach, id)?;
            tokens::revoke(c, &reach, id, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "api_token.revoke",
                    record_type: "api_token",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!("venue={}", token.venue_id),
                },
                now(),
            )?;
            Ok::<_, AppError>(token.venue_id)
        })
        .await
}
