//! PDFs read back as a person's tools read them: poppler (which .ci/run
//! installs) for the text, fonts, pages and a rendered picture; the QR codes
//! of a rendered page decoded with rqrr, its Code 39 barcodes with a reader
//! written here from the symbology's table.

use std::io::Write;
use std::process::{Command, Stdio};

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("kaiku-pdf-{}", rand_name()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.pdf");
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(&file);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    if tool == "pdftoppm" {
        cmd.arg(dir.join("page"));
    }
    let out = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap_or_else(|_| panic!("{tool} (poppler-utils, which .ci/run installs) reads the PDF"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let result = if tool == "pdftoppm" {
        let page = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pgm"))
            .expect("a rendered page");
        std::fs::read(page).unwrap()
    } else {
        out.stdout
    };
    std::fs::remove_dir_all(&dir).ok();
    result
}

fn rand_name() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The text, in reading order.
pub fn text(pdf: &[u8]) -> String {
    String::from_utf8_lossy(&poppler("pdftotext", &[], pdf)).into_owned()
}

/// The text inside a rectangle of a page, in points from its top left.
pub fn text_in(pdf: &[u8], page: usize, x: f32, y: f32, w: f32, h: f32) -> String {
    let args: Vec<String> = [
        "-f".to_string(),
        page.to_string(),
        "-l".to_string(),
        page.to_string(),
        "-x".to_string(),
        (x as i32).to_string(),
        "-y".to_string(),
        (y as i32).to_string(),
        "-W".to_string(),
        (w as i32).to_string(),
        "-H".to_string(),
        (h as i32).to_string(),
    ]
    .to_vec();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    String::from_utf8_lossy(&poppler("pdftotext", &args, pdf)).into_owned()
}

/// `pdffonts`' table: every font with whether it is embedded.
pub fn fonts(pdf: &[u8]) -> String {
    String::from_utf8_lossy(&poppler("pdffonts", &[], pdf)).into_owned()
}

/// `pdfinfo`'s value of a field (`Pages`, `Page size`, `Title`).
pub fn info(pdf: &[u8], field: &str) -> String {
    let out = String::from_utf8_lossy(&poppler("pdfinfo", &[], pdf)).into_owned();
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// A page rendered in grey at `dpi`.
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub dpi: f32,
    pub pixels: Vec<u8>,
}

impl Picture {
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }

    /// Millimetres to pixels.
    pub fn px(&self, mm: f32) -> usize {
        (mm / 25.4 * self.dpi).round() as usize
    }

    /// Pixels to millimetres.
    pub fn mm(&self, px: f32) -> f32 {
        px * 25.4 / self.dpi
    }
}

pub fn render(pdf: &[u8], page: usize, dpi: u32) -> Picture {
    let p = page.to_string();
    let r = dpi.to_string();
    let pgm = poppler("pdftoppm", &["-gray", "-r", &r, "-f", &p, "-l", &p], pdf);
    // Binary PGM: "P5\n<w> <h>\n<max>\n" then the pixels.
    let mut fields = vec![];
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    Picture {
        width,
        height,
        dpi: dpi as f32,
        pixels: pgm[i + 1..].to_vec(),
    }
}

impl Picture {
    /// A part of the picture, in points from the page's top left.
    pub fn crop(&self, x: f32, y: f32, w: f32, h: f32) -> Picture {
        let px = |pt: f32| (pt / 72.0 * self.dpi).round() as usize;
        let (x0, y0) = (px(x), px(y));
        let (w, h) = (px(w).min(self.width - x0), px(h).min(self.height - y0));
        let mut pixels = Vec::with_capacity(w * h);
        for row in y0..y0 + h {
            pixels
                .extend_from_slice(&self.pixels[row * self.width + x0..row * self.width + x0 + w]);
        }
        Picture {
            width: w,
            height: h,
            dpi: self.dpi,
            pixels,
        }
    }
}

/// Every QR code on the picture, decoded.
pub fn qr_codes(p: &Picture) -> Vec<String> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(p.width, p.height, |x, y| p.at(x, y));
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, s)| s))
        .collect()
}

