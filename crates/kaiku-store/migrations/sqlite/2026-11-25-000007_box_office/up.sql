-- The child age limit of R-USE-2 is national policy data with an effective
-- date, kept with the cap table: under 16 in the 2019 model, under 18 in the
-- guideline in force since 2022.
ALTER TABLE cap_policies ADD COLUMN child_age_under INTEGER NOT NULL DEFAULT 18;
UPDATE cap_policies SET child_age_under = 16 WHERE effective_from < '2022-01-01';
INSERT INTO cap_policies (effective_from, default_percent, small_max_capacity, small_min_cap,
    very_small_max_capacity, large_min_capacity, large_min_cap, swimming_min_cap,
    guest_min_cap, guest_max_cap, created_at, child_age_under)
SELECT '2022-01-01', default_percent, small_max_capacity, small_min_cap,
    very_small_max_capacity, large_min_capacity, large_min_cap, swimming_min_cap,
    guest_min_cap, guest_max_cap, created_at, 18
FROM cap_policies
WHERE effective_from = (SELECT MAX(effective_from) FROM cap_policies WHERE effective_from < '2022-01-01')
  AND NOT EXISTS (SELECT 1 FROM cap_policies WHERE effective_from = '2022-01-01');

-- R-USE-9: a key sent again with a different request is refused, not replayed.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';

CREATE INDEX tickets_item ON tickets (item_id, status);
