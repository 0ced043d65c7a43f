-- The console's staff accounts, sign-in sessions, follow-ups of ratings and complaints,
-- and staff-call acknowledgements (central/console/accounts.py). IF NOT EXISTS: the
-- console created these itself before they became a migration, so a database from
-- then may have them already.
CREATE TABLE IF NOT EXISTS console_staff (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_sessions (
    token_sha256 TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_follow_ups (
    record_key TEXT NOT NULL,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (record_key, at, username)
);
CREATE TABLE IF NOT EXISTS console_staff_call_acks (
    call_id TEXT PRIMARY KEY,
    kiosk_id TEXT,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
