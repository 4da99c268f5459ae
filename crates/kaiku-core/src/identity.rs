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

/// Every dash and hyphen a keyboard or a word processor makes.
fn dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// R-PRIV-4: text as the guard reads it. Unicode NFKC (full-width digits and
/// letters become plain ones), upper case, every dash a `-`, invisible
/// characters dropped and every kind of space dropped too, so that the parts
/// of a code typed apart come together.
pub fn fold(text: &str) -> String {
    text.nfkc()
        .filter(|c| !invisible(*c) && !c.is_whitespace())
        .map(|c| if dash(c) { '-' } else { c })
        .flat_map(char::to_uppercase)
        .collect()
}

/// True when `text` contains a Finnish personal identity code anywhere,
/// however spelled, whatever surrounds it.
pub fn contains_identity_code(text: &str) -> bool {
    let folded: Vec<char> = fold(text).chars().collect();
    (0..folded.len()).any(|i| code_at(&folded[i..]))
}

fn digits(w: &[char]) -> Option<u64> {
    w.iter().try_fold(0u64, |acc, c| {
        c.to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .map(|d| acc * 10 + u64::from(d))
    })
}

/// Whether a code begins at the start of `w`: six digits of a plausible
/// date, then what stands between the date and the serial, three digits of
/// serial and a matching check character. Between date and serial stands a
/// century sign, or one to three other marks (`_`, `.`, `@`, `--`: how a
/// code gets into a user name), or nothing; a code typed with nothing
/// between is taken only when its check character is a letter, since ten
/// digits in a row are far more often a phone or reference number.
fn code_at(w: &[char]) -> bool {
    let Some(date) = w.get(..6).and_then(digits) else {
        return false;
    };
    let (day, month) = (date / 10_000, date / 100 % 100);
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return false;
    }
    let rest = &w[6..];
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
        ways.push((1, false));
    }
    if (1..=3).contains(&marks) {
        ways.push((marks, false));
    }
    ways.push((0, true));
    ways.into_iter().any(|(skip, letter_only)| {
        let Some(serial) = rest.get(skip..skip + 3).and_then(digits) else {
            return false;
        };
        let Some(&check) = rest.get(skip + 3) else {
            return false;
        };
        let expected = CHECK[((date * 1000 + serial) % 31) as usize] as char;
        check == expected && (!letter_only || check.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
