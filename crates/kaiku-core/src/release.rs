//! What a reader outside an area is shown of a year's statistics (R-REP-5):
//! the counts of persons and cards of each submitted version of an area's
//! year, and of each state of the national table, in the forms
//! [`disclosure`](crate::disclosure) decides against everything published
//! before. Ticket counts are not here: they are shown exactly.
//!
//! A table is a map from keys to counts. Its keys and the sums between them:
//!
//! - `new`, `renewed`, `community` (cards) and `personal` (personal cards,
//!   the total of every background breakdown): `new + renewed = personal +
//!   community`;
//! - `point:{id}:new`, `point:{id}:renewed` sum to `new` and `renewed` (an
//!   area's table only);
//! - `age:…`, `gender:…`, `tongue:…`, `postal:…` each sum to `personal`;
//! - `life:…` (a holder may tick several) are each at most `personal`;
//!   `valid_used` is at most `valid` and at most `cards_used`, and the
//!   bounds a reader may believe (see [`bounds_within`]) where they hold;
//! - `wb:{question}:{answer}` (R-WELL-1: the answers given at the year's
//!   grants of personal cards, "did not answer" included, of a question
//!   asked all year) sum to `personal` where every grant stored them, and
//!   to at most `personal` where some did not;
//!   `wbmove:{question}:higher`, `…:same`, `…:lower` (how the answer
//!   moved at renewal) sum to `wbmove:{question}:compared`, at most
//!   `renewed`.
//!
//! A national table sums its area tables key by key. A table to publish
//! lists every category of the national lists, empty ones as zeros, so
//! that which categories are listed says nothing; a key a table lacks is a
//! zero its reader knows.

use crate::Id;
use crate::disclosure::{Problem, Relation, Shown, State, disclosed, protect};
use std::collections::{BTreeMap, BTreeSet};

pub type Figures = BTreeMap<String, i64>;
pub type Forms = BTreeMap<String, Shown>;

/// The breakdowns that each sum to `personal`.
pub const BREAKDOWNS: [&str; 4] = ["age", "gender", "tongue", "postal"];

/// One table of the year as the reader can fetch it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The area, or `None` for a state of the national table.
    pub area: Option<Id>,
    /// The true counts.
    pub figures: Figures,
    /// For a national table: the tables (by position) it sums.
    pub sums: Vec<usize>,
    /// The forms it was published in; `None` for a table to publish now.
    pub shown: Option<Forms>,
    /// The threshold it was (or is to be) published under.
    pub threshold: u64,
}

/// The sums that hold inside one table, over the keys it has (a key it
/// lacks is a zero).
fn sums_within(t: &Table) -> Vec<Vec<(String, i64)>> {
    let has = |k: &str| t.figures.contains_key(k);
    let mut out = vec![];
    let cards: Vec<(String, i64)> = [
        ("new", 1),
        ("renewed", 1),
        ("personal", -1),
        ("community", -1),
    ]
    .into_iter()
    .filter(|(k, _)| has(k))
    .map(|(k, c)| (k.to_string(), c))
    .collect();
    if !cards.is_empty() {
        out.push(cards);
    }
    let parts = |prefix: &str, suffix: &str| -> Vec<(String, i64)> {
        t.figures
            .keys()
            .filter(|k| k.starts_with(prefix) && k.ends_with(suffix))
            .map(|k| (k.clone(), 1))
            .collect()
    };
    for (total, suffix) in [("new", ":new"), ("renewed", ":renewed")] {
        let mut terms = parts("point:", suffix);
        if !terms.is_empty() {
            if has(total) {
                terms.push((total.to_string(), -1));
            }
            out.push(terms);
        }
    }
    for b in BREAKDOWNS {
        let mut terms = parts(&format!("{b}:"), "");
        if !terms.is_empty() && has("personal") {
            terms.push(("personal".into(), -1));
            out.push(terms);
        }
    }
    for q in questions(t) {
        let mut terms: Vec<(String, i64)> = ["higher", "same", "lower"]
            .iter()
            .map(|m| (format!("wbmove:{q}:{m}"), 1))
            .filter(|(k, _)| has(k))
            .collect();
        let compared = format!("wbmove:{q}:compared");
        if !terms.is_empty() && has(&compared) {
            terms.push((compared, -1));
            out.push(terms);
        }
        // Every grant of a question asked all year answers it, and a
        // reader who knows its dates knows that: where the answers add up
        // to the personal cards, they are a breakdown like the others.
        let mut answers = parts(&format!("wb:{q}:"), "");
        let sum: i64 = answers.iter().map(|(k, _)| t.figures[k]).sum();
        if !answers.is_empty() && t.figures.get("personal") == Some(&sum) {
            answers.push(("personal".into(), -1));
            out.push(answers);
        }
    }
    out
}

