DROP INDEX accounts_home;
ALTER TABLE accounts DROP COLUMN password_change_required;
ALTER TABLE accounts DROP COLUMN home_area_id;
