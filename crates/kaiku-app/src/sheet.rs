//! Uploaded spreadsheets read into rows of text: XLSX
//! (told by its zip signature) or CSV in UTF-8 — with or without a byte-order
//! mark — or Windows-1252 as older Excel saves it, separated by `;`, `,` or
//! tabs. Hostile files are refused before they can take memory or time: a
//! zip whose contents would unpack far larger than the file, more rows than
//! a backlog needs, more columns than any form has, a cell longer than any
//! answer on one.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

/// The most rows one upload may have, headings included. Excel allows
/// 1 048 576; a backlog that long is imported in parts, so that memory stays
/// bounded and a preview stays something a person can read through.
pub const MAX_ROWS: usize = 200_001;
/// What an XLSX may unpack to, in all, and how much more than it weighs.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
const MAX_RATIO: u64 = 200;
/// The most columns with anything in them: the widest form kaiku reads has
/// a dozen, and a sheet of the register's own with notes beside it stays
/// well under this. Empty cells beyond it are let be.
pub const MAX_COLUMNS: usize = 64;
/// The longest cell: an item's title or a list of life situations is far
/// shorter.
pub const MAX_CELL: usize = 1000;
/// Excel's widest sheet.
const EXCEL_COLUMNS: usize = 16_384;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("empty")]
    Empty,
    #[error("not a spreadsheet")]
    NotASheet,
    #[error("unpacks too large")]
    TooLargeUnpacked,
    #[error("too many rows")]
    TooManyRows,
    #[error("too many columns")]
    TooManyColumns,
    #[error("a cell too long")]
    CellTooLong,
}

impl SheetError {
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Empty => "sheet_empty",
            SheetError::NotASheet => "sheet_unreadable",
            SheetError::TooLargeUnpacked => "sheet_zip_bomb",
            SheetError::TooManyRows => "sheet_too_many_rows",
            SheetError::TooManyColumns => "sheet_too_many_columns",
            SheetError::CellTooLong => "sheet_cell_too_long",
        }
    }
}

/// A row of a sheet: its number as the spreadsheet shows it, and its cells.
pub type Row = (usize, Vec<String>);

/// The first sheet's rows that hold anything, each with its row number,
/// every cell as text (dates as `YYYY-MM-DD`, whole numbers without
/// decimals).
pub fn read_numbered(bytes: &[u8]) -> Result<Vec<Row>, SheetError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty);
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        // A hostile sheet must never take the request down with it: a
        // reader that panics on it (a cell reference past any number) has
        // read no sheet.
        std::panic::catch_unwind(|| xlsx(bytes)).unwrap_or(Err(SheetError::NotASheet))?
    } else {
        csv(bytes)?
    };
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(rows)
}

/// The first sheet's rows that hold anything, headings first.
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    Ok(read_numbered(bytes)?.into_iter().map(|(_, r)| r).collect())
}

/// Windows-1252's bytes 0x80–0x9F; the rest of it is Latin-1.
const CP1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9f => CP1252[usize::from(b - 0x80)],
                b => char::from(b),
            })
            .collect(),
    }
}

