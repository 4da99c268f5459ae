//! The box office (SPEC §6): checking a card for an item, recording a use
//! (one card, a card with its children, a group visit with a community card),
//! redeeming and cancelling. The rules are `kaiku_core::usage`; the cap is
//! taken in the ticket's own transaction (R-USE-4).

use super::cards::{fi_date, parse_code};
use super::items::helsinki;
use kaiku_store::Store;

use crate::Caller;
use crate::error::{AppError, AppResult, CardRefusal, FieldError, RefusalKind, Refused};
use crate::flex;
use crate::session::sha256_hex;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use kaiku_core::Id;
use kaiku_core::card::{Kind, Status};
use kaiku_core::input::InputError;
use kaiku_core::org::SalesChannel;
use kaiku_core::policy::{self, BoxOffice, CardLookup, Reach, Via};
use kaiku_core::usage::{self, Ask, CardView, ItemKind, ItemView, Reason, TicketStatus};
use kaiku_core::window;
use kaiku_store::cards::{self as card_store, CardRow};
use kaiku_store::items::{self, Item};
use kaiku_store::tickets::{self, NewTicket, Ticket};
use kaiku_store::{DbConn, StoreError, areas, audit, now, venues};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Most tickets one use may carry (a class with its teacher is the largest
/// group the model speaks of; a typo of 100 should not pass).
pub const MAX_PER_USE: i32 = 40;
pub const IDEMPOTENCY_KEY_MAX: usize = 200;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UseInput {
    #[serde(default)]
    #[schema(required = true)]
    pub card_code: String,
    /// 1 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub adults: Option<i32>,
    /// 0 if not given.
    #[serde(default, deserialize_with = "flex::opt_i32")]
    pub children: Option<i32>,
    #[serde(default)]
    #[schema(value_type = Option<SalesChannel>)]
    pub channel: Option<String>,
    /// Group members' own personal card codes (R-COMM-2).
    #[serde(default, deserialize_with = "flex::codes")]
    pub members: Vec<String>,
    /// Entered from paper: validity and cap on the item's day, no windows
    /// (R-USE-6).
    #[serde(default, deserialize_with = "flex::bool")]
    pub backlog: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketOut {
    pub id: Id,
    pub item: Id,
    pub venue: Id,
    pub card_code: String,
    /// The shown card's ticket (`holder`) or a group member's (`member`).
    pub role: String,
    pub adults: i32,
    pub children: i32,
    #[schema(value_type = SalesChannel)]
    pub channel: kaiku_core::org::SalesChannel,
    /// `reserved`, `redeemed` or `cancelled`.
    pub status: kaiku_core::usage::TicketStatus,
    pub backlog: bool,
    pub used_on: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub redeemed_at: Option<NaiveDateTime>,
    pub cancelled_at: Option<NaiveDateTime>,
    /// The use (visit) the ticket belongs to.
    pub use_id: String,
}

impl TicketOut {
    fn new(t: &Ticket, code: &str, holder_card: Option<Id>) -> TicketOut {
        let holder = holder_card.is_none_or(|h| h == t.card_id);
        TicketOut {
            id: t.id,
            item: t.item_id,
            venue: t.venue_id,
            card_code: code.to_string(),
            role: if holder { "holder" } else { "member" }.into(),
            adults: t.adults,
            children: t.children,
            channel: t.channel,
            status: t.status,
            backlog: t.backlog,
            used_on: t.used_on,
            recorded_at: t.recorded_at,
            redeemed_at: t.redeemed_at,
            cancelled_at: t.cancelled_at,
            use_id: t.use_key.clone(),
        }
    }
}

/// What the clerk writes or prints on the ticket (R-USE-7).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct TicketNote {
    pub adults: i32,
    pub children: i32,
    pub free_cloakroom: bool,
    /// "Kaikukortti · 1 aikuinen, 2 lasta · Maksuton narikka", in the
    /// language of the request that recorded the use.
    pub text: String,
}

/// A recorded use: one visit, with the tickets of every card in it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct UseOut {
    pub use_id: String,
    pub item: Id,
    pub item_title: String,
    pub item_type: kaiku_core::usage::ItemKind,
    pub starts_at: DateTime<FixedOffset>,
    pub venue: Id,
    pub venue_name: String,
    pub tickets: Vec<TicketOut>,
    pub note: TicketNote,
    pub kaiku_tickets_left: u32,
}

