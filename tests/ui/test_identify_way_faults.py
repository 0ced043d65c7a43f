"""Try-out 9, C6: with both document readers out, 身份核验's banner said so, but the
放置证件 tile stayed as it was ("将护照、通行证或身份证件放在下方读卡区"); tapping it opened
the passport keypad, and only after 26 taps did 读取证件 say the reader was out. The
kiosk knew before the first tap. Now each way's tile says what it can do now: a way
whose devices are all out is not offered (and says why), one with a reader out names
only what the other reads, and the passport keypad is not opened while its reader is out.

The faults go through the demo controls, the simulated devices and the device
supervisor, as a real fault does; every step through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from drivers.idcard.simulator import PtySamReader
from kiosk.demo import DemoControls
from kiosk.events import Device, Health
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_demo_device_faults import _supervised
from tests.ui.test_resident_id import sam  # noqa: F401  (fixture)
from ui.widgets.tile import Tile

READ_MS = 20_000  # bounds that only keep a broken test from hanging


def _tile(r: ApplyRig, name: str) -> Tile:
    r.settle()
    tile = r.window.findChild(Tile, f"tile_{name}")
    assert tile is not None and tile.isVisible(), name
    return tile


def _tap(r: ApplyRig, name: str) -> None:
    """Tap a way's tile as a finger does, offered or not (a faded tile takes no tap)."""
    from tests.ui.helpers import wait_until_tappable

    tile = _tile(r, name)
    if tile.isEnabled():
        wait_until_tappable(tile)
    r.qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    r.settle()


def _down(r: ApplyRig, device: Device, health: Health = Health.FAULT) -> None:
    def reported() -> bool:
        _supervised(r)
        return r.core.health(device).health is health

    r.qtbot.waitUntil(reported, timeout=READ_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_passport_reader_out_the_tile_offers_the_id_card_reader_only(
    rig: ApplyRig,  # noqa: F811
    lang: str,
) -> None:
    r = rig
    demo = DemoControls(r.backend)
    if lang == "en":
        r.click("btn_lang")
    r.to_identify()
    _supervised(r)
    card = _tile(r, "card")
    normal = card.sub.text()
    demo.set_card_reader_fault(True)
    _down(r, Device.CARD)
    said = card.sub.text()
    assert said != normal and card.isEnabled(), said
    assert ("居民身份证" if lang == "zh" else "resident ID card") in said, said
    assert ("护照" if lang == "zh" else "passport") not in said, said
    _tap(r, "card")
    r.at(Screen.IDENTIFY)  # not the passport keypad, which could only fail
    message = r.label("identify_status")
    assert r.shown("identify_status")
    assert ("身份证阅读器" if lang == "zh" else "resident ID card on its reader") in message
    # Plugged back: the tile says all it reads again, and the keypad opens.
    demo.set_card_reader_fault(False)
    _down(r, Device.CARD, Health.OK)
    assert card.sub.text() == normal and card.isEnabled()
    assert not r.shown("identify_status") or "不能用" not in r.label("identify_status")
    _tap(r, "card")
    r.at(Screen.MRZ_ENTRY)


def test_both_readers_out_the_document_way_is_not_offered_and_says_why(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
) -> None:
    r = rig
    demo = DemoControls(r.backend)
    r.to_identify()
    _down(r, Device.IDCARD, Health.OK)
    card = _tile(r, "card")
    assert card.isEnabled() and "身份证件" in card.sub.text()
    # The SAM reader alone: the tile no longer promises an ID card.
    demo.set_idcard_reader_fault(True)
    _down(r, Device.IDCARD)
    assert card.isEnabled()
    assert "护照" in card.sub.text() and "身份证" not in card.sub.text(), card.sub.text()
    # Both (Shift+F11, then Shift+F10, as in the try-out).
    demo.set_card_reader_fault(True)
    _down(r, Device.CARD)
    assert not card.isEnabled(), "放置证件 offered with both readers out"
    assert "暂时不能用" in card.sub.text() and "放在" not in card.sub.text(), card.sub.text()
    _tap(r, "card")
    r.at(Screen.IDENTIFY)  # no keypad for a document nothing can read
    assert _tile(r, "manual").isEnabled() and _tile(r, "qr").isEnabled()
    # The camera too: the e-ID way is not offered either; typing always is.
    demo.set_camera_fault(True)

    def camera_out() -> bool:
        _supervised(r)
        return r.core.health(Device.SCANNER).health in (Health.DEGRADED, Health.FAULT)

    r.qtbot.waitUntil(camera_out, timeout=READ_MS)
    qr = _tile(r, "qr")
    assert not qr.isEnabled() and "暂时不能用" in qr.sub.text(), qr.sub.text()
    _tap(r, "manual")
    r.at(Screen.MANUAL_ID)
    r.click("btn_back")
    r.at(Screen.IDENTIFY)
    # Everything back: every way offered in its own words again.
    for on in (demo.set_camera_fault, demo.set_card_reader_fault, demo.set_idcard_reader_fault):
        on(False)
    _down(r, Device.IDCARD, Health.OK)
    _down(r, Device.CARD, Health.OK)
    _down(r, Device.SCANNER, Health.OK)
    card, qr = _tile(r, "card"), _tile(r, "qr")
    assert card.isEnabled() and qr.isEnabled()
    assert "身份证件" in card.sub.text() and "二维码" in qr.sub.text()


def test_the_reader_failing_while_the_keys_are_typed_is_said_at_once(rig: ApplyRig) -> None:  # noqa: F811
    """The passport laid, its keypad open: the reader failing is said then, not after the
    26 taps and 读取证件; back at work, the words go."""
    r = rig
    demo = DemoControls(r.backend)
    r.to_identify()
    _supervised(r)
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    demo.set_card_reader_fault(True)
    _down(r, Device.CARD)
    r.at(Screen.MRZ_ENTRY)
    assert r.shown("mrz_status") and "读卡器暂时无法使用" in r.label("mrz_status")
    demo.set_card_reader_fault(False)
    _down(r, Device.CARD, Health.OK)
    assert not r.shown("mrz_status") or "读卡器" not in r.label("mrz_status")
