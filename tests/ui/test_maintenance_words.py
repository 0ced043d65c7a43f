"""Device states on the maintenance panel are words from the string tables, in zh and
en, never a raw code alone ("printer.paper_out" was a try-out finding). Every state a
driver can report has words; an unknown code gets a calm generic label with the code
beside it in small type."""

from __future__ import annotations

import pytest

from drivers.card.types import ReaderStatus
from drivers.idcard.polling import FAULT_REASONS
from drivers.idcard.types import ReaderState
from drivers.printer.types import PrinterState
from drivers.scanner.types import ScannerState
from drivers.speech.types import PlayerStatus
from kiosk.events import Device, DeviceStatusChanged, Health
from tests.ui.test_maintenance_panel import (
    DEMO_PIN,
    WAIT_MS,
    _shown_label,
    _tap_named,
    open_panel_with_corners,
    sign_in,
)
from ui.device_words import state_text, state_words
from ui.i18n import STRINGS

# Every code the kiosk's probes, tests and supervisor can put on the devices page.
CODES = (
    [f"card.{s.value}" for s in ReaderStatus]
    + [f"printer.{s.value}" for s in PrinterState]
    + [f"scanner.{s.value}" for s in ScannerState]
    + ["scanner.no_picture"]  # a camera without a picture (kiosk.supervisor.scanner_reading)
    + [f"speech.{s.value}" for s in PlayerStatus]
    + ["speech.none"]
    + [f"idcard.{s.value}" for s in ReaderState]
    + [f"idcard.{why}" for why in FAULT_REASONS.values()]  # a faulty reader's reason
    + ["platform.up", "platform.down"]
    + [f"storage.{x}" for x in ("ok", "low", "full", "unreadable")]
    + [f"{d.value}.error" for d in Device]  # a probe that raised (kiosk.supervisor)
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_device_state_has_words(lang: str) -> None:
    for code in CODES:
        words = state_words(code, lang)
        assert words.code == "", f"{code} has no words"
        assert "." not in words.words and "_" not in words.words, (code, words)
        assert words.words == STRINGS[f"devstate.{code}"][0 if lang == "zh" else 1]


def test_sam_reader_detail_in_words() -> None:
    text = state_text("idcard.ready SAM 05.01-20101010-0000001 photo not available", "zh")
    assert text == "就绪，安全模块 05.01-20101010-0000001，未配置照片解码"
    assert "photo" not in text


def test_unknown_code_is_calm_words_and_the_code_apart() -> None:
    w = state_words("printer.jammed_gears", "zh")
    assert w.words == "其他状态（见代码）" and w.code == "printer.jammed_gears"


def _row(window, qtbot, device: str, expect: str) -> str:  # type: ignore[no-untyped-def]
    """The device's row: its state and, under it, since when and the fault's words."""

    def text() -> str:
        found = [_shown_label(window, f"device_{device}{x}") for x in ("", "_last_problem")]
        return " ".join(w.text() for w in found if w is not None)

    def shows() -> bool:
        _tap_named(window, qtbot, "btn_refresh")
        return expect in text()

    qtbot.waitUntil(shows, timeout=WAIT_MS)
    return text()


def test_devices_page_shows_words_not_codes(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(300)  # the window starts watching input after its first paint
    open_panel_with_corners(window, qtbot)
    sign_in(window, qtbot, DEMO_PIN)
    qtbot.waitUntil(lambda: _shown_label(window, "device_printer") is not None, timeout=WAIT_MS)
    bus = window.core.bus
    bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.paper_out"))
    text = _row(window, qtbot, "printer", "缺纸")
    assert "printer." not in text and "paper_out" not in text
    assert _shown_label(window, "device_printer_code") is None  # known: no code shown
    # A state this kiosk has no words for: generic words, the code in small type beside.
    bus.publish(DeviceStatusChanged(Device.PRINTER, Health.FAULT, "printer.jammed_gears"))
    text = _row(window, qtbot, "printer", "其他状态")
    assert "jammed" not in text
    code = _shown_label(window, "device_printer_code")
    assert code is not None and code.text() == "printer.jammed_gears"
    assert code.property("role") == "muted"
    assert code.font().pixelSize() < _shown_label(window, "device_printer").font().pixelSize()
    # The card test's answer is words too.
    _tap_named(window, qtbot, "btn_test_card")

    def result() -> str:
        label = _shown_label(window, "maint_result")
        return label.text() if label is not None else ""

    qtbot.waitUntil(lambda: "测试" in result(), timeout=WAIT_MS)
    assert "card." not in result() and "就绪" in result()
