-- The audit log is read newest first by time, so that a reader who sees
-- only part of it pages without entry ids (whose gaps would count the
-- entries it may not see).
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_area_at ON audit_log (area_id, at, id);
