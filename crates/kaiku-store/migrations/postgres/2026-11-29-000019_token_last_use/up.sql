-- When each venue token was last used, shown beside who made it.
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMP;
