DROP INDEX tickets_item;
ALTER TABLE idempotency_keys DROP COLUMN fingerprint;
DELETE FROM cap_policies WHERE effective_from = '2022-01-01';
ALTER TABLE cap_policies DROP COLUMN child_age_under;
