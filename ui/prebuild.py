"""Building the common screens ahead of the citizen, in steps too small to be felt.

Between citizens the kiosk makes the screens most journeys pass through, so a tap
only shows a screen that already exists. The work is cut into steps, one per turn
of the event loop, so a touch arriving meanwhile waits for one step at most:

- wait while start-up work runs on workers (building the devices and stores,
  warming the pinyin index and the receipt renderer: kiosk/warming.py);
- import the screens' modules, on a worker (once per process: 75 ms of Python,
  most of it the services the screens use; the GUI thread keeps the screen alive
  meanwhile, taking the interpreter back every switch interval);
- per screen: create it; put it in the window's screen stack (which hands every
  widget on it the window's font, palette and style); make its optional parts
  (keyboards, the catalog's tiles); style it and lay it out at its real size;
  paint it once off screen (its first paint rasterises its glyphs, CJK at several
  sizes, and styles every kind of widget on it, once per process; the citizen's
  first visit then only repaints) a band at a time; each a step of its own;
- before the first citizen only: draw each size and weight of both type scales once
  (ui/widgets/font_warmup.py), then set every object alive aside from the cyclic
  garbage collector (kiosk/heap.py).

A citizen who starts a journey stops the rest: screens are then made on demand.

Mid-journey, one screen is made ready ahead of the citizen for what they chose
(:meth:`Prebuilder.ahead`): the form for the chosen service while they prove who they
are, a question per step; on the tap to it only their own part is filled in.
"""

from __future__ import annotations

import importlib
import logging
import time
import weakref
from collections.abc import Callable, Iterable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from kiosk.flow import Screen
from kiosk.heap import settle_heap
from kiosk.warming import start_up_imports
from kiosk.workers import Executor
from ui.bridge import GuiBridge
from ui.screens.base import AheadStep, BaseScreen
from ui.screens.registry import module_of

log = logging.getLogger(__name__)

# After the home screen's first paint (and a first tap) before building the rest.
DELAY_MS = 500
# A timer, not a zero-delay call, between steps: Qt ran zero-delay calls back to back
# within one pass of the event loop, so two steps could keep a waiting touch out.
STEP_GAP_MS = 1
# How often to look whether the workers' start-up work is over.
WARMING_POLL_MS = 20
# A worker stuck in its start-up work (a device that never answers) stops holding the
# pre-build after this long: screens built beside it beat screens built under a tap.
WARMING_WAIT_MAX_S = 30.0
PAINT_BANDS = 3  # a screen's first paint, in horizontal bands, a step each
# After a screen change, before building ahead: the new screen's first paint comes first.
AHEAD_DELAY_MS = 100

Step = Callable[[], None]


class ScreenHost(Protocol):
    """What the pre-builder needs from the window."""

    def page(self, screen: Screen) -> BaseScreen:
        """The widget for ``screen`` in the screen stack, created on first use."""
        ...

    def make_page(self, screen: Screen) -> BaseScreen:
        """The widget for ``screen``, created on first use, not yet in the screen stack."""
        ...

    def has_page(self, page: BaseScreen) -> bool:
        """Whether ``page`` is still one of the window's screens (not dropped)."""
        ...

    def page_rect_widget(self) -> QWidget:
        """The widget whose rectangle a screen fills (the screen stack)."""
        ...

    def citizen_started(self) -> bool:
        """Whether a citizen has started a journey (the pre-build then stops)."""
        ...

    def workers_warming(self) -> bool:
        """Whether start-up work runs on workers (the pre-build waits it out)."""
        ...


