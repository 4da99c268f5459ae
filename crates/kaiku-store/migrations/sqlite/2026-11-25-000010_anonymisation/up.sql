-- R-PRIV-3: long-expired cards are anonymised: the code replaced by a random
-- id, the birth year by its age group, the postal code by its postal area.
ALTER TABLE cards ADD COLUMN anonymised BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE card_events ADD COLUMN age_group TEXT;