/// The note's words: adults and children in plain numbers (R-USE-7).
pub fn note_text(tr: &crate::i18n::Tr, adults: i32, children: i32, cloakroom: bool) -> String {
    let mut parts = vec![
        "Kaikukortti".to_string(),
        tr.t_args(
            "note-counts",
            &[
                ("adults", adults.to_string()),
                ("children", children.to_string()),
            ],
        ),
    ];
    if cloakroom {
        parts.push(tr.t("note-free-cloakroom"));
    }
    parts.join(" · ")
}

/// The message values of a reason (dates and times as people write them).
pub fn reason_args(r: &Reason) -> Vec<(&'static str, String)> {
    let time = |t: &DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Europe::Helsinki)
            .format(crate::dates::DATE_TIME)
            .to_string()
    };
    match r {
        Reason::ExpiredOn { until } => vec![("date", fi_date(*until))],
        Reason::NotYetValid { from } => vec![("date", fi_date(*from))],
        Reason::CapReached { left } => vec![("left", left.to_string())],
        Reason::BeforeBooking { opens } | Reason::BeforeRedemption { opens } => {
            vec![("time", time(opens))]
        }
        Reason::TooManyChildren { max } => vec![("max", max.to_string())],
        Reason::ItemOver { day } => vec![("date", fi_date(*day))],
        _ => vec![],
    }
}

pub fn refused(r: &Reason) -> Refused {
    Refused {
        kind: RefusalKind::Conflict,
        code: r.code(),
        rule: r.rule(),
        args: reason_args(r),
    }
}

/// The item as the usage rules see it.
fn item_view(c: &mut DbConn, item: &Item) -> Result<ItemView, StoreError> {
    let area = areas::get(c, item.area_id)?;
    Ok(ItemView {
        area: item.area_id,
        area_local_only: area.local_only,
        course: item.kind == ItemKind::Course,
        excluded: item.excluded,
        sold_out: item.sold_out,
        starts_at: item.starts_at.and_utc(),
        booking_opens_days_before: item.booking_opens_days_before.map(|d| d.max(0) as u32),
        redeem_opens_minutes_before: item.redeem_opens_minutes_before.map(|m| m.max(0) as u32),
        cap_left: kaiku_core::cap::cap_left(item.cap, item.kaiku_used),
    })
}

/// A card as the usage rules see it.
pub(crate) fn card_view(
    c: &mut DbConn,
    card: &CardRow,
    has_ticket: bool,
) -> Result<CardView, StoreError> {
    Ok(CardView {
        state: card.state(),
        kind: card.kind,
        valid_from: card.grant_date,
        minor_children: card.minor_children.unwrap_or(0).max(0) as u32,
        area_local_only: areas::get(c, card.area_id)?.local_only,
        has_ticket,
    })
}

/// An unknown code, or one whose check character shows a typing error.
fn unknown(c: &mut DbConn, lookup: &CardLookup, code: &str) -> Result<Reason, StoreError> {
    let typo = card_store::checked_series_for(c, lookup, code)?
        .iter()
        .any(|s| !s.series().check.verify(code));
    Ok(if typo {
        Reason::CheckCharacter
    } else {
        Reason::Unknown
    })
}

/// The venues whose box office the caller serves, or 403.
fn reach(caller: &Caller) -> AppResult<Reach<BoxOffice>> {
    policy::box_office(caller.principal()).ok_or(AppError::Forbidden)
}

/// An item at a box office the caller serves; any other is not found.
async fn item_for(store: &Store, caller: &Caller, item: Id) -> AppResult<(Item, Reach<BoxOffice>)> {
    let reach = reach(caller)?;
    let r = reach.clone();
    let it = store.read(move |c| items::get(c, &r, item)).await?;
    Ok((it, reach))
}

fn code_error(field: &'static str, e: AppError) -> AppError {
    match e {
        AppError::Invalid(mut errs) => {
            for f in &mut errs {
                f.field = field;
            }
            AppError::Invalid(errs)
        }
        e => e,
    }
}

