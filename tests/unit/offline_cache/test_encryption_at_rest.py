"""No identity field may appear in plain text anywhere in the SQLite files, WAL included."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordKind
from offline_cache.sqlite_caches import SqliteStatusCache
from offline_cache.sqlite_outbox import SqliteOutbox

T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)

PEOPLE = [
    {"name": "张伟", "id_number": "11010519491231002X", "address": "北京市朝阳区建国路88号"},
    {"name": "欧阳娜娜", "id_number": "440305199001011234", "phone": "13800138000"},
    {"surname": "ERIKSSON", "given_names": "ANNA MARIA", "passport": "L898902C3"},
    {"name": "Zhang Xiaoming", "id_number": "310104198807150419", "birth_date": "1988-07-15"},
]
TRACKING = "A7H3-261123-00429"


def _needles() -> list[bytes]:
    """Every identity value in each encoding a payload could plausibly use."""
    values = {v for person in PEOPLE for v in person.values()}
    needles: set[bytes] = set()
    for v in values:
        needles.add(v.encode("utf-8"))
        needles.add(v.encode("gb18030"))
        needles.add(v.encode("utf-16-le"))
        needles.add(json.dumps(v)[1:-1].encode("ascii"))  # \\uXXXX-escaped form
    return sorted(needles)


def _files(db_path: Path) -> dict[str, bytes]:
    found = {}
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(db_path) + suffix)
        if p.exists():
            found[p.name] = p.read_bytes()
    return found


def _hits(db_path: Path, needles: list[bytes]) -> list[tuple[str, bytes]]:
    return [(name, n) for name, data in _files(db_path).items() for n in needles if n in data]


def test_identity_fields_never_reach_the_database_files_in_plain_text(tmp_path: Path) -> None:
    db_path = tmp_path / "kiosk.db"
    db = Database(db_path, background_checkpoint=False)  # keep everything in the WAL
    keys = KeyRing.load_or_create(tmp_path / "outbox.key")
    outbox = SqliteOutbox(db, keys)
    statuses = SqliteStatusCache(db, keys)
    ids = []
    for i, person in enumerate(PEOPLE * 5):
        doc = {"service": "hukou", "applicant": person, "n": i}
        encodings = [
            json.dumps(doc, ensure_ascii=False).encode("utf-8"),
            json.dumps(doc).encode("ascii"),
            json.dumps(doc, ensure_ascii=False).encode("gb18030"),
        ]
        ids.append(outbox.enqueue(RecordKind.APPLICATION, encodings[i % 3], TRACKING, T0).id)
        statuses.put(f"{TRACKING}-{i}", json.dumps({"applicant": person}).encode(), T0)
    # Platform errors may echo fields back; they are stored too.
    outbox.claim(len(ids), T0)
    outbox.mark_failed(ids[0], f"422: bad id_number {PEOPLE[0]['id_number']}", T0, T0)
    outbox.mark_dead(ids[1], f"rejected: {PEOPLE[1]['name']}", T0)

    files = _files(db_path)
    assert files.get("kiosk.db-wal"), "the test must look at a non-empty WAL"
    # The search does see stored content: the tracking number is plaintext by design.
    assert TRACKING.encode() in files["kiosk.db-wal"]
    assert _hits(db_path, _needles()) == []

    db.close()  # checkpoints the WAL into the main file
    assert TRACKING.encode() in _files(db_path)["kiosk.db"]
    assert _hits(db_path, _needles()) == []


def test_purged_payload_ciphertext_is_wiped_from_the_file(tmp_path: Path) -> None:
    db_path = tmp_path / "kiosk.db"
    db = Database(db_path, background_checkpoint=False)
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "outbox.key"))
    rec = outbox.enqueue(RecordKind.APPLICATION, os.urandom(1500), TRACKING, T0)
    with db.locked() as conn:
        (blob,) = conn.execute("SELECT payload FROM enqueued").fetchone()
    outbox.claim(1, T0)
    outbox.mark_delivered(rec.id, T0)
    db.close()
    assert blob in _files(db_path)["kiosk.db"]

    db = Database(db_path, background_checkpoint=False)
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "outbox.key"))
    assert outbox.purge_delivered_payloads(T0 + dt.timedelta(days=7)) == 1
    db.close()
    data = _files(db_path)
    assert all(blob[:64] not in content for content in data.values())
    assert TRACKING.encode() in data["kiosk.db"]  # the audit row stays
