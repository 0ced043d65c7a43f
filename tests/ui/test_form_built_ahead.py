"""The form built while the citizen proves who they are (issue #14: the tap to the form was
the journey's longest stall), through the real window.

While the citizen is on the guide and the identification screens, the window builds the
chosen service's form in small steps; the tap to it only fills in the citizen's part. The
form built ahead holds nothing of anyone's before they are identified, and a switch of
language or 长辈模式 on the way still gives the form in that language or mode, with the
identity filled in. Timing lives in bench/ui.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

import ui.prebuild
from kiosk.events import CodeScanned
from kiosk.flow import Screen
from kiosk.identity import IdentitySource
from kiosk.payloads import issue_eid_token
from tests.support.journey import ID_NUMBER, SERVICE, Driver, type_identity_by_hand
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from ui.i18n import tr
from ui.screens.base import BaseScreen

NAME = "张三"
OTHER = "gongan.hukou_certificate"  # on the catalog's first page too


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    # The pre-build between citizens waits half a second after the first paint.
    monkeypatch.setattr(ui.prebuild, "DELAY_MS", 0)


def _driver(window, qtbot) -> Driver:  # type: ignore[no-untyped-def]
    return Driver(window, lambda w: qtbot.mouseClick(w, Qt.MouseButton.LeftButton))


def _built(window, qtbot) -> BaseScreen:  # type: ignore[no-untyped-def]
    """The form screen once the window has nothing left to build (ahead or between citizens)."""
    qtbot.waitUntil(lambda: not window.prebuild_pending(), timeout=20_000)
    page = window._screens.get(Screen.FORM)
    assert page is not None, "no form screen made"
    return page  # type: ignore[no-any-return]


def _texts(page: QWidget) -> list[str]:
    """Every text a widget of ``page`` holds, shown or not."""
    out = []
    for w in page.findChildren(QWidget):
        text = getattr(w, "text", None)
        if callable(text):
            out.append(str(text()))
    return out


def _holds_identity(page: QWidget) -> list[str]:
    digits = ID_NUMBER[6:14]  # the birth date in the number, in any masking
    return [t for t in _texts(page) if any(ch in t for ch in NAME) or digits in t]


def _year(window) -> QWidget | None:  # type: ignore[no-untyped-def]
    page = window._screens.get(Screen.FORM)
    return None if page is None else page.findChild(QWidget, "value_year")


def _label(window, field: str, lang: str) -> str:  # type: ignore[no-untyped-def]
    service = window.core.catalog.by_id(SERVICE)
    return next(f.label.get(lang) for f in service.form if f.id == field)


def test_the_form_is_built_ahead_and_holds_no_identity_until_identified(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d = _driver(window, qtbot)
    type_identity_by_hand(d)  # the number and the name typed, not yet confirmed
    page = _built(window, qtbot)
    assert d.screen() is Screen.MANUAL_ID
    year = page.findChild(QWidget, "value_year")
    assert year is not None, "the service's question is not built before the tap"
    assert page.findChild(QWidget, "locked_applicant_name") is not None
    assert _holds_identity(page) == [], "the form built ahead holds the typed identity"
    assert window.core.sessions.current.form_values == {}

    d.click("btn_confirm")
    d.click("btn_choice_no")  # born 1949: 长辈模式 is offered; declined
    d.wait_for(Screen.FORM)
    assert window._screens.get(Screen.FORM) is page
    assert page.findChild(QWidget, "value_year") is year, "built again on the tap"
    ident = window.core.sessions.current.identity
    said = d.find("form_identified").text()  # type: ignore[attr-defined]
    assert ident.masked_name() in said
    assert ident.masked_number() in d.find("locked_id_number").text()  # type: ignore[attr-defined]
    assert ident.masked_name() in d.find("locked_applicant_name").text()  # type: ignore[attr-defined]
    assert window.core.sessions.current.form_values["id_number"] == ID_NUMBER


def test_a_language_switch_while_identifying_gives_the_form_in_that_language(  # type: ignore[no-untyped-def]
    window, qtbot
) -> None:
    d = _driver(window, qtbot)
    type_identity_by_hand(d)
    label = _built(window, qtbot).findChild(QWidget, "label_year")
    assert label is not None and label.text().startswith(_label(window, "year", "zh"))
    d.click("btn_lang")  # English, on the identification screen
    page = _built(window, qtbot)
    year = page.findChild(QWidget, "value_year")
    label = page.findChild(QWidget, "label_year")
    assert year is not None and label is not None, "not built ahead again in English"
    assert label.text().startswith(_label(window, "year", "en"))
    assert _holds_identity(page) == []

    d.click("btn_confirm")
    d.click("btn_choice_no")
    d.wait_for(Screen.FORM)
    assert page.findChild(QWidget, "value_year") is year, "built again on the tap"
    ident = window.core.sessions.current.identity
    assert d.find("form_prompt").text() in (  # type: ignore[attr-defined]
        tr("form.prompt", "en"),
        tr("form.prompt_short", "en"),
    )
    said = d.find("form_identified").text()  # type: ignore[attr-defined]
    assert ident.masked_name() in said
    assert said == tr(
        "form.identified.manual",
        "en",
        name=ident.masked_name(),
        doc=tr(f"doctype.{ident.document_type.value}", "en"),
        src=tr(f"form.from_id.{ident.source.value}", "en"),
    )
    assert d.find("label_year").text().startswith(_label(window, "year", "en"))  # type: ignore[attr-defined]


def test_elder_mode_switched_while_identifying_gives_its_form_with_the_identity(  # type: ignore[no-untyped-def]
    window, qtbot
) -> None:
    d = _driver(window, qtbot)
    type_identity_by_hand(d)
    _built(window, qtbot)
    d.click("btn_assisted")  # 长辈模式: every screen made again in its size
    page = _built(window, qtbot)
    box = page.findChild(QWidget, "step_year")
    assert box is not None, "长辈模式's question not built ahead"
    assert page.findChild(QWidget, "value_year") is None  # the standard list is gone
    assert _holds_identity(page) == []

    d.click("btn_confirm")
    d.click("btn_choice_yes")  # 是我，继续 on who was typed in
    d.wait_for(Screen.FORM)
    assert window._screens.get(Screen.FORM) is page
    assert page.findChild(QWidget, "step_year") is box, "built again on the tap"
    assert page.step() == (1, 1), "the name and number are filled in, not asked"
    values = window.core.sessions.current.form_values
    assert values["id_number"] == ID_NUMBER
    assert values["applicant_name"] == NAME
    assert d.find("field_year").isVisible()


def test_another_service_chosen_gets_its_own_form_ahead(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d = _driver(window, qtbot)
    type_identity_by_hand(d)
    _built(window, qtbot)
    assert _year(window) is not None
    # Back to the catalog, and another service: its form is built, not the first one's.
    while d.screen() is not Screen.CATALOG:
        d.click("btn_back")
    other = window.core.catalog.by_id(OTHER)
    d.click(f"service_{OTHER}")
    d.wait_for(Screen.GUIDE)
    page = _built(window, qtbot)
    assert page.findChild(QWidget, "value_year") is None, "the first service's form kept"
    asked = [f.id for f in other.form if f.prefill is None]
    assert asked and all(page.findChild(QWidget, f"item_{n}") is not None for n in asked)


def _read_by_eid(r: ApplyRig) -> None:
    claims = {
        "sub": "u1",
        "doc_type": "resident_id",
        "doc_number": ID_NUMBER,
        "surname": "李",
        "given_names": "四",
        "birth_date": "1949-12-31",
        "sex": "F",
    }
    r.core.bus.publish(
        CodeScanned(issue_eid_token(r.eid_key, claims, kid="P1", now=r.core.clock()))
    )
    r.click("btn_choice_no")  # born 1949: 长辈模式 is offered; declined


def _read_by_passport(r: ApplyRig) -> None:
    r.card.insert_document()
    r.at(Screen.MRZ_ENTRY)
    r.type("E12345678")
    r.click("field_birth_date")
    r.type("1985031520341231")
    r.click("btn_read")


@pytest.mark.parametrize("read", [_read_by_eid, _read_by_passport], ids=["e-ID", "passport"])
def test_an_identity_read_fills_the_form_built_ahead(rig: ApplyRig, read) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.to_identify()  # the unemployment registration: every common kind of question
    page = _built(r.window, r.qtbot)
    phone = page.findChild(QWidget, "value_phone")
    assert phone is not None, "the service's questions are not built before the read"
    assert page.findChild(QWidget, "form_identified").text() == ""
    read(r)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=10_000)
    assert page.findChild(QWidget, "value_phone") is phone, "built again on the tap"
    ident = r.core.sessions.current.identity
    assert ident is not None and ident.source is not IdentitySource.MANUAL
    said = r.label("form_identified")
    assert ident.masked_name() in said
    assert tr(f"form.from_id.{ident.source.value}", "zh") in said
    assert r.shown("btn_not_me")  # read, not typed: 不是我 beside who was identified
    assert ident.masked_number() in r.label("locked_id_number")


def test_a_text_size_step_while_identifying_gives_the_form_in_that_size(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    d = _driver(window, qtbot)
    type_identity_by_hand(d)
    before = _built(window, qtbot)
    small = before.findChild(QWidget, "label_year").fontInfo().pixelSize()
    d.click("btn_text_size")  # 字号: every screen made again in the larger type
    page = _built(window, qtbot)
    assert page is not before
    label = page.findChild(QWidget, "label_year")
    assert label is not None, "not built ahead again in the new size"
    assert label.fontInfo().pixelSize() > small
    assert _holds_identity(page) == []

    d.click("btn_confirm")
    d.click("btn_choice_no")
    d.wait_for(Screen.FORM)
    assert window._screens.get(Screen.FORM) is page
    assert page.findChild(QWidget, "label_year") is label, "built again on the tap"
    ident = window.core.sessions.current.identity
    assert ident.masked_name() in d.find("form_identified").text()  # type: ignore[attr-defined]


def test_not_me_leaves_no_identity_in_the_form(rig: ApplyRig) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    r.to_identify()
    _read_by_eid(r)
    r.qtbot.waitUntil(lambda: r.core.screen() == Screen.FORM, timeout=10_000)
    page = r.window._screens[Screen.FORM]
    masked = r.core.sessions.current.identity.masked_name()
    assert any(masked in t for t in _texts(page))
    r.click("btn_not_me")  # someone else's e-ID: back to identification
    r.at(Screen.IDENTIFY)
    page = _built(r.window, r.qtbot)
    assert not [t for t in _texts(page) if masked in t or "李" in t], "the last identity kept"
    assert page.findChild(QWidget, "value_phone") is not None  # built ahead again, empty


def test_an_identity_that_fills_fewer_fields_than_assumed_gets_those_asked(  # type: ignore[no-untyped-def]
    window, qtbot
) -> None:
    """The form is built ahead with every identity-backed field locked (the document will
    fill them); a typed identity has no expiry date, so a question taken from it must be
    asked, not shown locked and empty: the tap builds the form anew for what it fills."""
    import dataclasses

    from kiosk.catalog import FieldType, Text

    catalog = window.core.catalog
    base = catalog.by_id(SERVICE)
    expiry = dataclasses.replace(
        next(f for f in base.form if f.id == "applicant_name"),
        id="doc_expiry",
        type=FieldType.DATE,
        label=Text(zh="证件有效期至", en="Document valid until"),
        prefill="identity.expiry_date",
        keyboard=None,
    )
    service = dataclasses.replace(base, form=(*base.form, expiry))
    services = tuple(service if s.id == SERVICE else s for s in catalog.services)
    window.core.set_catalog(dataclasses.replace(catalog, services=services))  # between citizens

    d = _driver(window, qtbot)
    type_identity_by_hand(d)
    page = _built(window, qtbot)
    assert page.findChild(QWidget, "locked_doc_expiry") is not None, "not built ahead"
    assert _holds_identity(page) == []

    d.click("btn_confirm")
    d.click("btn_choice_no")
    d.wait_for(Screen.FORM)
    ident = window.core.sessions.current.identity
    assert ident is not None and ident.expiry_date is None
    form = window._screens.get(Screen.FORM)
    assert form.findChild(QWidget, "locked_doc_expiry") is None, "an empty locked field"
    assert d.find("value_doc_expiry").isVisible(), "the expiry date is not asked"
    assert ident.masked_name() in d.find("locked_applicant_name").text()  # type: ignore[attr-defined]
    assert window.core.sessions.current.form_values["id_number"] == ID_NUMBER
