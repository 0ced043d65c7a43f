"""Try-out 14, C8: at the end of an application, the 请取走您的证件和回执 notice turned into
证件已取走 when the card was lifted and shrank: its 好的 jumped ~55 px up (1280x800,
y≈518 → 464), and a tap aimed at it landed on nothing. The notice keeps its size and
好的 its place through every change of its words: in both languages, in 长辈模式 at
字号 4/4, at each window size. The demo's SAM reader on a pseudo-terminal, read by the
real driver; every step through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from drivers.idcard.simulator import PtySamReader
from kiosk.flow import Screen
from tests.ui.conftest_apply import ApplyRig, rig  # noqa: F401  (fixture)
from tests.ui.helpers import wait_until_tappable
from tests.ui.test_idcard_taken_receipt import READ_MS, _submit_with_the_card
from tests.ui.test_resident_id import sam  # noqa: F401  (fixture)
from ui.theme import TEXT_STEPS


def _rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, w.rect().topLeft()), w.size())


@pytest.mark.parametrize(
    ("size", "lang", "assisted", "steps"),
    [
        ((1280, 800), "zh", False, 1),
        ((1280, 800), "en", False, 0),
        ((1280, 800), "zh", True, 3),
        ((1080, 1920), "zh", True, 3),
        ((1920, 1080), "en", True, 3),
        ((1920, 1080), "zh", False, 3),
    ],
    ids=[
        "1280-zh-2",
        "1280-en",
        "1280-zh-elder",
        "portrait-zh-elder",
        "1920-en-elder",
        "1920-zh-4",
    ],
)
def test_ok_stays_where_it_was_when_the_card_is_taken(
    rig: ApplyRig,  # noqa: F811
    sam: PtySamReader,  # noqa: F811
    size: tuple[int, int],
    lang: str,
    assisted: bool,
    steps: int,
) -> None:
    r = rig
    r.window.resize(*size)
    if lang == "en":
        r.click("btn_lang")
        r.settle()
    _submit_with_the_card(r, sam, assisted=assisted)
    assert steps < len(TEXT_STEPS)
    for _ in range(steps):  # 字号: the visit's end sets it back, the notice keeps the leaver's
        wait_until_tappable(r.button("btn_text_size"))
        r.click("btn_text_size")
    r.settle()
    r.click("btn_home")  # the journey is done: the visit ends, the card still lies there
    r.at(Screen.HOME)
    r.settle()
    overlay = r.window.overlay
    assert overlay.isVisible(), "no word of the card on the reader"
    before_title = overlay.title.text()
    ok, card = _rect(overlay.primary, r.window), _rect(overlay.card, r.window)
    assert r.window.rect().contains(ok), (ok, r.window.rect())
    sam.lift()  # the citizen takes the card, and reaches for 好的
    r.qtbot.waitUntil(lambda: overlay.title.text() != before_title, timeout=READ_MS)
    r.settle()
    assert overlay.isVisible()
    assert _rect(overlay.card, r.window) == card, "the notice changed its size"
    assert _rect(overlay.primary, r.window) == ok, "好的 moved under the finger"
    wait_until_tappable(overlay.primary)
    r.qtbot.mouseClick(overlay.primary, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
