//! Parsing of what people type into forms and API fields.
//!
//! Each parser returns the clean value or an [`InputError`] whose `code` names
//! a translated message; the caller says which field it was.

use crate::identity::contains_identity_code;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("required")]
    Required,
    #[error("too long (max {max})")]
    TooLong { max: usize },
    #[error("control character")]
    ControlCharacter,
    /// R-CARD-5: the text holds a personal identity code.
    #[error("identity code")]
    IdentityCode,
    #[error("not a date")]
    NotADate,
    #[error("not a choice")]
    InvalidChoice,
    #[error("not a web address")]
    InvalidUrl,
    #[error("not an e-mail address")]
    InvalidEmail,
    #[error("not a phone number")]
    InvalidPhone,
    #[error("not a municipality code")]
    InvalidMunicipality,
    #[error("invalid username")]
    InvalidUsername,
    #[error("password too short (min {min})")]
    PasswordTooShort { min: usize },
    #[error("password too long (max {max})")]
    PasswordTooLong { max: usize },
    #[error("passwords differ")]
    PasswordsDiffer,
    /// A new password that is the one it replaces.
    #[error("password unchanged")]
    PasswordUnchanged,
    /// Easy to guess: a common password, a pattern, a repeated character.
    #[error("password easy to guess")]
    PasswordWeak,
    #[error("password holds the username")]
    PasswordHasName,
    /// A number or a year outside what the field allows.
    #[error("out of range ({min}..={max})")]
    OutOfRange { min: i64, max: i64 },
}

impl InputError {
    /// Stable machine code, also the key of the translated message.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::Required => "required",
            InputError::TooLong { .. } => "too_long",
            InputError::ControlCharacter => "control_character",
            InputError::IdentityCode => "identity_code",
            InputError::NotADate => "not_a_date",
            InputError::InvalidChoice => "invalid_choice",
            InputError::InvalidUrl => "invalid_url",
            InputError::InvalidEmail => "invalid_email",
            InputError::InvalidPhone => "invalid_phone",
            InputError::InvalidMunicipality => "invalid_municipality",
            InputError::InvalidUsername => "invalid_username",
            InputError::PasswordTooShort { .. } => "password_too_short",
            InputError::PasswordTooLong { .. } => "password_too_long",
            InputError::PasswordsDiffer => "passwords_differ",
            InputError::PasswordUnchanged => "password_unchanged",
            InputError::PasswordWeak => "password_weak",
            InputError::PasswordHasName => "password_has_name",
            InputError::OutOfRange { .. } => "out_of_range",
        }
    }

    /// The SPEC rule behind the refusal, where there is one.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            InputError::IdentityCode => Some("R-CARD-5"),
            _ => None,
        }
    }

    /// Values the translated message interpolates.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            InputError::TooLong { max } => vec![("max", max.to_string())],
            InputError::PasswordTooShort { min } => vec![("min", min.to_string())],
            InputError::PasswordTooLong { max } => vec![("max", max.to_string())],
            InputError::OutOfRange { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            _ => vec![],
        }
    }
}

pub const NAME_MAX: usize = 200;
pub const TEXT_MAX: usize = 4000;
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 256;

/// A one-line text: trimmed, required, at most `max` characters, no control
/// characters and no identity code.
pub fn line(raw: &str, max: usize) -> Result<String, InputError> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(InputError::Required);
    }
    free_text(s, max, false)
}

/// An optional one-line text: empty means none.
pub fn optional_line(raw: Option<&str>, max: usize) -> Result<Option<String>, InputError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => line(s, max).map(Some),
    }
}

/// An optional multi-line text (accessibility information, restrictions …).
pub fn optional_text(raw: Option<&str>, max: usize) -> Result<Option<String>, InputError> {
    let Some(s) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    free_text(&s.replace("\r\n", "\n"), max, true).map(Some)
}

/// The identity code is looked for before odd characters: a code hidden with an invisible
/// character is named for what it is, so the clerk knows what to remove.
fn free_text(s: &str, max: usize, multi_line: bool) -> Result<String, InputError> {
    if s.chars().count() > max {
        return Err(InputError::TooLong { max });
    }
    if contains_identity_code(s) {
        return Err(InputError::IdentityCode);
    }
    let line_break = |c: char| multi_line && matches!(c, '\n' | '\r' | '\t');
    if s.chars()
        .any(|c| (c.is_control() && !line_break(c)) || is_format(c))
    {
        return Err(InputError::ControlCharacter);
    }
    Ok(s.to_string())
}

