//! R-REP-5 played by two readers: the linear programs of [`disclosed`], and
//! an independent one here that tries every whole-number assignment the
//! published forms and relations allow (small problems only).

use super::*;
use proptest::prelude::*;

/// Every value each unknown cell can take, by trying all whole-number
/// assignments within `cap` (cells never published may be negative).
fn possible(p: &Problem, shown: &[Option<Shown>], cap: i64) -> BTreeMap<usize, BTreeSet<i64>> {
    let unknown: Vec<usize> = (0..p.cells.len())
        .filter(|&i| !matches!(shown[i], Some(Shown::Count(_))))
        .collect();
    let span = |i: usize| -> (i64, i64) {
        match shown[i] {
            Some(Shown::Small) => (1, p.cells[i].threshold as i64 - 1),
            Some(Shown::Few) => (0, p.cells[i].threshold as i64 - 1),
            Some(Shown::Hidden) => (0, cap),
            _ if p.cells[i].state == State::Slack => (0, cap),
            _ => (-cap, cap),
        }
    };
    let mut value: Vec<Option<i64>> = shown
        .iter()
        .map(|s| match s {
            Some(Shown::Count(n)) => Some(*n as i64),
            _ => None,
        })
        .collect();
    let mut out: BTreeMap<usize, BTreeSet<i64>> =
        unknown.iter().map(|&i| (i, BTreeSet::new())).collect();
    fn consistent(p: &Problem, value: &[Option<i64>]) -> bool {
        p.relations.iter().all(|r| {
            let mut sum = 0;
            for &(i, c) in &r.0 {
                match value[i] {
                    Some(v) => sum += c * v,
                    None => return true,
                }
            }
            sum == 0
        })
    }
    fn go(
        p: &Problem,
        unknown: &[usize],
        k: usize,
        value: &mut Vec<Option<i64>>,
        span: &dyn Fn(usize) -> (i64, i64),
        out: &mut BTreeMap<usize, BTreeSet<i64>>,
    ) {
        if !consistent(p, value) {
            return;
        }
        let Some(&i) = unknown.get(k) else {
            for &u in unknown {
                out.get_mut(&u).unwrap().insert(value[u].unwrap());
            }
            return;
        };
        // A relation with this cell as its one unknown left fixes it.
        let forced = p.relations.iter().find_map(|r| {
            let (c, rest) = r.0.iter().fold((0, Some(0i64)), |(c, rest), &(j, cj)| {
                if j == i {
                    (c + cj, rest)
                } else {
                    (c, rest.and_then(|s| value[j].map(|v| s + cj * v)))
                }
            });
            match rest {
                Some(s) if c != 0 && s % c == 0 => Some(-s / c),
                Some(_) if c != 0 => Some(i64::MIN),
                _ => None,
            }
        });
        let (low, high) = span(i);
        let candidates: Vec<i64> = match forced {
            Some(v) if v >= low && v <= high => vec![v],
            Some(_) => vec![],
            None => (low..=high).collect(),
        };
        for v in candidates {
            value[i] = Some(v);
            go(p, unknown, k + 1, value, span, out);
        }
        value[i] = None;
    }
    go(p, &unknown, 0, &mut value, &span, &mut out);
    out
}

/// The sensitive cells the brute-force reader pins to one value.
fn pinned(p: &Problem, shown: &[Option<Shown>]) -> Vec<(usize, i64)> {
    let cap = p.cells.iter().map(|c| c.value.abs()).sum::<i64>() + 3;
    possible(p, shown, cap)
        .into_iter()
        .filter(|(i, _)| p.sensitive(*i))
        .filter(|(_, vs)| vs.len() < 2)
        .map(|(i, _)| (i, p.cells[i].value))
        .collect()
}

/// A table of areas × categories, each row with its total, and the
/// national row of column sums with its grand total, all new.
struct Table {
    cells: Vec<Vec<usize>>,
    totals: Vec<usize>,
    national: Vec<usize>,
    grand: usize,
}

