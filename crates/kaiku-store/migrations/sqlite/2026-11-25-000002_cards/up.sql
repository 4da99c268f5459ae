-- Cards: printed stock, its allocation to distribution points, and every
-- issue, renewal and voiding with the background data of that moment.
-- No column holds a name, identity code, birth date or address (R-CARD-5).

CREATE TABLE card_series (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    prefix TEXT NOT NULL,
    first_number BIGINT NOT NULL,
    last_number BIGINT NOT NULL,
    width INTEGER,
    check_kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX card_series_area ON card_series (area_id);

CREATE TABLE card_allocations (
    id INTEGER PRIMARY KEY,
    series_id BIGINT NOT NULL REFERENCES card_series (id),
    distribution_point_id BIGINT NOT NULL REFERENCES distribution_points (id),
    first_number BIGINT NOT NULL,
    last_number BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX card_allocations_series ON card_allocations (series_id);

CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    series_id BIGINT NOT NULL REFERENCES card_series (id),
    number BIGINT NOT NULL,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    allocated_point_id BIGINT REFERENCES distribution_points (id),
    status TEXT NOT NULL,
    kind TEXT,
    holder_point_id BIGINT REFERENCES distribution_points (id),
    grant_date DATE,
    valid_until DATE,
    minor_children INTEGER,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX cards_series ON cards (series_id, number);
CREATE INDEX cards_area ON cards (area_id, status);
CREATE INDEX cards_holder ON cards (holder_point_id, updated_at);
CREATE INDEX cards_allocated ON cards (allocated_point_id);

CREATE TABLE card_events (
    id INTEGER PRIMARY KEY,
    card_id BIGINT NOT NULL REFERENCES cards (id),
    event TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    account_id BIGINT,
    distribution_point_id BIGINT,
    area_id BIGINT NOT NULL,
    kind TEXT,
    grant_date DATE,
    valid_until DATE,
    birth_year INTEGER,
    mother_tongue TEXT,
    gender TEXT,
    postal_code TEXT,
    minor_children INTEGER,
    life_situations TEXT,
    void_reason TEXT,
    void_note TEXT
);
CREATE INDEX card_events_card ON card_events (card_id, id);
CREATE INDEX card_events_area ON card_events (area_id, grant_date);
