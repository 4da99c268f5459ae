//! R-PRIV-3: anonymising the records of long-expired cards, in one
//! transaction: the code becomes a random id, the birth year its age group,
//! the postal code its postal area. Uses keep pointing at the card (by id),
//! so every statistic at the level of detail it is published at stays the
//! same; submitted statistics are stored snapshots and are not touched.

use crate::schema::{card_events as ev, cards, report_submissions as rs};
use crate::{DbConn, Result};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::background::{age_group, postal_area};
use kaiku_core::policy::NationalScope;
use rand::Rng;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub cards: i64,
    pub events: i64,
}

/// Cards issued (or voided) whose last validity ended before `before` and
/// that are not anonymised yet.
fn candidates(conn: &mut DbConn, before: NaiveDate) -> Result<Vec<(Id, String)>> {
    Ok(cards::table
        .filter(cards::valid_until.lt(before))
        .filter(cards::status.ne(kaiku_core::card::Status::InStock))
        .filter(cards::anonymised.eq(false))
        .select((cards::id, cards::code))
        .order(cards::id)
        .load(conn)?)
}

/// How many cards and history entries an anonymisation would change.
pub fn dry_run(conn: &mut DbConn, _: &NationalScope, before: NaiveDate) -> Result<Counts> {
    let ids: Vec<Id> = candidates(conn, before)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut events = 0;
    for chunk in ids.chunks(500) {
        events += ev::table
            .filter(ev::card_id.eq_any(chunk))
            .count()
            .get_result::<i64>(conn)?;
    }
    Ok(Counts {
        cards: ids.len() as i64,
        events,
    })
}

/// A code no printed card has: `Z` and fifteen random letters and digits.
fn random_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    std::iter::once('Z')
        .chain((0..15).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char))
        .collect()
}

/// An entry of a card's history as anonymisation coarsens it: id, birth
/// year, grant date, postal code.
type HistoryRow = (Id, Option<i32>, Option<NaiveDate>, Option<String>);

/// Anonymises every candidate; the caller runs it in one write transaction.
pub fn run(conn: &mut DbConn, _: &NationalScope, before: NaiveDate) -> Result<Counts> {
    let mut counts = Counts::default();
    for (id, code) in candidates(conn, before)? {
        let new_code = random_code();
        diesel::update(cards::table.find(id))
            .set((cards::code.eq(&new_code), cards::anonymised.eq(true)))
            .execute(conn)?;
        // An anonymised card has no holder: its page closes with its code.
        diesel::delete(
            crate::schema::holder_keys::table.filter(crate::schema::holder_keys::card_id.eq(id)),
        )
        .execute(conn)?;
        let events: Vec<HistoryRow> = ev::table
            .filter(ev::card_id.eq(id))
            .select((ev::id, ev::birth_year, ev::grant_date, ev::postal_code))
            .load(conn)?;
        for (event, birth, grant, postal) in events {
            let group =
                birth.map(|b| age_group(b, grant.map(|g| g.year()).unwrap_or(b)).to_string());
            diesel::update(ev::table.find(event))
                .set((
                    ev::birth_year.eq(None::<i32>),
                    ev::age_group.eq(group),
                    ev::postal_code.eq(postal.map(|p| postal_area(&p))),
                    ev::void_note.eq(None::<String>),
                ))
                .execute(conn)?;
            counts.events += 1;
        }
        // Submitted venue reports name the card by its code: the code goes
        // there too, so no copy of it is left.
        let needle = format!("\"card_code\":\"{code}\"");
        let reports: Vec<(Id, String)> = rs::table
            .filter(rs::content.like(format!("%{needle}%")))
            .select((rs::id, rs::content))
            .load(conn)?;
        for (report, content) in reports {
            diesel::update(rs::table.find(report))
                .set(
                    rs::content
                        .eq(content.replace(&needle, &format!("\"card_code\":\"{new_code}\""))),
                )
                .execute(conn)?;
        }
        counts.cards += 1;
    }
    Ok(counts)
}