/// A parsed and range-checked request.
#[derive(Clone)]
struct Parsed {
    code: String,
    members: Vec<String>,
    adults: i32,
    children: i32,
    channel: String,
    backlog: bool,
}

fn parse(i: &UseInput) -> AppResult<Parsed> {
    let mut f = super::Check::default();
    let code = match parse_code(&i.card_code) {
        Ok(c) => c,
        Err(e) => {
            if let AppError::Invalid(errs) = code_error("card_code", e) {
                errs.into_iter().for_each(|e| f.push(e));
            }
            String::new()
        }
    };
    let mut members = vec![];
    for m in &i.members {
        match parse_code(m) {
            Ok(c) => members.push(c),
            Err(e) => {
                if let AppError::Invalid(errs) = code_error("members", e) {
                    errs.into_iter().take(1).for_each(|e| f.push(e));
                }
            }
        }
    }
    let adults = i.adults.unwrap_or(1);
    let children = i.children.unwrap_or(0);
    if !(0..=MAX_PER_USE).contains(&adults) {
        f.fail("adults", InputError::InvalidChoice);
    }
    if !(0..=MAX_PER_USE).contains(&children) {
        f.fail("children", InputError::InvalidChoice);
    }
    if members.len() > MAX_PER_USE as usize {
        f.push(FieldError {
            field: "members",
            code: "too_many_members",
            rule: None,
            args: vec![("max", MAX_PER_USE.to_string())],
        });
    }
    let channel = i
        .channel
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("box_office")
        .to_string();
    f.finish()?;
    Ok(Parsed {
        code,
        members,
        adults,
        children,
        channel,
        backlog: i.backlog,
    })
}

/// Who retries: a key is the caller's own (a token's or a person's), so two
/// ticketing systems that both send "1" never see each other's answers.
fn key_hash(caller: &Caller, key: &str) -> AppResult<String> {
    let p = caller.principal();
    let who = match p.via {
        Via::Token { token } => format!("token:{token}"),
        Via::Session => format!("account:{}", p.account.unwrap_or_default()),
        Via::Operator => "operator".to_string(),
    };
    Ok(sha256_hex(&format!("{who}\n{key}")))
}

/// Checks an idempotency key as sent (header or hidden form field).
pub fn idempotency_key(raw: Option<&str>) -> AppResult<Option<String>> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(k) if k.len() > IDEMPOTENCY_KEY_MAX || !k.bytes().all(|b| b.is_ascii_graphic()) => {
            Err(AppError::Invalid(vec![FieldError {
                field: "idempotency_key",
                code: "idempotency_key_invalid",
                rule: Some("R-USE-9"),
                args: vec![("max", IDEMPOTENCY_KEY_MAX.to_string())],
            }]))
        }
        Some(k) => Ok(Some(k.to_string())),
    }
}

/// The answer to a record request: the use, and whether it is the first
/// answer given again (R-USE-9).
pub struct Recorded {
    pub out: UseOut,
    pub replayed: bool,
}

