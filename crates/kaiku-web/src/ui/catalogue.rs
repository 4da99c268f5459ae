//! The public catalogue and the printable brochure (SPEC §9, §4.2): no
//! login, readable on a phone, in the visitor's language.

use super::forms::{Opt, choices};
use super::{Field, Page, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::dates;
use crate::error::{AppError, WebResult};
use crate::i18n::Tr;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kaiku_app::catalogue::{self, Catalogue, Filter, ItemPublic, VenuePublic};
use kaiku_app::pdf::{Column, Flow, Style};
use kaiku_core::org::{Lang, Sector};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalogue", get(country))
        .route("/catalogue/{area}", get(area))
        .route("/catalogue/{area}/brochure", get(brochure))
        .route("/catalogue/{area}/brochure.pdf", get(brochure_pdf))
}

/// `?lang=sv` prints a brochure in another of the area's languages.
#[derive(Deserialize, Default)]
struct LangQ {
    lang: Option<String>,
}

fn with_lang(mut ctx: Ctx, lang: Option<&str>) -> Ctx {
    if let Some(l) = lang.and_then(|s| s.parse::<Lang>().ok()) {
        ctx.tr = Tr(l);
    }
    ctx
}

/// Texts a venue block needs, shared by the page and the PDF.
pub struct Texts<'a>(pub &'a Tr);

/// A text with the language it is in, when that is not the page's.
pub struct Marked {
    pub text: String,
    pub lang: Option<String>,
}

impl Texts<'_> {
    pub fn when(&self, i: &ItemPublic) -> String {
        let when = dates::item_when(i.kind, i.starts_at);
        if i.kind == kaiku_core::usage::ItemKind::Course {
            format!("{when} ({})", self.0.t("item-type-course"))
        } else {
            when
        }
    }

    /// The dates the catalogue covers, `25.11.2026–25.2.2027`.
    pub fn period(&self, cat: &Catalogue) -> String {
        format!("{}–{}", dates::fi_date(cat.from), dates::fi_date(cat.to))
    }

    pub fn terms(&self, i: &ItemPublic) -> String {
        let mut parts = vec![];
        if i.sold_out {
            parts.push(self.0.t("items-sold-out"));
        }
        if let Some(c) = i.cap {
            parts.push(self.0.t1("catalogue-cap", "cap", c));
        }
        if let Some(b) = i.booking_opens_at {
            parts.push(
                self.0
                    .t1("catalogue-booking-from", "date", b.format(dates::DATE)),
            );
        }
        if let Some(r) = i.redemption_opens_at {
            parts.push(
                self.0
                    .t1("catalogue-redeem-from", "time", r.format("%H:%M")),
            );
        }
        parts.join(" · ")
    }

    /// A venue's text in the reader's language, or in another one with
    /// that language to mark it by (`lang` on the element).
    fn marked(&self, t: Option<(&str, Lang)>) -> Option<Marked> {
        t.map(|(text, lang)| Marked {
            text: text.to_string(),
            lang: (lang != self.0.0).then(|| lang.as_ref().to_string()),
        })
    }

    pub fn accessibility(&self, v: &VenuePublic) -> Option<Marked> {
        self.marked(v.accessibility_in(self.0.0))
    }

    pub fn restrictions(&self, v: &VenuePublic) -> Option<Marked> {
        self.marked(v.restrictions_in(self.0.0))
    }

    pub fn channels(&self, v: &VenuePublic) -> String {
        v.sales_channels
            .iter()
            .map(|c| match (c.as_str(), &v.ticket_agency) {
                ("ticket_agency", Some(name)) => {
                    format!("{} ({name})", self.0.t("channel-ticket_agency"))
                }
                _ => self.0.t(&format!("channel-{c}")),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "catalogue.html")]
struct CataloguePage<'a> {
    page: &'a Page,
    cat: Catalogue,
    fields: Vec<Field>,
    action: String,
    area: Option<i64>,
    texts: Texts<'a>,
}

fn typed(raw: &Option<String>, shown: chrono::NaiveDate) -> String {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| shown.to_string(), str::to_string)
}

