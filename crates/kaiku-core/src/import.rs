//! Spreadsheets in: recognising the columns of a usage
//! or issuance sheet by their headings in Finnish, Swedish or English, in
//! any order; refusing columns that name a person (R-PRIV-1, R-CARD-5); and
//! reading dates as people and Excel write them.

use chrono::NaiveDate;

crate::text::text_enum! {
    /// What a sheet holds.
    pub enum Sheet {
        /// The venue report's columns (R-REP-1, R-USE-6).
        Usage,
        /// The transfer form's columns (§4.2).
        Issuance,
    }
}

crate::text::text_enum! {
    /// An uploaded sheet waits as a preview until it is confirmed, once.
    pub enum ImportStatus {
        Preview,
        Confirmed,
    }
}

crate::text::text_enum! {
    pub enum Column {
        CardCode,
        Adults,
        Children,
        #[strum(serialize = "item_title")]
        #[serde(rename = "item_title")]
        Title,
        Date,
        GrantDate,
        BirthYear,
        MotherTongue,
        Gender,
        PostalCode,
        LifeSituations,
        MinorChildren,
        /// An answer to a well-being question (R-WELL-1), headed with the
        /// question's text in any of the three languages; a sheet may have
        /// one such column per question.
        Wellbeing,
    }
}

impl Column {
    /// The columns a sheet must have.
    pub fn required(sheet: Sheet) -> &'static [Column] {
        match sheet {
            Sheet::Usage => &[
                Column::CardCode,
                Column::Adults,
                Column::Children,
                Column::Title,
                Column::Date,
            ],
            Sheet::Issuance => &[Column::CardCode, Column::GrantDate, Column::BirthYear],
        }
    }
}

