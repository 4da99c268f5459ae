-- Card codes looked up that are in no area's register, by who looked
-- (a username or token:ID), kept a day: so many in an hour pause the
-- lookups of that account, whichever process served them.
CREATE TABLE lookup_misses (
    id INTEGER PRIMARY KEY,
    caller TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX lookup_misses_caller ON lookup_misses (caller, at);