/// Records a use (R-USE-1 … R-USE-9): all of the visit's tickets or none.
pub async fn record(
    store: &Store,
    caller: &Caller,
    item: Id,
    i: &UseInput,
    key: Option<String>,
) -> AppResult<Recorded> {
    let reach = reach(caller)?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let p = parse(i)?;
    let holder_code = p.code.clone();
    let fingerprint = sha256_hex(&format!(
        "{item}|{}|{}|{}|{}|{}|{}",
        p.code,
        p.adults,
        p.children,
        p.channel,
        p.members.join(","),
        p.backlog
    ));
    let key = key.map(|k| key_hash(caller, &k)).transpose()?;
    let actor = caller.actor();
    let tr = caller.tr;
    let (k, fp) = (key.clone(), fingerprint.clone());
    // The rules are applied first in a read, which runs beside other
    // requests; the write then only re-checks what may have changed since,
    // so that box offices queue for the database as briefly as possible.
    let judged = {
        let (k, p, reach) = (key.clone(), p.clone(), reach.clone());
        store
            .read(move |c| {
                let it = items::get(c, &reach, item)?;
                if let Some(k) = &k
                    && let Some(first) = tickets::recall(c, k)?
                {
                    return Ok(Err(first));
                }
                let judged = judge(c, &reach, &lookup, item, &p, Utc::now())?;
                let venue = venues::get(c, it.venue_id)?;
                Ok::<_, AppError>(Ok((judged, venue, lookup)))
            })
            .await
    };
    let result = match judged {
        Ok(Err(first)) => return replay(&first, &fingerprint),
        Ok(Ok((judged, venue, lookup))) => {
            store
                .write(move |c| {
                    // A retry racing its first request is caught by the
                    // unique indexes (one ticket per card and item, one
                    // answer per key) and answered below.
                    let at = Utc::now();
                    let (area, venue_id) = (judged.item.area_id, judged.item.venue_id);
                    let out = record_in(c, &reach, &lookup, item, &p, judged, &venue, at, &tr)?;
                    let body = serde_json::to_string(&out).map_err(|_| AppError::Internal)?;
                    if let Some(k) = &k {
                        tickets::remember(c, k, &fp, 201, &body, now())?;
                    }
                    audit::record(
                        c,
                        &actor,
                        &audit::Event {
                            action: "ticket.record",
                            record_type: "item",
                            record_id: Some(item),
                            area: Some(area),
                            detail: format!(
                                "venue={} tickets={} backlog={}",
                                venue_id,
                                out.tickets.len(),
                                p.backlog
                            ),
                        },
                        now(),
                    )?;
                    Ok(Recorded {
                        out,
                        replayed: false,
                    })
                })
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(r),
        // Two requests raced on one key (a retry sent before the first
        // answer came): the loser saw the winner's ticket, or met the unique
        // index on PostgreSQL. It gets the first answer.
        Err(e) => {
            if let Some(k) = key {
                let first = store.read(move |c| tickets::recall(c, &k)).await?;
                if let Some(first) = first {
                    return replay(&first, &fingerprint);
                }
            }
            match e {
                // Two box offices raced on one card (PostgreSQL's unique
                // index): a second ticket is refused as R-USE-3 says.
                AppError::Conflict(_) => Err(AppError::UseRefused(vec![CardRefusal {
                    card_code: holder_code,
                    reasons: vec![refused(&Reason::AlreadyHasTicket)],
                }])),
                e => Err(e),
            }
        }
    }
}

fn replay(first: &tickets::Remembered, fingerprint: &str) -> AppResult<Recorded> {
    if first.fingerprint != fingerprint {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::Mismatch,
            code: "idempotency_key_reused",
            rule: "R-USE-9",
            args: vec![],
        }));
    }
    let out = serde_json::from_str(&first.response).map_err(|_| AppError::Internal)?;
    Ok(Recorded {
        out,
        replayed: true,
    })
}

/// A visit judged by the rules, before anything is written.
struct Judged {
    item: Item,
    codes: Vec<String>,
    found: Vec<CardRow>,
}

