//! Disclosure control for what a reader outside an area sees (R-REP-5).
//!
//! A reader outside an area may fetch every table published about it: each
//! version of the area's submitted year and each state of the national
//! table. Together they are a system of linear relations between counts (a
//! breakdown sums to its total, a national cell is the sum of the areas'
//! cells, a correction differs from the version before it by the people it
//! added or removed), and every shown form bounds its cell: a number is
//! exact, "<5" is 0 to 4 (a zero is shown as a small count is, so that an
//! empty category cannot be told from one that holds a person), "x" is some
//! count, zero or more. The rule is a
//! property of that whole system: no count of persons from 1 to
//! `threshold − 1`, and no change of that size between two readings, may be
//! worked out exactly from it.
//!
//! [`disclosed`] is the reader, as statistical offices audit a table: for
//! every protected count it asks a linear program for the least and the
//! greatest value the published tables allow; a count is disclosed when no
//! other whole number fits. [`protect`] decides the forms of a new release,
//! given the releases before it (never changed: what was published stays
//! published): small counts are "<5", and partners are hidden ("x") until
//! the reader learns nothing exactly. Counts of tickets (events, not
//! persons) are not cells here and are published exactly.

use microlp::{ComparisonOp, OptimizationDirection, SolveOutcome};
use std::collections::{BTreeMap, BTreeSet};

/// A cell as a reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Shown {
    Count(u64),
    /// A count from 1 to threshold − 1: "<5" as releases made before
    /// zeros were listed said it (an empty category was left out).
    Small,
    /// A count from 0 to threshold − 1: "<5" as it is published now.
    Few,
    /// Hidden ("x"): some count, zero or more.
    Hidden,
}

impl Shown {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// Where a cell stands in the release being decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Published before in this form; it cannot be taken back.
    Released(Shown),
    /// Published by this release: [`protect`] decides its form.
    New,
    /// Never published: a difference between two readings, which a reader
    /// can only work out. Its size is protected all the same.
    Unpublished,
    /// Never published, but known to be zero or more: what one count
    /// exceeds another by (the valid cards not used). Protected as a
    /// difference is.
    Slack,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The true count (a difference may be negative).
    pub value: i64,
    pub state: State,
    /// The threshold the cell is published under: "<5" is up to this − 1.
    pub threshold: u64,
}

/// A linear relation between cells: Σ coefficient × cell = 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation(pub Vec<(usize, i64)>);

impl Relation {
    /// `total` is the sum of `parts`.
    pub fn sum(total: usize, parts: impl IntoIterator<Item = usize>) -> Relation {
        let mut terms: Vec<(usize, i64)> = parts.into_iter().map(|p| (p, 1)).collect();
        terms.push((total, -1));
        Relation(terms)
    }

    /// `change` is `new − old`.
    pub fn change(new: usize, old: usize, change: usize) -> Relation {
        Relation(vec![(new, 1), (old, -1), (change, -1)])
    }

    /// `big` is `small` plus `slack`, a cell made by [`Problem::slack`]:
    /// the reader knows `small ≤ big`.
    pub fn at_most(small: usize, big: usize, slack: usize) -> Relation {
        Relation(vec![(small, 1), (slack, 1), (big, -1)])
    }
}

/// Everything a reader can fetch, and what is to be published now.
#[derive(Clone, Debug, Default)]
pub struct Problem {
    pub cells: Vec<Cell>,
    pub relations: Vec<Relation>,
    /// Counts below this (and above zero) are protected: national policy
    /// data, 5 since the model.
    pub threshold: u64,
}

impl Problem {
    pub fn new(threshold: u64) -> Problem {
        Problem {
            threshold,
            ..Default::default()
        }
    }

    pub fn cell(&mut self, value: i64, state: State) -> usize {
        self.cell_under(value, state, self.threshold)
    }

    /// A cell published under another threshold than today's (an earlier
    /// release, before the national policy changed).
    pub fn cell_under(&mut self, value: i64, state: State, threshold: u64) -> usize {
        self.cells.push(Cell {
            value,
            state,
            threshold,
        });
        self.cells.len() - 1
    }

    /// The amount `big − small` by which one count exceeds another: never
    /// published, known to be zero or more.
    pub fn slack(&mut self, value: i64) -> usize {
        self.cell(value, State::Slack)
    }

