-- Area statistics read an area's uses by day, and its cards' uses: both
-- from the index alone, without visiting the tickets themselves.
CREATE INDEX tickets_area_day ON tickets (area_id, used_on, status, venue_id, adults, children);
CREATE INDEX tickets_card_day ON tickets (card_id, used_on, status);
