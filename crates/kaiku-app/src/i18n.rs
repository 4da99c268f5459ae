//! Translations: the Project Fluent files under `locales/`, compiled in.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use kaiku_core::org::Lang;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "fi",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IDS: LazyLock<[LanguageIdentifier; 3]> =
    LazyLock::new(|| ["fi", "sv", "en"].map(|l| l.parse().expect("valid language id")));

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fi => &IDS[0],
        Lang::Sv => &IDS[1],
        Lang::En => &IDS[2],
    }
}

/// A translator for one language; templates call its `t` with a message id.
#[derive(Clone, Copy, Debug)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn lang(&self) -> &'static str {
        self.0.into()
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(id(self.0), key)
            .unwrap_or_else(|| missing(key))
    }

    /// A message with arguments; each whole number among them is passed as
    /// a number, so that a message chooses its noun's plural form by the
    /// language's rules (`{ $count -> [one] … *[other] … }`).
    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), value(v)))
            .collect();
        LOCALES
            .try_lookup_with_args(id(self.0), key, &map)
            .unwrap_or_else(|| missing(key))
    }

    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.t_args(key, &[(name, value.to_string())])
    }

    /// A message whose `$count` is a number, so that its plural variants
    /// are chosen by the language's rules.
    pub fn t_count(&self, key: &str, count: i64) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> =
            HashMap::from([(Cow::Borrowed("count"), FluentValue::from(count))]);
        LOCALES
            .try_lookup_with_args(id(self.0), key, &map)
            .unwrap_or_else(|| missing(key))
    }
}

/// A whole number as a number (not a code with leading zeros, such as a
/// postal code, nor a long digit string); anything else as text.
fn value(v: &str) -> FluentValue<'static> {
    let number = v == "0"
        || (v.len() <= 15
            && v.starts_with(|c: char| ('1'..='9').contains(&c))
            && v.bytes().all(|b| b.is_ascii_digit()));
    match v.parse::<i64>() {
        Ok(n) if number => FluentValue::from(n),
        _ => FluentValue::from(v.to_string()),
    }
}

fn missing(key: &str) -> String {
    tracing::error!(key, "missing translation");
    key.to_string()
}

/// Whether a message exists (optional hints).
pub fn has_key(key: &str) -> bool {
    LOCALES.try_lookup(id(Lang::Fi), key).is_some()
}
