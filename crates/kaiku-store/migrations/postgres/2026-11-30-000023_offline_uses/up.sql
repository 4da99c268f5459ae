-- Uses recorded by a box office while it had no connection (R-OFF-3): the
-- device's random id makes a use sent twice count once; the outcome says
-- whether it went in as it was (recorded), past the cap (over_cap) or waits
-- for the venue or the coordinator to keep or cancel it (disputed).
CREATE TABLE offline_uses (
    id BIGSERIAL PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    offline_id TEXT NOT NULL,
    device TEXT NOT NULL,
    item_id BIGINT NOT NULL REFERENCES items (id),
    card_code TEXT NOT NULL,
    adults INTEGER NOT NULL,
    children INTEGER NOT NULL,
    members TEXT NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL,
    reasons TEXT NOT NULL,
    use_key TEXT,
    settlement TEXT,
    settled_at TIMESTAMP,
    settled_by BIGINT REFERENCES accounts (id)
);
CREATE UNIQUE INDEX offline_uses_device_id ON offline_uses (venue_id, offline_id);
CREATE INDEX offline_uses_area ON offline_uses (area_id, outcome, settlement);
-- Tickets of an offline use say so, for reports that tell them apart.
ALTER TABLE tickets ADD COLUMN offline_mark TEXT;
-- The few tickets recorded offline, found without reading every ticket of
-- an area's year.
CREATE INDEX tickets_offline ON tickets (area_id, used_on) WHERE offline_mark IS NOT NULL;