/// Applies every rule of R-USE-1 to the visit; refusals name each card.
fn judge(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    lookup: &CardLookup,
    item_id: Id,
    p: &Parsed,
    at: DateTime<Utc>,
) -> AppResult<Judged> {
    let item = items::get(c, reach, item_id)?;
    let view = item_view(c, &item)?;
    let mut codes = vec![p.code.clone()];
    codes.extend(p.members.iter().cloned());
    let found = card_store::lookup_many(c, lookup, &codes)?;
    let ids: Vec<Id> = found.iter().map(|r| r.id).collect();
    let holding = tickets::with_live_ticket(c, reach, item_id, &ids)?;
    let mut views = vec![];
    let mut refusals = vec![];
    let mut seen = std::collections::HashSet::new();
    for code in &codes {
        let card = found.iter().find(|r| &r.code == code);
        let mut early = vec![];
        if !seen.insert(code.clone()) {
            early.push(Reason::DuplicateCard);
        }
        match card {
            Some(card) => views.push(Some(card_view(c, card, holding.contains(&card.id))?)),
            None => {
                early.push(unknown(c, lookup, code)?);
                views.push(None);
            }
        }
        refusals.push(early);
    }
    let ask = Ask {
        adults: p.adults as u32,
        children: p.children as u32,
        members: p.members.len() as u32,
        channel: &p.channel,
        backlog: p.backlog,
        at,
    };
    // Unknown cards are judged as valid personal cards so that the visit's
    // own reasons (cap, window, item) still come out once, on the shown card.
    let placeholder = |v: &Option<CardView>| {
        v.clone().unwrap_or(CardView {
            state: kaiku_core::card::CardState {
                area: view.area,
                status: Status::Issued,
                allocated_point: None,
                holder_point: None,
                valid_until: None,
            },
            kind: Some(Kind::Personal),
            valid_from: None,
            minor_children: u32::MAX,
            area_local_only: false,
            has_ticket: false,
        })
    };
    let holder = placeholder(&views[0]);
    let members: Vec<CardView> = views[1..].iter().map(placeholder).collect();
    for (n, r) in usage::visit(&holder, &members, &view, &ask)
        .into_iter()
        .enumerate()
    {
        refusals[n].extend(r);
    }
    let refused_cards: Vec<CardRefusal> = codes
        .iter()
        .zip(&refusals)
        .filter(|(_, r)| !r.is_empty())
        .map(|(code, r)| CardRefusal {
            card_code: code.clone(),
            reasons: r.iter().map(refused).collect(),
        })
        .collect();
    if !refused_cards.is_empty() {
        return Err(AppError::UseRefused(refused_cards));
    }
    Ok(Judged { item, codes, found })
}

/// What a check of a whole visit answers before recording: nothing is
/// written; `Ok` means every ticket asked for may be given now.
pub async fn try_visit(store: &Store, caller: &Caller, item: Id, i: &UseInput) -> AppResult<()> {
    let (_, reach) = item_for(store, caller, item).await?;
    let lookup = policy::card_lookup(caller.principal()).ok_or(AppError::Forbidden)?;
    let p = parse(i)?;
    store
        .read(move |c| judge(c, &reach, &lookup, item, &p, Utc::now()).map(|_| ()))
        .await
}

/// The tickets written, inside the write transaction. What may have changed
/// since the visit was judged is checked again: the cards (voided or renewed
/// a moment ago: then the whole visit is judged again), the cap, sold-out and
/// exclusion (the conditional update) and one ticket per card (the unique
/// index).
#[allow(clippy::too_many_arguments)]
fn record_in(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    lookup: &CardLookup,
    item_id: Id,
    p: &Parsed,
    judged: Judged,
    venue: &venues::Venue,
    at: DateTime<Utc>,
    tr: &crate::i18n::Tr,
) -> AppResult<UseOut> {
    let now_cards = card_store::lookup_many(c, lookup, &judged.codes)?;
    let unchanged = now_cards.len() == judged.found.len()
        && now_cards.iter().all(|n| {
            judged
                .found
                .iter()
                .any(|f| f.id == n.id && f.updated_at == n.updated_at)
        });
    let Judged { item, codes, found } = if unchanged {
        judged
    } else {
        judge(c, reach, lookup, item_id, p, at)?
    };
    let total = p.adults + p.children + p.members.len() as i32;
    let Some(kaiku_used) = tickets::take_cap(c, reach, item_id, total)? else {
        // Another box office took the last places a moment ago, or the
        // venue just closed the item.
        let now_item = items::get(c, reach, item_id)?;
        let r = if now_item.sold_out {
            Reason::SoldOut
        } else if now_item.excluded {
            Reason::Excluded
        } else {
            Reason::CapReached {
                left: kaiku_core::cap::cap_left(now_item.cap, now_item.kaiku_used).unwrap_or(0),
            }
        };
        return Err(AppError::UseRefused(vec![CardRefusal {
            card_code: p.code.clone(),
            reasons: vec![refused(&r)],
        }]));
    };
    let use_key = format!(
        "u{:016x}{:08x}",
        rand::random::<u64>(),
        rand::random::<u32>()
    );
    let recorded_at = now();
    let (status, redeemed_at) = if p.backlog {
        let (status, at) = usage::backlog_state(item.starts_at.and_utc(), at);
        (status, at.map(|t| t.naive_utc()))
    } else {
        (TicketStatus::Reserved, None)
    };
    let used_on = window::local_day(item.starts_at.and_utc());
    let holder_id = found
        .iter()
        .find(|r| r.code == p.code)
        .map(|r| r.id)
        .ok_or(AppError::Internal)?;
    let mut written = vec![];
    for (n, code) in codes.iter().enumerate() {
        let card = found
            .iter()
            .find(|r| &r.code == code)
            .ok_or(AppError::Internal)?;
        let (adults, children) = if n == 0 {
            (p.adults, p.children)
        } else {
            (1, 0)
        };
        let new = NewTicket {
            item_id,
            card_id: card.id,
            venue_id: item.venue_id,
            area_id: item.area_id,
            use_key: use_key.clone(),
            adults,
            children,
            // The rules let through a channel of the list only (R-CHAN-1).
            channel: p.channel.parse().map_err(|_| AppError::Internal)?,
            status,
            backlog: p.backlog,
            used_on,
            recorded_at,
        };
        let id = tickets::insert(c, reach, &new)?;
        if let Some(at) = redeemed_at {
            tickets::redeem(c, reach, id, at)?;
        }
        written.push((
            Ticket {
                id,
                item_id,
                card_id: card.id,
                venue_id: new.venue_id,
                area_id: new.area_id,
                use_key: new.use_key,
                adults,
                children,
                channel: new.channel,
                status: new.status,
                backlog: new.backlog,
                used_on,
                recorded_at,
                redeemed_at,
                cancelled_at: None,
            },
            code.clone(),
        ));
    }
    let item = Item { kaiku_used, ..item };
    Ok(use_of(
        &item,
        venue,
        &use_key,
        &written,
        Some(holder_id),
        tr,
    ))
}

