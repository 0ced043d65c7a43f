"""Try-out 18, E3: 份数 (a number question) opened empty with nothing to say what to type.
A number question now says the numbers it takes, from the catalog's bounds (1–5 copies),
over the keys before any typing, in both languages, in the standard mode and 长辈模式.
Through the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton

from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401
from tests.ui.test_month_field import _hint
from tests.ui.test_tryout_fixes import _form_of
from ui.clipping import clipped_texts

HUKOU = "gongan.hukou_certificate"  # 证明用途, then 份数 (1–5)


def test_copies_say_the_numbers_they_take(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    _form_of(r, HUKOU)
    r.click("value_copies")
    assert _hint(r) == "请输入 1–5"
    r.click("btn_lang")  # English, on the same question
    r.qtbot.waitUntil(lambda: _hint(r) == "Enter a number from 1 to 5", timeout=5000)
    r.type("2")
    r.click("btn_done")
    assert r.core.sessions.current.form_values["copies"] == "2"


def test_copies_say_the_numbers_they_take_in_assisted_mode(rig: ApplyRig) -> None:  # noqa: F811
    r = rig
    r.window.resize(1080, 1920)
    r.core.sessions.set_assisted(True)
    _form_of(r, HUKOU)
    first = sorted(
        b.objectName()
        for b in r.window.findChildren(QAbstractButton)
        if b.isVisible() and b.objectName().startswith("choice_purpose_")
    )
    assert first, "证明用途 is not the first question"
    r.click(first[0])
    r.click("btn_step_next")
    r.qtbot.waitUntil(lambda: _hint(r) == "请输入 1–5", timeout=5000)
    assert clipped_texts(r.window) == []
