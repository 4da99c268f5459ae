-- R-REP-5: what readers outside an area were shown of a year's statistics,
-- in the order it was published: each submitted version of an area's year
-- (area_id and submission_id set) and each state of the national table
-- (area_id null; sources lists the submissions it sums). forms holds the
-- form of every count (a number, "<5" or hidden); a release is never
-- changed, and every later one is protected against all before it.
CREATE TABLE statistics_releases (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    area_id BIGINT REFERENCES areas (id),
    submission_id BIGINT REFERENCES statistics_submissions (id),
    sources TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    forms TEXT NOT NULL,
    released_at TIMESTAMP NOT NULL,
    UNIQUE (year, seq),
    UNIQUE (submission_id)
);
