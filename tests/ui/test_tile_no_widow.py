"""A home tile's explanation never ends on a line with one character alone (try-out 7,
24: 长辈模式 at 字号 4/4 on 1280x800 wrapped 申请办理政务服务 as 申请办理政务服 over 务)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.test_console_queue_call import _start, _tap
from ui.theme import TEXT_STEPS
from ui.widgets.tile import WORD_JOINER, Tile, no_widow


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


def wrapped_at(qtbot, text: str, upto: int) -> list[str]:  # type: ignore[no-untyped-def]
    """``text`` through no_widow in a 45 px label as wide as its first ``upto``
    characters (where a line would break), as the lines Qt draws (no-break spaces read
    as spaces)."""
    label = QLabel(no_widow(text))
    qtbot.addWidget(label)
    label.setWordWrap(True)
    font = label.font()
    font.setPixelSize(45)
    label.setFont(font)
    label.setFixedWidth(QFontMetrics(font).horizontalAdvance(text[:upto]) + 4)
    return [line.replace("\u00a0", " ") for line in _lines(label)]


@pytest.mark.parametrize("size", [(1280, 800), (1080, 1920), (1920, 1080)])
def test_no_character_alone_on_a_tile_s_last_line(window, kiosk_app, qtbot, size) -> None:  # type: ignore[no-untyped-def]
    _start(kiosk_app)
    window.resize(*size)
    _tap(window, qtbot, "btn_assisted")
    wrapped = 0
    for _ in TEXT_STEPS:
        window.resize(*size)
        for _ in range(3):
            QApplication.processEvents()
        for tile in (t for t in window.current_page().findChildren(Tile) if t.isVisible()):
            lines = _lines(tile.sub)
            wrapped += len(lines) > 1
            assert len(lines) == 1 or len(lines[-1]) >= 2, (tile.objectName(), lines)
        if window.display_prefs()[0] != len(TEXT_STEPS) - 1:
            _tap(window, qtbot, "btn_text_size")
    assert size != (1280, 800) or wrapped  # the case seen: explanations wrap there
