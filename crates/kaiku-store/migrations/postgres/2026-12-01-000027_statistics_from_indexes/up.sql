-- An area's statistics read its grants and its uses of a period from
-- indexes alone, which keep an area's rows together where the tables keep
-- them in the order they were written, interleaved with every other area's:
-- the grants with the background given then (and which cards were valid,
-- and the grants by point for the first pages), and the uses summed by
-- venue and day in the index's own order, without sorting every ticket of
-- the year.
DROP INDEX card_events_area;
CREATE INDEX card_events_area ON card_events (area_id, grant_date, valid_until, event, card_id,
    distribution_point_id, kind, birth_year, age_group, gender, mother_tongue, postal_code,
    life_situations);
DROP INDEX tickets_area_day;
CREATE INDEX tickets_area_day ON tickets (area_id, used_on, venue_id, status, adults, children);
-- Well-being answers are voluntary: the grants that have them, found
-- without reading those that have not.
CREATE INDEX card_events_wellbeing ON card_events (area_id, grant_date) WHERE wellbeing IS NOT NULL;
