//! kaiku's PDFs (the brochure, blank forms, printed card stock), drawn with
//! krilla in DejaVu Sans, embedded and subsetted to the letters a document
//! uses: Finnish, Swedish and every Sámi letter print as they are, and the
//! text can be selected and searched.
//!
//! A document is laid out as pages of simple drawing operations ([`Op`]);
//! each page is handed to krilla as soon as it is full, which compresses it,
//! so a long document never holds its pages' drawing in memory.

pub mod cards;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::LazyLock;

/// One point is 1/72 inch; a millimetre is this many points.
pub const MM: f32 = 72.0 / 25.4;
pub const A4_WIDTH: f32 = 210.0 * MM;
pub const A4_HEIGHT: f32 = 297.0 * MM;
const MARGIN: f32 = 20.0 * MM;

static REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The two faces, loaded once per process.
struct Face {
    font: Font,
    /// The same file read for its advance widths, to measure lines; parsed
    /// once, not at every measure (a sheet of cards measures often).
    metrics: skrifa::FontRef<'static>,
    upem: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        let font = Font::new(data.into(), 0).expect("the embedded font is a valid TrueType file");
        let metrics =
            skrifa::FontRef::new(data).expect("the embedded font is a valid TrueType file");
        let upem = font.units_per_em();
        Face {
            font,
            metrics,
            upem,
        }
    }

    /// The width of `s` at `size` points, from the font's own advances
    /// (kerning aside, which only ever narrows a line).
    fn width(&self, s: &str, size: f32) -> f32 {
        let map = self.metrics.charmap();
        let metrics = self
            .metrics
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = s
            .chars()
            .map(|c| {
                map.map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(self.upem * 0.6)
            })
            .sum();
        units * size / self.upem
    }
}

static REGULAR: LazyLock<Face> = LazyLock::new(|| Face::load(REGULAR_TTF));
static BOLD: LazyLock<Face> = LazyLock::new(|| Face::load(BOLD_TTF));

fn face(bold: bool) -> &'static Face {
    if bold { &BOLD } else { &REGULAR }
}

/// The width of `s` in points.
pub fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    face(bold).width(s, size)
}

/// Words of `s` in lines no wider than `max` points; a word longer than a
/// line (an address, a web address) is broken where it must.
pub fn wrap(s: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = vec![];
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_string();
            while text_width(&rest, size, bold) > max && rest.chars().count() > 1 {
                let mut cut = rest.chars().count() - 1;
                while cut > 1
                    && text_width(&rest.chars().take(cut).collect::<String>(), size, bold) > max
                {
                    cut -= 1;
                }
                let head: String = rest.chars().take(cut).collect();
                rest = rest.chars().skip(cut).collect();
                lines.push(head);
            }
            line = rest;
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Grey values for text and rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ink {
    Black,
    Grey,
    /// The light fill behind a table's heading row or a cover band.
    Tint,
}

impl Ink {
    fn color(self) -> rgb::Color {
        match self {
            Ink::Black => rgb::Color::new(0, 0, 0),
            // Dark enough for small print (contrast well over 7:1).
            Ink::Grey => rgb::Color::new(0x4a, 0x4a, 0x4a),
            Ink::Tint => rgb::Color::new(0xe8, 0xee, 0xf4),
        }
    }
}

/// What a page is made of. Coordinates are points from the page's top left;
/// a text's `y` is its baseline.
#[derive(Clone, Debug)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        ink: Ink,
        text: String,
    },
    /// Filled rectangles `(x, y, w, h)`, drawn as one path (a barcode, a QR
    /// code's modules, a band of colour).
    Fill {
        ink: Ink,
        rects: Vec<(f32, f32, f32, f32)>,
    },
    /// Straight lines `(x1, y1, x2, y2)`, `width` points thick, dashed when
    /// `dash` is given (a fold line).
    Lines {
        width: f32,
        dash: Option<f32>,
        lines: Vec<(f32, f32, f32, f32)>,
    },
    /// A rectangle's outline.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
}

/// A PDF being written page by page.
pub struct Writer {
    doc: Document,
    pages: usize,
}

