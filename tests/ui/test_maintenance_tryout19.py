# ruff: noqa: F811  (the panel tests' fixtures are imported by name and taken as arguments)
"""Try-out 19, the technician card's sign-in, through the real window (the demo's
technician card, taps on the PIN pad).

T1: a wrong card PIN said "编号或密码不正确。再错 4 次，需等待 30 秒后才能重试 这张卡再错 2 次将被
锁定": two counters in one unpunctuated sentence, 编号 although only a PIN is typed with a
card, and the kiosk's 5 tries never the count that matters (the card blocks after 3).

T2: the wrong card PINs and the sign-in after them were in the audit trail only, in
neither of the 日志 page's tabs: a near-lockout said nothing under 问题."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from kiosk.app import KioskApp
from kiosk.demo import DemoControls
from kiosk.flow import Screen
from tests.integration.printer.loopback_printer import LoopbackPrinter
from tests.ui.test_maintenance_panel import (  # noqa: F401 (fixtures: a loopback printer)
    WAIT_MS,
    _page,
    _shown_label,
    _tap_named,
    _text,
    printer,
    usb,
    window,
)
from tests.ui.test_maintenance_tryout6 import lang, tech_app  # noqa: F401
from tests.ui.test_maintenance_tryout8 import _write_log

DEMO_PIN = "246810"


def _pad_says(window: QWidget) -> str:
    label = _shown_label(window, "pin_error")
    return label.text() if label is not None else ""


def _card_on(window, qtbot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    """Shift+F6: the demo card on its reader opens the sign-in at the card's PIN."""
    window.resize(1920, 1080)
    app.backend.start()
    assert app.backend.wait_started(30)
    DemoControls(app.backend).technician_card(True)
    qtbot.waitUntil(lambda: window.core.screen() == Screen.MAINTENANCE, timeout=WAIT_MS)
    qtbot.wait(300)  # opening the panel ends the citizen session: the screens are rebuilt
    qtbot.waitUntil(lambda: "1000" in _text(window, qtbot, "signin_prompt"), timeout=WAIT_MS)


def _card_pin(window, qtbot, pin: str) -> str:  # type: ignore[no-untyped-def]
    """Type ``pin`` on the pad, 进入, and what the pad then says."""
    before = _pad_says(window)
    for ch in pin:
        _tap_named(window, qtbot, f"key_{ch}")
    _tap_named(window, qtbot, "btn_unlock")
    qtbot.waitUntil(
        lambda: _pad_says(window) != before or _shown_label(window, "signed_in_as") is not None,
        timeout=WAIT_MS,
    )
    return _pad_says(window)


def test_a_wrong_card_pin_says_the_cards_tries_in_one_sentence(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot
) -> None:
    _card_on(window, qtbot, tech_app)
    # The card's count, the one that runs out first, said once, punctuated; a PIN, not
    # 编号 (only the card's PIN was typed).
    assert _card_pin(window, qtbot, "999999") == "卡片密码不正确。再错 2 次，这张卡将被锁定。"
    assert _card_pin(window, qtbot, "999999") == "卡片密码不正确。再错 1 次，这张卡将被锁定。"
    assert _card_pin(window, qtbot, "999999") == "这张技术员卡已锁定，请联系管理员"


def test_wrong_card_pins_are_problems_on_the_log_page_and_the_sign_in_is_listed(  # type: ignore[no-untyped-def]
    window, tech_app: KioskApp, printer: LoopbackPrinter, qtbot, caplog
) -> None:
    caplog.set_level(logging.INFO)
    _card_on(window, qtbot, tech_app)
    _card_pin(window, qtbot, "999999")
    _card_pin(window, qtbot, "999999")
    _card_pin(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "signed_in_as") is not None, timeout=WAIT_MS)
    _write_log(tech_app, caplog.records)
    _page(window, qtbot, "logs")
    # 问题, the page's first tab: both wrong PINs, in words, with how near the card came
    # to blocking itself; the sign-in is no problem.
    first = "技术员登录失败：卡片密码不正确（连续第 1 次；这张卡再错 2 次将被锁定）"
    second = "技术员登录失败：卡片密码不正确（连续第 2 次；这张卡再错 1 次将被锁定）"
    qtbot.waitUntil(lambda: second in _text(window, qtbot, "log_lines"), timeout=WAIT_MS)
    problems = _text(window, qtbot, "log_lines")
    assert first in problems and "警告" in problems
    assert "技术员已登录" not in problems
    # 全部: the sign-in that followed too. Neither the technician's number nor a PIN.
    _tap_named(window, qtbot, "btn_logs_all")
    qtbot.waitUntil(
        lambda: "技术员已登录（技术员卡）" in _text(window, qtbot, "log_lines"), timeout=WAIT_MS
    )
    every = _text(window, qtbot, "log_lines")
    assert first in every and second in every
    file = (tech_app.paths.logs / "kiosk.jsonl").read_text(encoding="utf-8").splitlines()
    said = [line for line in file if "technician" in line]
    assert len(said) == 3, said
    assert not any(s in line for line in said for s in ("999999", DEMO_PIN, "1000")), said
