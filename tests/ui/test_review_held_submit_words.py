"""Try-out 14, E11 (and C4 for the review): in English 长辈模式 at Text 4/4 the held 确认提交
read only "2 pages to see" — no word of Submit, while Chinese says 再看 2 页可提交. Held, it
now names itself in both languages ("Submit: 1 page left", as the guide's held
Start does; in a smaller type, try-out 15, C2), and every wording it may take fits its one
width at every panel, mode and 字号. Taps on the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, put_on, rig  # noqa: F401
from tests.ui.test_assisted_flows import _assisted
from ui.i18n import tr

# The two narrowest panels at 字号 4/4 (the others are the clipping sweep's): CI keeps
# under its 30 minutes.
CASES = [
    (size, assisted, step)
    for size in ((1280, 800), (1080, 1920))
    for assisted in (False, True)
    for step in (3,)
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("size", "assisted", "step"), CASES, ids=str)
def test_the_held_submit_names_itself_and_every_wording_fits(
    rig: ApplyRig,  # noqa: F811
    size: tuple[int, int],
    assisted: bool,
    step: int,
    lang: str,
) -> None:
    r = rig
    r.window.resize(*size)
    if assisted:
        _assisted(r)
    if lang == "en":
        r.click("btn_lang")
    while r.window.display_prefs()[0] != step:
        r.click("btn_text_size")
    put_on(r.window, Screen.REVIEW, latin=lang == "en")
    r.window.resize(*size)
    r.settle()
    r.at(Screen.REVIEW)
    r.qtbot.wait(50)
    submit = r.button("btn_submit")
    name = "可提交" if lang == "zh" else tr("review.submit", lang)
    held = [tr("review.pages_left.one", lang)] + [
        tr("review.pages_left.many", lang, n=n) for n in range(2, 10)
    ]
    # Held, it says it is the way to submit, and what it waits for: pages, by name
    # ("Submit: 3 to see" said 3 of nothing: try-out 15, C2).
    assert all(name in words for words in held), held
    noun = "页" if lang == "zh" else "page"
    assert all(noun in words for words in held), held
    if not submit.isEnabled():
        assert submit.text() in held, submit.text()
    # Whichever it says, the words fit its one width, inside the window.
    fm = submit.fontMetrics()
    for words in (tr("review.submit", lang), held[0], held[1]):
        assert fm.horizontalAdvance(words) + 8 <= submit.contentsRect().width(), (
            fm.horizontalAdvance(words),
            words,
            submit.width(),
        )
    where = QRect(submit.mapTo(r.window, QPoint(0, 0)), submit.size())
    assert r.window.rect().contains(where), where
    assert r.window.size().toTuple() == size
