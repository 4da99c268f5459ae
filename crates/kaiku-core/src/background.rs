//! The holder's background data on the transfer form (SPEC §4.2): birth year,
//! mother tongue, gender, postal code, children, life situations. Never a
//! name, a birth date or an address (R-CARD-5).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

crate::text::text_enum! {
    /// The national lists of the form (SPEC §4.2 Decisions): data the national
    /// admin edits, seeded with the model's lists below.
    pub enum List {
        MotherTongue,
        LifeSituation,
    }
}

/// The entries a list may have in use at once. A holder's life situations
/// are stored, and indexed with the rest of the grant, side by side; an index
/// entry of PostgreSQL holds at most about 2 700 bytes, and this many codes
/// of at most 40 characters stay well inside it.
pub const MAX_IN_USE: usize = 40;

/// Answers every list keeps: they can never be taken out of use.
pub const FIXED: &[&str] = &["other", "not_stated"];

pub fn may_take_out_of_use(code: &str) -> bool {
    !FIXED.contains(&code)
}

/// A new entry's code: an ISO 639 code (two or three letters) for a mother
/// tongue; lower-case words joined by `_` for a life situation.
pub fn option_code(list: List, raw: &str) -> Result<String, BackgroundError> {
    let code = raw.trim().to_lowercase();
    let ok = match list {
        List::MotherTongue => {
            (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
        }
        List::LifeSituation => {
            (2..=40).contains(&code.len())
                && code.starts_with(|c: char| c.is_ascii_lowercase())
                && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        }
    };
    if code.is_empty() {
        Err(BackgroundError::Required)
    } else if ok {
        Ok(code)
    } else {
        Err(BackgroundError::OptionCode)
    }
}

/// ISO 639 codes of the model's list, then `other` and `not_stated`.
pub const MOTHER_TONGUES: &[&str] = &[
    "fi",
    "sv",
    "se",
    "ru",
    "et",
    "ar",
    "so",
    "en",
    "fa",
    "uk",
    "other",
    "not_stated",
];
pub const GENDERS: &[&str] = &["woman", "man", "other", "not_stated"];
pub const LIFE_SITUATIONS: &[&str] = &[
    "unemployed",
    "long_term_illness",
    "pensioner",
    "student",
    "single_parent",
    "family_with_children",
    "debt_problems",
    "low_income",
    "rehabilitation",
    "immigrant",
    "homeless",
    "other",
    "not_stated",
];
pub const POSTAL_SPECIAL: &[&str] = &["no_permanent_address", "not_stated"];
pub const MIN_AGE: i32 = 16;
pub const MAX_CHILDREN: i32 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Background {
    pub birth_year: i32,
    pub mother_tongue: String,
    pub gender: String,
    pub postal_code: String,
    pub minor_children: i32,
    pub life_situations: Vec<String>,
}

/// What is wrong with one field of the background data.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BackgroundError {
    #[error("required")]
    Required,
    /// R-CARD-3: younger than 16 in the grant year.
    #[error("under 16")]
    Under16 { latest: i32 },
    #[error("birth year out of range")]
    BirthYearRange { latest: i32 },
    /// R-CARD-3: the issuer must confirm that the client is at least 16.
    #[error("age not confirmed")]
    AgeNotConfirmed,
    #[error("unknown value")]
    Unknown,
    #[error("postal code")]
    PostalCode,
    #[error("children out of range")]
    Children,
    #[error("not_stated with others")]
    NotStatedWithOthers,
    #[error("bad list code")]
    OptionCode,
}

impl BackgroundError {
    pub fn code(&self) -> &'static str {
        match self {
            BackgroundError::Required => "required",
            BackgroundError::Under16 { .. } => "under_16",
            BackgroundError::BirthYearRange { .. } => "birth_year_range",
            BackgroundError::AgeNotConfirmed => "age_not_confirmed",
            BackgroundError::Unknown => "invalid_choice",
            BackgroundError::PostalCode => "postal_code",
            BackgroundError::Children => "children_range",
            BackgroundError::NotStatedWithOthers => "not_stated_with_others",
            BackgroundError::OptionCode => "option_code",
        }
    }

    pub fn rule(&self) -> Option<&'static str> {
        match self {
            BackgroundError::Under16 { .. }
            | BackgroundError::AgeNotConfirmed
            | BackgroundError::BirthYearRange { .. } => Some("R-CARD-3"),
            BackgroundError::Children => Some("R-CARD-9"),
            _ => None,
        }
    }

    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            BackgroundError::Under16 { latest } | BackgroundError::BirthYearRange { latest } => {
                vec![("latest", latest.to_string())]
            }
            BackgroundError::Children => vec![("max", MAX_CHILDREN.to_string())],
            _ => vec![],
        }
    }
}

