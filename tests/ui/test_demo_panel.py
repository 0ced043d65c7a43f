"""The demo panel drives the simulators: what a presenter clicks is what the kiosk sees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton

from kiosk.events import Device, Health
from tests.support.pages import read_the_guide
from tests.ui.helpers import wait_until_tappable
from ui.demo_panel import _actions, install_demo_panel
from ui.i18n import STRINGS


def _tap_named(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    [b] = [b for b in window.findChildren(QAbstractButton, name) if b.isVisible()]
    wait_until_tappable(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def test_every_demo_action_is_labelled_in_both_languages(kiosk_app) -> None:  # type: ignore[no-untyped-def]
    from kiosk.demo import DemoControls

    for _key, text, _action in _actions(DemoControls(kiosk_app.backend)):
        assert text in STRINGS


def test_card_and_printer_controls_reach_the_simulators(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from drivers.card.types import ReaderStatus

    kiosk_app.start()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.findChild(QPushButton, "demo_card_adult").click()
    assert kiosk_app.backend.card.status() == ReaderStatus.CARD_PRESENT
    panel.findChild(QPushButton, "demo_card_remove").click()
    assert kiosk_app.backend.card.status() == ReaderStatus.NO_CARD
    panel.findChild(QPushButton, "demo_paper_out").click()
    qtbot.waitUntil(
        lambda: window.core.health(Device.PRINTER).health == Health.FAULT, timeout=10_000
    )
    panel.findChild(QPushButton, "demo_printer_ready").click()
    qtbot.waitUntil(lambda: window.core.health(Device.PRINTER).health == Health.OK, timeout=10_000)


def test_demo_e_id_is_accepted_end_to_end(window, kiosk_app, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton

    from kiosk.demo import sample_citizen
    from kiosk.flow import Journey, Screen

    # The embedded platform signs with the real time: the kiosk must agree on it.
    clock.now = dt.datetime.now(dt.UTC)
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    assert kiosk_app.backend.platform is not None  # the embedded platform issues the e-ID
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = "renshe.unemployment_registration"
    window.show_screen(core.next())  # the guide
    read_the_guide(window, lambda n: _tap_named(window, qtbot, n))
    start = [b for b in window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
    wait_until_tappable(start[0])
    qtbot.mouseClick(start[0], Qt.MouseButton.LeftButton)
    assert core.screen() == Screen.IDENTIFY
    panel.findChild(QPushButton, "demo_qr_eid").click()  # F5
    qtbot.waitUntil(lambda: core.sessions.current.identity is not None, timeout=10_000)
    ident = core.sessions.current.identity
    adult = sample_citizen("adult")
    assert ident.document_number == adult.id_number and ident.source.value == "e_id_qr"
    qtbot.waitUntil(lambda: core.screen() == Screen.FORM, timeout=5_000)


def test_demo_identities_pass_the_gb11643_check() -> None:
    import datetime as dt

    from kiosk.demo import SAMPLES
    from kiosk.identity import validate_resident_id

    assert len(SAMPLES) >= 2
    for c in SAMPLES:
        assert validate_resident_id(c.id_number, dt.date(2026, 11, 23)) is None, c.key
        assert c.id_number[6:14] == f"{c.birth_date:%Y%m%d}"


def test_demo_panel_lists_the_sample_documents_and_what_to_type(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from kiosk.demo import SAMPLES

    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    guide = panel.findChild(QLabel, "demo_samples").text()
    for c in SAMPLES:
        assert c.passport_number in guide and c.id_number in guide
        assert f"{c.birth_date:%Y%m%d}" in guide and f"{c.passport_expiry:%Y%m%d}" in guide


def test_demo_e_id_still_works_with_the_network_cut(window, kiosk_app, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    """F12 then F5: a genuine e-ID (as on a phone), verified offline with the configured key."""
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from kiosk.demo import sample_citizen
    from kiosk.flow import Journey, Screen

    clock.now = dt.datetime.now(dt.UTC)
    kiosk_app.start()
    assert kiosk_app.backend.wait_started(30)
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    panel.findChild(QPushButton, "demo_network").click()  # F12: network down
    assert kiosk_app.backend.platform is None  # the embedded platform is really stopped
    core = window.core
    core.start(Journey.APPLY)
    core.sessions.current.service_id = "renshe.unemployment_registration"
    window.show_screen(core.next())
    read_the_guide(window, lambda n: _tap_named(window, qtbot, n))
    start = [b for b in window.findChildren(QAbstractButton, "btn_start") if b.isVisible()]
    wait_until_tappable(start[0])
    qtbot.mouseClick(start[0], Qt.MouseButton.LeftButton)
    assert core.screen() == Screen.IDENTIFY
    panel.findChild(QPushButton, "demo_qr_eid").click()  # F5
    qtbot.waitUntil(lambda: core.sessions.current.identity is not None, timeout=10_000)
    status = window.findChild(QLabel, "identify_status")
    assert status is None or "不是电子证照" not in status.text()
    ident = core.sessions.current.identity
    assert ident.document_number == sample_citizen("adult").id_number
    assert ident.source.value == "e_id_qr"
    qtbot.waitUntil(lambda: core.screen() == Screen.FORM, timeout=5_000)
    panel.findChild(QPushButton, "demo_network").click()  # network back, for the teardown


def test_the_panel_never_covers_the_kiosk_corners(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The kiosk fills the screen (no room beside or below, no window manager): the
    panel folds into a strip of its own under the kiosk, which gives up that height."""
    from PySide6.QtCore import QPoint, QRect, Qt

    from ui.demo_panel import covered_by

    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    size = window.size()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.isVisible())
    assert panel.collapsed and not panel.findChild(QPushButton, "demo_card_adult").isVisible()
    area = panel.frameGeometry()
    k = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    assert not area.intersects(k)  # so neither a corner of the maintenance gesture
    assert window.width() == size.width()
    assert window.height() == size.height() - area.height()
    assert area.height() <= 40  # a thin strip: the kiosk keeps nearly all of its height
    assert covered_by(panel, window) == []
    # The presenter unfolds it with a tap, and folds it again: back in its strip.
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.findChild(QPushButton, "demo_card_adult").isVisible()
    wait_until_tappable(toggle)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert panel.collapsed
    assert panel.frameGeometry() == area


