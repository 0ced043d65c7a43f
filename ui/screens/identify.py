"""Identify: ID document on the reader, e-ID QR code on the scanner, or manual entry."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from kiosk.events import CardPresence, CodeScanned, Event
from kiosk.flow import Screen
from kiosk.identity import Identity
from kiosk.payloads import ScannedPayload
from kiosk.services.identify import IdentifyResult, IdentifyService, identify_service
from ui.screens.apply_common import message_label, scroll_body, skip_documents_if_nothing_to_capture
from ui.screens.base import BaseScreen
from ui.widgets.tile import Tile

ANIM_MS = 700


def accept_identity(screen: BaseScreen, identity: Identity) -> None:
    """Keep the proven identity for this session and move on to the form."""
    screen.core.sessions.current.set_identity(identity)
    skip_documents_if_nothing_to_capture(screen.core)
    screen.goto(screen.core.next())


class IdentifyScreen(BaseScreen):
    """Three ways to prove identity; the card and the QR code work without any tap."""

    screen_id = Screen.IDENTIFY
    title_key = "identify.title"
    prompt_key = "identify.prompt"

    def build(self) -> None:
        """Heading, animated reader prompt, the three ways, and the assisted-mode button."""
        self.root.addWidget(self.label("identify.prompt", role="title"))
        body = scroll_body(self)
        self.anim = QLabel()
        self.anim.setObjectName("identify_anim")
        self.anim.setProperty("role", "heading")
        self.anim.setWordWrap(True)
        body.addWidget(self.anim)
        self._frame = 0
        self._timer = QTimer(self)
        self._timer.setInterval(ANIM_MS)
        self._timer.timeout.connect(self._tick)
        self.tiles: dict[str, Tile] = {}
        for key, slot in (
            ("identify.card", self._card),
            ("identify.qr", self._qr),
            ("identify.manual", self._manual),
        ):
            tile = Tile()
            tile.setObjectName(f"tile_{key.split('.')[1]}")
            tile.clicked.connect(lambda _=False, s=slot: s())
            self.tiles[key] = tile
            body.addWidget(tile)
        self.status = message_label("identify_status")
        body.addWidget(self.status)
        self.big_mode = self.button("apply.big_mode", self._toggle_assisted)
        self.big_mode.setObjectName("btn_big_mode")
        body.addWidget(self.big_mode)
        self.retranslate()

    def enter(self) -> None:
        """Start the prompt animation and the e-ID camera; forget an earlier message."""
        self.status.hide()
        self._frame = 0
        self._tick()
        self._timer.start()
        svc = self._svc = identify_service(self.core)
        on_result = self.ctx.bridge.wrap(self._qr_result)
        self.work(lambda: svc.start_qr(on_result), lambda _ok: None, lambda _exc: None)

    def leave(self) -> None:
        """Stop animating and release the camera while hidden."""
        self._timer.stop()
        svc = self._svc
        if svc is not None:
            self._svc = None
            self.work(svc.stop_qr, lambda _r: None, lambda _exc: None)

    _svc: IdentifyService | None = None

    def _qr_result(self, result: IdentifyResult) -> None:
        # A code may arrive after this screen was left; only the live screen acts on it.
        if self.core.screen() == Screen.IDENTIFY and self._svc is not None and self.isVisible():
            self._result(result)

    def retranslate(self) -> None:
        """Refill tile texts and the mode button."""
        super().retranslate()
        for key, tile in self.tiles.items():
            tile.set_texts(self.t(key), self.t(key + ".sub"))
        assisted = self.core.sessions.current.assisted
        self.big_mode.setText(self.t("apply.std_mode" if assisted else "apply.big_mode"))
        self._show_anim()
        if self.status.isVisible() and self._status_key:
            self.status.setText(self.t(self._status_key))

    _status_key = ""

    def _tick(self) -> None:
        self._frame = (self._frame + 1) % 2
        self._show_anim()

    def _show_anim(self) -> None:
        self.anim.setText(self.t("identify.card.anim" if self._frame else "identify.card.anim2"))

    def _say(self, key: str, role: str = "error") -> None:
        self._status_key = key
        self.status.setProperty("role", role)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(self.t(key))
        self.status.show()

    # --- the three ways --------------------------------------------------------------

    def _card(self) -> None:
        self.goto(self.core.go(Screen.MRZ_ENTRY))

    def _qr(self) -> None:
        self._say("identify.qr.sub", role="warning")

    def _manual(self) -> None:
        self.goto(self.core.go(Screen.MANUAL_ID))

    def _toggle_assisted(self) -> None:
        s = self.core.sessions
        s.set_assisted(not s.current.assisted)
        self.goto(self.core.screen())

    # --- device events (already on the GUI thread) ---------------------------------------

    def on_core_event(self, event: Event) -> None:
        """A card put on the reader opens the keypad; a QR code is checked as an e-ID."""
        if not self.isVisible():
            return
        if isinstance(event, CardPresence) and event.present:
            self.goto(self.core.go(Screen.MRZ_ENTRY))
        elif isinstance(event, CodeScanned):
            payload = event.payload
            if isinstance(payload, ScannedPayload):
                self._result(identify_service(self.core).from_payload(payload))
            elif isinstance(payload, bytes | str):
                self._say("identify.checking", role="warning")
                svc = identify_service(self.core)
                self.work(lambda: svc.from_qr(payload), self._result)

    def _result(self, result: IdentifyResult) -> None:
        if result.ok and result.identity is not None:
            accept_identity(self, result.identity)
        else:
            self._say(result.message_key)