/// krilla refused to finish the file (it never should for kaiku's drawing).
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

impl Writer {
    /// `title` and `lang` go into the file's metadata, for readers and
    /// screen readers.
    pub fn new(title: &str, lang: &str) -> Writer {
        let mut doc = Document::new();
        doc.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .language(lang.to_string())
                .creator("kaiku".to_string()),
        );
        Writer { doc, pages: 0 }
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Draws one page of `width` × `height` points.
    pub fn page(&mut self, width: f32, height: f32, ops: &[Op]) {
        let settings = PageSettings::from_wh(width, height).expect("a page has a positive size");
        let mut page = self.doc.start_page_with(settings);
        let mut s = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    ink,
                    text,
                } => {
                    // A stroke left from a rule would outline the letters.
                    s.set_stroke(None);
                    s.set_fill(Some(fill(*ink)));
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        face(*bold).font.clone(),
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Fill { ink, rects } => {
                    let mut pb = PathBuilder::new();
                    for &(x, y, w, h) in rects {
                        if let Some(r) = Rect::from_xywh(x, y, w, h) {
                            pb.push_rect(r);
                        }
                    }
                    if let Some(path) = pb.finish() {
                        s.set_fill(Some(fill(*ink)));
                        s.set_stroke(None);
                        s.draw_path(&path);
                    }
                }
                Op::Lines { width, dash, lines } => {
                    let mut pb = PathBuilder::new();
                    for &(x1, y1, x2, y2) in lines {
                        pb.move_to(x1, y1);
                        pb.line_to(x2, y2);
                    }
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(stroke(*width, *dash)));
                        s.draw_path(&path);
                    }
                }
                Op::Frame { x, y, w, h, width } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(r);
                    }
                    if let Some(path) = pb.finish() {
                        s.set_fill(None);
                        s.set_stroke(Some(stroke(*width, None)));
                        s.draw_path(&path);
                    }
                }
            }
        }
        s.finish();
        page.finish();
        self.pages += 1;
    }

    pub fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        if self.pages == 0 {
            self.page(A4_WIDTH, A4_HEIGHT, &[]);
        }
        self.doc.finish().map_err(|e| PdfError(format!("{e:?}")))
    }
}

fn fill(ink: Ink) -> Fill {
    Fill {
        paint: ink.color().into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(width: f32, dash: Option<f32>) -> Stroke {
    Stroke {
        paint: Ink::Black.color().into(),
        width,
        dash: dash.map(|d| StrokeDash {
            array: vec![d, d],
            offset: 0.0,
        }),
        ..Default::default()
    }
}

/// Text styles of a flowing document.
#[derive(Clone, Copy, Debug)]
pub enum Style {
    Title,
    Heading,
    Subheading,
    Body,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 22.0,
            Style::Heading => 14.0,
            Style::Subheading => 11.5,
            Style::Body => 10.5,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Subheading)
    }

    fn ink(self) -> Ink {
        match self {
            Style::Small => Ink::Grey,
            _ => Ink::Black,
        }
    }
}

/// A column of a table: its heading and its share of the width.
pub struct Column<'a> {
    pub heading: &'a str,
    pub width: f32,
}

/// A flowing A4 document: paragraphs, headings and tables placed from the
/// top down, new pages as they fill, and a footer with the page number
/// ("3 / 7") on every page. Pages are kept as operations until the end, so
/// that each can say how many there are: for short documents (a brochure, a
/// blank form), not for card stock.
pub struct Flow {
    title: String,
    lang: String,
    footer: String,
    pages: Vec<Vec<Op>>,
    current: Vec<Op>,
    y: f32,
}

impl Flow {
    /// `footer` is printed at the foot of every page beside its number.
    pub fn new(title: &str, lang: &str, footer: &str) -> Flow {
        Flow {
            title: title.to_string(),
            lang: lang.to_string(),
            footer: footer.to_string(),
            pages: vec![],
            current: vec![],
            y: MARGIN,
        }
    }

    fn bottom() -> f32 {
        A4_HEIGHT - MARGIN
    }

