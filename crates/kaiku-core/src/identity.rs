//! Finnish personal identity code detector (R-CARD-5, R-PRIV-1, R-PRIV-4).
//!
//! kaiku never stores who a card holder is. Free text typed by staff is the one
//! place an identity code could slip in, so every free-text field, username,
//! token name and imported cell is scanned and refused when it holds something
//! that is a real identity code: a plausible date, a century sign and a
//! matching check character. The text is folded first ([`fold`]), so that the
//! code is found however it was spelled: full-width digits, any dash, spaces,
//! no-break spaces or zero-width characters between its parts.

use unicode_normalization::UnicodeNormalization;

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
const CENTURY_SIGNS: &[u8] = b"+-ABCDEFUVWXY";

/// Characters that separate nothing: they are dropped.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Every dash and hyphen a keyboard or a word processor makes, and the
/// letters and marks of other scripts drawn as a dash (the Japanese long
/// vowel mark, the Chinese numeral one, the Korean vowel eu, a macron, the
/// Coptic dialect hyphen, box-drawing lines).
fn dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{02C9}' | '\u{1173}' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2043}'
                | '\u{2212}'
                | '\u{23AF}'
                | '\u{2500}'
                | '\u{2501}'
                | '\u{2796}'
                | '\u{2CBA}'
                | '\u{2CBB}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{30FC}'
                | '\u{3161}'
                | '\u{4E00}'
                | '\u{FE31}'
                | '\u{FE32}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '\u{FF0D}'
                | '\u{FF70}'
    )
}

/// Text with its escapes read: HTML character references (`&#45;`,
/// `&#x2d;`, `&ndash;`) and percent-encoded bytes (`%2D`), as a page or a
/// link would show them.
fn unescaped(text: &str) -> String {
    if !text.contains('&') && !text.contains('%') {
        return text.to_string();
    }
    let named = [
        ("&minus;", '-'),
        ("&ndash;", '-'),
        ("&mdash;", '-'),
        ("&hyphen;", '-'),
        ("&dash;", '-'),
        ("&nbsp;", ' '),
        ("&shy;", '\u{00AD}'),
    ];
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if b[i] == b'%'
            && let Some(byte) = rest.get(1..3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        if b[i] == b'&' {
            if let Some((name, c)) = named.iter().find(|(n, _)| {
                rest.get(..n.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(n))
            }) {
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                i += name.len();
                continue;
            }
            if rest.starts_with("&#")
                && let Some(end) = rest.bytes().take(12).position(|b| b == b';')
                && let Some(c) = rest.get(2..end).and_then(numeric_reference)
            {
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                i += end + 1;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The character of `45` or `x2d` (what stands between `&#` and `;`).
fn numeric_reference(r: &str) -> Option<char> {
    let n = match r.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => r.parse().ok()?,
    };
    char::from_u32(n)
}

/// The first code point of each run of ten decimal digits in the scripts
/// Unicode has them for (Arabic-Indic, Devanagari, Thai, …) that NFKC
/// leaves as they are.
const DIGIT_ZEROS: [u32; 36] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0x104A0,
];

/// A digit of any script as its ASCII digit.
fn plain_digit(c: char) -> Option<char> {
    let n = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&n))
        .and_then(|zero| char::from_digit(n - zero, 10))
}

/// Cyrillic and Greek capitals and Latin small capitals that look like the
/// Latin letters of century signs and check characters.
fn plain_letter(c: char) -> Option<char> {
    Some(match c {
        'ᴀ' => 'A',
        'ʙ' => 'B',
        'ᴄ' => 'C',
        'ᴅ' => 'D',
        'ᴇ' => 'E',
        'ꜰ' => 'F',
        'ʜ' => 'H',
        'ᴊ' => 'J',
        'ᴋ' => 'K',
        'ʟ' => 'L',
        'ᴍ' => 'M',
        'ɴ' => 'N',
        'ᴘ' => 'P',
        'ʀ' | 'Ʀ' => 'R',
        'ꜱ' => 'S',
        'ᴛ' => 'T',
        'ᴜ' => 'U',
        'ᴠ' => 'V',
        'ᴡ' => 'W',
        'ʏ' => 'Y',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' | 'Ϲ' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Ν' => 'N',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' | 'Ү' => 'Y',
        _ => return None,
    })
}