class Prebuilder(QObject):
    """Runs the pre-build steps for one window, one step per event-loop turn."""

    def __init__(
        self,
        host: ScreenHost,
        parent: QObject,
        executor: Executor,
        bridge: GuiBridge,
        first_run_extras: Callable[[], list[Step]],
    ) -> None:
        super().__init__(parent)
        self._host = host
        self._executor = executor
        self._bridge = bridge
        self._extras = first_run_extras  # font sizes to draw before the first citizen
        self._queue: list[Step] = []
        self._ahead: list[AheadStep] = []  # mid-journey (see ahead)
        self._ahead_for: object = None  # what the build ahead is for
        self._done: weakref.WeakSet[BaseScreen] = weakref.WeakSet()  # every step run
        self._importing = False
        self._waiting_since: float | None = None  # for the workers' start-up work
        self._imported = False
        self._started_up = False  # the first pre-build has finished
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._next)
        self.steps_run = 0  # for tests and diagnostics: how many steps have run

    def start(
        self, screens: Iterable[Screen], built: Callable[[Screen], BaseScreen | None]
    ) -> None:
        """(Re)start building ``screens``, after a short delay.

        ``built`` gives a screen's widget if it exists: one made but not yet
        finished (a restart cut its steps short) gets its remaining steps again.
        """
        self._queue = []
        self.cancel_ahead()  # a session ended: what was chosen went with it
        for screen in screens:
            page = built(screen)
            if page is None:
                self._queue.append(self._create_step(screen))
            elif page not in self._done:
                self._queue += self._parts(page)
        if not self._started_up:
            self._queue += self._extras()
            self._queue.append(self._settle)
        if not self._imported:
            self._import_modules(list(screens))
        self._timer.start(DELAY_MS)  # one chain of steps, however often restarted

    def pending(self) -> bool:
        """Whether steps are still queued (or the modules still importing)."""
        return bool(self._queue) or bool(self._ahead) or self._importing

    def cancel(self) -> None:
        """Drop whatever is still queued."""
        self._queue = []
        self.cancel_ahead()
        self._timer.stop()

    def ahead(
        self, key: object, screen: Screen, steps: Callable[[BaseScreen], list[AheadStep]]
    ) -> None:
        """Make ``screen`` ready mid-journey for what the citizen has chosen (``key``).

        ``steps`` gives the screen's own steps (:meth:`BaseScreen`-side, e.g. the form's
        questions); the screen is made first if it is not (a new 字号 or mode dropped
        it), then styled, laid out and painted off screen after them. A step at a time,
        spaced like the pre-build's, between the citizen's taps. Asked again for the same
        ``key`` (another screen shown) it carries on after that screen's first paint; for
        another key, it starts over.
        """
        if key == self._ahead_for:
            if self._ahead:
                self._timer.start(AHEAD_DELAY_MS)  # the screen just shown paints first
            return
        self._ahead_for = key
        self._ahead = [self._ahead_create(screen, steps)]
        if not self._timer.isActive() or self._timer.remainingTime() > AHEAD_DELAY_MS:
            self._timer.start(AHEAD_DELAY_MS)

    def cancel_ahead(self) -> None:
        """Stop building ahead (the citizen moved on, or back)."""
        self._ahead = []
        self._ahead_for = None

    # --- the steps ------------------------------------------------------------------

    def _next(self) -> None:
        if self._ahead:
            more = self._ahead.pop(0)()
            if more:
                self._ahead[:0] = more
            self.steps_run += 1
            if self._ahead or self._queue:
                self._timer.start(STEP_GAP_MS)
            return
        if self._host.citizen_started():
            self._queue = []
            return  # build on demand from here
        if self._importing:
            return  # resumed when the modules are in (see _imports_done)
        if not self._queue:
            return
        if self._host.workers_warming() and not self._waited_enough():
            # Beside a worker running Python, each call from Qt into Python in a step
            # waits for the interpreter lock: a 5 ms step took 40-110 ms (kiosk/warming.py).
            self._timer.start(WARMING_POLL_MS)
            return
        step = self._queue.pop(0)
        step()
        self.steps_run += 1
        if self._queue:
            self._timer.start(STEP_GAP_MS)

    def _waited_enough(self) -> bool:
        if self._waiting_since is None:
            self._waiting_since = time.monotonic()
        waited = time.monotonic() - self._waiting_since
        if waited < WARMING_WAIT_MAX_S:
            return False
        if waited != float("inf"):
            log.warning("start-up work still running after %.0f s: pre-building anyway", waited)
            self._waiting_since = float("-inf")  # said once; no more waiting
        return True

    def _import_modules(self, screens: list[Screen]) -> None:
        names = sorted({module_of(s) for s in screens})
        self._importing = True
        done = self._bridge.wrap(self._imports_done)
        self._executor.submit(lambda: _import_all(names), done, done)

    def _imports_done(self, result: object) -> None:
        if isinstance(result, BaseException):
            # Not fatal: each screen's module is then imported when the screen is made.
            log.warning("screen modules not imported ahead: %s", result)
        self._importing = False
        self._imported = True
        if self._queue and not self._timer.isActive():
            self._timer.start(STEP_GAP_MS)

    def _create_step(self, screen: Screen) -> Step:
        def create() -> None:
            self._queue[:0] = self._parts(self._host.make_page(screen))

        return create

    def _ahead_create(
        self, screen: Screen, steps: Callable[[BaseScreen], list[AheadStep]]
    ) -> AheadStep:
        def create() -> list[AheadStep]:
            page = self._host.make_page(screen)
            parts: list[AheadStep] = []
            if page.parentWidget() is None:

                def place() -> None:
                    self._host.page(screen)

                parts.append(place)
                parts += page.warm_up_steps()
            parts += steps(page)
            parts.append(partial(self._style, page))
            parts += [partial(self._paint_band, page, band) for band in range(PAINT_BANDS)]
            return [self._ahead_if_live(page, part) for part in parts]

        return create

    def _ahead_if_live(self, page: BaseScreen, part: AheadStep) -> AheadStep:
        def step() -> list[AheadStep] | None:
            if not (isValid(page) and self._host.has_page(page)):
                return None
            more = part()
            return [self._ahead_if_live(page, p) for p in more] if more else None

        return step

    def _parts(self, page: BaseScreen) -> list[Step]:
        # Its optional parts first (they may add widgets), then style and layout, then
        # its first paint, a band at a time: the first paint of a screen in a process
        # rasterises its glyphs, 15 ms of the GUI thread for the catalog.
        parts: list[Step] = []
        if page.parentWidget() is None:
            # Into the screen stack, apart from its creation: both cost the same order.
            parts.append(lambda: self._host.page(page.screen_id))
        parts += [*page.warm_up_steps(), lambda: self._style(page)]
        parts += [lambda band=band: self._paint_band(page, band) for band in range(PAINT_BANDS)]
        final = parts.pop()

        def last() -> None:
            final()
            self._done.add(page)  # a restart from here on leaves it alone

        return [self._if_live(page, part) for part in [*parts, last]]

    def _if_live(self, page: BaseScreen, part: Step) -> Step:
        def step() -> None:
            # A session may have ended (and the screen been dropped) since it was queued.
            if isValid(page) and self._host.has_page(page):
                part()

        return step

    def _style(self, page: BaseScreen) -> None:
        page.ensurePolished()
        for child in page.findChildren(QWidget):
            child.ensurePolished()
        # Lay it out at its real size now, so showing it later is only painting.
        page.setGeometry(self._host.page_rect_widget().rect())
        layout = page.layout()
        if layout is not None:
            layout.activate()

    @staticmethod
    def _paint_band(page: BaseScreen, band: int) -> None:
        # Only the children that meet the band are painted.
        height = -(-page.height() // PAINT_BANDS)
        page.grab(QRect(0, band * height, page.width(), height))

    def _settle(self) -> None:
        # Start-up is over: set what exists aside from the cyclic collector, so its
        # full passes stay short during journeys.
        self._started_up = True
        settle_heap("screens pre-built")


def _import_all(names: list[str]) -> None:
    # Not beside the backend's start-up imports (kiosk/warming.py: start_up_imports).
    with start_up_imports():
        for name in names:
            importlib.import_module(name)
