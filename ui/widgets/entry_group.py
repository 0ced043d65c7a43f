"""Several tap-to-edit fields sharing one on-screen pad: digits, ID (with X), date, text.

The pad for the active field is docked under the fields; the others are hidden,
so a screen never needs more than one keyboard's worth of room. Every pad is four
rows of keys that grow with the room (ui/widgets/fit_keys.py) under one strip for
the field's hint, its message or the pinyin candidates, so changing field, mode or
message moves no key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.services.form_rules import format_date_entry
from kiosk.services.pinyin import PinyinIndex
from ui.i18n import tr
from ui.theme import Tokens
from ui.widgets.entry_field import EntryField
from ui.widgets.fit_keys import PadStrip
from ui.widgets.keypad import Keypad
from ui.widgets.text_pad import TextPad


class PadKind(StrEnum):
    """Which keyboard a field needs."""

    DIGITS = "digits"
    NUMBER = "number"  # digits and a decimal point
    ID = "id"  # digits and X
    DATE = "date"  # 8 digits shown as YYYY-MM-DD
    TEXT = "text"  # pinyin, letters, digits
    ALNUM = "alnum"  # letters and digits, no pinyin (document numbers)


@dataclass
class _Entry:
    field: EntryField
    kind: PadKind
    max_length: int
    value: str = ""
    pad: PadKind | None = None  # another field's keyboard (e.g. dates on the ALNUM one)
    masked: str | None = None  # shown instead of the value (read-only identity fields)


@dataclass(frozen=True)
class GroupState:
    """What a citizen has typed and where: kept across a rebuild of the screen (a new text
    size or colours rebuilds every widget; try-out 6 lost a typed ID number that way)."""

    values: dict[str, str]
    active: str | None
    # Each text keyboard's mode (拼音 / ABC / 123) and its pinyin letters not yet chosen.
    modes: dict[str, tuple[str, str]] = field(default_factory=dict)


class EntryGroup:
    """Owns the fields' values and routes the pads' keys to the active field."""

    def __init__(
        self, tokens: Tokens, lang: str, pad_host: QVBoxLayout, on_change: Callable[[str], None]
    ) -> None:
        self._tokens = tokens
        self._lang = lang
        self._host = pad_host
        self._on_change = on_change
        self._entries: dict[str, _Entry] = {}
        self._pads: dict[tuple[PadKind, int], QWidget] = {}
        # Pads made ahead (warm_up_steps) but not yet under the fields: see _make.
        self._unplaced: dict[tuple[PadKind, int], QWidget] = {}
        self._active: str | None = None
        self._index: PinyinIndex | None = None
        self._hints: dict[str, str] = {}
        self.strip = PadStrip(tokens)
        self.strip.hide()  # with the pads: shown while a field is being typed into
        pad_host.addWidget(self.strip)

    def add(
        self, name: str, kind: PadKind, max_length: int = 40, pad: PadKind | None = None
    ) -> EntryField:
        """Create a field (its object name is ``field_<name>``).

        ``pad`` types into it with another kind's keyboard, so that fields side by side
        share one and the keys never change under the finger (a date on the ALNUM
        keyboard takes its digits row only).
        """
        f = EntryField(f"field_{name}")
        f.tapped.connect(lambda n=name: self.activate(n))
        self._entries[name] = _Entry(f, kind, max_length, pad=pad)
        return f

    def set_pad(self, name: str, pad: PadKind | None) -> None:
        """Type into ``name`` with ``pad``'s keyboard (None: its own kind's), from now on.

        For a screen whose fields are side by side in one mode (one shared keyboard) and
        one a page in another (each its own, e.g. a date's big number pad).
        """
        e = self._entries[name]
        if e.pad == pad:
            return
        e.pad = pad
        if self._active == name:
            self.activate(name)  # the keyboard it types with now

    def set_hint(self, name: str, text: str) -> None:
        """What ``name`` wants (e.g. "YYYYMMDD"), shown above the keys while no message is."""
        self._hints[name] = text
        if self._active == name:
            self.strip.set_hint(text)

    def clear_hint(self, name: str) -> None:
        """``name`` back to the hint its keyboard gives (see :meth:`set_hint`)."""
        self._hints.pop(name, None)
        if self._active == name:
            self.strip.set_hint(self._hint(name))

    def add_message(self, label: QLabel) -> QLabel:
        """Put a screen's message label in the strip above the keys (its room is kept)."""
        return self.strip.add_message(label)

    def field(self, name: str) -> EntryField:
        """The widget for ``name``."""
        return self._entries[name].field

    def value(self, name: str) -> str:
        """What has been typed into ``name``."""
        return self._entries[name].value

    def values(self) -> dict[str, str]:
        """Every field's value."""
        return {n: e.value for n, e in self._entries.items()}

    def set_value(self, name: str, value: str) -> None:
        """Replace a field's value (and the pad's copy of it when active)."""
        e = self._entries[name]
        e.value = value[: e.max_length]
        self._show(e)
        if self._active == name:
            pad = self._pads.get(self._pad_key(e))
            if isinstance(pad, Keypad) and pad.text() != e.value:
                pad.set_text(e.value)

    def state(self) -> GroupState:
        """Every field's value, the field being typed and each text keyboard's mode."""
        modes = {
            f"{kind.value}:{limit}": (pad.mode(), pad.pending())
            for (kind, limit), pad in self._pads.items()
            if isinstance(pad, TextPad)
        }
        return GroupState(self.values(), self._active, modes)

    def active_keyboard(self) -> str | None:
        """The key in :attr:`GroupState.modes` of the keyboard on screen, or None."""
        if self._active is None:
            return None
        kind, limit = self._pad_key(self._entries[self._active])
        return f"{kind.value}:{limit}"

    def restore(self, state: GroupState) -> None:
        """Put back what :meth:`state` took from an earlier group of the same fields."""
        for name, value in state.values.items():
            if name in self._entries and self._entries[name].masked is None:
                self.set_value(name, value)
        for key, (mode, pending) in state.modes.items():
            kind, limit = key.split(":")
            pad = self._pad(PadKind(kind), int(limit))
            if isinstance(pad, TextPad):
                pad.set_mode(mode)
                pad.set_pending(pending)
        if state.active is None or state.active in self._entries:
            self.activate(state.active)

    def set_index(self, index: PinyinIndex) -> None:
        """Hand the pinyin index to every text pad (built on a worker)."""
        self._index = index
        for pad in [*self._pads.values(), *self._unplaced.values()]:
            if isinstance(pad, TextPad):
                pad.set_index(index)

    def active(self) -> str | None:
        """The field the pad types into."""
        return self._active

    def activate(self, name: str | None) -> None:
        """Make ``name`` the target and show its pad (None hides every pad)."""
        self._active = name
        for n, e in self._entries.items():
            e.field.set_active(n == name)
        want = None
        if name is not None:
            e = self._entries[name]
            want = self._pad(*self._pad_key(e))
            if isinstance(want, Keypad):
                want.set_text(e.value)
        # The letters being composed show in the field they will go to, and only there.
        letters = want.pending() if isinstance(want, TextPad) else ""
        for n, e in self._entries.items():
            e.field.set_composing(letters if n == name else "")
        # Hide before show: two keyboards at once, even for a moment, would grow the window.
        for pad in self._pads.values():
            if pad is not want:
                pad.hide()
        if want is not None:
            want.show()
        self.strip.setVisible(want is not None)
        self.strip.set_hint(self._hint(name))

    def _hint(self, name: str | None) -> str:
        if name is None:
            return ""
        if name in self._hints:
            return self._hints[name]
        # What the keyboard now on screen takes: pinyin says how it works, 数字 says
        # digits (try-out 6: after 数字 the strip still said 输入拼音，点选汉字).
        pad = self._pads.get(self._pad_key(self._entries[name]))
        mode = pad.mode() if isinstance(pad, TextPad) else ""
        if mode == "pinyin":
            return tr("pinyin.hint", self._lang)
        if mode == "123":
            return tr("pinyin.hint.digits", self._lang)
        return ""

    def _mode_changed(self, _mode: str) -> None:
        self.strip.set_hint(self._hint(self._active))

    def warm_up_steps(self) -> list[Callable[[], None]]:
        """Three steps per pad these fields will need: make it, place it, style it.

        A pinyin keyboard takes tens of milliseconds to make; made between citizens,
        moving to the next field is instant. Making it and placing it under the
        fields (which hands each of its keys the screen's font, palette and style)
        cost 5-6 ms each: one step, with the styling, took 10-17 ms of the GUI thread.
        """
        kinds = dict.fromkeys(self._pad_key(e) for e in self._entries.values())
        steps: list[Callable[[], None]] = []
        for k in kinds:
            steps += [partial(self._make, *k), partial(self._pad, *k), partial(self._warm, *k)]
        return steps

    def _warm(self, kind: PadKind, max_length: int) -> None:
        pad = self._pad(kind, max_length)
        pad.ensurePolished()
        for child in pad.findChildren(QWidget):
            child.ensurePolished()

    def current_pad(self) -> QWidget | None:
        """The pad on display."""
        return next((p for p in self._pads.values() if p.isVisibleTo(p.parentWidget())), None)

    def retranslate(self, lang: str) -> None:
        """Pad labels in ``lang``."""
        self._lang = lang
        for pad in [*self._pads.values(), *self._unplaced.values()]:
            if isinstance(pad, TextPad):
                pad.retranslate(lang)
        self.strip.set_hint(self._hint(self._active))

    # --- pads ---------------------------------------------------------------------------

    @staticmethod
    def _pad_key(e: _Entry) -> tuple[PadKind, int]:
        # A text keyboard has no length of its own: one serves every field that uses it.
        kind = e.pad or e.kind
        return (kind, 0) if kind in (PadKind.TEXT, PadKind.ALNUM) else (kind, e.max_length)

    def _pad(self, kind: PadKind, max_length: int) -> QWidget:
        """The pad for ``kind``, under the fields: made (or taken as made ahead) and placed."""
        key = (kind, max_length)
        if key in self._pads:
            return self._pads[key]
        pad = self._make(kind, max_length)
        del self._unplaced[key]
        if isinstance(pad, TextPad):
            self.strip.add_bar(pad.bar)
        self._host.addWidget(pad, 1)
        self._pads[key] = pad
        return pad

    def _make(self, kind: PadKind, max_length: int) -> QWidget:
        # Made without a parent, so placing it (_pad) can be a step of its own.
        key = (kind, max_length)
        if key in self._unplaced:
            return self._unplaced[key]
        pad: QWidget
        if kind in (PadKind.TEXT, PadKind.ALNUM):
            tp = TextPad(
                self._tokens,
                self._lang,
                pinyin=kind is PadKind.TEXT,
                digits_row=kind is PadKind.ALNUM,
                fit=True,
            )
            if self._index is not None:
                tp.set_index(self._index)
            tp.typed.connect(self._typed)
            tp.erased.connect(self._erased)
            tp.mode_changed.connect(self._mode_changed)
            tp.compose_inline()
            tp.composing.connect(self._composing)
            pad = tp
        else:
            limit = min(8, max_length) if kind is PadKind.DATE else max_length
            extra = {PadKind.ID: "X", PadKind.NUMBER: "."}.get(kind, "")
            kp = Keypad(self._tokens, extra=extra, max_length=limit, fit=True)
            kp.changed.connect(self._keypad_changed)
            pad = kp
        pad.setObjectName(f"pad_{kind.value}")
        pad.hide()
        # Until it is placed it has no parent to take it along when the screen goes (a
        # citizen's tap may stop the pre-build in between): it would outlive the screen
        # as a window. Qt's own slot, so no Python runs while the screen is destroyed;
        # once placed, the pad goes with the screen anyway.
        self.strip.destroyed.connect(pad.deleteLater)
        self._unplaced[key] = pad
        return pad

    def _composing(self, letters: str) -> None:
        if self._active is not None:
            self._entries[self._active].field.set_composing(letters)

    def _typed(self, text: str) -> None:
        if self._active is None:
            return
        e = self._entries[self._active]
        value = e.value + text
        if e.kind is PadKind.ALNUM:
            value = value.upper().replace(" ", "")
        elif e.kind is PadKind.DATE:
            value = "".join(ch for ch in value if ch.isdigit())
        self._set_from_pad(e, value)

    def _erased(self) -> None:
        if self._active is not None:
            e = self._entries[self._active]
            self._set_from_pad(e, e.value[:-1])

    def _keypad_changed(self, text: str) -> None:
        if self._active is not None:
            self._set_from_pad(self._entries[self._active], text)

    def _set_from_pad(self, e: _Entry, value: str) -> None:
        value = value[: e.max_length]
        if value == e.value:
            return
        e.value = value
        self._show(e)
        if self._active is not None:
            self._on_change(self._active)

    def _show(self, e: _Entry) -> None:
        if e.masked is not None:
            e.field.setText(e.masked)
        elif e.kind is PadKind.DATE:
            e.field.setText(format_date_entry(e.value))
        else:
            e.field.setText(e.value)

    def set_masked(self, name: str, shown: str) -> None:
        """Show ``shown`` instead of the value and never open a pad for it."""
        e = self._entries[name]
        e.masked = shown
        e.field.setEnabled(False)
        self._show(e)
