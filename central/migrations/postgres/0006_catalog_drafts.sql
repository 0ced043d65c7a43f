-- The console's catalog editor (central/console/drafts.py). Edits go to one shared
-- draft (a whole catalog document, the version in force it was started from, who
-- last changed it, when) until an administrator reviews and publishes it.
CREATE TABLE console_catalog_draft (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    username TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Every publication from the console, for the audit page: the stored version number,
-- the catalog's own version, who, when, and which services were added, changed or
-- withdrawn (JSON {"added": [...], "changed": [...], "removed": [...]}).
CREATE TABLE console_catalog_publications (
    version INTEGER PRIMARY KEY,
    catalog_version TEXT NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    changes TEXT NOT NULL
);