/// R-CARD-3: a birth year between 1900 and the grant year, and at least 16
/// years before it. Only the year is known, so the issuer confirms the age.
pub fn birth_year(
    year: Option<i32>,
    grant: NaiveDate,
    confirmed_16: bool,
) -> Result<i32, BackgroundError> {
    let year = year.ok_or(BackgroundError::Required)?;
    let latest = grant.year() - MIN_AGE;
    if year < 1900 || year > grant.year() {
        return Err(BackgroundError::BirthYearRange { latest });
    }
    if year > latest {
        return Err(BackgroundError::Under16 { latest });
    }
    if !confirmed_16 {
        return Err(BackgroundError::AgeNotConfirmed);
    }
    Ok(year)
}

fn one_of<S: AsRef<str>>(value: &str, list: &[S]) -> Result<String, BackgroundError> {
    let v = value.trim();
    if v.is_empty() {
        Err(BackgroundError::Required)
    } else if list.iter().any(|x| x.as_ref() == v) {
        Ok(v.to_string())
    } else {
        Err(BackgroundError::Unknown)
    }
}

/// A mother tongue from the national list in force (`allowed`).
pub fn mother_tongue<S: AsRef<str>>(v: &str, allowed: &[S]) -> Result<String, BackgroundError> {
    one_of(v, allowed)
}

pub fn gender(v: &str) -> Result<String, BackgroundError> {
    one_of(v, GENDERS)
}

/// Five digits of a Finnish postal code, or one of the two special values.
pub fn postal_code(v: &str) -> Result<String, BackgroundError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(BackgroundError::Required);
    }
    if POSTAL_SPECIAL.contains(&v) || (v.len() == 5 && v.chars().all(|c| c.is_ascii_digit())) {
        Ok(v.to_string())
    } else {
        Err(BackgroundError::PostalCode)
    }
}

/// R-CARD-9: own and same-household children and grandchildren under 18.
pub fn minor_children(v: Option<i32>) -> Result<i32, BackgroundError> {
    match v {
        None => Err(BackgroundError::Required),
        Some(n) if (0..=MAX_CHILDREN).contains(&n) => Ok(n),
        Some(_) => Err(BackgroundError::Children),
    }
}

/// Several may apply from the national list in force (`allowed`, in its
/// order); `not_stated` stands alone. Nothing ticked means the client did not say.
pub fn life_situations<S: AsRef<str>>(
    v: &[String],
    allowed: &[S],
) -> Result<Vec<String>, BackgroundError> {
    let mut out: Vec<String> = vec![];
    for item in v {
        let item = one_of(item, allowed)?;
        if !out.contains(&item) {
            out.push(item);
        }
    }
    if out.is_empty() {
        out.push("not_stated".into());
    }
    if out.len() > 1 && out.iter().any(|s| s == "not_stated") {
        return Err(BackgroundError::NotStatedWithOthers);
    }
    // Stored in the list's order so that equal answers compare equal.
    out.sort_by_key(|s| allowed.iter().position(|l| l.as_ref() == s));
    Ok(out)
}

/// The age groups of the statistics (R-REP-3), youngest first.
pub const AGE_GROUPS: [&str; 6] = ["16-17", "18-29", "30-44", "45-64", "65-74", "75+"];

/// Age groups of the statistics (R-REP-3), from birth year and grant year.
pub fn age_group(birth_year: i32, grant_year: i32) -> &'static str {
    match grant_year - birth_year {
        ..=17 => "16-17",
        18..=29 => "18-29",
        30..=44 => "30-44",
        45..=64 => "45-64",
        65..=74 => "65-74",
        _ => "75+",
    }
}