/// Code 39's table: each character's nine elements (bar, space, …, bar),
/// `true` where the element is wide.
const CODE39: &[(char, &str)] = &[
    ('0', "nnnwwnwnn"),
    ('1', "wnnwnnnnw"),
    ('2', "nnwwnnnnw"),
    ('3', "wnwwnnnnn"),
    ('4', "nnnwwnnnw"),
    ('5', "wnnwwnnnn"),
    ('6', "nnwwwnnnn"),
    ('7', "nnnwnnwnw"),
    ('8', "wnnwnnwnn"),
    ('9', "nnwwnnwnn"),
    ('A', "wnnnnwnnw"),
    ('B', "nnwnnwnnw"),
    ('C', "wnwnnwnnn"),
    ('D', "nnnnwwnnw"),
    ('E', "wnnnwwnnn"),
    ('F', "nnwnwwnnn"),
    ('G', "nnnnnwwnw"),
    ('H', "wnnnnwwnn"),
    ('I', "nnwnnwwnn"),
    ('J', "nnnnwwwnn"),
    ('K', "wnnnnnnww"),
    ('L', "nnwnnnnww"),
    ('M', "wnwnnnnwn"),
    ('N', "nnnnwnnww"),
    ('O', "wnnnwnnwn"),
    ('P', "nnwnwnnwn"),
    ('Q', "nnnnnnwww"),
    ('R', "wnnnnnwwn"),
    ('S', "nnwnnnwwn"),
    ('T', "nnnnwnwwn"),
    ('U', "wwnnnnnnw"),
    ('V', "nwwnnnnnw"),
    ('W', "wwwnnnnnn"),
    ('X', "nwnnwnnnw"),
    ('Y', "wwnnwnnnn"),
    ('Z', "nwwnwnnnn"),
    ('*', "nwnnwnwnn"),
];

/// The Code 39 symbols met along one row of pixels, left to right.
pub fn code39_row(row: &[u8]) -> Vec<String> {
    // Runs of dark and light, starting with the first dark pixel.
    let dark: Vec<bool> = row.iter().map(|&v| v < 128).collect();
    let mut runs: Vec<(bool, usize)> = vec![];
    for d in dark {
        match runs.last_mut() {
            Some((k, n)) if *k == d => *n += 1,
            _ => runs.push((d, 1)),
        }
    }
    let mut found = vec![];
    let mut i = 0;
    while i + 9 <= runs.len() {
        if !runs[i].0 {
            i += 1;
            continue;
        }
        let Some((chars, used)) = symbol_at(&runs[i..]) else {
            i += 1;
            continue;
        };
        found.push(chars);
        i += used;
    }
    found
}

/// A whole symbol (`*…*`) starting at the first run, and the runs it took.
fn symbol_at(runs: &[(bool, usize)]) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut i = 0;
    loop {
        let c = char_at(runs.get(i..i + 9)?)?;
        i += 9;
        if i == 9 {
            if c != '*' {
                return None;
            }
        } else if c == '*' {
            return (!text.is_empty()).then_some((text, i));
        } else {
            text.push(c);
        }
        // The gap between characters.
        i += 1;
    }
}

fn char_at(nine: &[(bool, usize)]) -> Option<char> {
    let mut widths: Vec<usize> = nine.iter().map(|r| r.1).collect();
    let narrowest = *widths.iter().min()? as f32;
    widths.sort_unstable();
    // Three wide elements: the split lies between the sixth and seventh.
    let split = (widths[5] + widths[6]) as f32 / 2.0;
    if (widths[6] as f32) < narrowest * 1.6 {
        return None;
    }
    let pattern: String = nine
        .iter()
        .map(|r| if r.1 as f32 > split { 'w' } else { 'n' })
        .collect();
    CODE39.iter().find(|(_, p)| *p == pattern).map(|(c, _)| *c)
}

/// Every Code 39 symbol on the picture, read along each row.
pub fn code39_codes(p: &Picture) -> Vec<String> {
    let mut found: Vec<String> = vec![];
    for y in (0..p.height).step_by(3) {
        let row = &p.pixels[y * p.width..(y + 1) * p.width];
        for code in code39_row(row) {
            if !found.contains(&code) {
                found.push(code);
            }
        }
    }
    found
}

#[allow(dead_code)]
pub fn write_to(path: &str, bytes: &[u8]) {
    let mut f = std::fs::File::create(path).unwrap();
    f.write_all(bytes).unwrap();
}
