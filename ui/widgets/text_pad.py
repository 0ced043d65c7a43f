"""An on-screen keyboard: pinyin with a candidate bar, plain letters, and digits.

No physical keyboard and no system input method is needed. Pinyin candidates
come from :mod:`kiosk.services.pinyin`; its index takes ~0.5 s to build, so the
screen builds it on a worker and hands it over with :meth:`TextPad.set_index`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.pinyin import Candidate, PinyinIndex, loaded_index
from ui.i18n import tr
from ui.layout_items import add_layout, repolish
from ui.tap_guard import TapGuard
from ui.theme import Tokens, mark_room
from ui.widgets.chosen_mark import AnswerButton
from ui.widgets.fit_keys import cap_rows, fit_key, key_max, key_min, row_gap
from ui.widgets.fit_label import FitLabel

ROWS = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
DIGIT_ROWS = ("1234567890", "-/.,#()")
PAGE = 6  # candidates shown at once, where the bar is wide enough for them
# Most candidates are one or two characters (北京, 朝阳): a slot holds two whole at the
# bar's type size, or the bar has fewer slots (portrait 长辈模式 at 字号 4/4 had six
# slots 95 px wide for 110 px of 北京: the citizen read half of each character, #14).
SLOT_SAMPLE = "国国"
_ANY = 16777215  # QWIDGETSIZE_MAX: no maximum width


def text_room(b: QPushButton) -> int:
    """How wide a text ``b`` can show whole: inside its style's border and padding."""
    opt = QStyleOptionButton()
    b.initStyleOption(opt)
    return b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, b).width()