/// R-PRIV-4: text as the guard reads it. Escapes read (`&#45;`, `%2D`),
/// Unicode NFKC (full-width digits and
/// letters become plain ones), upper case, digits of every script and
/// look-alike Cyrillic and Greek letters as their plain forms, every dash a
/// `-`, invisible characters dropped and every kind of space dropped too,
/// so that the parts of a code typed apart come together.
pub fn fold(text: &str) -> String {
    unescaped(text)
        .nfkc()
        .filter(|c| !invisible(*c) && !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .map(|c| {
            if dash(c) {
                '-'
            } else {
                plain_digit(c).or_else(|| plain_letter(c)).unwrap_or(c)
            }
        })
        .collect()
}

/// True when `text` contains a Finnish personal identity code anywhere,
/// however spelled, whatever surrounds it.
pub fn contains_identity_code(text: &str) -> bool {
    // A code has nine digits, and every spelling of one in plain ASCII
    // (escapes included: `%33`, `&#51;`) writes at least one ASCII digit
    // for each: ASCII text with fewer is no code, without folding it.
    if text.is_ascii() && text.bytes().filter(u8::is_ascii_digit).count() < 9 {
        return false;
    }
    let folded: Vec<char> = fold(text).chars().collect();
    (0..folded.len()).any(|i| code_at(&folded[i..]))
}

/// Whether `text` holds something written the way an identity code is,
/// whatever its check character: for fields that never hold one (a card
/// code, a device's name), where a mistyped code is still a person's.
pub fn shaped_like_identity_code(text: &str) -> bool {
    if contains_identity_code(text) {
        return true;
    }
    let folded: Vec<char> = fold(text).chars().collect();
    (0..folded.len()).any(|i| {
        let Some((_, rest, _)) = date_at(&folded[i..]) else {
            return false;
        };
        let sign = rest
            .first()
            .is_some_and(|c| c.is_ascii() && CENTURY_SIGNS.contains(&(*c as u8)));
        sign && rest.get(1..4).and_then(digits).is_some()
            && rest.get(4).is_some_and(|c| c.is_alphanumeric())
    })
}

fn digits(w: &[char]) -> Option<u64> {
    w.iter().try_fold(0u64, |acc, c| {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .map(|d| acc * 10 + u64::from(d))
    })
}

/// A mark between parts: anything but a letter or a digit.
fn mark(c: Option<&char>) -> bool {
    c.is_some_and(|c| !c.is_alphanumeric())
}

/// The date at the start of `w`, as `DDMMYY`, and what follows it: six
/// digits, or day, month and year each set apart by one mark (`13.10.52`,
/// `13-10-52`, `13/10/1952`); a year of four digits counts by its last two.
fn date_at(w: &[char]) -> Option<(u64, &[char], bool)> {
    let two = |w: &[char]| w.get(..2).and_then(digits);
    let day = two(w)?;
    let mut rest = &w[2..];
    let mut compact = true;
    if mark(rest.first()) {
        rest = &rest[1..];
        compact = false;
    }
    let month = two(rest)?;
    rest = &rest[2..];
    if mark(rest.first()) {
        rest = &rest[1..];
        compact = false;
    }
    let year = match rest.get(..4).and_then(digits) {
        Some(y) if !compact && (1800..2100).contains(&y) => {
            rest = &rest[4..];
            y % 100
        }
        _ => {
            let y = two(rest)?;
            rest = &rest[2..];
            y
        }
    };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    Some((day * 10_000 + month * 100 + year, rest, compact))
}

/// Whether a code begins at the start of `w`: a plausible date, then what
/// stands between the date and the serial, three digits of serial and a
/// matching check character. Between date and serial stands a century
/// sign, or one to three other marks (`_`, `.`, `@`, `--`: how a code gets
/// into a user name), or nothing; a code typed with nothing between is
/// taken only when its check character is a letter, since ten digits in a
/// row are far more often a phone or reference number. A code that lacks
/// its check character (`131052-308`) is still one: the nine digits and the
/// century sign are the person.
fn code_at(w: &[char]) -> bool {
    let Some((date, rest, compact)) = date_at(w) else {
        return false;
    };
    let sign = rest
        .first()
        .is_some_and(|c| c.is_ascii() && CENTURY_SIGNS.contains(&(*c as u8)));
    let marks = rest
        .iter()
        .take_while(|c| !c.is_alphanumeric())
        .count()
        .min(4);
    let mut ways = vec![];
    if sign {
        ways.push((1, false, compact));
    }
    if (1..=3).contains(&marks) {
        ways.push((marks, false, false));
    }
    ways.push((0, true, false));
    ways.into_iter().any(|(skip, letter_only, partial)| {
        let Some(serial) = rest.get(skip..skip + 3).and_then(digits) else {
            return false;
        };
        match rest.get(skip + 3) {
            Some(&check) if check.is_alphanumeric() => {
                let expected = CHECK[((date * 1000 + serial) % 31) as usize] as char;
                check == expected && (!letter_only || check.is_ascii_uppercase())
            }
            _ => partial,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn r_priv_1_a_mistyped_identity_code_is_still_one_where_codes_go() {
        for text in [
            "010190-123A",
            "311299A999X",
            "010190 + 123 A",
            "x 131052-308T",
        ] {
            assert!(shaped_like_identity_code(text), "{text}");
        }
        for text in ["E0261", "A1N99999", "V0150", "web-5f0c1e2a", "10141"] {
            assert!(!shaped_like_identity_code(text), "{text}");
        }
    }

    #[test]
    fn r_card_5_known_valid_codes_are_detected() {
        // Examples published by the Finnish Digital and Population Data Services Agency.
        for code in [
            "131052-308T",
            "010594Y9021",
            "020594X903P",
            "010516B903X",
            "131052A308T",
        ] {
            assert!(contains_identity_code(code), "{code}");
        }
    }

    #[test]
    fn r_card_5_detected_inside_running_text_and_lower_case() {
        assert!(contains_identity_code("asiakas 131052-308t soitti"));
        assert!(contains_identity_code("hetu:131052-308T."));
    }

    #[test]
    fn r_priv_4_every_spelling_of_a_code_is_caught() {
        for text in [
            "131052308T",
            "131052 308T",
            "131052\u{2013}308T",
            "131052\u{2014}308T",
            "131052\u{2212}308T",
            "131052\u{00A0}-\u{00A0}308T",
            "131052-30\u{200B}8T",
            "13\u{2060}1052-308T",
            "\u{FF11}\u{FF13}\u{FF11}\u{FF10}\u{FF15}\u{FF12}-\u{FF13}\u{FF10}\u{FF18}\u{FF34}",
            "\u{FF11}\u{FF13}\u{FF11}\u{FF10}\u{FF15}\u{FF12}\u{FF0D}\u{FF13}\u{FF10}\u{FF18}\u{FF34}",
            "asiakas 131052 - 308 t soitti",
            "1 3 1 0 5 2 3 0 8 T",
            // How a code gets into a user name or a token's name.
            "131052_308t",
            "131052@308t",
            "131052--308t",
            "a.131052.308t",
            "user131052308t",
            "Kassa 131052308T",
            // A digit as check character, with a mark between.
            "010594_9021",
            // The date written as a date.
            "13.10.52-308T",
            "13-10-52-308T",
            "13_10_52_308T",
            "13,10,52-308T",
            "1310.52-308T",
            "13/10/52-308T",
            "13.10.1952-308T",
            // Without its check character.
            "131052-308",
            "asiakas 131052-308, soitti",
            // Digits of other scripts, look-alike letters.
            "\u{0661}\u{0663}\u{0661}\u{0660}\u{0665}\u{0662}-\u{0663}\u{0660}\u{0668}T",
            "\u{0967}\u{0969}\u{0967}\u{0966}\u{096B}\u{0968}-\u{0969}\u{0966}\u{096E}T",
            "131052-308\u{0422}",
            // Letters and marks drawn as a dash, small capitals, escapes.
            "131052\u{30FC}308T",
            "131052\u{FF70}308T",
            "131052\u{02C9}308T",
            "131052\u{3161}308T",
            "131052\u{1173}308T",
            "131052\u{4E00}308T",
            "131052\u{2CBB}308T",
            "131052-308\u{1D1B}",
            "131052&#45;308T",
            "131052&#x2d;308T",
            "131052&ndash;308T",
            "131052%2D308T",
            "%31%33%31%30%35%32-308T",
        ] {
            assert!(contains_identity_code(text), "{text:?}");
        }
    }

    #[test]
    fn r_priv_4_phone_numbers_and_dates_are_not_codes() {
        for text in [
            "040 123 4567",
            "0401234567",
            "+358 40 123 4567",
            "09 1234 5678",
            "1.2.2026 klo 18",
            "Teatteri Hilla, Kauppakatu 12",
            "Konsertti 12.03.2026 klo 19.00, 120 paikkaa",
            "Tilat 12.3.–14.3.2026",
            "Näyttely 1.2.2026-31.3.2026",
        ] {
            assert!(!contains_identity_code(text), "{text:?}");
        }
    }

    #[test]
    fn r_card_5_wrong_check_character_is_not_flagged() {
        assert!(!contains_identity_code("131052-308U"));
        assert!(!contains_identity_code("131052-3080"));
    }

    #[test]
    fn r_card_5_other_shapes_are_not_flagged() {
        for text in [
            "E1234",
            "Teatteri Hilla",
            "2020-02-03",
            "131052Q308T",
            "321352-308T",
            "",
            "00100",
        ] {
            assert!(!contains_identity_code(text), "{text}");
        }
    }

    fn check_char(date: &str, num: u32) -> char {
        let n: u64 = format!("{date}{num:03}").parse().unwrap();
        CHECK[(n % 31) as usize] as char
    }

    proptest! {
        #[test]
        fn r_card_5_every_century_sign_is_recognised(
            day in 1u32..=28, month in 1u32..=12, year in 0u32..=99,
            num in 2u32..=899, sign in proptest::sample::select(CENTURY_SIGNS.to_vec()),
            prefix in "[a-z ]{0,8}", suffix in "[a-z ]{0,8}",
        ) {
            let date = format!("{day:02}{month:02}{year:02}");
            let code = format!("{date}{}{num:03}{}", sign as char, check_char(&date, num));
            let text = format!("{prefix}{code}{suffix}");
            prop_assert!(contains_identity_code(&text));
        }

        #[test]
        fn r_card_5_a_changed_check_character_is_not_flagged(
            day in 1u32..=28, month in 1u32..=12, year in 0u32..=99, num in 2u32..=899,
            other in proptest::sample::select(CHECK.to_vec()),
        ) {
            let date = format!("{day:02}{month:02}{year:02}");
            let right = check_char(&date, num);
            prop_assume!(other as char != right);
            let code = format!("{date}-{num:03}{}", other as char);
            prop_assert!(!contains_identity_code(&code));
        }
    }
}
