//! A card's life (R-CARD-2, R-CARD-6, R-CARD-7, R-COMM-*): what may be done
//! with it in which state, decided here and nowhere else.

use crate::Id;
use crate::validity;
use chrono::NaiveDate;

crate::text::text_enum! {
    /// Stored states; `expired` is not stored but read off the date.
    pub enum Status {
        InStock,
        Issued,
        Void,
    }
}

crate::text::text_enum! {
    /// A card's state as people are told it: a stored state, or expired,
    /// which is read off the date.
    pub enum ShownStatus {
        InStock,
        Issued,
        Expired,
        Void,
    }
}

crate::text::text_enum! {
    pub enum Kind {
        Personal,
        /// Samfundskort: belongs to a distribution point organisation (§5).
        Community,
    }
}

crate::text::text_enum! {
    /// What a card's history records.
    pub enum Event {
        Issued,
        Renewed,
        Voided,
    }
}

/// A history entry records an issue unless it says otherwise.
impl Default for Event {
    fn default() -> Self {
        Event::Issued
    }
}

pub const VOID_REASONS: &[&str] = &["lost", "destroyed", "returned", "other"];

/// What the register knows of one card when a rule is applied to it.
#[derive(Clone, Debug)]
pub struct CardState {
    pub area: Id,
    pub status: Status,
    pub allocated_point: Option<Id>,
    pub holder_point: Option<Id>,
    pub valid_until: Option<NaiveDate>,
}

impl CardState {
    pub fn expired(&self, today: NaiveDate) -> bool {
        self.status == Status::Issued && self.valid_until.is_some_and(|v| v < today)
    }

    /// The state shown to people: `in_stock`, `issued`, `expired` or `void`.
    pub fn shown_status(&self, today: NaiveDate) -> ShownStatus {
        match self.status {
            _ if self.expired(today) => ShownStatus::Expired,
            Status::InStock => ShownStatus::InStock,
            Status::Issued => ShownStatus::Issued,
            Status::Void => ShownStatus::Void,
        }
    }
}

/// Why a card cannot be issued, renewed or voided; each has a message that
/// says what to do (R-CARD-7).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    /// The code looks like a series with a check character, and it does not match.
    CheckCharacter,
    OtherArea,
    AllocatedElsewhere,
    AlreadyIssued {
        valid_until: Option<NaiveDate>,
    },
    /// Issued and expired: renew it instead of issuing.
    ExpiredUseRenew,
    Void,
    NotIssued,
    NotYetRenewable {
        from: NaiveDate,
    },
    CommunityCannotRenewAsPersonal,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Unknown => "card_unknown",
            Refusal::CheckCharacter => "card_check_character",
            Refusal::OtherArea => "card_other_area",
            Refusal::AllocatedElsewhere => "card_allocated_elsewhere",
            Refusal::AlreadyIssued { .. } => "card_already_issued",
            Refusal::ExpiredUseRenew => "card_expired_use_renew",
            Refusal::Void => "card_void",
            Refusal::NotIssued => "card_not_issued",
            Refusal::NotYetRenewable { .. } => "card_not_yet_renewable",
            Refusal::CommunityCannotRenewAsPersonal => "card_kind_differs",
        }
    }

    pub fn rule(&self) -> &'static str {
        match self {
            Refusal::CheckCharacter => "R-CARD-1",
            Refusal::Void | Refusal::NotIssued => "R-CARD-2",
            Refusal::NotYetRenewable { .. } | Refusal::CommunityCannotRenewAsPersonal => "R-CARD-4",
            _ => "R-CARD-7",
        }
    }
}

/// R-CARD-7: a point issues from stock allocated to it or from the area's
/// unallocated stock; never another area's, an issued or a void card. Whether
/// the client has a card elsewhere is not asked (R-CARD-6).
pub fn may_issue(
    card: &CardState,
    point_area: Id,
    point: Id,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if card.area != point_area {
        return Err(Refusal::OtherArea);
    }
    match card.status {
        Status::Void => Err(Refusal::Void),
        Status::Issued if card.expired(today) => Err(Refusal::ExpiredUseRenew),
        Status::Issued => Err(Refusal::AlreadyIssued {
            valid_until: card.valid_until,
        }),
        Status::InStock => match card.allocated_point {
            Some(p) if p != point => Err(Refusal::AllocatedElsewhere),
            _ => Ok(()),
        },
    }
}

