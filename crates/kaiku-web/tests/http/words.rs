//! The words of the screens: the glossary's retired terms never appear in a
//! message of their language, and a number meeting a noun gives the noun
//! the form the language wants for that number.

use kaiku_app::i18n::Tr;
use kaiku_core::org::Lang;
use std::path::Path;

fn locales() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

/// The retired terms of `locales/GLOSSARY.md`: (term, language, prefix?).
fn retired() -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(locales().join("GLOSSARY.md")).unwrap();
    let section = text
        .split("## Retired terms")
        .nth(1)
        .expect("the glossary lists retired terms")
        .split("\n## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Term") && !l.starts_with("| ---"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].to_lowercase(),
                cells[2].to_string(),
                match cells[3] {
                    "prefix" => true,
                    "word" => false,
                    other => panic!("match {other} in {l}"),
                },
            )
        })
        .collect()
}

/// Every message value of a language with its id: the text after `id = `
/// and its continuation lines (never the id, which may say "cap").
fn values(lang: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![];
    for file in std::fs::read_dir(locales().join(lang)).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some((id, value)) = line
                .split_once(" = ")
                .filter(|_| line.starts_with(|c: char| c.is_ascii_lowercase()))
            {
                out.push((id.to_string(), value.to_string()));
            } else if line.starts_with(' ')
                && let Some(last) = out.last_mut()
            {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        }
    }
    out
}

/// `text` without the names of its variables (`{ $cap }` says nothing).
fn without_variables(text: &str) -> String {
    let mut out = String::new();
    let mut in_name = false;
    for c in text.chars() {
        if c == '$' {
            in_name = true;
        } else if in_name && !(c.is_alphanumeric() || c == '_') {
            in_name = false;
        }
        if !in_name {
            out.push(c);
        }
    }
    out
}

/// Whether `term` starts a word of `text` (and, unless `prefix`, ends it).
fn has_term(text: &str, term: &str, prefix: bool) -> bool {
    let text = without_variables(text).to_lowercase();
    text.match_indices(term).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + term.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic)
            && (prefix || !after.is_some_and(char::is_alphabetic))
    })
}

