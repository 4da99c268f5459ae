-- R-REP-5: the small-count threshold is national policy data, versioned
-- with the cap table.
ALTER TABLE cap_policies ADD COLUMN suppression_threshold INTEGER NOT NULL DEFAULT 5;
