//! The language of a request: the user's choice, then `Accept-Language`,
//! then Finnish. The translations themselves are `kaiku_app::i18n`.

use axum::http::HeaderMap;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
pub use kaiku_app::i18n::{Tr, has_key};
use kaiku_core::org::Lang;

pub const LANG_COOKIE: &str = "kaiku_lang";

/// The language chosen on the page, kept a year. Unlike kaiku's other
/// cookies it is not `HttpOnly`: it holds nothing secret.
pub fn lang_cookie(config: &crate::Config, lang: Lang) -> Cookie<'static> {
    crate::auth::site_cookie(
        LANG_COOKIE,
        lang.as_ref(),
        3600 * 24 * 365,
        config.secure_cookies,
        SameSite::Lax,
        true,
    )
}

/// The language of a request: `kaiku_lang` cookie, then `Accept-Language`
/// (by its q-values), then Finnish.
pub fn negotiate(headers: &HeaderMap) -> Lang {
    if let Some(l) = CookieJar::from_headers(headers)
        .get(LANG_COOKIE)
        .and_then(|c| c.value().parse::<Lang>().ok())
    {
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
        if let Some(lang) = primary.parse::<Lang>().ok()
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l).unwrap_or(Lang::Fi)
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
