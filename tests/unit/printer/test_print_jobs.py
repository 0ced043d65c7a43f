"""The durable print-job store."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_cache.print_jobs import (
    SCHEMA_VERSION,
    JobState,
    PayloadUnreadableError,
    PrintJobStore,
    SchemaTooNewError,
)
from tests.support.fd_watch import open_fds

T0 = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
KEY = bytes(range(32))
SECRET_PAYLOAD = "张三丰 110105********002X".encode()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[PrintJobStore]:
    s = PrintJobStore(tmp_path / "jobs.sqlite3", KEY)
    yield s
    s.close()


def test_job_survives_reopen_with_its_state(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    s = PrintJobStore(path, KEY)
    info = s.add("receipt", SECRET_PAYLOAD, "TN-1", T0)
    s.mark_printing(info.id, T0)
    s.mark_failed(info.id, "paper_out", T0 + dt.timedelta(seconds=1))
    s.close()
    again = PrintJobStore(path, KEY)
    job = again.get(info.id)
    assert job is not None
    assert job.payload == SECRET_PAYLOAD
    assert job.info.state is JobState.FAILED
    assert (job.info.reason, job.info.attempts, job.info.tracking_number) == (
        "paper_out",
        1,
        "TN-1",
    )
    again.close()


def test_file_settings(store: PrintJobStore) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert store.path.stat().st_mode & 0o077 == 0


def test_personal_payload_is_not_on_disk_in_clear(store: PrintJobStore) -> None:
    store.add("receipt", SECRET_PAYLOAD, "TN-1", T0)
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob("jobs.sqlite3*"))
    assert SECRET_PAYLOAD not in raw
    assert "张三丰".encode() not in raw


def test_non_personal_payload_is_stored_as_is(store: PrintJobStore) -> None:
    info = store.add("test_page", b"plain", None, T0, personal=False)
    job = store.get(info.id)
    assert job is not None and job.payload == b"plain"


def test_wrong_key_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    s = PrintJobStore(path, KEY)
    info = s.add("receipt", SECRET_PAYLOAD, "TN-1", T0)
    s.close()
    other = PrintJobStore(path, secrets.token_bytes(32))
    with pytest.raises(PayloadUnreadableError):
        other.get(info.id)
    other.close()


def test_payload_moved_to_another_row_fails_authentication(store: PrintJobStore) -> None:
    a = store.add("receipt", b"A", "TN-A", T0)
    b = store.add("receipt", b"B", "TN-B", T0)
    conn = sqlite3.connect(store.path)
    conn.execute(
        "UPDATE print_jobs SET payload = (SELECT payload FROM print_jobs WHERE id = ?) WHERE id = ?",
        (a.id, b.id),
    )
    conn.commit()
    conn.close()
    with pytest.raises(PayloadUnreadableError):
        store.get(b.id)


def test_lifecycle_and_failed_list(store: PrintJobStore) -> None:
    ok = store.add("receipt", b"1", "TN-1", T0)
    bad = store.add("receipt", b"2", "TN-2", T0 + dt.timedelta(seconds=1))
    store.mark_printing(ok.id, T0)
    done = store.mark_done(ok.id, T0 + dt.timedelta(seconds=2))
    assert done.state is JobState.DONE and done.printed_at is not None
    store.mark_printing(bad.id, T0)
    store.mark_failed(bad.id, "offline", T0)
    assert [j.id for j in store.failed()] == [bad.id]
    retried = store.mark_printing(bad.id, T0)
    assert retried.attempts == 2 and retried.reason is None


def test_crash_mid_print_leaves_a_failed_job_after_recovery(store: PrintJobStore) -> None:
    info = store.add("receipt", b"1", "TN-1", T0)
    store.mark_printing(info.id, T0)
    queued = store.add("receipt", b"2", "TN-2", T0)
    assert store.recover_interrupted(T0) == 2
    assert {j.id for j in store.failed()} == {info.id, queued.id}
    assert all(j.reason == "interrupted" for j in store.failed())


def test_latest_for_tracking_number(store: PrintJobStore) -> None:
    store.add("receipt", b"old", "TN-1", T0)
    new = store.add("receipt", b"new", "TN-1", T0 + dt.timedelta(minutes=1))
    found = store.latest_for_tracking("TN-1")
    assert found is not None and found.id == new.id
    assert store.latest_for_tracking("TN-9") is None


def test_owner_tag_checks_the_id_number_without_storing_it(store: PrintJobStore) -> None:
    info = store.add("receipt", b"1", "TN-1", T0, owner_secret="11010519491231002X")
    assert store.owner_matches(info.id, "11010519491231002x")  # case and spaces normalised
    assert not store.owner_matches(info.id, "110105194912310030")
    raw = b"".join(p.read_bytes() for p in store.path.parent.glob("jobs.sqlite3*"))
    assert b"11010519491231002X" not in raw


def test_purge_done_keeps_failed(store: PrintJobStore) -> None:
    done = store.add("receipt", b"1", "TN-1", T0)
    store.mark_done(done.id, T0)
    failed = store.add("receipt", b"2", "TN-2", T0)
    store.mark_failed(failed.id, "offline", T0)
    assert store.purge_done(T0 + dt.timedelta(days=1)) == 1
    assert store.get(done.id) is None and store.get(failed.id) is not None


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    PrintJobStore(path, KEY).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        PrintJobStore(path, KEY)
    # Nor is the refused store left open (three descriptors with WAL).
    assert not [t for t in open_fds().values() if t.startswith(str(path))]


def test_bad_key_length() -> None:
    with pytest.raises(ValueError):
        PrintJobStore(":memory:", b"short")


def test_a_store_made_before_labels_opens_and_keeps_its_jobs(tmp_path: Path) -> None:
    """A kiosk updated in the field: its version-1 file gains the label column."""
    from offline_cache.print_jobs import _SCHEMA_V1

    path = tmp_path / "jobs.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA_V1)
    conn.execute(
        "INSERT INTO print_jobs (id, kind, state, encrypted, payload, created_at, updated_at)"
        " VALUES ('old', 'receipt', 'done', 0, x'00', 1, 1)"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    s = PrintJobStore(path, KEY)
    old = s.get_info("old")
    assert old is not None and old.label is None
    new = s.add("queue_ticket", b"{}", None, T0, personal=False, label="A012")
    assert s.get_info(new.id).label == "A012"  # type: ignore[union-attr]
    s.close()


def _t(s: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=s)


def test_every_attempt_is_kept_with_its_time_and_end(store: PrintJobStore) -> None:
    """A receipt that failed for want of paper and was reprinted reads as both (try-out
    7: the job's own row kept only 已打印)."""
    job = store.add("submission_receipt", SECRET_PAYLOAD, "TN-1", T0)
    store.mark_printing(job.id, _t(1))
    store.mark_failed(job.id, "not sent: paper_out: simulated", _t(2))
    store.mark_printing(job.id, _t(10))
    store.mark_done(job.id, _t(11))
    tries = store.attempts([job.id, "none"])
    assert tries["none"] == []
    assert [(a.n, a.started_at, a.state, a.reason, a.ended_at) for a in tries[job.id]] == [
        (1, _t(1), JobState.FAILED, "not sent: paper_out: simulated", _t(2)),
        (2, _t(10), JobState.DONE, None, _t(11)),
    ]
    info = store.get_info(job.id)
    assert info is not None and info.printed_at == _t(11) and info.attempts == 2


def test_a_crash_mid_print_ends_its_attempt_as_interrupted(store: PrintJobStore) -> None:
    job = store.add("receipt", b"x", "TN-1", T0)
    store.mark_printing(job.id, _t(1))
    assert store.recover_interrupted(_t(5)) == 1
    (only,) = store.attempts([job.id])[job.id]
    assert (only.state, only.reason, only.ended_at) == (JobState.FAILED, "interrupted", _t(5))


def test_purged_jobs_take_their_attempts_along(store: PrintJobStore) -> None:
    done = store.add("receipt", b"1", "TN-1", T0)
    store.mark_printing(done.id, T0)
    store.mark_done(done.id, T0)
    assert store.purge_done(_t(60)) == 1
    count = store._conn.execute("SELECT COUNT(*) FROM print_attempts").fetchone()[0]
    assert count == 0


def test_reprinted_job_comes_first_by_activity(store: PrintJobStore) -> None:
    old = store.add("receipt", b"1", "TN-1", T0)
    new = store.add("receipt", b"2", "TN-2", _t(1))
    store.mark_printing(old.id, _t(5))
    store.mark_done(old.id, _t(6))
    assert [j.id for j in store.list_jobs()] == [new.id, old.id]
    assert [j.id for j in store.list_jobs(by_activity=True)] == [old.id, new.id]


def test_a_store_made_before_attempts_opens_with_none(tmp_path: Path) -> None:
    """A kiosk updated in the field: its version-2 file gains the attempts table."""
    from offline_cache.print_jobs import _SCHEMA_V1, _SCHEMA_V2

    path = tmp_path / "jobs.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA_V1 + ";" + _SCHEMA_V2)
    conn.execute(
        "INSERT INTO print_jobs (id, kind, state, encrypted, payload, created_at, updated_at)"
        " VALUES ('old', 'receipt', 'done', 0, x'00', 1, 1)"
    )
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    s = PrintJobStore(path, KEY)
    assert s.attempts(["old"]) == {"old": []}
    s.mark_printing("old", T0)
    assert [a.n for a in s.attempts(["old"])["old"]] == [1]
    s.close()


def test_renditions_are_sealed_and_a_store_made_before_them_opens(tmp_path: Path) -> None:
    """A kiosk updated in the field: its version-3 file gains the renditions column; a
    personal job's renditions are sealed (not readable in the file), a job's own."""
    from offline_cache.print_jobs import _SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3

    path = tmp_path / "jobs.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(_SCHEMA_V1 + ";" + _SCHEMA_V2 + ";" + _SCHEMA_V3)
    conn.execute(
        "INSERT INTO print_jobs (id, kind, state, encrypted, payload, created_at, updated_at)"
        " VALUES ('old', 'receipt', 'done', 0, x'00', 1, 1)"
    )
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    s = PrintJobStore(path, KEY)
    assert s.renditions("old") is None
    job = s.add("submission_receipt", SECRET_PAYLOAD, "TN-1", T0, renditions=b"EN-RECEIPT")
    assert s.renditions(job.id) == b"EN-RECEIPT"
    (raw,) = s._conn.execute("SELECT renditions FROM print_jobs WHERE id = ?", (job.id,)).fetchone()
    assert b"EN-RECEIPT" not in bytes(raw)
    # Moved onto another row, it does not open (sealed to its own job).
    other = s.add("submission_receipt", SECRET_PAYLOAD, "TN-2", T0)
    s._conn.execute("UPDATE print_jobs SET renditions = ? WHERE id = ?", (raw, other.id))
    with pytest.raises(PayloadUnreadableError):
        s.renditions(other.id)
    s.close()


def test_a_store_made_before_who_asked_opens_and_names_nobody(tmp_path: Path) -> None:
    """A kiosk updated in the field: its version-4 file gains print_attempts.asked_by;
    the attempts it holds read as the kiosk's own prints, new ones keep who asked."""
    from offline_cache.print_jobs import _SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4

    path = tmp_path / "jobs.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(";".join((_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4)))
    conn.execute(
        "INSERT INTO print_jobs (id, kind, state, encrypted, payload, created_at, updated_at,"
        " attempts) VALUES ('old', 'receipt', 'done', 0, x'00', 1, 1, 1)"
    )
    conn.execute(
        "INSERT INTO print_attempts (job_id, n, started_at, ended_at, state)"
        " VALUES ('old', 1, 1, 2, 'done')"
    )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    s = PrintJobStore(path, KEY)
    [(old,)] = [[a.asked_by for a in tries] for tries in s.attempts(["old"]).values()]
    assert old is None
    s.mark_printing("old", T0, asked_by="citizen")
    assert [a.asked_by for a in s.attempts(["old"])["old"]] == [None, "citizen"]
    s.close()
