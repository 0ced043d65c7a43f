"""The demo can fail the document camera, the passport (PC/SC) reader and the resident ID
(SAM) reader, and restore each (try-out 8, R1), through the simulators and the device
supervisor the real faults go through; a citizen on the identify screen is told which
way does not work and which still do, and the words go once it works again; on the
materials screen a lost camera says to skip the photo and bring the paper."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kiosk.backend import _probes
from kiosk.demo import DemoControls
from kiosk.events import Device, Health
from kiosk.flow import Screen
from kiosk.supervisor import DeviceSupervisor
from tests.ui.conftest_apply import ApplyRig, card_listener, put_on, rig  # noqa: F401
from ui.i18n import tr


def _supervised(r: ApplyRig) -> None:
    """One round of the device supervisor, as the kiosk's builds it (Backend.start; its
    thread polls every 5 s), over the rig's devices."""
    b = r.backend
    if b.supervisor is None:
        b.supervisor = DeviceSupervisor(r.core.bus, _probes(b))
    b.supervisor.poll_once()
    r.settle()


def _message(r: ApplyRig) -> str:
    return r.label("identify_status") if r.shown("identify_status") else ""


def test_each_way_s_device_fails_and_recovers_in_words(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    demo = DemoControls(r.backend)
    r.to_identify()
    _supervised(r)
    assert "暂时不能用" not in _message(r)
    manual = tr("identify.manual", "zh")

    # The camera: no e-ID code now; the document and typing still work.
    demo.set_camera_fault(True)
    _supervised(r)
    assert r.core.health(Device.SCANNER).health in (Health.DEGRADED, Health.FAULT)
    said = _message(r)
    assert said.startswith("扫码摄像头暂时不能用"), said
    assert "把证件放在读卡区" in said and f"点“{manual}”" in said and "电子证照" not in said
    demo.set_camera_fault(False)
    _supervised(r)
    assert "暂时不能用" not in _message(r)

    # The passport reader unplugged: the ID card reader, the e-ID code and typing remain.
    demo.set_card_reader_fault(True)
    _supervised(r)
    said = _message(r)
    assert said.startswith("证件读卡器暂时不能用"), said
    assert "把居民身份证放在身份证阅读器上" in said and "出示电子证照二维码" in said, said
    demo.set_card_reader_fault(False)
    _supervised(r)
    assert "暂时不能用" not in _message(r)
    assert r.core.screen() == Screen.IDENTIFY


def test_the_resident_id_reader_fault_is_said_and_goes(rig: ApplyRig, qtbot) -> None:  # noqa: F811
    r = rig
    demo = DemoControls(r.backend)
    reader = r.backend.idcard
    assert reader is not None and r.backend.idcard_simulator is not None
    reader.start(r.backend.on_idcard_read)  # as the kiosk starts it
    try:
        _resident_reader_fails_and_recovers(r, demo, qtbot)
    finally:
        reader.stop()


def _resident_reader_fails_and_recovers(r: ApplyRig, demo: DemoControls, qtbot) -> None:  # type: ignore[no-untyped-def]
    r.to_identify()

    def supervised_as(health: Health) -> bool:
        _supervised(r)
        return r.core.health(Device.IDCARD).health is health

    qtbot.waitUntil(lambda: supervised_as(Health.OK), timeout=20_000)
    assert "暂时不能用" not in _message(r)
    demo.set_idcard_reader_fault(True)
    qtbot.waitUntil(lambda: supervised_as(Health.FAULT), timeout=20_000)
    said = _message(r)
    assert said.startswith("身份证阅读器暂时不能用"), said
    assert "把护照或通行证放在读卡区" in said and "出示电子证照二维码" in said, said
    demo.set_idcard_reader_fault(False)
    qtbot.waitUntil(lambda: supervised_as(Health.OK), timeout=20_000)
    assert "暂时不能用" not in _message(r)


def test_the_camera_fault_on_the_materials_screen_and_back(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    demo = DemoControls(r.backend)
    put_on(r.window, Screen.DOCUMENTS)
    r.qtbot.waitUntil(lambda: r.button("btn_capture").isEnabled(), timeout=5000)
    demo.set_camera_fault(True)
    picture = r.window.findChild(QLabel, "docs_viewfinder_picture")
    assert picture is not None
    r.qtbot.waitUntil(lambda: "摄像头暂时无法使用" in picture.text(), timeout=5000)
    assert "带到窗口" in picture.text()
    assert not r.button("btn_capture").isEnabled() and r.button("btn_skip").isEnabled()
    demo.set_camera_fault(False)
    r.qtbot.waitUntil(lambda: r.button("btn_capture").isEnabled(), timeout=5000)
    assert "摄像头暂时无法使用" not in picture.text()


def test_the_demo_panel_offers_the_three_faults_under_one_button(window, kiosk_app) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from ui.demo_panel import install_demo_panel

    panel = install_demo_panel(window, kiosk_app)
    try:
        button = panel.findChild(QPushButton, "demo_device_faults")
        assert button is not None and button.menu() is not None
        entries = {a.objectName(): a for a in button.menu().actions()}
        assert set(entries) == {
            "demo_camera_fault",
            "demo_card_reader_fault",
            "demo_idcard_reader_fault",
        }
        entries["demo_card_reader_fault"].trigger()
        assert kiosk_app.core.backend.card.status().value == "no_reader"
        button.menu().aboutToShow.emit()
        assert entries["demo_card_reader_fault"].isChecked()  # ticked while it is down
        entries["demo_card_reader_fault"].trigger()
        assert kiosk_app.core.backend.card.status().value != "no_reader"
    finally:
        panel.close()
        panel.deleteLater()


def test_the_camera_fault_words_are_whole_in_english_at_4_of_4(rig: ApplyRig) -> None:  # noqa: F811
    """English 长辈模式 字号 4/4 in the demo's window on a 1280x800 screen (1280x773 over
    its strip): the camera fault's three lines are read whole where the picture was, and
    no button moves when they come (try-out 15, E4: an empty caption kept a line's room
    and the words were cut top and bottom, "below" sliced off)."""
    from ui.clipping import clipped_texts
    from ui.screens.documents import DocumentsScreen

    r = rig
    r.window.resize(1280, 773)
    r.click("btn_lang")
    r.click("btn_assisted")
    for _ in range(3):
        r.click("btn_text_size")
    put_on(r.window, Screen.DOCUMENTS, latin=True)
    r.core.sessions.current.service_id = "renshe.ss_card_replace"  # an optional photo
    r.window.show_screen()
    assert r.window.display_prefs()[0] == 3 and r.core.sessions.current.language == "en"
    r.qtbot.waitUntil(lambda: r.button("btn_capture").isEnabled(), timeout=5000)
    buttons = {
        n: r.button(n).mapTo(r.window, r.button(n).rect().topLeft())
        for n in ("btn_capture", "btn_skip")
    }
    DemoControls(r.backend).set_camera_fault(True)
    picture = r.window.findChild(QLabel, "docs_viewfinder_picture")
    assert picture is not None
    r.qtbot.waitUntil(lambda: "camera is not working" in picture.text(), timeout=5000)
    r.settle()
    screen = next(s for s in r.window.findChildren(DocumentsScreen) if s.isVisible())
    assert clipped_texts(screen) == []
    assert {
        n: r.button(n).mapTo(r.window, r.button(n).rect().topLeft()) for n in buttons
    } == buttons
    DemoControls(r.backend).set_camera_fault(False)
