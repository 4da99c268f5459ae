ALTER TABLE venues DROP COLUMN restrictions_en;
ALTER TABLE venues DROP COLUMN restrictions_sv;
ALTER TABLE venues DROP COLUMN accessibility_en;
ALTER TABLE venues DROP COLUMN accessibility_sv;
ALTER TABLE areas DROP COLUMN name_sv;
