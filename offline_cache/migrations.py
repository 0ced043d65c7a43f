"""Schema versions, applied in order and recorded in ``PRAGMA user_version``.

Never edit a released step; append a new one. Each step runs in its own
transaction together with the version bump, so a crash mid-migration leaves the
database at the previous version and the step simply runs again.
"""

from __future__ import annotations

# Step N (1-based) brings a database from version N-1 to version N.
MIGRATIONS: tuple[str, ...] = (
    # 1: the outbox.
    """
    CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY,  -- enqueue order; claims follow it
        id              TEXT    NOT NULL UNIQUE,
        kind            TEXT    NOT NULL,
        tracking_number TEXT,
        created_at      INTEGER NOT NULL,     -- µs since epoch, UTC (as all times)
        updated_at      INTEGER NOT NULL,
        state           TEXT    NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        delivered_at    INTEGER,
        key_id          TEXT,                 -- key that sealed payload
        payload         BLOB,                 -- nonce + AES-GCM ciphertext; NULL once purged
        error_key_id    TEXT,
        last_error      BLOB                  -- encrypted too: platform errors may echo fields
    );
    -- (state) is (state, seq) in a rowid table: pending records in enqueue order.
    CREATE INDEX ix_outbox_state ON outbox(state);
    CREATE INDEX ix_outbox_failed_due ON outbox(next_attempt_at) WHERE state = 'failed';
    """,
    # 2: retention bookkeeping, catalog and status caches, tracking-number sequences.
    """
    ALTER TABLE outbox ADD COLUMN purged_at INTEGER;
    CREATE INDEX ix_outbox_purgeable ON outbox(delivered_at)
        WHERE state = 'delivered' AND payload IS NOT NULL;
    CREATE TABLE catalog_cache (
        slot          INTEGER PRIMARY KEY CHECK (slot = 1),
        services_json BLOB    NOT NULL,
        etag          TEXT,
        fetched_at    INTEGER NOT NULL,
        confirmed_at  INTEGER NOT NULL
    );
    CREATE TABLE status_cache (
        tracking_number TEXT PRIMARY KEY,
        key_id          TEXT    NOT NULL,
        status_json     BLOB    NOT NULL,     -- encrypted: statuses may name the applicant
        fetched_at      INTEGER NOT NULL
    );
    CREATE TABLE sequences (
        kiosk_code TEXT    NOT NULL,
        day        TEXT    NOT NULL,          -- ISO date
        last_value INTEGER NOT NULL,
        PRIMARY KEY (kiosk_code, day)
    ) WITHOUT ROWID;
    """,
    # 3: picking due failed records from indexes alone (SQLite does not infer
    # state from a partial-index condition, so state is a column): one index by
    # due time for the usual handful, one in enqueue order for the end of an
    # outage, when thousands fall due at once and sorting them would be slow.
    """
    DROP INDEX ix_outbox_failed_due;
    CREATE INDEX ix_outbox_failed_due_v3 ON outbox(next_attempt_at, state)
        WHERE state = 'failed';
    CREATE INDEX ix_outbox_failed_seq_v3 ON outbox(seq, next_attempt_at, state)
        WHERE state = 'failed';
    """,
    # 4: payloads in a table of their own. A claim then rewrites 50 small state
    # rows (a page or two) instead of 50 rows of ~2 KB (dozens of pages), and
    # retention deletes whole payload rows. Measured here: claims ~30% faster,
    # and enqueues no slower (fewer claim pages means fewer checkpoints).
    """
    CREATE TABLE outbox_payload (
        seq     INTEGER PRIMARY KEY,          -- = outbox.seq
        key_id  TEXT NOT NULL,
        payload BLOB NOT NULL                 -- nonce + AES-GCM ciphertext
    );
    INSERT INTO outbox_payload (seq, key_id, payload)
        SELECT seq, key_id, payload FROM outbox WHERE payload IS NOT NULL;
    DROP INDEX ix_outbox_purgeable;
    ALTER TABLE outbox DROP COLUMN payload;
    ALTER TABLE outbox DROP COLUMN key_id;
    CREATE INDEX ix_outbox_purgeable_v4 ON outbox(delivered_at)
        WHERE state = 'delivered' AND purged_at IS NULL;
    """,
    # 5: records land in `enqueued` (append-only, no index) and keep their payload
    # there. The outbox's table, its two indexes and the payload table each added a
    # page to every fsynced enqueue (~1.45x a bare insert at p99); now an enqueue is
    # one INSERT into a table with no index (~1.1x). The next outbox operation adds
    # the small `outbox` rows for what was enqueued since (payload_row = its rowid),
    # in one transaction that needs no fsync of its own; payloads are never copied.
    # Rows of `enqueued` are never deleted (retention clears the payload), so rowids
    # only grow and "enqueued after the newest outbox row" is exact.
    """
    CREATE TABLE enqueued (
        id              TEXT    NOT NULL,
        kind            TEXT    NOT NULL,
        tracking_number TEXT,
        created_at      INTEGER NOT NULL,
        key_id          TEXT,                 -- NULL once purged
        payload         BLOB                  -- nonce + AES-GCM ciphertext; NULL once purged
    );
    INSERT INTO enqueued (rowid, id, kind, tracking_number, created_at, key_id, payload)
        SELECT o.seq, o.id, o.kind, o.tracking_number, o.created_at, p.key_id, p.payload
        FROM outbox AS o LEFT JOIN outbox_payload AS p ON p.seq = o.seq;
    ALTER TABLE outbox ADD COLUMN payload_row INTEGER;  -- rowid in enqueued
    UPDATE outbox SET payload_row = seq;
    DROP TABLE outbox_payload;
    """,
    # 6: this kiosk's own applications, so an offline lookup of a number it issued is
    # never "no record" once the outbox row's payload is purged. Sealed: the record
    # holds the last 4 characters of the ID number (the typed lookup's proof).
    """
    CREATE TABLE own_submissions (
        tracking_number TEXT PRIMARY KEY,
        key_id          TEXT    NOT NULL,
        record          BLOB    NOT NULL,     -- encrypted JSON (see own_submissions.py)
        submitted_at    INTEGER NOT NULL
    );
    CREATE INDEX ix_own_submissions_at ON own_submissions(submitted_at);
    """,
)

LATEST_VERSION = len(MIGRATIONS)