async fn show(st: &AppState, ctx: &Ctx, area: Option<i64>, f: &Filter) -> WebResult<Response> {
    let mut page = Page::new(ctx, "catalogue-title");
    let cat = match catalogue::catalogue(&st.store, area, f).await {
        Ok(c) => c,
        Err(e @ AppError::Invalid(_)) => {
            page.errors = super::form_errors(&ctx.tr, e, "from")?;
            catalogue::catalogue(&st.store, area, &Filter::default()).await?
        }
        Err(e) => return Err(e.into()),
    };
    if let (Some(_), [a]) = (area, cat.areas.as_slice()) {
        page.title = format!("{} – {}", page.title, a.name_in(ctx.tr.0));
    }
    let sectors = Sector::ALL.iter().map(|s| s.as_ref());
    let mut sector_opts = vec![Opt::new(
        "",
        page.t("catalogue-any"),
        f.sector.as_deref().unwrap_or("").is_empty(),
    )];
    sector_opts.extend(choices(
        &page,
        "sector",
        sectors,
        &[f.sector.clone().unwrap_or_default()],
    ));
    let mut fields = vec![];
    if area.is_none() {
        // The national catalogue lists every area already.
        let mut opts = vec![Opt::new("", page.t("catalogue-any"), true)];
        opts.extend(
            cat.areas
                .iter()
                .map(|a| Opt::new(a.id, a.name_in(ctx.tr.0), false)),
        );
        fields.push(Field::select(&page, "area", opts).no_hint());
    }
    fields.extend([
        Field::select(&page, "sector", sector_opts),
        Field::select(
            &page,
            "municipality",
            super::forms::municipality_choice(
                &page,
                &cat.areas
                    .iter()
                    .flat_map(|a| a.municipality_codes.iter().cloned())
                    .collect::<Vec<_>>(),
                f.municipality.as_deref(),
                page.t("catalogue-any"),
            ),
        )
        .no_hint(),
        // What the person typed stays in the form beside its error.
        Field::kind(&page, "from", "date", typed(&f.from, cat.from)),
        Field::kind(&page, "to", "date", typed(&f.to, cat.to)),
    ]);
    let action = match area {
        Some(a) => format!("/catalogue/{a}"),
        None => "/catalogue".into(),
    };
    let t = CataloguePage {
        page: &page,
        cat,
        fields,
        action,
        area,
        texts: Texts(&ctx.tr),
    };
    Ok(super::respond(&page, &t))
}

async fn country(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(f): Query<Filter>,
) -> WebResult<Response> {
    // Choosing an area in the filter goes to that area's own page.
    if let Some(a) = f.area.as_deref().and_then(|a| a.parse::<i64>().ok()) {
        let q = serde_html_form::to_string([
            ("sector", f.sector.clone().unwrap_or_default()),
            ("municipality", f.municipality.clone().unwrap_or_default()),
        ])
        .unwrap_or_default();
        return Ok(super::see_other(&format!("/catalogue/{a}?{q}")));
    }
    show(&st, &ctx, None, &f).await
}

async fn area(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(f): Query<Filter>,
) -> WebResult<Response> {
    show(&st, &ctx, Some(super::forms::id(&raw)?), &f).await
}

#[derive(Template)]
#[template(path = "brochure.html")]
struct BrochurePage<'a> {
    page: &'a Page,
    cat: Catalogue,
    texts: Texts<'a>,
    langs: Vec<(String, String)>,
}

async fn brochure(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<LangQ>,
) -> WebResult<Response> {
    let ctx = with_lang(ctx, q.lang.as_deref());
    let area = super::forms::id(&raw)?;
    let cat = catalogue::catalogue(&st.store, Some(area), &Filter::default()).await?;
    let mut page = Page::new(&ctx, "brochure-title");
    let a = &cat.areas[0];
    page.title = format!("{} – {}", page.title, a.name_in(ctx.tr.0));
    let langs = a
        .brochure_languages
        .iter()
        .map(|l| (l.clone(), ctx.tr.t(&format!("lang-{l}"))))
        .collect();
    Ok(render(&BrochurePage {
        page: &page,
        cat,
        texts: Texts(&ctx.tr),
        langs,
    }))
}

/// The brochure as a PDF, from the same data as the page.
async fn brochure_pdf(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(raw): Path<String>,
    Query(q): Query<LangQ>,
) -> WebResult<Response> {
    let ctx = with_lang(ctx, q.lang.as_deref());
    let tr = ctx.tr;
    let area = super::forms::id(&raw)?;
    let cat = catalogue::catalogue(&st.store, Some(area), &Filter::default()).await?;
    let a = &cat.areas[0];
    let texts = Texts(&tr);
    let pdf = brochure_document(&tr, a, &cat, &texts).map_err(|e| {
        tracing::error!(error = %e, "brochure PDF");
        AppError::Internal
    })?;
    let name = format!("kaikukortti-{}.pdf", tr.lang());
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        pdf,
    )
        .into_response())
}

