ALTER TABLE card_events DROP COLUMN wellbeing;
DROP TABLE wellbeing_questions;