def _air(px: int) -> int:
    """Room beside a candidate's word inside its button (both sides together): a word
    filling its button edge to edge reads as cut (背景 at 字号 4/4: try-out 7, E-d)."""
    return max(4, px // 2)


def _candidate_sized(b: QPushButton, kept: bool = True) -> QPushButton:
    """A candidate (or page arrow) shares the bar's whole width and height: large
    targets for elderly fingers (the stylesheet's floor is the touch target), and a
    slot kept when empty (``kept``), so the others never shift as the number of
    choices changes. A slot the bar has no room for is not ``kept``: it takes none."""
    b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    policy = b.sizePolicy()
    policy.setRetainSizeWhenHidden(kept)
    b.setSizePolicy(policy)
    return b


class TextPad(QWidget):
    """Emits ``typed(text)`` for committed text and ``erased()`` for backspace."""

    typed = Signal(str)
    erased = Signal()
    mode_changed = Signal(str)  # the citizen chose 拼音, ABC or 123: what the hint says follows
    # The pinyin letters typed and not yet chosen ("" when none): an owner showing them in
    # its field (see :meth:`compose_inline`) follows this.
    composing = Signal(str)

    def __init__(
        self,
        tokens: Tokens,
        lang: str,
        *,
        pinyin: bool = True,
        digits_row: bool = False,
        fit: bool = False,
    ) -> None:
        """``fit``: docked, keys growing with the room, the candidate bar in a strip.

        A fitted pad leaves its candidate bar (``self.bar``) out of its own layout:
        the owner puts it in the :class:`~ui.widgets.fit_keys.PadStrip` above the
        keys, where it covers the field's message only while pinyin is composed.
        A fitted pad for document numbers (``digits_row``) has no mode row: its
        backspace sits beside M, so it is four rows like every other docked pad.
        """
        super().__init__()
        self.setObjectName("text_pad")
        # Key sizes: the application stylesheet.
        self.setProperty("keys", "fit" if fit else "text")
        self._fit = tokens if fit else None
        self._lang = lang
        self._index: PinyinIndex | None = loaded_index()
        self._pinyin_allowed = pinyin
        self._mode = "pinyin" if pinyin and lang == "zh" else "abc"
        self._letters = ""
        self._composed = ""  # the letters last told through ``composing``
        self._inline = False
        self._page = 0
        self._cands: list[Candidate] = []
        # Slots in the candidate bar: as many as its width holds (see SLOT_SAMPLE),
        # fixed for a width, so no slot moves as the choices change.
        self._slots = PAGE
        self._slots_for = (-1, -1)  # the bar width and type size they were fitted to
        # A slot's width and the room for a word inside it, measured when fitted: a word
        # too long for one slot takes two (see _paged).
        self._slot_w = 0
        self._slot_room = 0
        # The page on show: the candidates' indexes, one a button, and the slots each takes.
        self._shown: list[tuple[int, int]] = []
        gap = tokens.gap()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(row_gap(tokens) if fit else gap)
        # Candidate bar: the pinyin typed so far, then the choices.
        self.bar = QWidget()
        self.bar.setObjectName("cand_bar")
        self.bar.setProperty("keys", "fit" if fit else "text")
        self.bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(gap)
        self.buffer = FitLabel()
        self.buffer.setObjectName("pinyin_buffer")
        # A long run of letters shows its latest ones after "…" (as input methods do),
        # never half a glyph: the citizen checks the letters they just typed.
        self.buffer.setProperty("may_clip", "typed pinyin: its latest letters after …")
        self.buffer.setProperty("role", "heading")
        # A share of the bar of its own, whatever its length: were it as wide as the
        # letters typed, ‹ and the choices would slide sideways with each letter (#14).
        # The latest letters show when a long run of them does not fit.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)
        self.buffer.setSizePolicy(policy)
        self.buffer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.buffer, 2)
        # Back to earlier candidates (wraps round, as › does): a choice passed is not lost.
        self.prev = QPushButton("‹")
        self.prev.setObjectName("cand_prev")
        self.prev.setAccessibleName("previous")
        self.prev.clicked.connect(lambda _=False: self._turn_page(-1))
        bar.addWidget(_candidate_sized(self.prev), 1)
        self.cand_buttons: list[QPushButton] = []
        for i in range(PAGE):
            b = QPushButton()
            b.setObjectName(f"cand_{i}")
            b.clicked.connect(lambda _=False, n=i: self._choose(n))
            self.cand_buttons.append(b)
            bar.addWidget(_candidate_sized(b), 2)
        self.more = QPushButton("›")
        self.more.setObjectName("cand_more")
        self.more.setAccessibleName("more")
        self.more.clicked.connect(lambda _=False: self._turn_page(1))
        bar.addWidget(_candidate_sized(self.more), 1)
        self.bar.installEventFilter(self)
        if not fit:
            outer.addWidget(self.bar)
        # Document numbers mix letters and digits: keep a digit row above the letters.
        self.top_digits = QWidget()
        top = QHBoxLayout(self.top_digits)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(gap)
        for ch in DIGIT_ROWS[0]:
            top.addWidget(self._key(ch))
        self.top_digits.setVisible(digits_row)
        outer.addWidget(self.top_digits, 1)
        # Letter and digit grids (one shown at a time).
        self.letters_host = QWidget()
        grid = QGridLayout(self.letters_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(gap)
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                grid.addWidget(self._key(ch), r, c)
        self.digits_host = QWidget()
        dgrid = QGridLayout(self.digits_host)
        dgrid.setContentsMargins(0, 0, 0, 0)
        dgrid.setSpacing(gap)
        for r, row in enumerate(DIGIT_ROWS):
            for c, ch in enumerate(row):
                dgrid.addWidget(self._key(ch), r, c)
        if fit:
            grid.setVerticalSpacing(row_gap(tokens))
            dgrid.setVerticalSpacing(row_gap(tokens))
            # The digits take the letters' three rows: switching modes moves no key.
            filler = QWidget()
            filler.setMinimumHeight(key_min(tokens))
            filler.setMaximumHeight(key_max(tokens))
            filler.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            dgrid.addWidget(filler, len(DIGIT_ROWS), 0)
            cap_rows(self, tokens, 4)  # three rows of letters and digits or controls
        outer.addWidget(self.letters_host, 3)
        outer.addWidget(self.digits_host, 3)
        # Controls.
        ctl = QHBoxLayout()
        ctl.setSpacing(gap)
        # The modes are answers (which letters the keys type): the chosen one has a ✓.
        self.mode_pinyin = self._ctl("key_mode_pinyin", lambda: self._tap_mode("pinyin"), True)
        self.mode_abc = self._ctl("key_mode_abc", lambda: self._tap_mode("abc"), True)
        self.mode_123 = self._ctl("key_mode_123", lambda: self._tap_mode("123"), True)
        self.space = self._ctl("key_space", self._space)
        self.back = self._ctl("key_backspace", self._backspace)
        self.back.setText("⌫")
        self.back.setAccessibleName("backspace")
        for w in (self.mode_pinyin, self.mode_abc, self.mode_123):
            # Bold whether chosen or not (the chosen one is told by its colour and its ✓):
            # bold only when chosen, 拼音 widened its key and pushed ABC / 123 and the
            # space bar about 5 px (try-out 5). The ✓'s room kept on each (try-out 14).
            room = edge = ""
            if self._fit is not None:
                f = self._fit
                room = f"padding-right: {f.px(12) + mark_room(f)}px;"
                # The chosen key's edge not doubled: its padding is the key's own (none
                # above or below to give the edge), and the row grew under the keys.
                edge = f'QPushButton[role="primary"] {{ border-width: {f.outline_px}px; }}'
            w.setStyleSheet(f"{w.styleSheet()} QPushButton {{ font-weight: bold; {room} }} {edge}")
            ctl.addWidget(w)
        ctl.addWidget(self.space, 1)
        if fit and digits_row:
            # Document numbers: no modes and no space to choose; backspace beside M.
            grid.addWidget(self.back, 2, len(ROWS[2]), 1, len(ROWS[0]) - len(ROWS[2]))
            for w in (self.mode_pinyin, self.mode_abc, self.mode_123, self.space):
                w.setParent(self)
                w.hide()
        else:
            ctl.addWidget(self.back)
            add_layout(outer, ctl, 1)
        if not (fit and digits_row):
            self.mode_pinyin.setVisible(pinyin)
            self.mode_123.setVisible(not digits_row)
        self.retranslate(lang)
        self._refresh()

    # --- building blocks -----------------------------------------------------------------

    def _key(self, ch: str, name: str = "") -> QPushButton:
        b = QPushButton(ch)
        b.setObjectName(name or f"key_{ch}")
        b.clicked.connect(lambda _=False, x=ch: self._press(x))
        return self._sized(b)

    def _ctl(self, name: str, slot: object, answer: bool = False) -> QPushButton:
        b = AnswerButton() if answer else QPushButton()
        b.setObjectName(name)
        b.clicked.connect(lambda _=False: slot())  # type: ignore[operator]
        if self._fit is not None:
            # A word on a key (拼音, Pinyin, 空格) keeps clear of the outline.
            b.setStyleSheet(f"QPushButton {{ padding: 0px {self._fit.px(12)}px; }}")
        return self._sized(b)

    def _sized(self, b: QPushButton) -> QPushButton:
        if self._fit is None:
            return b
        fit_key(b, self._fit)
        b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        return b

    # --- public ------------------------------------------------------------------------------

    def set_index(self, index: PinyinIndex) -> None:
        """The pinyin index has been built (on a worker)."""
        self._index = index
        self._refresh()

    def compose_inline(self) -> None:
        """The owner shows the letters being composed in the field typed into (whole, as
        input methods do): the bar gives their share to the candidates and shows only
        that the candidates are still on their way (the index loading)."""
        self._inline = True
        policy = self.buffer.sizePolicy()
        policy.setRetainSizeWhenHidden(False)
        self.buffer.setSizePolicy(policy)
        self._slots_for = (-1, -1)  # the candidates' room changed: fit them again
        self._refresh()

    def mode(self) -> str:
        """'pinyin', 'abc' or '123'."""
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Switch keyboard mode (pending pinyin is committed as letters when leaving)."""
        if mode == "pinyin" and not self._pinyin_allowed:
            mode = "abc"
        self._letters = ""
        changed = mode != self._mode
        self._mode = mode
        self._refresh()
        if changed:
            self.mode_changed.emit(mode)

    def _tap_mode(self, mode: str) -> None:
        """A mode key tapped: the keys it shows are the keyboard's, where the citizen
        types, and the window's tap guard takes them at once (ui/tap_guard.py
        ``in_place``; try-out 14, E2: the first letter after 数字 → 拼音 was dropped).
        Only on the citizen's own tap: a mode set as a screen opens holds as before."""
        self.set_mode(mode)
        guard = getattr(self.window(), "tap_guard", None)
        if isinstance(guard, TapGuard):
            guard.in_place(self.findChildren(QPushButton))

    def pending(self) -> str:
        """Pinyin letters typed but not yet turned into characters."""
        return self._letters

    def set_pending(self, letters: str) -> None:
        """Put back pinyin letters not yet chosen (a rebuilt screen keeps them)."""
        if self._mode == "pinyin":
            self._letters = letters
            self._page = 0
            self._refresh()

    def retranslate(self, lang: str) -> None:
        """Labels in ``lang``."""
        self._lang = lang
        self.mode_pinyin.setText(tr("pinyin.mode_pinyin", lang))
        self.mode_abc.setText(tr("pinyin.mode_abc", lang))
        self.mode_123.setText(tr("pinyin.mode_123", lang))
        self.space.setText(tr("pinyin.space", lang))
        self._refresh()

    def candidates(self) -> list[str]:
        """All current candidate texts (tests, accessibility)."""
        return [c.text for c in self._cands]

    # --- behaviour -----------------------------------------------------------------------

    def _press(self, ch: str) -> None:
        if self._mode == "pinyin" and ch.isalpha():
            self._letters += ch.lower()
            self._page = 0
            self._refresh()
        else:
            self.typed.emit(ch)

    def _space(self) -> None:
        if self._letters:
            self._choose(0)
            return
        self.typed.emit(" ")

    def _backspace(self) -> None:
        if self._letters:
            self._letters = self._letters[:-1]
            self._page = 0
            self._refresh()
        else:
            self.erased.emit()

    def _choose(self, n: int) -> None:
        if n >= len(self._shown):
            return
        i = self._shown[n][0]
        cand = self._cands[i]
        self._letters = self._letters[cand.consumed :]
        self._page = 0
        self.typed.emit(cand.text)
        self._refresh()

    def _turn_page(self, step: int) -> None:
        pages = max(1, len(self._paged()))
        self._page = (self._page + step) % pages
        self._refresh()

    def _paged(self) -> list[list[tuple[int, int]]]:
        """The candidates in pages of the bar's slots: each (its index, its slots). A
        word wider than one slot at the bar's type takes two, in the bar's type, rather
        than one in type shrunk to fit: the whole phrase 南池子大街, the one the citizen
        typed all those letters for, was the smallest word on the row at 字号 4/4
        (try-out 15, E3)."""
        n = self._slots
        pages: list[list[tuple[int, int]]] = [[]]
        used = 0
        fm = QFontMetrics(self._cand_font(self._slots_for[1])) if self._slot_room else None
        for i, c in enumerate(self._cands):
            cost = 1
            air = _air(self._slots_for[1])
            if fm is not None and n >= 2 and fm.horizontalAdvance(c.text) + air > self._slot_room:
                cost = 2
            if used + cost > n:
                pages.append([])
                used = 0
            pages[-1].append((i, cost))
            used += cost
        return pages if pages[0] else []

    def _refresh(self) -> None:
        pinyin = self._mode == "pinyin"
        self.letters_host.setVisible(self._mode != "123")
        self.digits_host.setVisible(self._mode == "123")
        for w, m in ((self.mode_pinyin, "pinyin"), (self.mode_abc, "abc"), (self.mode_123, "123")):
            role = "primary" if self._mode == m else "secondary"
            if w.property("role") != role:  # restyling every key press cost ~1 ms a tap
                w.setProperty("role", role)
                repolish(w)
        if pinyin and self._letters and self._index is None:
            self.buffer.set_texts(tr("pinyin.loading", self._lang), "…")
        else:
            tails = ("…" + self._letters[-n:] for n in range(len(self._letters) - 1, 0, -1))
            self.buffer.set_texts(self._letters, *tails)
        self._cands = (
            self._index.candidates(self._letters)
            if pinyin and self._letters and self._index is not None
            else []
        )
        n = self._slots
        pages = self._paged()
        self._page = min(self._page, max(0, len(pages) - 1))
        self._shown = pages[self._page] if pages else []
        # Slots a page leaves free keep their room (nothing moves as choices change).
        free = n - sum(cost for _i, cost in self._shown)
        lay = self.bar.layout()
        for i, b in enumerate(self.cand_buttons):
            cost = self._shown[i][1] if i < len(self._shown) else 1
            kept = i < n and i < len(self._shown) + free
            if b.sizePolicy().retainSizeWhenHidden() != kept:
                _candidate_sized(b, kept=kept)
            # Two slots and the gap between: the slots around stay on the bar's grid.
            wide = 2 * self._slot_w + lay.spacing() if cost == 2 else 0
            if (b.minimumWidth(), b.maximumWidth()) != (wide, wide or _ANY):
                b.setMinimumWidth(wide)
                b.setMaximumWidth(wide or _ANY)
            if i < len(self._shown):
                b.setText(self._cands[self._shown[i][0]].text)
                self._whole(b, cost)
                b.show()
            else:
                b.hide()
        self.more.setVisible(len(pages) > 1)
        self.prev.setVisible(len(pages) > 1)
        loading = pinyin and bool(self._letters) and self._index is None
        self.buffer.setVisible(pinyin and (not self._inline or loading))
        self._sync_bar()
        composed = self._letters if pinyin else ""
        if composed != self._composed:
            self._composed = composed
            self.composing.emit(composed)

    def _whole(self, b: QPushButton, cost: int = 1) -> None:
        """A word longer than its slots hold is set smaller, whole, rather than cut; the
        others keep the bar's type size. ``cost``: the slots it takes (its room as
        they will be laid out: the bar has not been laid out again yet)."""
        want = ""
        room = 0
        if self._slot_room:
            gap = self.bar.layout().spacing()
            room = self._slot_room + (cost - 1) * (self._slot_w + gap)
        if room > 0:
            px = self._slots_for[1]
            room -= _air(px)
            wide = QFontMetrics(self._cand_font(px)).horizontalAdvance(b.text())
            if wide > room:
                want = f"font-size: {max(1, px * room // wide)}px;"
        if b.styleSheet() != want:  # a restyle costs ~1 ms: only when it changes
            b.setStyleSheet(want)

    def _cand_font(self, px: int) -> QFont:
        font = QFont(self.cand_buttons[0].font())
        font.setPixelSize(px)
        return font

    def _fit_slots(self) -> None:
        """As many candidate slots as the bar's width holds, each wide enough for
        :data:`SLOT_SAMPLE` at the bar's type size (measured as Qt lays the bar out)."""
        width = self.bar.width()
        first = self.cand_buttons[0]
        saved = first.styleSheet()
        if saved:
            first.setStyleSheet("")  # the bar's own type size, not a long word's
        first.ensurePolished()
        px = first.font().pixelSize()
        need = QFontMetrics(first.font()).horizontalAdvance(SLOT_SAMPLE) + _air(px)
        if saved:
            first.setStyleSheet(saved)
        if width <= 0 or (width, px) == self._slots_for:
            return
        self._slots_for = (width, px)
        lay = self.bar.layout()
        for n in range(PAGE, 0, -1):
            for i, b in enumerate(self.cand_buttons):
                _candidate_sized(b, kept=i < n)
                b.setMinimumWidth(0)  # one slot each, to measure one
                b.setMaximumWidth(_ANY)
                b.setHidden(i >= n or b.isHidden())
            lay.invalidate()
            lay.setGeometry(self.bar.rect())  # lay the bar out now, to measure a slot
            if text_room(first) >= need:
                break
        self._slot_w = first.width()
        self._slot_room = text_room(first)
        if n != self._slots:
            self._slots = n
            self._page = 0
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The candidate bar resized or restyled: fit its slots to it again."""
        if watched is self.bar and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.StyleChange,
        ):
            self._fit_slots()
        return False

    def _sync_bar(self) -> None:
        if self._fit is not None:
            # In the strip, the bar covers the field's message only while composing.
            composing = self._mode == "pinyin" and bool(self._letters)
            self.bar.setVisible(composing and not self.isHidden())

    def setVisible(self, visible: bool) -> None:
        """A fitted pad's candidate bar (in the strip) comes and goes with it."""
        super().setVisible(visible)
        if getattr(self, "_fit", None) is not None:
            self._sync_bar()