/// The postal area of a postal code (R-PRIV-3, R-REP-3): its first two
/// digits, `80xxx`. What statistics break down by, and what an anonymised
/// record keeps. Codes that are not numbers (`not_stated`, …) stay.
pub fn postal_area(code: &str) -> String {
    if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}xxx", &code[..2])
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn r_card_3_exactly_16_in_the_grant_year_is_accepted_15_refused() {
        assert_eq!(birth_year(Some(2010), grant(), true), Ok(2010));
        assert_eq!(
            birth_year(Some(2011), grant(), true),
            Err(BackgroundError::Under16 { latest: 2010 })
        );
    }

    #[test]
    fn r_card_3_age_must_be_confirmed_and_years_plausible() {
        assert_eq!(
            birth_year(Some(1980), grant(), false),
            Err(BackgroundError::AgeNotConfirmed)
        );
        assert_eq!(
            birth_year(Some(1899), grant(), true),
            Err(BackgroundError::BirthYearRange { latest: 2010 })
        );
        assert_eq!(
            birth_year(Some(2030), grant(), true),
            Err(BackgroundError::BirthYearRange { latest: 2010 })
        );
        assert_eq!(
            birth_year(None, grant(), true),
            Err(BackgroundError::Required)
        );
    }

    #[test]
    fn r_card_9_children_between_0_and_20() {
        assert_eq!(minor_children(Some(0)), Ok(0));
        assert_eq!(minor_children(Some(20)), Ok(20));
        assert_eq!(minor_children(Some(21)), Err(BackgroundError::Children));
        assert_eq!(minor_children(Some(-1)), Err(BackgroundError::Children));
        assert_eq!(minor_children(None), Err(BackgroundError::Required));
    }

    #[test]
    fn postal_codes_and_lists() {
        assert_eq!(postal_code("00100"), Ok("00100".into()));
        assert_eq!(
            postal_code("no_permanent_address"),
            Ok("no_permanent_address".into())
        );
        assert_eq!(postal_code("0010"), Err(BackgroundError::PostalCode));
        assert_eq!(
            postal_code("Mannerheimintie 1"),
            Err(BackgroundError::PostalCode)
        );
        assert_eq!(mother_tongue("se", MOTHER_TONGUES), Ok("se".into()));
        assert_eq!(
            mother_tongue("finnish", MOTHER_TONGUES),
            Err(BackgroundError::Unknown)
        );
        assert_eq!(gender("woman"), Ok("woman".into()));
        assert_eq!(
            life_situations(&[], LIFE_SITUATIONS),
            Ok(vec!["not_stated".to_string()])
        );
        assert_eq!(
            life_situations(
                &["student".into(), "unemployed".into(), "student".into()],
                LIFE_SITUATIONS
            ),
            Ok(vec!["unemployed".to_string(), "student".to_string()])
        );
        assert_eq!(
            life_situations(&["student".into(), "not_stated".into()], LIFE_SITUATIONS),
            Err(BackgroundError::NotStatedWithOthers)
        );
        assert_eq!(
            life_situations(&["rich".into()], LIFE_SITUATIONS),
            Err(BackgroundError::Unknown)
        );
    }

    #[test]
    fn national_lists_follow_what_is_in_force() {
        let in_force = ["fi", "sv", "kmr", "other", "not_stated"];
        assert_eq!(mother_tongue("kmr", &in_force), Ok("kmr".into()));
        assert_eq!(
            mother_tongue("ru", &in_force),
            Err(BackgroundError::Unknown),
            "taken out of use"
        );
        assert_eq!(option_code(List::MotherTongue, " KMR "), Ok("kmr".into()));
        assert_eq!(
            option_code(List::MotherTongue, "kurdi"),
            Err(BackgroundError::OptionCode)
        );
        assert_eq!(
            option_code(List::LifeSituation, "caregiver"),
            Ok("caregiver".into())
        );
        assert_eq!(
            option_code(List::LifeSituation, "care-giver"),
            Err(BackgroundError::OptionCode)
        );
        assert!(!may_take_out_of_use("not_stated") && !may_take_out_of_use("other"));
        assert!(may_take_out_of_use("ru"));
    }

    #[test]
    fn r_priv_3_postal_area_keeps_the_first_two_digits() {
        assert_eq!(postal_area("80100"), "80xxx");
        assert_eq!(postal_area("not_stated"), "not_stated");
        assert_eq!(
            postal_area("80xxx"),
            "80xxx",
            "coarsening twice changes nothing"
        );
    }

    #[test]
    fn r_rep_3_age_groups() {
        assert_eq!(age_group(2010, 2026), "16-17");
        assert_eq!(age_group(2008, 2026), "18-29");
        assert_eq!(age_group(1997, 2026), "18-29");
        assert_eq!(age_group(1996, 2026), "30-44");
        assert_eq!(age_group(1951, 2026), "75+");
    }
}
