ALTER TABLE card_events DROP COLUMN age_group;
ALTER TABLE cards DROP COLUMN anonymised;
