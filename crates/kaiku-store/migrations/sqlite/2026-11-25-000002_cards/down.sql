DROP TABLE card_events;
DROP TABLE cards;
DROP TABLE card_allocations;
DROP TABLE card_series;
