-- The national well-being questions (R-WELL-1): policy data with effective
-- dates, each on one of kaiku's fixed scales, worded in three languages.
CREATE TABLE wellbeing_questions (
    id INTEGER PRIMARY KEY,
    scale TEXT NOT NULL,
    text_fi TEXT NOT NULL,
    text_sv TEXT NOT NULL,
    text_en TEXT NOT NULL,
    effective_from DATE NOT NULL,
    effective_to DATE,
    position INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
-- The answers given at an issue or a renewal, kept with that grant as
-- codes of the question's scale ("3:weekly,4:no_answer"), never free text.
ALTER TABLE card_events ADD COLUMN wellbeing TEXT;