/// An optional `YYYY-MM-DD` date.
pub fn optional_date(raw: Option<&str>) -> Result<Option<NaiveDate>, InputError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => typed_day(s)
            .ok_or(InputError::NotADate)
            .and_then(register_day)
            .map(Some),
    }
}

/// A day as a date field sends it (`2026-02-03`), or as a person types it
/// where the browser gives a plain text box (`3.2.2026`, `03.02.2026`).
pub fn typed_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
}

/// The years a day in the register may lie in: the program began in 2019,
/// and a year 1 or 10000 is a typing error whose work (a catalogue, a
/// report, a series of items) would grow without bound.
pub const REGISTER_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A day inside [`REGISTER_YEARS`].
pub fn register_day(d: NaiveDate) -> Result<NaiveDate, InputError> {
    use chrono::Datelike;
    if REGISTER_YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(InputError::OutOfRange {
            min: (*REGISTER_YEARS.start()).into(),
            max: (*REGISTER_YEARS.end()).into(),
        })
    }
}

/// Staff login names: 3–64 of `a-z 0-9 . _ - @`, stored lower-case.
pub fn username(raw: &str) -> Result<String, InputError> {
    let s = raw.trim().to_lowercase();
    if s.is_empty() {
        return Err(InputError::Required);
    }
    let ok = (3..=64).contains(&s.chars().count())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-@".contains(c));
    // A username is staff data, but someone may still type a person's
    // identity code as one (R-CARD-5).
    if contains_identity_code(&s) {
        return Err(InputError::IdentityCode);
    }
    if ok {
        Ok(s)
    } else {
        Err(InputError::InvalidUsername)
    }
}

/// Words a guesser tries first in this register, besides zxcvbn's own
/// lists (which know English, not Finnish or Swedish).
const GUESSED_FIRST: [&str; 14] = [
    "kaiku",
    "kaikukortti",
    "kulturkortet",
    "salasana",
    "lösenord",
    "password",
    "kulttuuri",
    "kultur",
    "teatteri",
    "museo",
    "kirjasto",
    "suomi",
    "finland",
    "qwerty",
];

/// A new password for the account `username` (OWASP ASVS V2.1): at least
/// twelve characters, not only spaces, short enough to hash fast, without
/// the user's name, and not easy to guess as the zxcvbn estimator (with the
/// words this register is known by) judges it.
pub fn new_password<'a>(raw: &'a str, username: &str) -> Result<&'a str, InputError> {
    let n = raw.chars().count();
    if n == 0 {
        return Err(InputError::Required);
    }
    if n < PASSWORD_MIN {
        return Err(InputError::PasswordTooShort { min: PASSWORD_MIN });
    }
    if n > PASSWORD_MAX {
        return Err(InputError::PasswordTooLong { max: PASSWORD_MAX });
    }
    let name = username.trim().to_lowercase();
    if name.chars().count() >= 3 && raw.to_lowercase().contains(&name) {
        return Err(InputError::PasswordHasName);
    }
    let mut known: Vec<&str> = GUESSED_FIRST.to_vec();
    known.push(&name);
    let strong = raw.chars().any(|c| !c.is_whitespace())
        && zxcvbn::zxcvbn(raw, &known).score() >= zxcvbn::Score::Three;
    if strong {
        Ok(raw)
    } else {
        Err(InputError::PasswordWeak)
    }
}

/// A given optional value, trimmed; refused first of all when it holds an
/// identity code (R-CARD-5, R-PRIV-4), whatever else is wrong with it.
fn given(raw: Option<&str>) -> Result<Option<&str>, InputError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if contains_identity_code(s) => Err(InputError::IdentityCode),
        given => Ok(given),
    }
}

