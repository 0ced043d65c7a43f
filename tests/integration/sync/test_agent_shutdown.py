"""A sync agent stopped while a pass is in progress ends quietly when the kiosk closes
its database under that pass (stop's join is bounded, so a kiosk's shutdown can get
there): no "sync pass failed" traceback for the closed database, and no further pass."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from kiosk.sync import SyncAgent, SyncConfig
from offline_cache.crypto import KeyRing
from offline_cache.db import Database
from offline_cache.sqlite_outbox import SqliteOutbox


def test_a_pass_cut_short_by_shutdown_logs_no_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = Database(tmp_path / "kiosk.db")
    outbox = SqliteOutbox(db, KeyRing.load_or_create(tmp_path / "outbox.key"))
    # Port 9 (discard): nothing is reached, and the pass never gets that far anyway.
    agent = SyncAgent(SyncConfig(base_url="http://127.0.0.1:9", kiosk_id="K0001"), outbox)
    in_pass, release = threading.Event(), threading.Event()
    real_recover = outbox.recover_in_flight

    def recover_held() -> int:
        in_pass.set()
        release.wait(30)
        return real_recover()  # on the database closed meanwhile

    outbox.recover_in_flight = recover_held  # type: ignore[method-assign]
    agent.start()
    thread = next(t for t in threading.enumerate() if t.name == "sync-agent")
    assert in_pass.wait(30)
    caplog.set_level(logging.DEBUG, logger="kiosk.sync")
    agent.stop(timeout=0.01)  # the pass is held: the join gives up, as a slow exchange's would
    db.close()
    release.set()
    thread.join(30)
    assert not thread.is_alive(), "the agent kept running after its database closed"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
    assert any("cut short by the shutdown" in r.getMessage() for r in caplog.records)
