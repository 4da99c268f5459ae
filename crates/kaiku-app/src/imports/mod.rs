//! Spreadsheets in: a venue's usage sheet or a point's transfer
//! forms are checked row by row into a preview that says what would be
//! accepted and why each other row is refused; a confirmation writes every
//! accepted row in one transaction, or nothing. A row imported before is
//! recognised by its content and not written twice. A column naming a
//! person is never read, and a cell that looks like a personal identity code
//! refuses its row without being stored or repeated back (R-PRIV-1). The
//! refused rows can be downloaded as a sheet with a reason column.

pub mod issuance;
mod upload;
pub mod usage;

use crate::Caller;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::export::{Cell, Table};
use crate::i18n::Tr;
use upload::{Opened, RefusedSheet, open};

use kaiku_core::Id;
use kaiku_core::import::{self, Column, Sheet};
use kaiku_core::policy;
use kaiku_store::imports::{self, NewImport};
use kaiku_store::{Actor, Store, audit, now};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;

/// Told how far a long import has come: the phase (`checking`, `writing`),
/// rows done and rows in all. The command line draws a bar with it.
pub type Progress = Arc<dyn Fn(&'static str, usize, usize) + Send + Sync>;

/// How often progress is told, in rows.
const TICK: usize = 2_000;

fn tick(p: &Option<Progress>, phase: &'static str, done: usize, total: usize) {
    if let Some(p) = p
        && (done.is_multiple_of(TICK) || done == total)
    {
        p(phase, done, total);
    }
}

/// Who imports: the name in the audit trail, the language of the reasons,
/// and where progress goes.
#[derive(Clone)]
pub struct Importer {
    pub actor: Actor,
    pub tr: Tr,
    pub progress: Option<Progress>,
}

impl Importer {
    pub fn of(caller: &Caller) -> Importer {
        Importer {
            actor: caller.actor(),
            tr: caller.tr,
            progress: None,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RowOut {
    /// The row's number in the sheet (the headings are row 1).
    pub row: usize,
    /// `accepted`, `refused` or `duplicate`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The columns (as the sheet letters them) whose cells failed their
    /// check; those cells are not kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The columns the refusal blames besides those its code does
    /// ([`kaiku_core::import::blamed`]): a background answer the form's lists refused.
    #[serde(skip)]
    blame: Vec<Column>,
    /// The row's card code names a card of the register: only then is the
    /// code kept in the refused-rows sheet.
    #[serde(skip)]
    card_found: bool,
}

impl RowOut {
    fn accepted(row: usize) -> RowOut {
        RowOut {
            row,
            status: "accepted",
            code: None,
            reason: None,
            columns: vec![],
            blame: vec![],
            card_found: false,
        }
    }

    fn refused(row: usize, code: &'static str, reason: String) -> RowOut {
        RowOut {
            row,
            status: "refused",
            code: Some(code),
            reason: Some(reason),
            columns: vec![],
            blame: vec![],
            card_found: false,
        }
    }

    fn found(mut self) -> RowOut {
        self.card_found = true;
        self
    }

    fn blaming(mut self, column: Column) -> RowOut {
        self.blame.push(column);
        self
    }

    /// Whether this refusal blames the cell of `column`.
    fn blames(&self, column: Column) -> bool {
        self.blame.contains(&column)
            || self
                .code
                .is_some_and(|c| import::blamed(c).contains(&column))
    }

    fn duplicate(row: usize, code: &'static str, reason: String) -> RowOut {
        RowOut {
            row,
            status: "duplicate",
            code: Some(code),
            reason: Some(reason),
            columns: vec![],
            blame: vec![],
            card_found: false,
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PreviewOut {
    pub id: Id,
    pub accepted: usize,
    pub refused: usize,
    pub duplicates: usize,
    /// Columns not read: those naming a person, and unknown headings.
    pub notes: Vec<String>,
    /// Every row's verdict; for a sheet of more than [`PREVIEW_ROWS`] rows,
    /// the first refused and duplicate rows only (the refused-rows sheet
    /// has every refused row).
    pub rows: Vec<RowOut>,
    /// Rows judged but not listed in `rows`.
    pub rows_not_listed: usize,
}

/// The most row verdicts a preview lists: a person reads through this many,
/// and an answer stays small whatever the sheet's length.
pub const PREVIEW_ROWS: usize = 500;

/// A checked sheet: every row's verdict, and the accepted rows ready to be
/// written (`T`).
pub struct Checked<T> {
    pub notes: Vec<String>,
    pub rows: Vec<RowOut>,
    pub ready: Vec<T>,
    /// The refused rows as a sheet to download, fix and send again.
    refused_sheet: RefusedSheet,
}

impl<T> Checked<T> {
    pub fn accepted(&self) -> usize {
        self.ready.len()
    }

    pub fn refused(&self) -> usize {
        self.rows.iter().filter(|r| r.status == "refused").count()
    }

    pub fn duplicates(&self) -> usize {
        self.rows.iter().filter(|r| r.status == "duplicate").count()
    }

    fn preview(self, id: Id) -> PreviewOut {
        let (accepted, refused, duplicates) = (self.accepted(), self.refused(), self.duplicates());
        let total = self.rows.len();
        let rows: Vec<RowOut> = if total <= PREVIEW_ROWS {
            self.rows
        } else {
            self.rows
                .into_iter()
                .filter(|r| r.status != "accepted")
                .take(PREVIEW_ROWS)
                .collect()
        };
        PreviewOut {
            id,
            accepted,
            refused,
            duplicates,
            notes: self.notes,
            rows_not_listed: total - rows.len(),
            rows,
        }
    }
}

/// Reads an upload and judges its rows in one read of the register:
/// `judge` says of every row what it would be and gives the accepted ones.
async fn check<T, J>(
    store: &Store,
    who: &Importer,
    kind: Sheet,
    bytes: Vec<u8>,
    judge: J,
) -> AppResult<Checked<T>>
where
    T: Send + 'static,
    J: FnOnce(
            &mut kaiku_store::DbConn,
            &Opened,
            &Tr,
            &Option<Progress>,
        ) -> AppResult<(Vec<RowOut>, Vec<T>, upload::Passes)>
        + Send
        + 'static,
{
    let tr = who.tr;
    let mut opened = open(&bytes, kind, &tr)?;
    drop(bytes);
    let progress = who.progress.clone();
    store
        .read(move |c| {
            if kind == Sheet::Issuance {
                let questions: Vec<(Id, Vec<String>)> = kaiku_store::wellbeing::list(c)?
                    .into_iter()
                    .map(|q| (q.id, vec![q.text_fi, q.text_sv, q.text_en]))
                    .collect();
                opened.headings.read_questions(&opened.head, &questions);
            }
            opened.note_unknown(&tr);
            let (mut rows, ready, passes) = judge(c, &opened, &tr, &progress)?;
            Ok(Checked {
                refused_sheet: RefusedSheet::of(&mut opened, &mut rows, &tr, &passes),
                notes: opened.notes,
                rows,
                ready,
            })
        })
        .await
}

/// Where an upload goes.
enum Target {
    Usage(usage::UsageScope),
    Issuance(issuance::IssuanceScope),
}

/// Keeps a checked sheet as a preview to confirm later.
async fn save<T: Serialize>(
    store: &Store,
    who: &Importer,
    to: Target,
    mut checked: Checked<T>,
) -> AppResult<PreviewOut> {
    let (accepted, refused) = (checked.accepted() as i32, checked.refused() as i32);
    let content = serde_json::to_string(&checked.ready).map_err(|_| AppError::Internal)?;
    // Each part is freed as soon as it is written out or answered (the rows
    // beyond the preview's first of all): a long sheet is held once, not
    // three times.
    let refused_sheet = std::mem::take(&mut checked.refused_sheet);
    let mut preview = checked.preview(0);
    let refused_rows = serde_json::to_string(&refused_sheet).map_err(|_| AppError::Internal)?;
    drop(refused_sheet);
    let by = who.actor.label.clone();
    let actor = who.actor.clone();
    let id = store
        .write(move |c| {
            let new = NewImport {
                by: &by,
                accepted,
                refused,
                content: &content,
                refused_rows: &refused_rows,
            };
            let (id, area) = match &to {
                Target::Usage(s) => (
                    imports::create_usage(c, s.reports(), s.venue(), &new, now())?,
                    s.area(),
                ),
                Target::Issuance(s) => (
                    imports::create_issuance(c, s.imports(), s.point(), &new, now())?,
                    s.area(),
                ),
            };
            // The preview lists the sheet's card codes back (R-AUTH-4).
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "import.preview",
                    record_type: "import",
                    record_id: Some(id),
                    area: Some(area),
                    detail: format!("accepted={accepted} refused={refused}"),
                },
                now(),
            )?;
            Ok::<_, kaiku_store::StoreError>(id)
        })
        .await?;
    preview.id = id;
    Ok(preview)
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmInput {
    /// Write the accepted rows although the sheet has refused ones.
    #[serde(default, deserialize_with = "crate::flex::bool")]
    pub only_accepted: bool,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ConfirmOut {
    pub id: Id,
    /// `usage` or `issuance`.
    pub kind: &'static str,
    pub recorded: usize,
    /// Backlog items a usage sheet created for its titles and days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_created: Option<usize>,
    /// Of the transfer forms, how many renewed a card issued before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewals: Option<usize>,
}

fn conflict(code: &'static str, rule: &'static str) -> AppError {
    AppError::Refused(Refused {
        kind: RefusalKind::Conflict,
        code,
        rule,
        args: vec![],
    })
}

/// The import with this id, when the caller may see and confirm it: the
/// venue's people for a usage sheet, the point's for transfer forms. Any
/// other is not found.
async fn import_of(store: &Store, caller: &Caller, id: Id) -> AppResult<imports::Import> {
    let p = caller.principal();
    let (usage, issuance) = (policy::venue_reports(p), policy::issuance_imports(p));
    if usage.is_none() && issuance.is_none() {
        return Err(AppError::Forbidden);
    }
    Ok(store
        .read(move |c| {
            let reach = imports::ImportReach {
                usage: usage.as_ref(),
                issuance: issuance.as_ref(),
            };
            imports::get(c, reach, id)
        })
        .await?)
}

/// Writes a preview's accepted rows, all in one transaction. With refused
/// rows in the sheet, only when asked for explicitly (`only_accepted`).
pub async fn confirm(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &ConfirmInput,
) -> AppResult<ConfirmOut> {
    let imp = import_of(store, caller, id).await?;
    if imp.refused > 0 && !i.only_accepted {
        return Err(conflict("import_has_refused_rows", "R-USE-6"));
    }
    let who = Importer::of(caller);
    match (imp.kind, imp.venue_id, imp.point_id) {
        (Sheet::Usage, Some(venue), _) => {
            let scope = usage::UsageScope::of(store, caller.principal(), venue).await?;
            let rows = serde_json::from_str(&imp.content).map_err(|_| AppError::Internal)?;
            usage::write(store, scope, rows, Some(id), &who).await
        }
        (Sheet::Issuance, _, Some(point)) => {
            let scope = issuance::IssuanceScope::of(store, caller.principal(), point).await?;
            let rows = serde_json::from_str(&imp.content).map_err(|_| AppError::Internal)?;
            issuance::write(store, scope, rows, Some(id), &who).await
        }
        _ => Err(AppError::NotFound),
    }
}

/// The import's kind, venue and point, for a screen that goes back to it.
pub async fn get(store: &Store, caller: &Caller, id: Id) -> AppResult<imports::Import> {
    import_of(store, caller, id).await
}

/// The refused rows of a preview as a sheet: the columns read, and a last
/// column with the reason. Fixed, it can be uploaded again as it is.
pub async fn refused_rows(store: &Store, caller: &Caller, id: Id) -> AppResult<Table> {
    let imp = get(store, caller, id).await?;
    crate::audit::listed(
        store,
        caller,
        crate::audit::Listed {
            action: "import.refused_rows",
            record_type: "import",
            record_id: Some(id),
            area: Some(imp.area_id),
            detail: format!("rows={}", imp.refused),
        },
    )
    .await?;
    let sheet: RefusedSheet = if imp.refused_rows.is_empty() {
        RefusedSheet::default()
    } else {
        serde_json::from_str(&imp.refused_rows).map_err(|_| AppError::Internal)?
    };
    let widths = sheet
        .headings
        .iter()
        .enumerate()
        .map(|(i, _)| {
            if i + 1 == sheet.headings.len() {
                60.0
            } else {
                16.0
            }
        })
        .collect();
    Ok(Table {
        title: caller.tr.t("import-refused-rows"),
        headings: sheet.headings,
        rows: sheet
            .rows
            .into_iter()
            .map(|r| r.into_iter().map(Cell::Text).collect())
            .collect(),
        totals: vec![],
        widths,
    })
}
