"""A form question's answers as buttons that always show their whole words.

Try-out 5 read "ool enrolm" and "ploym" for School enrolment / Employment: two
answers a row beside the question left each button less room than its words on a
1280x800 panel in English. Here the answers take fewer a row when a row's share is
narrower than an answer's one line, and when even one a row is too narrow (字号 4/4)
an answer's words go on a second line instead of being cut.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.widgets.refit import Refits


def _words(text: str) -> list[str]:
    """Where a line may break: at spaces, and between Chinese characters."""
    return [w for w in re.findall(r"[\u3400-\u9fff\uff00-\uffef]|[^\s\u3400-\u9fff]+", text) if w]


class WrapButton(Refits, QPushButton):
    """A push button that puts its words on more lines when one line is wider than it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._full = text
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(text)
        super().setText(text)

    def full_text(self) -> str:
        """Its words on one line (what the catalog says)."""
        return self._full

    def _outer(self, text: str) -> QSize:
        self.ensurePolished()
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = text
        # Measured in bold, the face of the chosen answer: tapping one moves nothing.
        font = self.font()
        font.setBold(True)
        fm = QFontMetrics(font)
        lines = text.split("\n")
        inner = QSize(
            max(fm.horizontalAdvance(line) for line in lines),
            fm.height() * len(lines) + fm.leading() * (len(lines) - 1),
        )
        size = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, opt, inner, self)
        return size.expandedTo(self.minimumSize())

    def one_line_width(self) -> int:
        """The width its words need on one line."""
        return self._outer(self._full).width()

    def wrapped(self, width: int) -> str:
        """Its words in lines that fit ``width`` (a word wider than that stays whole)."""
        if self._outer(self._full).width() <= width:
            return self._full
        cjk = not re.search(r"\s", self._full)
        lines: list[str] = []
        for word in _words(self._full):
            if lines:
                joined = lines[-1] + ("" if cjk else " ") + word
                if self._outer(joined).width() <= width:
                    lines[-1] = joined
                    continue
            lines.append(word)
        return "\n".join(lines)

    def heightForWidth(self, width: int) -> int:
        """As tall as its lines at ``width``."""
        return self._outer(self.wrapped(width)).height()

    def hasHeightForWidth(self) -> bool:
        """Its words wrap."""
        return True

    def sizeHint(self) -> QSize:
        """One line."""
        return self._outer(self._full)

    def minimumSizeHint(self) -> QSize:
        """Its longest word."""
        widest = max((self._outer(w).width() for w in _words(self._full)), default=0)
        return QSize(widest, self._outer(self._full).height())

    def _fit(self) -> None:
        shown = self.wrapped(self.width())
        if shown != super().text():
            super().setText(shown)
            self.updateGeometry()


class ChoiceGrid(QWidget):
    """Answer buttons in rows of at most ``columns``, fewer when their words need it."""

    def __init__(self, gap: int, columns: int, natural: bool = False) -> None:
        super().__init__()
        self._gap = gap
        # Natural: each answer as wide as its words (the form's list, beside its question);
        # else rows of equal shares, every target full width (长辈模式's one question a page).
        self._natural = natural
        self._most = max(1, columns)
        self._buttons: list[WrapButton] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, button: WrapButton) -> None:
        """One more answer, after the others."""
        button.setParent(self)
        self._buttons.append(button)
        self.updateGeometry()

    def buttons(self) -> list[WrapButton]:
        """The answers in order."""
        return list(self._buttons)

    def set_columns(self, columns: int) -> None:
        """At most ``columns`` answers a row (the panel's shape decides)."""
        if max(1, columns) != self._most:
            self._most = max(1, columns)
            self.updateGeometry()
            self._place()

    def columns_for(self, width: int) -> int:
        """How many a row at ``width``: the most whose share holds every answer's longest
        word (an answer longer than its share goes on two lines: rows stay few, so the
        answers stay on a short panel's screen)."""
        for cols in range(min(self._most, max(1, len(self._buttons))), 1, -1):
            share = (width - self._gap * (cols - 1)) // cols
            if all(b.minimumSizeHint().width() <= share for b in self._buttons):
                return cols
        return 1

    def _layout(self, width: int) -> list[list[tuple[WrapButton, int]]]:
        """Rows of (button, width) at ``width``."""
        width = max(1, width)
        if not self._natural:
            cols = self.columns_for(width)
            share = max(1, (width - self._gap * (cols - 1)) // cols)
            return [
                [(b, share) for b in self._buttons[i : i + cols]]
                for i in range(0, len(self._buttons), cols)
            ]
        # Each answer as wide as its words, as many a row as fit (a long one alone, wrapped).
        rows: list[list[tuple[WrapButton, int]]] = []
        used = 0
        for b in self._buttons:
            need = min(b.one_line_width(), width)
            if rows and len(rows[-1]) < self._most and used + self._gap + need <= width:
                rows[-1].append((b, need))
                used += self._gap + need
            else:
                rows.append([(b, need)])
                used = need
        return rows

    def _rows(self, width: int) -> list[tuple[list[tuple[WrapButton, int]], int]]:
        return [(row, max(b.heightForWidth(w) for b, w in row)) for row in self._layout(width)]

    def heightForWidth(self, width: int) -> int:
        """The rows' height at ``width``."""
        rows = self._rows(width)
        return sum(h for _row, h in rows) + self._gap * max(0, len(rows) - 1)

    def hasHeightForWidth(self) -> bool:
        """Fewer a row, or more lines, at a narrower width."""
        return True

    def sizeHint(self) -> QSize:
        """The most a row, each on one line."""
        if not self._buttons:
            return QSize(0, 0)
        cols = min(self._most, len(self._buttons))
        widths = sorted((b.one_line_width() for b in self._buttons), reverse=True)[:cols]
        width = (sum(widths) if self._natural else widths[0] * cols) + self._gap * (cols - 1)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the longest word; the height is asked for a width (heightForWidth):
        the one at the narrowest width (a line a word) would claim a whole page."""
        if not self._buttons:
            return QSize(0, 0)
        width = max(b.minimumSizeHint().width() for b in self._buttons)
        return QSize(width, self.sizeHint().height())

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Place the answers for the new width."""
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        y = 0
        for row, h in self._rows(self.width()):
            x = 0
            for b, w in row:
                b.setGeometry(x, y, w, h)
                x += w + self._gap
            y += h + self._gap