/// A use with its tickets as stored now.
fn use_out(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    item: &Item,
    venue: &venues::Venue,
    use_key: &str,
    holder: Option<Id>,
    tr: &crate::i18n::Tr,
) -> AppResult<UseOut> {
    let list = tickets::of_use(c, reach, use_key)?;
    Ok(use_of(item, venue, use_key, &list, holder, tr))
}

fn use_of(
    item: &Item,
    venue: &venues::Venue,
    use_key: &str,
    list: &[tickets::WithCode],
    holder: Option<Id>,
    tr: &crate::i18n::Tr,
) -> UseOut {
    let holder = holder.or_else(|| list.first().map(|(t, _)| t.card_id));
    let live = list
        .iter()
        .filter(|(t, _)| t.status != TicketStatus::Cancelled);
    let (adults, children) = live.fold((0, 0), |(a, ch), (t, _)| (a + t.adults, ch + t.children));
    UseOut {
        use_id: use_key.to_string(),
        item: item.id,
        item_title: item.title.clone(),
        item_type: item.kind,
        starts_at: helsinki(item.starts_at.and_utc()),
        venue: venue.id,
        venue_name: venue.name.clone(),
        tickets: list
            .iter()
            .map(|(t, code)| TicketOut::new(t, code, holder))
            .collect(),
        note: TicketNote {
            adults,
            children,
            free_cloakroom: venue.free_cloakroom,
            text: note_text(tr, adults, children, venue.free_cloakroom),
        },
        kaiku_tickets_left: left_of(item),
    }
}

/// Tickets left, as every answer shows it (`kaiku_core::cap::tickets_left`).
fn left_of(i: &Item) -> u32 {
    kaiku_core::cap::tickets_left(i.capacity, i.cap, i.kaiku_used, i.sold_out, i.excluded)
}

/// A recorded use as its venue sees it (the confirmation and ticket note).
pub async fn get_use(store: &Store, caller: &Caller, use_key: &str) -> AppResult<UseOut> {
    let reach = reach(caller)?;
    let key = use_key.to_string();
    let tr = caller.tr;
    store
        .read(move |c| {
            let list = tickets::of_use(c, &reach, &key)?;
            let (first, _) = list.first().ok_or(AppError::NotFound)?;
            let item = items::get(c, &reach, first.item_id)?;
            let venue = venues::get(c, item.venue_id)?;
            use_out(c, &reach, &item, &venue, &key, None, &tr)
        })
        .await
}

