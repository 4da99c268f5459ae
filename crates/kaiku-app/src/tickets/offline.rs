//! The box office without a connection (SPEC §6.1, R-OFF-1 … R-OFF-4): the
//! snapshot a device checks against while offline, and the uses it sends
//! when it is back. A use that already happened is never refused for what
//! the device could not know: past the cap it is counted and marked, with a
//! card the register does not accept it waits for a person to keep or
//! cancel it; sent twice, it counts once.

use super::visit::{Parsed, unknown_by, verdict};
use super::{MAX_PER_USE, reach};
use super::{card_view_of, view_at};
use crate::Caller;
use crate::cards::parse_code;
use crate::error::{AppError, AppResult, FieldError};

use chrono::{DateTime, NaiveDateTime, Utc};
use kaiku_core::Id;
use kaiku_core::policy::{self, BoxOffice, CardLookup, Reach};
use kaiku_core::usage::{self, TicketStatus};
use kaiku_core::window;
use kaiku_store::cards::CardRow;
use kaiku_store::offline::{self as store_offline, NewOfflineUse, OfflineUse};
use kaiku_store::tickets::{self, NewTicket};
use kaiku_store::{DbConn, Store, areas, audit, items, now, venues};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use utoipa::ToSchema;

/// Most uses one batch may carry.
pub const BATCH_MAX: usize = 5000;
/// A device's clock this far ahead of the server's is not trusted …
const CLOCK_AHEAD_HOURS: i64 = 24;
/// … nor a use said to have happened this long ago (a device offline for
/// a month would have had no snapshot of those days' items).
const CLOCK_BEHIND_DAYS: i64 = 30;

