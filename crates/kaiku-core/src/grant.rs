//! Roles and their scopes (SPEC §2).

use crate::Id;

crate::text::text_enum! {
    pub enum Role {
        NationalAdmin,
        AreaCoordinator,
        Issuer,
        VenueStaff,
    }
}

/// One role grant with the scope it covers. Issuer and venue grants carry
/// their area too, so that an area-level decision needs no database lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grant {
    NationalAdmin,
    AreaCoordinator { area: Id },
    Issuer { area: Id, point: Id },
    VenueStaff { area: Id, venue: Id },
}

impl Grant {
    pub fn role(&self) -> Role {
        match self {
            Grant::NationalAdmin => Role::NationalAdmin,
            Grant::AreaCoordinator { .. } => Role::AreaCoordinator,
            Grant::Issuer { .. } => Role::Issuer,
            Grant::VenueStaff { .. } => Role::VenueStaff,
        }
    }

    pub fn area(&self) -> Option<Id> {
        match *self {
            Grant::NationalAdmin => None,
            Grant::AreaCoordinator { area }
            | Grant::Issuer { area, .. }
            | Grant::VenueStaff { area, .. } => Some(area),
        }
    }

    pub fn point(&self) -> Option<Id> {
        match *self {
            Grant::Issuer { point, .. } => Some(point),
            _ => None,
        }
    }

    pub fn venue(&self) -> Option<Id> {
        match *self {
            Grant::VenueStaff { venue, .. } => Some(venue),
            _ => None,
        }
    }

    /// Rebuilds a grant from its stored columns; `None` when they do not fit
    /// together (a venue grant without a venue, …).
    pub fn from_parts(
        role: Role,
        area: Option<Id>,
        point: Option<Id>,
        venue: Option<Id>,
    ) -> Option<Grant> {
        match (role, area, point, venue) {
            (Role::NationalAdmin, None, None, None) => Some(Grant::NationalAdmin),
            (Role::AreaCoordinator, Some(area), None, None) => {
                Some(Grant::AreaCoordinator { area })
            }
            (Role::Issuer, Some(area), Some(point), None) => Some(Grant::Issuer { area, point }),
            (Role::VenueStaff, Some(area), None, Some(venue)) => {
                Some(Grant::VenueStaff { area, venue })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_auth_3_grant_parts_round_trip() {
        let grants = [
            Grant::NationalAdmin,
            Grant::AreaCoordinator { area: 1 },
            Grant::Issuer { area: 1, point: 2 },
            Grant::VenueStaff { area: 1, venue: 3 },
        ];
        for g in grants {
            assert_eq!(
                Grant::from_parts(g.role(), g.area(), g.point(), g.venue()),
                Some(g)
            );
            assert_eq!(g.role().as_ref().parse::<Role>().ok(), Some(g.role()));
        }
        assert_eq!(
            Grant::from_parts(Role::VenueStaff, Some(1), None, None),
            None
        );
        assert_eq!(
            Grant::from_parts(Role::NationalAdmin, Some(1), None, None),
            None
        );
    }
}
