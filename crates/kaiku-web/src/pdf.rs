//! A small PDF writer for the printable brochure: A4 pages of wrapped text in
//! the standard Helvetica fonts (no font files to ship), WinAnsi-encoded so
//! that å, ä, ö and the dashes of Finnish and Swedish print as they are.

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;

#[derive(Clone, Copy)]
pub enum Style {
    Title,
    Heading,
    Body,
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Title => 20.0,
            Style::Heading => 13.0,
            Style::Body => 10.5,
            Style::Small => 9.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Style::Title | Style::Heading)
    }
}

/// Lines placed on pages as they are added.
pub struct Document {
    /// Content streams: WinAnsi bytes, not UTF-8.
    pages: Vec<Vec<u8>>,
    current: Vec<u8>,
    y: f32,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            pages: vec![],
            current: vec![],
            y: HEIGHT - MARGIN,
        }
    }
}

/// Approximate Helvetica advance widths (per 1000 em), good enough to wrap.
fn char_width(c: char, bold: bool) -> f32 {
    let w = match c {
        'i' | 'j' | 'l' | '\'' | '|' | '.' | ',' | ':' | ';' | '!' => 250.0,
        'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '-' | '/' => 320.0,
        'm' | 'w' | 'M' | 'W' | '@' => 850.0,
        c if c.is_ascii_uppercase() || matches!(c, 'Å' | 'Ä' | 'Ö' | '–' | '—') => 690.0,
        _ => 560.0,
    };
    if bold { w * 1.06 } else { w }
}

fn text_width(s: &str, size: f32, bold: bool) -> f32 {
    s.chars().map(|c| char_width(c, bold)).sum::<f32>() * size / 1000.0
}

/// The byte of `c` in WinAnsiEncoding, `?` when it has none.
fn win_ansi(c: char) -> u8 {
    match c as u32 {
        0x20..=0x7e | 0xa0..=0xff => c as u32 as u8,
        _ => match c {
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            'Š' => 0x8a,
            'š' => 0x9a,
            'Ž' => 0x8e,
            'ž' => 0x9e,
            _ => b'?',
        },
    }
}

fn pdf_string(s: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in s.chars() {
        let b = win_ansi(c);
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

impl Document {
    fn new_page(&mut self) {
        let page = std::mem::take(&mut self.current);
        self.pages.push(page);
        self.y = HEIGHT - MARGIN;
    }

    /// A paragraph, wrapped to the page width and continued on new pages.
    pub fn text(&mut self, style: Style, s: &str) {
        let (size, bold) = (style.size(), style.bold());
        let leading = size * 1.35;
        for l in Self::wrapped(s, size, bold, WIDTH - 2.0 * MARGIN) {
            if self.y - leading < MARGIN {
                self.new_page();
            }
            self.y -= leading;
            let font = if bold { "F2" } else { "F1" };
            let mut op = format!("BT /{font} {size} Tf {MARGIN} {:.1} Td ", self.y).into_bytes();
            op.extend(pdf_string(&l));
            op.extend(b" Tj ET\n");
            self.current.extend(op);
        }
    }

    /// Words wrapped to `max` points wide at `size`.
    fn wrapped(s: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = vec![];
        let mut line = String::new();
        for word in s.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) > max && !line.is_empty() {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn put(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        let font = if bold { "F2" } else { "F1" };
        let mut op = format!("BT /{font} {size} Tf {x:.1} {y:.1} Td ").into_bytes();
        op.extend(pdf_string(s));
        op.extend(b" Tj ET\n");
        self.current.extend(op);
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
        let full = WIDTH - 2.0 * MARGIN;
        let sum: f64 = widths.iter().sum();
        let cols: Vec<f32> = widths.iter().map(|w| (w / sum) as f32 * full).collect();
        let size = 8.5;
        let leading = size * 1.25;
        let cells: Vec<Vec<String>> = headings
            .iter()
            .zip(&cols)
            .map(|(h, w)| Self::wrapped(h, size, true, w - 6.0))
            .collect();
        let head_height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 8.0;
        let row_height = 22.0;
        let mut heading_due = true;
        let all = rows + usize::from(totals.is_some());
        for n in 0..all {
            if heading_due || self.y - row_height < MARGIN {
                if self.y - head_height - row_height < MARGIN {
                    self.new_page();
                }
                let top = self.y;
                let mut x = MARGIN;
                for (lines, w) in cells.iter().zip(&cols) {
                    self.current.extend(
                        format!(
                            "{x:.1} {:.1} {w:.1} {head_height:.1} re S\n",
                            top - head_height
                        )
                        .into_bytes(),
                    );
                    for (i, l) in lines.iter().enumerate() {
                        self.put(
                            x + 3.0,
                            top - 4.0 - leading * (i as f32 + 1.0) + 2.0,
                            size,
                            true,
                            l,
                        );
                    }
                    x += w;
                }
                self.y -= head_height;
                heading_due = false;
            }
            let mut x = MARGIN;
            for w in &cols {
                self.current.extend(
                    format!(
                        "{x:.1} {:.1} {w:.1} {row_height:.1} re S\n",
                        self.y - row_height
                    )
                    .into_bytes(),
                );
                x += w;
            }
            if n == rows
                && let Some(t) = totals
            {
                self.put(MARGIN + 3.0, self.y - row_height + 7.0, size, true, t);
            }
            self.y -= row_height;
        }
    }

    /// Space between blocks.
    pub fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.current.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let streams = &self.pages;
        let n = streams.len();
        let mut objects: Vec<Vec<u8>> = vec![];
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
        objects
            .push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
        objects.push(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_vec(),
        );
        objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec());
        for (i, s) in streams.iter().enumerate() {
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {WIDTH} {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    6 + 2 * i
                )
                .into_bytes(),
            );
            let mut stream = format!("<< /Length {} >>\nstream\n", s.len()).into_bytes();
            stream.extend(s);
            stream.extend(b"\nendstream");
            objects.push(stream);
        }
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = vec![];
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
            out.extend(o);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
        for off in offsets {
            out.extend(format!("{off:010} 00000 n \n").into_bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .into_bytes(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_and_swedish_letters_are_encoded_not_dropped() {
        assert_eq!(
            pdf_string("Åbo–Tammerfors (ä)"),
            b"(\xc5bo\x96Tammerfors \\(\xe4\\))".to_vec()
        );
        assert_eq!(win_ansi('€'), 0x80);
        assert_eq!(win_ansi('漢'), b'?');
    }

    #[test]
    fn long_text_flows_onto_more_pages() {
        let mut d = Document::default();
        for i in 0..200 {
            d.text(
                Style::Body,
                &format!(
                    "Rivi {i}: Teatteri Hilla, Rantakatu 20, 80100 Joensuu – esteetön sisäänkäynti."
                ),
            );
        }
        let pdf = d.finish();
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        let count: usize = text
            .split("/Count ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(count >= 3, "several pages: {count}");
        assert_eq!(
            text.matches(" Tj ET").count(),
            200,
            "every line placed once"
        );
        assert!(text.contains("(Rivi 199:"));
        assert!(text.trim_end().ends_with("%%EOF"));
    }
}