fn csv(bytes: &[u8]) -> Result<Vec<Row>, SheetError> {
    let t = text(bytes);
    let first = t.lines().next().unwrap_or("");
    // The separator the heading row uses most; `;` (Excel's in Finland) on a tie.
    let count = |d: u8| first.matches(char::from(d)).count();
    let delimiter =
        [b',', b'\t'].into_iter().fold(
            b';',
            |best, d| if count(d) > count(best) { d } else { best },
        );
    // No spreadsheet has more columns than Excel's 16 384: a line with more
    // separators is refused before the reader spends memory on its fields.
    if t.split('\n')
        .any(|l| l.bytes().filter(|b| *b == delimiter).count() >= EXCEL_COLUMNS)
    {
        return Err(SheetError::TooManyColumns);
    }
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(t.as_bytes());
    let mut rows = vec![];
    let (mut at, mut line) = (0, 1);
    for rec in r.records() {
        let rec = rec.map_err(|_| SheetError::NotASheet)?;
        if rows.len() == MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        // The line a record starts on: the reader skips blank lines, which
        // still count in the row numbers a person sees in Excel.
        let start = rec.position().map_or(at, |p| p.byte() as usize);
        let first = t.as_bytes()[start..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(t.len(), |k| start + k);
        line += t.as_bytes()[at..first]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        at = first;
        rows.push((line, bounded(rec.iter())?));
    }
    Ok(rows)
}

/// A row's cells, refused when one lies past [`MAX_COLUMNS`] or is longer
/// than [`MAX_CELL`]; empty cells past the last column are dropped.
fn bounded<'a>(cells: impl Iterator<Item = &'a str>) -> Result<Vec<String>, SheetError> {
    let mut row = vec![];
    let mut empty_run = 0;
    for c in cells {
        if c.trim().is_empty() {
            empty_run += 1;
            continue;
        }
        if row.len() + empty_run >= MAX_COLUMNS {
            return Err(SheetError::TooManyColumns);
        }
        if c.len() > MAX_CELL * 4 || c.chars().count() > MAX_CELL {
            return Err(SheetError::CellTooLong);
        }
        row.extend(std::iter::repeat_n(String::new(), empty_run));
        empty_run = 0;
        row.push(c.to_string());
    }
    Ok(row)
}

fn xlsx(bytes: &[u8]) -> Result<Vec<Row>, SheetError> {
    // Look at what the zip says it holds before anything is unpacked.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::NotASheet)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|_| SheetError::NotASheet)?;
        total += f.size();
        if total > MAX_UNPACKED || f.size() > f.compressed_size().max(1024) * MAX_RATIO {
            return Err(SheetError::TooLargeUnpacked);
        }
    }
    // The sizes a zip declares can lie: the largest part is unpacked once,
    // bounded, to be sure.
    for i in 0..zip.len() {
        let f = zip.by_index(i).map_err(|_| SheetError::NotASheet)?;
        let declared = f.size();
        let read = std::io::copy(&mut f.take(MAX_UNPACKED + 1), &mut std::io::sink())
            .map_err(|_| SheetError::NotASheet)?;
        if read > MAX_UNPACKED || read != declared {
            return Err(SheetError::TooLargeUnpacked);
        }
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| SheetError::NotASheet)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SheetError::Empty)?;
    // Cell by cell, so that a sheet with too many rows is refused before
    // it is held in memory.
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| SheetError::NotASheet)?;
    let mut rows: Vec<Row> = vec![];
    while let Some(c) = cells.next_cell().map_err(|_| SheetError::NotASheet)? {
        let (r, col) = c.get_position();
        let (number, col) = (r as usize + 1, col as usize);
        let value = cell(&Data::from(c.get_value().clone()));
        if value.trim().is_empty() {
            continue;
        }
        if col >= MAX_COLUMNS {
            return Err(SheetError::TooManyColumns);
        }
        if value.chars().count() > MAX_CELL {
            return Err(SheetError::CellTooLong);
        }
        if rows.last().is_none_or(|(n, _)| *n != number) {
            if rows.len() == MAX_ROWS {
                return Err(SheetError::TooManyRows);
            }
            rows.push((number, vec![]));
        }
        let row = &mut rows.last_mut().expect("pushed above").1;
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        row[col] = value;
    }
    Ok(rows)
}

