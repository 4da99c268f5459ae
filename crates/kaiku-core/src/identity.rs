//! Finnish personal identity code detector (R-CARD-5, R-PRIV-1).
//!
//! kaiku never stores who a card holder is. Free text typed by staff is the one
//! place an identity code could slip in, so every free-text field is scanned
//! and refused when it holds something that is a real identity code: a
//! plausible date, a century sign and a matching check character.

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
const CENTURY_SIGNS: &[u8] = b"+-ABCDEFUVWXY";

/// True when `text` contains a Finnish personal identity code anywhere,
/// whatever the case of its letters and whatever surrounds it.
pub fn contains_identity_code(text: &str) -> bool {
    let bytes: Vec<u8> = text.bytes().map(|b| b.to_ascii_uppercase()).collect();
    bytes.windows(11).any(is_identity_code)
}

fn is_identity_code(w: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| w[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..6) && CENTURY_SIGNS.contains(&w[6]) && digits(7..10)) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        w[r].iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'))
    };
    let (day, month) = (num(0..2), num(2..4));
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return false;
    }
    let n = num(0..6) * 1000 + num(7..10);
    CHECK[(n % 31) as usize] == w[10]
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
