"""Try-out 6, item 9: in 长辈模式 a double tap on 下一步 / 确认 does not answer the next
question, and a question opens without an error the citizen did not cause.

The next question comes in the place of the last with 下一步 (确认 on typed ID entry)
where it was: the tap guard (ui/tap_guard.py) must take that button as new for the
settle time. Taps go through the window as a touch panel's do; the guard's clock
stands still (tests/support/tap_clock.py StillClock), so a second touch is always
within the settle time however slow the machine.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.conftest_apply import ID_NUMBER, ApplyRig, rig  # noqa: F401
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_display_keeps_typing import name_then_form
from tests.ui.test_tap_guard import _centre, _touch, tap_clock  # noqa: F401

SIZES = [(1280, 800), (1080, 1920), (1920, 1080)]


def _visible(r: ApplyRig, name: str) -> QWidget:
    r.settle()
    shown = [w for w in r.window.findChildren(QWidget, name) if w.isVisible()]
    assert shown, f"{name} is not on screen"
    return shown[0]


def _double_tap(r: ApplyRig, name: str) -> None:
    """Two touches at once at ``name``'s centre (after the screen settled)."""
    b = _visible(r, name)
    wait_until_tappable(b)
    at = _centre(b)
    _touch(r.window, at)
    _touch(r.window, at)
    r.settle()


def _error_shown(r: ApplyRig) -> list[str]:
    r.settle()
    return [
        w.text()
        for w in r.window.findChildren(QLabel)
        if w.isVisible() and w.property("role") == "error" and w.text()
    ]


@pytest.mark.parametrize(("size", "lang"), [(SIZES[0], "en"), (SIZES[1], "zh"), (SIZES[2], "zh")])
def test_double_tap_next_does_not_answer_the_next_question(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    r.to_manual_id(size, assisted=True)
    r.type(ID_NUMBER)
    r.click("btn_confirm")
    name_then_form(r)
    form = r.window.current_page()
    r.type("13800138000")  # question 1: the phone
    r.click("btn_step_next")
    assert form.step()[0] == 2  # question 2: the address, not yet answered
    r.click("btn_step_back")
    assert form.step()[0] == 1
    _double_tap(r, "btn_step_next")
    assert form.step()[0] == 2, "the second tap went on past the new question"
    assert not _error_shown(r), "an error for a question the citizen had not seen"
    assert r.window.tap_guard.dropped >= 1
    # A deliberate tap, once the question has been seen, is an attempt: its message.
    r.click("btn_step_next")
    assert form.step()[0] == 2 and _error_shown(r)


@pytest.mark.parametrize(("size", "lang"), [(SIZES[0], "en"), (SIZES[1], "zh")])
def test_confirm_twice_on_the_number_does_not_scold_the_name(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    r = rig
    if lang == "en":
        r.click("btn_lang")
    r.to_manual_id(size, assisted=True)
    r.type(ID_NUMBER[:-1])
    r.click("btn_confirm")  # too short: a message on the number
    assert r.shown("error_id_number")
    # The last digit and 确认 at once, as a citizen finishing the number does: the
    # whole number moved on to the name, under the same 确认.
    key = _visible(r, f"key_{ID_NUMBER[-1]}")
    wait_until_tappable(key)
    confirm = _centre(_visible(r, "btn_confirm"))
    _touch(r.window, _centre(key))
    assert r.shown("field_name")
    _touch(r.window, confirm)
    r.settle()
    assert r.shown("field_name")
    assert not _error_shown(r), "the name question opened with an error"
    r.click("btn_edit_id")  # back to the number: the name's message is not carried there
    assert r.shown("field_id_number") and not _error_shown(r)


@pytest.mark.parametrize(("size", "lang"), [(SIZES[0], "zh"), (SIZES[0], "en")])
def test_double_tap_next_page_of_the_form_list(rig: ApplyRig, size, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Standard mode: 下一步 turns the list's page under the same button; the second
    touch of a double tap must not check the new page's questions before they are seen."""
    from tests.ui.test_tryout_fixes import _form_of

    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
    _form_of(r, "renshe.unemployment_registration")
    form = r.window.current_page()
    assert form.pager.page_count() > 1, "one page only: nothing to prove here"
    valid = {
        "phone": "13800138000",
        "address": "Dongcheng Road 1",
        "last_employer": "ACME",
        "leave_date": "2026-10-31",
        "seeking_training": "no",
    }
    first_page = {n for n in valid if _visible_or_none(r, f"item_{n}")}
    assert first_page and first_page != set(valid)
    r.core.sessions.current.form_values.update({n: valid[n] for n in first_page})
    _double_tap(r, "btn_next")
    assert form.pager.page() == 1, "not on the second page"
    assert not _error_shown(r), "the second page was checked before it was seen"
    assert r.window.tap_guard.dropped >= 1
    r.click("btn_next")  # a deliberate tap: an attempt, its messages
    assert _error_shown(r)


def _visible_or_none(r: ApplyRig, name: str) -> bool:
    r.settle()
    return any(w.isVisible() for w in r.window.findChildren(QWidget, name))
