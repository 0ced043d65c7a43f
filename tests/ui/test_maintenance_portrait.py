"""The technicians' panel in portrait (1080x1920), English, 长辈模式 (#14): its three
buttons and seven page tabs were squeezed below their words ("Out of service" lost
letters at both ends). Signed in by taps on the real keypad, every tab is tapped: each
opens its page, and every button and tab reads whole, the page on show in bold too.
Turned to a 1280x800 panel the tabs stay four a row and the buttons beside the name:
there the page under them needs the height."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.test_maintenance_signin_fit import SIGN_IN, _key, _type
from ui.clipping import clipped_texts
from ui.screens.maintenance import MaintenanceScreen
from ui.screens.maintenance_pages import PAGES
from ui.tour import DEMO_PIN, DEMO_TECHNICIAN, stage

HEAD = ("btn_refresh", "btn_sign_out", "btn_exit")
TABS = tuple(f"tab_{p}" for p in PAGES)


def _cut(window: QWidget) -> list[str]:
    """Clippings of the panel's buttons and tabs (its page scrolls by design)."""
    names = {f"QPushButton('{n}')" for n in (*HEAD, *TABS)}
    return [p for p in clipped_texts(window) if p.split(":", 1)[0] in names]


def _rows(window: QWidget) -> list[int]:
    """How many tabs stand in each row, top to bottom."""
    tops: dict[int, int] = {}
    for name in TABS:
        b = _key(window, name)
        y = b.mapTo(window, b.rect().topLeft()).y()
        tops[y] = tops.get(y, 0) + 1
    return [tops[y] for y in sorted(tops)]


def _sign_in(window, qtbot) -> MaintenanceScreen:  # type: ignore[no-untyped-def]
    _type(window, qtbot, DEMO_TECHNICIAN)
    qtbot.mouseClick(_key(window, "btn_next"), Qt.MouseButton.LeftButton)
    _type(window, qtbot, DEMO_PIN)
    qtbot.mouseClick(_key(window, "btn_unlock"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(b.isVisible() for b in window.findChildren(QAbstractButton, "tab_devices")),
        timeout=5000,
    )
    screen = window.findChild(MaintenanceScreen)
    assert screen is not None and window.core.screen() == Screen.MAINTENANCE
    return screen  # type: ignore[no-any-return]


def test_portrait_english_panel_reads_whole_and_every_tab_opens(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1080, 1920)
    stage(window, SIGN_IN, "en", True, text_step=0)
    window.resize(1080, 1920)
    screen = _sign_in(window, qtbot)
    assert _cut(window) == []
    assert _rows(window) == [3, 3, 1]  # fewer a row rather than cut
    for page, name in zip(PAGES, TABS, strict=True):
        qtbot.mouseClick(_key(window, name), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda p=page: screen.page_id == p, timeout=5000)
        assert _key(window, name).isChecked() and _key(window, name).font().bold()
        assert _cut(window) == [], page
        assert _rows(window) == [3, 3, 1], page  # marking a page moves no tab
    # The name has its row; the three buttons stand under it, whole.
    who = screen.who.mapTo(window, screen.who.rect().bottomLeft()).y()
    assert all(
        _key(window, n).mapTo(window, _key(window, n).rect().topLeft()).y() > who for n in HEAD
    )
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: _rows(window) == [4, 3], timeout=5000)
    assert _cut(window) == []
    # Landscape has the width: the name and its buttons share one row, above the page.
    name_at = QRect(screen.who.mapTo(window, QPoint(0, 0)), screen.who.size())
    for n in HEAD:
        b = _key(window, n)
        at = QRect(b.mapTo(window, QPoint(0, 0)), b.size())
        assert at.top() <= name_at.center().y() <= at.bottom(), (n, at, name_at)
    qtbot.mouseClick(_key(window, "btn_sign_out"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.technician is None and screen.signin.isVisible(), timeout=5000)
