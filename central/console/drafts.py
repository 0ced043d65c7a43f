"""The catalog editor's shared draft and the record of every console publication.

Kept in the platform's database (tables of migration 0006_catalog_drafts), so several
platform processes on one PostgreSQL see the same draft. There is one draft: the
catalog as the administrators are changing it, with the version in force it started
from (publishing refuses a draft whose base is no longer the version in force).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from central.sql import Database


@dataclass(frozen=True, slots=True)
class Draft:
    """The catalog being edited."""

    doc: dict[str, Any]
    base_version: int  # the stored version in force when the draft was started
    username: str  # who changed it last
    updated_at: str

    @property
    def stamp(self) -> str:
        """This draft's fingerprint: the review page sends it with 发布, so what is
        published is what was reviewed (another administrator may change the draft
        meanwhile)."""
        body = json.dumps(self.doc, ensure_ascii=False, sort_keys=True)
        text = f"{self.base_version}\n{self.username}\n{self.updated_at}\n{body}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Publication:
    """One catalog version published from the console (for the audit page)."""

    version: int
    catalog_version: str
    username: str
    at: str
    added: list[str]
    changed: list[str]
    removed: list[str]


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="seconds")


class CatalogDrafts:
    """The draft and the publication record, in the platform's database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def draft(self) -> Draft | None:
        """The draft, or None when nobody is editing."""
        with self._db.read() as db:
            row = db.execute(
                "SELECT body, base_version, username, updated_at FROM console_catalog_draft"
                " WHERE id = 1"
            ).fetchone()
        return None if row is None else Draft(json.loads(row[0]), int(row[1]), row[2], row[3])

    def save_draft(
        self, doc: dict[str, Any], base_version: int, username: str, now: dt.datetime
    ) -> None:
        """Keep ``doc`` as the draft (replacing the one before)."""
        body = json.dumps(doc, ensure_ascii=False)
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_catalog_draft VALUES (1, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET body = excluded.body,"
                " base_version = excluded.base_version, username = excluded.username,"
                " updated_at = excluded.updated_at",
                (body, base_version, username, _iso(now)),
            )

    def claim(self, stamp: str) -> Draft | None:
        """Take the draft out for publishing, if it is still the one fingerprinted
        ``stamp``: read, compared and deleted in one write transaction, so when two
        administrators press 发布 on it at once (on any platform process) exactly one
        gets it; the other gets None. :meth:`restore` puts it back if publishing fails."""
        with self._db.tx() as db:
            row = db.execute(
                "SELECT body, base_version, username, updated_at FROM console_catalog_draft"
                " WHERE id = 1"
            ).fetchone()
            if row is None:
                return None
            draft = Draft(json.loads(row[0]), int(row[1]), row[2], row[3])
            if not hmac.compare_digest(draft.stamp, stamp):
                return None
            db.execute("DELETE FROM console_catalog_draft WHERE id = 1")
        return draft

    def restore(self, draft: Draft) -> None:
        """Put back a claimed draft whose publication failed (unless someone has started
        a new draft meanwhile: theirs is newer)."""
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_catalog_draft VALUES (1, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (
                    json.dumps(draft.doc, ensure_ascii=False),
                    draft.base_version,
                    draft.username,
                    draft.updated_at,
                ),
            )

    def discard(self) -> None:
        """Drop the draft."""
        with self._db.tx() as db:
            db.execute("DELETE FROM console_catalog_draft WHERE id = 1")

    def record(
        self,
        version: int,
        catalog_version: str,
        username: str,
        now: dt.datetime,
        changes: dict[str, list[str]],
        stamp: str = "",
    ) -> None:
        """Record a publication (its draft, fingerprinted ``stamp``, was taken out by
        :meth:`claim`; the fingerprint is kept with the changes for :meth:`was_published`)."""
        with self._db.tx() as db:
            db.execute(
                "INSERT INTO console_catalog_publications VALUES (?, ?, ?, ?, ?)",
                (
                    version,
                    catalog_version,
                    username,
                    _iso(now),
                    json.dumps({**changes, "draft": stamp}),
                ),
            )

    def was_published(self, stamp: str) -> bool:
        """Whether the draft fingerprinted ``stamp`` is among the latest publications
        (its 发布 pressed twice, or by two administrators at once)."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT changes FROM console_catalog_publications ORDER BY version DESC LIMIT 20"
            ).fetchall()
        return any(hmac.compare_digest(json.loads(r[0]).get("draft", ""), stamp) for r in rows)

    def publications(self) -> list[Publication]:
        """Every console publication, newest first."""
        with self._db.read() as db:
            rows = db.execute(
                "SELECT version, catalog_version, username, at, changes"
                " FROM console_catalog_publications ORDER BY version DESC"
            ).fetchall()
        out = []
        for version, own, username, at, changes in rows:
            c = json.loads(changes)
            out.append(
                Publication(
                    int(version),
                    own,
                    username,
                    at,
                    list(c.get("added", [])),
                    list(c.get("changed", [])),
                    list(c.get("removed", [])),
                )
            )
        return out
