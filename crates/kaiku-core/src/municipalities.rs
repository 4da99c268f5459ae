//! Finland's municipalities by their statistics codes, with their names in
//! Finnish and Swedish, so that people choose a municipality by its name
//! and the register keeps the code that statistics use.

use crate::org::Lang;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Municipality {
    pub code: &'static str,
    pub fi: &'static str,
    pub sv: &'static str,
}

impl Municipality {
    /// The name a reader of `lang` knows it by (English uses the Finnish).
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            _ => self.fi,
        }
    }
}

static ALL: LazyLock<Vec<Municipality>> = LazyLock::new(|| {
    include_str!("municipalities.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some(Municipality {
                code: parts.next()?,
                fi: parts.next()?,
                sv: parts.next()?,
            })
        })
        .collect()
});

/// Every municipality, by code.
pub fn all() -> &'static [Municipality] {
    &ALL
}

pub fn by_code(code: &str) -> Option<&'static Municipality> {
    ALL.iter().find(|m| m.code == code)
}

/// The municipality a person typed: its code, or its name in Finnish or
/// Swedish, case and surrounding spaces aside.
pub fn find(typed: &str) -> Option<&'static Municipality> {
    let t = typed.trim().to_lowercase();
    ALL.iter()
        .find(|m| m.code == t || m.fi.to_lowercase() == t || m.sv.to_lowercase() == t)
}

/// The name of the municipality of `code` in `lang`, or the code itself
/// when no municipality has it.
pub fn name(code: &str, lang: Lang) -> String {
    by_code(code).map_or_else(|| code.to_string(), |m| m.name(lang).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipalities_are_found_by_code_or_either_name() {
        assert_eq!(all().len(), 309);
        assert_eq!(find("091").map(|m| m.fi), Some("Helsinki"));
        assert_eq!(find("helsingfors").map(|m| m.code), Some("091"));
        assert_eq!(find(" Vasa ").map(|m| m.code), Some("905"));
        assert_eq!(find("Pedersöre").map(|m| m.code), Some("599"));
        assert_eq!(find("Pedersören kunta").map(|m| m.code), Some("599"));
        assert_eq!(find("999"), None);
        assert_eq!(name("638", Lang::Sv), "Borgå");
        assert_eq!(name("638", Lang::En), "Porvoo");
    }
}
