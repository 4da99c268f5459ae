//! Well-being indicators (R-WELL-1): a short national set of voluntary
//! questions asked at issue and renewal, each on one of a few fixed scales.
//! An answer is a code of its scale, or "did not answer"; nothing typed.

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The answer of a holder who was not asked, or chose not to say.
pub const NO_ANSWER: &str = "no_answer";

crate::text::text_enum! {
    /// The fixed scales a question can use: how often over the last
    /// twelve months, or a level from 1 (not at all) to 5 (very much).
    pub enum Scale {
        Frequency,
        Level,
    }
}

impl Scale {
    /// The answer codes, in the order they are offered.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            Scale::Frequency => &[
                "never",
                "once_or_twice",
                "several_times",
                "monthly",
                "weekly",
            ],
            Scale::Level => &["1", "2", "3", "4", "5"],
        }
    }

    /// Whether `answer` is one of this scale's, or "did not answer".
    pub fn admits(self, answer: &str) -> bool {
        answer == NO_ANSWER || self.options().contains(&answer)
    }
}

/// Whether a question with these effective dates is asked on `day`.
pub fn in_force(from: NaiveDate, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from <= day && to.is_none_or(|t| day <= t)
}

/// Answers as stored with a grant: `question:answer` pairs by question id.
pub fn encode(answers: &BTreeMap<i64, String>) -> String {
    answers
        .iter()
        .map(|(q, a)| format!("{q}:{a}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The stored answers read back; a pair that cannot be read is left out.
pub fn decode(stored: &str) -> BTreeMap<i64, String> {
    stored
        .split(',')
        .filter_map(|p| {
            let (q, a) = p.split_once(':')?;
            Some((q.trim().parse().ok()?, a.trim().to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn r_well_1_an_answer_is_a_code_of_its_scale_or_no_answer() {
        assert!(Scale::Frequency.admits("weekly"));
        assert!(Scale::Frequency.admits(NO_ANSWER));
        assert!(!Scale::Frequency.admits("3"));
        assert!(Scale::Level.admits("3"));
        assert!(!Scale::Level.admits("very happy"));
    }

    #[test]
    fn r_well_1_a_question_is_asked_between_its_effective_dates() {
        assert!(in_force(d(1, 1), None, d(6, 1)));
        assert!(in_force(d(1, 1), Some(d(6, 1)), d(6, 1)));
        assert!(!in_force(d(1, 1), Some(d(6, 1)), d(6, 2)));
        assert!(!in_force(d(7, 1), None, d(6, 30)));
    }

    #[test]
    fn r_well_1_answers_round_trip_through_their_stored_form() {
        let a: BTreeMap<i64, String> =
            [(3, "weekly".to_string()), (4, NO_ANSWER.to_string())].into();
        let s = encode(&a);
        assert_eq!(s, "3:weekly,4:no_answer");
        assert_eq!(decode(&s), a);
    }
}
