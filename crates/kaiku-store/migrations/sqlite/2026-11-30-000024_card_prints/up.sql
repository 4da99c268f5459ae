-- Printing a range of a series as a PDF of cards (R-CARD-10): a job that
-- runs in the background and keeps its progress here, so that any server
-- of the register can answer for it and the page may be closed meanwhile.
-- The finished PDF is kept with the job; one with holder keys only until
-- it is downloaded (the keys are kept nowhere else but as hashes).
CREATE TABLE card_prints (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES card_series (id),
    area_id INTEGER NOT NULL REFERENCES areas (id),
    first_number INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    holder_keys BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    replaced_keys INTEGER NOT NULL,
    created_by INTEGER REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    downloaded_at TIMESTAMP,
    pdf BLOB
);
CREATE INDEX card_prints_series ON card_prints (series_id, id);
-- A card's holder key (R-HOLD-1), printed once and kept only as a slow
-- hash: with it and the card's code the holder opens their own page.
CREATE TABLE holder_keys (
    card_id INTEGER PRIMARY KEY REFERENCES cards (id),
    key_hash TEXT NOT NULL,
    print_id INTEGER NOT NULL REFERENCES card_prints (id),
    printed_at TIMESTAMP NOT NULL
);
