"""A chip that fails passive authentication is refused on the MRZ screen, through the real window."""

from __future__ import annotations

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, card_listener, put_on, rig  # noqa: F401


def _type_details(r: ApplyRig) -> None:
    r.type("E12345678")
    r.click("field_birth_date")
    r.type("19850315")
    r.type("20341231")  # the keypad moved on to the expiry date by itself


def test_forged_chip_is_refused_and_a_genuine_one_then_reads(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.to_identify()
    r.card.insert_forged_document()  # the demo passport, its DG1 not what EF.SOD signed
    r.at(Screen.MRZ_ENTRY)
    _type_details(r)
    r.click("btn_read")
    r.qtbot.waitUntil(lambda: "防伪" in r.label("mrz_status"), timeout=5000)
    assert "人工窗口" in r.label("mrz_status")  # where to go instead
    r.at(Screen.MRZ_ENTRY)
    assert r.core.sessions.current.identity is None  # nothing from the forged chip kept
    r.card.remove_card()
    r.card.insert_document()
    r.click("btn_read")
    r.qtbot.waitUntil(lambda: r.core.screen() != Screen.MRZ_ENTRY, timeout=5000)
    ident = r.core.sessions.current.identity
    assert ident is not None and ident.document_number == "E12345678"
