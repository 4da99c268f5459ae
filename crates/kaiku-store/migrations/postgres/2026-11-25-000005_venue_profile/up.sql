-- A venue's named ticket agency (§8.1) and its municipality (catalogue filter).
ALTER TABLE venues ADD COLUMN ticket_agency TEXT;
ALTER TABLE venues ADD COLUMN municipality_code TEXT;
