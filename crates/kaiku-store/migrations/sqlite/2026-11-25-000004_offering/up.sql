-- Offering: national cap policy versions and the venues' items (SPEC §5).

CREATE TABLE cap_policies (
    id INTEGER PRIMARY KEY,
    effective_from DATE NOT NULL UNIQUE,
    default_percent INTEGER NOT NULL,
    small_max_capacity INTEGER NOT NULL,
    small_min_cap INTEGER NOT NULL,
    very_small_max_capacity INTEGER,
    large_min_capacity INTEGER NOT NULL,
    large_min_cap INTEGER NOT NULL,
    swimming_min_cap INTEGER,
    guest_min_cap INTEGER NOT NULL,
    guest_max_cap INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The model of 17 September 2019, both trial rules in force.
INSERT INTO cap_policies (effective_from, default_percent, small_max_capacity, small_min_cap,
    very_small_max_capacity, large_min_capacity, large_min_cap, swimming_min_cap,
    guest_min_cap, guest_max_cap, created_at)
VALUES ('2019-09-17', 5, 50, 2, 10, 1000, 20, 20, 2, 10, '2026-11-25 00:00:00');

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    capacity INTEGER NOT NULL,
    class TEXT NOT NULL,
    cap INTEGER,
    booking_opens_days_before INTEGER,
    redeem_opens_minutes_before INTEGER,
    sold_out BOOLEAN NOT NULL DEFAULT FALSE,
    excluded BOOLEAN NOT NULL DEFAULT FALSE,
    exclusion_reason TEXT,
    series_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX items_venue ON items (venue_id, starts_at);
CREATE INDEX items_area ON items (area_id, starts_at);
