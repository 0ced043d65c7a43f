"""A technician signs in with their card over the real pcscd + vpcd, and a PIN, through the window.

The card (tests/support/tech_card_chip.py) lies in the second vpcd slot, the
kiosk's technician card reader. Run under `flock /work/.pcscd.lock` on a shared
machine (pcscd's socket is machine-wide).
"""

# ruff: noqa: F811 (the pcscd fixture is imported from tests/support/techcard_env.py)
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.app import KioskApp, build_app
from kiosk.flow import Screen
from kiosk.settings import CONFIG_DIR, load_settings
from kiosk.technicians.store import TechnicianRegister
from kiosk.workers import ThreadExecutor
from tests.support.pcscd import PcscdService
from tests.support.tech_card_chip import TechCardChip
from tests.support.techcard_env import TECH_READER, pcscd, tech_port  # noqa: F401 (a fixture)
from tests.support.vpcd_card import VirtualCard
from tests.ui.test_maintenance_panel import _has_button, _shown_label, _tap_named

PIN = "583920"
WAIT_MS = 20_000


@pytest.fixture
def chip() -> TechCardChip:
    return TechCardChip("1001", PIN)


@pytest.fixture
def card_app(tmp_path: Path, pcscd: PcscdService, chip: TechCardChip) -> Iterator[KioskApp]:
    register = tmp_path / "etc" / "technicians.json"
    TechnicianRegister(register).add("1001", "Wang Wei", PIN, chip.public_key_pem())
    s = load_settings(CONFIG_DIR / "demo.toml")
    s = s.model_copy(
        update={
            "storage": s.storage.model_copy(update={"data_dir": tmp_path / "data"}),
            "maintenance": s.maintenance.model_copy(
                update={
                    "technicians_file": register,
                    "card_driver": "pcsc",
                    "card_reader": TECH_READER,
                }
            ),
        }
    )
    app = build_app(s, executor=ThreadExecutor())
    app.backend.start()
    yield app
    app.stop()


@pytest.fixture
def window(qtbot, card_app: KioskApp):  # type: ignore[no-untyped-def]
    from tests.support.tap_clock import LookAheadClock
    from ui.main_window import MainWindow

    w = MainWindow(card_app.core, tap_clock=LookAheadClock())
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _type_pin(window: QWidget, qtbot, pin: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(300)  # opening the panel ends the citizen session: the screens are rebuilt
    for ch in pin:
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")


def _prompt(window: QWidget) -> str:
    label = _shown_label(window, "signin_prompt")
    return label.text() if label is not None else ""


def _error(window: QWidget) -> str:
    label = _shown_label(window, "pin_error")
    return label.text() if label is not None else ""


def test_card_and_pin_sign_in_and_pulling_the_card_signs_out(  # type: ignore[no-untyped-def]
    window, card_app: KioskApp, pcscd: PcscdService, chip: TechCardChip, qtbot
) -> None:
    card = VirtualCard(chip, tech_port(pcscd))  # type: ignore[arg-type]
    try:
        # Presented anywhere (here: the home screen), the card opens the sign-in at its PIN.
        assert window.core.screen() == Screen.HOME
        card.insert()
        qtbot.waitUntil(lambda: "技术员卡：1001" in _prompt(window), timeout=WAIT_MS)
        assert window.core.screen() == Screen.MAINTENANCE
        assert not _has_button(window, "btn_next")  # no number to type

        # A wrong PIN: the card counts it; the pad asks for the card's PIN again.
        _type_pin(window, qtbot, "000001")
        qtbot.waitUntil(lambda: "不正确" in _error(window), timeout=WAIT_MS)
        assert chip.retries == 2
        assert "技术员卡：1001" in _prompt(window)

        _type_pin(window, qtbot, PIN)
        qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is not None, timeout=WAIT_MS)
        assert "1001" in _shown_label(window, "signed_in_as").text()
        assert chip.retries == 3  # a right PIN resets the card's counter
        gate = window.core.maintenance_ops().gate
        assert gate.session is not None and gate.session.with_card

        # Pulling the card ends the session at once.
        card.remove()
        qtbot.waitUntil(lambda: "已取出" in _error(window), timeout=WAIT_MS)
        assert gate.session is None and not _has_button(window, "tab_devices")
    finally:
        card.remove()

    trail = card_app.backend.audit
    assert trail is not None
    entries = [json.loads(x) for x in trail.log.path.read_text(encoding="utf-8").splitlines()]
    kinds = [(e["kind"], e["data"].get("card")) for e in entries]
    assert ("signin.failed", True) in kinds and ("signin.ok", True) in kinds
    assert any(e["kind"] == "signout" and e["data"]["reason"] == "card_removed" for e in entries)
    assert PIN not in trail.log.path.read_text(encoding="utf-8")


def test_a_copied_card_number_is_not_enough(  # type: ignore[no-untyped-def]
    window, pcscd: PcscdService, qtbot
) -> None:
    copy = TechCardChip("1001", PIN)  # same number and PIN, but not the registered key
    card = VirtualCard(copy, tech_port(pcscd))  # type: ignore[arg-type]
    try:
        card.insert()
        qtbot.waitUntil(lambda: "技术员卡：1001" in _prompt(window), timeout=WAIT_MS)
        _type_pin(window, qtbot, PIN)
        qtbot.waitUntil(lambda: "未通过验证" in _error(window), timeout=WAIT_MS)
        assert window.core.maintenance_ops().gate.session is None
        assert not any(b.isVisible() for b in window.findChildren(QAbstractButton, "tab_devices"))
        assert isinstance(_shown_label(window, "pin_error"), QLabel)
    finally:
        card.remove()
