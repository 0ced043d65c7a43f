"""The start-up's importing workers take turns (kiosk/warming.py: start_up_imports).

Two threads importing at once can meet in a package whose __init__ imports its own
submodules; CPython then hands one of them a partially initialised module. The demo
went out of service that way once in three starts under load, so the backend's
start-up and the screens' pre-import hold one lock while they import.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from kiosk.warming import start_up_imports
from ui.prebuild import _import_all


@pytest.fixture
def fresh_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name = "startup_import_probe"
    (tmp_path / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return name


def test_the_screens_pre_import_waits_while_the_backend_imports(fresh_module: str) -> None:
    worker = threading.Thread(target=_import_all, args=([fresh_module],), daemon=True)
    with start_up_imports():  # the backend's start-up, importing its devices' modules
        worker.start()
        worker.join(timeout=0.5)
        assert worker.is_alive(), "the pre-import did not wait for the backend's imports"
        assert fresh_module not in sys.modules
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert sys.modules[fresh_module].VALUE == 1


def test_one_worker_may_take_the_lock_again(fresh_module: str) -> None:
    # The backend's start-up imports while it holds the lock (an RLock: no self-deadlock).
    with start_up_imports():
        _import_all([fresh_module])
    assert fresh_module in sys.modules