/// What a device keeps to work offline (R-OFF-1): the venue's items of
/// today and the next two days with the cap left, and the cards it may
/// accept as keyed hashes of their codes, never a readable code.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Snapshot {
    pub venue: Id,
    pub venue_name: String,
    pub generated_at: DateTime<Utc>,
    /// HMAC-SHA256 key (hex) of this snapshot's card hashes.
    pub key: String,
    /// The first 16 hex digits of HMAC-SHA256(key, code) are a card's hash.
    pub hash_length: usize,
    pub items: Vec<SnapshotItem>,
    pub cards: Vec<SnapshotCard>,
    /// Prefixes of series with a check character: `luhn` or `mod37`.
    pub checked_series: Vec<CheckedSeries>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SnapshotItem {
    pub id: Id,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: kaiku_core::usage::ItemKind,
    pub starts_at: chrono::DateTime<chrono::FixedOffset>,
    /// The Helsinki day of the item (validity is judged on it).
    pub day: chrono::NaiveDate,
    /// Kaikukortti tickets the cap still allows; none: no cap.
    pub cap_left: Option<u32>,
    pub sold_out: bool,
    pub excluded: bool,
    pub child_age_under: u32,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SnapshotCard {
    /// Keyed hash of the code.
    pub h: String,
    pub valid_until: Option<chrono::NaiveDate>,
    /// `personal` or `community`.
    pub kind: Option<kaiku_core::card::Kind>,
    pub children: i32,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CheckedSeries {
    pub prefix: String,
    pub check: String,
}

/// HMAC-SHA256 (RFC 2104) of `msg`, as the browser's Web Crypto makes it.
fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    k[..key.len()].copy_from_slice(key);
    let pad = |b: u8| k.iter().map(|x| x ^ b).collect::<Vec<u8>>();
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(msg)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

const HASH_HEX: usize = 16;

fn card_hash(key: &[u8], code: &str) -> String {
    hex::encode(&hmac(key, code.as_bytes())[..HASH_HEX / 2])
}

/// The snapshot for a venue whose box office the caller serves.
pub async fn snapshot(store: &Store, caller: &Caller, venue: Id) -> AppResult<Snapshot> {
    let reach = reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    if !reach.admits_venue(v.area_id, venue) {
        return Err(AppError::NotFound);
    }
    let today = crate::today();
    let from = window::start_of_day(today);
    let to = from + chrono::Duration::days(3);
    let area = v.area_id;
    let (list, valid, checked, versions) = store
        .read(move |c| {
            let list = items::for_venue_between(
                c,
                &reach,
                venue,
                from.naive_utc(),
                to.naive_utc(),
                false,
            )?;
            let valid = store_offline::valid_cards(c, &lookup, area, today)?;
            let checked = kaiku_store::cards::checked_prefixes(c, &lookup)?;
            let versions: Vec<_> = kaiku_store::cap_policies::all(c)?
                .into_iter()
                .map(|(_, p)| p)
                .collect();
            Ok::<_, AppError>((list, valid, checked, versions))
        })
        .await?;
    // The snapshot lets its holder check any code without the lookup
    // budget: each one handed out is in the audit log (R-AUTH-4).
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "offline.snapshot",
            record_type: "venue",
            record_id: Some(venue),
            area: Some(area),
            detail: format!("cards={} items={}", valid.len(), list.len()),
        },
    )
    .await?;
    let key: [u8; 32] = rand::random();
    let cards = valid
        .into_iter()
        .map(|c| SnapshotCard {
            h: card_hash(&key, &c.code),
            valid_until: c.valid_until,
            kind: c.kind,
            children: c.minor_children.unwrap_or(0).max(0),
        })
        .collect();
    let items = list
        .iter()
        .map(|i| {
            let day = window::local_day(i.starts_at.and_utc());
            SnapshotItem {
                id: i.id,
                title: i.title.clone(),
                kind: i.kind,
                starts_at: crate::items::helsinki(i.starts_at.and_utc()),
                day,
                cap_left: kaiku_core::cap::cap_left(i.cap, i.kaiku_used),
                sold_out: i.sold_out,
                excluded: i.excluded,
                child_age_under: kaiku_core::cap::Policy::in_force(&versions, day)
                    .map(|p| p.child_age_under)
                    .unwrap_or(18),
            }
        })
        .collect();
    Ok(Snapshot {
        venue,
        venue_name: v.name,
        generated_at: Utc::now(),
        key: hex::encode(key),
        hash_length: HASH_HEX,
        items,
        cards,
        checked_series: checked
            .into_iter()
            .map(|(prefix, check)| CheckedSeries {
                prefix,
                check: check.as_ref().to_string(),
            })
            .collect(),
    })
}

/// A batch of uses recorded offline (R-OFF-4).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfflineBatch {
    /// The device's own name for itself (a random id the screen made).
    pub device: String,
    pub uses: Vec<OfflineUseIn>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OfflineUseIn {
    /// The device's random id of the use: sent again, it counts once.
    pub id: String,
    pub item: Id,
    pub card_code: String,
    #[serde(default)]
    pub adults: Option<i32>,
    #[serde(default)]
    pub children: Option<i32>,
    #[serde(default)]
    pub members: Vec<String>,
    /// When the use happened, by the device's clock (RFC 3339).
    pub recorded_at: String,
}

/// What became of one use.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfflineOutcome {
    pub id: String,
    /// `recorded`, `over_cap`, `disputed` or `duplicate` (sent before: the
    /// first answer's outcome is in `first`; with `offline_id_reused` when
    /// what was sent under the id differs from what was taken under it).
    pub status: String,
    /// For `duplicate`: what the use became when it first came.
    pub first: Option<String>,
    /// Why a use is disputed (message codes).
    pub reasons: Vec<String>,
    /// The use recorded, when tickets were written.
    pub use_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfflineSyncOut {
    pub uses: Vec<OfflineOutcome>,
}

/// A use as checked before anything is written.
struct Checked {
    id: String,
    item: items::Item,
    parsed: Parsed,
    happened_at: DateTime<Utc>,
    clock_ahead: bool,
}

