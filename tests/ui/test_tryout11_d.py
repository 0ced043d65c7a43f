"""Try-out 11, C2, C3, C6, C8: what the citizen reads in the bars, on 一次性告知, and
what the demo controls leave uncovered, through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.events import Device, DeviceStatusChanged, Health
from kiosk.flow import Screen
from kiosk.services.apply import capturable_materials
from tests.support.pages import read_the_guide, turn_pages_to
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from ui.demo_panel import install_demo_panel
from ui.main_window import STEP_KEYS
from ui.tour import SCENES, stage

SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


def _steps_said(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [lab.text() for lab in window.step_labels]


def _open_catalog(window, qtbot, size: tuple[int, int], lang: str, text_step: int) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    # The platform answered: the bar says 网络正常 in its slot, as on a kiosk in use.
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.OK, "platform"))
    _settle()
    if window.core.sessions.current.language != lang:
        _tap(qtbot, _visible(window, "btn_lang"))
    while window.display_prefs()[0] != text_step:  # 字号, tapped
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(*size)
    _settle()
    _tap(qtbot, _visible(window, "tile_apply"))
    assert window.core.screen() == Screen.CATALOG


@pytest.mark.parametrize("text_step", [0, LARGEST], ids=["text1", "text4"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "size", [s for s in SIZES if s != (1920, 1080)], ids=str
)  # tight two (CI's time)
def test_each_step_has_one_name_from_the_catalog_on(window, qtbot, size, lang, text_step) -> None:  # type: ignore[no-untyped-def]
    """C2: at 1280x800 in English step 1 read "Choose" on the catalog and "Pick" from
    身份核验 on (the current step's name among the others' short names)."""
    _open_catalog(window, qtbot, size, lang, text_step)
    said = {"catalog": _steps_said(window)}
    page = window.current_page()
    # One application's six steps on every screen: a service with papers to photograph,
    # as the staged scenes' (one without has no 材料 step: try-out 17, E6).
    at_kiosk = {
        f"service_{s.id}" for s in page.visible_services() if s.at_kiosk and capturable_materials(s)
    }
    tiles = [t for t in page.services.items() if t.isVisible()]
    _tap(qtbot, next(t for t in tiles if t.objectName() in at_kiosk))
    assert window.core.screen() == Screen.GUIDE

    def tap(name: str) -> None:
        _tap(qtbot, _visible(window, name))

    read_the_guide(window, tap)
    tap("btn_start")
    assert window.core.screen() == Screen.IDENTIFY
    _settle()
    said["identify"] = _steps_said(window)
    scenes = {s.name: s for s in SCENES}
    for name in ("manual_id", "form", "documents", "review", "submitted"):  # the later steps
        stage(window, scenes[name], lang, False, text_step=text_step)
        window.resize(*size)
        _settle()
        said[name] = _steps_said(window)
    assert all(len(row) == len(STEP_KEYS) for row in said.values())
    # Each step as it reads on either screen: a number, or one name (or a number and it
    # on the current step), the same name wherever it stands.
    names: dict[int, set[str]] = {}
    for row in said.values():
        for i, text in enumerate(row):
            word = text.removeprefix(f"{i + 1}").strip()
            if word:
                names.setdefault(i, set()).add(word)
    two = {i: n for i, n in names.items() if len(n) > 1}
    assert not two, said


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_offline_words_keep_the_bars_margin(window, size, lang) -> None:  # type: ignore[no-untyped-def]
    """C3: at 1280x800 "离线办理中，申请将自动上传" ran to the screen's last pixel column,
    where 网络正常 in the same slot stood clear of it."""
    window.resize(*size)
    window.core.bus.publish(DeviceStatusChanged(Device.PLATFORM, Health.FAULT, "platform.down"))
    scenes = {s.name: s for s in SCENES}
    for name in ("home", "review"):
        stage(window, scenes[name], lang, False)
        window.resize(*size)
        _settle()
        label = window.net_label
        assert label.isVisible() and label.text() in label.texts()[:2], name
        bar = label.parentWidget()
        margin = bar.layout().contentsMargins().right()
        gap = window.tokens().gap()
        end = label.mapTo(bar, QPoint(label.contentsRect().left(), 0)).x()
        end += label.fontMetrics().horizontalAdvance(label.text())
        # As far from the bar's edge as the bar's margin and one gap between controls.
        assert end <= bar.width() - margin - gap, (name, label.text(), end, bar.width())
        assert (window.width(), window.height()) == size
        if size == (1280, 800) and lang == "zh":
            assert label.text() == label.texts()[0], "the whole sentence, as before"


ENDORSEMENT = "gongan.hk_macau_endorsement"  # 15元, paid at the exit-entry counter


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("size", "assisted", "text_step"),
    [
        ((1920, 1080), False, 0),
        ((1280, 800), False, LARGEST),
        ((1280, 800), True, LARGEST),
        ((1080, 1920), True, LARGEST),
    ],
    ids=["1920-standard", "1280-standard-text4", "1280-assisted-text4", "1080-assisted-text4"],
)
def test_the_guide_says_how_the_fee_is_paid_with_the_fee(  # type: ignore[no-untyped-def]
    window, qtbot, lang, size, assisted, text_step
) -> None:
    """C6: 一次性告知 said "收费标准：15元" and nothing of the catalog's 缴费方式和地点
    ("本机不能缴费：请凭回执到出入境窗口缴纳…")."""
    service = window.core.catalog.by_id(ENDORSEMENT)
    assert service is not None and service.fee_pay is not None
    window.resize(*size)
    _settle()
    if lang == "en":
        _tap(qtbot, _visible(window, "btn_lang"))
    if assisted:
        _tap(qtbot, _visible(window, "btn_assisted"))
        assert window.core.sessions.current.assisted
    while window.display_prefs()[0] != text_step:  # 字号, tapped
        _tap(qtbot, _visible(window, "btn_text_size"))
    window.resize(*size)
    _settle()
    turn_pages_to(window, "tile_guides", lambda w: _tap(qtbot, w))
    _tap(qtbot, _visible(window, "tile_guides"))
    assert window.core.screen() == Screen.CATALOG
    # The catalog's pages have their own tests: chosen as its tile would.
    window.core.sessions.current.service_id = ENDORSEMENT
    window.show_screen(window.core.next())
    _settle()
    assert window.core.screen() == Screen.GUIDE
    fee = window.current_page().findChild(QLabel, "guide_fee")
    assert fee is not None
    for _ in range(10):  # 下一页 to the fee, as the citizen turns them
        if fee.isVisible():
            break
        _tap(qtbot, _visible(window, "materials_next"))
    assert fee.isVisible(), "the fee never came on a page"
    said = fee.text()
    assert service.fee.get(lang) in said and service.fee_pay.get(lang) in said, said
    assert fee.height() >= fee.heightForWidth(fee.width()), "the whole of it, not cut"
    assert (window.width(), window.height()) == size


def _drawn(label: QLabel) -> QRect:
    """Where a label's text is drawn, in global coordinates (a wrapped one's lines)."""
    flags = int(label.alignment()) | int(Qt.TextFlag.TextWordWrap)
    text = label.fontMetrics().boundingRect(label.contentsRect(), flags, label.text())
    return QRect(label.mapToGlobal(text.topLeft()), text.size())


# 1280x800 has no spot the unfolded panel (~580x520) fits beside the keys and the
# question both: there it keeps off the keys, and folds again at its first action.
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=str)
def test_the_unfolded_demo_controls_leave_the_tracking_page_readable(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot, size
) -> None:
    """C8: unfolded at 1920x1080 the demo controls lay on 查询's question and on the
    number typed, with the right half of the screen empty."""
    window.resize(*size)
    _settle()
    _tap(qtbot, _visible(window, "tile_track"))
    assert window.core.screen() == Screen.TRACK
    for ch in "M00126120700011":  # M001-261207-0001-1: a wrong check character
        _tap(qtbot, _visible(window, f"key_{ch}"))
    typed = window.current_page().findChild(QLabel, "track_number_text")
    assert typed is not None and "0001" in typed.text().replace("-", "")
    _tap(qtbot, _visible(window, "btn_track_lookup"))
    message = window.current_page().findChild(QLabel, "track_message")
    qtbot.waitUntil(lambda: message.isVisible() and bool(message.text()), timeout=5000)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.set_collapsed(True)
    panel.follow(window)
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the presenter unfolds it
    assert not panel.collapsed
    area = panel.frameGeometry()
    page = window.current_page()
    for name in ("track_prompt", "track_number_text", "track_message"):
        label = page.findChild(QLabel, name)
        assert label is not None and label.isVisible() and label.text(), name
        assert not _drawn(label).intersects(area), (name, label.text(), area)
    # Its own sample-document lines end inside it, clear of its edge ("姓名 李秀兰" stood
    # at the window's last pixel).
    samples = panel.findChild(QLabel, "demo_samples")
    widest = max(samples.fontMetrics().horizontalAdvance(t) for t in samples.text().splitlines())
    assert samples.mapTo(panel, QPoint(widest, 0)).x() <= panel.width() - 8 - 4
    keys = [b for b in page.findChildren(QAbstractButton) if b.isVisible()]
    covered = [b.objectName() for b in keys if _global(b).intersects(area)]
    assert not covered, covered  # nor a key or 查询
    # Still the presenter's to fold (and to unfold again).
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.collapsed and not panel.body.isVisible()


def _global(w: QWidget) -> QRect:
    return QRect(w.mapToGlobal(QPoint(0, 0)), w.size())


def test_f11_toggles_the_printer_offline_and_back(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """R3: F11 only set "printer offline"; pressed again, as F12 is, it failed the printer
    again (the README's key table now says which keys toggle)."""
    from PySide6.QtTest import QTest

    kiosk_app.start()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)

    def printer() -> Health:
        return window.core.health(Device.PRINTER).health

    qtbot.waitUntil(lambda: printer() == Health.OK, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_F11)  # offline
    qtbot.waitUntil(lambda: printer() == Health.FAULT, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_F11)  # and back
    qtbot.waitUntil(lambda: printer() == Health.OK, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_F11)  # offline again
    qtbot.waitUntil(lambda: printer() == Health.FAULT, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_F10)  # F10 sets ready, whatever came before
    qtbot.waitUntil(lambda: printer() == Health.OK, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_F11)  # so F11 next is offline, not "back"
    qtbot.waitUntil(lambda: printer() == Health.FAULT, timeout=10_000)
