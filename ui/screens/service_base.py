"""What the track, appointment, ticket, rate and feedback screens share.

- :meth:`ServiceScreen.run` runs blocking work through ``core.run`` and brings
  the answer back on the GUI thread, dropping answers for a screen that has since
  been destroyed (session wiped) or has moved on (a newer request);
- a touch-scrollable body, so assisted mode on a small panel scrolls rather than clips;
- print outcomes as calm messages.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from shiboken6 import isValid

from kiosk.events import Device, DeviceStatusChanged, Event, Health
from kiosk.printing import PrinterState, PrintOutcome, PrintResult
from kiosk.services.citizen import CitizenServices, citizen_services
from kiosk.services.pinyin import PinyinIndex, load_index, loaded_index
from ui.layout_items import repolish
from ui.screens.base import BaseScreen
from ui.widgets.text_composer import TextComposer

log = logging.getLogger(__name__)


DELIVERY_POLL_MS = 1000  # how often a record saved offline is looked for at the platform

FAILED_PRINT_KEYS = ("svc.print.failed", "svc.print.paper_out")


def printer_is_back(event: Event, print_key: str) -> bool:
    """A print failed on this screen and the printer now reports itself healthy:
    the screen should say so and offer the print again (paper refilled, cover shut)."""
    return (
        print_key in FAILED_PRINT_KEYS
        and isinstance(event, DeviceStatusChanged)
        and event.device == Device.PRINTER
        and event.health is Health.OK
    )


def print_message_key(result: PrintResult) -> str:
    """The calm message for a print outcome."""
    if result.printed:
        return "svc.print.ok"
    if result.outcome is PrintOutcome.UNCONFIRMED:
        return "svc.print.unconfirmed"  # it may be in the tray: never "failed"
    if result.printer_state is PrinterState.PAPER_OUT:
        return "svc.print.paper_out"
    return "svc.print.failed"


class ServiceScreen(BaseScreen):
    """A screen that calls the citizen services off the GUI thread."""

    _request = 0

    @property
    def services(self) -> CitizenServices | None:
        """The services, or None when the kiosk has no backend (calm message instead)."""
        return citizen_services(self.core)

    def run(
        self,
        job: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[], None],
    ) -> None:
        """Run ``job`` on a worker; the newest request's answer arrives on the GUI thread."""
        self._request += 1
        ticket = self._request

        def deliver(result: Any) -> None:
            if isValid(self) and ticket == self._request:
                on_result(result)

        def fail(_exc: BaseException) -> None:
            # The executor logged the exception with context; the citizen gets a way forward.
            if isValid(self) and ticket == self._request:
                on_error()

        self.core.run(job, self.ctx.bridge.wrap(deliver), self.ctx.bridge.wrap(fail))

    def prepare_pinyin(self, composer: TextComposer) -> None:
        """Build the pinyin index on a worker (once per process) and hand it to the keyboard."""
        index = loaded_index()
        if index is not None:
            composer.set_index(index)
            return

        def ready(built: PinyinIndex) -> None:
            if isValid(composer):
                composer.set_index(built)

        self.core.run(load_index, self.ctx.bridge.wrap(ready), lambda _exc: None)

    def speak(self, *texts: str) -> None:
        """Read a result aloud in assisted mode (the core stays silent otherwise)."""
        text = " ".join(t for t in texts if t)
        if text:
            self.core.say(text)

    def watch_delivery(self, record_id: uuid.UUID | None, on_delivered: Callable[[], None]) -> None:
        """Look once a second, while this screen is shown, whether a record saved offline
        has reached the platform; ``on_delivered`` runs on the GUI thread when it has.

        Try-out 6, 6: "网络暂时不通，已保存在本机" stayed after the network was back and
        the record sent. Not through :meth:`run`: a print under way keeps its answer.
        """
        services = self.services
        if services is None or record_id is None:
            return
        fb, bridge = services.feedback, self.ctx.bridge
        timer = QTimer(self)
        timer.setInterval(DELIVERY_POLL_MS)
        asking = [False]

        def answered(delivered: bool) -> None:
            asking[0] = False
            if delivered and isValid(self) and isValid(timer):
                timer.stop()
                timer.deleteLater()
                on_delivered()

        def failed(_exc: BaseException) -> None:
            asking[0] = False

        def look() -> None:
            if not self.isVisible():
                timer.stop()  # the citizen moved on: nothing to keep true here
                timer.deleteLater()
            elif not asking[0]:
                asking[0] = True
                job = partial(fb.delivered, record_id)
                self.core.run(job, bridge.wrap(answered), bridge.wrap(failed))

        timer.timeout.connect(look)
        timer.start()

    def cancel_requests(self) -> None:
        """Ignore answers to requests made so far."""
        self._request += 1

    def text_label(self, role: str = "body", name: str = "") -> QLabel:
        """A word-wrapped label whose text the screen sets itself."""
        w = QLabel()
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        return w

    @staticmethod
    def set_role(w: QWidget, role: str) -> None:
        """Change a widget's style role and re-apply the stylesheet to it."""
        if w.property("role") == role:
            return
        w.setProperty("role", role)
        for x in (w, *w.findChildren(QLabel)):
            repolish(x)
