"""Try-out 6, item 7: a month range that runs backwards is refused, saying why; a month
13 is told as a month that does not exist (not "type 6 digits" again). By taps on the
real window, in both modes and both languages."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_tryout_fixes import _form_of

CERT = "renshe.contribution_certificate"  # 起始月份, 截止月份


def _message(r: ApplyRig, name: str) -> str:
    r.settle()
    found = [w for w in r.window.findChildren(QLabel, name) if w.isVisible()]
    return found[0].text() if found else ""


def _retype(r: ApplyRig, digits: str) -> None:
    for _ in range(6):
        r.click("key_backspace")
    r.type(digits)


@pytest.mark.parametrize(
    ("size", "lang", "month13", "backwards"),
    [
        ((1920, 1080), "zh", "月份只能是 01 到 12", "不能早于起始月份"),
        ((1080, 1920), "en", "The month must be 01 to 12", "cannot be before the From month"),
    ],
)
def test_backwards_range_and_month_13_in_the_form(  # type: ignore[no-untyped-def]
    rig: ApplyRig,  # noqa: F811
    size,
    lang,
    month13,
    backwards,
) -> None:
    r = rig
    r.window.resize(*size)
    _form_of(r, CERT)
    if lang == "en":
        r.click("btn_lang")
    r.click("value_from_month")
    r.type("202513")
    r.click("btn_done")
    assert month13 in _message(r, "editor_error")
    _retype(r, "202501")
    r.click("btn_done")
    r.click("value_to_month")
    r.type("202412")
    r.click("btn_done")
    assert backwards in _message(r, "editor_error")
    r.click("btn_done")  # still not accepted
    assert backwards in _message(r, "editor_error")
    _retype(r, "202503")
    r.click("btn_done")
    r.click("btn_next")
    r.at(Screen.REVIEW)


def test_backwards_range_in_assisted_steps(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1280, 800)
    r.click("btn_lang")
    r.click("btn_assisted")
    _form_of(r, CERT)
    form = r.window.current_page()
    r.type("202501")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    r.type("202412")
    r.click("btn_step_next")
    assert form.step()[0] == 2
    assert "cannot be before the From month" in _message(r, "error_to_month")
    _retype(r, "202502")
    r.click("btn_step_next")
    r.at(Screen.REVIEW)
