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

/// One question's answers over a period's grants, and the change from a
/// card's earlier answer to its answer at renewal (both given, not "did
/// not answer").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub question: i64,
    /// Answer code to how many grants gave it, "did not answer" included.
    pub answers: BTreeMap<String, u64>,
    /// Renewals whose card had answered before.
    pub compared: u64,
    pub higher: u64,
    pub same: u64,
    pub lower: u64,
}

/// A grant as the tally reads it: its history entry, whether it renewed
/// the card, and its stored answers.
pub struct Given<'a> {
    pub entry: i64,
    pub renewal: bool,
    pub stored: &'a str,
}

/// Tallies each question over `grants`; `before` holds, for each renewal
/// (by its history entry), the stored answers of the card's grants before
/// it, oldest first. The card's latest earlier grant that asked the
/// question is the one compared, and only when both it and the renewal
/// were answered.
pub fn tally(
    questions: &[(i64, Scale)],
    grants: &[Given<'_>],
    before: &BTreeMap<i64, Vec<String>>,
) -> Vec<Tally> {
    let mut out: Vec<Tally> = questions
        .iter()
        .map(|(q, _)| Tally {
            question: *q,
            ..Default::default()
        })
        .collect();
    for g in grants {
        let now = decode(g.stored);
        for (t, (q, scale)) in out.iter_mut().zip(questions) {
            let Some(answer) = now.get(q) else { continue };
            *t.answers.entry(answer.clone()).or_default() += 1;
            if !g.renewal || answer == NO_ANSWER {
                continue;
            }
            let earlier = before
                .get(&g.entry)
                .into_iter()
                .flatten()
                .filter_map(|s| decode(s).get(q).cloned())
                .next_back()
                .filter(|a| a != NO_ANSWER);
            let rank = |a: &str| scale.options().iter().position(|o| *o == a);
            if let (Some(was), Some(is)) = (earlier.as_deref().and_then(rank), rank(answer)) {
                t.compared += 1;
                match is.cmp(&was) {
                    std::cmp::Ordering::Greater => t.higher += 1,
                    std::cmp::Ordering::Equal => t.same += 1,
                    std::cmp::Ordering::Less => t.lower += 1,
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tally_tests {
    use super::*;

    #[test]
    fn r_well_1_change_is_counted_only_for_cards_with_both_answers() {
        let q = [(1, Scale::Frequency)];
        let given = |entry, renewal, stored| Given {
            entry,
            renewal,
            stored,
        };
        let grants = [
            given(10, false, "1:never"),
            given(11, true, "1:weekly"),
            given(12, true, "1:never"),
            given(13, true, "1:monthly"),
            given(14, true, "1:no_answer"),
            // The card of entry 11 renewed again: compared with that renewal.
            given(15, true, "1:never"),
        ];
        let before: BTreeMap<i64, Vec<String>> = [
            (11, vec!["1:once_or_twice".to_string()]),
            // The latest earlier answer was "did not answer": not compared.
            (12, vec!["1:monthly".to_string(), "1:no_answer".to_string()]),
            (13, vec![]),
            (14, vec!["1:weekly".to_string()]),
            (
                15,
                vec!["1:once_or_twice".to_string(), "1:weekly".to_string()],
            ),
        ]
        .into();
        let t = &tally(&q, &grants, &before)[0];
        assert_eq!(t.answers["never"], 3);
        assert_eq!(t.answers[NO_ANSWER], 1);
        // 11: once_or_twice -> weekly, higher; 15: weekly -> never, lower.
        assert_eq!((t.compared, t.higher, t.same, t.lower), (2, 1, 0, 1));
    }
}