/// An optional web address, `http://` or `https://` with a host.
pub fn optional_url(raw: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(s) = given(raw)? else {
        return Ok(None);
    };
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or(InputError::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || s.chars().any(char::is_whitespace) || s.len() > 500
    {
        return Err(InputError::InvalidUrl);
    }
    Ok(Some(s.to_string()))
}

/// An optional work e-mail address of staff (never of a card holder).
pub fn optional_email(raw: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(s) = given(raw)? else {
        return Ok(None);
    };
    let valid = s.len() <= 254
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(s.split_once('@'), Some((l, d)) if !l.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.') && !d.contains('@'));
    if valid {
        Ok(Some(s.to_string()))
    } else {
        Err(InputError::InvalidEmail)
    }
}

/// An optional work phone number of staff: digits with `+`, spaces, dashes.
pub fn optional_phone(raw: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(s) = given(raw)? else {
        return Ok(None);
    };
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let valid = (5..=15).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && !s[1..].contains('+');
    if valid {
        Ok(Some(s.to_string()))
    } else {
        Err(InputError::InvalidPhone)
    }
}

/// A place on this site to go back to after a login or a change of
/// language: a path that begins with one `/` (never `//` or `/\`, which a
/// browser reads as another site), with no backslash, whitespace or control
/// character anywhere (a browser drops a tab or a line break and may then
/// read `//`). `None` for anything else.
pub fn local_path(next: &str) -> Option<&str> {
    let mut chars = next.chars();
    let one_slash = chars.next() == Some('/') && !matches!(chars.next(), Some('/' | '\\'));
    let clean = !next
        .chars()
        .any(|c| c == '\\' || c.is_whitespace() || c.is_control() || is_format(c));
    (one_slash && clean && next.len() <= 2000).then_some(next)
}

/// Invisible characters (bidirectional overrides and isolates, zero-width
/// joiners, blank fillers, tags, variation selectors, private-use
/// characters; Unicode's default-ignorable ones and a few that draw
/// nothing): they can make a text display as something else than it is.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{E000}'..='\u{F8FF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
            | '\u{F0000}'..='\u{10FFFF}'
    )
}

/// Municipality codes (three digits each, Statistics Finland), separated by
/// commas or spaces; returned sorted without duplicates.
pub fn municipality_codes(raw: &str) -> Result<Vec<String>, InputError> {
    let mut codes = Vec::new();
    for part in raw
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        // Names may hold a space ("Koski Tl"); codes may be listed with
        // spaces between them ("167 276").
        let found = match crate::municipalities::find(part) {
            Some(m) => vec![m],
            None if part.chars().all(|c| c.is_ascii_digit() || c == ' ') => part
                .split(' ')
                .filter(|c| !c.is_empty())
                .map(crate::municipalities::find)
                .collect::<Option<Vec<_>>>()
                // The value itself is not repeated (R-PRIV-5).
                .ok_or(InputError::InvalidMunicipality)?,
            None => return Err(InputError::InvalidMunicipality),
        };
        codes.extend(found.into_iter().map(|m| m.code.to_string()));
    }
    codes.sort();
    codes.dedup();
    Ok(codes)
}

#[cfg(test)]
mod typed_day_tests {
    use super::*;

