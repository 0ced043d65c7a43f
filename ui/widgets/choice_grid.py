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
from PySide6.QtGui import QFontMetrics, QPaintEvent
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from ui.widgets.chosen_mark import draw_mark
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

    def _outer(self, text: str, px: int = 0) -> QSize:
        """Its outer size showing ``text``, in type of ``px`` (0: its own type)."""
        self.ensurePolished()
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = text
        # Measured in bold, the face of the chosen answer: tapping one moves nothing.
        font = self.font()
        if px > 0:
            font.setPixelSize(px)
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

    def wrapped(self, width: int, px: int = 0) -> str:
        """Its words in lines that fit ``width`` (a word wider than that stays whole),
        in type of ``px`` (0: its own type)."""
        if self._outer(self._full, px).width() <= width:
            return self._full
        cjk = not re.search(r"\s", self._full)
        lines: list[str] = []
        for word in _words(self._full):
            if lines:
                joined = lines[-1] + ("" if cjk else " ") + word
                if self._outer(joined, px).width() <= width:
                    lines[-1] = joined
                    continue
            lines.append(word)
        return "\n".join(lines)

    def heightForWidth(self, width: int) -> int:
        """As tall as its lines at ``width``."""
        return self.height_at(width)

    def height_at(self, width: int, px: int = 0) -> int:
        """As tall as its lines at ``width`` in type of ``px`` (0: its own type)."""
        return self._outer(self.wrapped(width, px), px).height()

    def longest_word(self, px: int = 0) -> int:
        """The width its longest word needs, in type of ``px`` (0: its own type)."""
        return max((self._outer(w, px).width() for w in _words(self._full)), default=0)

    def set_type_px(self, px: int) -> None:
        """Its words in type of ``px`` (0: the stylesheet's size for its role)."""
        rule = f"font-size: {px}px;" if px > 0 else ""
        if self.styleSheet() != rule:
            # Its own rule: the application stylesheet's button size would override a font.
            self.setStyleSheet(rule)

    def hasHeightForWidth(self) -> bool:
        """Its words wrap."""
        return True

    def sizeHint(self) -> QSize:
        """One line."""
        return self._outer(self._full)

    def minimumSizeHint(self) -> QSize:
        """Its longest word."""
        return QSize(self.longest_word(), self._outer(self._full).height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its face, then the ✓ if it is the answer chosen (ui/widgets/chosen_mark.py)."""
        super().paintEvent(event)
        draw_mark(self)

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
        # Type that gives way to the height the grid is given (see fit_type): (full, floor)
        # in px, and the height it asks for; (0, 0) and 0: its buttons' own type.
        self._type_range = (0, 0)
        self._want = 0
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

    def columns_for(self, width: int, px: int = 0) -> int:
        """How many a row at ``width``: the most whose share holds every answer's longest
        word (an answer longer than its share goes on two lines: rows stay few, so the
        answers stay on a short panel's screen)."""
        for cols in range(min(self._most, max(1, len(self._buttons))), 1, -1):
            share = (width - self._gap * (cols - 1)) // cols
            if all(b.longest_word(px) <= share for b in self._buttons):
                return cols
        return 1

    def _layout(self, width: int, px: int = 0) -> list[list[tuple[WrapButton, int]]]:
        """Rows of (button, width) at ``width`` in type of ``px`` (0: the buttons' own)."""
        width = max(1, width)
        if not self._natural:
            cols = self.columns_for(width, px)
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

    def _rows(self, width: int, px: int = 0) -> list[tuple[list[tuple[WrapButton, int]], int]]:
        return [(row, max(b.height_at(w, px) for b, w in row)) for row in self._layout(width, px)]

    def heightForWidth(self, width: int) -> int:
        """The rows' height at ``width``."""
        return self.height_at(width)

    def height_at(self, width: int, px: int = 0) -> int:
        """The rows' height at ``width`` in type of ``px`` (0: the buttons' own type)."""
        rows = self._rows(width, px)
        return sum(h for _row, h in rows) + self._gap * max(0, len(rows) - 1)

    def fit_type(self, width: int, full_px: int, floor_px: int) -> None:
        """At ``width``, the answers ask for their height in ``full_px`` type and need
        no more than theirs in ``floor_px``: given less than the full height (a short
        panel at a large text step), their type gives way, down to the floor, rather
        than the window growing or their words being cut (长辈模式 at 字号 4/4 on
        1280x800: four long English answers between 上一步 and 下一步 grew the window
        19 px). ``full_px`` 0: the buttons' own type, and no height asked."""
        if full_px <= 0:
            self._type_range, self._want, least = (0, 0), 0, 0
        else:
            self._type_range = (full_px, min(floor_px, full_px))
            self._want = self.height_at(width, full_px)
            least = self.height_at(width, self._type_range[1])
        if self.minimumHeight() != least:
            self.setMinimumHeight(least)
        self.updateGeometry()
        self._place()

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
        return QSize(width, max(self._want, self.heightForWidth(width)))

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

    def _type_for(self, width: int, height: int) -> int:
        """The largest type from the full size down to the floor whose rows fit
        ``height`` at ``width`` (the floor where none does); 0 without a range."""
        full, floor = self._type_range
        if full <= 0:
            return 0
        px = full
        while px > floor and self.height_at(width, px) > height:
            px -= 1
        return px

    def _place(self) -> None:
        px = self._type_for(self.width(), self.height())
        for b in self._buttons:
            b.set_type_px(px)
        y = 0
        for row, h in self._rows(self.width(), px):
            x = 0
            for b, w in row:
                b.setGeometry(x, y, w, h)
                x += w + self._gap
            y += h + self._gap
