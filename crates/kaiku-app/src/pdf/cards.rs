//! Printed card stock (R-CARD-10): cards at their real size, 85.6 × 54 mm,
//! on A4 with cut marks, each with its code in large type, a Code 39
//! barcode and a QR code of the code, the area's name and the line "free
//! culture card" in three languages. With holder keys, each card has a flap
//! below it, folded behind the card along a dashed line, that carries the
//! key.
//!
//! The cards of a sheet touch: one cut between two cards, so a guillotine
//! cut at each mark gives cards of exactly the right size.

use super::{Ink, MM, Op, text_width};

pub const CARD_WIDTH: f32 = 85.6 * MM;
pub const CARD_HEIGHT: f32 = 54.0 * MM;
/// The flap that holds a holder key, folded behind the card.
pub const FLAP_HEIGHT: f32 = 14.0 * MM;
const COLUMNS: usize = 2;
const PAD: f32 = 4.0 * MM;
/// Cut marks: from this far outside the cards' block…
const MARK_GAP: f32 = 2.0 * MM;
/// …this long.
const MARK_LENGTH: f32 = 5.0 * MM;

/// How a sheet of cards is laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    pub rows: usize,
    /// Card plus flap, when keys are printed.
    pub slot_height: f32,
    pub left: f32,
    pub top: f32,
}

impl Layout {
    pub fn new(holder_keys: bool) -> Layout {
        let (rows, slot_height) = if holder_keys {
            (4, CARD_HEIGHT + FLAP_HEIGHT)
        } else {
            (5, CARD_HEIGHT)
        };
        Layout {
            rows,
            slot_height,
            left: (super::A4_WIDTH - COLUMNS as f32 * CARD_WIDTH) / 2.0,
            top: (super::A4_HEIGHT - rows as f32 * slot_height) / 2.0,
        }
    }

    pub fn per_page(&self) -> usize {
        self.rows * COLUMNS
    }

    /// The top left corner of the card in place `n` of a sheet (row by row).
    pub fn corner(&self, n: usize) -> (f32, f32) {
        (
            self.left + (n % COLUMNS) as f32 * CARD_WIDTH,
            self.top + (n / COLUMNS) as f32 * self.slot_height,
        )
    }

    /// Where a guillotine cuts: x of each vertical cut, y of each
    /// horizontal one.
    pub fn cuts(&self) -> (Vec<f32>, Vec<f32>) {
        let xs = (0..=COLUMNS)
            .map(|i| self.left + i as f32 * CARD_WIDTH)
            .collect();
        let ys = (0..=self.rows)
            .map(|i| self.top + i as f32 * self.slot_height)
            .collect();
        (xs, ys)
    }
}

/// What a sheet says on every card, in the area's and the program's words.
pub struct Sheet {
    pub area: String,
    /// "Kaikukortti – free culture card" in Finnish, Swedish and English.
    pub lines: [String; 3],
    /// The flap's heading and its instruction ("Fold along the dashed
    /// line…"), when keys are printed.
    pub key_heading: String,
    pub key_help: String,
}

/// One card of a sheet.
pub struct Face<'a> {
    pub code: &'a str,
    pub key: Option<&'a str>,
}