fn table(p: &mut Problem, rows: &[Vec<i64>]) -> Table {
    let width = rows[0].len();
    let mut cells = vec![];
    let mut totals = vec![];
    for r in rows {
        let row: Vec<usize> = r.iter().map(|&v| p.cell(v, State::New)).collect();
        let total = p.cell(r.iter().sum(), State::New);
        p.relations.push(Relation::sum(total, row.clone()));
        cells.push(row);
        totals.push(total);
    }
    let national: Vec<usize> = (0..width)
        .map(|k| p.cell(rows.iter().map(|r| r[k]).sum(), State::New))
        .collect();
    for k in 0..width {
        p.relations
            .push(Relation::sum(national[k], cells.iter().map(|r| r[k])));
    }
    let grand = p.cell(rows.iter().flatten().sum(), State::New);
    p.relations.push(Relation::sum(grand, national.clone()));
    p.relations.push(Relation::sum(grand, totals.clone()));
    Table {
        cells,
        totals,
        national,
        grand,
    }
}

#[test]
fn r_rep_5_a_small_count_gets_a_partner() {
    let mut p = Problem::new(5);
    let parts: Vec<usize> = [120, 3, 40]
        .iter()
        .map(|&v| p.cell(v, State::New))
        .collect();
    let total = p.cell(163, State::New);
    p.relations.push(Relation::sum(total, parts.clone()));
    assert_eq!(
        disclosed(
            &p,
            &p.cells
                .iter()
                .map(|c| Some(p.primary(c.value)))
                .collect::<Vec<_>>()
        ),
        vec![parts[1]]
    );
    let shown = protect(&p);
    assert_eq!(shown[parts[1]], Some(Shown::Few));
    assert_eq!(
        shown[parts[2]],
        Some(Shown::Hidden),
        "the smallest large count"
    );
    assert_eq!(shown[parts[0]], Some(Shown::Count(120)));
    assert_eq!(shown[total], Some(Shown::Count(163)));
    assert!(disclosed(&p, &shown).is_empty());
    assert!(pinned(&p, &shown).is_empty());
}

#[test]
fn r_rep_5_small_counts_that_fill_a_total_are_not_left_certain() {
    // Two "<5" adding up to 8: each could only be 4.
    let mut p = Problem::new(5);
    let parts: Vec<usize> = (0..2).map(|_| p.cell(4, State::New)).collect();
    let total = p.cell(8, State::New);
    p.relations.push(Relation::sum(total, parts));
    let shown = protect(&p);
    assert!(disclosed(&p, &shown).is_empty(), "{shown:?}");
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
}

#[test]
fn r_rep_5_an_empty_category_looks_like_a_small_one() {
    // One person in a table of four categories: the three empty ones are
    // shown as the one that holds the person is.
    let mut p = Problem::new(5);
    let parts: Vec<usize> = [0, 1, 0, 0]
        .iter()
        .map(|&v| p.cell(v, State::New))
        .collect();
    let total = p.cell(1, State::New);
    p.relations.push(Relation::sum(total, parts.clone()));
    let shown = protect(&p);
    assert!(
        parts.iter().all(|&i| shown[i] == Some(Shown::Few)),
        "{shown:?}"
    );
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
}

#[test]
fn r_rep_5_what_a_count_exceeds_another_by_is_protected() {
    // 40 valid cards and 37 of them used, both exact, tell that 3 were
    // not used: one of the two is hidden.
    let mut p = Problem::new(5);
    let valid = p.cell(40, State::New);
    let used = p.cell(37, State::New);
    let unused = p.slack(3);
    p.relations.push(Relation::at_most(used, valid, unused));
    let naive: Vec<Option<Shown>> = vec![Some(Shown::Count(40)), Some(Shown::Count(37)), None];
    assert_eq!(disclosed(&p, &naive), vec![unused]);
    let shown = protect(&p);
    assert!(
        shown[valid].is_some_and(Shown::is_hidden) || shown[used].is_some_and(Shown::is_hidden)
    );
    assert!(disclosed(&p, &shown).is_empty(), "{shown:?}");
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
}

#[test]
fn r_rep_5_a_bound_the_reader_knows_is_used_against_a_small_count() {
    // 4 cards used, shown exactly under an earlier threshold of 3, and 4
    // valid cards now: "<5" valid with at least 4 used could only be 4.
    let mut p = Problem::new(5);
    let used = p.cell_under(4, State::Released(Shown::Count(4)), 3);
    let valid = p.cell(4, State::New);
    let unused = p.slack(0);
    p.relations.push(Relation::at_most(used, valid, unused));
    assert_eq!(
        disclosed(&p, &[Some(Shown::Count(4)), Some(Shown::Few), None]),
        vec![valid]
    );
    let shown = protect(&p);
    assert_eq!(shown[valid], Some(Shown::Hidden));
    assert!(disclosed(&p, &shown).is_empty(), "{shown:?}");
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
}

