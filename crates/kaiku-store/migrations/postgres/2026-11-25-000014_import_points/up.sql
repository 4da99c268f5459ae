-- Transfer forms come in for a distribution point, as usage sheets do for a
-- venue; the refused rows are kept (identity-code cells blanked, identifying
-- columns never read) so that they can be downloaded, fixed and sent again.
ALTER TABLE imports ADD COLUMN point_id BIGINT REFERENCES distribution_points (id);
ALTER TABLE imports ADD COLUMN refused_rows TEXT NOT NULL DEFAULT '';
