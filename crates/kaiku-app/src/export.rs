//! Tables as files people open in Excel (SPEC R-REP-1): CSV in UTF-8 with a
//! byte-order mark and `;` between fields, so that Excel in a Finnish or
//! Swedish locale keeps å, ä and ö; and real XLSX workbooks with typed
//! numbers and dates.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

/// One cell of a table to export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Date(NaiveDate),
    Empty,
}

/// A table: a title (the sheet's name), column headings, rows and a last
/// row of totals.
pub struct Table {
    pub title: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub totals: Vec<Cell>,
    /// Column widths in characters.
    pub widths: Vec<f64>,
}

/// A text that a spreadsheet would take for a formula is written as text
/// (`=`, `+`, `-`, `@` first): an item title must never run as one.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => defused(s),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => crate::dates::fi_date(*d),
        Cell::Empty => String::new(),
    }
}

/// The table as CSV: a byte-order mark, then one line per row, `;` between
/// fields and CRLF after each line; a field is quoted only when it holds
/// `;`, a quote or a line break.
pub fn csv(t: &Table) -> Vec<u8> {
    // Writing into memory cannot fail.
    const MEMORY: &str = "CSV into memory";
    let headings = t.headings.iter().map(|h| defused(h)).collect::<Vec<_>>();
    let rows = t.rows.iter().map(|r| r.iter().map(csv_cell).collect());
    let totals = Some(&t.totals)
        .filter(|t| !t.is_empty())
        .map(|t| t.iter().map(csv_cell).collect());
    let mut builder = csv::WriterBuilder::new();
    builder
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true);
    let mut w = builder.from_writer("\u{feff}".as_bytes().to_vec());
    for cells in std::iter::once(headings).chain(rows).chain(totals) {
        if cells.len() <= 1 && cells.iter().all(String::is_empty) {
            // The writer marks a line without a single character as `""`;
            // kaiku leaves it blank.
            let mut out = w.into_inner().expect(MEMORY);
            out.extend_from_slice(b"\r\n");
            w = builder.from_writer(out);
        } else {
            w.write_record(&cells).expect(MEMORY);
        }
    }
    w.into_inner().expect(MEMORY)
}

/// A sheet name as Excel allows: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let name: String = clean.chars().take(31).collect();
    if name.is_empty() {
        "Kaikukortti".into()
    } else {
        name
    }
}

pub fn xlsx(t: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&t.title))?;
    let bold = Format::new().set_bold();
    let bold_right = Format::new().set_bold().set_align(FormatAlign::Right);
    let date = Format::new().set_num_format("d.m.yyyy");
    for (c, h) in t.headings.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (c, w) in t.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let mut write = |row: u32, cells: &[Cell], strong: bool| -> Result<(), XlsxError> {
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) if strong => {
                    ws.write_string_with_format(row, col, s, &bold)?;
                }
                Cell::Text(s) => {
                    ws.write_string(row, col, s)?;
                }
                Cell::Number(n) if strong => {
                    ws.write_number_with_format(row, col, *n as f64, &bold_right)?;
                }
                Cell::Number(n) => {
                    ws.write_number(row, col, *n as f64)?;
                }
                Cell::Date(d) => {
                    ws.write_date_with_format(row, col, d, &date)?;
                }
                Cell::Empty => {}
            }
        }
        Ok(())
    };
    for (r, cells) in t.rows.iter().enumerate() {
        write(r as u32 + 1, cells, false)?;
    }
    if !t.totals.is_empty() {
        write(t.rows.len() as u32 + 1, &t.totals, true)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One text field as the CSV file holds it.
    fn csv_field(s: &str) -> String {
        let t = Table {
            title: String::new(),
            headings: vec![s.to_string()],
            rows: vec![],
            totals: vec![],
            widths: vec![],
        };
        let out = String::from_utf8(csv(&t)).unwrap();
        out.trim_start_matches('\u{feff}')
            .trim_end_matches("\r\n")
            .to_string()
    }

    #[test]
    fn r_rep_1_csv_quotes_and_defuses() {
        assert_eq!(csv_field("Kalle; Pelle"), "\"Kalle; Pelle\"");
        assert_eq!(csv_field("Sanoi \"hei\""), "\"Sanoi \"\"hei\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        let name = sheet_name("Teater Hilla: 1.2.2020–29.2.2020 [kaikki/all]");
        assert!(
            name.chars().count() <= 31 && !name.contains([':', '[', ']', '/']),
            "{name}"
        );
        assert_eq!(sheet_name("[]"), "--");
    }
}