def test_the_folded_panel_never_covers_a_control(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Try-out 5: the folded button, moved to a spot free of controls, still lay on
    headings, on half a tracking number and on 退出维护. In its strip it covers nothing
    on any screen at any size, mode or text step, taps on the kiosk's screens included
    (tests/ui/fit_clip_child.py checks every staged scene the same way)."""
    from tests.ui.test_fit_text_sizes import LARGEST, SIZES
    from ui.demo_panel import covered_by, folded_height, reserve_strip
    from ui.tour import SCENES, stage

    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    names = ("home", "catalog", "maintenance_devices", "submitted", "track_result", "review")
    scenes = [s for s in SCENES if s.name in names]
    assert len(scenes) == len(names)
    checked = 0
    for w, h in SIZES:
        window.setFixedSize(w, h)
        reserve_strip(panel, window, window.frameGeometry())
        strip = panel.frameGeometry()
        assert (window.width(), window.height()) == (w, h - folded_height(panel))
        for assisted in (False, True):
            for scene in scenes:
                stage(window, scene, "en" if assisted else "zh", assisted, text_step=LARGEST)
                qtbot.wait(10)
                where = f"{scene.name} {w}x{h} assisted={assisted}"
                assert panel.frameGeometry() == strip, where
                assert (window.width(), window.height()) == (w, h - strip.height()), where
                assert covered_by(panel, window) == [], where
                checked += 1
    assert checked == len(SIZES) * 2 * len(scenes)


def test_function_keys_work_while_the_panel_has_the_focus(window, kiosk_app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Try-out 4: the first F9 after tapping the panel did nothing (the panel had the
    focus). Keys typed into the panel reach the same handlers as on the kiosk window."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    kiosk_app.start()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the presenter taps the panel
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    panel.activateWindow()
    toggle.setFocus()
    QTest.keyClick(toggle, Qt.Key.Key_F9)  # paper out, typed into the panel
    qtbot.waitUntil(
        lambda: window.core.health(Device.PRINTER).health == Health.FAULT, timeout=10_000
    )
    QTest.keyClick(window, Qt.Key.Key_F10)  # and on the kiosk window as before
    qtbot.waitUntil(lambda: window.core.health(Device.PRINTER).health == Health.OK, timeout=10_000)


def test_the_unfolded_panel_keeps_off_the_header_and_folds_after_an_action(  # type: ignore[no-untyped-def]
    window, kiosk_app, qtbot
) -> None:
    """Try-out 4: unfolded at 1920x1080 it covered English, 长辈模式 and 呼叫工作人员.
    Unfolded over the kiosk it covers no header control and no must-see text, and an
    action folds it so the presenter sees what the kiosk does."""
    from PySide6.QtCore import QPoint, QRect, Qt

    from tests.ui.test_fit_text_sizes import SIZES
    from ui.demo_panel import chrome_of, controls_of, follow_free_spot, must_see_of
    from ui.tour import SCENES, stage

    kiosk_app.start()
    panel = install_demo_panel(window, kiosk_app)
    qtbot.addWidget(panel)
    toggle = panel.findChild(QPushButton, "btn_demo_toggle")
    scenes = [s for s in SCENES if s.name in ("home", "form")]
    for w, h in SIZES:
        for scene in scenes:
            window.resize(w, h)
            stage(window, scene, "zh", False)
            window.resize(w, h)
            panel.set_collapsed(True)
            follow_free_spot(panel, window)
            qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the presenter unfolds it
            assert not panel.collapsed
            where = f"{scene.name} {w}x{h}"
            area = panel.frameGeometry()
            k = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
            assert k.contains(area), where  # on the kiosk's screen, not half off it
            bars = chrome_of(window)
            shown = {window.lang_btn, window.assist_btn, window.staff_btn}
            assert all(b.isVisible() for b in shown), where
            assert len(bars) >= len(shown), where  # English, 长辈模式, 呼叫工作人员 …
            assert not [c for c in bars if c.intersects(area)], where
            for b in shown:
                assert not QRect(b.mapToGlobal(QPoint(0, 0)), b.size()).intersects(area), where
            assert not [t for t in must_see_of(window) if t.intersects(area)], where
    # An action folds it, onto a spot with no control.
    panel.findChild(QPushButton, "demo_printer_ready").click()
    assert panel.collapsed
    area = panel.frameGeometry()
    assert not [c for c in controls_of(window) if c.intersects(area)]
