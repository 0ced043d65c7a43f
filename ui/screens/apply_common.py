"""Helpers shared by the apply journey's screens (identify ... submitted)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.catalog import Service
from kiosk.core import KioskCore
from kiosk.flow import Screen
from kiosk.services.apply import capturable_materials


def current_service(core: KioskCore) -> Service | None:
    """The service chosen in this session, if any."""
    sid = core.sessions.current.service_id
    return core.catalog.by_id(sid) if sid else None


def whose_label() -> QLabel:
    """A hidden heading naming whose identity a proxy step asks for (agent or applicant)."""
    w = QLabel()
    w.setObjectName("whose_label")
    w.setProperty("role", "heading")
    w.setWordWrap(True)
    w.hide()
    return w


def message_label(name: str, role: str = "error") -> QLabel:
    """A hidden word-wrapped label for calm error or status messages."""
    w = QLabel()
    w.setObjectName(name)
    w.setProperty("role", role)
    w.setWordWrap(True)
    w.setTextFormat(Qt.TextFormat.PlainText)
    w.hide()
    return w


def set_role(w: QWidget, role: str) -> None:
    """Change a widget's QSS role and re-apply the stylesheet."""
    w.setProperty("role", role)
    w.style().unpolish(w)
    w.style().polish(w)


def skip_documents_if_nothing_to_capture(core: KioskCore) -> None:
    """Let the flow skip DOCUMENTS when the service has no paper the camera can take."""
    service = current_service(core)
    if service is None or not capturable_materials(service):
        core.nav.skip.add(Screen.DOCUMENTS)
    else:
        core.nav.skip.discard(Screen.DOCUMENTS)