/// The well-being questions a table has answers or changes of.
fn questions(t: &Table) -> BTreeSet<String> {
    t.figures
        .keys()
        .filter_map(|k| {
            let rest = k
                .strip_prefix("wb:")
                .or_else(|| k.strip_prefix("wbmove:"))?;
            Some(rest.split_once(':')?.0.to_string())
        })
        .collect()
}

/// The bounds a reader may take to hold inside one table: `(parts, big)`
/// with the sum of the parts at most big. Some hold always (the valid cards
/// used are valid cards); others a reader may well believe (every card
/// issued or renewed in the year is valid in it, though one issued and
/// renewed in the same year counts twice): each is taken where the true
/// counts satisfy it, for there a reader who believes it is right.
fn bounds_within(t: &Table) -> Vec<(Vec<String>, String)> {
    let has = |k: &str| t.figures.contains_key(k);
    let mut out: Vec<(Vec<String>, String)> = vec![];
    let mut bound = |parts: &[&str], big: &str| {
        if has(big) && parts.iter().all(|p| has(p)) {
            out.push((
                parts.iter().map(|p| p.to_string()).collect(),
                big.to_string(),
            ));
        }
    };
    bound(&["valid_used"], "valid");
    bound(&["valid_used"], "cards_used");
    bound(&["cards_used"], "valid");
    bound(&["new"], "valid");
    bound(&["renewed"], "valid");
    bound(&["new", "renewed"], "valid");
    let life: Vec<String> = t
        .figures
        .keys()
        .filter(|k| k.starts_with("life:"))
        .cloned()
        .collect();
    for k in &life {
        bound(&[k.as_str()], "personal");
    }
    for q in questions(t) {
        let answers: Vec<String> = t
            .figures
            .keys()
            .filter(|k| k.starts_with(&format!("wb:{q}:")))
            .cloned()
            .collect();
        let sum: i64 = answers.iter().map(|k| t.figures[k]).sum();
        // Where they add up to it, they are a breakdown (see `sums_within`).
        if !answers.is_empty() && t.figures.get("personal") != Some(&sum) {
            let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
            bound(&answers, "personal");
        }
        bound(&[format!("wbmove:{q}:compared").as_str()], "renewed");
    }
    out.retain(|(parts, big)| t.figures[big] >= parts.iter().map(|p| t.figures[p]).sum::<i64>());
    out
}

/// The reader's system: a cell per key of every table, the sums inside
/// each, national tables as sums of their areas, and for every version of
/// an area the change from each version before it.
struct System {
    p: Problem,
    cell: Vec<BTreeMap<String, usize>>,
    /// The cells a reader can only work out, by name and table.
    derived: BTreeMap<usize, (usize, String)>,
}

