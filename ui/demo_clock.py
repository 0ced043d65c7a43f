"""The demo panel's hall clock: which time the kiosk's hall runs on, and a switch.

After 17:00 or at a weekend every counter is closed and 现场取号 is refused (truly):
the demo then runs the hall on a simulated weekday morning (kiosk/hall_clock.py). The
panel says so in words, with the time in force, so nobody takes it for the real time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.hall_clock import HallClock
from ui.i18n import tr

TICK_MS = 1000  # the shown time follows the header's minute


class HallClockRow(QWidget):
    """ "大厅时间：模拟（办公时间内）…" with 模拟办公时间 / 真实时间 beside it."""

    def __init__(self, clock: HallClock, lang: str, panel: QWidget) -> None:
        super().__init__()
        self.setObjectName("demo_hall_clock")
        self._clock, self._lang, self._panel = clock, lang, panel
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("demo_hall_time")
        self.state.setWordWrap(True)
        row.addWidget(self.state, 1)
        self.office = QPushButton(tr("demo.clock.office", lang))
        self.office.setObjectName("demo_clock_office")
        self.office.clicked.connect(lambda _=False: self._set(True))
        row.addWidget(self.office)
        self.real = QPushButton(tr("demo.clock.real", lang))
        self.real.setObjectName("demo_clock_real")
        self.real.clicked.connect(lambda _=False: self._set(False))
        row.addWidget(self.real)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()
        self._note()

    def _set(self, office: bool) -> None:
        if office:
            self._clock.use_office_hours()
        else:
            self._clock.use_real_time()
        self.refresh()  # the kiosk's header follows within its one-second tick
        self._note()
        self._panel.set_collapsed(self._panel.collapsed)  # type: ignore[attr-defined]

    def _note(self) -> None:
        # Folded, the panel is one button: it still says the hall time is simulated.
        note = f" · {tr('demo.clock.folded', self._lang)}" if self._clock.simulated else ""
        self._panel.setProperty("toggle_note", note)

    def refresh(self) -> None:
        """The time in force, and whether it is simulated."""
        now = self._clock().astimezone()
        when = f"{tr(f'appt.weekday.{now.weekday()}', self._lang)} {now:%H:%M}"
        key = "demo.clock.simulated" if self._clock.simulated else "demo.clock.real_now"
        self.state.setText(tr(key, self._lang, t=when))
        self.state.setProperty("simulated", self._clock.simulated)
        self.office.setEnabled(not self._clock.simulated)
        self.real.setEnabled(self._clock.simulated)


def add_hall_clock(panel: QWidget, clock: object, lang: str) -> None:
    """Put the hall-clock row under the demo panel's buttons when the kiosk runs on a
    :class:`HallClock` (the demo); nothing otherwise."""
    body = getattr(panel, "body", None)
    grid = body.layout() if isinstance(body, QWidget) else None
    if not isinstance(clock, HallClock) or not isinstance(grid, QGridLayout):
        return
    grid.addWidget(HallClockRow(clock, lang, panel), grid.rowCount(), 0, 1, 2)
    panel.set_collapsed(getattr(panel, "collapsed", False))  # type: ignore[attr-defined]
