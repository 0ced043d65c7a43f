"""Which widget class renders which flow screen (imported lazily to keep start-up fast)."""

from __future__ import annotations

import importlib

from kiosk.flow import Screen
from ui.screens.base import BaseScreen

_MODULES: dict[Screen, tuple[str, str]] = {
    Screen.HOME: ("ui.screens.home", "HomeScreen"),
    Screen.CATALOG: ("ui.screens.catalog", "CatalogScreen"),
    Screen.GUIDE: ("ui.screens.guide", "GuideScreen"),
    Screen.IDENTIFY: ("ui.screens.identify", "IdentifyScreen"),
    Screen.MRZ_ENTRY: ("ui.screens.mrz_entry", "MrzEntryScreen"),
    Screen.MANUAL_ID: ("ui.screens.manual_id", "ManualIdScreen"),
    Screen.FORM: ("ui.screens.form", "FormScreen"),
    Screen.DOCUMENTS: ("ui.screens.documents", "DocumentsScreen"),
    Screen.REVIEW: ("ui.screens.review", "ReviewScreen"),
    Screen.SUBMITTED: ("ui.screens.submitted", "SubmittedScreen"),
    Screen.TRACK: ("ui.screens.track", "TrackScreen"),
    Screen.TRACK_RESULT: ("ui.screens.track_result", "TrackResultScreen"),
    Screen.REPRINT: ("ui.screens.reprint", "ReprintScreen"),
    Screen.APPOINTMENT: ("ui.screens.appointment", "AppointmentScreen"),
    Screen.TICKET: ("ui.screens.ticket", "TicketScreen"),
    Screen.RATE: ("ui.screens.rate", "RateScreen"),
    Screen.FEEDBACK: ("ui.screens.feedback", "FeedbackScreen"),
    Screen.OUT_OF_SERVICE: ("ui.screens.out_of_service", "OutOfServiceScreen"),
    Screen.MAINTENANCE: ("ui.screens.maintenance", "MaintenanceScreen"),
}


def implemented() -> list[Screen]:
    """Screens that have a widget (the tour walks these)."""
    return list(_MODULES)


def module_of(screen: Screen) -> str:
    """The module that holds ``screen``'s widget class (the pre-build imports it ahead)."""
    return _MODULES.get(screen, _MODULES[Screen.OUT_OF_SERVICE])[0]


def screen_class(screen: Screen) -> type[BaseScreen]:
    """The widget class for ``screen``; unknown screens show the out-of-service page."""
    module, name = _MODULES.get(screen, _MODULES[Screen.OUT_OF_SERVICE])
    cls: type[BaseScreen] = getattr(importlib.import_module(module), name)
    return cls