async fn ticket_of(
    store: &Store,
    caller: &Caller,
    id: Id,
) -> AppResult<(Ticket, Item, Reach<BoxOffice>)> {
    let reach = reach(caller)?;
    let r = reach.clone();
    let (t, item) = store
        .read(move |c| {
            let t = tickets::get(c, &r, id)?;
            let item = items::get(c, &r, t.item_id)?;
            Ok::<_, StoreError>((t, item))
        })
        .await?;
    Ok((t, item, reach))
}

pub async fn get_ticket(store: &Store, caller: &Caller, id: Id) -> AppResult<TicketOut> {
    let (t, _, reach) = ticket_of(store, caller, id).await?;
    let use_key = t.use_key.clone();
    let list = store
        .read(move |c| tickets::of_use(c, &reach, &use_key))
        .await?;
    let holder = list.first().map(|(t, _)| t.card_id);
    list.iter()
        .find(|(x, _)| x.id == id)
        .map(|(x, code)| TicketOut::new(x, code, holder))
        .ok_or(AppError::NotFound)
}

/// What a ticket's state allows: `redeem` or `cancel`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Redeem,
    Cancel,
}

/// Redeems (within the redemption window, R-TIME-2) or cancels (freeing the
/// cap, R-USE-5) one ticket, or with `whole_use` every ticket of its visit.
pub async fn change(
    store: &Store,
    caller: &Caller,
    id: Id,
    what: Change,
    whole_use: bool,
) -> AppResult<UseOut> {
    let (t, item, reach) = ticket_of(store, caller, id).await?;
    let actor = caller.actor();
    let tr = caller.tr;
    store
        .write(move |c| {
            let at = Utc::now();
            let list = tickets::of_use(c, &reach, &t.use_key)?;
            let targets: Vec<&Ticket> = list
                .iter()
                .map(|(t, _)| t)
                .filter(|x| if whole_use { true } else { x.id == id })
                .collect();
            let view = item_view(c, &item)?;
            let mut done = 0;
            for x in &targets {
                let state_error = |code: &'static str| {
                    AppError::Refused(Refused {
                        kind: RefusalKind::Conflict,
                        code,
                        rule: "R-USE-5",
                        args: vec![],
                    })
                };
                match what {
                    Change::Redeem => {
                        if x.status == TicketStatus::Redeemed && whole_use {
                            continue;
                        }
                        match x.status {
                            TicketStatus::Redeemed => {
                                return Err(state_error("ticket_already_redeemed"));
                            }
                            TicketStatus::Cancelled if !whole_use => {
                                return Err(state_error("ticket_cancelled"));
                            }
                            TicketStatus::Cancelled => continue,
                            TicketStatus::Reserved => {}
                        }
                        usage::may_redeem(&view, at, x.backlog)
                            .map_err(|r| AppError::Refused(refused(&r)))?;
                        if tickets::redeem(c, &reach, x.id, at.naive_utc())? {
                            done += 1;
                        }
                    }
                    Change::Cancel => {
                        if x.status == TicketStatus::Cancelled {
                            if whole_use {
                                continue;
                            }
                            return Err(state_error("ticket_already_cancelled"));
                        }
                        if tickets::cancel(c, &reach, x.id, at.naive_utc())? {
                            done += 1;
                        }
                    }
                }
            }
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: match what {
                        Change::Redeem => "ticket.redeem",
                        Change::Cancel => "ticket.cancel",
                    },
                    record_type: "ticket",
                    record_id: Some(id),
                    area: Some(item.area_id),
                    detail: format!("venue={} tickets={done}", item.venue_id),
                },
                now(),
            )?;
            let venue = venues::get(c, item.venue_id)?;
            let item = items::get(c, &reach, item.id)?;
            use_out(c, &reach, &item, &venue, &t.use_key, None, &tr)
        })
        .await
}

