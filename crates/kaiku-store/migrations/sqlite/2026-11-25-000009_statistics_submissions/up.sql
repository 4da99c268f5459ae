-- R-REP-3, R-REP-4: an area submits its annual statistics to the national
-- service; the figures are kept as submitted (a snapshot), so national
-- statistics do not change when records are later anonymised or corrected.
CREATE TABLE statistics_submissions (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    submitted_by TEXT NOT NULL,
    content TEXT NOT NULL,
    UNIQUE (area_id, year, version)
);
