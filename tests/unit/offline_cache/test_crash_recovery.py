"""A process killed with SIGKILL loses nothing it reported as enqueued, and records
it left in ``sending`` go back to pending with their content unchanged."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordState
from offline_cache.sqlite_caches import SqliteSequences
from offline_cache.sqlite_outbox import SqliteOutbox

REPO = Path(__file__).resolve().parents[3]
T0 = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)

CHILD = """
import datetime as dt, os, signal, sys
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.outbox_protocol import RecordKind
from offline_cache.sqlite_outbox import SqliteOutbox

db_path, key_path, mode = sys.argv[1:4]
outbox = SqliteOutbox(Database(db_path), KeyRing.load_or_create(key_path))
now = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
if mode == "sequence":
    from offline_cache.sqlite_caches import SqliteSequences
    seq = SqliteSequences(outbox._db)
    while True:
        print(seq.next_sequence("A7H3", dt.date(2026, 11, 23)), flush=True)
elif mode == "claim":
    for i in range(10):
        outbox.enqueue(RecordKind.APPLICATION, b'{"i": %d}' % i, None, now)
    for r in outbox.claim(4, now):
        print(r.id, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
else:
    i = 0
    while True:
        r = outbox.enqueue(RecordKind.APPLICATION, b'{"i": %d}' % i, None, now)
        print(r.id, i, flush=True)
        i += 1
"""


def _child(tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-c", CHILD, str(tmp_path / "kiosk.db"), str(tmp_path / "k"), mode]
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)


def test_records_left_sending_by_a_killed_process_are_recovered(tmp_path: Path) -> None:
    child = _child(tmp_path, "claim")
    out, _ = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    in_flight = [uuid.UUID(line) for line in out.split()]
    assert len(in_flight) == 4

    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "k"))
    for rid in in_flight:
        rec = outbox.get(rid)
        assert rec is not None and rec.state is RecordState.SENDING
    assert outbox.recover_in_flight() == 4
    again = outbox.claim(100, T0)
    assert len(again) == 10
    assert [r.id for r in again[:4]] == in_flight  # oldest first, same ids (idempotency keys)
    assert [r.payload for r in again] == [b'{"i": %d}' % i for i in range(10)]
    db.close()


def test_every_enqueue_reported_before_a_kill_is_on_disk(tmp_path: Path) -> None:
    child = _child(tmp_path, "enqueue")
    assert child.stdout is not None
    reported = []
    for line in child.stdout:
        rid, i = line.split()
        reported.append((uuid.UUID(rid), int(i)))
        if len(reported) == 50:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    child.stdout.close()

    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "k"))
    for rid, i in reported:
        rec = outbox.get(rid)
        assert rec is not None and rec.payload == b'{"i": %d}' % i
    assert db.user_version > 0
    db.close()


def test_a_tracking_sequence_number_is_never_handed_out_twice_across_a_kill(
    tmp_path: Path,
) -> None:
    child = _child(tmp_path, "sequence")
    assert child.stdout is not None
    issued = []
    for line in child.stdout:
        issued.append(int(line))
        if len(issued) == 30:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    child.stdout.close()

    db = Database(tmp_path / "kiosk.db")
    after = SqliteSequences(db).next_sequence("A7H3", dt.date(2026, 11, 23))
    assert after > max(issued)
    db.close()
