-- Tickets recorded with a card (SPEC §6). The item keeps a counter of its
-- Kaikukortti tickets so that the cap is checked and taken in one statement
-- (R-USE-4): UPDATE ... WHERE cap IS NULL OR kaiku_used + n <= cap.

ALTER TABLE items ADD COLUMN kaiku_used INTEGER NOT NULL DEFAULT 0;

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES items (id),
    card_id BIGINT NOT NULL REFERENCES cards (id),
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    use_key TEXT NOT NULL,
    adults INTEGER NOT NULL,
    children INTEGER NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    backlog BOOLEAN NOT NULL DEFAULT FALSE,
    used_on DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    redeemed_at TIMESTAMP,
    cancelled_at TIMESTAMP
);
-- R-USE-3: one live holder ticket per card and item.
CREATE UNIQUE INDEX tickets_one_per_card_and_item ON tickets (item_id, card_id) WHERE status <> 'cancelled';
CREATE INDEX tickets_venue_day ON tickets (venue_id, used_on);
CREATE INDEX tickets_use ON tickets (use_key);

-- R-USE-9: the first answer to a request, kept under its idempotency key.
CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    response TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
