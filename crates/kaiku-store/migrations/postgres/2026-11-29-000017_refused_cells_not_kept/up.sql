-- R-PRIV-5: a refused spreadsheet cell is never kept. The refused rows of
-- sheets uploaded before the rule held every cell as typed; they go (the
-- preview's verdicts, row numbers and reasons stay with the import).
UPDATE imports SET refused_rows = '' WHERE refused_rows <> '';
