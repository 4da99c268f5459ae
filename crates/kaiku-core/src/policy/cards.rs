//! The card register: lookup for anyone at work (R-AUTH-2), records for
//! the card's coordinators and issuers, issuing at one's own points, stock
//! for coordinators, subject access (R-PRIV-2) and imported transfer forms.

use super::*;

fn issuer_grants(p: &Principal) -> Vec<(Id, Id)> {
    p.person_grants()
        .filter_map(|g| match *g {
            Grant::Issuer { area, point } => Some((area, point)),
            _ => None,
        })
        .collect()
}

/// R-AUTH-2: anyone who works with cards, venue staff anywhere and their
/// tokens included, may ask whether a card is valid; the answer says nothing
/// of its holder. Not the national service alone: it has no use for card
/// codes, and trying them one by one would tell which are issued and when.
pub fn card_lookup(p: &Principal) -> Option<CardLookup> {
    let works_with_cards = p.grants.iter().any(|g| *g != Grant::NationalAdmin);
    (p.is_operator() || works_with_cards).then_some(CardLookup(()))
}

/// A card's record and history with background data, card lists, voiding:
/// the coordinators of its area, and the issuers of the point that holds or
/// stocks it. A national admin sees no card records of areas it does not
/// coordinate.
pub fn card_records(p: &Principal) -> Option<Reach<CardRecords>> {
    Reach::build(p.is_operator(), p.coordinated(), issuer_grants(p), vec![])
}

/// R-PRIV-2: printing everything stored under a code is the coordinator's.
pub fn subject_access(p: &Principal) -> Option<Reach<CardRecords>> {
    Reach::build(p.is_operator(), p.coordinated(), vec![], vec![])
}

/// Issuing (and renewing) cards: at the points where the caller issues.
pub fn issuing(p: &Principal) -> Option<Reach<Issuing>> {
    Reach::build(p.is_operator(), vec![], issuer_grants(p), vec![])
}

/// The points where the caller issues cards, as `(area, point)`.
pub fn issuer_points(p: &Principal) -> Vec<(Id, Id)> {
    issuer_grants(p)
}

/// Card series, allocations and stock: an area's coordinators. Not the
/// national service: per-point counts of cards issued this week are live
/// small numbers about people, which outside an area only the protected
/// statistics may show (R-REP-5).
pub fn stock(p: &Principal) -> Option<Reach<Stock>> {
    Reach::build(p.is_operator(), p.coordinated(), vec![], vec![])
}

/// Importing transfer forms for a point: its issuers, and the coordinators
/// of its area, who often hold the area's paper backlog.
pub fn issuance_imports(p: &Principal) -> Option<Reach<IssuanceImports>> {
    Reach::build(p.is_operator(), p.coordinated(), issuer_grants(p), vec![])
}

/// R-HOLD-1: a holder who typed a card's code and the key printed on it
/// reads that one card's record and uses, and nothing else. Made only from
/// a matched key.
#[derive(Debug)]
pub struct HolderCard {
    card: Id,
}

impl HolderCard {
    pub fn card(&self) -> Id {
        self.card
    }
}

pub fn holder_card(card: Id, _: crate::holder::KeyMatched) -> HolderCard {
    HolderCard { card }
}

/// Anyone, with no account, may ask for a code's key hash on the holder's
/// page: it opens nothing without the key (R-HOLD-2 throttles the asking).
#[derive(Debug)]
pub struct HolderLookup(());

pub fn holder_lookup() -> HolderLookup {
    HolderLookup(())
}
