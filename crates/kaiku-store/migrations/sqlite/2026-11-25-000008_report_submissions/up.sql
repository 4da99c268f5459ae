-- R-REP-2: a venue submits its usage report for a period to its coordinator.
-- A submission is frozen: its rows are kept as they were; a correction is a
-- new version of the same period.
CREATE TABLE report_submissions (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    area_id BIGINT NOT NULL REFERENCES areas (id),
    period_from DATE NOT NULL,
    period_to DATE NOT NULL,
    version INTEGER NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    submitted_by TEXT NOT NULL,
    adults INTEGER NOT NULL,
    children INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    content TEXT NOT NULL,
    UNIQUE (venue_id, period_from, period_to, version)
);
CREATE INDEX report_submissions_area ON report_submissions (area_id, period_from);