/// A heading as compared: lower case, without punctuation, spaces or a
/// remark in brackets ("Biljett för barn (under 16 år)", "Kortets kod
/// (bestående av siffror och/eller bokstäver)" as the model's own form has
/// them), unless the remark is all there is.
fn folded(h: &str) -> String {
    let mut depth = 0usize;
    let outside: String = h
        .chars()
        .filter(|c| match c {
            '(' | '[' => {
                depth += 1;
                false
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect();
    let fold = |s: &str| -> String {
        s.trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    match fold(&outside) {
        f if f.is_empty() => fold(h),
        f => f,
    }
}

/// The headings each column is known by, folded, in the three languages.
const KNOWN: &[(Column, &[&str])] = &[
    (
        Column::CardCode,
        &[
            "kortinkoodi",
            "kortinnumero",
            "kortetskod",
            "kortti",
            "koodi",
            "kortnummer",
            "kortkod",
            "kort",
            "cardcode",
            "cardnumber",
            "card",
            "code",
        ],
    ),
    (
        Column::Adults,
        &[
            "aikuiset",
            "aikuisia",
            "aikuistenliput",
            "aikuistenlippu",
            "aikuisenlippu",
            "vuxna",
            "vuxenbiljetter",
            "vuxenbiljett",
            "biljettförvuxna",
            "biljetterförvuxna",
            "adultticket",
            "adults",
            "adulttickets",
        ],
    ),
    (
        Column::Children,
        &[
            "lapset",
            "lapsia",
            "lastenliput",
            "lastenlippu",
            "lapsenlippu",
            "barn",
            "barnbiljetter",
            "barnbiljett",
            "biljettförbarn",
            "biljetterförbarn",
            "childticket",
            "children",
            "childtickets",
        ],
    ),
    (
        Column::Title,
        &[
            "tapahtuma",
            "tapahtumatai kurssi",
            "tapahtumataikurssi",
            "esitys",
            "kurssi",
            "föreställning",
            "föreställningensnamn",
            "föreställningellerkurs",
            "esityksennimi",
            "tapahtumannimi",
            "nameofperformance",
            "nameoftheperformance",
            "evenemang",
            "kurs",
            "event",
            "eventorcourse",
            "item",
            "title",
            "performance",
        ],
    ),
    (
        Column::Date,
        &["päivämäärä", "päivä", "pvm", "datum", "dag", "date", "day"],
    ),
    (
        Column::GrantDate,
        &[
            "myöntämispäivä",
            "luovutuspäivä",
            "beviljningsdag",
            "överlåtelsedatum",
            "grantdate",
            "dategranted",
        ],
    ),
    (
        Column::BirthYear,
        &["syntymävuosi", "födelseår", "birthyear", "yearofbirth"],
    ),
    (
        Column::MotherTongue,
        &["äidinkieli", "modersmål", "mothertongue", "language"],
    ),
    (Column::Gender, &["sukupuoli", "kön", "gender", "sex"]),
    (
        Column::PostalCode,
        &["postinumero", "postnummer", "postalcode", "postcode", "zip"],
    ),
    (
        Column::LifeSituations,
        &[
            "elämäntilanne",
            "elämäntilanteet",
            "livssituation",
            "livssituationer",
            "lifesituation",
            "lifesituations",
        ],
    ),
    (
        Column::MinorChildren,
        &[
            "alaikäisetlapset",
            "lapsetjalapsenlapset",
            "minderårigabarn",
            "minorchildren",
            "childrenunder18",
            "alle18vuotiaatlapset",
            "barnunder18",
        ],
    ),
];

/// Headings that name identifying data of a person: such a column is never
/// read, and the preview says so without repeating its cells.
const IDENTIFYING: &[&str] = &[
    "nimi",
    "etunimi",
    "sukunimi",
    "namn",
    "förnamn",
    "efternamn",
    "name",
    "firstname",
    "lastname",
    "surname",
    "henkilötunnus",
    "hetu",
    "sotu",
    "personbeteckning",
    "personnummer",
    "identitycode",
    "personalidentitycode",
    "ssn",
    "syntymäaika",
    "födelsedatum",
    "födelsedag",
    "birthdate",
    "dateofbirth",
    "dob",
    "osoite",
    "katuosoite",
    "lähiosoite",
    "adress",
    "gatuadress",
    "address",
    "streetaddress",
    "puhelin",
    "puhelinnumero",
    "telefon",
    "telefonnummer",
    "phone",
    "telephone",
    "mobile",
    "sähköposti",
    "email",
    "epost",
    "mail",
];

/// How a sheet's headings were read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headings {
    /// (column index, what it holds) of every column read.
    pub columns: Vec<(usize, Column)>,
    /// Column indexes that name a person: never read.
    pub identifying: Vec<usize>,
    /// Columns the sheet must have and does not.
    pub missing: Vec<Column>,
    /// Columns whose heading is not known (ignored).
    pub unknown: Vec<usize>,
    /// (column index, question id) of the well-being answers, each also a
    /// [`Column::Wellbeing`] of `columns`.
    pub questions: Vec<(usize, i64)>,
}

impl Headings {
    /// Takes the unknown columns headed with a well-being question's text
    /// (`questions`: id and its texts in the three languages) as that
    /// question's answers; a question's second column stays unknown.
    pub fn read_questions(&mut self, headings: &[String], questions: &[(i64, Vec<String>)]) {
        let mut unknown = vec![];
        for i in std::mem::take(&mut self.unknown) {
            let f = folded(&headings[i]);
            let q = questions
                .iter()
                .find(|(_, texts)| texts.iter().any(|t| folded(t) == f))
                .map(|(q, _)| *q)
                .filter(|q| !self.questions.iter().any(|(_, x)| x == q));
            match q {
                Some(q) => {
                    self.questions.push((i, q));
                    self.columns.push((i, Column::Wellbeing));
                }
                None => unknown.push(i),
            }
        }
        self.unknown = unknown;
    }
}

pub fn read_headings(sheet: Sheet, headings: &[String]) -> Headings {
    let mut out = Headings::default();
    for (i, h) in headings.iter().enumerate() {
        let f = folded(h);
        if f.is_empty() {
            continue;
        }
        if IDENTIFYING.contains(&f.as_str()) {
            out.identifying.push(i);
            continue;
        }
        let known = KNOWN
            .iter()
            .filter(|(c, _)| match sheet {
                Sheet::Usage => matches!(
                    c,
                    Column::CardCode
                        | Column::Adults
                        | Column::Children
                        | Column::Title
                        | Column::Date
                ),
                Sheet::Issuance => !matches!(c, Column::Adults | Column::Title | Column::Date),
            })
            .find(|(_, names)| names.iter().any(|n| folded(n) == f))
            .map(|(c, _)| *c);
        // On a transfer form, "children" can only mean the holder's own.
        let known = match (sheet, known) {
            (Sheet::Issuance, Some(Column::Children)) => Some(Column::MinorChildren),
            (_, k) => k,
        };
        match known {
            Some(c) if !out.columns.iter().any(|(_, x)| *x == c) => out.columns.push((i, c)),
            _ => out.unknown.push(i),
        }
    }
    out.missing = Column::required(sheet)
        .iter()
        .copied()
        .filter(|c| !out.columns.iter().any(|(_, x)| x == c))
        .collect();
    out
}

/// A day as written in a sheet: `3.2.2020`, `03.02.2020`, `2020-02-03`, or
/// an Excel day number (days since 30 Dec 1899).
pub fn parse_day(cell: &str) -> Option<NaiveDate> {
    any_day(cell).filter(|d| crate::input::register_day(*d).is_ok())
}

fn any_day(cell: &str) -> Option<NaiveDate> {
    let s = cell.trim();
    if let Some(d) = crate::input::typed_day(s) {
        return Some(d);
    }
    let serial: f64 = s.parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.trunc() as u64))
}

/// The options of a category as a sheet may name them: each code with its
/// names, all compared without case, spaces or punctuation.
pub struct Options(Vec<(String, Vec<String>)>);

impl Options {
    /// `options` pairs each code with its names in the three languages.
    pub fn new(options: Vec<(String, Vec<String>)>) -> Options {
        Options(
            options
                .into_iter()
                .map(|(code, names)| {
                    let mut all: Vec<String> = names.iter().map(|n| folded(n)).collect();
                    all.push(folded(&code));
                    (code, all)
                })
                .collect(),
        )
    }
}

/// A category as a clerk writes it on a transfer form: its code (`fi`,
/// `woman`) or its name in Finnish, Swedish or English, case, spaces and
/// punctuation aside.
pub fn category<'a>(cell: &str, options: &'a Options) -> Option<&'a str> {
    let f = folded(cell);
    if f.is_empty() {
        return None;
    }
    options
        .0
        .iter()
        .find(|(_, names)| names.contains(&f))
        .map(|(code, _)| code.as_str())
}

