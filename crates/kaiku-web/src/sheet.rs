//! Uploaded spreadsheets read into rows of text (issue 7, groundwork): XLSX
//! (told by its zip signature) or CSV in UTF-8 — with or without a byte-order
//! mark — or Windows-1252 as older Excel saves it, separated by `;`, `,` or
//! tabs. Hostile files are refused before they can take memory: a zip whose
//! contents would unpack far larger than the file, more rows than Excel has.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

/// Excel's own limit of rows in a sheet.
pub const MAX_ROWS: usize = 1_048_576;
/// What an XLSX may unpack to, in all, and how much more than it weighs.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
const MAX_RATIO: u64 = 200;

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
}

impl SheetError {
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Empty => "sheet_empty",
            SheetError::NotASheet => "sheet_unreadable",
            SheetError::TooLargeUnpacked => "sheet_zip_bomb",
            SheetError::TooManyRows => "sheet_too_many_rows",
        }
    }
}

/// The first sheet's rows, headings first, every cell as text (dates as
/// `YYYY-MM-DD`, whole numbers without decimals). Rows that are wholly
/// empty are dropped.
pub fn read(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty);
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        xlsx(bytes)?
    } else {
        csv(bytes)?
    };
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(rows)
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

fn csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let t = text(bytes);
    let first = t.lines().next().unwrap_or("");
    // The separator the heading row uses most; `;` (Excel's in Finland) on a tie.
    let count = |d: u8| first.matches(char::from(d)).count();
    let delimiter =
        [b',', b'\t'].into_iter().fold(
            b';',
            |best, d| if count(d) > count(best) { d } else { best },
        );
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(t.as_bytes());
    let mut rows = vec![];
    for rec in r.records() {
        let rec = rec.map_err(|_| SheetError::NotASheet)?;
        if rows.len() == MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
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
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| SheetError::NotASheet)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(SheetError::Empty)?
        .map_err(|_| SheetError::NotASheet)?;
    if range.height() > MAX_ROWS {
        return Err(SheetError::TooManyRows);
    }
    Ok(range.rows().map(|r| r.iter().map(cell).collect()).collect())
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
        assert_eq!(rows[3][1], "", "merged cells are read once");
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
}
