"""A modal layer over the whole window: the idle warning and short messages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.theme import Tokens


class Overlay(QWidget):
    """Covers its parent; holds one card with a title, a body and up to two buttons."""

    def __init__(self, parent: QWidget, tokens: Callable[[], Tokens]) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self._tokens = tokens
        self._idle = False
        self._seconds = 0
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("QWidget#overlay { background: rgba(0, 0, 0, 150); }")
        outer = QVBoxLayout(self)
        outer.setSpacing(tokens().gap())
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card = QFrame()
        self.card.setProperty("role", "card")
        self.card.setMaximumWidth(tokens().px(900))
        lay = QVBoxLayout(self.card)
        lay.setSpacing(tokens().mm(4))
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setProperty("role", "body")
        self.body.setWordWrap(True)
        self.body.setObjectName("overlay_body")
        row = QHBoxLayout()
        row.setSpacing(tokens().mm(tokens().gap_mm + 2))
        self.primary = QPushButton()
        self.primary.setObjectName("overlay_primary")
        self.primary.setProperty("role", "primary")
        self.secondary = QPushButton()
        self.secondary.setObjectName("overlay_secondary")
        row.addWidget(self.secondary)
        row.addWidget(self.primary)
        for w in (self.title, self.body):
            lay.addWidget(w)
        lay.addLayout(row)
        outer.addWidget(self.card)
        self._on_primary: Callable[[], None] = self.hide
        self._on_secondary: Callable[[], None] = self.hide
        self.primary.clicked.connect(lambda _=False: self._on_primary())
        self.secondary.clicked.connect(lambda _=False: self._on_secondary())
        # Told before the notice opens or closes (the window's tap guard).
        self.before_change: Callable[[], None] = lambda: None
        parent.installEventFilter(self)
        self.hide()

    def setVisible(self, visible: bool) -> None:
        """Show or hide, telling :attr:`before_change` first when that changes anything."""
        if visible != self.isVisible():
            self.before_change()
        super().setVisible(visible)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Follow the parent's size."""
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.setGeometry(obj.rect())
        return False

    def _present(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def is_idle_warning(self) -> bool:
        """Whether the idle countdown is on screen."""
        return self.isVisible() and self._idle

    def show_message(self, title: str, body: str, ok: str) -> None:
        """A notice with one button that closes it."""
        self._idle = False
        self.title.setText(title)
        self.body.setText(body)
        self.primary.setText(ok)
        self._on_primary = self.hide
        self.secondary.hide()
        self._present()

    def ask(self, title: str, body: str, yes: str, no: str, on_yes: Callable[[], None]) -> None:
        """A plain-words question with two large answers; "no" just closes it."""
        self._idle = False
        self.title.setText(title)
        self.body.setText(body)
        self.primary.setText(yes)
        self.secondary.setText(no)
        self.secondary.show()

        def yes_then_close() -> None:
            self.hide()
            on_yes()

        self._on_primary, self._on_secondary = yes_then_close, self.hide
        self._present()

    def set_body(self, body: str) -> None:
        """Update the body text of the notice on display."""
        self.body.setText(body)

    def show_idle(
        self, lang: str, seconds: int, more: Callable[[], None], end: Callable[[], None]
    ) -> None:
        """The 'are you still there?' countdown."""
        self._idle = True
        self._seconds = seconds
        self._on_primary, self._on_secondary = more, end
        self.secondary.show()
        self.retranslate(lang)
        if not self.isVisible():
            self._present()

    def retranslate(self, lang: str) -> None:
        """Refresh the idle texts after a language switch or a tick."""
        if not self._idle:
            return
        self.title.setText(tr("idle.title", lang))
        self.body.setText(tr("idle.body", lang, s=self._seconds))
        self.primary.setText(tr("idle.more", lang))
        self.secondary.setText(tr("idle.end", lang))

    def hideEvent(self, event: object) -> None:
        """Forget the idle state once hidden."""
        self._idle = False
        super().hideEvent(event)  # type: ignore[arg-type]
