//! The holder's own page (R-HOLD-1, R-HOLD-2): with the card's code and the
//! key printed on it, and no account, a holder sees whether the card is
//! valid and until when, its own uses, what is stored about it, and where
//! it works.
//!
//! Every answer that is not the card says the same thing, whether the code
//! is unknown, has no key, or the key is wrong, and takes as long; each such
//! answer counts against the code and the address (five for a code, twenty
//! for an address, in an hour).

use crate::cards::{CardOut, EventOut};
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::session::sha256_hex;
use crate::today;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use kaiku_core::holder;
use kaiku_core::policy;
use kaiku_store::{Actor, Store, areas, audit, holders, now, throttle};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HolderInput {
    /// The card's code, as printed on it.
    #[serde(default)]
    pub code: String,
    /// The holder key printed under the card's fold.
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

/// One use of the card.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HolderUse {
    pub date: NaiveDate,
    pub starts_at: DateTime<FixedOffset>,
    pub venue: String,
    pub title: String,
    /// Tickets of the visit on this card: the holder's and the children's.
    pub tickets: i32,
    pub cancelled: bool,
}

/// What the holder's page shows.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct HolderOut {
    pub card: CardOut,
    /// Whether the card gives tickets today.
    pub usable: bool,
    /// A void card's page says only that: a card reported lost may be in
    /// anyone's hands, with its key on it.
    pub closed: bool,
    pub area_name: String,
    pub distribution_point_name: Option<String>,
    pub uses: Vec<HolderUse>,
    /// Everything stored about the card (R-PRIV-2): its history with the
    /// background data given at each issue and renewal.
    pub stored: Vec<EventOut>,
    /// Where the card works: the area's public catalogue.
    pub catalogue: crate::catalogue::Catalogue,
}

/// Throttle names: a hash of the code (never the code itself) and of the
/// address, apart from staff logins.
fn names(code: &str, address: &str) -> (String, String) {
    (
        format!("holder:{}", sha256_hex(&format!("holder-code\n{code}"))),
        format!("holder:{address}"),
    )
}

fn no_match() -> AppError {
    AppError::Refused(Refused {
        kind: RefusalKind::Mismatch,
        code: "holder_no_match",
        rule: "R-HOLD-2",
        args: vec![],
    })
}

/// The holder's own card, in `lang` where the register has a word of its
/// own for it (the area's name).
pub async fn open(
    store: &Store,
    address: &str,
    i: &HolderInput,
    lang: kaiku_core::org::Lang,
) -> AppResult<HolderOut> {
    // A code that cannot be a code is said so: that tells nothing of any
    // card. Anything else gets the same answer.
    let code = crate::cards::parse_code(&i.code)?;
    if i.key.trim().is_empty() {
        return Err(AppError::field(
            "key",
            kaiku_core::input::InputError::Required,
        ));
    }
    let (name, addr) = names(&code, address);
    let since = now() - holder::WINDOW * 2;
    let ((by_code, by_address), found) = {
        let (name, addr, code) = (name.clone(), addr.clone(), code.clone());
        let lookup = policy::holder_lookup();
        store
            .read(move |c| {
                Ok::<_, kaiku_store::StoreError>((
                    throttle::failures(c, &name, &addr, since)?,
                    holders::key_of(c, &lookup, &code)?,
                ))
            })
            .await?
    };
    let utc = |t: NaiveDateTime| t.and_utc();
    let code_times: Vec<_> = by_code.iter().map(|(_, t)| utc(*t)).collect();
    let address_times: Vec<_> = by_address.iter().copied().map(utc).collect();
    if let Some(minutes) = holder::locked(&code_times, &address_times, Utc::now()) {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::Paused,
            code: "holder_locked",
            rule: "R-HOLD-2",
            args: vec![("minutes", minutes.to_string())],
        }));
    }
    // Whether this try, if wrong, is the one that locks the code: by the
    // same rule as the lock itself.
    let locks_now = {
        let mut with = code_times.clone();
        with.push(Utc::now());
        holder::locked(&with, &[], Utc::now()).is_some()
    };
    let typed = holder::normalise(&i.key);
    let known = found.as_ref().map(|(card, _)| *card);
    let matched = tokio::task::spawn_blocking(move || match (found, typed) {
        (Some((card, hash)), Some(k)) => holder::verify(&hash, &k).map(|m| (card, m)),
        (_, k) => {
            holder::verify_nothing(k.as_deref().unwrap_or("--------"));
            None
        }
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let Some((card, m)) = matched else {
        store
            .write(move |c| {
                throttle::record_failure(c, &name, &addr, now())?;
                // The try that locks a card's page is worth a line in its
                // area's log: someone may be guessing its key.
                if locks_now && let Some(card) = known {
                    let area = holders::area_of(c, &policy::holder_lookup(), card)?;
                    audit::record(
                        c,
                        &Actor::system("holder"),
                        &audit::Event {
                            action: "card.holder_locked",
                            record_type: "card",
                            record_id: Some(card),
                            area: Some(area),
                            detail: String::new(),
                        },
                        now(),
                    )?;
                }
                Ok::<_, AppError>(())
            })
            .await?;
        return Err(no_match());
    };
    let holder_card = policy::holder_card(card, m);
    let today = today();
    let (mut out, area) = store
        .write(move |c| {
            throttle::clear(c, &name)?;
            let row = holders::card(c, &holder_card)?;
            let closed = row.status == kaiku_core::card::Status::Void;
            let (stored, uses) = if closed {
                (vec![], vec![])
            } else {
                let rows = holders::history(c, &holder_card)?;
                let uses = holders::uses(c, &holder_card)?
                    .into_iter()
                    .map(|u| HolderUse {
                        date: u.used_on,
                        starts_at: crate::items::helsinki(u.starts_at.and_utc()),
                        venue: u.venue,
                        title: u.title,
                        tickets: u.adults + u.children,
                        cancelled: u.cancelled,
                    })
                    .collect();
                (crate::cards::events_out(c, rows)?, uses)
            };
            // The holder's own access, in the log as R-PRIV-2 asks.
            audit::record(
                c,
                &Actor::system("holder"),
                &audit::Event {
                    action: "card.holder_view",
                    record_type: "card",
                    record_id: Some(row.id),
                    area: Some(row.area_id),
                    detail: String::new(),
                },
                now(),
            )?;
            let usable = kaiku_core::card::usability(&row.state(), today).is_empty();
            let point = if closed {
                None
            } else {
                crate::cards::point_name(c, row.holder_point_id.or(row.allocated_point_id))?
            };
            Ok::<_, AppError>((
                HolderOut {
                    area_name: areas::get(c, row.area_id)?.name_in(lang).to_string(),
                    card: CardOut::from_row(&row, today),
                    usable,
                    closed,
                    distribution_point_name: point,
                    uses,
                    stored,
                    catalogue: crate::catalogue::Catalogue::default(),
                },
                row.area_id,
            ))
        })
        .await?;
    out.catalogue =
        crate::catalogue::catalogue(store, Some(area), &crate::catalogue::Filter::default())
            .await?;
    Ok(out)
}
