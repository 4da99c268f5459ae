-- Texts in the reader's language: an area's name in Swedish (Österbotten
-- beside Pohjanmaa), and a venue's accessibility and restriction texts in
-- Swedish and English beside the Finnish ones.
ALTER TABLE areas ADD COLUMN name_sv TEXT;
ALTER TABLE venues ADD COLUMN accessibility_sv TEXT;
ALTER TABLE venues ADD COLUMN accessibility_en TEXT;
ALTER TABLE venues ADD COLUMN restrictions_sv TEXT;
ALTER TABLE venues ADD COLUMN restrictions_en TEXT;
