DROP TABLE card_lookups;
