-- Foundation: organisation structure, staff accounts, sessions, tokens, audit.
-- Keep in step with ../../postgres/ (a test runs both from empty).
-- No column here may hold a card holder's name, identity code, birth date,
-- address, phone or e-mail (R-CARD-5); venue contacts are staff data.

CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    trial_ends DATE,
    local_only BOOLEAN NOT NULL DEFAULT 0,
    municipality_codes TEXT NOT NULL DEFAULT '',
    brochure_languages TEXT NOT NULL DEFAULT 'fi',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE distribution_points (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (area_id, name)
);

CREATE TABLE venues (
    id INTEGER PRIMARY KEY,
    area_id BIGINT NOT NULL REFERENCES areas (id),
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    address TEXT,
    website TEXT,
    accessibility TEXT,
    sales_channels TEXT NOT NULL DEFAULT 'box_office',
    restrictions TEXT,
    free_cloakroom BOOLEAN NOT NULL DEFAULT 1,
    contact_name TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (area_id, name)
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP NOT NULL
);

CREATE TABLE grants (
    id INTEGER PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    role TEXT NOT NULL,
    area_id BIGINT REFERENCES areas (id),
    distribution_point_id BIGINT REFERENCES distribution_points (id),
    venue_id BIGINT REFERENCES venues (id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX grants_once ON grants (
    account_id, role, COALESCE(area_id, 0), COALESCE(distribution_point_id, 0), COALESCE(venue_id, 0)
);
CREATE INDEX grants_area ON grants (area_id);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    venue_id BIGINT NOT NULL REFERENCES venues (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES accounts (id),
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

-- R-AUTH-4: append-only, enforced by the database itself.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    account_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id BIGINT,
    area_id BIGINT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_area ON audit_log (area_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
