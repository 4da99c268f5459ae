//! The public catalogue and the printable brochure (SPEC §9, §4.2): no
//! login, readable on a phone, in the visitor's language.

use super::forms::{Opt, choices};
use super::{Field, Page, render};
use crate::AppState;
use crate::auth::Ctx;
use crate::dates;
use crate::error::{AppError, WebResult};
use crate::i18n::Tr;
use crate::pdf::{Document, Style};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use kaiku_app::catalogue::{self, Catalogue, Filter, ItemPublic, VenuePublic};
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
pub struct Texts<'a>(&'a Tr);

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
        page.title = format!("{} – {}", page.title, a.name);
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
        opts.extend(cat.areas.iter().map(|a| Opt::new(a.id, &a.name, false)));
        fields.push(Field::select(&page, "area", opts).no_hint());
    }
    fields.extend([
        Field::select(&page, "sector", sector_opts),
        Field::text(
            &page,
            "municipality",
            f.municipality.clone().unwrap_or_default(),
        )
        .numeric()
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
    page.title = format!("{} – {}", page.title, a.name);
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
    let mut d = Document::default();
    d.text(
        Style::Title,
        &format!("{} – {}", tr.t("brochure-title"), a.name),
    );
    d.text(Style::Body, &tr.t("brochure-intro"));
    if a.local_only {
        d.text(Style::Body, &tr.t("catalogue-local-only"));
    }
    d.text(
        Style::Small,
        &tr.t1("brochure-period", "period", texts.period(&cat)),
    );
    for v in &cat.venues {
        d.gap(8.0);
        d.text(
            Style::Heading,
            &format!("{} ({})", v.name, tr.t(&format!("sector-{}", v.sector))),
        );
        if let Some(addr) = &v.address {
            d.text(Style::Body, addr);
        }
        if let Some(w) = &v.website {
            d.text(Style::Small, w);
        }
        d.text(
            Style::Small,
            &format!("{}: {}", tr.t("field-sales_channels"), texts.channels(v)),
        );
        d.text(Style::Small, &tr.t("catalogue-assistant"));
        if v.free_cloakroom {
            d.text(Style::Small, &tr.t("catalogue-cloakroom"));
        }
        if let Some(acc) = &v.accessibility {
            d.text(
                Style::Small,
                &format!("{}: {acc}", tr.t("field-accessibility")),
            );
        }
        if let Some(r) = &v.restrictions {
            d.text(
                Style::Small,
                &format!("{}: {r}", tr.t("field-restrictions")),
            );
        }
        for i in &v.items {
            let terms = texts.terms(i);
            let line = if terms.is_empty() {
                format!("{} {}", texts.when(i), i.title)
            } else {
                format!("{} {} – {terms}", texts.when(i), i.title)
            };
            d.text(Style::Body, &line);
        }
        for x in &v.exclusions {
            d.text(
                Style::Small,
                &format!(
                    "{} {}: {} ({})",
                    x.starts_at.format(dates::DATE),
                    x.title,
                    tr.t("items-excluded"),
                    x.reason
                ),
            );
        }
    }
    let name = format!("kaikukortti-{}.pdf", tr.lang());
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
        ],
        d.finish(),
    )
        .into_response())
}
