"""``kiosk --tour DIR``: walk every screen in both languages (and modes), save PNGs.

Each scene puts the core into the state a citizen would have reached, so the
screenshots show real content (a chosen service, a masked identity...), and the
README's pictures come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.flow import Journey, Screen
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.tour_apply import apply_scenes
from ui.tour_services import service_scenes


@dataclass(frozen=True)
class Scene:
    """A named state to photograph."""

    name: str
    setup: Callable[[MainWindow], None]


def _home(w: MainWindow) -> None:
    # Only the flow goes home: ending the session here would undo the mode being toured.
    w.core.nav.home()


def _catalog(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)


def _guide(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    services = w.core.catalog.popular() or list(w.core.catalog.services)
    if services:
        w.core.sessions.current.service_id = services[0].id
    w.core.next()


def _out_of_service(w: MainWindow) -> None:
    w.core.go(Screen.OUT_OF_SERVICE)


def _idle_warning(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    w.overlay.show_idle(w.core.sessions.current.language, 25, lambda: None, lambda: None)


def _call_staff(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    lang = w.core.sessions.current.language
    w.overlay.show_message(
        tr("staff.waiting.title", lang), tr("staff.waiting.body", lang), tr("staff.ok", lang)
    )


def _maintenance(w: MainWindow) -> None:
    w.core.maintenance_mode = True  # what tapping the four corners clockwise opens


def _reprint(w: MainWindow) -> None:
    w.core.start(Journey.TRACK)
    w.core.sessions.current.tracking_number = "M001-261123-0001C"
    w.core.go(Screen.REPRINT)


SCENES: list[Scene] = [
    Scene("home", _home),
    Scene("catalog", _catalog),
    Scene("guide", _guide),
    Scene("out_of_service", _out_of_service),
    Scene("idle_warning", _idle_warning),
    Scene("call_staff", _call_staff),
    Scene("maintenance", _maintenance),
    Scene("reprint", _reprint),
]
SCENES += [Scene(name, setup) for name, setup in apply_scenes()]
SCENES += [Scene(name, setup) for name, setup in service_scenes()]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def stage(window: MainWindow, scene: Scene, lang: str, assisted: bool) -> None:
    """Put ``window`` into ``scene`` for a citizen using ``lang`` and mode (tour, a11y)."""
    core = window.core
    window.overlay.hide()
    core.leave_maintenance()
    core.home()
    _settle()
    core.sessions.set_language(lang)
    core.sessions.set_assisted(assisted)
    scene.setup(window)
    window.show_screen()
    _settle()


def run_tour(window: MainWindow, out: Path) -> list[Path]:
    """Save one PNG per scene, language and mode into ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    window.show()
    written: list[Path] = []
    core = window.core
    for assisted in (False, True):
        for lang in ("zh", "en"):
            for scene in SCENES:
                stage(window, scene, lang, assisted)
                mode = "assisted" if assisted else "normal"
                path = out / f"{mode}-{lang}-{scene.name}.png"
                window.grab().save(str(path))
                written.append(path)
    stage(window, SCENES[0], core.settings.kiosk.default_language, False)
    return written
