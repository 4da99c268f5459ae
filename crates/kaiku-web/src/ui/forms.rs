//! Form fields as data, rendered by one partial (`_fields.html`) so every
//! form has the same labels, hints, error links and keyboard order; and the
//! small pieces many screens use: a path id, the "saved" notice, a page that
//! is one form.

use super::Page;
use crate::auth::Ctx;
use crate::error::{AppError, WebResult};
use askama::Template;
use axum::response::Response;
use kaiku_core::Id;
use serde::Deserialize;

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
    /// For selects: the heading of an `<optgroup>` this option starts.
    pub group: Option<String>,
}

impl Opt {
    pub fn new(value: impl ToString, label: impl ToString, selected: bool) -> Opt {
        Opt {
            value: value.to_string(),
            label: label.to_string(),
            selected,
            group: None,
        }
    }
}

pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub hint: Option<String>,
    /// text, date, password, url, email, tel, textarea, select, checkbox, checkboxes
    pub kind: &'static str,
    pub value: String,
    pub checked: bool,
    pub required: bool,
    pub options: Vec<Opt>,
    pub error: Option<String>,
    pub autocomplete: &'static str,
    /// `numeric` brings up the number pad on a tablet.
    pub inputmode: &'static str,
    pub autofocus: bool,
    /// The language of what is typed here, when it is not the page's (a
    /// Swedish name on a Finnish page), so that it is checked and read out
    /// in its own language.
    pub lang: &'static str,
}

/// Municipality codes as their names in `lang`, for a form or a page; an
/// entry that is no code is kept as it was typed.
pub fn municipality_names(codes: &[String], lang: kaiku_core::org::Lang) -> String {
    codes
        .iter()
        .map(|c| kaiku_core::municipalities::name(c.trim(), lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A choice of one municipality among `codes` by name (the first option
/// none), `chosen` selected; a chosen code not among them is offered too.
pub fn municipality_choice(
    page: &Page,
    codes: &[String],
    chosen: Option<&str>,
    none: String,
) -> Vec<Opt> {
    let lang = page.tr.0;
    let mut all: Vec<&str> = codes.iter().map(String::as_str).collect();
    if let Some(c) = chosen.filter(|c| !c.is_empty() && !all.contains(c)) {
        all.push(c);
    }
    let mut opts: Vec<Opt> = all
        .into_iter()
        .map(|c| {
            Opt::new(
                c,
                kaiku_core::municipalities::name(c, lang),
                chosen == Some(c),
            )
        })
        .collect();
    opts.sort_by(|a, b| a.label.cmp(&b.label));
    opts.insert(0, Opt::new("", none, chosen.is_none_or(str::is_empty)));
    opts
}

impl Field {
    fn base(page: &Page, name: &'static str, kind: &'static str) -> Field {
        let hint_key = format!("hint-{name}");
        let hint = crate::i18n::has_key(&hint_key).then(|| page.t(&hint_key));
        Field {
            name,
            label: page.t(&format!("field-{name}")),
            hint,
            kind,
            value: String::new(),
            checked: false,
            required: false,
            options: vec![],
            error: page
                .errors
                .iter()
                .find(|(f, _)| f == name)
                .map(|(_, m)| m.clone()),
            autocomplete: "off",
            inputmode: "",
            autofocus: false,
            lang: "",
        }
    }

    pub fn text(page: &Page, name: &'static str, value: impl ToString) -> Field {
        Field {
            value: value.to_string(),
            ..Field::base(page, name, "text")
        }
    }

    pub fn kind(
        page: &Page,
        name: &'static str,
        kind: &'static str,
        value: impl ToString,
    ) -> Field {
        Field {
            value: value.to_string(),
            ..Field::base(page, name, kind)
        }
    }

    pub fn textarea(page: &Page, name: &'static str, value: impl ToString) -> Field {
        Field {
            value: value.to_string(),
            ..Field::base(page, name, "textarea")
        }
    }

    pub fn select(page: &Page, name: &'static str, options: Vec<Opt>) -> Field {
        Field {
            options,
            ..Field::base(page, name, "select")
        }
    }

    pub fn checkbox(page: &Page, name: &'static str, checked: bool) -> Field {
        Field {
            checked,
            ..Field::base(page, name, "checkbox")
        }
    }

    pub fn checkboxes(page: &Page, name: &'static str, options: Vec<Opt>) -> Field {
        Field {
            options,
            ..Field::base(page, name, "checkboxes")
        }
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// Leaves out the hint meant for choosing a new value (on the login form).
    pub fn no_hint(mut self) -> Field {
        self.hint = None;
        self
    }

    pub fn lang(mut self, lang: &'static str) -> Field {
        self.lang = lang;
        self
    }

    pub fn numeric(mut self) -> Field {
        self.inputmode = "numeric";
        self
    }

    /// Where the cursor starts (only when the page has no errors to show).
    pub fn autofocus(mut self, on: bool) -> Field {
        self.autofocus = on;
        self
    }

    pub fn autocomplete(mut self, v: &'static str) -> Field {
        self.autocomplete = v;
        self
    }

    pub fn is(&self, kind: &str) -> bool {
        self.kind == kind
    }

    /// Select options split into `<optgroup>`s (the first run may have none).
    pub fn groups(&self) -> Vec<(Option<String>, Vec<&Opt>)> {
        let mut out: Vec<(Option<String>, Vec<&Opt>)> = vec![];
        for o in &self.options {
            if o.group.is_some() || out.is_empty() {
                out.push((o.group.clone(), vec![]));
            }
            if let Some(last) = out.last_mut() {
                last.1.push(o);
            }
        }
        out
    }

    /// The ids the input's `aria-describedby` names.
    pub fn described_by(&self) -> String {
        let mut ids = vec![];
        if self.hint.is_some() {
            ids.push(format!("h-{}", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("e-{}", self.name));
        }
        ids.join(" ")
    }
}

/// Options from a closed list of API values, labelled through `prefix-value`.
pub fn choices<'a>(
    page: &Page,
    prefix: &str,
    values: impl IntoIterator<Item = &'a str>,
    selected: &[String],
) -> Vec<Opt> {
    values
        .into_iter()
        .map(|v| {
            Opt::new(
                v,
                page.t(&format!("{prefix}-{v}")),
                selected.iter().any(|s| s == v),
            )
        })
        .collect()
}

pub fn id(raw: &str) -> WebResult<Id> {
    raw.parse()
        .map_err(|_| AppError::NotFound)
        .map_err(Into::into)
}

#[derive(Deserialize)]
pub struct Saved {
    saved: Option<String>,
}

impl Saved {
    pub fn notice(&self, ctx: &Ctx) -> Option<String> {
        self.saved.as_ref().map(|_| ctx.tr.t("notice-saved"))
    }
}

/// A page that is one form (create, edit, or view when not editable).
#[derive(Template)]
#[template(path = "form.html")]
pub struct FormPage<'a> {
    pub page: &'a Page,
    pub intro: Option<String>,
    pub fields: Vec<Field>,
    pub action: String,
    pub submit: String,
    pub editable: bool,
    pub back: (String, String),
    pub links: Vec<(String, String)>,
}

impl FormPage<'_> {
    pub fn respond(&self) -> Response {
        super::respond(self.page, self)
    }
}
