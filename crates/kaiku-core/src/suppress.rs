//! Small-count suppression (R-REP-5): a statistic broken down by background
//! data shows counts from 1 to 4 as "<5" outside the records' own area, and
//! hides further cells so that no hidden count can be worked out from the
//! totals beside it. Implemented once, here, for every report.
//!
//! The rule for totals: in every line that sums to a shown total (a row that
//! ends in its row total, a column that ends in its column total) there are
//! either no hidden cells or at least two. A single hidden cell in such a
//! line would be the total minus the others.

/// A cell as a report may show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Count(u64),
    /// A count from 1 to threshold − 1: shown as "<5".
    Small,
    /// Hidden to protect a small count in the same row or column.
    Hidden,
}

impl Shown {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// Which lines of the grid are sums: the last column holds each row's total,
/// the last row each column's total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Margins {
    pub row_totals: bool,
    pub column_totals: bool,
}

/// Suppresses a grid of counts (totals included as its last column and/or
/// row, as `margins` says) with the national threshold (5).
pub fn suppress(grid: &[Vec<u64>], threshold: u64, margins: Margins) -> Vec<Vec<Shown>> {
    let mut out: Vec<Vec<Shown>> = grid
        .iter()
        .map(|row| {
            row.iter()
                .map(|&n| {
                    if n > 0 && n < threshold {
                        Shown::Small
                    } else {
                        Shown::Count(n)
                    }
                })
                .collect()
        })
        .collect();
    let rows = grid.len();
    let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
    // Lines that are sums, as lists of (row, column).
    let mut lines: Vec<Vec<(usize, usize)>> = vec![];
    if margins.row_totals {
        for (r, row) in grid.iter().enumerate() {
            lines.push((0..row.len()).map(|c| (r, c)).collect());
        }
    }
    if margins.column_totals {
        for c in 0..cols {
            lines.push(
                (0..rows)
                    .filter(|&r| c < grid[r].len())
                    .map(|r| (r, c))
                    .collect(),
            );
        }
    }
    // Each pass hides at least one more cell, so this ends.
    loop {
        let mut changed = false;
        for line in &lines {
            let hidden = line.iter().filter(|&&(r, c)| out[r][c].is_hidden()).count();
            if hidden != 1 {
                continue;
            }
            // The partner: the smallest shown count of the line, a total
            // only if nothing else is left.
            let is_margin = |r: usize, c: usize| {
                (margins.row_totals && c + 1 == grid[r].len())
                    || (margins.column_totals && r + 1 == rows)
            };
            let partner = line
                .iter()
                .filter(|&&(r, c)| !out[r][c].is_hidden())
                .min_by_key(|&&(r, c)| (is_margin(r, c), grid[r][c]));
            if let Some(&(r, c)) = partner {
                out[r][c] = Shown::Hidden;
                changed = true;
            }
        }
        if !changed {
            return out;
        }
    }
}

/// A one-dimensional breakdown (counts by gender, say) with its total last.
pub fn suppress_list(counts: &[u64], threshold: u64) -> Vec<Shown> {
    let column: Vec<Vec<u64>> = counts.iter().map(|&n| vec![n]).collect();
    suppress(
        &column,
        threshold,
        Margins {
            row_totals: false,
            column_totals: true,
        },
    )
    .into_iter()
    .map(|r| r[0])
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BOTH: Margins = Margins {
        row_totals: true,
        column_totals: true,
    };

    /// A grid of counts with its row and column totals added.
    fn with_totals(cells: &[Vec<u64>]) -> Vec<Vec<u64>> {
        let cols = cells[0].len();
        let mut out: Vec<Vec<u64>> = cells
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.push(r.iter().sum());
                r
            })
            .collect();
        let totals: Vec<u64> = (0..=cols).map(|c| out.iter().map(|r| r[c]).sum()).collect();
        out.push(totals);
        out
    }

    #[test]
    fn r_rep_5_small_counts_show_as_less_than_five() {
        let shown = suppress_list(&[120, 3, 40, 163], 5);
        assert_eq!(shown[1], Shown::Small);
        assert_eq!(shown[0], Shown::Count(120));
        // 3 = 163 − 120 − 40 unless one more cell is hidden: the smallest.
        assert_eq!(shown[2], Shown::Hidden);
        assert_eq!(shown[3], Shown::Count(163));
        assert_eq!(
            suppress_list(&[10, 0, 20, 30], 5),
            [10, 0, 20, 30].map(Shown::Count)
        );
    }

    #[test]
    fn r_rep_5_no_hidden_cell_follows_from_its_row_or_column() {
        let grid = with_totals(&[vec![30, 2, 15], vec![12, 40, 9], vec![7, 8, 50]]);
        let shown = suppress(&grid, 5, BOTH);
        assert_eq!(shown[0][1], Shown::Small);
        for r in 0..grid.len() {
            let n = shown[r].iter().filter(|s| s.is_hidden()).count();
            assert!(n != 1, "row {r}: {shown:?}");
        }
        for c in 0..grid[0].len() {
            let n = shown.iter().filter(|row| row[c].is_hidden()).count();
            assert!(n != 1, "column {c}: {shown:?}");
        }
    }

    proptest! {
        #[test]
        fn r_rep_5_every_line_hides_none_or_at_least_two(
            cells in prop::collection::vec(prop::collection::vec(0u64..12, 1..6), 1..6)
        ) {
            let width = cells[0].len();
            let cells: Vec<Vec<u64>> = cells.into_iter().map(|mut r| { r.resize(width, 0); r }).collect();
            let grid = with_totals(&cells);
            let shown = suppress(&grid, 5, BOTH);
            for (r, row) in shown.iter().enumerate() {
                for (c, s) in row.iter().enumerate() {
                    let n = grid[r][c];
                    if n > 0 && n < 5 {
                        prop_assert!(s.is_hidden());
                    }
                    if let Shown::Count(k) = s {
                        prop_assert_eq!(*k, n);
                    }
                }
                prop_assert!(row.iter().filter(|s| s.is_hidden()).count() != 1);
            }
            for c in 0..=width {
                prop_assert!(shown.iter().filter(|row| row[c].is_hidden()).count() != 1);
            }
        }
    }
}
