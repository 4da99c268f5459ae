//! Transfer forms in (§4.2, R-CARD-*): one row per form with the card code,
//! the grant date and the holder's background data, categories written as on
//! the form in any of the three languages. Each row is judged as the issuing
//! screen would judge it on its grant date: stock of the point or unallocated
//! stock of the area (R-CARD-7), never a future grant (R-CARD-8), at least 16
//! (R-CARD-3); a card whose validity had ended by then is renewed. A form
//! imported before is recognised by the card and grant date.
//!
//! Decisions: a category cell left empty means the client did not say
//! (`not_stated`), as the form allows; the number of children is required
//! for grants from 2021, when the register made it mandatory, and is 0 when
//! an older form has none. Only the grant year of a birth year one year short
//! of sixteen can leave the age in doubt, so those rows need the uploader's
//! confirmation that the issuers checked the age on paper.

mod form;

use super::{Checked, ConfirmOut, Importer, Opened, RowOut, Target, conflict, tick};
use form::{Rules, Vocabulary, read_form};

use crate::Caller;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::lists::Lists;
use crate::today;
use chrono::NaiveDate;
use kaiku_core::Id;
use kaiku_core::background::Background;
use kaiku_core::card::{self, Kind, Refusal, Status};
use kaiku_core::import::Sheet;
use kaiku_core::policy::{self, CardLookup, IssuanceImports, Principal, Reach};
use kaiku_core::validity;
use kaiku_store::cards::{self, CardRow, NewEvent};
use kaiku_store::{DbConn, Store, areas, audit, imports, now, points};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// An accepted form, ready to be written.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IssuanceRow {
    card: Id,
    renew: bool,
    /// The validity the card had when judged: a renewal writes only if it
    /// still has it.
    seen_until: Option<NaiveDate>,
    grant: NaiveDate,
    until: NaiveDate,
    background: Background,
    /// Absent from a preview made before answers were read from sheets.
    #[serde(default)]
    wellbeing: Option<String>,
}

/// Checks transfer forms for a point and keeps the accepted ones as a
/// preview to confirm. `confirmed_16`: the uploader confirms that the
/// issuers checked every client was at least 16 (R-CARD-3).
pub async fn preview(
    store: &Store,
    caller: &Caller,
    point: Id,
    confirmed_16: bool,
    bytes: Vec<u8>,
) -> AppResult<super::PreviewOut> {
    let scope = IssuanceScope::of(store, caller.principal(), point).await?;
    let who = Importer::of(caller);
    let checked = check(store, &scope, &who, confirmed_16, bytes).await?;
    super::save(store, &who, Target::Issuance(scope), checked).await
}

/// What transfer forms of one point touch: the point's imports and its
/// cards, for its issuers and its area's coordinators.
#[derive(Clone)]
pub struct IssuanceScope {
    point: Id,
    area: Id,
    imports: Reach<IssuanceImports>,
    lookup: CardLookup,
}

impl IssuanceScope {
    /// The scope of `p` over a point; `NotFound` when the point is outside
    /// it, `Forbidden` when `p` imports no transfer forms at all.
    pub async fn of(store: &Store, p: &Principal, point: Id) -> AppResult<IssuanceScope> {
        let (Some(imports), Some(lookup)) = (policy::issuance_imports(p), policy::card_lookup(p))
        else {
            return Err(AppError::Forbidden);
        };
        let area = store.read(move |c| points::get(c, point)).await?.area_id;
        if !imports.admits_point(area, point) {
            return Err(AppError::NotFound);
        }
        Ok(IssuanceScope {
            point,
            area,
            imports,
            lookup,
        })
    }

    pub fn point(&self) -> Id {
        self.point
    }

    pub fn area(&self) -> Id {
        self.area
    }

    pub(super) fn imports(&self) -> &Reach<IssuanceImports> {
        &self.imports
    }
}

/// Checks transfer forms for a point without keeping anything.
pub async fn check(
    store: &Store,
    scope: &IssuanceScope,
    who: &Importer,
    confirmed_16: bool,
    bytes: Vec<u8>,
) -> AppResult<Checked<IssuanceRow>> {
    let scope = scope.clone();
    super::check(
        store,
        who,
        Sheet::Issuance,
        bytes,
        move |c, opened, tr, progress| judge(c, &scope, confirmed_16, opened, tr, progress),
    )
    .await
}

