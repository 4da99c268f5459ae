ALTER TABLE venues DROP COLUMN municipality_code;
ALTER TABLE venues DROP COLUMN ticket_agency;
