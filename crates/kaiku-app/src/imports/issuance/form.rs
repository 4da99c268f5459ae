//! One transfer form read from its row: the categories matched in any of the
//! three languages, the grant date and age checked as the issuing screen
//! checks them, and every refusal said in words for that row. The card the
//! form names is looked at later, with the whole sheet in view.

use super::super::upload::letter;
use super::super::{Opened, RowOut};
use crate::i18n::Tr;
use crate::lists::Lists;
use chrono::{Datelike, NaiveDate};
use kaiku_core::background::{self, Background, BackgroundError, GENDERS, List, POSTAL_SPECIAL};
use kaiku_core::code;
use kaiku_core::import::{self, Column, Options, parse_day};
use kaiku_core::org::Lang;
use kaiku_core::validity::{self, GrantDateError};
use kaiku_core::wellbeing::{self, NO_ANSWER, Scale};
use kaiku_store::wellbeing::Question;
use std::collections::BTreeMap;

/// The year from which the transfer form must give the number of children.
const CHILDREN_REQUIRED_FROM: i32 = 2021;

pub(super) struct Vocabulary {
    mother_tongues: Options,
    life_situations: Options,
    genders: Options,
    postal: Options,
    /// The answers of each well-being scale, "did not answer" among them.
    wellbeing: Vec<(Scale, Options)>,
}

impl Vocabulary {
    /// Whether a cell of a transfer form passes its column's check by
    /// itself: the words of the lists here, the rest as
    /// [`import::cell_passes`] says.
    pub(super) fn passes(&self, column: Column, cell: &str) -> bool {
        if let Some(ok) = import::cell_passes(column, cell) {
            return ok;
        }
        let v = cell.trim();
        let named = |options: &Options| v.is_empty() || import::category(v, options).is_some();
        match column {
            Column::MotherTongue => named(&self.mother_tongues),
            Column::Gender => named(&self.genders),
            Column::PostalCode => {
                import::category(v, &self.postal).is_some() || background::postal_code(v).is_ok()
            }
            Column::LifeSituations => import::several(v)
                .iter()
                .all(|item| import::category(item, &self.life_situations).is_some()),
            Column::Wellbeing => {
                v.is_empty()
                    || self
                        .wellbeing
                        .iter()
                        .any(|(_, o)| import::category(v, o).is_some())
            }
            _ => false,
        }
    }

    pub(super) fn load(lists: &Lists) -> Vocabulary {
        let from_list = |list: List| -> Options {
            Options::new(
                lists
                    .entries(list)
                    .filter(|o| o.active)
                    .map(|o| {
                        (
                            o.code.clone(),
                            vec![o.label_fi.clone(), o.label_sv.clone(), o.label_en.clone()],
                        )
                    })
                    .collect(),
            )
        };
        let named = |codes: &[&str], prefix: &str| -> Vec<(String, Vec<String>)> {
            codes
                .iter()
                .map(|c| {
                    (
                        c.to_string(),
                        Lang::ALL
                            .iter()
                            .map(|l| Tr(*l).t(&format!("{prefix}{c}")))
                            .collect(),
                    )
                })
                .collect()
        };
        let mut genders = named(GENDERS, "gender-");
        let extra: [(&str, &[&str]); 2] = [("woman", &["female", "f"]), ("man", &["male", "m"])];
        for (code, extra) in extra {
            if let Some((_, names)) = genders.iter_mut().find(|(c, _)| c == code) {
                names.extend(extra.iter().map(|s| s.to_string()));
            }
        }
        let wellbeing = Scale::ALL
            .iter()
            .map(|scale| {
                let mut answers = named(scale.options(), &format!("wellbeing-{scale}-"));
                answers.push((
                    NO_ANSWER.to_string(),
                    Lang::ALL
                        .iter()
                        .map(|l| Tr(*l).t("wellbeing-no-answer"))
                        .collect(),
                ));
                (*scale, Options::new(answers))
            })
            .collect();
        Vocabulary {
            mother_tongues: from_list(List::MotherTongue),
            life_situations: from_list(List::LifeSituation),
            genders: Options::new(genders),
            postal: Options::new(named(POSTAL_SPECIAL, "postal-kind-")),
            wellbeing,
        }
    }
}

