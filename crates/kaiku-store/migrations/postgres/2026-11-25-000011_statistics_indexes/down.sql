DROP INDEX tickets_card_day;
DROP INDEX tickets_area_day;
