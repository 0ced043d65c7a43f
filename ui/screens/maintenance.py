"""Maintenance panel for technicians: PIN, device status and tests, queue, reprints.

Reached by tapping the four screen corners clockwise (ui/widgets/corner_taps.py). Every
action runs on a worker; the panel shows what came back, never personal data.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.diagnostics import NoDriveError
from kiosk.flow import Screen
from kiosk.maintenance import Snapshot
from ui.screens.base import BaseScreen
from ui.widgets.keypad import Keypad
from ui.widgets.touch_scroll import touch_scroll

HEALTH_MARK = {"ok": "✔", "degraded": "▲", "fault": "✖", "unknown": "?"}


class MaintenanceScreen(BaseScreen):
    """PIN first; then the panel."""

    screen_id = Screen.MAINTENANCE
    title_key = "maint.title"

    def build(self) -> None:
        """PIN pad and the (hidden until unlocked) panel."""
        self.unlocked = False
        self.root.addWidget(self.label("maint.title", role="title"))
        self.pin_box = QWidget()
        outer = QVBoxLayout(self.pin_box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(self.ctx.tokens().gap())
        pin_lay = self.scroll_body(into=outer)
        pin_lay.addWidget(self.label("maint.pin_prompt"))
        self.pin_echo = QLabel()
        self.pin_echo.setObjectName("pin_echo")
        self.pin_echo.setProperty("role", "heading")
        pin_lay.addWidget(self.pin_echo)
        self.pin_error = self.label("maint.pin_wrong", role="error")
        self.pin_error.setObjectName("pin_error")
        self.pin_error.hide()
        pin_lay.addWidget(self.pin_error)
        self.keypad = Keypad(self.ctx.tokens(), max_length=12)
        self.keypad.changed.connect(lambda t: self.pin_echo.setText("●" * len(t)))
        pin_lay.addWidget(self.keypad)
        row = QHBoxLayout()
        row.addWidget(self.button("maint.exit", self._exit))
        ok = self.button("maint.unlock", self._unlock, role="primary")
        ok.setObjectName("btn_unlock")
        row.addWidget(ok)
        pin_lay.addLayout(row)
        self.root.addWidget(self.pin_box, 1)

        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setSpacing(self.ctx.tokens().gap())
        actions = QHBoxLayout()
        for key, slot, name in (
            ("maint.refresh", self.refresh, "btn_refresh"),
            ("maint.test_page", self._test_page, "btn_test_page"),
            ("maint.restart_devices", self._restart, "btn_restart"),
            ("maint.export", self._export, "btn_export"),
            ("maint.exit", self._exit, "btn_exit"),
        ):
            b = self.button(key, slot)
            b.setObjectName(name)
            actions.addWidget(b)
        panel.addLayout(actions)
        self.result = QLabel()
        self.result.setObjectName("maint_result")
        self.result.setProperty("role", "warning")
        self.result.setWordWrap(True)
        self.result.hide()
        panel.addWidget(self.result)
        scroll = touch_scroll(QScrollArea())
        scroll.setWidgetResizable(True)
        host = QWidget()
        self.body = QVBoxLayout(host)
        self.body.setSpacing(self.ctx.tokens().gap())
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(host)
        panel.addWidget(scroll, 1)
        self.root.addWidget(self.panel, 1)
        self.panel.hide()

    def leave(self) -> None:
        """Whatever was typed is gone when the panel closes (the window also re-enters
        the screen on device events, so the reset happens here, not in ``enter``)."""
        self.keypad.set_text("")
        self.pin_error.hide()

    # --- PIN --------------------------------------------------------------------------

    def _unlock(self) -> None:
        pin = self.keypad.text()
        self.keypad.set_text("")
        if not self.core.maintenance_ops().check_pin(pin):
            self.pin_error.show()
            return
        self.unlocked = True
        self.pin_box.hide()
        self.panel.show()
        self.refresh()

    def _exit(self) -> None:
        self.unlocked = False
        self.core.leave_maintenance()
        self.goto(self.core.screen())

    # --- panel ------------------------------------------------------------------------

    def _busy(self, key: str) -> None:
        self.result.setText(self.t(key))
        self.result.show()

    def show_error(self, exc: BaseException) -> None:
        """Failures show in the panel's result line, in words a technician can act on."""
        key = "maint.no_drive" if isinstance(exc, NoDriveError) else "common.error"
        self.result.setText(self.t(key))
        self.result.show()

    def refresh(self) -> None:
        """Fetch a snapshot off the GUI thread, then render it."""
        ops = self.core.maintenance_ops()
        self.core.run(
            ops.snapshot, self.ctx.bridge.wrap(self._render), self.ctx.bridge.wrap(self.show_error)
        )

    def _render(self, snap: object) -> None:
        assert isinstance(snap, Snapshot)
        self.clear_layout(self.body)
        self._section("maint.devices")
        for d in snap.devices:
            mark = HEALTH_MARK.get(d.health.value, "?")
            self._line(f"{mark} {self.t('device.' + d.device.value)}: {d.health.value} {d.detail}")
        o = snap.outbox
        self._section("maint.outbox")
        age = "—" if o.oldest_pending_age_s is None else f"{o.oldest_pending_age_s:.0f} s"
        self._line(
            self.t(
                "maint.outbox_counts",
                pending=o.pending,
                sending=o.sending,
                failed=o.failed,
                dead=o.dead,
                delivered=o.delivered,
                age=age,
            ),
            name="outbox_counts",
        )
        for r in snap.problem_records:
            text = f"{r.state} · {r.kind} · {r.tracking_number or '-'} · {r.last_error or ''}"
            row = self._line(text)
            if r.state == "dead":
                b = QPushButton(self.t("maint.requeue"))
                b.setObjectName(f"requeue_{r.id}")
                b.clicked.connect(lambda _=False, rid=r.id: self._requeue(rid))
                row.addWidget(b)
        self._section("maint.print_jobs")
        if not snap.failed_jobs:
            self._line(self.t("maint.none"))
        for j in snap.failed_jobs:
            row = self._line(
                f"{j.kind} · {j.tracking_number or '-'} · {j.state} · {j.reason or ''}"
            )
            b = QPushButton(self.t("maint.reprint"))
            b.setObjectName(f"reprint_{j.id}")
            b.clicked.connect(lambda _=False, jid=j.id: self._reprint(jid))
            row.addWidget(b)
        self._section("maint.sync")
        online = {True: "maint.online", False: "maint.offline", None: "maint.unknown"}[snap.online]
        self._line(self.t(online))
        for e in snap.sync_errors:
            self._line(e)

    def _section(self, key: str) -> None:
        w = QLabel(self.t(key))
        w.setProperty("role", "heading")
        self.body.addWidget(w)

    def _line(self, text: str, name: str = "") -> QHBoxLayout:
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(self.ctx.tokens().gap())
        w = QLabel(text)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        row.addWidget(w, 1)
        self.body.addWidget(host)
        return row

    def _after_action(self, result: object) -> None:
        printed = getattr(result, "printed", None)
        if printed is not None:
            self.result.setText(self.t("maint.printed" if printed else "maint.not_printed"))
        else:
            name = getattr(result, "name", "")
            self.result.setText(
                self.t("maint.done_path", path=name) if name else self.t("maint.done")
            )
        self.result.show()
        self.refresh()

    def _do(self, job: object, busy: str) -> None:
        self._busy(busy)
        self.core.run(
            job, self.ctx.bridge.wrap(self._after_action), self.ctx.bridge.wrap(self.show_error)
        )  # type: ignore[arg-type]

    def _test_page(self) -> None:
        ops = self.core.maintenance_ops()
        self._do(lambda: ops.print_test_page(self.lang), "maint.printing")

    def _restart(self) -> None:
        self._do(self.core.maintenance_ops().restart_devices, "common.loading")

    def _export(self) -> None:
        self._do(self.core.maintenance_ops().export_diagnostics, "common.loading")

    def _requeue(self, record_id: str) -> None:
        ops = self.core.maintenance_ops()
        self._do(lambda: ops.requeue(record_id), "common.loading")

    def _reprint(self, job_id: str) -> None:
        ops = self.core.maintenance_ops()
        self._do(lambda: ops.reprint(job_id), "maint.printing")
