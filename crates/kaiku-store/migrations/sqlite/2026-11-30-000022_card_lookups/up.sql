-- Card lookups that count against an account's budget, by who looked (a
-- username or token:ID), kept a day: codes that are in no register
-- (kind 'unknown') and another area's cards looked up at a box office
-- (kind 'outside'). Too many pause the lookups of that account, whichever
-- process served them.
CREATE TABLE card_lookups (
    id INTEGER PRIMARY KEY,
    caller TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX card_lookups_caller ON card_lookups (caller, kind, at);
