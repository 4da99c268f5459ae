DROP TABLE holder_keys;
DROP TABLE card_prints;