/// An item's recorded tickets, newest first (the box office's list of the
/// day). A listing of card codes with their uses, so it is audited (R-AUTH-4).
pub async fn of_item(store: &Store, caller: &Caller, item: Id) -> AppResult<Vec<TicketOut>> {
    let (it, reach) = item_for(store, caller, item).await?;
    let list = store
        .read(move |c| tickets::of_item(c, &reach, item, 2000))
        .await?;
    let (actor, count) = (caller.actor(), list.len());
    store
        .write(move |c| {
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "tickets.list",
                    record_type: "item",
                    record_id: Some(item),
                    area: Some(it.area_id),
                    detail: format!("venue={} rows={count}", it.venue_id),
                },
                now(),
            )
        })
        .await?;
    Ok(list
        .iter()
        .map(|(t, code)| TicketOut::new(t, code, None))
        .collect())
}

/// What a check for an item adds to the lookup (R-AUTH-2: whether the card
/// may be used for the offering at hand, nothing of its holder).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ItemCheck {
    pub id: Id,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: kaiku_core::usage::ItemKind,
    pub starts_at: DateTime<FixedOffset>,
    pub kaiku_tickets_left: u32,
    pub child_age_under: u32,
}

/// The reasons a card cannot have one holder ticket for an item of a box
/// office the caller serves now (part of a lookup, in its read).
pub fn check_in(
    c: &mut DbConn,
    reach: &Reach<BoxOffice>,
    _: &CardLookup,
    card: &CardRow,
    it: &Item,
) -> AppResult<(Vec<Reason>, ItemCheck)> {
    let view = item_view(c, it)?;
    let day = window::local_day(it.starts_at.and_utc());
    let versions: Vec<_> = kaiku_store::cap_policies::all(c)?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    let child_age_under = kaiku_core::cap::Policy::in_force(&versions, day)
        .map(|p| p.child_age_under)
        .unwrap_or(18);
    let holding = tickets::with_live_ticket(c, reach, it.id, &[card.id])?;
    let cv = card_view(c, card, !holding.is_empty())?;
    let ask = Ask {
        adults: 1,
        children: 0,
        members: 0,
        channel: SalesChannel::BoxOffice.as_ref(),
        backlog: false,
        at: Utc::now(),
    };
    Ok((
        usage::reasons(&cv, &view, &ask),
        ItemCheck {
            id: it.id,
            title: it.title.clone(),
            kind: it.kind,
            starts_at: helsinki(it.starts_at.and_utc()),
            kaiku_tickets_left: left_of(it),
            child_age_under,
        },
    ))
}

/// The venue and the items its box office chooses from: today's and the next
/// two weeks' (soonest first), or for a paper backlog the past year's (latest
/// first).
pub async fn box_office_items(
    store: &Store,
    caller: &Caller,
    venue: Id,
    backlog: bool,
) -> AppResult<(venues::Venue, Vec<super::items::ItemOut>)> {
    let reach = reach(caller)?;
    let v = store.read(move |c| venues::get(c, venue)).await?;
    if !reach.admits_venue(v.area_id, venue) {
        return Err(AppError::NotFound);
    }
    let today = window::start_of_day(super::today());
    let (from, to) = if backlog {
        (today - chrono::Duration::days(400), Utc::now())
    } else {
        (today, today + chrono::Duration::days(15))
    };
    let list = store
        .read(move |c| {
            items::for_venue_between(c, &reach, venue, from.naive_utc(), to.naive_utc(), backlog)
        })
        .await?;
    Ok((v, list.iter().map(super::items::ItemOut::from).collect()))
}

/// The venues whose box office the caller serves: its own as venue staff,
/// every venue of the areas it coordinates.
pub async fn box_office_venues(store: &Store, caller: &Caller) -> AppResult<Vec<venues::Venue>> {
    let Some(reach) = policy::box_office(caller.principal()) else {
        return Ok(vec![]);
    };
    store
        .read(move |c| {
            let mut out = vec![];
            for (_, venue) in reach.venues() {
                out.push(venues::get(c, *venue)?);
            }
            for area in reach.areas() {
                out.extend(venues::list(c, *area)?);
            }
            out.sort_by_key(|v| v.id);
            out.dedup_by_key(|v| v.id);
            Ok::<_, StoreError>(out)
        })
        .await
        .map_err(AppError::from)
}
