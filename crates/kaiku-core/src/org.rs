//! Areas, distribution points and venues (SPEC §3).

use serde::{Deserialize, Serialize};

/// Defines a closed list of API values with its string form.
macro_rules! api_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

api_enum!(
    /// Kind of organisation that hands out cards.
    PointKind {
        MunicipalSocialServices = "municipal_social_services",
        HealthCentre = "health_centre",
        Parish = "parish",
        Ngo = "ngo",
        Other = "other",
    }
);

api_enum!(
    /// A venue's field, each mapped to one national statistics category.
    Sector {
        Theatre = "theatre",
        Music = "music",
        Dance = "dance",
        Museum = "museum",
        VisualArts = "visual_arts",
        Cinema = "cinema",
        Festival = "festival",
        Library = "library",
        AdultEducation = "adult_education",
        ScienceCentre = "science_centre",
        Circus = "circus",
        Sports = "sports",
        SwimmingHall = "swimming_hall",
        Other = "other",
    }
);

api_enum!(
    /// The national statistics table's categories (§12).
    Category {
        Culture = "culture",
        Education = "education",
        Science = "science",
        Sport = "sport",
    }
);

api_enum!(
    /// How a venue hands out tickets (§8.1). A web shop is never one of them
    /// for Kaikukortti (R-CHAN-1), so it is not in the list.
    SalesChannel {
        BoxOffice = "box_office",
        TicketAgency = "ticket_agency",
        Phone = "phone",
        Other = "other",
    }
);

api_enum!(
    /// Languages kaiku speaks, and in which an area's brochure can be printed.
    Lang {
        Fi = "fi",
        Sv = "sv",
        En = "en",
    }
);

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
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn r_chan_1_web_shop_is_not_a_sales_channel() {
        assert_eq!(SalesChannel::parse("web_shop"), None);
        assert_eq!(
            parse_list(
                &["phone".into(), "box_office".into(), "phone".into()],
                SalesChannel::parse
            ),
            Some(vec![SalesChannel::Phone, SalesChannel::BoxOffice])
        );
        assert_eq!(parse_list(&["web_shop".into()], SalesChannel::parse), None);
    }
}