/// The several life situations of one cell, separated by `,`, `;` or line
/// breaks (a name may itself hold a `/`).
pub fn several(cell: &str) -> Vec<&str> {
    cell.split([',', ';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}
/// The columns a row refusal blames, by its code: the cells that are not
/// wrong by themselves but that the register refused (an unknown card code,
/// a visit date before the card was granted, more companions than the cap
/// leaves). Those cells are not kept either (R-PRIV-5): a name typed in the
/// card code column has a card code's shape and is refused only as unknown.
pub fn blamed(code: &str) -> &'static [Column] {
    match code {
        "import_bad_date"
        | "card_not_yet_valid"
        | "card_expired_on_item_day"
        | "item_over"
        | "before_booking_window"
        | "before_redemption_window" => &[Column::Date, Column::GrantDate],
        "grant_date_future"
        | "grant_date_after_trial"
        | "import_grant_before_current"
        | "card_not_yet_renewable" => &[Column::GrantDate],
        "cap_reached" | "too_many_children" | "course_with_companions" => {
            &[Column::Adults, Column::Children]
        }
        "import_bad_title" | "item_excluded" | "item_sold_out" => &[Column::Title],
        c if c.starts_with("card_") || c == "import_bad_code" => &[Column::CardCode],
        _ => &[],
    }
}

/// Whether a cell passes the check of its column by itself (its row may
/// still be refused for what the register says of it). `None` for the
/// columns whose words come from the national lists or the form's own
/// vocabulary; the sheet's reader decides those. A cell holding a personal
/// identity code never passes (R-CARD-5). What does not pass is never kept
/// (R-PRIV-5).
pub fn cell_passes(column: Column, cell: &str) -> Option<bool> {
    let v = cell.trim();
    if crate::identity::contains_identity_code(v) {
        return Some(false);
    }
    let count = || v.is_empty() || whole(v).is_some_and(|n| (0..=999).contains(&n));
    Some(match column {
        Column::CardCode => crate::code::normalise(v).is_ok(),
        Column::Adults | Column::Children | Column::MinorChildren => count(),
        Column::Title => !v.is_empty() && v.chars().count() <= 200,
        Column::Date | Column::GrantDate => parse_day(v).is_some(),
        Column::BirthYear => whole(v).is_some_and(|y| (1900..=2100).contains(&y)),
        Column::PostalCode
            if v.is_empty() || (v.len() <= 5 && v.chars().all(|c| c.is_ascii_digit())) =>
        {
            true
        }
        Column::PostalCode
        | Column::MotherTongue
        | Column::Gender
        | Column::LifeSituations
        | Column::Wellbeing => {
            return None;
        }
    })
}

/// A birth year or a number of children: a whole number, as typed or as an
/// Excel number cell (`1975`, `1975.0`).
pub fn whole(cell: &str) -> Option<i32> {
    let s = cell.trim();
    if let Ok(n) = s.parse::<i32>() {
        return Some(n);
    }
    let f: f64 = s.parse().ok()?;
    (f.fract() == 0.0 && f.abs() < 1e9).then_some(f as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn r_off_5_the_models_paper_form_headings_are_read_as_they_stand() {
        // §9.2 of the model, remarks in brackets included.
        let sv = read_headings(
            Sheet::Usage,
            &h(&[
                "Kortets kod (bestående av siffror och/eller bokstäver)",
                "Biljett för vuxna",
                "Biljett för barn (under 16 år)",
                "Föreställningens namn",
                "Datum",
            ]),
        );
        assert!(sv.missing.is_empty() && sv.unknown.is_empty(), "{sv:?}");
        let fi = read_headings(
            Sheet::Usage,
            &h(&[
                "Kortin koodi (numeroita ja/tai kirjaimia)",
                "Aikuisten lippu",
                "Lasten lippu (alle 16 v.)",
                "Esityksen nimi",
                "Päivämäärä",
            ]),
        );
        assert!(fi.missing.is_empty() && fi.unknown.is_empty(), "{fi:?}");
        // Any remark, not a list of them: a unit, a format, a note.
        let remarks = read_headings(
            Sheet::Usage,
            &h(&[
                "Card code [as printed]",
                "Adults (pcs)",
                "Children (under 18)",
                "Event (or course)",
                "Date (d.m.yyyy)",
            ]),
        );
        assert!(
            remarks.missing.is_empty() && remarks.unknown.is_empty(),
            "{remarks:?}"
        );
        // A heading that is only a remark is still read as written.
        assert_eq!(folded("(Datum)"), "datum");
    }

    #[test]
    fn r_rep_1_the_reports_own_headings_come_back_in_any_order_and_language() {
        let sv = read_headings(
            Sheet::Usage,
            &h(&[
                "Datum",
                "Kortnummer",
                "Vuxna",
                "Barn",
                "Föreställning eller kurs",
            ]),
        );
        assert!(sv.missing.is_empty(), "{sv:?}");
        assert_eq!(sv.columns[0], (0, Column::Date));
        let fi = read_headings(
            Sheet::Usage,
            &h(&[
                "Kortin koodi",
                "Aikuiset",
                "Lapset",
                "Tapahtuma tai kurssi",
                "Päivämäärä",
            ]),
        );
        assert!(fi.missing.is_empty(), "{fi:?}");
        let en = read_headings(
            Sheet::Usage,
            &h(&["card code", "ADULTS", "Children", "Event", "date", "notes"]),
        );
        assert!(en.missing.is_empty());
        assert_eq!(en.unknown, [5]);
        let short = read_headings(Sheet::Usage, &h(&["Kortnummer", "Vuxna"]));
        assert_eq!(
            short.missing,
            [Column::Children, Column::Title, Column::Date]
        );
    }

    #[test]
    fn r_priv_1_columns_naming_a_person_are_never_read() {
        let r = read_headings(
            Sheet::Issuance,
            &h(&[
                "Kortnummer",
                "Namn",
                "Henkilötunnus",
                "Syntymävuosi",
                "E-mail",
                "Puhelin",
                "grant date",
            ]),
        );
        assert_eq!(r.identifying, [1, 2, 4, 5]);
        assert!(r.missing.is_empty(), "{r:?}");
        assert!(!r.columns.iter().any(|(i, _)| [1, 2, 4, 5].contains(i)));
    }

    #[test]
    fn r_use_6_days_as_people_and_excel_write_them() {
        let d = NaiveDate::from_ymd_opt(2020, 2, 3).unwrap();
        for s in ["3.2.2020", "03.02.2020", "2020-02-03", "43864", " 43864.0 "] {
            assert_eq!(parse_day(s), Some(d), "{s}");
        }
        for s in ["", "3/2/2020", "32.1.2020", "tomorrow", "-5"] {
            assert_eq!(parse_day(s), None, "{s}");
        }
    }

    #[test]
    fn r_card_5_categories_by_code_or_name_in_three_languages() {
        let opts = Options::new(vec![
            (
                "sv".to_string(),
                vec!["ruotsi".into(), "svenska".into(), "Swedish".into()],
            ),
            (
                "fa".to_string(),
                vec![
                    "persia / dari".into(),
                    "persiska / dari".into(),
                    "Persian / Dari".into(),
                ],
            ),
        ]);
        for s in ["sv", "SV", "Ruotsi", "svenska ", "swedish"] {
            assert_eq!(category(s, &opts), Some("sv"), "{s}");
        }
        assert_eq!(category("Persian/Dari", &opts), Some("fa"));
        assert_eq!(category("klingon", &opts), None);
        assert_eq!(category("  ", &opts), None);
        assert_eq!(
            several("Opiskelija; Pienituloinen,\nAsunnoton"),
            ["Opiskelija", "Pienituloinen", "Asunnoton"]
        );
        assert_eq!(whole("1975.0"), Some(1975));
        assert_eq!(whole("19.5"), None);
        assert_eq!(whole("x"), None);
    }
}
