-- Accounts have a home (R-AUTH-5): an area, or the national service (NULL).
-- Existing accounts get the one area of their grants; an account with a
-- national_admin grant, grants in several areas or none at all becomes
-- national, so that only national admins manage it.
-- An account whose password someone else set must change it first.
ALTER TABLE accounts ADD COLUMN home_area_id BIGINT REFERENCES areas (id);
ALTER TABLE accounts ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT 0;

UPDATE accounts SET home_area_id = (
    SELECT MIN(g.area_id) FROM grants g WHERE g.account_id = accounts.id
)
WHERE NOT EXISTS (
    SELECT 1 FROM grants g
    WHERE g.account_id = accounts.id AND (g.area_id IS NULL OR g.role = 'national_admin')
)
AND (SELECT COUNT(DISTINCT g.area_id) FROM grants g WHERE g.account_id = accounts.id) = 1;

CREATE INDEX accounts_home ON accounts (home_area_id);
