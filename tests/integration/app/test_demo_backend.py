"""The demo kiosk's back end, assembled as `kiosk --demo` assembles it, over real HTTP.

The embedded reference platform starts on loopback, the sync agent delivers what
the kiosk enqueues, heartbeats carry device health, and cutting the network from
the demo controls turns the kiosk offline without losing a record.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, build_app
from kiosk.demo import DemoControls
from kiosk.events import Device, Health
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.workers import InlineExecutor
from offline_cache.outbox_protocol import RecordKind


def wait_for(cond: Callable[[], bool], timeout: float = 20.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[KioskApp]:
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(update={"storage": s.storage.model_copy(update={"data_dir": tmp_path})})
    kiosk = build_app(s, executor=InlineExecutor())
    kiosk.start()
    assert kiosk.backend.wait_started(30)
    yield kiosk
    kiosk.stop()


def _kinds(store) -> list[str]:  # type: ignore[no-untyped-def]
    """Kinds of the records the platform holds (audit entries travel the same way)."""
    return [s["kind"] for s in store.list_submissions()]


def test_enqueued_record_reaches_the_embedded_platform(app: KioskApp) -> None:
    b = app.backend
    assert b.platform is not None and b.sync is not None
    tn = str(b.tracking.mint(b.clock()))
    b.enqueue(RecordKind.FEEDBACK, {"category": "suggestion", "text": "多设几台"}, tn)
    store = b.platform.platform.store
    assert wait_for(lambda: _kinds(store).count("feedback") == 1)
    mine = [r for r in b.outbox.list(limit=100) if r.kind == RecordKind.FEEDBACK]
    assert wait_for(lambda: b.outbox.get(mine[0].id).state.value == "delivered")
    assert wait_for(lambda: app.core.health(Device.PLATFORM).health == Health.OK)


def test_network_cut_keeps_records_and_delivers_after(app: KioskApp) -> None:
    b = app.backend
    demo = DemoControls(b)
    assert wait_for(lambda: b.sync is not None and b.sync.online is True)
    demo.set_network(down=True)
    tn = str(b.tracking.mint(b.clock()))
    b.enqueue(RecordKind.STAFF_CALL, {"reason": "help"}, tn)
    assert wait_for(lambda: app.core.health(Device.PLATFORM).health == Health.FAULT)
    call = next(r for r in b.outbox.list(limit=100) if r.kind == RecordKind.STAFF_CALL)
    assert b.outbox.get(call.id).state.value != "delivered"
    demo.set_network(down=False)
    assert b.platform is not None
    store = b.platform.platform.store
    # Backoff (full jitter, capped) decides when the retry comes; it must come.
    assert wait_for(lambda: _kinds(store).count("staff_call") == 1, timeout=90)
    assert wait_for(lambda: app.core.health(Device.PLATFORM).health == Health.OK)


def test_catalog_refresh_from_platform_replaces_bundled(app: KioskApp) -> None:
    b = app.backend
    assert wait_for(lambda: b.catalog_cache.load() is not None)
    assert app.core.catalog.services


def test_caches_are_warm_before_the_first_citizen_and_no_paper_is_used(app: KioskApp) -> None:
    from kiosk.services.pinyin import loaded_index

    assert app.warmed_up.wait(30)
    assert loaded_index() is not None
    assert "pypinyin" in sys.modules  # the voice's dictionaries, for its personal-data guard
    assert not app.core.warming.active()  # the window's pre-build may go on (kiosk/warming.py)
    printer = app.backend.printing.printer
    assert list(printer.printed) == []  # type: ignore[attr-defined]  # the demo's simulated printer
    assert not list(app.paths.printed.iterdir())
