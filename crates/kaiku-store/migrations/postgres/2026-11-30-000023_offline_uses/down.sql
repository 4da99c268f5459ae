DROP INDEX tickets_offline;
ALTER TABLE tickets DROP COLUMN offline_mark;
DROP TABLE offline_uses;