fn cell(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.date().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{Format, Workbook};

    fn sheet(rows: &[&str]) -> Vec<u8> {
        rows.join("\r\n").into_bytes()
    }

    #[test]
    fn r_use_6_csv_in_any_encoding_and_separator_excel_uses() {
        let want = vec![
            vec!["Kortnummer".to_string(), "Föreställning".into()],
            vec!["E2251".into(), "Trollkarlen Matti".into()],
        ];
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend(sheet(&[
            "Kortnummer;Föreställning",
            "E2251;Trollkarlen Matti",
        ]));
        assert_eq!(read(&bom).unwrap(), want);
        assert_eq!(
            read(&sheet(&[
                "Kortnummer,Föreställning",
                "E2251,Trollkarlen Matti",
                ""
            ]))
            .unwrap(),
            want
        );
        // Windows-1252, as older Excel saves "CSV (semicolon)": ö is 0xF6.
        let old = b"Kortnummer;F\xf6rest\xe4llning\r\nE2251;Trollkarlen Matti\r\n".to_vec();
        assert_eq!(read(&old).unwrap()[0][1], "Föreställning");
        assert_eq!(read(b"").unwrap_err(), SheetError::Empty);
        assert_eq!(read(b" \r\n ;;\r\n").unwrap_err(), SheetError::Empty);
    }

    #[test]
    fn r_use_6_xlsx_with_typed_cells_formulas_and_merged_cells() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Kortnummer").unwrap();
        ws.write_string(0, 1, "Vuxna").unwrap();
        ws.write_string(0, 2, "Datum").unwrap();
        ws.write_string(1, 0, "E2251").unwrap();
        ws.write_number(1, 1, 1.0).unwrap();
        let date = Format::new().set_num_format("d.m.yyyy");
        ws.write_date_with_format(
            1,
            2,
            chrono::NaiveDate::from_ymd_opt(2020, 2, 3).unwrap(),
            &date,
        )
        .unwrap();
        ws.write_formula(2, 1, "=1+1").unwrap();
        ws.merge_range(3, 0, 3, 2, "yhdistetty", &Format::new())
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let rows = read(&bytes).unwrap();
        assert_eq!(rows[1], ["E2251", "1", "2020-02-03"]);
        assert_eq!(rows[3][0], "yhdistetty");
        assert_eq!(rows[3].len(), 1, "merged cells are read once");
    }

    #[test]
    fn r_use_6_a_zip_bomb_disguised_as_xlsx_is_refused_unread() {
        let mut out = Cursor::new(vec![]);
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default();
            z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            let zeros = vec![0u8; 1024 * 1024];
            for _ in 0..64 {
                std::io::Write::write_all(&mut z, &zeros).unwrap();
            }
            z.finish().unwrap();
        }
        assert_eq!(
            read(&out.into_inner()).unwrap_err(),
            SheetError::TooLargeUnpacked
        );
        assert_eq!(
            read(b"PK\x03\x04 not really").unwrap_err(),
            SheetError::NotASheet
        );
    }

    /// Excel's most rows, 1 048 576, as CSV and as XLSX: refused as too
    /// many before they are all held in memory.
    #[test]
    fn r_use_6_a_sheet_of_excels_million_rows_is_refused_clearly() {
        let mut csv = String::from("Kortnummer;Vuxna;Barn;Föreställning;Datum\n");
        for n in 1..1_048_576 {
            csv.push_str(&format!("E{n};1;0;Konsert;3.2.2020\n"));
        }
        assert_eq!(read(csv.as_bytes()).unwrap_err(), SheetError::TooManyRows);
        let mut out = Cursor::new(vec![]);
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            let part = |z: &mut zip::ZipWriter<&mut Cursor<Vec<u8>>>, name: &str, body: &str| {
                z.start_file(name, stored).unwrap();
                std::io::Write::write_all(z, body.as_bytes()).unwrap();
            };
            part(
                &mut z,
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            );
            part(
                &mut z,
                "_rels/.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            );
            part(
                &mut z,
                "xl/workbook.xml",
                r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            );
            part(
                &mut z,
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            );
            let mut sheet = String::from(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
            );
            for r in 1..=1_048_576 {
                sheet.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
            }
            sheet.push_str("</sheetData></worksheet>");
            part(&mut z, "xl/worksheets/sheet1.xml", &sheet);
            z.finish().unwrap();
        }
        assert_eq!(
            read(&out.into_inner()).unwrap_err(),
            SheetError::TooManyRows
        );
    }

    #[test]
    fn r_use_6_rows_keep_the_numbers_the_spreadsheet_shows() {
        let rows = read_numbered(b"Kortnummer;Vuxna\n\nE1;1\n;\nE2;\"2\nrader\"\nE3;1\n").unwrap();
        let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 3, 5, 7]);
    }
}