#[test]
fn glossary_retired_terms_are_not_used() {
    let terms = retired();
    assert!(terms.len() >= 8, "{terms:?}");
    let mut found = vec![];
    for (term, lang, prefix) in &terms {
        for (id, value) in values(lang) {
            if has_term(&value, term, *prefix) {
                found.push(format!("{lang} {id}: \"{term}\" in {value}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "retired terms in use:\n{}",
        found.join("\n")
    );
    // The matcher itself: a prefix term catches its inflections, a word
    // term does not catch a longer word.
    assert!(has_term("Kiintiön on oltava", "kiintiö", true));
    assert!(has_term("Kaikukortti-kvoten", "kvot", true));
    assert!(!has_term("kulturobjektet", "objekt", true));
    assert!(!has_term("the capacity", "cap", false));
    assert!(has_term("the cap must", "cap", false));
    assert!(!has_term("at most { $cap } tickets", "cap", false));
}

/// A message whose noun follows a number: its id, the number's argument,
/// and the noun's form with one and with any other count, `{n}` the number,
/// in Finnish, Swedish and English.
struct Plural {
    id: &'static str,
    arg: &'static str,
    forms: [(&'static str, &'static str); 3],
}

const PLURALS: &[Plural] = &[
    Plural {
        id: "catalogue-count",
        arg: "count",
        forms: [
            ("{n} kohde", "{n} kohdetta"),
            ("{n} kulturaktör", "{n} kulturaktörer"),
            ("{n} venue", "{n} venues"),
        ],
    },
    Plural {
        id: "catalogue-cap",
        arg: "cap",
        forms: [
            ("{n} lippu", "{n} lippua"),
            ("{n} biljett", "{n} biljetter"),
            ("{n} ticket", "{n} tickets"),
        ],
    },
    Plural {
        id: "holder-tickets",
        arg: "count",
        forms: [
            ("{n} lippu", "{n} lippua"),
            ("{n} biljett", "{n} biljetter"),
            ("{n} ticket", "{n} tickets"),
        ],
    },
    Plural {
        id: "box-office-left",
        arg: "left",
        forms: [
            ("jäljellä {n}", "jäljellä {n}"),
            (
                "{n} Kaikukortti-biljett kvar",
                "{n} Kaikukortti-biljetter kvar",
            ),
            (
                "{n} Kaikukortti ticket left",
                "{n} Kaikukortti tickets left",
            ),
        ],
    },
    Plural {
        id: "glance-expiring",
        arg: "days",
        forms: [
            ("{n} päivän", "{n} päivän"),
            ("{n} dag", "{n} dagar"),
            ("{n} day", "{n} days"),
        ],
    },
    Plural {
        id: "items-booking-days",
        arg: "days",
        forms: [
            ("{n} päivä", "{n} päivää"),
            ("{n} dag", "{n} dagar"),
            ("{n} day", "{n} days"),
        ],
    },
    Plural {
        id: "account-failures-intro",
        arg: "count",
        forms: [
            ("kerran", "{n} kertaa"),
            ("en gång", "{n} gånger"),
            ("once", "{n} times"),
        ],
    },
    Plural {
        id: "error-too_many_children",
        arg: "max",
        forms: [
            ("{n} lastenlipun", "{n} lastenlippua"),
            ("{n} barnbiljett", "{n} barnbiljetter"),
            ("{n} child ticket", "{n} child tickets"),
        ],
    },
    Plural {
        id: "error-too_many_members",
        arg: "max",
        forms: [
            ("{n} jäsen", "{n} jäsentä"),
            ("{n} medlem", "{n} medlemmar"),
            ("{n} member", "{n} members"),
        ],
    },
    Plural {
        id: "import-rows-not-listed",
        arg: "count",
        forms: [
            ("{n} rivi", "{n} riviä"),
            ("{n} rad", "{n} rader"),
            ("{n} more row", "{n} more rows"),
        ],
    },
    Plural {
        id: "import-summary",
        arg: "accepted",
        forms: [
            ("{n} rivi", "{n} riviä"),
            ("{n} rad", "{n} rader"),
            ("{n} row", "{n} rows"),
        ],
    },
    Plural {
        id: "action-import",
        arg: "count",
        forms: [
            ("{n} käynti", "{n} käyntiä"),
            ("{n} besök", "{n} besök"),
            ("{n} visit", "{n} visits"),
        ],
    },
    Plural {
        id: "issuance-import-recorded",
        arg: "count",
        forms: [
            ("{n} luovutuslomake", "{n} luovutuslomaketta"),
            ("{n} överlåtelseblankett", "{n} överlåtelseblanketter"),
            ("{n} transfer form", "{n} transfer forms"),
        ],
    },
    Plural {
        id: "error-too_many_attempts",
        arg: "minutes",
        forms: [
            ("{n} minuutin", "{n} minuutin"),
            ("{n} minut", "{n} minuter"),
            ("{n} minute", "{n} minutes"),
        ],
    },
    Plural {
        id: "error-print_too_many",
        arg: "max",
        forms: [
            ("{n} kortin", "{n} korttia"),
            ("{n} kort", "{n} kort"),
            ("{n} card", "{n} cards"),
        ],
    },
    Plural {
        id: "error-cap_course_minimum",
        arg: "min",
        forms: [
            ("{n} paikka", "{n} paikkaa"),
            ("{n} plats", "{n} platser"),
            ("{n} place", "{n} places"),
        ],
    },
    Plural {
        id: "wellbeing-stats-change",
        arg: "compared",
        forms: [
            ("{n} kortin", "{n} kortin"),
            ("{n} kort", "{n} kort"),
            ("{n} card", "{n} cards"),
        ],
    },
    Plural {
        id: "print-replaced",
        arg: "count",
        forms: [
            ("Yksi kortti", "{n} korttia"),
            ("Ett kort", "{n} kort"),
            ("One card", "{n} cards"),
        ],
    },
];

/// Whether `phrase` is in `text` as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn plural_forms_follow_the_number_in_three_languages() {
    // Every other argument a message may take, with a value of its own.
    let others = [
        "count",
        "max",
        "min",
        "days",
        "minutes",
        "cards",
        "accepted",
        "refused",
        "duplicates",
        "left",
        "limit",
        "capacity",
        "percent",
        "cap",
        "venues",
        "compared",
        "higher",
        "same",
        "lower",
    ];
    let mut wrong = vec![];
    for p in PLURALS {
        for (lang, (one, other)) in [Lang::Fi, Lang::Sv, Lang::En].into_iter().zip(p.forms) {
            for n in [0, 1, 2, 5] {
                let mut args: Vec<(&str, String)> = others
                    .iter()
                    .filter(|a| **a != p.arg)
                    .map(|a| (*a, "7".to_string()))
                    .collect();
                args.push(("month", "3/2026".into()));
                args.push((p.arg, n.to_string()));
                let text = Tr(lang).t_args(p.id, &args);
                let (want, not) = if n == 1 { (one, other) } else { (other, one) };
                let want = want.replace("{n}", &n.to_string());
                let not = not.replace("{n}", &n.to_string());
                if !has_phrase(&text, &want) || (want != not && has_phrase(&text, &not)) {
                    wrong.push(format!(
                        "{} {lang:?} n={n}: want \"{want}\" in {text}",
                        p.id
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn numbers_reach_messages_as_written() {
    // A whole number is a number (so it selects a plural form); a code with
    // a leading zero stays as it was typed.
    let tr = Tr(Lang::Fi);
    assert!(
        tr.t1("catalogue-count", "count", 10141)
            .starts_with("10141 ")
    );
    assert!(
        tr.t1("error-card_expired", "date", "3.2.2020")
            .contains("3.2.2020")
    );
    let postal = tr.t1("allocate-intro", "range", "00100");
    assert!(postal.contains("00100"), "{postal}");
}
