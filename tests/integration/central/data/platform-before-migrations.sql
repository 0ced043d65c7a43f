-- A platform database made by the schema before numbered migrations (main at b43d357):
-- create-if-missing tables, receipt_sha256 added by ALTER TABLE, console tables made by
-- the console's own CREATE TABLE IF NOT EXISTS. Bodies sealed with the data key 5a5a…5a (tests only).
BEGIN TRANSACTION;
CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT,
    data BLOB NOT NULL,
    received_at TEXT NOT NULL
);
INSERT INTO "attachments" VALUES('0000000000000000000000000000000000000000000000000000000000000000',5,'image/jpeg',X'41455347434D3100E64DEF34BF4E6FEA31A5494BA45AFDD4F6775620CF7B209B6FF884B6778C21D27B','2026-11-24T09:30:00.000Z');
CREATE TABLE bookings (
    department_id TEXT NOT NULL,
    slot_start TEXT NOT NULL,
    tracking_number TEXT,
    PRIMARY KEY (department_id, slot_start, tracking_number)
);
INSERT INTO "bookings" VALUES('gongan.huzheng','2026-11-25T09:00','A7H3-261124-0002X');
CREATE TABLE catalog_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    body TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
INSERT INTO "catalog_versions" VALUES(1,'{"version": "2026.11", "services": []}','2026-11-24T09:30:00.000Z');
CREATE TABLE console_follow_ups (
    record_key TEXT NOT NULL,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (record_key, at, username)
);
CREATE TABLE console_sessions (
    token_sha256 TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE console_staff (
    username TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO "console_staff" VALUES('wang.hall','hall','$argon2id$v=19$m=65536,t=3,p=4$d6dcOdQFzy6i5ZUnVCdXQA$IhjkGlYbPuKHj9rN2d51/fPOes3/KT2cR9dJqdAf2Ms',0,NULL,'2026-11-24T09:30:00+00:00');
CREATE TABLE console_staff_call_acks (
    call_id TEXT PRIMARY KEY,
    kiosk_id TEXT,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE heartbeats (
    kiosk_id TEXT PRIMARY KEY,
    last TEXT NOT NULL,
    received_at TEXT NOT NULL,
    count INTEGER NOT NULL
);
INSERT INTO "heartbeats" VALUES('A7H3','{"kiosk_id": "A7H3", "version": "0.1.0"}','2026-11-24T09:30:00.000Z',1);
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
, receipt_sha256 TEXT);
INSERT INTO "submissions" VALUES('key-1','450fd6b3a23e1d0a78349f2839210dba3480b0460721b84d2be29cbebd42e829','application','A7H3-261124-0001X','A7H3','aesgcm1:N6hQ2Nm9rwgz6D/fFaBhaNH/guCn7fV0HTLqxt9/VKEifCWHSSmNfgFdjtPljpc9Cu6BTpXXVPKDd6rchsSFGyIgt2pwWM0SLsz0UnzFcY8lJ8umGGM8s+gzyhuBioTWeDibhWCxXibEn5WBoNAsvLJq57nRrK4fzd0zy79Ah+QlXzyFcV7exbbCj1tMJRo/s6vnTatJXIjP5m34R9CZmkOtJuc0Vk03s/+FGTpfNlobLGDhfDQczbM56Mom3IEFrGD9k2/OJtH4yQ0xaUdpEU2jk98GYBS2t5x1+nqWANmP7RM0K+pD7RKs7RNl9ZelllFHuWg5SoqDDLoOUkgME4OaT/8/YbLRBg8TKIukUcdW9RfprbtZQ6VeiDir2oVb18Q/qahYuzYxscyzbDG88aOvpKzzh6RUkGwgcG2Ei578bNaEkVV4pg5nRvqnXAuz3sE9YtvmKW0PvZF19RVq4w==','2026-11-24T09:30:00.000Z','{"id": "key-1", "status": "received"}',0,'abababababababababababababababababababababababababababababababab');
INSERT INTO "submissions" VALUES('key-2','9db540295dd42a9c49b8e4efd4b4872c6c28afabbfd533fb678d7c4096dc99cb','appointment','A7H3-261124-0002X','A7H3','aesgcm1:4veebq0GTCxyx7l/y9eJuU1gDYIyoCb1XBp/JldoR/w9PnLtKubgS6MKkxUje+li4+JyVk2gfYjuy5Hs6QN4kLqDcAAU4P41w173M0DEvUkX/wLd9VhOIDVdNgiRVowM0dGGwSXa2WLRZAbYEydn2sQ/eOO5xBfDgH7nzM/HkkyZyinIKfhk/9s/D8jrpMsNzOOyhXUXqFFdz52CPnjEdgoJgKRKpN94ETlIdnUbdaHOXYU3tINsHFNRIcssIA4TmFct8sgu1pRI','2026-11-24T09:30:00.000Z','{"id": "key-2", "status": "received"}',0,NULL);
CREATE TABLE timeline (
    tracking_number TEXT NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (tracking_number, seq)
);
INSERT INTO "timeline" VALUES('A7H3-261124-0001X',0,'received','2026-11-24T09:30:00.000Z','{"zh": "\u5e73\u53f0\u5df2\u6536\u5230\u7533\u8bf7", "en": "The platform received the application"}');
INSERT INTO "timeline" VALUES('A7H3-261124-0002X',0,'received','2026-11-24T09:30:00.000Z','{"zh": "\u5e73\u53f0\u5df2\u6536\u5230\u7533\u8bf7", "en": "The platform received the application"}');
INSERT INTO "timeline" VALUES('A7H3-261124-0001X',1,'accepted','2026-11-24T09:30:00.000Z','{"zh": "受理", "en": "accepted"}');
CREATE INDEX submissions_receipt ON submissions(receipt_sha256);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('catalog_versions',1);
COMMIT;
