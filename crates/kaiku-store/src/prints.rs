//! Print jobs of card stock (R-CARD-10) and the holder keys they make.
//! Every job belongs to the area of its series and is reached only through
//! that area's stock scope.

use crate::cards::SeriesRow;
use crate::schema::{card_prints, cards, holder_keys};
use crate::{DbConn, Result, StoreError};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use kaiku_core::Id;
use kaiku_core::policy::{Reach, Stock};

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = card_prints)]
pub struct PrintRow {
    pub id: Id,
    pub series_id: Id,
    pub area_id: Id,
    pub first_number: i64,
    pub last_number: i64,
    pub holder_keys: bool,
    pub status: String,
    pub done: i32,
    pub total: i32,
    pub replaced_keys: i32,
    pub created_by: Option<Id>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub downloaded_at: Option<NaiveDateTime>,
}

pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";
/// A sheet with keys whose cards were printed with new keys since: its
/// keys no longer work, so it is not given out.
pub const REPLACED: &str = "replaced";

/// What a new job prints.
pub struct NewPrint {
    pub first: i64,
    pub last: i64,
    pub holder_keys: bool,
    pub replaced_keys: i32,
    pub by: Option<Id>,
}

pub fn create(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: &SeriesRow,
    p: &NewPrint,
    now: NaiveDateTime,
) -> Result<Id> {
    if !reach.admits_area(series.area_id) {
        return Err(StoreError::NotFound);
    }
    Ok(diesel::insert_into(card_prints::table)
        .values((
            card_prints::series_id.eq(series.id),
            card_prints::area_id.eq(series.area_id),
            card_prints::first_number.eq(p.first),
            card_prints::last_number.eq(p.last),
            card_prints::holder_keys.eq(p.holder_keys),
            card_prints::status.eq(RUNNING),
            card_prints::done.eq(0),
            card_prints::total.eq((p.last - p.first + 1) as i32),
            card_prints::replaced_keys.eq(p.replaced_keys),
            card_prints::created_by.eq(p.by),
            card_prints::created_at.eq(now),
            card_prints::updated_at.eq(now),
        ))
        .returning(card_prints::id)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConn, reach: &Reach<Stock>, id: Id) -> Result<PrintRow> {
    let row = card_prints::table
        .find(id)
        .select(PrintRow::as_select())
        .get_result::<PrintRow>(conn)?;
    if reach.admits_area(row.area_id) {
        Ok(row)
    } else {
        Err(StoreError::NotFound)
    }
}

/// A series' jobs, newest first.
pub fn of_series(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: &SeriesRow,
) -> Result<Vec<PrintRow>> {
    if !reach.admits_area(series.area_id) {
        return Err(StoreError::NotFound);
    }
    Ok(card_prints::table
        .filter(card_prints::series_id.eq(series.id))
        .select(PrintRow::as_select())
        .order(card_prints::id.desc())
        .limit(20)
        .load(conn)?)
}

/// The finished PDF of a job, `None` while it runs, when it failed, or
/// when it carried holder keys and was downloaded once already: such a
/// sheet is given out once and then forgotten, the keys kept nowhere but
/// as their hashes.
pub fn take_pdf(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    id: Id,
    now: NaiveDateTime,
) -> Result<Option<Vec<u8>>> {
    let job = get(conn, reach, id)?;
    let pdf: Option<Vec<u8>> = card_prints::table
        .find(id)
        .select(card_prints::pdf)
        .get_result(conn)?;
    if pdf.is_some() {
        diesel::update(card_prints::table.find(id))
            .set(card_prints::downloaded_at.eq(Some(now)))
            .execute(conn)?;
        if job.holder_keys {
            diesel::update(card_prints::table.find(id))
                .set(card_prints::pdf.eq(None::<Vec<u8>>))
                .execute(conn)?;
        }
    }
    Ok(pdf)
}

/// Whether a job's PDF is there to be taken (for a HEAD request, which
/// must not use up a sheet with keys).
pub fn has_pdf(conn: &mut DbConn, reach: &Reach<Stock>, id: Id) -> Result<bool> {
    get(conn, reach, id)?;
    Ok(card_prints::table
        .find(id)
        .select(card_prints::pdf.is_not_null())
        .get_result(conn)?)
}

/// Sheets with holder keys that nobody downloaded within a day are
/// forgotten too.
pub fn forget_old_keyed(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize> {
    Ok(diesel::update(
        card_prints::table
            .filter(card_prints::holder_keys.eq(true))
            .filter(card_prints::pdf.is_not_null())
            .filter(card_prints::updated_at.lt(before)),
    )
    .set(card_prints::pdf.eq(None::<Vec<u8>>))
    .execute(conn)?)
}

/// How far a job has come; also tells readers that it is alive.
pub fn progress(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    id: Id,
    done: i32,
    now: NaiveDateTime,
) -> Result<()> {
    get(conn, reach, id)?;
    diesel::update(card_prints::table.find(id))
        .set((card_prints::done.eq(done), card_prints::updated_at.eq(now)))
        .execute(conn)?;
    Ok(())
}

/// Cards of a series' range, in number order, from `from` on: `(id, code)`.
pub fn cards_from(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: &SeriesRow,
    from: i64,
    last: i64,
    limit: i64,
) -> Result<Vec<(Id, i64, String)>> {
    if !reach.admits_area(series.area_id) {
        return Err(StoreError::NotFound);
    }
    Ok(cards::table
        .filter(cards::series_id.eq(series.id))
        .filter(cards::number.ge(from))
        .filter(cards::number.le(last))
        .select((cards::id, cards::number, cards::code))
        .order(cards::number)
        .limit(limit)
        .load(conn)?)
}

/// How many cards of a range have a holder key already.
pub fn keyed(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    series: &SeriesRow,
    first: i64,
    last: i64,
) -> Result<i64> {
    if !reach.admits_area(series.area_id) {
        return Err(StoreError::NotFound);
    }
    Ok(holder_keys::table
        .inner_join(cards::table)
        .filter(cards::series_id.eq(series.id))
        .filter(cards::number.ge(first))
        .filter(cards::number.le(last))
        .count()
        .get_result(conn)?)
}

/// A finished job: its PDF and, all at once, the keys it printed (a job
/// that failed half-way changes no card's key).
pub fn finish(
    conn: &mut DbConn,
    reach: &Reach<Stock>,
    id: Id,
    pdf: &[u8],
    keys: &[(Id, String)],
    now: NaiveDateTime,
) -> Result<()> {
    let job = get(conn, reach, id)?;
    if job.holder_keys {
        // Earlier sheets with keys for these cards now carry dead keys.
        diesel::update(
            card_prints::table
                .filter(card_prints::series_id.eq(job.series_id))
                .filter(card_prints::id.ne(id))
                .filter(card_prints::holder_keys.eq(true))
                .filter(card_prints::status.eq(DONE))
                .filter(card_prints::first_number.le(job.last_number))
                .filter(card_prints::last_number.ge(job.first_number)),
        )
        .set((
            card_prints::status.eq(REPLACED),
            card_prints::pdf.eq(None::<Vec<u8>>),
        ))
        .execute(conn)?;
    }
    for chunk in keys.chunks(crate::cards::CHUNK) {
        let ids: Vec<Id> = chunk.iter().map(|(c, _)| *c).collect();
        diesel::delete(holder_keys::table.filter(holder_keys::card_id.eq_any(&ids)))
            .execute(conn)?;
        let rows: Vec<_> = chunk
            .iter()
            .map(|(card, hash)| {
                (
                    holder_keys::card_id.eq(*card),
                    holder_keys::key_hash.eq(hash),
                    holder_keys::print_id.eq(id),
                    holder_keys::printed_at.eq(now),
                )
            })
            .collect();
        crate::db::insert_rows!(conn, holder_keys::table, rows);
    }
    diesel::update(card_prints::table.find(id))
        .set((
            card_prints::status.eq(DONE),
            card_prints::done.eq(job.total),
            card_prints::updated_at.eq(now),
            card_prints::pdf.eq(Some(pdf)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn fail(conn: &mut DbConn, reach: &Reach<Stock>, id: Id, now: NaiveDateTime) -> Result<()> {
    get(conn, reach, id)?;
    diesel::update(card_prints::table.find(id))
        .set((
            card_prints::status.eq(FAILED),
            card_prints::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
