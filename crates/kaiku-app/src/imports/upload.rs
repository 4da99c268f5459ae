//! An upload read: its headings understood (a column naming a person is
//! noted and never read), its rows numbered as the sheet numbers them, a row
//! with a personal identity code refused before anything else looks at it
//! (R-PRIV-1), and the refused rows kept as a sheet to download and fix.

use super::RowOut;
use crate::error::{AppError, AppResult, RefusalKind, Refused};
use crate::i18n::Tr;
use crate::sheet::{self, SheetError};
use kaiku_core::identity::contains_identity_code;
use kaiku_core::import::{self, Column, Headings, Sheet};
use serde::{Deserialize, Serialize};

/// The refused rows of an upload, to fix and send again: the columns kaiku
/// read, each cell as it was if it passed its column's check and empty if
/// it did not (a refused cell may hold anything: a name, a phone number, a
/// birth date; it is never kept, R-PRIV-5), and the reason.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct RefusedSheet {
    pub(super) headings: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

/// Whether a cell of a column passes that column's check by itself.
pub(super) type Passes = Box<dyn Fn(Column, &str) -> bool + Send>;

impl RefusedSheet {
    /// The sheet of the refused rows; each refused verdict learns which of
    /// its columns failed. The cells kept are moved out of `opened`'s rows,
    /// not copied: a long sheet is held once.
    pub(super) fn of(
        opened: &mut Opened,
        verdicts: &mut [RowOut],
        tr: &Tr,
        passes: &Passes,
    ) -> RefusedSheet {
        let read: Vec<(usize, Column)> = opened.headings.columns.clone();
        let mut headings: Vec<String> = read.iter().map(|(i, _)| opened.head[*i].clone()).collect();
        headings.push(tr.t("import-reason"));
        let by_number: std::collections::HashMap<usize, usize> = opened
            .rows
            .iter()
            .enumerate()
            .map(|(k, (n, _))| (*n, k))
            .collect();
        let mut rows = vec![];
        for (n, v) in verdicts
            .iter_mut()
            .filter(|v| v.status == "refused")
            .enumerate()
        {
            let k = by_number[&v.row];
            // A cell of a column kaiku does not read is never kept; one with
            // an identity code is the row's failing column all the same.
            let marked = (v.code == Some("import_identity_code"))
                .then(|| opened.identity_code_in(&opened.rows[k].1))
                .flatten();
            let row = &mut opened.rows[k].1;
            let mut cells = vec![];
            for &(i, column) in &read {
                let c = row.get_mut(i).map(std::mem::take).unwrap_or_default();
                if passes(column, &c) && !v.blames(column) {
                    cells.push(c);
                } else {
                    cells.push(String::new());
                    v.columns.push(letter(i));
                }
            }
            if let Some(i) = marked {
                let l = letter(i);
                if !v.columns.contains(&l) {
                    v.columns.push(l);
                }
            }
            // Past the rows a preview lists, the verdict's words move to the
            // sheet rather than being held twice.
            cells.push(if n < super::PREVIEW_ROWS {
                v.reason.clone().unwrap_or_default()
            } else {
                v.reason.take().unwrap_or_default()
            });
            rows.push(cells);
        }
        RefusedSheet { headings, rows }
    }
}

/// A sheet read and its headings understood.
pub(crate) struct Opened {
    /// The headings.
    pub(super) head: Vec<String>,
    /// The rows after the headings, each with its number in the sheet.
    pub(super) rows: Vec<sheet::Row>,
    pub(super) headings: Headings,
    pub(super) notes: Vec<String>,
}

impl Opened {
    pub(super) fn col(&self, want: Column) -> Option<usize> {
        self.headings
            .columns
            .iter()
            .find(|(_, c)| *c == want)
            .map(|(i, _)| *i)
    }

    /// Notes each column whose heading is not known: it is ignored.
    pub(super) fn note_unknown(&mut self, tr: &Tr) {
        let unknown = self.headings.unknown.iter();
        self.notes
            .extend(unknown.map(|&i| tr.t1("import-unknown-column", "column", letter(i))));
    }

    /// The column with a personal identity code in this row, if any: every
    /// cell is looked at but those of columns never read.
    fn identity_code_in(&self, row: &[String]) -> Option<usize> {
        row.iter()
            .enumerate()
            .position(|(i, c)| !self.headings.identifying.contains(&i) && contains_identity_code(c))
    }

    /// The rows after the headings with their sheet numbers; a totals row
    /// is not a row to import.
    pub(super) fn data(&self) -> impl Iterator<Item = (usize, &Vec<String>)> {
        let code = self.col(Column::CardCode).unwrap_or(0);
        self.rows
            .iter()
            .map(|(n, r)| (*n, r))
            .filter(move |(_, r)| {
                let first = r
                    .get(code)
                    .map(|s| s.trim().to_lowercase())
                    .unwrap_or_default();
                r.iter().any(|x| !x.trim().is_empty())
                    && ![
                        "yhteensä",
                        "sammanlagt",
                        "totalt",
                        "total",
                        "totals",
                        "summa",
                    ]
                    .contains(&first.as_str())
            })
    }

    pub(super) fn refusal(&self, number: usize, row: &[String], tr: &Tr) -> Option<RowOut> {
        self.identity_code_in(row).map(|i| {
            RowOut::refused(
                number,
                "import_identity_code",
                tr.t_args(
                    "import-identity-code",
                    &[("row", number.to_string()), ("column", letter(i))],
                ),
            )
        })
    }
}

/// The column letter of a column index, as Excel shows it.
pub(crate) fn letter(i: usize) -> String {
    let mut n = i + 1;
    let mut s = vec![];
    while n > 0 {
        s.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

fn sheet_error(e: SheetError) -> AppError {
    AppError::Refused(Refused {
        kind: RefusalKind::BadInput,
        code: e.code(),
        rule: "R-USE-6",
        args: vec![],
    })
}

/// Reads an upload and its headings; a sheet that lacks a column it must
/// have is refused as a whole.
pub(super) fn open(bytes: &[u8], kind: Sheet, tr: &Tr) -> AppResult<Opened> {
    let mut rows = sheet::read_numbered(bytes).map_err(sheet_error)?;
    let head = rows.remove(0).1;
    let headings = import::read_headings(kind, &head);
    if !headings.missing.is_empty() {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::BadInput,
            code: match kind {
                Sheet::Usage => "import_missing_columns",
                Sheet::Issuance => "import_missing_form_columns",
            },
            rule: match kind {
                Sheet::Usage => "R-REP-1",
                Sheet::Issuance => "R-CARD-5",
            },
            args: vec![(
                "columns",
                headings
                    .missing
                    .iter()
                    .map(|c| tr.t(&format!("import-col-{}", c.as_ref())))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        }));
    }
    if rows.is_empty() {
        return Err(AppError::Refused(Refused {
            kind: RefusalKind::BadInput,
            code: "sheet_no_rows",
            rule: "R-USE-6",
            args: vec![],
        }));
    }
    let notes: Vec<String> = headings
        .identifying
        .iter()
        .map(|&i| {
            tr.t_args(
                "import-identifying-column",
                &[
                    ("column", letter(i)),
                    ("heading", head[i].chars().take(40).collect()),
                ],
            )
        })
        .collect();
    Ok(Opened {
        head,
        rows,
        headings,
        notes,
    })
}
