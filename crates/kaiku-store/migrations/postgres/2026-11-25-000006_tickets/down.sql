DROP TABLE idempotency_keys;
DROP TABLE tickets;
ALTER TABLE items DROP COLUMN kaiku_used;