/// Renewal: an issued card of the same area, expired or in its last month.
pub fn may_renew(card: &CardState, point_area: Id, today: NaiveDate) -> Result<(), Refusal> {
    if card.area != point_area {
        return Err(Refusal::OtherArea);
    }
    match card.status {
        Status::Void => Err(Refusal::Void),
        Status::InStock => Err(Refusal::NotIssued),
        Status::Issued => {
            let until = card.valid_until.unwrap_or(today);
            if validity::renewable(until, today) {
                Ok(())
            } else {
                Err(Refusal::NotYetRenewable {
                    from: validity::renewable_from(until),
                })
            }
        }
    }
}

/// Voiding: any card that is not void already.
pub fn may_void(card: &CardState) -> Result<(), Refusal> {
    if card.status == Status::Void {
        Err(Refusal::Void)
    } else {
        Ok(())
    }
}

/// What a venue learns on lookup (R-AUTH-2): whether the card works today and
/// why not, never who holds it.
pub fn usability(card: &CardState, today: NaiveDate) -> Vec<&'static str> {
    match card.status {
        Status::InStock => vec!["card_not_issued"],
        Status::Void => vec!["card_void"],
        Status::Issued if card.expired(today) => vec!["card_expired"],
        Status::Issued => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn card(status: Status, allocated: Option<Id>, until: Option<NaiveDate>) -> CardState {
        CardState {
            area: 1,
            status,
            allocated_point: allocated,
            holder_point: None,
            valid_until: until,
        }
    }

    const TODAY: fn() -> NaiveDate = || d(2026, 11, 25);

    #[test]
    fn r_card_7_issue_from_own_or_unallocated_stock_of_the_area() {
        assert_eq!(
            may_issue(&card(Status::InStock, Some(10), None), 1, 10, TODAY()),
            Ok(())
        );
        assert_eq!(
            may_issue(&card(Status::InStock, None, None), 1, 10, TODAY()),
            Ok(())
        );
        assert_eq!(
            may_issue(&card(Status::InStock, Some(11), None), 1, 10, TODAY()),
            Err(Refusal::AllocatedElsewhere)
        );
        assert_eq!(
            may_issue(&card(Status::InStock, None, None), 2, 10, TODAY()),
            Err(Refusal::OtherArea)
        );
    }

    #[test]
    fn r_card_7_issued_and_void_cards_are_refused_saying_which() {
        let until = Some(d(2027, 1, 1));
        assert_eq!(
            may_issue(&card(Status::Issued, None, until), 1, 10, TODAY()),
            Err(Refusal::AlreadyIssued { valid_until: until })
        );
        assert_eq!(
            may_issue(
                &card(Status::Issued, None, Some(d(2026, 1, 1))),
                1,
                10,
                TODAY()
            ),
            Err(Refusal::ExpiredUseRenew)
        );
        assert_eq!(
            may_issue(&card(Status::Void, None, None), 1, 10, TODAY()),
            Err(Refusal::Void)
        );
    }

    #[test]
    fn r_card_2_states_and_expiry_by_date() {
        let c = card(Status::Issued, None, Some(d(2026, 11, 24)));
        assert_eq!(c.shown_status(TODAY()), ShownStatus::Expired);
        assert_eq!(usability(&c, TODAY()), ["card_expired"]);
        let valid = card(Status::Issued, None, Some(TODAY()));
        assert_eq!(
            valid.shown_status(TODAY()),
            ShownStatus::Issued,
            "valid through its last day"
        );
        assert!(usability(&valid, TODAY()).is_empty());
        assert_eq!(
            usability(&card(Status::InStock, None, None), TODAY()),
            ["card_not_issued"]
        );
        assert_eq!(
            usability(&card(Status::Void, None, None), TODAY()),
            ["card_void"]
        );
        assert_eq!(
            may_void(&card(Status::Void, None, None)),
            Err(Refusal::Void)
        );
        assert_eq!(may_void(&card(Status::InStock, None, None)), Ok(()));
    }

    #[test]
    fn renewal_needs_an_issued_card_near_or_past_its_end() {
        assert_eq!(
            may_renew(
                &card(Status::Issued, None, Some(d(2026, 12, 20))),
                1,
                TODAY()
            ),
            Ok(())
        );
        assert_eq!(
            may_renew(
                &card(Status::Issued, None, Some(d(2025, 12, 20))),
                1,
                TODAY()
            ),
            Ok(())
        );
        assert_eq!(
            may_renew(&card(Status::Issued, None, Some(d(2027, 6, 1))), 1, TODAY()),
            Err(Refusal::NotYetRenewable {
                from: d(2027, 5, 1)
            })
        );
        assert_eq!(
            may_renew(&card(Status::InStock, None, None), 1, TODAY()),
            Err(Refusal::NotIssued)
        );
        assert_eq!(
            may_renew(
                &card(Status::Issued, None, Some(d(2026, 12, 1))),
                2,
                TODAY()
            ),
            Err(Refusal::OtherArea)
        );
    }
}