/// The drawing of one A4 sheet of up to [`Layout::per_page`] cards.
pub fn sheet(layout: &Layout, s: &Sheet, faces: &[Face<'_>]) -> Vec<Op> {
    let mut ops = cut_marks(layout);
    for (n, f) in faces.iter().take(layout.per_page()).enumerate() {
        let (x, y) = layout.corner(n);
        card(&mut ops, x, y, s, f);
        if let Some(key) = f.key {
            flap(&mut ops, x, y + CARD_HEIGHT, s, key);
        }
    }
    ops
}

fn cut_marks(l: &Layout) -> Vec<Op> {
    let (xs, ys) = l.cuts();
    let (top, bottom) = (l.top, *ys.last().unwrap_or(&l.top));
    let (left, right) = (l.left, *xs.last().unwrap_or(&l.left));
    let mut lines = vec![];
    for &x in &xs {
        lines.push((x, top - MARK_GAP, x, top - MARK_GAP - MARK_LENGTH));
        lines.push((x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK_LENGTH));
    }
    for &y in &ys {
        lines.push((left - MARK_GAP, y, left - MARK_GAP - MARK_LENGTH, y));
        lines.push((right + MARK_GAP, y, right + MARK_GAP + MARK_LENGTH, y));
    }
    vec![Op::Lines {
        width: 0.5,
        dash: None,
        lines,
    }]
}

fn text(ops: &mut Vec<Op>, x: f32, y: f32, size: f32, bold: bool, ink: Ink, s: &str) {
    ops.push(Op::Text {
        x,
        y,
        size,
        bold,
        ink,
        text: s.to_string(),
    });
}

/// The largest size at which `s` fits in `max` points, up to `size`.
fn fit(s: &str, size: f32, bold: bool, max: f32) -> f32 {
    let w = text_width(s, size, bold);
    if w <= max { size } else { size * max / w }
}

fn card(ops: &mut Vec<Op>, x: f32, y: f32, s: &Sheet, f: &Face<'_>) {
    let qr_size = 22.0 * MM;
    let text_width_max = CARD_WIDTH - 2.0 * PAD - qr_size - 2.0 * MM;
    text(
        ops,
        x + PAD,
        y + PAD + 11.0,
        13.0,
        true,
        Ink::Black,
        "Kaikukortti",
    );
    let area = fit(&s.area, 8.5, false, text_width_max);
    text(
        ops,
        x + PAD,
        y + PAD + 22.0,
        area,
        false,
        Ink::Black,
        &s.area,
    );
    for (i, l) in s.lines.iter().enumerate() {
        let size = fit(l, 6.5, false, text_width_max);
        text(
            ops,
            x + PAD,
            y + PAD + 33.0 + i as f32 * 8.0,
            size,
            false,
            Ink::Grey,
            l,
        );
    }
    let code_size = fit(f.code, 20.0, true, text_width_max);
    text(
        ops,
        x + PAD,
        y + PAD + 79.0,
        code_size,
        true,
        Ink::Black,
        f.code,
    );
    qr(
        ops,
        x + CARD_WIDTH - PAD - qr_size,
        y + PAD,
        qr_size,
        f.code,
    );
    code39(
        ops,
        x + PAD,
        y + CARD_HEIGHT - PAD - 11.0 * MM,
        CARD_WIDTH - 2.0 * PAD,
        11.0 * MM,
        f.code,
    );
}

fn flap(ops: &mut Vec<Op>, x: f32, y: f32, s: &Sheet, key: &str) {
    ops.push(Op::Lines {
        width: 0.5,
        dash: Some(3.0),
        lines: vec![(x, y, x + CARD_WIDTH, y)],
    });
    let max = CARD_WIDTH - 2.0 * PAD;
    let size = fit(&s.key_heading, 7.0, true, 38.0 * MM);
    text(
        ops,
        x + PAD,
        y + 3.0 * MM + 4.0,
        size,
        true,
        Ink::Black,
        &s.key_heading,
    );
    let shown = format!("{} {}", &key[..key.len() / 2], &key[key.len() / 2..]);
    text(
        ops,
        x + PAD,
        y + 9.0 * MM + 2.0,
        15.0,
        true,
        Ink::Black,
        &shown,
    );
    let right = 40.0 * MM;
    for (i, l) in super::wrap(&s.key_help, 6.0, false, max - right)
        .iter()
        .take(4)
        .enumerate()
    {
        text(
            ops,
            x + PAD + right,
            y + 3.0 * MM + 4.0 + i as f32 * 7.5,
            6.0,
            false,
            Ink::Grey,
            l,
        );
    }
}

/// A QR code of `code` in a `size`-point square, its quiet zone (the four
/// modules the standard asks for) inside.
fn qr(ops: &mut Vec<Op>, x: f32, y: f32, size: f32, code: &str) {
    let Ok(q) = qrcode::QrCode::with_error_correction_level(code, qrcode::EcLevel::M) else {
        return;
    };
    let n = q.width();
    let quiet = 4;
    let module = size / (n + 2 * quiet) as f32;
    let colors = q.to_colors();
    let mut rects = vec![];
    for row in 0..n {
        // Runs of dark modules in a row as one rectangle each: a quarter of
        // the drawing, and no hairline seams between modules.
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                rects.push((
                    x + (quiet + start) as f32 * module,
                    y + (quiet + row) as f32 * module,
                    (col - start) as f32 * module,
                    module,
                ));
            } else {
                col += 1;
            }
        }
    }
    ops.push(Op::Fill {
        ink: Ink::Black,
        rects,
    });
}

/// A Code 39 barcode of `code`, centred in a `width` × `height` box with
/// its quiet zones, its narrow bar no wider than half a millimetre.
fn code39(ops: &mut Vec<Op>, x: f32, y: f32, width: f32, height: f32, code: &str) {
    let Ok(b) = barcoders::sym::code39::Code39::new(code) else {
        return;
    };
    let bits = b.encode();
    let quiet = 10;
    let module = (width / (bits.len() + 2 * quiet) as f32).min(0.5 * MM);
    let start = x + (width - bits.len() as f32 * module) / 2.0;
    let mut rects = vec![];
    let mut i = 0;
    while i < bits.len() {
        if bits[i] == 1 {
            let from = i;
            while i < bits.len() && bits[i] == 1 {
                i += 1;
            }
            rects.push((
                start + from as f32 * module,
                y,
                (i - from) as f32 * module,
                height,
            ));
        } else {
            i += 1;
        }
    }
    ops.push(Op::Fill {
        ink: Ink::Black,
        rects,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_card_10_cards_are_their_real_size_and_fit_on_a4() {
        for keys in [false, true] {
            let l = Layout::new(keys);
            let (xs, ys) = l.cuts();
            for w in xs.windows(2) {
                assert!((w[1] - w[0] - 85.6 * MM).abs() < 0.01);
            }
            for h in ys.windows(2) {
                assert!((h[1] - h[0] - l.slot_height).abs() < 0.01);
            }
            // The marks stay on the paper, clear of a printer's 5 mm edge.
            assert!(l.left - MARK_GAP - MARK_LENGTH >= 5.0 * MM, "{keys}");
            assert!(l.top - MARK_GAP - MARK_LENGTH >= 1.0 * MM, "{keys}");
        }
        assert_eq!(Layout::new(false).per_page(), 10);
        assert_eq!(Layout::new(true).per_page(), 8);
    }
}