fn system(tables: &[Table], threshold: u64) -> System {
    let mut p = Problem::new(threshold);
    let mut cell: Vec<BTreeMap<String, usize>> = vec![];
    let mut derived = BTreeMap::new();
    for t in tables {
        let mut cells = BTreeMap::new();
        for (k, &v) in &t.figures {
            let state = match &t.shown {
                Some(forms) => match forms.get(k) {
                    Some(s) => State::Released(*s),
                    None => State::Unpublished,
                },
                None => State::New,
            };
            cells.insert(k.clone(), p.cell_under(v, state, t.threshold));
        }
        for terms in sums_within(t) {
            p.relations.push(Relation(
                terms.iter().map(|(k, c)| (cells[k], *c)).collect(),
            ));
        }
        for (parts, big) in bounds_within(t) {
            let sum: i64 = parts.iter().map(|k| t.figures[k]).sum();
            let slack = p.slack(t.figures[&big] - sum);
            let mut terms: Vec<(usize, i64)> = parts.iter().map(|k| (cells[k], 1)).collect();
            terms.push((slack, 1));
            terms.push((cells[&big], -1));
            p.relations.push(Relation(terms));
            derived.insert(slack, (cell.len(), format!("{big}-{}", parts.join("-"))));
        }
        cell.push(cells);
    }
    for (n, t) in tables.iter().enumerate().filter(|(_, t)| t.area.is_none()) {
        for (k, &total) in &cell[n] {
            let mut terms: Vec<(usize, i64)> = t
                .sums
                .iter()
                .filter_map(|&a| cell[a].get(k).map(|&i| (i, 1)))
                .collect();
            terms.push((total, -1));
            p.relations.push(Relation(terms));
        }
    }
    for (j, t) in tables.iter().enumerate() {
        let Some(area) = t.area else { continue };
        let versions: Vec<usize> = (0..j).filter(|&i| tables[i].area == Some(area)).collect();
        let value_at = |n: usize, k: &String| tables[n].figures.get(k).copied().unwrap_or(0);
        for (pos, &i) in versions.iter().enumerate() {
            let earlier = &tables[i];
            let consecutive = pos + 1 == versions.len();
            let keys: BTreeSet<&String> = t.figures.keys().chain(earlier.figures.keys()).collect();
            for k in keys {
                // A year's counts mostly only grow from one version to the
                // next, and a reader may take it that they do: where they
                // did, the change is known to be zero or more.
                let value = value_at(j, k) - value_at(i, k);
                // A change is a cell where it says something: the bound
                // between consecutive versions (the bounds between others
                // follow from them, unless a step between went down), or a
                // size that must not be worked out.
                let sensitive = value != 0 && value.unsigned_abs() < threshold;
                let fell_between = versions[pos..]
                    .iter()
                    .chain(std::iter::once(&j))
                    .collect::<Vec<_>>()
                    .windows(2)
                    .any(|w| value_at(*w[1], k) < value_at(*w[0], k));
                let bound = value >= 0 && (consecutive || fell_between);
                if !(bound || sensitive) {
                    continue;
                }
                let state = if value >= 0 {
                    State::Slack
                } else {
                    State::Unpublished
                };
                let change = p.cell(value, state);
                let mut terms = vec![(change, -1)];
                if let Some(&c) = cell[j].get(k) {
                    terms.push((c, 1));
                }
                if let Some(&c) = cell[i].get(k) {
                    terms.push((c, -1));
                }
                p.relations.push(Relation(terms));
                derived.insert(change, (j, format!("change:{i}:{k}")));
            }
        }
    }
    System { p, cell, derived }
}

/// The forms of the tables still to publish (in their order), protected
/// against every table published before and against one another.
pub fn publish(tables: &[Table], threshold: u64) -> Vec<Forms> {
    let s = system(tables, threshold);
    let shown = protect(&s.p);
    tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.shown.is_none())
        .map(|(n, _)| {
            s.cell[n]
                .iter()
                .map(|(k, &i)| (k.clone(), shown[i].unwrap_or(Shown::Hidden)))
                .collect()
        })
        .collect()
}

