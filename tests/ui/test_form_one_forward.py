"""#14, "one decision at a time": the standard form's questions in pages had two ways
forward, the pager's 更多问题 ▶ (turning the page unchecked) and the screen's 下一步
(checking the page first). Two "next" buttons confused citizens.

下一步 is now the one way forward: it checks the page, shows the next one (saying while
there are more questions), and on the last page goes on; 前面的问题 goes back and keeps
every answer; the page text says where the citizen is. By taps on the real window, on
the smallest panel at the largest text, where the form takes the most pages.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.flow import Screen
from tests.ui.conftest_apply import SERVICE, ApplyRig, rig  # noqa: F401
from tests.ui.test_tryout_fixes import _form_of
from ui.clipping import clipped_texts
from ui.i18n import tr
from ui.theme import TEXT_STEPS

# Typed on the keypads (the unemployment registration: every common field type).
TYPED = {
    "phone": "13800138000",
    "address": "ROAD",
    "last_employer": "ACME",
    "leave_date": "20261031",
}
CHOSEN = {"seeking_training": "no"}
# What the form's own controls say: all of it must be readable whole.
OWN = ("btn_next", "form_summary", "form_pager_page", "form_pager_prev")


def _forward(r: ApplyRig) -> list[str]:
    """The visible controls that go forward: a "next" by name, or by an arrow or words."""
    r.settle()
    words = ("▶", "下一", "更多", "Next", "More", "Continue")
    return sorted(
        b.objectName()
        for b in r.window.findChildren(QAbstractButton)
        if b.isVisible() and (b.objectName().endswith("_next") or any(w in b.text() for w in words))
    )


def _place(r: ApplyRig, name: str) -> QRect:
    b = r.button(name)
    return QRect(b.mapTo(r.window, QPoint(0, 0)), b.size())


def _cut(r: ApplyRig) -> list[str]:
    return [c for c in clipped_texts(r.window) if any(f"'{n}'" in c for n in OWN)]


def _answer_page(r: ApplyRig) -> None:
    """Answer the questions on the page shown, by taps (keypads, answer buttons)."""
    r.settle()
    for field, text in TYPED.items():
        if not r.shown(f"value_{field}") or r.core.sessions.current.form_values.get(field):
            continue
        r.click(f"value_{field}")
        if any(b.isVisible() for b in r.window.findChildren(QWidget, "key_mode_abc")):
            r.click("key_mode_abc")
        r.type(text)
        r.click("btn_done")
    for field, value in CHOSEN.items():
        if r.shown(f"choice_{field}_{value}"):
            r.click(f"choice_{field}_{value}")


def _next_says(lang: str, left: int, more: bool) -> str:
    """下一步's words with ``left`` pages after this one (``more``: where it has room to
    say so beside a one-line 还有信息需要补充…)."""
    if left == 0 or not more:
        return tr("form.next", lang)
    return tr("form.next.more_one", lang) if left == 1 else tr("form.next.more", lang, n=left)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("step", [0, len(TEXT_STEPS) - 1], ids=lambda s: f"step{s + 1}")
def test_next_is_the_one_way_forward_and_checks_each_page(
    rig: ApplyRig,  # noqa: F811
    lang: str,
    step: int,
) -> None:
    r = rig
    r.window.resize(1280, 800)
    if lang == "en":
        r.click("btn_lang")
    for _ in range(step):
        r.click("btn_text_size")
    assert r.window.display_prefs()[0] == step
    _form_of(r, SERVICE)
    pager = r.window.findChild(QWidget, "form_pager")
    total = pager.page_count()
    assert total >= 2, "the form fits one page here: nothing to turn"

    # Page 1: one way forward, which says that more questions follow.
    assert _forward(r) == ["btn_next"]
    more = r.button("btn_next").text() != tr("form.next", lang)
    assert more or step > 0, "下一步 does not say that more questions follow"
    assert r.button("btn_next").text() == _next_says(lang, total - 1, more)
    assert r.label("form_pager_page") == tr("pager.page", lang, n=1, total=total)
    assert _cut(r) == []
    place = _place(r, "btn_next")

    # Nothing answered: 下一步 stays on page 1 and says what to put right, on a line
    # that moves nothing (下一步 stays under the finger).
    r.click("btn_next")
    assert pager.page() == 0 and r.core.screen() == Screen.FORM
    assert r.shown("form_summary") and r.label("form_summary") == tr("form.fix", lang)
    assert r.shown("error_phone") and r.label("error_phone") == tr("form.err.required", lang)
    assert _cut(r) == []
    assert _place(r, "btn_next") == place

    # Page 1 answered: 下一步 shows page 2, still the one way forward.
    _answer_page(r)
    r.click("btn_next")
    assert pager.page() == 1 and not r.shown("form_summary")
    assert r.label("form_pager_page") == tr("pager.page", lang, n=2, total=total)
    assert _forward(r) == ["btn_next"]
    assert r.button("btn_next").text() == _next_says(lang, total - 2, more)
    _answer_page(r)

    # Back a page: the answers typed there are still there.
    r.click("form_pager_prev")
    assert pager.page() == 0
    for field in ("phone", "address"):
        assert TYPED[field] in r.window.findChild(QWidget, f"value_{field}").title.text()
    assert r.button("btn_next").text() == _next_says(lang, total - 1, more)

    # On through every page; the last one's 下一步 says no more and goes to the next step.
    for page in range(1, total):
        r.click("btn_next")
        assert pager.page() == page, f"下一步 stayed on page {page}"
        _answer_page(r)
        assert _forward(r) == ["btn_next"]
    assert r.button("btn_next").text() == tr("form.next", lang)
    assert _cut(r) == []
    # Where it was on page 1: a double tap's second touch finds it again (the tap guard
    # drops that touch), not the empty room beside a 下一步 grown narrower.
    assert _place(r, "btn_next") == place
    r.click("btn_next")
    assert r.core.screen() == Screen.DOCUMENTS
    values = r.core.sessions.current.form_values
    assert values["last_employer"] == "ACME" and values["seeking_training"] == "no"
    assert values["phone"] == "13800138000"
