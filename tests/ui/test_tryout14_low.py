"""Try-out 14's low citizen findings, each through the real window (the tightest case).

C11: the e-ID way's explanation left "口" alone on its second line at 字号 4/4 on
1920x1080 (打开手机上的电子证照，将二维码对准扫描口).
"""

from __future__ import annotations

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from tests.ui.test_fit_nav import _settle, _tap, _visible
from tests.ui.test_fit_text_sizes import LARGEST
from ui.i18n import tr
from ui.tour import SCENES, stage


def _lines(label: QLabel) -> list[str]:
    """The lines ``label`` shows its words on, broken as Qt breaks a wrapped label."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    width = label.contentsRect().width() - 2 * label.margin()
    out: list[str] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        out.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return out


def test_the_eid_explanation_leaves_no_character_alone(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1920, 1080)
    stage(window, next(s for s in SCENES if s.name == "identify"), "zh", False)
    while window.display_prefs()[0] != LARGEST:  # 字号 4/4, tapped as a citizen would
        _tap(qtbot, _visible(window, "btn_text_size"))
    _settle()
    for lang in ("zh", "en"):
        if window.core.sessions.current.language != lang:
            _tap(qtbot, _visible(window, "btn_lang"))
        words = tr("identify.qr.sub", lang)
        [label] = [w for w in window.findChildren(QLabel) if w.isVisible() and w.text() == words]
        lines = _lines(label)
        assert "".join(lines).replace(" ", "") == words.replace(" ", "")
        # A last line of one character (or one short word) reads as a mistake.
        assert len(lines[-1]) > (1 if lang == "zh" else 3), (lang, lines)
