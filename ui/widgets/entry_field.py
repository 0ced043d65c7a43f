"""A tap-to-edit text field for touch screens: shows its value, never opens a system keyboard."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QInputMethodEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

from ui.layout_items import repolish


class EntryField(QLineEdit):
    """Read-only display of a value; a tap selects it as the on-screen keypad's target."""

    tapped = Signal()

    def __init__(self, name: str = "") -> None:
        super().__init__()
        # The active outline is the application stylesheet's ``QLineEdit[active="true"]``.
        if name:
            self.setObjectName(name)
        self.setReadOnly(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setProperty("active", False)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Any tap selects the field."""
        self.tapped.emit()
        event.accept()

    _composing = ""

    def composing(self) -> str:
        """The pinyin letters shown after the value, not yet chosen as characters."""
        return self._composing

    def set_composing(self, letters: str) -> None:
        """Show ``letters`` (pinyin being composed) after the value, underlined, as input
        methods do: the field is the widest place on the keyboard's screen, so the citizen
        reads everything typed whole (in the candidate bar, at 字号 4/4 on a portrait
        panel, it was cut to "…g": try-out 7, E-d). ``text()`` stays the value."""
        if letters != self._composing:
            self._composing = letters
            self._preedit()

    def setText(self, text: str) -> None:
        """The value; the letters being composed stay after it."""
        super().setText(text)
        if self._composing:
            self._preedit()  # placed again at the new end of the value

    def _preedit(self) -> None:
        letters = self._composing
        underline = QTextCharFormat()
        underline.setFontUnderline(True)
        kind = QInputMethodEvent.AttributeType.TextFormat
        attrs = [QInputMethodEvent.Attribute(kind, 0, len(letters), underline)] if letters else []
        # A read-only line edit ignores input-method events; this field is read-only only
        # so that no system keyboard opens, and takes this one event.
        self.setReadOnly(False)
        self.inputMethodEvent(QInputMethodEvent(letters, attrs))
        self.setReadOnly(True)

    _lines = 1

    def lines(self) -> int:
        """How many lines of text the field shows (1: a plain line that scrolls)."""
        return self._lines

    def set_lines(self, lines: int) -> None:
        """Show the value wrapped on ``lines`` lines, the field that much taller.

        For a long answer (an address) in a field as narrow as a portrait panel: on one
        line "北京朝阳大街12hao" already filled it and the start scrolled out of view
        while typing (try-out 9, E4). The height is fixed, so the keys under the field
        never move as the text grows; past ``lines`` lines the last ones show, where
        the typing is."""
        lines = max(1, lines)
        if lines != self._lines:
            self._lines = lines
            self.updateGeometry()
            self.update()

    def sizeHint(self) -> QSize:
        """One line's field, plus the extra lines' height."""
        hint = super().sizeHint()
        return hint.grownBy(self._extra_margins()) if self._lines > 1 else hint

    def minimumSizeHint(self) -> QSize:
        """As :meth:`sizeHint`'s height: the lines are never squeezed away."""
        hint = super().minimumSizeHint()
        return hint.grownBy(self._extra_margins()) if self._lines > 1 else hint

    def _extra_margins(self) -> QMargins:
        return QMargins(0, 0, 0, (self._lines - 1) * self.fontMetrics().lineSpacing())

    def _document(self, width: float) -> QTextDocument:
        """The value and the letters being composed (underlined), wrapped at ``width``."""
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setTextWidth(width)
        cursor = QTextCursor(doc)
        cursor.insertText(self.text())
        if self._composing:
            underline = QTextCharFormat()
            underline.setFontUnderline(True)
            cursor.insertText(self._composing, underline)
        return doc

    def paintEvent(self, event: QPaintEvent) -> None:
        """A plain line edit's face, or, on several lines, its frame with the value
        wrapped inside (the end of a longer one shown)."""
        if self._lines <= 1:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        opt = QStyleOptionFrame()
        self.initStyleOption(opt)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, opt, painter, self)
        area = style.subElementRect(QStyle.SubElement.SE_LineEditContents, opt, self)
        m = self.textMargins()
        area = area.adjusted(m.left() + 2, m.top() + 1, -m.right() - 2, -m.bottom() - 1)
        doc = self._document(area.width())
        # The last lines when there are more than fit: the typing goes on at the end.
        shift = max(0.0, doc.size().height() - area.height())
        painter.setClipRect(area)
        painter.translate(area.left(), area.top() - shift)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.Text))
        ctx.clip = QRectF(0, shift, area.width(), area.height())
        doc.documentLayout().draw(painter, ctx)
        painter.end()

    def set_active(self, on: bool) -> None:
        """Mark the field the keypad types into (a thicker focus-coloured outline)."""
        self.setProperty("active", on)
        repolish(self)
