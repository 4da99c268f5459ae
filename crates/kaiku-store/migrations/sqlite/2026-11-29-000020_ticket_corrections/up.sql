-- Why a use of a settled period (its day over, or its report submitted) was
-- cancelled or recorded: the reason given for the correction.
ALTER TABLE tickets ADD COLUMN correction TEXT;
