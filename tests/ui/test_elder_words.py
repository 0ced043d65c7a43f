"""Try-out 9: words on 长辈模式 screens that said something other than what is so.

E5: 请选择一种方式证明您的身份 wrapped leaving 份 alone on a line at 字号 4/4.
E6: in 长辈模式 the top bar's mode button read 标准模式 (the action) beside 高对比 (the
colours now on) and over 切换回标准模式 in the body: an elderly citizen read 标准模式 as
"I am in standard mode". The button now says what it does, naming the mode one is in,
and the identify screen's switch says the same. By taps on the real window.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.flow import Screen
from tests.support.pages import read_the_guide
from tests.ui.test_fit_nav import _scene, _settle, _tap, _visible
from ui.theme import TEXT_STEPS
from ui.tour import stage
from ui.widgets.tile import WORD_JOINER

SIZES = [(1080, 1920), (1920, 1080), (1280, 800)]
EXIT = {"zh": "退出长辈模式", "en": "Exit assisted"}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_mode_button_says_it_leaves_assisted_mode(window, qtbot, size, lang) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    stage(window, _scene("identify"), lang, True)
    window.resize(*size)
    _settle()
    assert window.core.screen() == Screen.IDENTIFY and window.core.sessions.current.assisted
    top = _visible(window, "btn_assisted")
    assert top.text().startswith(EXIT[lang]), top.text()
    assert top.fontMetrics().horizontalAdvance(top.text()) <= top.contentsRect().width()
    # The top bar's is the one way out: none in the body (try-out 10, E4).
    assert not any(b.isVisible() for b in window.findChildren(QAbstractButton, "btn_big_mode"))
    _tap(qtbot, top)
    qtbot.waitUntil(lambda: not window.core.sessions.current.assisted, timeout=3000)
    _settle()
    # Standard mode: the button offers the mode by its name.
    assert _visible(window, "btn_assisted").text() == (
        "长辈模式" if lang == "zh" else "Assisted mode"
    )


def _lines(label: QLabel) -> list[str]:
    """The label's text as it wraps at its width (the lines Qt draws)."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return [t.replace(WORD_JOINER, "").strip() for t in lines]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_identify_question_leaves_no_character_alone(window, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    """E5: at 字号 4/4 in portrait 请选择一种方式证明您的身份 wrapped with 份 alone on the
    second line. At every text size the question's last line has two characters or more."""
    window.resize(*size)
    _settle()
    _tap(qtbot, _visible(window, "btn_assisted"))
    _tap(qtbot, _visible(window, "tile_apply"))
    _tap(qtbot, _visible(window, "service_gongan.hukou_certificate"))
    read_the_guide(window, lambda n: _tap(qtbot, _visible(window, n)))
    _tap(qtbot, _visible(window, "btn_start"))
    assert window.core.screen() == Screen.IDENTIFY
    wrapped = 0
    for step in range(len(TEXT_STEPS)):
        while window.display_prefs()[0] != step:
            _tap(qtbot, _visible(window, "btn_text_size"))
        window.resize(*size)
        _settle()
        heading = window.current_page().findChild(QLabel, "identify_heading")
        assert heading.isVisible()
        lines = _lines(heading)
        wrapped += len(lines) > 1
        assert lines[0].startswith("请选择") and "".join(lines) == "请选择一种方式证明您的身份"
        assert len(lines) == 1 or len(lines[-1]) >= 2, (step + 1, lines)
    assert size != (1080, 1920) or wrapped  # the case seen: it wraps there