    /// Whether a cell's true count must never be worked out exactly.
    fn sensitive(&self, i: usize) -> bool {
        let v = self.cells[i].value.unsigned_abs();
        v > 0 && v < self.threshold
    }

    /// The first form of a new cell: "<5" for a small count or none, else
    /// the count.
    fn primary(&self, value: i64) -> Shown {
        if (value.max(0) as u64) < self.threshold.max(1) {
            Shown::Few
        } else {
            Shown::Count(value.max(0) as u64)
        }
    }
}

/// What a shown form tells of its cell by itself: `None` when it is exact.
fn range(shown: Option<Shown>, cell: &Cell) -> Option<(f64, f64)> {
    let threshold = cell.threshold;
    match shown {
        Some(Shown::Count(_)) => None,
        Some(Shown::Small) => Some((1.0, threshold as f64 - 1.0)),
        Some(Shown::Few) => Some((0.0, threshold as f64 - 1.0)),
        Some(Shown::Hidden) => Some((0.0, f64::INFINITY)),
        None if cell.state == State::Slack => Some((0.0, f64::INFINITY)),
        None => Some((f64::NEG_INFINITY, f64::INFINITY)),
    }
}

/// A value the reader cannot tell from the true one must differ from it by
/// at least one whole count; this much less is still taken as one.
const EPS: f64 = 1e-6;

/// The unknown cells that relations tie together, with the relations.
struct Component {
    cells: Vec<usize>,
    relations: Vec<usize>,
}