    fn width() -> f32 {
        A4_WIDTH - 2.0 * MARGIN
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        let page = std::mem::take(&mut self.current);
        self.pages.push(page);
        self.y = MARGIN;
    }

    /// Whether `height` more points fit on this page; if not, a new page.
    pub fn room(&mut self, height: f32) {
        if self.y + height > Self::bottom() && !self.current.is_empty() {
            self.new_page();
        }
    }

    /// A paragraph, wrapped and continued on new pages.
    pub fn text(&mut self, style: Style, s: &str) {
        self.text_at(style, s, 0.0);
    }

    /// A paragraph indented by `indent` points.
    pub fn text_at(&mut self, style: Style, s: &str, indent: f32) {
        let (size, bold) = (style.size(), style.bold());
        let leading = size * 1.35;
        let lines = wrap(s, size, bold, Self::width() - indent);
        // A heading is never left alone at a page's foot.
        if matches!(style, Style::Heading | Style::Subheading) {
            self.room(leading * (lines.len() as f32 + 3.0));
        }
        for l in lines {
            self.room(leading);
            self.y += leading;
            self.current.push(Op::Text {
                x: MARGIN + indent,
                y: self.y - size * 0.25,
                size,
                bold,
                ink: style.ink(),
                text: l,
            });
        }
    }

    /// Space between blocks.
    pub fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// A band of tint across the page, `height` points high, behind what is
    /// placed on it next (a cover's heading).
    pub fn band(&mut self, height: f32) {
        self.room(height);
        self.current.push(Op::Fill {
            ink: Ink::Tint,
            rects: vec![(MARGIN - 6.0, self.y, Self::width() + 12.0, height)],
        });
    }

    /// A thin rule across the page.
    pub fn rule(&mut self) {
        self.room(6.0);
        self.y += 3.0;
        self.current.push(Op::Lines {
            width: 0.5,
            dash: None,
            lines: vec![(MARGIN, self.y, MARGIN + Self::width(), self.y)],
        });
        self.y += 3.0;
    }

