//! Area statistics (R-REP-3): cards issued new and renewed, by distribution
//! point and by background data, and uses by venue, sector, month and the
//! national table's categories, adult and child tickets apart; cards used at
//! least once, and the share of valid cards used. Computed from plain facts
//! the store hands over, so a report and a test agree on one definition.

use crate::Id;
use crate::background::{age_group, postal_area};
use crate::org::Sector;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;

/// One issue or renewal in the period, with the background data given then.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuance {
    pub card: Id,
    pub point: Option<Id>,
    pub renewal: bool,
    pub community: bool,
    pub grant_year: i32,
    pub birth_year: Option<i32>,
    /// What an anonymised record keeps instead of its birth year.
    pub age_group: Option<String>,
    pub gender: Option<String>,
    pub mother_tongue: Option<String>,
    pub postal_code: Option<String>,
    pub life_situations: Vec<String>,
}

/// The uses (tickets not cancelled) at a venue of the area on one day, or
/// a single use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    pub venue: Id,
    pub sector: Sector,
    /// `YYYY-MM` of the day of use.
    pub month: String,
    pub adults: u64,
    pub children: u64,
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ToSchema,
)]
pub struct Tickets {
    pub adults: u64,
    pub children: u64,
}

impl Tickets {
    /// No ticket at all.
    pub fn is_none(&self) -> bool {
        self.adults == 0 && self.children == 0
    }

    fn add(&mut self, u: &Use) {
        self.adults += u.adults;
        self.children += u.children;
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Issued {
    pub new: u64,
    pub renewed: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaStats {
    pub issued: Issued,
    pub community_cards: u64,
    pub by_point: BTreeMap<Option<Id>, Issued>,
    /// Background breakdowns of personal cards issued or renewed.
    pub by_age: BTreeMap<String, u64>,
    pub by_gender: BTreeMap<String, u64>,
    pub by_mother_tongue: BTreeMap<String, u64>,
    /// By postal area (`80xxx`), the level anonymised records keep.
    pub by_postal_area: BTreeMap<String, u64>,
    /// Each ticked life situation counts once.
    pub by_life_situation: BTreeMap<String, u64>,
    pub tickets: Tickets,
    pub by_venue: BTreeMap<Id, Tickets>,
    pub by_sector: BTreeMap<&'static str, Tickets>,
    pub by_month: BTreeMap<String, Tickets>,
    pub by_category: BTreeMap<&'static str, Tickets>,
    /// The area's cards with at least one use in the period (anywhere).
    pub cards_used: u64,
    /// The area's cards valid on some day of the period, and of them those used.
    pub valid_cards: u64,
    pub valid_cards_used: u64,
}

impl AreaStats {
    /// Share of valid cards used, in per cent (one decimal).
    pub fn share_used(&self) -> Option<f64> {
        (self.valid_cards > 0).then(|| {
            (self.valid_cards_used as f64 * 1000.0 / self.valid_cards as f64).round() / 10.0
        })
    }
}

fn or_not_stated(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "not_stated".into())
}

/// The statistics of an area for a period: issues and renewals of its
/// points, uses at its venues, and the use of its own cards (`card_uses`:
/// the ids of its cards used in the period anywhere; `valid`: its cards valid
/// on some day of it).
pub fn area_stats(
    issuances: &[Issuance],
    uses: &[Use],
    card_uses: &BTreeSet<Id>,
    valid: &BTreeSet<Id>,
) -> AreaStats {
    let mut s = AreaStats::default();
    for i in issuances {
        let slot = s.by_point.entry(i.point).or_default();
        if i.renewal {
            s.issued.renewed += 1;
            slot.renewed += 1;
        } else {
            s.issued.new += 1;
            slot.new += 1;
        }
        if i.community {
            s.community_cards += 1;
            continue;
        }
        let age = i
            .birth_year
            .map(|b| age_group(b, i.grant_year).to_string())
            .or_else(|| i.age_group.clone())
            .unwrap_or_else(|| "not_stated".into());
        *s.by_age.entry(age).or_default() += 1;
        *s.by_gender.entry(or_not_stated(&i.gender)).or_default() += 1;
        *s.by_mother_tongue
            .entry(or_not_stated(&i.mother_tongue))
            .or_default() += 1;
        *s.by_postal_area
            .entry(postal_area(&or_not_stated(&i.postal_code)))
            .or_default() += 1;
        for l in &i.life_situations {
            *s.by_life_situation.entry(l.clone()).or_default() += 1;
        }
    }
    for u in uses {
        s.tickets.add(u);
        s.by_venue.entry(u.venue).or_default().add(u);
        s.by_sector.entry(u.sector.into()).or_default().add(u);
        s.by_month.entry(u.month.clone()).or_default().add(u);
        s.by_category
            .entry(u.sector.category().into())
            .or_default()
            .add(u);
    }
    s.cards_used = card_uses.len() as u64;
    s.valid_cards = valid.len() as u64;
    s.valid_cards_used = valid.intersection(card_uses).count() as u64;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuance(card: Id, renewal: bool, birth: i32, gender: &str) -> Issuance {
        Issuance {
            card,
            point: Some(1),
            renewal,
            community: false,
            grant_year: 2026,
            birth_year: Some(birth),
            age_group: None,
            gender: Some(gender.into()),
            mother_tongue: Some("fi".into()),
            postal_code: Some("80100".into()),
            life_situations: vec!["student".into(), "low_income".into()],
        }
    }

    #[test]
    fn r_rep_3_counts_by_background_and_use() {
        let issuances = [
            issuance(1, false, 2009, "woman"),
            issuance(2, true, 1950, "man"),
            Issuance {
                community: true,
                birth_year: None,
                ..issuance(3, false, 0, "other")
            },
        ];
        let uses = [
            Use {
                venue: 7,
                sector: Sector::Theatre,
                month: "2026-03".into(),
                adults: 1,
                children: 2,
            },
            Use {
                venue: 8,
                sector: Sector::SwimmingHall,
                month: "2026-04".into(),
                adults: 1,
                children: 0,
            },
        ];
        let s = area_stats(
            &issuances,
            &uses,
            &BTreeSet::from([1, 2]),
            &BTreeSet::from([1, 2, 3, 4]),
        );
        assert_eq!(s.issued, Issued { new: 2, renewed: 1 });
        assert_eq!(s.community_cards, 1);
        assert_eq!(s.by_age["16-17"], 1);
        assert_eq!(s.by_age["75+"], 1);
        assert_eq!(
            s.by_gender.get("other"),
            None,
            "community cards carry no background"
        );
        assert_eq!(s.by_life_situation["student"], 2);
        assert_eq!(s.by_postal_area["80xxx"], 2);
        assert_eq!(
            s.tickets,
            Tickets {
                adults: 2,
                children: 2
            }
        );
        assert_eq!(
            s.by_category["culture"],
            Tickets {
                adults: 1,
                children: 2
            }
        );
        assert_eq!(
            s.by_category["sport"],
            Tickets {
                adults: 1,
                children: 0
            }
        );
        assert_eq!(s.by_month["2026-04"].adults, 1);
        assert_eq!((s.cards_used, s.valid_cards, s.valid_cards_used), (2, 4, 2));
        assert_eq!(s.share_used(), Some(50.0));
    }
}
