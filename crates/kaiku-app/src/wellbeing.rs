//! Well-being indicators (R-WELL-1): the national questions, edited by the
//! national service in three languages with their effective dates, and the
//! answers a holder gives at issue and renewal, checked against the
//! questions in force on the grant date and kept with the grant.

use crate::error::{AppError, AppResult, FieldError};
use crate::{Caller, Check};
use chrono::NaiveDate;
use kaiku_core::Id;
use kaiku_core::input::{self, InputError};
use kaiku_core::org::Lang;
use kaiku_core::policy;
use kaiku_core::wellbeing::{self, NO_ANSWER, Scale};
use kaiku_store::wellbeing::{self as store_wb, Fields, Question};
use kaiku_store::{Store, audit, now};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// Longest wording of a question.
pub const TEXT_MAX: usize = 300;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionInput {
    /// `frequency` or `level`; fixed once the question exists.
    #[serde(default)]
    #[schema(value_type = Option<Scale>)]
    pub scale: Option<String>,
    #[serde(default)]
    pub text_fi: String,
    #[serde(default)]
    pub text_sv: String,
    #[serde(default)]
    pub text_en: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub effective_from: String,
    #[serde(default)]
    #[schema(format = Date)]
    pub effective_to: Option<String>,
    #[serde(default, deserialize_with = "crate::flex::opt_i32")]
    pub position: Option<i32>,
    #[serde(default)]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuestionOut {
    pub id: Id,
    #[schema(value_type = Scale)]
    pub scale: Scale,
    pub text_fi: String,
    pub text_sv: String,
    pub text_en: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub position: i32,
    /// The answer codes of its scale; `no_answer` is always accepted too.
    pub options: Vec<&'static str>,
}

impl QuestionOut {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.text_fi,
            Lang::Sv => &self.text_sv,
            Lang::En => &self.text_en,
        }
    }

    pub fn in_force(&self, day: NaiveDate) -> bool {
        wellbeing::in_force(self.effective_from, self.effective_to, day)
    }
}

/// A question as it is stored now.
fn saved(c: &mut kaiku_store::DbConn, id: Id) -> AppResult<QuestionOut> {
    store_wb::list(c)?
        .into_iter()
        .find(|q| q.id == id)
        .map(out)
        .ok_or(AppError::NotFound)
}

fn out(q: Question) -> QuestionOut {
    QuestionOut {
        id: q.id,
        options: q.scale.options().to_vec(),
        scale: q.scale,
        text_fi: q.text_fi,
        text_sv: q.text_sv,
        text_en: q.text_en,
        effective_from: q.effective_from,
        effective_to: q.effective_to,
        position: q.position,
    }
}

/// Every question, past and coming too: anyone at work may read them.
pub async fn list(store: &Store, caller: &Caller) -> AppResult<Vec<QuestionOut>> {
    if !policy::read_national_policy(caller.principal()) {
        return Err(AppError::Forbidden);
    }
    questions(store).await
}

/// The questions' wording, to show answers with: nothing secret, as every
/// holder is asked them (the holder's own page shows them too).
pub async fn questions(store: &Store) -> AppResult<Vec<QuestionOut>> {
    let rows = store.read(store_wb::list).await?;
    Ok(rows.into_iter().map(out).collect())
}

fn fields(i: &QuestionInput, scale: Option<Scale>) -> AppResult<Fields> {
    let mut f = Check::default();
    let scale = match scale {
        Some(s) => Some(s),
        None => f.field(
            "scale",
            i.scale
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .ok_or(InputError::Required)
                .and_then(|s| s.parse::<Scale>().map_err(|_| InputError::InvalidChoice))
                .map(Some),
        ),
    };
    let text_fi = f.field("text_fi", input::line(&i.text_fi, TEXT_MAX));
    let text_sv = f.field("text_sv", input::line(&i.text_sv, TEXT_MAX));
    let text_en = f.field("text_en", input::line(&i.text_en, TEXT_MAX));
    let from = f.field(
        "effective_from",
        input::optional_date(Some(&i.effective_from)).and_then(|d| d.ok_or(InputError::Required)),
    );
    let to = f.field(
        "effective_to",
        input::optional_date(i.effective_to.as_deref()),
    );
    if to.is_some_and(|t| t < from) {
        f.push(FieldError {
            field: "effective_to",
            code: "wellbeing_dates",
            rule: Some("R-WELL-1"),
            args: vec![],
        });
    }
    f.finish()?;
    Ok(Fields {
        scale: scale.ok_or(AppError::Internal)?,
        text_fi,
        text_sv,
        text_en,
        effective_from: from,
        effective_to: to,
        position: i.position.unwrap_or(0),
    })
}

