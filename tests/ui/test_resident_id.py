"""Lay a card on the SAM reader and reach a pre-filled form: no typing, in both modes.

The demo configuration puts a simulated reader on a pseudo-terminal and the real
serial driver on the other end (kiosk.backend); the reader is started here as
Backend.start would start it. Every step is through the real window.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drivers.idcard.simulator import PtySamReader, sample_card
from kiosk.events import Device
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.helpers import visible_texts, wait_until_tappable

CARD = sample_card("resident")
READ_MS = 5000  # the read takes ~0.6 s; the bound only keeps a broken test from hanging


@pytest.fixture
def sam(rig: ApplyRig) -> Iterator[PtySamReader]:  # noqa: F811
    backend = rig.backend
    assert backend.idcard is not None and backend.idcard_simulator is not None
    backend.idcard.start(backend.on_idcard_read)
    yield backend.idcard_simulator
    backend.idcard.stop()


def _lay(r: ApplyRig, sam: PtySamReader, key: str = "resident") -> None:
    sam.lay(sample_card(key))


@pytest.mark.parametrize("assisted", [False, True])
def test_lay_the_card_and_the_form_is_filled(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,
    assisted: bool,
) -> None:
    r = rig
    r.to_identify()
    if assisted:
        r.click("btn_big_mode")
        assert r.core.sessions.current.assisted
    r.at(Screen.IDENTIFY)
    _lay(r, sam)
    if assisted:  # who was identified, before the first question (try-out 8, E2)
        r.qtbot.waitUntil(lambda: r.shown("btn_choice_yes"), timeout=READ_MS)
        r.confirm_identified()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    r.settle()
    ident = r.core.sessions.current.identity
    assert ident is not None
    assert ident.full_name == "王晓明" and ident.document_number == CARD.values["number"]
    assert ident.sex.value == "M" and ident.birth_date is not None
    assert ident.birth_date.isoformat() == "1985-03-12"
    values = r.core.sessions.current.form_values
    assert values["address"] == CARD.values["address"]  # editable, but already there
    texts = " ".join(visible_texts(r.window))
    assert CARD.values["number"] not in texts  # masked on screen
    if not assisted:
        # Shown (masked) with who was identified, each after its field's name.
        assert r.label("locked_applicant_name").endswith("王*明")
        assert r.label("locked_id_number").endswith("110105********0012")
        assert r.shown("value_address")
        assert "北京市东城区" in texts
    else:
        # One question a page; nothing read from the card is asked again.
        assert not r.shown("step_applicant_name") and not r.shown("step_id_number")


def test_expired_card_gets_a_clear_message(rig: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    _lay(r, sam, "expired")
    r.qtbot.waitUntil(lambda: r.shown("identify_status"), timeout=READ_MS)
    assert r.label("identify_status") == "该证件已过有效期，请使用有效证件。"
    assert r.core.sessions.current.identity is None
    r.at(Screen.IDENTIFY)


def test_wrong_card_type_for_the_service(rig: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    r = rig
    r.to_identify("gongan.hukou_certificate")  # 户籍证明: resident ID holders only
    _lay(r, sam, "foreign_2023")
    r.qtbot.waitUntil(lambda: r.shown("identify_status"), timeout=READ_MS)
    assert r.label("identify_status").startswith("这个事项需要居民身份证")
    assert r.core.sessions.current.identity is None


def test_card_left_on_the_reader_is_not_read_for_the_next_citizen(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,
) -> None:
    r = rig
    r.to_identify()
    _lay(r, sam)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    from PySide6.QtCore import Qt

    wait_until_tappable(r.window.home_btn)
    r.qtbot.mouseClick(r.window.home_btn, Qt.MouseButton.LeftButton)
    r.click("overlay_primary")  # "leave and wipe what you entered?" yes
    assert r.core.sessions.current.identity is None
    r.to_identify()
    assert sam.card_present  # still lying there
    r.qtbot.wait(1000)  # several polls of the reader
    r.at(Screen.IDENTIFY)
    assert r.core.sessions.current.identity is None


def test_take_the_card_back_shown_and_spoken(rig: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    r = rig
    r.to_identify("gongan.hukou_certificate")
    _lay(r, sam)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    r.click("choice_purpose_school")
    r.click("value_copies")
    r.type("1")
    r.click("btn_done")
    r.click("btn_next")
    r.at(Screen.REVIEW)
    r.click("btn_submit")
    r.at(Screen.SUBMITTED)
    assert r.shown("take_card") and r.label("take_card") == "请取走您的身份证"
    player = r.backend.voice.player
    r.qtbot.waitUntil(lambda: "请取走您的身份证" in player.texts, timeout=3000)
    # Switched to English on this screen: the reminder follows (try-out 4, item 4).
    r.click("btn_lang")
    assert r.shown("take_card") and r.label("take_card") == "Please take your ID card with you"


def test_reader_health_carries_the_sam_id(rig: ApplyRig, sam: PtySamReader) -> None:  # noqa: F811
    from kiosk.backend import _probes

    r = rig
    r.to_identify()
    _lay(r, sam)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    health, detail = _probes(r.backend)[Device.IDCARD]()
    assert health.value == "ok"
    assert detail == "idcard.ready SAM 05.01-20158553-0005991630-2146482361 photo not available"
    assert r.backend.idcard_sam_id() == "05.01-20158553-0005991630-2146482361"


def read_passport_by_camera(r: ApplyRig) -> None:
    """To identify, then the sample passport on the chip reader and under the camera
    (BAC keys from the MRZ, no typing): on to the form."""
    import cv2

    from drivers.card.simulator import sample_passport
    from tests.support.mrz_corpus import make_sample

    doc = sample_passport()
    frame = make_sample(7, "td3", "clean", (1280, 720), mrz=doc.mrz).frame
    ok, jpeg = cv2.imencode(".jpg", frame)
    assert ok
    r.backend.scanner.document_jpeg = jpeg.tobytes()
    r.to_identify()
    r.card.insert_document(doc)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)


def test_passport_mrz_read_by_the_camera_no_typing(rig: ApplyRig) -> None:  # noqa: F811
    """A passport on the chip reader and under the camera: BAC keys from the MRZ, no typing."""
    r = rig
    read_passport_by_camera(r)
    ident = r.core.sessions.current.identity
    assert ident is not None and ident.document_number == "E12345678"


@pytest.mark.parametrize(
    ("button", "name", "kind"),
    [
        ("demo_idcard_resident", "王晓明", "resident_id"),
        ("demo_idcard_hmt", "陈嘉欣", "residence_permit"),
        ("demo_idcard_foreign", "SMITH JOHN", "permanent_residence"),
    ],
)
def test_demo_keys_lay_each_card_and_fill_the_form(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,
    kiosk_app,  # type: ignore[no-untyped-def]
    button: str,
    name: str,
    kind: str,
) -> None:
    from PySide6.QtWidgets import QPushButton

    from ui.demo_panel import install_demo_panel

    r = rig
    panel = install_demo_panel(r.window, kiosk_app)
    r.to_identify()
    b = panel.findChild(QPushButton, button)
    assert b is not None, button
    b.click()
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=READ_MS)
    ident = r.core.sessions.current.identity
    assert ident is not None
    assert (ident.full_name, ident.document_type.value) == (name, kind)
    panel.findChild(QPushButton, "demo_idcard_lift").click()
    assert not sam.card_present
    panel.close()