/// The reader at work on published tables: every protected count (or
/// change between versions) it works out exactly, as `(table, key)`; a
/// change is named `change:{earlier table}:{key}`, what one count exceeds
/// another by `{big}-{small}`. Empty when the tables
/// hold up.
pub fn exposed(tables: &[Table], threshold: u64) -> Vec<(usize, String)> {
    let s = system(tables, threshold);
    let shown: Vec<Option<Shown>> =
        s.p.cells
            .iter()
            .map(|c| match c.state {
                State::Released(f) => Some(f),
                _ => None,
            })
            .collect();
    let mut names = s.derived.clone();
    for (n, cells) in s.cell.iter().enumerate() {
        for (k, &i) in cells {
            names.insert(i, (n, k.clone()));
        }
    }
    disclosed(&s.p, &shown)
        .into_iter()
        .filter_map(|i| names.get(&i).cloned())
        .collect()
}

/// Every category a published table lists, whether anyone is in it or
/// not: the age groups, genders, postal areas `00xxx` to `99xxx` and the
/// two special postal values, and the entries of the national lists of
/// mother tongues and life situations (`tongues`, `life`), each also with
/// `not_stated`.
pub fn categories(tongues: &[String], life: &[String]) -> Vec<String> {
    use crate::background::{AGE_GROUPS, GENDERS, POSTAL_SPECIAL};
    let mut out: Vec<String> = vec![];
    let not_stated = std::iter::once("not_stated".to_string());
    let age = AGE_GROUPS
        .iter()
        .map(|a| a.to_string())
        .chain(not_stated.clone());
    out.extend(age.map(|a| format!("age:{a}")));
    out.extend(GENDERS.iter().map(|g| format!("gender:{g}")));
    let postal = (0..100)
        .map(|n| format!("{n:02}xxx"))
        .chain(POSTAL_SPECIAL.iter().map(|p| p.to_string()));
    out.extend(postal.map(|p| format!("postal:{p}")));
    for (prefix, list) in [("tongue", tongues), ("life", life)] {
        let codes = list.iter().cloned().chain(not_stated.clone());
        for code in codes {
            let key = format!("{prefix}:{code}");
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// Every key a published table lists for the well-being questions asked
/// in its year (`questions`: id and the scale's answers), whether anyone
/// answered or not.
pub fn wellbeing_keys(questions: &[(Id, &[&str])]) -> Vec<String> {
    let mut out = vec![];
    for (q, answers) in questions {
        let answers = answers
            .iter()
            .copied()
            .chain(std::iter::once(crate::wellbeing::NO_ANSWER));
        out.extend(answers.map(|a| format!("wb:{q}:{a}")));
        for m in ["higher", "same", "lower", "compared"] {
            out.push(format!("wbmove:{q}:{m}"));
        }
    }
    out
}

/// A table to publish with every key of `keys` it lacks as a zero.
pub fn complete(mut figures: Figures, keys: &[String]) -> Figures {
    for k in keys {
        figures.entry(k.clone()).or_insert(0);
    }
    figures
}

/// A national table's figures: its area tables summed key by key.
pub fn national(areas: &[&Figures]) -> Figures {
    let mut out = Figures::new();
    for a in areas {
        for (k, &v) in a.iter().filter(|(k, _)| !k.starts_with("point:")) {
            *out.entry(k.clone()).or_default() += v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: Id, new: i64, ages: &[(&str, i64)]) -> Figures {
        let personal: i64 = ages.iter().map(|a| a.1).sum();
        let mut f = Figures::from([
            ("new".into(), new),
            ("renewed".into(), personal - new),
            ("community".into(), 0),
            ("personal".into(), personal),
            (format!("point:{id}:new"), new),
            (format!("point:{id}:renewed"), personal - new),
        ]);
        for (k, v) in ages {
            f.insert(format!("age:{k}"), *v);
        }
        f
    }

    fn table(area: Option<Id>, figures: Figures, sums: Vec<usize>) -> Table {
        Table {
            area,
            figures,
            sums,
            shown: None,
            threshold: 5,
        }
    }

    #[test]
    fn r_rep_5_an_areas_year_and_the_national_table_published_together() {
        let a = area(1, 40, &[("18-29", 3), ("30-44", 50), ("45-64", 30)]);
        let b = area(2, 60, &[("18-29", 20), ("30-44", 40), ("45-64", 25)]);
        let n = national(&[&a, &b]);
        let tables = vec![
            table(Some(1), a, vec![]),
            table(Some(2), b, vec![]),
            table(None, n, vec![0, 1]),
        ];
        let forms = publish(&tables, 5);
        assert_eq!(forms[0]["age:18-29"], Shown::Few);
        assert_eq!(
            forms[2]["age:18-29"],
            Shown::Count(23),
            "the national cell stays"
        );
        assert_eq!(forms[0]["personal"], Shown::Count(83));
        // The reader of every table learns no small count.
        let mut released = tables.clone();
        for (t, f) in released.iter_mut().zip(&forms) {
            t.shown = Some(f.clone());
        }
        assert!(publish(&released, 5).is_empty(), "nothing left to publish");
        assert_eq!(exposed(&released, 5), vec![]);
        // Shown as it would be without partners, the small cell falls out.
        let mut naive = released.clone();
        for t in &mut naive {
            let forms = t.shown.as_mut().unwrap();
            for (k, s) in forms.iter_mut() {
                if *s == Shown::Hidden {
                    *s = Shown::Count(t.figures[k] as u64);
                }
            }
        }
        assert!(!exposed(&naive, 5).is_empty());
    }

    #[test]
    fn r_rep_5_a_correction_is_protected_against_the_version_before() {
        let v1 = area(1, 40, &[("18-29", 30), ("30-44", 50), ("45-64", 30)]);
        let mut v2 = v1.clone();
        *v2.get_mut("age:30-44").unwrap() += 2;
        *v2.get_mut("personal").unwrap() += 2;
        *v2.get_mut("new").unwrap() += 2;
        *v2.get_mut("point:1:new").unwrap() += 2;
        let first = publish(&[table(Some(1), v1.clone(), vec![])], 5);
        assert!(
            first[0].values().all(|s| *s != Shown::Hidden),
            "no partner hidden at first"
        );
        let mut released = table(Some(1), v1.clone(), vec![]);
        released.shown = Some(first[0].clone());
        let second = publish(&[released, table(Some(1), v2.clone(), vec![])], 5);
        // Two more people: the changed cells cannot all be shown exactly.
        let changed = ["age:30-44", "personal", "new", "point:1:new"];
        assert!(
            changed.iter().any(|k| second[0][*k].is_hidden()),
            "{:?}",
            second[0]
        );
        let mut both = vec![table(Some(1), v1, vec![]), table(Some(1), v2, vec![])];
        both[0].shown = Some(first[0].clone());
        both[1].shown = Some(second[0].clone());
        assert_eq!(exposed(&both, 5), vec![]);
    }

    /// Publishes `new` after `done`, as the register does, and keeps the forms.
    fn release(done: &mut Vec<Table>, new: Vec<Table>) {
        let mut batch = done.clone();
        batch.extend(new);
        let forms = publish(&batch, 5);
        let mut forms = forms.into_iter();
        for t in batch.iter_mut().filter(|t| t.shown.is_none()) {
            t.shown = forms.next();
        }
        *done = batch;
    }

    fn with_student(mut f: Figures, student: i64) -> Figures {
        f.insert("life:student".into(), student);
        f
    }

    #[test]
    fn r_rep_5_versions_that_only_grow_do_not_pin_another_areas_count() {
        // The attack of a reader who takes a year's counts to only grow:
        // area 1's student count shown 32 in its first and last versions
        // pins the versions between; the national table read beside one of
        // them then gives area 2's small count.
        let a = |extra: i64| {
            with_student(
                area(
                    1,
                    40,
                    &[("18-29", 30 + extra), ("30-44", 50), ("45-64", 30)],
                ),
                32,
            )
        };
        let b = |student: i64| with_student(area(2, 20, &[("18-29", 20), ("30-44", 20)]), student);
        let national = |x: &Figures, y: &Figures| {
            let strip = |f: &Figures| -> Figures {
                f.iter()
                    .filter(|(k, _)| !k.starts_with("point:"))
                    .map(|(k, v)| (k.clone(), *v))
                    .collect()
            };
            super::national(&[&strip(x), &strip(y)])
        };
        let mut done: Vec<Table> = vec![];
        release(&mut done, vec![table(Some(1), a(0), vec![])]);
        release(
            &mut done,
            vec![
                table(Some(2), b(4), vec![]),
                table(None, national(&a(0), &b(4)), vec![0, 1]),
            ],
        );
        release(
            &mut done,
            vec![
                table(Some(1), a(1), vec![]),
                table(None, national(&a(1), &b(4)), vec![3, 1]),
            ],
        );
        release(
            &mut done,
            vec![
                table(Some(1), a(2), vec![]),
                table(None, national(&a(2), &b(4)), vec![5, 1]),
            ],
        );
        release(
            &mut done,
            vec![
                table(Some(2), b(5), vec![]),
                table(None, national(&a(2), &b(5)), vec![5, 7]),
            ],
        );
        release(
            &mut done,
            vec![
                table(Some(1), a(3), vec![]),
                table(None, national(&a(3), &b(5)), vec![9, 7]),
            ],
        );
        assert_eq!(exposed(&done, 5), vec![]);
        let student = |t: usize| done[t].shown.as_ref().unwrap()["life:student"];
        let pinned_between = student(0) == Shown::Count(32) && student(9) == Shown::Count(32);
        let national_with_b1 = [2, 4, 6]
            .iter()
            .any(|&n| matches!(student(n), Shown::Count(_)));
        assert!(
            !(pinned_between && national_with_b1),
            "area 1's first and last versions and a national reading beside area 2's first"
        );
    }

    #[test]
    fn r_rep_5_a_reader_who_takes_every_card_of_the_year_as_valid_learns_nothing() {
        // 119 new, none renewed, 2 community cards, 119 valid: with valid ≥
        // new + renewed, "<5" renewed is 0 and community = personal's gap.
        let mut f = area(1, 119, &[("18-29", 60), ("30-44", 57)]);
        f.insert("renewed".into(), 0);
        f.insert("point:1:renewed".into(), 0);
        f.insert("community".into(), 2);
        f.insert("valid".into(), 119);
        f.insert("cards_used".into(), 80);
        f.insert("valid_used".into(), 80);
        let forms = publish(&[table(Some(1), f.clone(), vec![])], 5);
        let mut t = table(Some(1), f, vec![]);
        t.shown = Some(forms[0].clone());
        assert_eq!(exposed(&[t], 5), vec![]);
        let exact = |k: &str| matches!(forms[0][k], Shown::Count(_));
        assert!(
            !(exact("new") && exact("valid") && exact("personal")),
            "new, valid and personal side by side give the community count: {:?}",
            forms[0]
        );
    }

    #[test]
    fn r_rep_5_many_versions_cost_a_cell_per_key_and_step_not_per_pair() {
        // Eight versions of a year, the same but for one person more in
        // the last: a reader's bounds come from consecutive versions, and
        // only the small changes of other pairs are cells of their own.
        let v = area(1, 40, &[("18-29", 30), ("30-44", 50), ("45-64", 30)]);
        let mut last = v.clone();
        for k in ["age:30-44", "personal", "new", "point:1:new"] {
            *last.get_mut(k).unwrap() += 1;
        }
        let mut tables: Vec<Table> = (0..7).map(|_| table(Some(1), v.clone(), vec![])).collect();
        tables.push(table(Some(1), last, vec![]));
        let s = system(&tables, 5);
        let keys = v.len();
        let small_pairs = 4 * 6; // the four changed keys against versions 1 to 6
        assert_eq!(
            s.derived
                .keys()
                .filter(|&&c| s.p.cells[c].state == State::Slack)
                .count()
                - bounds_count(&tables),
            7 * keys + small_pairs
        );
    }

    /// An area's year with one well-being question's answers (weekly,
    /// monthly, did not answer) and how they moved at renewal.
    fn with_wellbeing(mut f: Figures, answers: [i64; 3], moves: [i64; 3]) -> Figures {
        for (a, n) in ["weekly", "monthly", "no_answer"].iter().zip(answers) {
            f.insert(format!("wb:7:{a}"), n);
        }
        for (m, n) in ["higher", "same", "lower"].iter().zip(moves) {
            f.insert(format!("wbmove:7:{m}"), n);
        }
        f.insert("wbmove:7:compared".into(), moves.iter().sum());
        f
    }

    #[test]
    fn r_well_1_answers_outside_the_area_give_no_small_count_away() {
        // Asked all year: the answers add up to the personal cards, and a
        // reader who knows that works a hidden answer out of the others.
        let a = with_wellbeing(
            area(1, 40, &[("18-29", 30), ("30-44", 50), ("45-64", 30)]),
            [60, 48, 2],
            [20, 30, 3],
        );
        let b = with_wellbeing(
            area(2, 60, &[("18-29", 20), ("30-44", 40), ("45-64", 25)]),
            [40, 42, 3],
            [10, 14, 12],
        );
        let n = national(&[&a, &b]);
        let tables = vec![
            table(Some(1), a, vec![]),
            table(Some(2), b, vec![]),
            table(None, n, vec![0, 1]),
        ];
        let forms = publish(&tables, 5);
        assert_eq!(forms[0]["wb:7:no_answer"], Shown::Few);
        assert_eq!(forms[0]["wbmove:7:lower"], Shown::Few);
        let mut released = tables.clone();
        for (t, f) in released.iter_mut().zip(&forms) {
            t.shown = Some(f.clone());
        }
        assert_eq!(exposed(&released, 5), vec![]);
        // Only "<5" where the count is small, and nothing hidden beside it,
        // lets the reader take it from the total.
        let mut naive = released.clone();
        for t in &mut naive {
            let forms = t.shown.as_mut().unwrap();
            for (k, s) in forms.iter_mut() {
                if *s == Shown::Hidden {
                    *s = Shown::Count(t.figures[k] as u64);
                }
            }
        }
        let found = exposed(&naive, 5);
        assert!(
            found.contains(&(0, "wb:7:no_answer".into()))
                && found.contains(&(0, "wbmove:7:lower".into())),
            "{found:?}"
        );
    }

    #[test]
    fn r_well_1_answers_some_grants_lack_are_bounded_by_the_cards() {
        // Some grants stored no answers (recorded before the register
        // asked): fewer answers than personal cards, so they are no
        // breakdown, only a bound.
        let f = with_wellbeing(
            area(1, 40, &[("18-29", 30), ("30-44", 50), ("45-64", 30)]),
            [20, 20, 2],
            [0, 0, 0],
        );
        let t = table(Some(1), f, vec![]);
        assert!(
            !sums_within(&t)
                .iter()
                .any(|s| s.iter().any(|(k, _)| k == "wb:7:weekly"))
        );
        assert!(
            bounds_within(&t)
                .iter()
                .any(|(parts, big)| big == "personal" && parts.len() == 3)
        );
        let forms = publish(std::slice::from_ref(&t), 5);
        let mut t = t;
        t.shown = Some(forms[0].clone());
        assert_eq!(exposed(&[t], 5), vec![]);
    }

    fn bounds_count(tables: &[Table]) -> usize {
        tables.iter().map(|t| bounds_within(t).len()).sum()
    }
}