    /// A table of text: a tinted heading row (repeated on each page it runs
    /// onto) and rows whose cells wrap in their column.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) {
        let size = 9.0;
        let leading = size * 1.3;
        let pad = 3.0;
        let sum: f32 = columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.width / sum * Self::width())
            .collect();
        let wrap_row = |cells: &[String], bold: bool| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| wrap(c, size, bold, w - 2.0 * pad))
                .collect()
        };
        let heads: Vec<String> = columns.iter().map(|c| c.heading.to_string()).collect();
        let head = wrap_row(&heads, true);
        let height = |cells: &Vec<Vec<String>>| {
            cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * leading + 2.0 * pad
        };
        let head_h = height(&head);
        let mut heading_due = true;
        for row in rows {
            let cells = wrap_row(row, false);
            let h = height(&cells);
            if self.y + h > Self::bottom() {
                self.new_page();
                heading_due = true;
            }
            if heading_due {
                self.room(head_h + h);
                self.current.push(Op::Fill {
                    ink: Ink::Tint,
                    rects: vec![(MARGIN, self.y, Self::width(), head_h)],
                });
                self.cells(&head, &widths, true, size, leading, pad);
                self.y += head_h;
                heading_due = false;
            }
            self.cells(&cells, &widths, false, size, leading, pad);
            self.y += h;
            self.current.push(Op::Lines {
                width: 0.4,
                dash: None,
                lines: vec![(MARGIN, self.y, MARGIN + Self::width(), self.y)],
            });
        }
    }

    fn cells(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        bold: bool,
        size: f32,
        leading: f32,
        pad: f32,
    ) {
        let mut x = MARGIN;
        for (lines, w) in cells.iter().zip(widths) {
            for (i, l) in lines.iter().enumerate() {
                self.current.push(Op::Text {
                    x: x + pad,
                    y: self.y + pad + leading * (i as f32 + 1.0) - size * 0.3,
                    size,
                    bold,
                    ink: Ink::Black,
                    text: l.clone(),
                });
            }
            x += w;
        }
    }

    /// A blank form to fill in by hand: a ruled table with its headings
    /// (wrapped in their columns, repeated on every page), `rows` empty rows
    /// and, when given, a last row whose first cell says `totals`.
    pub fn form_table(
        &mut self,
        headings: &[String],
        widths: &[f64],
        rows: usize,
        totals: Option<&str>,
    ) {
        let sum: f64 = widths.iter().sum();
        let cols: Vec<f32> = widths
            .iter()
            .map(|w| (w / sum) as f32 * Self::width())
            .collect();
        let size = 8.5;
        let leading = size * 1.25;
        let cells: Vec<Vec<String>> = headings
            .iter()
            .zip(&cols)
            .map(|(h, w)| wrap(h, size, true, w - 6.0))
            .collect();
        let head_h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 8.0;
        let row_h = 22.0;
        let mut heading_due = true;
        let all = rows + usize::from(totals.is_some());
        for n in 0..all {
            if self.y + row_h > Self::bottom() {
                self.new_page();
                heading_due = true;
            }
            if heading_due {
                self.room(head_h + row_h);
                let mut x = MARGIN;
                for w in &cols {
                    self.current.push(Op::Frame {
                        x,
                        y: self.y,
                        w: *w,
                        h: head_h,
                        width: 0.6,
                    });
                    x += w;
                }
                self.cells(&cells, &cols, true, size, leading, 3.0);
                self.y += head_h;
                heading_due = false;
            }
            let mut x = MARGIN;
            for w in &cols {
                self.current.push(Op::Frame {
                    x,
                    y: self.y,
                    w: *w,
                    h: row_h,
                    width: 0.6,
                });
                x += w;
            }
            if n == rows
                && let Some(t) = totals
            {
                self.current.push(Op::Text {
                    x: MARGIN + 3.0,
                    y: self.y + row_h - 7.0,
                    size,
                    bold: true,
                    ink: Ink::Black,
                    text: t.to_string(),
                });
            }
            self.y += row_h;
        }
    }

    /// The finished file, each page with its footer and number.
    pub fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let total = self.pages.len();
        let mut w = Writer::new(&self.title, &self.lang);
        for (n, mut ops) in self.pages.into_iter().enumerate() {
            let y = A4_HEIGHT - MARGIN / 2.0;
            let number = format!("{} / {total}", n + 1);
            ops.push(Op::Text {
                x: MARGIN,
                y,
                size: 8.0,
                bold: false,
                ink: Ink::Grey,
                text: self.footer.clone(),
            });
            ops.push(Op::Text {
                x: A4_WIDTH - MARGIN - text_width(&number, 8.0, false),
                y,
                size: 8.0,
                bold: false,
                ink: Ink::Grey,
                text: number,
            });
            w.page(A4_WIDTH, A4_HEIGHT, &ops);
        }
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_measures_wider_letters_wider() {
        assert!(text_width("MMMM", 10.0, false) > text_width("iiii", 10.0, false) * 2.0);
        assert!(text_width("Kaiku", 10.0, true) > text_width("Kaiku", 10.0, false));
        // Every Sámi letter is in the font, not measured as a fallback box.
        let sami = "čđŋšŧžǥǧǩǯʒ";
        let f = skrifa::FontRef::new(REGULAR_TTF).unwrap();
        for c in sami.chars() {
            assert!(f.charmap().map(c).is_some(), "{c} is in the font");
        }
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let s = "Teatteri Hilla, Rantakatu 20, 80100 Joensuu – esteetön sisäänkäynti ja induktiosilmukka. https://www.example.fi/hyvin/pitka/osoite/joka/ei/mahdu/yhdelle/riville/lainkaan";
        let lines = wrap(s, 10.0, false, 150.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(text_width(l, 10.0, false) <= 150.0, "{l}");
        }
        let joined: String = lines
            .concat()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let want: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, want);
    }

    #[test]
    fn long_text_flows_onto_numbered_pages() {
        let mut d = Flow::new("Testi", "fi", "Kaikukortti");
        for i in 0..200 {
            d.text(Style::Body, &format!("Rivi {i}: Čeavetjávri – Ŋ ŧ đ ž."));
        }
        let pdf = d.finish().unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("/FontFile2"), "the font is embedded");
    }
}
