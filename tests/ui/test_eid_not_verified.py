"""Try-out 8, C9: a forged e-ID code and a random QR got the same words, "这不是电子证照
二维码，请打开电子证照后重新出示" — for an e-ID that fails verification that advice is
untrue and invites endless retries. A code that is an e-ID but does not verify now says it
could not be verified and to call staff (or use another way); a random code keeps its
words. The demo kiosk (embedded platform, simulated camera), on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.demo import DemoControls, DemoQr
from kiosk.flow import Screen
from tests.ui.test_console_queue_call import _start, _tap
from ui.i18n import tr

READ_MS = 15_000  # a bound that only keeps a broken test from hanging


def _status(window) -> str:  # type: ignore[no-untyped-def]
    shown = [w.text() for w in window.findChildren(QLabel, "identify_status") if w.isVisible()]
    return str(shown[0]) if shown else ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_forged_eid_is_not_called_a_random_code(window, kiosk_app, qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    if lang == "en":
        _tap(window, qtbot, "btn_lang")
    _tap(window, qtbot, "tile_appointment")
    qtbot.waitUntil(lambda: window.core.screen() == Screen.IDENTIFY, timeout=READ_MS)
    demo = DemoControls(kiosk_app.backend)

    demo.show_qr(DemoQr.EID_FORGED)
    forged = tr("identify.result.qr_forged", lang)
    qtbot.waitUntil(lambda: _status(window) == forged, timeout=READ_MS)
    said = _status(window)
    assert ("未能通过核验" in said and "工作人员" in said) or (
        "could not be verified" in said and "staff" in said
    ), said
    assert window.core.sessions.current.identity is None
    assert window.core.screen() == Screen.IDENTIFY

    demo.show_qr(DemoQr.GARBAGE)  # random text: "not an e-ID" stays as it was
    not_eid = tr("identify.result.qr_not_eid", lang)
    qtbot.waitUntil(lambda: _status(window) == not_eid, timeout=READ_MS)
    assert not_eid != forged
