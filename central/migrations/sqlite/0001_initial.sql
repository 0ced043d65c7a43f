-- The platform's tables as the first release made them (PostgreSQL's 0001 is the same
-- with its own types; SQLite orders submissions by rowid).
CREATE TABLE submissions (
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
    data BLOB NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE heartbeats (
    kiosk_id TEXT PRIMARY KEY,
    last TEXT NOT NULL,
    received_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE bookings (
    department_id TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    tracking_number TEXT,
    PRIMARY KEY (department_id, slot_start, tracking_number)
);
CREATE TABLE catalog_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
