-- The platform's tables (the same as SQLite's; `seq` orders submissions by arrival).
CREATE TABLE submissions (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    idempotency_key TEXT PRIMARY KEY,
    body_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    tracking_number TEXT UNIQUE,
    kiosk_id TEXT,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    response TEXT NOT NULL,
    replays INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE timeline (
    tracking_number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (tracking_number, seq)
);
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    data BYTEA NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE heartbeats (
    kiosk_id TEXT PRIMARY KEY,
    last TEXT NOT NULL,
    received_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
-- No primary key: an appointment without a tracking number books a place too.
CREATE TABLE bookings (
    department_id TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    tracking_number TEXT,
    UNIQUE (department_id, slot_start, tracking_number)
);
CREATE INDEX bookings_slot ON bookings (department_id, slot_start);
CREATE TABLE catalog_versions (
    version INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
