"""Short free text without a physical keyboard: tap quick phrases, or type with pinyin.

The keyboard is the shared :class:`~ui.widgets.text_pad.TextPad` (pinyin with a
candidate bar, letters, digits). The screen passes every other visible text in
(already translated), so the widget follows language switches through
:meth:`TextComposer.set_texts`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.pinyin import PinyinIndex
from ui.i18n import tr
from ui.layout_items import add_layout
from ui.theme import Tokens
from ui.widgets.fit_keys import PadStrip
from ui.widgets.pager import PagedGrid
from ui.widgets.text_pad import TextPad

MAX_CHARS = 500


class TextComposer(QWidget):
    """Current text, phrase buttons, and a keyboard behind a toggle; emits ``changed``."""

    changed = Signal(str)
    typing_changed = Signal(bool)  # the keyboard opened (True) or closed

    def __init__(
        self,
        tokens: Tokens,
        phrase_keys: list[str],
        lang: str,
        columns: int = 2,
        dock: QVBoxLayout | None = None,
        paged: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("text_composer")
        self._text = ""
        self._empty = ""
        self._keyboard_text = self._phrases_text = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(tokens.gap())
        self.display = QLabel()
        self.display.setObjectName("composer_text")
        self.display.setProperty("role", "warning")
        self.display.setWordWrap(True)
        self.display.setTextFormat(Qt.TextFormat.PlainText)
        # The text and its two buttons share a row: the keyboard docked under them
        # leaves no height to spare in 长辈模式.
        top = QHBoxLayout()
        top.setSpacing(tokens.gap())
        top.addWidget(self.display, 1)
        add_layout(lay, top)
        # Phrases or keyboard, one at a time: both at once crowd a small panel.
        self.phrases_host = QWidget()
        phrases = QVBoxLayout(self.phrases_host)
        phrases.setContentsMargins(0, 0, 0, 0)
        phrases.setSpacing(tokens.gap())
        self.phrases_label = QLabel()
        self.phrases_label.setTextFormat(Qt.TextFormat.PlainText)
        self.phrases_label.setProperty("role", "muted")
        phrases.addWidget(self.phrases_label)
        grid = QGridLayout()
        grid.setSpacing(tokens.gap())
        self.phrase_buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(phrase_keys):
            b = QPushButton()
            b.setObjectName(f"phrase_{key.rsplit('.', 1)[-1]}")
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, w=b: self._add_phrase(w.text()))
            self.phrase_buttons[key] = b
            if not paged:
                grid.addWidget(b, i // columns, i % columns)
        self._grid, self._columns = grid, columns
        # ``paged``: the phrases as pages that fit the room the composer is given (a
        # small panel in 长辈模式), never a list to scroll; else a grid of their own height.
        self.pages: PagedGrid | None = None
        if paged:
            # The screen's question names the phrases; their own label would cost a row.
            self.phrases_label.hide()
            self._parked = QWidget(self)  # phrases of other kinds wait here, hidden
            self._parked.hide()
            # Its buttons name the phrases: under them a screen has its own 上一步/下一步.
            self.pages = PagedGrid(
                tokens,
                "phrases",
                columns=columns,
                lang=lang,
                turn_keys=("pager.phrases.prev", "pager.phrases.next"),
            )
            self.pages.set_items(list(self.phrase_buttons.values()))
            phrases.addWidget(self.pages, 1)
        else:
            add_layout(phrases, grid)
        lay.addWidget(self.phrases_host, 1 if paged else 0)
        self.keyboard_btn = QPushButton()
        self.keyboard_btn.setObjectName("btn_keyboard")
        self.keyboard_btn.clicked.connect(lambda _=False: self._toggle_keyboard())
        self.clear_btn = QPushButton()
        self.clear_btn.setObjectName("btn_clear_text")
        self.clear_btn.clicked.connect(lambda _=False: self.set_text(""))
        top.addWidget(self.keyboard_btn, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.clear_btn, 0, Qt.AlignmentFlag.AlignTop)
        self._layout = dock if dock is not None else lay  # where the keyboard goes
        self._tokens = tokens
        self._lang = lang
        self._index: PinyinIndex | None = None
        self._pad: TextPad | None = None
        self._strip = PadStrip(tokens)
        # Parented now: the strip joins a layout only with the keyboard, and a
        # citizen who only taps phrases never opens it; a parentless strip outlived
        # its screen until a rare full collection (tests/ui/test_screens_freed.py).
        self._strip.setParent(self)
        self._strip.hide()

    @property
    def keyboard(self) -> TextPad:
        """The keyboard, made on first use.

        A full keyboard is most of this widget's cost, and most citizens only tap
        phrases: building it on demand keeps the rate and feedback screens quick.
        """
        if self._pad is None:
            # Docked as the ID-entry keyboards are: keys sized to the room, and the pinyin
            # candidates in a strip of fixed height above them (nothing moves).
            pad = TextPad(self._tokens, self._lang, fit=True)
            pad.typed.connect(lambda s: self.set_text(self._text + s))
            pad.erased.connect(lambda: self.set_text(self._text[:-1]))
            # The letters being composed show whole after the text, as in a form's field
            # (the candidate bar cut them to "…g" at 字号 4/4 on a portrait panel).
            pad.compose_inline()
            pad.composing.connect(self._set_composing)
            pad.mode_changed.connect(lambda _mode: self._sync_hint())
            pad.hide()
            self._strip.add_bar(pad.bar)
            if self._index is not None:
                pad.set_index(self._index)
            self._layout.addWidget(self._strip)
            self._layout.addWidget(pad, 1)
            self._pad = pad
            self._sync_hint()
        return self._pad

    def top_row_height(self) -> int:
        """The height of the text and its two buttons (all that shows while typing)."""
        row = (self.display, self.keyboard_btn, self.clear_btn)
        return max(max(w.sizeHint().height(), w.minimumHeight()) for w in row)

    def typing(self) -> bool:
        """The keyboard is open."""
        return self._pad is not None and not self._pad.isHidden()

    def set_index(self, index: PinyinIndex) -> None:
        """The pinyin index for the keyboard (now or once it is made)."""
        self._index = index
        if self._pad is not None:
            self._pad.set_index(index)

    def set_texts(
        self,
        phrases: dict[str, str],
        empty: str,
        phrases_label: str,
        keyboard: str,
        clear: str,
        done: str = "",
    ) -> None:
        """Fill every visible text (called on build and on language switch).

        ``done`` names the button that closes the keyboard (the screen's own buttons
        come back with it); the phrases' label when not given.
        """
        for key, b in self.phrase_buttons.items():
            b.setText(phrases.get(key, key))
        self._empty = empty
        self.phrases_label.setText(phrases_label)
        self._keyboard_text, self._phrases_text = keyboard, done or phrases_label
        self.clear_btn.setText(clear)
        self._render()

    def show_phrases(self, keys: list[str]) -> None:
        """Offer only ``keys`` (in that order), packed into the grid without gaps."""
        shown = [self.phrase_buttons[k] for k in keys if k in self.phrase_buttons]
        if self.pages is not None:
            if shown != self.pages.items():
                self.pages.set_items(shown, park=self._parked)
            return
        for b in self.phrase_buttons.values():
            self._grid.removeWidget(b)
            b.hide()
        for i, key in enumerate(k for k in keys if k in self.phrase_buttons):
            b = self.phrase_buttons[key]
            self._grid.addWidget(b, i // self._columns, i % self._columns)
            b.show()

    def set_language(self, lang: str) -> None:
        """The keyboard's own labels (and its default mode) follow the interface language."""
        self._lang = lang
        if self.pages is not None:
            self.pages.set_language(lang)  # its buttons, and pages for the new words
        if self._pad is not None:
            self._pad.retranslate(lang)
            self._sync_hint()

    def _sync_hint(self) -> None:
        # The strip over the keys says how the keyboard now on screen works, as a form's
        # does (ui/widgets/entry_group.py): with pinyin, to tap a character after.
        pad = self._pad
        mode = pad.mode() if pad is not None else ""
        key = {"pinyin": "pinyin.hint", "123": "pinyin.hint.digits"}.get(mode)
        self._strip.set_hint(tr(key, self._lang) if key else "")

    def _toggle_keyboard(self) -> None:
        show = self.keyboard.isHidden()
        # Hide before show: both at once, even for a moment, would grow the window. The
        # screen hears first, so it can clear room for the keyboard before it shows.
        if show:
            self.phrases_host.hide()
            self.typing_changed.emit(True)
            self._strip.show()
            self.keyboard.show()
        else:
            self.keyboard.hide()
            self._strip.hide()
            self.phrases_host.show()
            self.typing_changed.emit(False)
        self._render()

    def setVisible(self, visible: bool) -> None:
        """Hidden with the composer: a docked keyboard lives outside it and goes too."""
        super().setVisible(visible)
        if not visible and self._pad is not None and not self._pad.isHidden():
            self._pad.hide()
            self._strip.hide()
            self.typing_changed.emit(False)
            self.phrases_host.show()
            self._render()

    def _add_phrase(self, phrase: str) -> None:
        if phrase in self._text:
            return
        sep = "；" if self._text and any("\u4e00" <= c <= "\u9fff" for c in phrase) else "; "
        self.set_text(f"{self._text}{sep}{phrase}" if self._text else phrase)

    def set_text(self, text: str) -> None:
        """Replace the text (bounded) and announce it."""
        self._text = text[:MAX_CHARS]
        self._render()
        self.changed.emit(self._text)

    def text(self) -> str:
        """The text composed so far."""
        return self._text

    def state(self) -> tuple[str, bool, str, str]:
        """(text, keyboard open, its mode, pinyin letters not yet chosen): kept across a
        rebuild of the screen in a new text size."""
        pad = self._pad
        mode, pending = (pad.mode(), pad.pending()) if pad is not None else ("", "")
        return self._text, self.typing(), mode, pending

    def restore(self, state: tuple[str, bool, str, str]) -> None:
        """Put back what :meth:`state` took from the composer this one replaces."""
        text, typing, mode, pending = state
        self.set_text(text)
        if typing and not self.typing():
            self._toggle_keyboard()
        if mode:
            self.keyboard.set_mode(mode)
            self.keyboard.set_pending(pending)

    _composing = ""

    def _set_composing(self, letters: str) -> None:
        self._composing = letters
        self._render()

    def _render(self) -> None:
        if self._composing:
            # Underlined after the text, as input methods show letters not yet chosen.
            self.display.setTextFormat(Qt.TextFormat.RichText)
            self.display.setText(f"{html.escape(self._text)}<u>{html.escape(self._composing)}</u>")
        else:
            self.display.setTextFormat(Qt.TextFormat.PlainText)
            self.display.setText(self._text or self._empty)
        typing = self._pad is not None and not self._pad.isHidden()
        self.keyboard_btn.setText(self._phrases_text if typing else self._keyboard_text)