    #[test]
    fn a_date_is_read_as_the_field_sends_it_or_as_a_person_types_it() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 3);
        for s in ["2026-02-03", "3.2.2026", "03.02.2026", " 3.2.2026 "] {
            assert_eq!(optional_date(Some(s)), Ok(d), "{s}");
        }
        for s in ["3/2/2026", "2026-2-30", "31.2.2026", "huomenna"] {
            assert_eq!(optional_date(Some(s)), Err(InputError::NotADate), "{s}");
        }
        assert!(
            optional_date(Some("3.2.26")).is_err(),
            "year 26 is no register day"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_sec_7_passwords_are_long_and_hard_to_guess() {
        for weak in [
            "1234567890ab",
            "password1234",
            "            ",
            "Salasana123!",
            "kaikukortti1",
            "aaaaaaaaaaaa",
        ] {
            assert!(new_password(weak, "maija").is_err(), "{weak:?}");
        }
        assert_eq!(
            new_password("short pass", "maija"),
            Err(InputError::PasswordTooShort { min: 12 })
        );
        assert_eq!(
            new_password("Maija-kesä-2026-veneellä", "maija"),
            Err(InputError::PasswordHasName)
        );
        for good in [
            "kevät tulee pian taas",
            "lanterns at the ferry",
            "Hirvi juoksi 7 kertaa!",
        ] {
            assert_eq!(new_password(good, "maija"), Ok(good), "{good:?}");
        }
    }

    #[test]
    fn r_sec_1_next_is_a_path_on_this_site_only() {
        for good in [
            "/",
            "/accounts",
            "/areas/1/statistics?year=2026",
            "/a%2F%2Fb",
        ] {
            assert_eq!(local_path(good), Some(good));
        }
        for bad in [
            "//evil.example/",
            "/\\evil.example",
            "/\t/evil.example/",
            "/\r\nSet-Cookie: x=1",
            "https://evil.example/",
            "evil.example",
            "",
            "/ /evil",
            "/\u{202E}x",
            "/a\\b",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn r_card_5_a_username_holding_an_identity_code_is_refused() {
        assert_eq!(username("131052-308t"), Err(InputError::IdentityCode));
        assert_eq!(username("x131052-308tx"), Err(InputError::IdentityCode));
        assert_eq!(username("maija.m"), Ok("maija.m".into()));
    }

    #[test]
    fn r_card_5_free_text_with_identity_code_is_refused() {
        assert_eq!(
            line("Asiakas 131052-308T", 200),
            Err(InputError::IdentityCode)
        );
        assert_eq!(
            optional_text(Some("rivi\n131052-308T"), 200),
            Err(InputError::IdentityCode)
        );
        assert_eq!(line("  Teatteri Hilla ", 200).unwrap(), "Teatteri Hilla");
    }

    #[test]
    fn line_refuses_empty_long_and_control_characters() {
        assert_eq!(line("   ", 10), Err(InputError::Required));
        assert_eq!(
            line("abcdefghijk", 10),
            Err(InputError::TooLong { max: 10 })
        );
        assert_eq!(
            line("ä".repeat(10).as_str(), 10).unwrap().chars().count(),
            10
        );
        assert_eq!(line("a\u{0}b", 10), Err(InputError::ControlCharacter));
        // A right-to-left override makes a name display as another.
        assert_eq!(
            line("Teatteri \u{202E}allih", 40),
            Err(InputError::ControlCharacter)
        );
        // Blank-looking letters, tags and private characters that make a
        // name look like another.
        for c in [
            '\u{3164}',
            '\u{115F}',
            '\u{034F}',
            '\u{E0001}',
            '\u{2800}',
            '\u{2028}',
            '\u{E000}',
        ] {
            assert_eq!(
                line(&format!("Teatteri Hilla{c}."), 40),
                Err(InputError::ControlCharacter),
                "{c:?}"
            );
        }
        assert_eq!(
            optional_text(Some("Esteetön \u{2067}sisäänkäynti"), 40),
            Err(InputError::ControlCharacter)
        );
        assert_eq!(optional_line(Some("  "), 10), Ok(None));
    }

    #[test]
    fn username_is_lower_case_and_restricted() {
        assert_eq!(username(" Anna.K ").unwrap(), "anna.k");
        assert_eq!(username("ab"), Err(InputError::InvalidUsername));
        assert_eq!(username("anna k"), Err(InputError::InvalidUsername));
        assert_eq!(username(""), Err(InputError::Required));
    }

    #[test]
    fn password_length_is_bounded() {
        assert!(new_password("short", "maija").is_err());
        assert!(new_password("long enough pass", "maija").is_ok());
        assert!(new_password(&"x".repeat(257), "maija").is_err());
    }

    #[test]
    fn contact_details_of_staff_are_checked() {
        assert!(optional_email(Some("kassa@teatteri.fi")).is_ok());
        assert!(optional_email(Some("kassa@teatteri")).is_err());
        assert!(optional_phone(Some("+358 40 123 4567")).is_ok());
        assert!(optional_phone(Some("call me")).is_err());
        assert!(optional_url(Some("https://hilla.fi/kaiku")).is_ok());
        assert!(optional_url(Some("javascript:alert(1)")).is_err());
    }

    #[test]
    fn municipality_codes_are_three_digits() {
        assert_eq!(
            municipality_codes("091, 049 091").unwrap(),
            vec!["049", "091"]
        );
        assert_eq!(
            municipality_codes("91"),
            Err(InputError::InvalidMunicipality)
        );
        assert_eq!(municipality_codes("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn municipalities_are_named_as_people_know_them() {
        assert_eq!(
            municipality_codes("Joensuu, Borgå; koski tl\nLiperi").unwrap(),
            vec!["167", "284", "426", "638"]
        );
        // A three-digit number that is no municipality's, or a name none
        // has, is refused.
        assert_eq!(
            municipality_codes("999"),
            Err(InputError::InvalidMunicipality)
        );
        assert_eq!(
            municipality_codes("Joensuu, Atlantis"),
            Err(InputError::InvalidMunicipality)
        );
    }
}
