"""``kiosk --tour DIR``: walk every screen in both languages (and modes), save PNGs.

Each scene puts the core into the state a citizen would have reached, so the
screenshots show real content (a chosen service, a masked identity...), and the
README's pictures come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flow import Journey, Screen
from kiosk.services.staff_call import StaffCallState
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.staging import SignalSpy, StagingError
from ui.tour_apply import SERVICE, apply_scenes
from ui.tour_services import service_scenes

# A real round trip to the platform on a shared machine: generous, and it fails
# loudly past it (a page that never says its link test ended is a bug).
LINK_TEST_WAIT_S = 60.0

# The demo configuration's technician (config/demo.toml; refused outside demo mode).
DEMO_TECHNICIAN, DEMO_PIN = "1000", "246810"


@dataclass(frozen=True)
class Scene:
    """A named state to photograph, and how to tell it was reached.

    ``screen`` is the screen the core must be on afterwards and ``shows`` the
    widgets (object names) that must be visible; ``assisted`` overrides both for
    长辈模式 when that mode differs. Staging raises when either is not so.
    """

    name: str
    setup: Callable[[MainWindow], None]
    screen: Screen
    shows: tuple[str, ...] = ()
    assisted: tuple[Screen, tuple[str, ...]] | None = None

    def expected(self, assisted: bool) -> tuple[Screen, tuple[str, ...]]:
        """(screen, visible widget names) this scene must end on in a mode."""
        if assisted and self.assisted is not None:
            return self.assisted
        return self.screen, self.shows


def _home(w: MainWindow) -> None:
    # Only the flow goes home: ending the session here would undo the mode being toured.
    w.core.nav.home()


def _catalog(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)


def _guide(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    w.core.sessions.current.service_id = SERVICE  # one that can be done here (Start shown)
    w.core.next()


# A service done at a counter only (居民身份证换领): its guide says so in a message box
# and offers 预约取号 instead of 开始办理 (try-out 3 cut both at 1280x800).
COUNTER_SERVICE = "gongan.id_card_renewal"


def _guide_counter(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    w.core.sessions.current.service_id = COUNTER_SERVICE
    w.core.next()


def _out_of_service(w: MainWindow) -> None:
    w.core.go(Screen.OUT_OF_SERVICE)


def _idle_warning(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    # The real warning: the citizen has been away just past the warning delay.
    w.core.sessions.idle_since(w.core.sessions.warning_after_s() + 1)
    w.check_idle()


def _call_staff(w: MainWindow) -> None:
    w.core.start(Journey.APPLY)
    lang = w.core.sessions.current.language
    w.overlay.show_message(
        tr("staff.waiting.title", lang),
        # Its longest words: as on a page with something filled in.
        w.staff_body(StaffCallState.WAITING, lang, kept=True),
        tr("staff.ok", lang),
    )


def _maintenance(w: MainWindow) -> None:
    w.core.maintenance_mode = True  # what tapping the four corners clockwise opens


def _maintenance_page(page: str) -> Callable[[MainWindow], None]:
    """The demo technician signed in (their PIN checked for real), on ``page``."""

    def setup(w: MainWindow) -> None:
        from ui.screens.maintenance import MaintenanceScreen

        w.show_screen()  # a mode change rebuilds the screens: before the panel is staged
        w.core.maintenance_mode = True
        ops = w.core.maintenance_ops()
        result = ops.sign_in(DEMO_TECHNICIAN, DEMO_PIN)
        if result.technician_id is None:
            raise StagingError(f"demo technician sign-in: {result.outcome.value}")
        screen = w.page(Screen.MAINTENANCE)
        assert isinstance(screen, MaintenanceScreen)
        # The platform page tests the link on opening and redraws itself with the
        # result: wait for its own "finished" signal (connected before it can come).
        spy = SignalSpy(screen.link_test_finished)
        try:
            screen.stage_signed_in(result.technician_id, page, ops.snapshot())
            if screen.link_test_running or spy.count:
                spy.wait(w, f"maintenance {page}: the link test", LINK_TEST_WAIT_S)
        finally:
            spy.close()

    return setup


def _reprint(w: MainWindow) -> None:
    w.core.start(Journey.TRACK)
    w.core.sessions.current.tracking_number = "M001-261123-0001C"
    w.core.go(Screen.REPRINT)


SCENES: list[Scene] = [
    Scene("home", _home, Screen.HOME, ("tile_apply",)),
    Scene("catalog", _catalog, Screen.CATALOG),
    # 开始办理 comes once the guide's last page was seen (try-out 7, 13): its first page.
    Scene("guide", _guide, Screen.GUIDE, ("guide_materials",)),
    Scene(
        "guide_counter", _guide_counter, Screen.GUIDE, ("guide_not_here", "btn_guide_appointment")
    ),
    Scene("out_of_service", _out_of_service, Screen.OUT_OF_SERVICE),
    Scene("idle_warning", _idle_warning, Screen.CATALOG, ("overlay", "overlay_primary")),
    Scene("call_staff", _call_staff, Screen.CATALOG, ("overlay", "overlay_primary")),
    Scene("maintenance", _maintenance, Screen.MAINTENANCE, ("btn_next",)),
    Scene("reprint", _reprint, Screen.REPRINT, ("btn_reprint_receipt",)),
]
SCENES += [
    Scene(f"maintenance_{p}", _maintenance_page(p), Screen.MAINTENANCE, (f"tab_{p}", *shows))
    for p, shows in (
        ("devices", ("btn_test_page", "btn_restart")),
        ("outbox", ("outbox_counts",)),
        ("jobs", ()),
        ("platform", ("btn_check_link",)),
        ("logs", ("log_lines",)),
        ("diagnostics", ("btn_export",)),
        ("service", ("btn_suspend",)),
    )
]
SCENES += [Scene(*row) for row in apply_scenes()]
SCENES += [Scene(*row) for row in service_scenes()]


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _visible(window: MainWindow, name: str) -> bool:
    return any(w.isVisible() for w in window.findChildren(QWidget, name))


def verify(window: MainWindow, scene: Scene, assisted: bool) -> None:
    """Raise :class:`StagingError` unless ``window`` shows what ``scene`` promises."""
    screen, shows = scene.expected(assisted)
    core = window.core
    page = window.current_page()
    if core.screen() != screen or page is None or page.screen_id != screen:
        raise StagingError(
            f"scene {scene.name}: on {core.screen().value} (page "
            f"{page.screen_id.value if page else None}), expected {screen.value}"
        )
    if window.stack.currentWidget() is not page or not page.isVisible():
        raise StagingError(f"scene {scene.name}: page {screen.value} is not on display")
    missing = [n for n in shows if not _visible(window, n)]
    if missing:
        raise StagingError(f"scene {scene.name}: {missing} not visible on {screen.value}")


def stage(
    window: MainWindow, scene: Scene, lang: str, assisted: bool, text_step: int | None = None
) -> None:
    """Put ``window`` into ``scene`` for a citizen using ``lang`` and mode (tour, a11y).

    ``text_step`` is the citizen's text size (字号), chosen before the scene is set up,
    as a citizen would: a notice or warning the scene opens is then on screen at that
    size (changing the size afterwards closes it). Raises :class:`StagingError` when
    the scene's screen or widgets are not reached.
    """
    core = window.core
    window.overlay.hide()
    core.leave_maintenance()
    core.home()
    _settle()
    core.sessions.set_language(lang)
    core.sessions.set_assisted(assisted)
    if text_step is not None and window.display_prefs()[0] != text_step:
        window._set_display(text_step, window.display_prefs()[1])
    scene.setup(window)
    window.show_screen()
    _settle()
    verify(window, scene, assisted)


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
