"""Messages in portrait (1080x1920) take the width there is and a sensible height.

Try-out finding: a forged receipt QR on the track screen, in portrait, drew its message
as a half-width yellow box about 1000 px tall. Here a forged QR is shown to the real
scanner on the identify and the track screens, in both modes and languages: the message
is as wide as the page's content and no taller than its text needs (three lines at most).
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.flow import Screen
from kiosk.payloads import issue_eid_token, sign_receipt
from tests.support.citizen_backend import tracking_number
from tests.ui.citizen_fixtures import (  # noqa: F401  (fixtures)
    citizen_fixture,
    no_screen_building_fixture,
    utc_local_time_fixture,
)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_services_flow import DAY, start
from ui.i18n import tr
from ui.tour import SCENES, stage

PORTRAIT = (1080, 1920)


def _on_window(w: QWidget) -> QRect:
    return QRect(w.mapTo(w.window(), QPoint(0, 0)), w.size())


def _sensible(window, name: str) -> None:  # type: ignore[no-untyped-def]
    [label] = [w for w in window.findChildren(QLabel, name) if w.isVisible()]
    page = window.current_page()
    left, _, right, _ = page.layout().getContentsMargins()
    content = page.width() - left - right
    box = _on_window(label)
    assert box.width() >= 0.95 * content, f"{name} is {box.width()} px of {content}"
    assert window.rect().contains(box)
    # No taller than three lines of its own text (with its padding): never a tall box.
    line = label.fontMetrics().lineSpacing()
    m = label.contentsMargins()
    assert box.height() <= 3 * line + m.top() + m.bottom() + 8, (name, box.height(), line)
    assert label.text()


def _portrait(window, lang: str, assisted: bool) -> None:  # type: ignore[no-untyped-def]
    window.resize(*PORTRAIT)
    window.core.sessions.set_language(lang)
    window.core.sessions.set_assisted(assisted)


def _says(window, qtbot, name: str, said: str) -> None:  # type: ignore[no-untyped-def]
    """``name`` shows ``said``, in the portrait window, as wide and no taller than it needs."""
    label = window.findChild(QLabel, name)
    qtbot.waitUntil(lambda: label.isVisible() and label.text() == said, timeout=5000)
    qtbot.wait(50)
    assert window.size().toTuple() == PORTRAIT
    _sensible(window, name)


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forged_receipt_message_on_track(window, qtbot, citizen, assisted: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    _portrait(window, lang, assisted)
    start(window, qtbot, "track")  # the home tile, tapped
    assert window.core.screen() == Screen.TRACK
    citizen.scanner.present(sign_receipt(tracking_number(DAY), Ed25519PrivateKey.generate()))
    _says(window, qtbot, "track_message", tr("track.problem.forged", lang))
    assert window.core.screen() == Screen.TRACK


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_forged_eid_message_on_identify(window, qtbot, citizen, assisted: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    window.resize(*PORTRAIT)
    scene = next(s for s in SCENES if s.name == "identify")
    stage(window, scene, lang, assisted)  # taps from home: catalog, guide, identify
    claims = {
        "sub": "u1",
        "doc_type": "resident_id",
        "doc_number": "110101199003070079",
        "surname": "李",
        "given_names": "四",
        "birth_date": "1990-03-07",
        "sex": "F",
    }
    forged = issue_eid_token(
        Ed25519PrivateKey.generate(), claims, kid="P1", now=window.core.clock()
    )
    window.core.backend.scanner.present(forged)  # the kiosk's own scanner (simulated camera)
    _says(window, qtbot, "identify_status", tr("identify.result.qr_forged", lang))
    assert window.core.screen() == Screen.IDENTIFY


@pytest.mark.parametrize("assisted", [False, True], ids=["normal", "assisted"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_call_staff_notice_in_portrait(window, qtbot, citizen, assisted: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The overlay's card: the width there is (up to its 900 px), never a tall column."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton

    _portrait(window, lang, assisted)
    window.show_screen()
    [staff] = [b for b in window.findChildren(QAbstractButton, "btn_call_staff") if b.isVisible()]
    wait_until_tappable(staff)
    qtbot.mouseClick(staff, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.overlay.primary.isVisible(), timeout=5000)
    qtbot.wait(50)
    card = _on_window(window.overlay.card)
    tokens = window.tokens()
    widest = min(tokens.px(900), window.width() - 2 * tokens.px(32))
    assert card.width() >= widest - 1, (card.width(), widest)
    assert card.height() <= window.height() // 2, card.height()
    assert window.rect().contains(card)
