-- Spreadsheets in (issue 7): an upload is checked into a preview first; only
-- a confirmation writes its rows, all in one transaction.
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    venue_id BIGINT REFERENCES venues (id),
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    accepted INTEGER NOT NULL,
    refused INTEGER NOT NULL,
    content TEXT NOT NULL
);
