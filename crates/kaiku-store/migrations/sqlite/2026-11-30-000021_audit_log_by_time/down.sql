DROP INDEX audit_log_area_at;
DROP INDEX audit_log_at;