#[test]
fn r_rep_5_the_national_row_minus_the_other_areas_gives_nothing_away() {
    let mut p = Problem::new(5);
    let t = table(&mut p, &[vec![40, 2, 60], vec![55, 30, 70]]);
    let shown = protect(&p);
    assert_eq!(shown[t.cells[0][1]], Some(Shown::Few));
    assert!(disclosed(&p, &shown).is_empty(), "{shown:?}");
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
    assert!(shown[t.grand].is_some_and(|s| !s.is_hidden()));
    assert!(
        t.totals
            .iter()
            .chain(&t.national)
            .all(|&i| shown[i].is_some())
    );
}

#[test]
fn r_rep_5_a_correction_does_not_show_the_people_it_added() {
    let mut p = Problem::new(5);
    let v1: Vec<usize> = [30i64, 20, 40]
        .iter()
        .map(|&v| p.cell(v, State::Released(Shown::Count(v as u64))))
        .collect();
    let v1_total = p.cell(90, State::Released(Shown::Count(90)));
    p.relations.push(Relation::sum(v1_total, v1.clone()));
    let v2: Vec<usize> = [30i64, 21, 40]
        .iter()
        .map(|&v| p.cell(v, State::New))
        .collect();
    let v2_total = p.cell(91, State::New);
    p.relations.push(Relation::sum(v2_total, v2.clone()));
    for k in 0..3 {
        let d = p.cell(
            p.cells[v2[k]].value - p.cells[v1[k]].value,
            State::Unpublished,
        );
        p.relations.push(Relation::change(v2[k], v1[k], d));
    }
    let d_total = p.cell(1, State::Unpublished);
    p.relations
        .push(Relation::change(v2_total, v1_total, d_total));
    let shown = protect(&p);
    assert!(disclosed(&p, &shown).is_empty(), "{shown:?}");
    assert!(pinned(&p, &shown).is_empty(), "{shown:?}");
    assert!(shown[v2[1]].is_some_and(Shown::is_hidden));
}

#[test]
fn r_rep_5_a_live_count_outside_the_area_is_rounded_up_to_tens() {
    assert_eq!(rounded_up(0), 0);
    for n in 1..=10 {
        assert_eq!(rounded_up(n), 10, "{n}");
    }
    assert_eq!(rounded_up(11), 20);
    assert_eq!(rounded_up(120), 120);
    assert_eq!(rounded_up(121), 130);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// R-REP-5 as the reader outside the areas plays it: random areas with
    /// small and large counts, their rows with totals, the national row,
    /// and then a correction of the first area; whatever is shown, neither
    /// reader works out a protected count or change exactly.
    #[test]
    fn r_rep_5_no_protected_count_follows_from_anything_published(
        rows in prop::collection::vec(prop::collection::vec(
            prop_oneof![0i64..5, 5i64..12], 2..=3), 1..=2),
        fix in prop::collection::vec(-2i64..3, 3),
    ) {
        let width = rows.iter().map(Vec::len).min().unwrap();
        let rows: Vec<Vec<i64>> = rows.iter().map(|r| r[..width].to_vec()).collect();
        let mut p = Problem::new(5);
        let t = table(&mut p, &rows);
        let shown = protect(&p);
        prop_assert!(disclosed(&p, &shown).is_empty(), "{:?}", shown);
        prop_assert!(pinned(&p, &shown).is_empty(), "{:?} {:?}", rows, shown);
        // Published; then the first area corrects its row.
        let mut q = Problem::new(5);
        for (c, s) in p.cells.iter().zip(&shown) {
            q.cell(c.value, s.map_or(State::Unpublished, State::Released));
        }
        q.relations = p.relations.clone();
        let fixed: Vec<i64> = (0..width).map(|k| (rows[0][k] + fix[k]).max(0)).collect();
        let new: Vec<usize> = fixed.iter().map(|&v| q.cell(v, State::New)).collect();
        let total = q.cell(fixed.iter().sum(), State::New);
        q.relations.push(Relation::sum(total, new.clone()));
        for k in 0..width {
            let d = q.cell(fixed[k] - rows[0][k], State::Unpublished);
            q.relations.push(Relation::change(new[k], t.cells[0][k], d));
        }
        let shown = protect(&q);
        prop_assert!(disclosed(&q, &shown).is_empty(), "{:?}", shown);
        prop_assert!(pinned(&q, &shown).is_empty(), "{:?} {:?} {:?}", rows, fixed, shown);
    }
}
