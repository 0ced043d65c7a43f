"""An on-screen pad for tracking numbers (KKKK-YYMMDD-SSSS-C).

It offers exactly the symbols a tracking number can contain — the ten digits and
the nine letters ACFHMRWXY — so a citizen cannot type a look-alike letter, and
shows the number grouped with dashes as it grows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from kiosk.tracking import ALPHABET, shown_tracking_number
from ui.layout_items import repolish
from ui.tap_guard import TapGuard
from ui.theme import MARK_EM, Tokens
from ui.widgets.chosen_mark import draw_tick, is_chosen, mark_as_answer
from ui.widgets.fit_keys import cap_rows, fit_key, row_gap

MAX_SYMBOLS = 17  # 4 + 6 + up to 6 + 1
COLUMNS = 7
# The last characters of an ID number as the track screen asks them (its second step):
# a resident ID's are digits and X, each in its place on the number's step; a passport's
# may hold any letter (kiosk/services/track.py accepts any): two pages of letters, A–P and
# Q–Z, a tap away on keys of their own (try-out 17, P2: a passport ending in K was a
# dead end). Each page's keys fill the slots left of the page keys, row by row.
ID_TAIL_KEYS = "0123456789X"
ID_TAIL_PAGES = ("digits", "a_p", "q_z")
_LETTER_PAGES = {"a_p": "ABCDEFGHIJKLMNOP", "q_z": "QRSTUVWXYZ"}
# Each page key shows its symbols, the same in every language as the keys it brings.
_PAGE_FACES = {"digits": "0–9", "a_p": "A–P", "q_z": "Q–Z"}
# The page keys sit at the start of the bottom row (W's, X's and Y's are the number's
# last letters: slots 14 to 16 hold M, R and W): on the digits page X keeps its place.
_PAGE_SLOTS = (14, 15, 16)


def grouped(symbols: str) -> str:
    """``A7H32611230042X`` → ``A7H3-261123-0042-X`` once it is a whole number (as the
    receipt shows it, try-out 7, C-f); partial input as ``A7H3-261123-004``.

    Past the serial's 4 digits the last symbol stands apart as the receipt's check
    character does, whether or not it matches: a mistyped number glued it to the serial
    (try-out 11, C7: ``M001-261207-00011`` beside "the last character does not match")."""
    whole = shown_tracking_number(symbols)
    if whole != symbols:
        return whole
    tail = symbols[10:]
    parts = [symbols[:4], symbols[4:10], *((tail[:-1], tail[-1]) if len(tail) > 4 else (tail,))]
    return "-".join(p for p in parts if p)


class PageKey(QPushButton):
    """A page key of the ID's last 4 (0–9, A–P, Q–Z), an answer (which keys the pad
    shows): the open page's has the chosen look of a keyboard's mode (拼音 / ABC / 123),
    the chosen fill and a ✓ (try-out 18, R1: nothing told which page was open).

    The ✓ goes right after the words, the two centred together, as large as the key
    leaves it (up to an answer's): no room kept for it at the key's right end, as an
    answer's style keeps, whose padding cut "0–9" at 字号 4/4 (7 keys a row in portrait)."""

    def __init__(self, text: str, tokens: Tokens | None) -> None:
        super().__init__(text)
        mark_as_answer(self)
        if tokens is not None:
            # A key's padding and type, chosen or not (bold, "A–P" left its ✓ less room),
            # and its edge not doubled when chosen (the doubled edge made the chosen key
            # taller than the row: cut at its foot), as the text pad's mode keys.
            self.setStyleSheet(
                "QPushButton { font-weight: normal; } QPushButton:!pressed { padding: 0px; }"
                f' QPushButton[role="primary"] {{ border-width: {tokens.outline_px}px; }}'
            )

    def mark(self) -> tuple[QRect, QRect] | None:
        """(words, ✓) as the chosen key draws them (a ✓ of no size where the key is too
        narrow for one); None when the key is not chosen."""
        if not is_chosen(self):
            return None
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, self)
        px = self.font().pixelSize()
        if px <= 0:
            px = round(self.font().pointSizeF() * 96 / 72)
        words = self.fontMetrics().horizontalAdvance(self.text())
        gap, margin = max(3, px // 6), max(3, px // 10)
        side = min(round(px * MARK_EM), room.width() - words - gap - 2 * margin)
        if side < px // 3:  # no ✓ to see: the words alone, centred
            side = gap = 0
        left = room.center().x() + 1 - (words + gap + side) // 2
        text = QRect(left, room.top(), words, room.height())
        tick = QRect(left + words + gap, room.center().y() + 1 - side // 2, side, side)
        return text, tick

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its face; chosen, its words and the ✓ centred together."""
        placed = self.mark()
        if placed is None:
            super().paintEvent(event)
            return
        text, tick = placed
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = ""
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, opt)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.setFont(self.font())
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.drawText(text, int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()
        if tick.width() > 0:
            draw_tick(self, tick)


class TrackingPad(QWidget):
    """Emits the typed number (grouped) after every tap."""

    changed = Signal(str)

    def __init__(
        self, tokens: Tokens, backspace: str, clear: str, undo: str, *, fit: bool = False
    ) -> None:
        """``fit``: docked, its keys grow with the room (ui/widgets/fit_keys.py)."""
        super().__init__()
        self.setObjectName("tracking_pad")
        # Seven keys a row must fit a small landscape panel in assisted mode: the keys
        # keep their minimum touch size and the text has no side padding
        # (``keys="tracking"`` or ``"fit"`` in the application stylesheet, ui/theme.py).
        self.setProperty("keys", "fit" if fit else "tracking")
        self._tokens = tokens if fit else None
        self._symbols = ""
        # What 清空 took, until another key: 清空 sits beside ⌫, and a finger that meant
        # one character lost a whole number with no way back (try-out 16, C7).
        self._undo: str | None = None
        self._words = (clear, undo)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(tokens.gap())
        keys = [*ALPHABET[:10], *ALPHABET[10:]]
        if fit:
            grid.setVerticalSpacing(row_gap(tokens))
            cap_rows(self, tokens, (len(keys) + 2 + COLUMNS - 1) // COLUMNS)
        # One key a slot; what each slot types follows the page shown (_show).
        self._slots: list[QPushButton] = []
        self._slot_symbols = list(keys)
        for i, ch in enumerate(keys):
            b = self._button(ch, f"key_{ch}")
            b.clicked.connect(lambda _=False, n=i: self._set(self._symbols + self._slot_symbols[n]))
            # A key not offered (offer) leaves its room: the others stay where they were.
            policy = b.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            b.setSizePolicy(policy)
            self._slots.append(b)
            grid.addWidget(b, i // COLUMNS, i % COLUMNS)
        # The ID's last 4: the page keys (0–9, A–P, Q–Z), the open page's chosen
        # (PageKey); its own key stays a key, a no-op.
        self._offered: str | None = None
        self._page: str | None = None  # None: the tracking number's own keys
        self.page_keys: dict[str, QPushButton] = {}
        for page, slot in zip(ID_TAIL_PAGES, _PAGE_SLOTS, strict=True):
            k = self._button(_PAGE_FACES[page], f"key_page_{page}", page=True)
            k.clicked.connect(lambda _=False, p=page: self._tap_page(p))
            k.hide()
            self.page_keys[page] = k
            grid.addWidget(k, slot // COLUMNS, slot % COLUMNS)
        self.back = self._button("⌫", "key_backspace")
        self.back.clicked.connect(lambda _=False: self._set(self._symbols[:-1]))
        # Its word on it (清空 / Clear): a bare ✕ did not say whether it deleted a
        # character, everything, or closed the pad (try-out 14, C13).
        self.clear_key = self._button(clear, "key_clear")
        self.clear_key.clicked.connect(lambda _=False: self._clear_or_undo())
        self.set_labels(backspace, clear, undo)
        n = len(keys)
        grid.addWidget(self.back, n // COLUMNS, n % COLUMNS)
        grid.addWidget(self.clear_key, (n + 1) // COLUMNS, (n + 1) % COLUMNS)

    def _button(self, text: str, name: str, *, page: bool = False) -> QPushButton:
        b = PageKey(text, self._tokens) if page else QPushButton(text)
        b.setObjectName(name)
        if self._tokens is not None:
            return fit_key(b, self._tokens)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return b

    def set_labels(self, backspace: str, clear: str, undo: str) -> None:
        """The clear key's words (清空, and 恢复 once it has cleared), and names read out
        by assistive tools (⌫ shows a symbol)."""
        self.back.setAccessibleName(backspace)
        self._words = (clear, undo)
        self._show_clear_word()

    def _show_clear_word(self) -> None:
        word = self._words[self._undo is not None]
        self.clear_key.setAccessibleName(word)
        self.clear_key.setText(word)

    def _clear_or_undo(self) -> None:
        """清空 empties the number; tapped again before any other key, it puts it back."""
        undo, before = self._undo, self._symbols
        if undo is not None:
            self._set(undo)
        elif before:
            self._set("")
            self._undo = before
            self._show_clear_word()

    def set_page_names(self, names: Sequence[str]) -> None:
        """The page keys' names read out (字母 A 到 P …), in :data:`ID_TAIL_PAGES` order."""
        for page, name in zip(ID_TAIL_PAGES, names, strict=True):
            self.page_keys[page].setAccessibleName(name)

    def offer(self, symbols: str | None) -> None:
        """Only the keys of ``symbols`` (None: every symbol of a tracking number); the
        rest are hidden, their room kept."""
        self._offered = symbols
        self._page = None
        self._show()

    def offer_id_tail(self) -> None:
        """The ID's last 4: the digits and X in their places, and the letters' pages a
        tap away. The page shown stays while the step does (a retranslation, a message)."""
        if self._page is None:
            self._page = ID_TAIL_PAGES[0]
        self._show()

    def page(self) -> str | None:
        """The ID tail's page shown (``digits``, ``a_p``, ``q_z``), None on the number's step."""
        return self._page

    def show_page(self, page: str) -> None:
        """Show the ID tail's ``page`` (a screen rebuilt in a new text size)."""
        if page in ID_TAIL_PAGES:
            self._page = page
            self._show()

    def _tap_page(self, page: str) -> None:
        self.show_page(page)
        # The keys shown are where the citizen is tapping, by their own tap on the page
        # key beside them: they take taps at once (ui/tap_guard.py, as the text pad's
        # 拼音 / ABC / 数字).
        guard = getattr(self.window(), "tap_guard", None)
        if isinstance(guard, TapGuard):
            guard.in_place(self._slots)

    def _show(self) -> None:
        page = self._page
        letters = _LETTER_PAGES.get(page or "")
        page_slots = set(_PAGE_SLOTS) if page is not None else set()
        free = (i for i in range(len(self._slots)) if i not in page_slots)
        by_slot = dict(zip(free, letters, strict=False)) if letters else {}
        for i, b in enumerate(self._slots):
            if letters is not None:
                ch = by_slot.get(i, "")
            else:
                ch = ALPHABET[i]
                offered = ID_TAIL_KEYS if page is not None else self._offered
                if offered is not None and ch not in offered:
                    ch = ""
            # A hidden slot gives up its name: a letter's key is the one shown (X is on
            # two pages, in two places).
            name = f"key_{ch}" if ch else f"key_slot_{i}"
            if b.objectName() != name:
                b.setObjectName(name)
            if ch:
                self._slot_symbols[i] = ch
                if b.text() != ch:
                    b.setText(ch)
            b.setVisible(bool(ch) and i not in page_slots)
        for name, k in self.page_keys.items():
            k.setVisible(page is not None)
            role = "primary" if name == page else "secondary"
            if k.property("role") != role:
                k.setProperty("role", role)
                repolish(k)

    def _set(self, symbols: str) -> None:
        if self._undo is not None:
            self._undo = None  # any key after 清空 keeps the new start
            self._show_clear_word()
        self._symbols = symbols[:MAX_SYMBOLS]
        self.changed.emit(self.text())

    def text(self) -> str:
        """The number typed so far, grouped with dashes."""
        return grouped(self._symbols)

    def symbols(self) -> str:
        """The symbols typed so far, without the dashes."""
        return self._symbols

    def set_symbols(self, symbols: str) -> None:
        """Put back symbols typed earlier (a screen rebuilt in a new text size)."""
        self._set(symbols)

    def clear(self) -> None:
        """Start again."""
        self._set("")
