//! Charts drawn on the server as SVG (R-REP-6): a title and a description
//! for screen readers, each bar's numbers in its own `<title>`, and the same
//! numbers in a table beside the chart. No script is needed.

/// One bar: its label and its stacked values (adults, children …).
pub struct Bar {
    pub label: String,
    pub values: Vec<u64>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Stacked bars; `series` names the parts (shown in the legend with the
/// fill and a pattern, so colour is not the only cue).
pub fn bars(id: &str, title: &str, desc: &str, series: &[String], bars: &[Bar]) -> String {
    const W: f64 = 640.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 40.0;
    const BOTTOM: f64 = 40.0;
    let max = bars
        .iter()
        .map(|b| b.values.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (W - LEFT) / bars.len().max(1) as f64;
    let width = (slot * 0.7).max(2.0);
    let fills = ["#1f5f8b", "#d98c1f", "#4a7f3c"];
    let mut out = format!(
        r#"<svg class="chart" viewBox="0 0 {W} {}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        H + 30.0,
        esc(title),
        esc(desc)
    );
    out += &format!(
        r##"<defs><pattern id="{id}-p" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{}"/><path d="M0 6L6 0" stroke="#fff" stroke-width="1.5"/></pattern></defs>"##,
        fills[1]
    );
    out += &format!(
        r##"<line x1="{LEFT}" y1="{0}" x2="{W}" y2="{0}" stroke="#555"/><text x="{1}" y="{2}" font-size="11" text-anchor="end">{3}</text><text x="{1}" y="14" font-size="11" text-anchor="end">{4}</text>"##,
        H - BOTTOM,
        LEFT - 4.0,
        H - BOTTOM,
        0,
        max as u64
    );
    let fill = |i: usize| {
        if i == 1 {
            format!("url(#{id}-p)")
        } else {
            fills[i % fills.len()].to_string()
        }
    };
    for (n, b) in bars.iter().enumerate() {
        let x = LEFT + slot * n as f64 + (slot - width) / 2.0;
        let mut y = H - BOTTOM;
        let tip = b
            .values
            .iter()
            .zip(series)
            .map(|(v, s)| format!("{s} {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        out += &format!("<g><title>{}: {}</title>", esc(&b.label), esc(&tip));
        for (i, v) in b.values.iter().enumerate() {
            let h = (*v as f64 / max) * (H - BOTTOM - 10.0);
            y -= h;
            out += &format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{h:.1}" fill="{}"/>"#,
                fill(i)
            );
        }
        out += "</g>";
        out += &format!(
            r#"<text x="{:.1}" y="{}" font-size="10" text-anchor="middle">{}</text>"#,
            x + width / 2.0,
            H - BOTTOM + 14.0,
            esc(&b.label)
        );
    }
    for (i, s) in series.iter().enumerate() {
        let x = LEFT + 130.0 * i as f64;
        out += &format!(
            r##"<rect x="{x}" y="{}" width="14" height="14" fill="{}" stroke="#333"/><text x="{}" y="{}" font-size="12">{}</text>"##,
            H + 2.0,
            fill(i),
            x + 20.0,
            H + 13.0,
            esc(s)
        );
    }
    out + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_rep_6_charts_are_labelled_svg_with_their_numbers() {
        let svg = bars(
            "m",
            "Uses by month",
            "Adult and child tickets per month",
            &["Adults".into(), "Children".into()],
            &[
                Bar {
                    label: "2026-01".into(),
                    values: vec![3, 1],
                },
                Bar {
                    label: "<b>".into(),
                    values: vec![0, 0],
                },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains(r#"role="img""#)
                && svg.contains("<title id=\"m-t\">Uses by month</title>")
        );
        assert!(svg.contains("<title>2026-01: Adults 3, Children 1</title>"));
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }
}
