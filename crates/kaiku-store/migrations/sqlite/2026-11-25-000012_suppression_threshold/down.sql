ALTER TABLE cap_policies DROP COLUMN suppression_threshold;