/// An offline use as a visit at the counter: tickets given at the box
/// office, as they happened (no correction, not from paper).
fn at_the_counter(code: String, members: Vec<String>, adults: i32, children: i32) -> Parsed {
    Parsed {
        code,
        members,
        adults,
        children,
        channel: "box_office".into(),
        backlog: false,
        correction: None,
    }
}

fn invalid(n: usize, code: &'static str) -> FieldError {
    FieldError {
        field: "uses",
        code,
        rule: Some("R-OFF-4"),
        args: vec![("use", (n + 1).to_string())],
    }
}

fn offline_id_ok(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Takes a batch: every use is checked first, and a batch with a use that
/// cannot be read is refused whole, with the reason of each such use;
/// otherwise each use is judged by the rules of the moment it happened
/// and taken exactly once, in the order the uses happened. The batch is
/// written in one transaction: if the register cannot write it (a lost
/// connection), nothing of it is kept and the device sends it again.
pub async fn take(
    store: &Store,
    caller: &Caller,
    venue: Id,
    batch: OfflineBatch,
) -> AppResult<OfflineSyncOut> {
    let reach = reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    if !reach.admits_venue(v.area_id, venue) {
        return Err(AppError::NotFound);
    }
    let device = batch.device.trim().to_string();
    let mut errors = vec![];
    // An identity code typed where a card code or a name of a device goes
    // is never kept, not even as a dispute (R-PRIV-1, R-CARD-5).
    let identity = kaiku_core::identity::shaped_like_identity_code;
    if identity(&device) {
        errors.push(FieldError {
            field: "device",
            code: "offline_identity_code",
            rule: Some("R-PRIV-1"),
            args: vec![],
        });
    } else if device.is_empty()
        || device.len() > 64
        || !device.bytes().all(|b| b.is_ascii_graphic())
    {
        errors.push(FieldError {
            field: "device",
            code: "offline_device",
            rule: Some("R-OFF-4"),
            args: vec![],
        });
    }
    if batch.uses.is_empty() || batch.uses.len() > BATCH_MAX {
        errors.push(FieldError {
            field: "uses",
            code: "offline_batch_size",
            rule: Some("R-OFF-4"),
            args: vec![("max", BATCH_MAX.to_string())],
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let item_ids: Vec<Id> = {
        let mut v: Vec<Id> = batch.uses.iter().map(|u| u.item).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let r = reach.clone();
    let found_items = store
        .read(move |c| {
            let mut out = vec![];
            for id in item_ids {
                match items::get(c, &r, id) {
                    Ok(i) if i.venue_id == venue => out.push(i),
                    Ok(_) | Err(kaiku_store::StoreError::NotFound) => {}
                    Err(e) => return Err(e),
                }
            }
            Ok(out)
        })
        .await?;
    let server_now = Utc::now();
    let mut checked = vec![];
    let mut seen = std::collections::HashSet::new();
    for (n, u) in batch.uses.iter().enumerate() {
        let mut bad = |code| errors.push(invalid(n, code));
        if identity(&u.id) || identity(&u.card_code) || u.members.iter().any(|m| identity(m)) {
            bad("offline_use_identity_code");
            continue;
        }
        if !offline_id_ok(&u.id) {
            bad("offline_use_id");
        } else if !seen.insert(u.id.clone()) {
            bad("offline_use_id_twice");
        }
        let item = found_items.iter().find(|i| i.id == u.item);
        if item.is_none() {
            bad("offline_use_item");
        }
        let code = parse_code(&u.card_code).ok();
        if code.is_none() {
            bad("offline_use_code");
        }
        let members: Option<Vec<String>> = u.members.iter().map(|m| parse_code(m).ok()).collect();
        if members.is_none() || u.members.len() > MAX_PER_USE as usize {
            bad("offline_use_members");
        }
        let (adults, children) = (u.adults.unwrap_or(1), u.children.unwrap_or(0));
        if !(0..=MAX_PER_USE).contains(&adults) || !(0..=MAX_PER_USE).contains(&children) {
            bad("offline_use_count");
        }
        let at = DateTime::parse_from_rfc3339(u.recorded_at.trim())
            .ok()
            .map(|t| t.with_timezone(&Utc));
        if at.is_none() {
            bad("offline_use_time");
        }
        if let (Some(item), Some(code), Some(members), Some(at)) = (item, code, members, at) {
            checked.push(Checked {
                id: u.id.clone(),
                item: item.clone(),
                parsed: at_the_counter(code, members, adults, children),
                happened_at: at,
                clock_ahead: at > server_now + chrono::Duration::hours(CLOCK_AHEAD_HOURS)
                    || at < server_now - chrono::Duration::days(CLOCK_BEHIND_DAYS),
            });
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    // In the order the uses happened, whatever order they came in.
    checked.sort_by_key(|u| u.happened_at);
    let actor = caller.actor();
    let label = caller.tr.t("offline-correction");
    let area = v.area_id;
    // Many items' rows, taken in id order, in a transaction of its own.
    let out = store
        .write_alone(move |c| {
            // The items are held first: a batch sent again at the same time
            // (a retry on another server) waits here, then finds these uses
            // taken.
            let all: Vec<&Checked> = checked.iter().collect();
            let mut ledger = Ledger::load(c, &reach, &lookup, &all)?;
            let ids: Vec<String> = checked.iter().map(|u| u.id.clone()).collect();
            let before = store_offline::known(c, &reach, (area, venue), &ids)?;
            let first_of = |u: &Checked| before.iter().find(|b| b.offline_id == u.id);
            let mut out = vec![];
            let mut kept = vec![];
            let mut counts = [0usize; 4];
            for u in &checked {
                if let Some(first) = first_of(u) {
                    counts[3] += 1;
                    out.push(OfflineOutcome {
                        id: u.id.clone(),
                        status: "duplicate".into(),
                        first: Some(first.outcome.clone()),
                        // The id is the use's key: another use sent under it
                        // is not taken, and the device is told so.
                        reasons: if same_use(first, u) {
                            vec![]
                        } else {
                            vec!["offline_id_reused".into()]
                        },
                        use_id: first.use_key.clone(),
                    });
                    continue;
                }
                let (one, row) = take_one(c, &mut ledger, &device, u, &label)?;
                counts[match one.status.as_str() {
                    "recorded" => 0,
                    "over_cap" => 1,
                    _ => 2,
                }] += 1;
                out.push(one);
                kept.push(row);
            }
            store_offline::insert_many(c, &reach, &kept)?;
            ledger.flush(c, &reach)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "offline.sync",
                    record_type: "venue",
                    record_id: Some(venue),
                    area: Some(area),
                    detail: format!(
                        "recorded={} over_cap={} disputed={} duplicate={}",
                        counts[0], counts[1], counts[2], counts[3]
                    ),
                },
                now(),
            )?;
            Ok::<_, AppError>(out)
        })
        .await?;
    Ok(OfflineSyncOut { uses: out })
}

/// Whether a use sent again is the one taken first under its id.
fn same_use(first: &OfflineUse, u: &Checked) -> bool {
    let p = &u.parsed;
    // The device's time to the second: a store may keep fewer digits.
    let second = |t: NaiveDateTime| t.and_utc().timestamp();
    first.item_id == u.item.id
        && first.card_code == p.code
        && (first.adults, first.children) == (p.adults, p.children)
        && first.members == p.members.join(",")
        && second(first.happened_at) == second(u.happened_at.naive_utc())
}

/// One use: judged as at the moment it happened against what the batch has
/// taken before it, its tickets counted in the ledger; what became of it is
/// kept with the batch.
fn take_one(
    c: &mut DbConn,
    ledger: &mut Ledger,
    device: &str,
    u: &Checked,
    correction: &str,
) -> AppResult<(OfflineOutcome, NewOfflineUse)> {
    let at = u.happened_at;
    let mut said = ledger.judge(u);
    if u.clock_ahead {
        said.push(Said {
            card: None,
            code: "offline_clock".into(),
            args: vec![],
        });
    }
    said.sort_by(|a, b| a.code.cmp(&b.code));
    said.dedup_by(|a, b| a.code == b.code && a.card == b.card);
    let reasons: Vec<String> = said.iter().map(|r| r.code.clone()).collect();
    let cap_only = |r: &String| r == "cap_reached" || r == "item_sold_out";
    let status = if reasons.is_empty() {
        "recorded"
    } else if reasons.iter().all(cap_only) {
        "over_cap"
    } else {
        "disputed"
    };
    let use_key = if status == "disputed" {
        None
    } else {
        // Judged without a card reason, the use can always be written.
        Some(
            ledger
                .write(c, u, status, correction)?
                .ok_or(AppError::Internal)?,
        )
    };
    let p = &u.parsed;
    let row = NewOfflineUse {
        venue_id: u.item.venue_id,
        area_id: u.item.area_id,
        offline_id: u.id.clone(),
        device: device.to_string(),
        item_id: u.item.id,
        card_code: p.code.clone(),
        adults: p.adults,
        children: p.children,
        members: p.members.join(","),
        happened_at: at.naive_utc(),
        received_at: now(),
        outcome: status.into(),
        reasons: serde_json::to_string(&said).map_err(|_| AppError::Internal)?,
        use_key: use_key.clone(),
    };
    let out = OfflineOutcome {
        id: u.id.clone(),
        status: status.into(),
        first: None,
        reasons,
        use_id: use_key,
    };
    Ok((out, row))
}

/// What the uses of a batch are judged against: read once inside the
/// batch's write, then kept as each use is taken in turn (a use takes from
/// the cap the next one is judged on, and its cards then hold a ticket for
/// the item). A batch of thousands of uses costs a few dozen statements,
/// not a visit's worth for each use.
struct Ledger {
    /// Each item as read at the start of this write, with its place.
    items: HashMap<Id, items::AtCounter>,
    /// Each item's counter with this batch's tickets in it.
    used: HashMap<Id, i32>,
    /// Tickets this batch takes from each item's cap.
    added: HashMap<Id, i32>,
    cards: HashMap<String, CardRow>,
    /// Whether a card's area keeps its cards to itself.
    local_only: HashMap<Id, bool>,
    /// `(item, card)` where the card holds a live ticket for the item.
    holding: HashSet<(Id, Id)>,
    /// Series printed with a check character (typing errors).
    checked: Vec<(String, kaiku_core::code::Check)>,
    /// Whether a venue's day lies in a submitted period.
    covered: HashMap<(Id, chrono::NaiveDate), bool>,
    tickets: Vec<tickets::OfflineTicket>,
}

fn codes_of(p: &Parsed) -> impl Iterator<Item = &String> {
    std::iter::once(&p.code).chain(&p.members)
}

impl Ledger {
    fn load(
        c: &mut DbConn,
        reach: &Reach<BoxOffice>,
        lookup: &CardLookup,
        uses: &[&Checked],
    ) -> AppResult<Ledger> {
        let mut item_ids: Vec<Id> = uses.iter().map(|u| u.item.id).collect();
        item_ids.sort_unstable();
        item_ids.dedup();
        let mut items_now = HashMap::new();
        let mut used = HashMap::new();
        let mut local_only = HashMap::new();
        for id in &item_ids {
            // Taking nothing holds the item's row to the end of this write,
            // which runs alone and takes its items in id order, as every
            // writer's group does: no other server's use comes between
            // judging the batch and counting it, and no two writes wait for
            // each other in a circle.
            tickets::take_past_cap(c, reach, *id, 0)?;
            let at = items::at_counter(c, reach, *id)?;
            used.insert(*id, at.item().kaiku_used);
            local_only.insert(at.item().area_id, at.area_local_only());
            items_now.insert(*id, at);
        }
        let mut codes: Vec<String> = uses
            .iter()
            .flat_map(|u| codes_of(&u.parsed))
            .cloned()
            .collect();
        codes.sort_unstable();
        codes.dedup();
        let cards: HashMap<String, CardRow> = kaiku_store::cards::lookup_many(c, lookup, &codes)?
            .into_iter()
            .map(|r| (r.code.clone(), r))
            .collect();
        for card in cards.values() {
            if let std::collections::hash_map::Entry::Vacant(e) = local_only.entry(card.area_id) {
                e.insert(areas::get(c, card.area_id)?.local_only);
            }
        }
        let mut holding = HashSet::new();
        for (id, at) in &items_now {
            let mut ids: Vec<Id> = uses
                .iter()
                .filter(|u| u.item.id == *id)
                .flat_map(|u| codes_of(&u.parsed))
                .filter_map(|code| cards.get(code).map(|r| r.id))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            for chunk in ids.chunks(500) {
                for card in tickets::held_at(c, at, chunk)? {
                    holding.insert((*id, card));
                }
            }
        }
        Ok(Ledger {
            items: items_now,
            used,
            added: HashMap::new(),
            cards,
            local_only,
            holding,
            checked: kaiku_store::cards::checked_prefixes(c, lookup)?,
            covered: HashMap::new(),
            tickets: vec![],
        })
    }

    /// Why the box office would have refused the use at the moment it
    /// happened, with the uses before it in the batch taken: each reason
    /// with the values its message names (a date, what is left), so that
    /// the venue reads it later as the box office would have said it.
    fn judge(&self, u: &Checked) -> Vec<Said> {
        let Some(at) = self.items.get(&u.item.id) else {
            return vec![];
        };
        let item = at.item();
        let mut view = view_at(at);
        view.cap_left = kaiku_core::cap::cap_left(item.cap, self.used[&item.id]);
        let codes: Vec<String> = codes_of(&u.parsed).cloned().collect();
        let views: Vec<_> = codes
            .iter()
            .map(|code| match self.cards.get(code) {
                Some(card) => Ok(card_view_of(
                    card,
                    self.holding.contains(&(item.id, card.id)),
                    self.local_only.get(&card.area_id).copied().unwrap_or(false),
                )),
                None => Err(unknown_by(kaiku_store::cards::mistyped_among(
                    &self.checked,
                    code,
                ))),
            })
            .collect();
        verdict(&codes, &views, &view, &u.parsed, u.happened_at)
            .iter()
            .flat_map(|c| {
                // A group member's card is named, so that its reason is
                // not read as the shown card's.
                let member = (c.position > 0).then(|| c.card_code.clone()).flatten();
                c.reasons.iter().map(move |r| Said {
                    card: member.clone(),
                    code: r.code.to_string(),
                    args: r
                        .args
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                })
            })
            .collect()
    }

    /// Counts the use's tickets with its real time, against the cap even
    /// past it, marked as offline; a use in a period whose report was
    /// submitted comes in as a correction of it (R-REP-2). `None` when no
    /// ticket can be written: a card the register does not know, one named
    /// twice, or one that holds a ticket for the item already.
    fn write(
        &mut self,
        c: &mut DbConn,
        u: &Checked,
        mark: &str,
        correction: &str,
    ) -> AppResult<Option<String>> {
        let p = &u.parsed;
        let Some(at) = self.items.get(&u.item.id) else {
            return Ok(None);
        };
        let item = at.item();
        let mut ids: Vec<Id> = vec![];
        for code in codes_of(p) {
            match self.cards.get(code) {
                Some(card)
                    if !self.holding.contains(&(item.id, card.id)) && !ids.contains(&card.id) =>
                {
                    ids.push(card.id)
                }
                _ => return Ok(None),
            }
        }
        let total = p.adults + p.children + p.members.len() as i32;
        if total == 0 {
            // No ticket at all (no holder ticket, no one else): nothing to count.
            return Ok(None);
        }
        *self.used.entry(item.id).or_default() += total;
        *self.added.entry(item.id).or_default() += total;
        let use_key = format!(
            "o{:016x}{:08x}",
            rand::random::<u64>(),
            rand::random::<u32>()
        );
        let (status, redeemed_at) = usage::backlog_state(item.starts_at.and_utc(), Utc::now());
        let used_on = window::local_day(item.starts_at.and_utc());
        let (item_id, venue_id, area_id) = (item.id, item.venue_id, item.area_id);
        let covered = match self.covered.get(&(venue_id, used_on)) {
            Some(b) => *b,
            None => {
                let b = kaiku_store::submissions::covering_at(c, at, used_on)?.is_some();
                self.covered.insert((venue_id, used_on), b);
                b
            }
        };
        for (n, card_id) in ids.into_iter().enumerate() {
            self.holding.insert((item_id, card_id));
            let (adults, children) = if n == 0 {
                (p.adults, p.children)
            } else {
                (1, 0)
            };
            self.tickets.push(tickets::OfflineTicket {
                ticket: NewTicket {
                    item_id,
                    card_id,
                    venue_id,
                    area_id,
                    use_key: use_key.clone(),
                    adults,
                    children,
                    channel: kaiku_core::org::SalesChannel::BoxOffice,
                    status,
                    backlog: false,
                    used_on,
                    recorded_at: u.happened_at.naive_utc(),
                },
                redeemed_at: redeemed_at
                    .filter(|_| status == TicketStatus::Redeemed)
                    .map(|t| t.naive_utc()),
                offline_mark: Some(mark.to_string()),
                correction: covered.then(|| correction.to_string()),
            });
        }
        Ok(Some(use_key))
    }

    /// Takes what the batch counted from each item's cap, and writes its
    /// tickets.
    fn flush(self, c: &mut DbConn, reach: &Reach<BoxOffice>) -> AppResult<()> {
        let mut added: Vec<(Id, i32)> = self.added.into_iter().filter(|(_, n)| *n > 0).collect();
        added.sort_unstable();
        let mut taken = vec![];
        for (item, n) in added {
            taken.push(tickets::take_past_cap(c, reach, item, n)?);
        }
        tickets::insert_offline(c, &taken, &self.tickets)?;
        Ok(())
    }
}

/// A reason as stored: its message code and the values the message names.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Said {
    /// A group member's card the reason is about.
    #[serde(default)]
    card: Option<String>,
    code: String,
    args: Vec<(String, String)>,
}

/// An offline use as the venue and the coordinator see it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfflineUseOut {
    pub id: Id,
    pub venue: Id,
    pub item: Id,
    pub item_title: String,
    pub card_code: String,
    pub adults: i32,
    pub children: i32,
    pub members: Vec<String>,
    /// When it happened, by the device's clock.
    pub happened_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    /// `over_cap` or `disputed`.
    pub outcome: String,
    pub reasons: Vec<String>,
    /// The reasons in words, in the caller's language.
    pub messages: Vec<String>,
    /// `kept` or `cancelled` once settled.
    pub settlement: Option<String>,
    pub use_id: Option<String>,
}

fn out_of(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    tr: &crate::i18n::Tr,
    u: OfflineUse,
) -> AppResult<OfflineUseOut> {
    let item = items::get(c, reach, u.item_id)?;
    let said: Vec<Said> = serde_json::from_str(&u.reasons).unwrap_or_default();
    let messages = said
        .iter()
        .map(|r| {
            let args: Vec<(&str, String)> = r
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            let text = tr.t_args(&format!("error-{}", r.code), &args);
            match &r.card {
                Some(card) => format!("{card}: {text}"),
                None => text,
            }
        })
        .collect();
    Ok(OfflineUseOut {
        id: u.id,
        venue: u.venue_id,
        item: u.item_id,
        item_title: item.title,
        card_code: u.card_code,
        adults: u.adults,
        children: u.children,
        members: crate::split_list(&u.members),
        happened_at: u.happened_at,
        received_at: u.received_at,
        outcome: u.outcome,
        reasons: said.into_iter().map(|r| r.code).collect(),
        messages,
        settlement: u.settlement,
        use_id: u.use_key,
    })
}

/// Offline uses one page of the list shows.
pub const MARKED_PAGE: usize = 100;

/// A page of the offline uses that went in past the cap or wait in dispute,
/// of the venues whose box office the caller serves (one venue, if given):
/// open disputes first. `page` counts from 1; the flag tells whether a
/// page follows.
pub async fn marked(
    store: &Store,
    caller: &Caller,
    venue: Option<Id>,
    page: u32,
) -> AppResult<(Vec<OfflineUseOut>, bool)> {
    let reach = reach(caller)?;
    let tr = caller.tr;
    let offset = (page.max(1) as i64 - 1) * MARKED_PAGE as i64;
    let mut list = store
        .read(move |c| {
            store_offline::marked(c, &reach, venue, (MARKED_PAGE as i64 + 1, offset))?
                .into_iter()
                .map(|u| out_of(c, &reach, &tr, u))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    let more = list.len() > MARKED_PAGE;
    list.truncate(MARKED_PAGE);
    Ok((list, more))
}

/// Settles a disputed use (R-OFF-3): kept, its tickets are written when the
/// register can hold them (a known card without a ticket for the item
/// yet) and counted; cancelled, nothing is counted. Once only; audited.
pub async fn settle(
    store: &Store,
    caller: &Caller,
    id: Id,
    keep: bool,
) -> AppResult<OfflineUseOut> {
    let reach = reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let actor = caller.actor();
    // A dispute is settled by a person, who answers for it in the audit log;
    // an integration only sends what happened.
    let by = Some(caller.principal().account.ok_or(AppError::Forbidden)?);
    let label = caller.tr.t("offline-correction");
    let tr = caller.tr;
    store
        .write_alone(move |c| {
            let u = store_offline::get(c, &reach, id)?;
            if u.outcome != "disputed" {
                return Err(AppError::Conflict("offline_not_disputed"));
            }
            if u.settlement.is_some() {
                return Err(AppError::Conflict("offline_settled"));
            }
            let item = items::get(c, &reach, u.item_id)?;
            let use_key = if keep {
                let checked = Checked {
                    id: u.offline_id.clone(),
                    item: item.clone(),
                    parsed: at_the_counter(
                        u.card_code.clone(),
                        crate::split_list(&u.members),
                        u.adults,
                        u.children,
                    ),
                    happened_at: u.happened_at.and_utc(),
                    clock_ahead: false,
                };
                let mut ledger = Ledger::load(c, &reach, &lookup, &[&checked])?;
                match ledger.write(c, &checked, "kept", &label)? {
                    Some(key) => {
                        ledger.flush(c, &reach)?;
                        Some(key)
                    }
                    // An unknown card, or one that holds a ticket for the
                    // item already: nothing can be counted for it.
                    None => return Err(AppError::Conflict("offline_cannot_keep")),
                }
            } else {
                None
            };
            let settlement = if keep { "kept" } else { "cancelled" };
            if !store_offline::settle(c, &reach, id, settlement, use_key.as_deref(), by, now())? {
                return Err(AppError::Conflict("offline_settled"));
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "offline.settle",
                    record_type: "venue",
                    record_id: Some(u.venue_id),
                    area: Some(u.area_id),
                    detail: format!("offline_use={id} settlement={settlement}"),
                },
                now(),
            )?;
            let u = store_offline::get(c, &reach, id)?;
            out_of(c, &reach, &tr, u)
        })
        .await
}