fn components(p: &Problem, unknown: &[bool]) -> Vec<Component> {
    let mut parent: Vec<usize> = (0..p.cells.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for r in &p.relations {
        let mut first = None;
        for &(i, _) in &r.0 {
            if !unknown[i] {
                continue;
            }
            match first {
                None => first = Some(i),
                Some(f) => {
                    let (a, b) = (root(&mut parent, f), root(&mut parent, i));
                    parent[a] = b;
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Component> = BTreeMap::new();
    for i in (0..p.cells.len()).filter(|&i| unknown[i]) {
        let r = root(&mut parent, i);
        by_root
            .entry(r)
            .or_insert_with(|| Component {
                cells: vec![],
                relations: vec![],
            })
            .cells
            .push(i);
    }
    for (k, r) in p.relations.iter().enumerate() {
        if let Some(&(i, _)) = r.0.iter().find(|(i, _)| unknown[*i]) {
            let root = root(&mut parent, i);
            if let Some(c) = by_root.get_mut(&root) {
                c.relations.push(k);
            }
        }
    }
    by_root.into_values().collect()
}

/// The linear program of one component: its unknown cells within what their
/// forms allow, its relations with the known cells moved to the right.
struct Program<'a> {
    p: &'a Problem,
    shown: &'a [Option<Shown>],
    c: &'a Component,
}

/// The outcome of optimising: the values found, or no finite optimum.
enum Optimum {
    Values(BTreeMap<usize, f64>),
    Unbounded,
    /// The solver could not answer; the caller assumes the worst.
    Failed,
}

impl Program<'_> {
    fn optimise(&self, weights: &BTreeMap<usize, f64>, maximise: bool) -> Optimum {
        let direction = if maximise {
            OptimizationDirection::Maximize
        } else {
            OptimizationDirection::Minimize
        };
        let mut lp = microlp::Problem::new(direction);
        let mut var = BTreeMap::new();
        for &i in &self.c.cells {
            let bounds = range(self.shown[i], &self.p.cells[i]).expect("an unknown cell");
            let w = weights.get(&i).copied().unwrap_or(0.0);
            var.insert(i, lp.add_var(w, bounds));
        }
        for &k in &self.c.relations {
            let mut expr = vec![];
            let mut rhs = 0.0;
            for &(i, coeff) in &self.p.relations[k].0 {
                match self.shown[i] {
                    Some(Shown::Count(n)) => rhs -= coeff as f64 * n as f64,
                    _ => expr.push((var[&i], coeff as f64)),
                }
            }
            lp.add_constraint(expr, ComparisonOp::Eq, rhs);
        }
        match lp.solve() {
            Ok(SolveOutcome::Solution(s)) => {
                Optimum::Values(var.iter().map(|(&i, &v)| (i, s.var_value(v))).collect())
            }
            Err(microlp::Error::Unbounded) => Optimum::Unbounded,
            _ => Optimum::Failed,
        }
    }
}

/// The cells whose protected count (or change) the reader works out
/// exactly from the shown forms (`shown[i]`: `None` for a cell never
/// published) and all the relations.
pub fn disclosed(p: &Problem, shown: &[Option<Shown>]) -> Vec<usize> {
    let unknown: Vec<bool> = shown
        .iter()
        .map(|s| !matches!(s, Some(Shown::Count(_))))
        .collect();
    let mut out = vec![];
    for c in components(p, &unknown) {
        let program = Program { p, shown, c: &c };
        let value = |i: usize| p.cells[i].value as f64;
        // Cells shown to move by a whole count from their true value are safe.
        let mut open: BTreeSet<usize> = c
            .cells
            .iter()
            .copied()
            .filter(|&i| p.sensitive(i))
            .collect();
        if open.is_empty() {
            continue;
        }
        // Many at once first: push all the open cells up, then down.
        for maximise in [true, false] {
            let weights = open.iter().map(|&i| (i, 1.0)).collect();
            if let Optimum::Values(v) = program.optimise(&weights, maximise) {
                open.retain(|&i| {
                    let moved = if maximise {
                        v[&i] - value(i)
                    } else {
                        value(i) - v[&i]
                    };
                    moved < 1.0 - EPS
                });
            }
        }
        // Then each one left, up and down.
        for i in open {
            let weights = BTreeMap::from([(i, 1.0)]);
            let safe = [true, false].into_iter().any(|maximise| {
                match program.optimise(&weights, maximise) {
                    Optimum::Unbounded => true,
                    Optimum::Failed => false,
                    Optimum::Values(v) => {
                        let moved = if maximise {
                            v[&i] - value(i)
                        } else {
                            value(i) - v[&i]
                        };
                        moved >= 1.0 - EPS
                    }
                }
            });
            if !safe {
                out.push(i);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The cells within `hops` relations of `cell`.
fn around(p: &Problem, by_cell: &[Vec<usize>], cell: usize, hops: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::from([cell]);
    let mut edge = vec![cell];
    for _ in 0..hops {
        let mut next = vec![];
        for c in edge {
            for &r in &by_cell[c] {
                for &(i, _) in &p.relations[r].0 {
                    if seen.insert(i) {
                        next.push(i);
                    }
                }
            }
        }
        edge = next;
    }
    seen
}

/// The partners that let `leak` move by one count: the new cells shown
/// exactly that a linear program must change (at least cost: one per cell,
/// a little more for a larger count) so that the tables hold with `leak`
/// one above or below its true value, every cell outside `near` as it is.
/// `None` when no such change exists within `near`.
fn partners(
    p: &Problem,
    shown: &[Option<Shown>],
    leak: usize,
    near: &BTreeSet<usize>,
) -> Option<Vec<usize>> {
    let value = p.cells[leak].value as f64;
    let relations: BTreeSet<usize> = p
        .relations
        .iter()
        .enumerate()
        .filter(|(_, r)| r.0.iter().any(|(i, _)| near.contains(i)))
        .map(|(k, _)| k)
        .collect();
    let (low, high) = range(shown[leak], &p.cells[leak]).expect("a leak is unknown");
    for step in [1.0, -1.0] {
        let target = value + step;
        if target < low || target > high {
            continue;
        }
        let mut lp = microlp::Problem::new(OptimizationDirection::Minimize);
        // A cell: a free unknown, or the true count plus a costed change.
        enum Var {
            Free(microlp::Variable),
            Changed(microlp::Variable, microlp::Variable),
        }
        let mut vars: BTreeMap<usize, Var> = BTreeMap::new();
        for &i in near {
            let c = &p.cells[i];
            let var = if i == leak {
                Var::Free(lp.add_var(0.0, (target, target)))
            } else {
                match (shown[i], c.state) {
                    (Some(Shown::Count(n)), State::New) => {
                        let cost = 1.0 + n as f64 / 1000.0;
                        Var::Changed(
                            lp.add_var(cost, (0.0, f64::INFINITY)),
                            lp.add_var(cost, (0.0, n as f64)),
                        )
                    }
                    (Some(Shown::Count(_)), _) => continue,
                    (form, _) => Var::Free(lp.add_var(0.0, range(form, c).expect("unknown"))),
                }
            };
            vars.insert(i, var);
        }
        for &k in &relations {
            let mut expr = vec![];
            let mut rhs = 0.0;
            for &(i, coeff) in &p.relations[k].0 {
                let coeff = coeff as f64;
                match vars.get(&i) {
                    Some(Var::Free(v)) => expr.push((*v, coeff)),
                    Some(Var::Changed(up, down)) => {
                        rhs -= coeff * p.cells[i].value as f64;
                        expr.push((*up, coeff));
                        expr.push((*down, -coeff));
                    }
                    None => rhs -= coeff * p.cells[i].value as f64,
                }
            }
            lp.add_constraint(expr, ComparisonOp::Eq, rhs);
        }
        if let Ok(SolveOutcome::Solution(s)) = lp.solve() {
            let changed: Vec<usize> = vars
                .iter()
                .filter_map(|(&i, v)| match v {
                    Var::Changed(up, down) if s.var_value(*up) + s.var_value(*down) > EPS => {
                        Some(i)
                    }
                    _ => None,
                })
                .collect();
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
    None
}

/// The form of each cell: what the reader is shown (`None` for a cell that
/// is never published). Earlier releases keep their form; in the new one,
/// small counts and zeros are "<5", and for each count the reader could
/// still work out, partners are hidden ("x"): the fewest and smallest
/// counts whose change lets it move by one (found by a linear program near
/// the cell, further out if need be). Where no partner can do it (small
/// counts that fill a total to the brim), a "<5" is shown as "x" instead,
/// so that it no longer says "at most four". Hiding only ever widens what the reader must allow,
/// so a cell once protected stays so.
pub fn protect(p: &Problem) -> Vec<Option<Shown>> {
    let mut shown: Vec<Option<Shown>> = p
        .cells
        .iter()
        .map(|c| match c.state {
            State::Released(s) => Some(s),
            State::Unpublished | State::Slack => None,
            State::New => Some(p.primary(c.value)),
        })
        .collect();
    let by_cell: Vec<Vec<usize>> = {
        let mut m = vec![vec![]; p.cells.len()];
        for (r, rel) in p.relations.iter().enumerate() {
            for &(i, _) in &rel.0 {
                m[i].push(r);
            }
        }
        m
    };
    loop {
        let leaks = disclosed(p, &shown);
        if leaks.is_empty() {
            return shown;
        }
        let mut progress = false;
        for leak in leaks {
            let found = [2, 4, p.cells.len()]
                .into_iter()
                .find_map(|hops| partners(p, &shown, leak, &around(p, &by_cell, leak, hops)));
            let hide = match found {
                Some(cells) => cells,
                None => {
                    // Weaken a "<5": the leak itself, else one beside it.
                    let near = around(p, &by_cell, leak, 1);
                    let small = near
                        .iter()
                        .copied()
                        .filter(|&i| p.cells[i].state == State::New && shown[i] == Some(Shown::Few))
                        .min_by_key(|&i| (i != leak, i));
                    small.into_iter().collect()
                }
            };
            for i in hide {
                if shown[i] != Some(Shown::Hidden) {
                    shown[i] = Some(Shown::Hidden);
                    progress = true;
                }
            }
        }
        if !progress {
            // Nothing new near the leaks is left to hide: what leaks follows
            // from earlier releases alone, which this one cannot change.
            return shown;
        }
    }
}

/// The base that live counts of cards given outside an area are rounded to.
pub const ROUNDING: u64 = 10;

/// A live count of cards as it may be given to a reader outside the areas
/// it spans (the cards an anonymisation would touch): rounded up to the
/// next [`ROUNDING`], so that a small count is never given exactly and two
/// readings a day apart do not show the cards that changed between them.
/// Zero stays zero ("nothing to do" gives no one away), and no count that
/// is not zero reads as zero.
pub fn rounded_up(count: u64) -> u64 {
    count.div_ceil(ROUNDING) * ROUNDING
}

#[cfg(test)]
mod tests;