/// A question's wording is its heading on a transfer form: two questions
/// asked on the same days and worded alike in a language could not be
/// told apart there.
fn worded_apart(others: &[Question], f: &Fields, except: Option<Id>) -> AppResult<()> {
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    let overlap = |q: &Question| {
        q.effective_from <= f.effective_to.unwrap_or(NaiveDate::MAX)
            && f.effective_from <= q.effective_to.unwrap_or(NaiveDate::MAX)
    };
    for q in others.iter().filter(|q| Some(q.id) != except && overlap(q)) {
        for (field, mine, theirs) in [
            ("text_fi", &f.text_fi, &q.text_fi),
            ("text_sv", &f.text_sv, &q.text_sv),
            ("text_en", &f.text_en, &q.text_en),
        ] {
            if same(mine, theirs) {
                return Err(AppError::Invalid(vec![FieldError {
                    field,
                    code: "wellbeing_text_taken",
                    rule: Some("R-WELL-1"),
                    args: vec![],
                }]));
            }
        }
    }
    Ok(())
}

pub async fn create(store: &Store, caller: &Caller, i: &QuestionInput) -> AppResult<QuestionOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let f = fields(i, None)?;
    let actor = caller.actor();
    store
        .write(move |c| {
            worded_apart(&store_wb::list(c)?, &f, None)?;
            let id = store_wb::create(c, &scope, &f, now())?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "wellbeing.create",
                    record_type: "wellbeing_question",
                    record_id: Some(id),
                    area: None,
                    detail: format!("scale={} from={}", f.scale, f.effective_from),
                },
                now(),
            )?;
            saved(c, id)
        })
        .await
}

pub async fn update(
    store: &Store,
    caller: &Caller,
    id: Id,
    i: &QuestionInput,
) -> AppResult<QuestionOut> {
    let scope = policy::national(caller.principal()).ok_or(AppError::Forbidden)?;
    let actor = caller.actor();
    let i = i.clone();
    let today = crate::today();
    store
        .write(move |c| {
            let existing = saved(c, id)?;
            let mut f = fields(&i, Some(existing.scale))?;
            if i.position.is_none() {
                f.position = existing.position;
            }
            // Answers already given were given while the question was asked
            // from its start date: an earlier start in the past would count
            // them for days it was not asked (and make a part of a year
            // look like all of it).
            if f.effective_from < existing.effective_from && f.effective_from < today {
                return Err(AppError::Invalid(vec![FieldError {
                    field: "effective_from",
                    code: "wellbeing_from_past",
                    rule: Some("R-WELL-1"),
                    args: vec![],
                }]));
            }
            worded_apart(&store_wb::list(c)?, &f, Some(id))?;
            store_wb::update(c, &scope, id, &f)?;
            audit::record(
                c,
                &actor,
                &audit::Event {
                    action: "wellbeing.update",
                    record_type: "wellbeing_question",
                    record_id: Some(id),
                    area: None,
                    detail: format!("from={} to={:?}", f.effective_from, f.effective_to),
                },
                now(),
            )?;
            saved(c, id)
        })
        .await
}

/// The answers given with a grant, as stored: one for every question in
/// force on the grant day ("did not answer" where none was given), each a
/// code of its scale. An answer to a question not asked that day, or not
/// on its scale, is refused: nothing typed is kept (R-PRIV-5).
pub(crate) fn answers(
    questions: &[Question],
    day: NaiveDate,
    given: &BTreeMap<String, String>,
) -> Result<Option<String>, Vec<FieldError>> {
    let asked: Vec<&Question> = questions
        .iter()
        .filter(|q| wellbeing::in_force(q.effective_from, q.effective_to, day))
        .collect();
    let mut errors = vec![];
    for (key, answer) in given {
        // A form made before the grant day was chosen may carry a question
        // not asked that day, left unanswered: nothing to keep or refuse.
        let unasked = !asked.iter().any(|q| q.id.to_string() == key.trim());
        if unasked && answer.trim() != NO_ANSWER {
            errors.push(FieldError {
                field: "wellbeing",
                code: "wellbeing_question",
                rule: Some("R-WELL-1"),
                args: vec![],
            });
        }
    }
    let mut stored = BTreeMap::new();
    for q in &asked {
        let a = given
            .get(&q.id.to_string())
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
            .unwrap_or(NO_ANSWER);
        if q.scale.admits(a) {
            stored.insert(q.id, a.to_string());
        } else {
            errors.push(FieldError {
                field: "wellbeing",
                code: "wellbeing_answer",
                rule: Some("R-WELL-1"),
                args: vec![],
            });
        }
    }
    if !errors.is_empty() {
        errors.truncate(1);
        return Err(errors);
    }
    Ok((!stored.is_empty()).then(|| wellbeing::encode(&stored)))
}
