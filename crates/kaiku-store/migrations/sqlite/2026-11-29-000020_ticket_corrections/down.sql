ALTER TABLE tickets DROP COLUMN correction;
