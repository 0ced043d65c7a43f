"""Text clipped inside its own label or button, measured as Qt lays it out.

The fit checks (ui/a11y.py :func:`~ui.a11y.out_of_reach`) see a control that is off
the window; they do not see "Choos" for "Choose", a chip that says "1/6 选择" or a
message sliced through its middle line: the widget is on screen, its text is not.
Here each visible label and button is measured with its own font: its text as laid
out (wrapped at the label's width when it wraps) must fit inside the rectangle it is
drawn in, and the widget must not be cut by an ancestor. A text a widget shortens on
its own (elided with "…", or a FitLabel that has given way to nothing) is a clipping
too. A widget that may show less than all of its text says why in its ``may_clip``
property (a page title that makes way for the keys, a log that scrolls) and is skipped.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.a11y import visible_rect
from ui.widgets.fit_heading import FitHeading
from ui.widgets.fit_label import FitLabel

SLACK_PX = 1  # Qt rounds glyph metrics to whole pixels; one pixel is not a cut
ELLIPSIS = "…"


def _name(w: QWidget, text: str) -> str:
    return f"{type(w).__name__}({w.objectName() or text[:16]!r})"


def _label_area(lab: QLabel) -> QRect:
    """Where a QLabel draws its text: inside its frame, margin and indent."""
    r = lab.contentsRect()
    m = lab.margin()
    r = r.adjusted(m, m, -m, -m)
    indent = lab.indent()
    if indent < 0 and lab.frameWidth() > 0:
        indent = lab.fontMetrics().horizontalAdvance("x") // 2  # what QLabel uses
    if indent > 0:
        align = lab.alignment()
        if align & Qt.AlignmentFlag.AlignLeft:
            r.setLeft(r.left() + indent)
        if align & Qt.AlignmentFlag.AlignRight:
            r.setRight(r.right() - indent)
        if align & Qt.AlignmentFlag.AlignTop:
            r.setTop(r.top() + indent)
        if align & Qt.AlignmentFlag.AlignBottom:
            r.setBottom(r.bottom() - indent)
    return r


def _rich(lab: QLabel) -> bool:
    fmt = lab.textFormat()
    if fmt == Qt.TextFormat.RichText:
        return True
    return fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(lab.text())


def label_text_size(lab: QLabel, width: int) -> QSize:
    """The size ``lab``'s text takes laid out as QLabel lays it out at ``width``."""
    text = lab.text()
    if _rich(lab):
        doc = QTextDocument()
        doc.setDefaultFont(lab.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if lab.wordWrap():
            doc.setTextWidth(width)
        ideal = doc.idealWidth() if lab.wordWrap() else doc.size().width()
        return QSize(int(ideal + 0.999), int(doc.size().height() + 0.999))
    fm = QFontMetrics(lab.font())
    if lab.wordWrap():
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        return fm.boundingRect(QRect(0, 0, max(1, width), 100_000), flags, text).size()
    return _lines_size(fm, text)


def _lines_size(fm: QFontMetrics, text: str) -> QSize:
    """Unwrapped lines by their advances (a glyph's ink past its advance is no cut)."""
    lines = text.split("\n")
    tall = fm.height() * len(lines) + fm.leading() * (len(lines) - 1)
    return QSize(max(fm.horizontalAdvance(line) for line in lines), tall)


def _button_area(b: QAbstractButton) -> QRect:
    """Where a push button draws its text (inside its style's border and padding)."""
    if isinstance(b, QPushButton):
        opt = QStyleOptionButton()
        b.initStyleOption(opt)
        r = b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, b)
        if not b.icon().isNull():
            r.setLeft(r.left() + b.iconSize().width() + 4)
        return r
    return b.contentsRect()


def _shortened(w: QWidget) -> str | None:
    """What a fit widget shows instead of its text, when it shows less than all of it."""
    if isinstance(w, FitHeading):
        shown = w.shown_text()
        if ELLIPSIS in shown and ELLIPSIS not in w.full_text():
            return f"elided to {shown!r}"
        if not shown and w.full_text():
            return f"gave way: {w.full_text()!r} not shown"
        return None
    if isinstance(w, FitLabel):
        texts = w.texts()
        if texts and not w.text():
            return f"gave way: {texts[-1]!r} not shown"
        return None
    if isinstance(w, QLabel | QAbstractButton) and ELLIPSIS in w.text():
        return f"elided to {w.text()!r}"
    return None


def _text_overflow(w: QWidget) -> str | None:
    """How far ``w``'s text runs past where it is drawn, or None when it fits."""
    if isinstance(w, FitHeading):
        # It sizes its own type; what it draws is its shown text (checked for eliding).
        if not w.shown_text():
            return None
        area = w.contentsRect()
        need = _lines_size(QFontMetrics(w.font()), w.shown_text())
    elif isinstance(w, QLabel):
        area = _label_area(w)
        need = label_text_size(w, area.width())
    elif isinstance(w, QAbstractButton):
        area = _button_area(w)
        need = _lines_size(QFontMetrics(w.font()), w.text().replace("&&", "&"))
    else:
        return None
    over_w = need.width() - area.width()
    over_h = need.height() - area.height()
    # A line's box (ascent + descent, ~1.4 em in the CJK face) is taller than its ink:
    # a box a sixth taller than the room still shows every stroke; a line more is a cut.
    line_slack = max(SLACK_PX, QFontMetrics(w.font()).height() // 6)
    if over_w <= SLACK_PX and over_h <= line_slack:
        return None
    return f"text {need.width()}x{need.height()} in {area.width()}x{area.height()}"


def _texts(scope: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    for w in scope.findChildren(QWidget):
        if not isinstance(w, QLabel | QAbstractButton) or not w.isVisible():
            continue
        if isinstance(w, FitLabel) and not w.texts():
            continue  # nothing to say (the network status before its first answer)
        if isinstance(w, FitLabel | FitHeading) or w.text().strip():
            out.append(w)
    return out


def clipped_texts(window: QWidget) -> list[str]:
    """Every visible text on ``window`` that a citizen cannot read whole right now.

    Under a modal layer (the overlay) only the layer is read, as ui/a11y.py does.
    """
    modal = window.findChild(QWidget, "overlay")
    scope = modal if modal is not None and modal.isVisible() else window
    bad: list[str] = []
    for w in _texts(scope):
        text = w.text()
        full = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
        seen = visible_rect(w, window)
        if w.property("may_clip"):
            continue  # it says why it may show less than all of its text
        short = _shortened(w)
        if seen.isEmpty() and not (short and w.width() == 0):
            continue  # scrolled wholly out of view: not on screen now
        if seen.isEmpty():  # squeezed to nothing: its text has given way
            bad.append(f"{_name(w, text)}: {short}")
            continue
        problems: list[str] = []
        if seen != full or not window.rect().contains(full):
            problems.append(f"cut by its parent to {seen.width()}x{seen.height()}")
        over = _text_overflow(w)
        if over:
            problems.append(over)
        if short:
            problems.append(short)
        if problems:
            bad.append(f"{_name(w, text)}: {'; '.join(problems)}")
    return bad