/// A form whose own fields are in order, before its card is looked at.
pub(super) struct Form {
    pub(super) number: usize,
    pub(super) code: String,
    pub(super) grant: NaiveDate,
    pub(super) background: Background,
    /// The well-being answers as stored with the grant.
    pub(super) wellbeing: Option<String>,
}

/// Why one field of a form is refused, in words for the row.
fn field_reason(tr: &Tr, number: usize, column: Column, e: &BackgroundError) -> String {
    let what = tr.t(&format!("import-col-{}", column.as_ref()));
    let message = match e {
        BackgroundError::Unknown | BackgroundError::OptionCode => {
            tr.t1("import-unknown-category", "what", &what)
        }
        e => tr.t_args(&format!("error-{}", e.code()), &e.args()),
    };
    tr.t_args(
        "import-row-field",
        &[("row", number.to_string()), ("field", what)],
    ) + &message
}

/// What every row of one upload is judged against.
pub(super) struct Rules {
    pub(super) words: Vocabulary,
    pub(super) lists: Lists,
    pub(super) confirmed_16: bool,
    pub(super) trial: Option<NaiveDate>,
    pub(super) today: NaiveDate,
    pub(super) tr: Tr,
    pub(super) questions: Vec<Question>,
}

/// Reads one row into a form, or says why it cannot be one.
pub(super) fn read_form(
    opened: &Opened,
    number: usize,
    r: &[String],
    rules: &Rules,
) -> Result<Form, RowOut> {
    let Rules {
        words,
        lists,
        confirmed_16,
        trial,
        today,
        tr,
        questions,
    } = rules;
    let (confirmed_16, trial, today) = (*confirmed_16, *trial, *today);
    let cell = |c: Column| {
        opened
            .col(c)
            .and_then(|i| r.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let refuse = |code: &'static str, reason: String| RowOut::refused(number, code, reason);
    let field = |c: Column, e: BackgroundError| {
        refuse(
            match e {
                BackgroundError::Unknown | BackgroundError::OptionCode => "import_unknown_category",
                ref e => e.code(),
            },
            field_reason(tr, number, c, &e),
        )
        .blaming(c)
    };
    let code = code::normalise(cell(Column::CardCode))
        .map_err(|_| refuse("import_bad_code", tr.t1("import-bad-code", "row", number)))?;
    let grant = parse_day(cell(Column::GrantDate)).ok_or_else(|| {
        refuse(
            "import_bad_date",
            tr.t1("import-bad-grant-date", "row", number),
        )
    })?;
    let row = tr.t1("import-row", "row", number);
    match validity::check_grant_date(grant, today, trial) {
        Ok(()) => {}
        Err(GrantDateError::InFuture) => {
            return Err(refuse(
                "grant_date_future",
                row + &tr.t("error-grant_date_future"),
            ));
        }
        Err(GrantDateError::TooOld) => {
            return Err(refuse(
                "import_bad_date",
                tr.t1("import-bad-grant-date", "row", number),
            ));
        }
        Err(GrantDateError::TrialEnded { trial_ends }) => {
            return Err(refuse(
                "grant_date_after_trial",
                row + &tr.t1(
                    "error-grant_date_after_trial",
                    "date",
                    trial_ends.format("%-d.%-m.%Y"),
                ),
            ));
        }
    }
    // Only a year of birth one short of sixteen in the grant year can hide
    // a client of fifteen; the others are certain either way.
    let year = import::whole(cell(Column::BirthYear));
    let certain = year.is_some_and(|y| grant.year() - y > background::MIN_AGE);
    let birth_year = background::birth_year(year, grant, confirmed_16 || certain)
        .map_err(|e| field(Column::BirthYear, e))?;
    let choose = |c: Column, options: &Options| -> Result<String, RowOut> {
        let v = cell(c);
        if v.is_empty() {
            return Ok("not_stated".into());
        }
        import::category(v, options)
            .map(str::to_string)
            .ok_or_else(|| field(c, BackgroundError::Unknown))
    };
    let mother_tongue = choose(Column::MotherTongue, &words.mother_tongues)?;
    let gender = choose(Column::Gender, &words.genders)?;
    let postal_raw = cell(Column::PostalCode);
    let postal_code = match import::category(postal_raw, &words.postal) {
        Some(special) => special.to_string(),
        None if postal_raw.is_empty() => "not_stated".into(),
        // A number cell drops the leading zero of 00100.
        None if postal_raw.len() < 5 && postal_raw.chars().all(|c| c.is_ascii_digit()) => {
            format!("{postal_raw:0>5}")
        }
        None => background::postal_code(postal_raw).map_err(|e| field(Column::PostalCode, e))?,
    };
    let children_cell = cell(Column::MinorChildren);
    let minor_children = if children_cell.is_empty() && grant.year() < CHILDREN_REQUIRED_FROM {
        0
    } else {
        background::minor_children(import::whole(children_cell))
            .map_err(|e| field(Column::MinorChildren, e))?
    };
    let mut named = vec![];
    for item in import::several(cell(Column::LifeSituations)) {
        named.push(
            import::category(item, &words.life_situations)
                .ok_or_else(|| field(Column::LifeSituations, BackgroundError::Unknown))?
                .to_string(),
        );
    }
    let life_situations =
        background::life_situations(&named, &lists.active_codes(List::LifeSituation))
            .map_err(|e| field(Column::LifeSituations, e))?;
    let wellbeing = read_answers(opened, number, r, grant, words, questions, tr)?;
    Ok(Form {
        number,
        code,
        grant,
        background: Background {
            birth_year,
            mother_tongue,
            gender,
            postal_code,
            minor_children,
            life_situations,
        },
        wellbeing,
    })
}

/// The well-being answers of a row (R-WELL-1): each question column's cell
/// as a code or a name of its scale's answers, an empty cell "did not
/// answer", stored for every question asked on the grant date as the issue
/// screen stores them. A cell is never repeated in a refusal.
fn read_answers(
    opened: &Opened,
    number: usize,
    r: &[String],
    grant: NaiveDate,
    words: &Vocabulary,
    questions: &[Question],
    tr: &Tr,
) -> Result<Option<String>, RowOut> {
    let mut given = BTreeMap::new();
    for &(i, q) in &opened.headings.questions {
        let v = r.get(i).map(|s| s.trim()).unwrap_or("");
        let Some(question) = questions.iter().find(|x| x.id == q) else {
            continue;
        };
        if v.is_empty() {
            continue;
        }
        let refuse = |key: &str, code: &'static str| {
            let args = [("row", number.to_string()), ("column", letter(i))];
            RowOut::refused(number, code, tr.t_args(key, &args)).blaming(Column::Wellbeing)
        };
        if !wellbeing::in_force(question.effective_from, question.effective_to, grant) {
            return Err(refuse("import-wellbeing-not-asked", "wellbeing_question"));
        }
        let options = words.wellbeing.iter().find(|(s, _)| *s == question.scale);
        let answer = options.and_then(|(_, o)| import::category(v, o));
        let Some(answer) = answer else {
            return Err(refuse("import-wellbeing-answer", "wellbeing_answer"));
        };
        given.insert(q.to_string(), answer.to_string());
    }
    crate::wellbeing::answers(questions, grant, &given).map_err(|_| {
        RowOut::refused(
            number,
            "wellbeing_answer",
            tr.t1("import-wellbeing-unreadable", "row", number),
        )
    })
}