/// The brochure a coordinator hands out: a cover with the area and the
/// card's rules in brief, the venues by sector with how to reach them, and
/// the coming offering as a table.
fn brochure_document(
    tr: &Tr,
    a: &kaiku_app::catalogue::AreaPublic,
    cat: &Catalogue,
    texts: &Texts<'_>,
) -> Result<Vec<u8>, kaiku_app::pdf::PdfError> {
    let title = format!("Kaikukortti – {}", a.name_in(tr.0));
    let mut d = Flow::new(&title, tr.lang(), &title);
    d.band(70.0);
    d.gap(8.0);
    d.text(Style::Title, "Kaikukortti");
    d.text(Style::Heading, a.name_in(tr.0));
    d.gap(14.0);
    d.text(Style::Body, &tr.t("brochure-intro"));
    if a.local_only {
        d.text(Style::Body, &tr.t("catalogue-local-only"));
    }
    d.gap(8.0);
    d.text(Style::Subheading, &tr.t("brochure-rules-title"));
    for rule in [
        "brochure-rule-personal",
        "brochure-rule-children",
        "brochure-rule-assistant",
        "brochure-rule-ask",
        "brochure-rule-valid",
    ] {
        d.text_at(Style::Body, &format!("•  {}", tr.t(rule)), 6.0);
    }
    d.gap(8.0);
    d.text(
        Style::Small,
        &tr.t1("brochure-period", "period", texts.period(cat)),
    );
    d.new_page();
    d.text(Style::Heading, &tr.t("brochure-venues-title"));
    let mut seen = std::collections::BTreeSet::new();
    let sectors: Vec<String> = cat
        .venues
        .iter()
        .map(|v| v.sector.to_string())
        .filter(|s| seen.insert(s.clone()))
        .collect();
    for sector in sectors {
        d.gap(6.0);
        d.text(Style::Subheading, &tr.t(&format!("sector-{sector}")));
        for v in cat.venues.iter().filter(|v| v.sector.to_string() == sector) {
            d.gap(4.0);
            d.text(Style::Body, &v.name);
            let mut facts = vec![];
            if let Some(addr) = &v.address {
                facts.push(addr.clone());
            }
            if let Some(w) = &v.website {
                facts.push(w.clone());
            }
            facts.push(format!(
                "{}: {}",
                tr.t("catalogue-where-tickets"),
                texts.channels(v)
            ));
            if let Some(acc) = texts.accessibility(v) {
                facts.push(format!("{}: {}", tr.t("catalogue-accessibility"), acc.text));
            }
            if let Some(r) = texts.restrictions(v) {
                facts.push(format!("{}: {}", tr.t("catalogue-restrictions"), r.text));
            }
            facts.push(tr.t("catalogue-assistant"));
            if v.free_cloakroom {
                facts.push(tr.t("catalogue-cloakroom"));
            }
            for f in facts {
                d.text_at(Style::Small, &f, 10.0);
            }
        }
    }
    let mut items: Vec<(&VenuePublic, &ItemPublic)> = cat
        .venues
        .iter()
        .flat_map(|v| v.items.iter().map(move |i| (v, i)))
        .collect();
    items.sort_by_key(|(_, i)| i.starts_at);
    let rows: Vec<Vec<String>> = items
        .into_iter()
        .map(|(v, i)| {
            vec![
                texts.when(i),
                i.title.clone(),
                v.name.clone(),
                texts.terms(i),
            ]
        })
        .collect();
    if !rows.is_empty() {
        d.gap(10.0);
        d.text(Style::Heading, &tr.t("brochure-offering-title"));
        d.gap(4.0);
        let (when, what, venue, terms) = (
            tr.t("brochure-col-when"),
            tr.t("brochure-col-what"),
            tr.t("brochure-col-venue"),
            tr.t("brochure-col-terms"),
        );
        d.table(
            &[
                Column {
                    heading: &when,
                    width: 2.2,
                },
                Column {
                    heading: &what,
                    width: 3.0,
                },
                Column {
                    heading: &venue,
                    width: 2.4,
                },
                Column {
                    heading: &terms,
                    width: 3.0,
                },
            ],
            &rows,
        );
    }
    let excluded: Vec<String> = cat
        .venues
        .iter()
        .flat_map(|v| {
            v.exclusions.iter().map(|x| {
                format!(
                    "{} {} ({}): {}",
                    x.starts_at.format(dates::DATE),
                    x.title,
                    v.name,
                    x.reason
                )
            })
        })
        .collect();
    if !excluded.is_empty() {
        d.gap(8.0);
        d.text(Style::Subheading, &tr.t("catalogue-exclusions"));
        for x in excluded {
            d.text_at(Style::Small, &x, 6.0);
        }
    }
    d.finish()
}
