//! Translations (Project Fluent files under `locales/`) and the choice of
//! language: the user's choice, then `Accept-Language`, then Finnish.

use axum::http::HeaderMap;
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

pub const LANG_COOKIE: &str = "kaiku_lang";

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
        self.0.as_str()
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(id(self.0), key)
            .unwrap_or_else(|| missing(key))
    }

    pub fn t_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        LOCALES
            .try_lookup_with_args(id(self.0), key, &map)
            .unwrap_or_else(|| missing(key))
    }

    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        self.t_args(key, &[(name, value.to_string())])
    }
}

fn missing(key: &str) -> String {
    tracing::error!(key, "missing translation");
    key.to_string()
}

/// The language of a request: `kaiku_lang` cookie, then `Accept-Language`
/// (by its q-values), then Finnish.
pub fn negotiate(headers: &HeaderMap) -> Lang {
    if let Some(l) = crate::auth::cookie(headers, LANG_COOKIE).and_then(|v| Lang::parse(&v)) {
        return l;
    }
    let Some(accept) = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Lang::Fi;
    };
    let mut best: Option<(f32, Lang)> = None;
    for part in accept.split(',') {
        let mut it = part.trim().split(';');
        let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::parse(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or(Lang::Fi)
}

/// Whether a message exists (optional hints).
pub fn has_key(key: &str) -> bool {
    LOCALES.try_lookup(id(Lang::Fi), key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_accept(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(axum::http::header::ACCEPT_LANGUAGE, v.parse().unwrap());
        h
    }

    #[test]
    fn language_follows_accept_language_q_values() {
        assert_eq!(negotiate(&HeaderMap::new()), Lang::Fi);
        assert_eq!(negotiate(&with_accept("sv-FI,sv;q=0.9,en;q=0.5")), Lang::Sv);
        assert_eq!(negotiate(&with_accept("de, en;q=0.4, sv;q=0.8")), Lang::Sv);
        assert_eq!(negotiate(&with_accept("de")), Lang::Fi);
    }

    #[test]
    fn language_cookie_wins() {
        let mut h = with_accept("sv");
        h.insert(
            axum::http::header::COOKIE,
            "a=b; kaiku_lang=en".parse().unwrap(),
        );
        assert_eq!(negotiate(&h), Lang::En);
    }
}