fn judge(
    c: &mut DbConn,
    scope: &IssuanceScope,
    confirmed_16: bool,
    opened: &Opened,
    tr: &Tr,
    progress: &Option<super::Progress>,
) -> AppResult<(Vec<RowOut>, Vec<IssuanceRow>, super::upload::Passes)> {
    let (area, point) = (scope.area, scope.point);
    let lists = Lists::load(c)?;
    let vocabulary = Vocabulary::load(&lists);
    let passes: super::upload::Passes = Box::new(move |c, v| vocabulary.passes(c, v));
    let rules = Rules {
        words: Vocabulary::load(&lists),
        lists,
        confirmed_16,
        trial: areas::get(c, area)?.trial_ends,
        today: today(),
        tr: *tr,
        questions: kaiku_store::wellbeing::list(c)?,
    };
    let trial = rules.trial;
    let total = opened.rows.len();
    let mut out = vec![];
    let mut forms = vec![];
    for (done, (number, r)) in opened.data().enumerate() {
        tick(progress, "checking", done, total);
        if let Some(refusal) = opened.refusal(number, r, tr) {
            out.push(refusal);
            continue;
        }
        match read_form(opened, number, r, &rules) {
            Ok(f) => forms.push(f),
            Err(refused) => {
                // The refused form keeps its card code only when the code
                // names a card this point may see (R-PRIV-5).
                let code = opened
                    .col(kaiku_core::import::Column::CardCode)
                    .and_then(|i| r.get(i))
                    .and_then(|v| kaiku_core::code::normalise(v).ok());
                let known = match code {
                    Some(code) => cards::lookup(c, &scope.lookup, &code)?.is_some(),
                    None => false,
                };
                out.push(if known { refused.found() } else { refused });
            }
        }
    }
    // A card's forms in the order they were granted, so that a sheet may
    // hold a card's first grant and its renewal a year later.
    forms.sort_by_key(|f| (f.grant, f.number));
    // Every card the sheet names, and the grants already on them, read in
    // batches rather than a round trip per row.
    let codes: Vec<String> = forms
        .iter()
        .map(|f| f.code.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut cards_seen: HashMap<String, Option<CardRow>> =
        codes.iter().map(|c| (c.clone(), None)).collect();
    for card in cards::lookup_many(c, &scope.lookup, &codes)? {
        cards_seen.insert(card.code.clone(), Some(card));
    }
    let ids: Vec<Id> = cards_seen.values().flatten().map(|c| c.id).collect();
    let granted = imports::granted_many(c, &scope.imports, point, &ids)?;
    let mut seen = HashSet::new();
    let mut ready = vec![];
    for f in forms {
        let number = f.number;
        let row = tr.t1("import-row", "row", number);
        let refuse = |code: &'static str, reason: String| RowOut::refused(number, code, reason);
        if !seen.insert((f.code.clone(), f.grant)) {
            out.push(RowOut::duplicate(
                number,
                "import_duplicate_row",
                tr.t1("import-duplicate-form", "row", number),
            ));
            continue;
        }
        let Some(card) = cards_seen.get_mut(&f.code).and_then(|c| c.as_mut()) else {
            out.push(refuse("card_unknown", row + &tr.t("error-card_unknown")));
            continue;
        };
        if granted.contains(&(card.id, f.grant)) {
            out.push(RowOut::duplicate(
                number,
                "import_already_imported",
                tr.t1("import-already-imported", "row", number),
            ));
            continue;
        }
        let state = card.state();
        let verdict = match state.status {
            Status::Issued if card.grant_date.is_some_and(|g| g > f.grant) => {
                out.push(
                    refuse(
                        "import_grant_before_current",
                        row + &tr.t("import-grant-before-current"),
                    )
                    .found(),
                );
                continue;
            }
            Status::Issued if card.kind == Some(Kind::Community) => {
                Err(Refusal::CommunityCannotRenewAsPersonal)
            }
            Status::Issued => card::may_renew(&state, area, f.grant).map(|()| true),
            _ => card::may_issue(&state, area, point, f.grant).map(|()| false),
        };
        let renew = match verdict {
            Ok(renew) => renew,
            Err(r) => {
                let args = match &r {
                    Refusal::NotYetRenewable { from } => {
                        vec![("date", from.format("%-d.%-m.%Y").to_string())]
                    }
                    Refusal::AlreadyIssued {
                        valid_until: Some(d),
                    } => vec![("date", d.format("%-d.%-m.%Y").to_string())],
                    _ => vec![],
                };
                out.push(refuse(
                    r.code(),
                    row + &tr.t_args(&format!("error-{}", r.code()), &args),
                ));
                continue;
            }
        };
        let until = validity::valid_until(f.grant, trial);
        ready.push(IssuanceRow {
            card: card.id,
            renew,
            seen_until: card.valid_until,
            grant: f.grant,
            until,
            background: f.background,
            wellbeing: f.wellbeing,
        });
        // Later forms of the same card see it as this one leaves it.
        card.status = Status::Issued;
        card.kind = Some(Kind::Personal);
        card.grant_date = Some(f.grant);
        card.valid_until = Some(until);
        out.push(RowOut::accepted(number));
    }
    tick(progress, "checking", total, total);
    out.sort_by_key(|r| r.row);
    Ok((out, ready, passes))
}

/// Writes accepted forms, all in one transaction; with an import id, that
/// preview is marked confirmed in the same transaction.
/// Issues the new cards waiting, all or (when one was issued or voided
/// since the preview) none.
fn issue_batch(
    c: &mut kaiku_store::DbConn,
    scope: &IssuanceScope,
    waiting: &mut Vec<(Id, cards::Grant, NewEvent)>,
    at: chrono::NaiveDateTime,
) -> AppResult<()> {
    let issued = match c {
        // SQLite runs in the process: a statement a card costs no trip,
        // and it plans an update from a list of values as a scan.
        kaiku_store::DbConn::Sqlite(_) => {
            let mut n = 0;
            for (card, grant, history) in waiting.iter() {
                n += usize::from(cards::issue(c, &scope.imports, *card, grant, history, at)?);
            }
            n
        }
        kaiku_store::DbConn::Postgres(_) => {
            cards::issue_many(c, &scope.imports, scope.point, Kind::Personal, waiting, at)?
        }
    };
    if issued < waiting.len() {
        return Err(conflict("import_changed", "R-CARD-7"));
    }
    waiting.clear();
    Ok(())
}

pub async fn write(
    store: &Store,
    scope: IssuanceScope,
    rows: Vec<IssuanceRow>,
    import: Option<Id>,
    who: &Importer,
) -> AppResult<ConfirmOut> {
    let actor = who.actor.clone();
    let progress = who.progress.clone();
    store
        .write(move |c| {
            let reach = imports::ImportReach {
                usage: None,
                issuance: Some(&scope.imports),
            };
            if let Some(id) = import
                && !imports::confirm(c, reach, id)?
            {
                return Err(conflict("import_confirmed_already", "R-CARD-7"));
            }
            let total = rows.len();
            let at = now();
            let mut new_cards = vec![];
            for (n, r) in rows.iter().enumerate() {
                tick(&progress, "writing", n, total);
                let b = &r.background;
                let grant = cards::Grant {
                    kind: Kind::Personal,
                    point: scope.point,
                    grant_date: r.grant,
                    valid_until: r.until,
                    minor_children: Some(b.minor_children),
                };
                let history = NewEvent {
                    card_id: r.card,
                    event: if r.renew {
                        kaiku_core::card::Event::Renewed
                    } else {
                        kaiku_core::card::Event::Issued
                    },
                    at,
                    account_id: actor.account,
                    distribution_point_id: Some(scope.point),
                    area_id: scope.area,
                    kind: Some(Kind::Personal),
                    grant_date: Some(r.grant),
                    valid_until: Some(r.until),
                    birth_year: Some(b.birth_year),
                    mother_tongue: Some(b.mother_tongue.clone()),
                    gender: Some(b.gender.clone()),
                    postal_code: Some(b.postal_code.clone()),
                    minor_children: Some(b.minor_children),
                    life_situations: Some(b.life_situations.join(",")),
                    void_reason: None,
                    void_note: None,
                    wellbeing: r.wellbeing.clone(),
                };
                if !r.renew {
                    // New cards go in batches, in the sheet's order with the
                    // renewals (a sheet may renew a card it issued).
                    new_cards.push((r.card, grant, history));
                    continue;
                }
                issue_batch(c, &scope, &mut new_cards, at)?;
                let done = cards::renew(
                    c,
                    &scope.imports,
                    r.card,
                    r.seen_until,
                    &grant,
                    &history,
                    at,
                )?;
                // Someone issued, renewed or voided a card since the
                // preview: nothing of the import is written.
                if !done {
                    return Err(conflict("import_changed", "R-CARD-7"));
                }
            }
            issue_batch(c, &scope, &mut new_cards, at)?;
            tick(&progress, "writing", total, total);
            let renewals = rows.iter().filter(|r| r.renew).count();
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "import.issuance",
                    record_type: "distribution_point",
                    record_id: Some(scope.point),
                    area: Some(scope.area),
                    detail: format!(
                        "import={} forms={} renewals={renewals}",
                        import
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| "cli".into()),
                        rows.len(),
                    ),
                },
                at,
            )?;
            Ok(ConfirmOut {
                id: import.unwrap_or(0),
                kind: "issuance",
                recorded: rows.len(),
                items_created: None,
                renewals: Some(renewals),
            })
        })
        .await
}
