//! Areas, distribution points and venues (SPEC §3).

crate::text::text_enum! {
    /// Kind of organisation that hands out cards.
    pub enum PointKind {
        MunicipalSocialServices,
        HealthCentre,
        Parish,
        Ngo,
        Other,
    }
}

crate::text::text_enum! {
    /// A venue's field, each mapped to one national statistics category.
    pub enum Sector {
        Theatre,
        Music,
        Dance,
        Museum,
        VisualArts,
        Cinema,
        Festival,
        Library,
        AdultEducation,
        ScienceCentre,
        Circus,
        Sports,
        SwimmingHall,
        Other,
    }
}

crate::text::text_enum! {
    /// The national statistics table's categories (§12).
    pub enum Category {
        Culture,
        Education,
        Science,
        Sport,
    }
}

crate::text::text_enum! {
    /// How a venue hands out tickets (§8.1). A web shop is never one of them
    /// for Kaikukortti (R-CHAN-1), so it is not in the list.
    pub enum SalesChannel {
        BoxOffice,
        TicketAgency,
        Phone,
        Other,
    }
}

crate::text::text_enum! {
    /// Languages kaiku speaks, and in which an area's brochure can be printed.
    pub enum Lang {
        Fi,
        Sv,
        En,
    }
}

/// A text given in up to three languages (an area's name, a venue's
/// accessibility), in `lang` where it exists, else in Finnish, Swedish or
/// English, in that order; with the language it is in, so that a page can
/// mark it.
pub fn in_language<'a>(
    lang: Lang,
    fi: Option<&'a str>,
    sv: Option<&'a str>,
    en: Option<&'a str>,
) -> Option<(&'a str, Lang)> {
    let of = |l: Lang| match l {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    };
    std::iter::once(lang)
        .chain([Lang::Fi, Lang::Sv, Lang::En])
        .find_map(|l| of(l).map(|t| (t, l)))
}

impl Sector {
    pub fn category(self) -> Category {
        match self {
            Sector::AdultEducation | Sector::Library => Category::Education,
            Sector::ScienceCentre => Category::Science,
            Sector::Sports | Sector::SwimmingHall => Category::Sport,
            _ => Category::Culture,
        }
    }
}

/// Parses a list of API values, refusing any unknown one; duplicates dropped,
/// order kept.
pub fn parse_list<T: Copy + PartialEq>(
    items: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for item in items {
        let v = parse(item.trim())?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sector_maps_to_one_category() {
        assert_eq!(Sector::Theatre.category(), Category::Culture);
        assert_eq!(Sector::SwimmingHall.category(), Category::Sport);
        assert_eq!(Sector::AdultEducation.category(), Category::Education);
        assert_eq!(Sector::ScienceCentre.category(), Category::Science);
        for s in Sector::ALL {
            assert_eq!(s.as_ref().parse::<Sector>().ok(), Some(*s));
        }
    }

    #[test]
    fn r_chan_1_web_shop_is_not_a_sales_channel() {
        assert_eq!("web_shop".parse::<SalesChannel>().ok(), None);
        assert_eq!(
            parse_list(
                &["phone".into(), "box_office".into(), "phone".into()],
                |s: &str| s.parse::<SalesChannel>().ok()
            ),
            Some(vec![SalesChannel::Phone, SalesChannel::BoxOffice])
        );
        assert_eq!(
            parse_list(&["web_shop".into()], |s: &str| s
                .parse::<SalesChannel>()
                .ok()),
            None
        );
    }
}
