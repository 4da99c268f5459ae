DROP INDEX card_events_wellbeing;
DROP INDEX tickets_area_day;
CREATE INDEX tickets_area_day ON tickets (area_id, used_on, status, venue_id, adults, children);
DROP INDEX card_events_area;
CREATE INDEX card_events_area ON card_events (area_id, grant_date);
