//! Issued cards for the demo: varied background data, some expired, a few
//! community cards and a few voided ones.

use super::{Dice, Op};
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use kaiku_core::background::LIFE_SITUATIONS;
use kaiku_core::code::Series;
use kaiku_core::validity::valid_until;
use kaiku_store::cards::{self, NewEvent};
use kaiku_store::{DbConn, StoreError, now};

/// Issues the numbered cards of a series with varied background data: grant
/// dates over the last two years (so some have expired), a few community
/// cards and a few voided ones, and answers to the well-being question
/// where it was asked.
pub(super) fn issue_demo_cards(
    c: &mut DbConn,
    op: &Op,
    area: i64,
    trial: Option<NaiveDate>,
    point: i64,
    series: &Series,
    numbers: std::ops::RangeInclusive<i64>,
) -> Result<(), StoreError> {
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15 ^ (area as u64) << 7 ^ (point as u64));
    let today = chrono::Utc::now().date_naive();
    let question = kaiku_store::wellbeing::list(c)?.into_iter().next();
    for n in numbers {
        let code = series.code(n);
        let Some(card) = cards::lookup(c, &op.lookup, &code)? else {
            continue;
        };
        let grant = today - chrono::Duration::days(dice.next(720) as i64);
        let community = dice.next(40) == 0;
        let until = valid_until(grant, trial);
        let children = if community {
            None
        } else {
            Some([0, 0, 0, 1, 1, 2, 3, 4][dice.next(8)])
        };
        let g = cards::Grant {
            kind: if community {
                kaiku_core::card::Kind::Community
            } else {
                kaiku_core::card::Kind::Personal
            },
            point,
            grant_date: grant,
            valid_until: until,
            minor_children: children,
        };
        let mut situations: Vec<&str> = (0..1 + dice.next(2))
            .map(|_| dice.pick(&LIFE_SITUATIONS[..12]))
            .collect();
        situations.sort_by_key(|s| LIFE_SITUATIONS.iter().position(|l| l == s));
        situations.dedup();
        let postal = [
            "80100",
            "80110",
            "80200",
            "80230",
            "81700",
            "82500",
            "83500",
            "no_permanent_address",
            "not_stated",
        ];
        let mut event = NewEvent {
            card_id: card.id,
            event: kaiku_core::card::Event::Issued,
            at: now(),
            distribution_point_id: Some(point),
            area_id: area,
            kind: Some(g.kind),
            grant_date: Some(grant),
            valid_until: Some(until),
            ..Default::default()
        };
        if !community {
            event.birth_year = Some(today.year() - 17 - dice.next(70) as i32);
            event.mother_tongue = Some(
                dice.pick(
                    &[
                        "fi",
                        "fi",
                        "fi",
                        "fi",
                        "sv",
                        "ru",
                        "ar",
                        "so",
                        "et",
                        "uk",
                        "fa",
                        "not_stated",
                    ][..],
                )
                .into(),
            );
            event.gender = Some(
                dice.pick(&["woman", "woman", "man", "man", "other", "not_stated"][..])
                    .into(),
            );
            event.postal_code = Some(dice.pick(&postal).into());
            event.minor_children = children;
            event.life_situations = Some(situations.join(","));
            if let Some(q) = question.as_ref().filter(|q| q.effective_from <= grant) {
                let mut answers = q.scale.options().to_vec();
                answers.push(kaiku_core::wellbeing::NO_ANSWER);
                event.wellbeing = Some(format!("{}:{}", q.id, dice.pick(&answers[..])));
            }
        }
        cards::issue(c, &op.issuing, card.id, &g, &event, now())?;
        // A third of the cards whose year ran out long enough ago were
        // renewed, the holder asked the questions again: the statistics
        // show how the answers moved.
        let renewed_on = until + chrono::Duration::days(dice.next(40) as i64);
        if !community && renewed_on < today && dice.next(3) == 0 {
            let again = cards::Grant {
                kind: g.kind,
                point,
                grant_date: renewed_on,
                valid_until: valid_until(renewed_on, trial),
                minor_children: g.minor_children,
            };
            let mut renewal = NewEvent {
                event: kaiku_core::card::Event::Renewed,
                grant_date: Some(renewed_on),
                valid_until: Some(again.valid_until),
                ..event.clone()
            };
            if let Some(q) = question.as_ref().filter(|q| q.effective_from <= renewed_on) {
                let options = q.scale.options();
                let before = event
                    .wellbeing
                    .as_deref()
                    .map(kaiku_core::wellbeing::decode)
                    .and_then(|a| a.get(&q.id).cloned())
                    .and_then(|a| options.iter().position(|o| *o == a));
                // Mostly a step up or the same, sometimes down.
                let step = [1, 1, 0, 0, -1][dice.next(5)];
                let now_at = match before {
                    Some(i) => {
                        options[(i as i64 + step).clamp(0, options.len() as i64 - 1) as usize]
                    }
                    None => dice.pick(options),
                };
                renewal.wellbeing = Some(format!("{}:{now_at}", q.id));
            }
            cards::renew(
                c,
                &op.issuing,
                card.id,
                Some(until),
                &again,
                &renewal,
                now(),
            )?;
            continue;
        }
        if dice.next(30) == 0 {
            let voided = NewEvent {
                card_id: card.id,
                event: kaiku_core::card::Event::Voided,
                at: now(),
                area_id: area,
                void_reason: Some(dice.pick(&["lost", "destroyed", "returned"][..]).into()),
                ..Default::default()
            };
            cards::void(c, &op.records, &code, &voided, now())?;
        }
    }
    Ok(())
}
