"""Service guide (一次性告知): materials, legal time limit, fees, where to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.flow import Journey, Screen
from ui.screens.base import BaseScreen
from ui.widgets.touch_scroll import touch_scroll


class GuideScreen(BaseScreen):
    """Everything the citizen needs to know before starting, on one scrollable page."""

    screen_id = Screen.GUIDE
    title_key = "guide.title"
    prompt_key = "guide.prompt"

    def build(self) -> None:
        """Name, facts, materials list, and the way forward."""
        self.name = QLabel()
        self.name.setObjectName("guide_name")
        self.name.setProperty("role", "title")
        self.name.setWordWrap(True)
        self.root.addWidget(self.name)
        self.scroll = touch_scroll(QScrollArea())
        self.scroll.setWidgetResizable(True)
        host = QWidget()
        self.body = QVBoxLayout(host)
        self.body.setSpacing(self.ctx.tokens().gap())
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(host)
        self.root.addWidget(self.scroll, 1)
        self.start_btn = self.button("guide.start", self._start, role="primary")
        self.start_btn.setObjectName("btn_start")
        # A counter-only service: the kiosk keeps its promise to book a time or a number.
        # Never shown together with Start, so both share one row (no extra height).
        self.appt_btn = self.button("guide.book", self._book, role="primary")
        self.appt_btn.setObjectName("btn_guide_appointment")
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.start_btn)
        actions.addWidget(self.appt_btn)
        self.root.addLayout(actions)

    def _clear(self) -> None:
        self.clear_layout(self.body)

    def _add(self, text: str, role: str = "body", name: str = "") -> None:
        w = QLabel(text)
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        if name:
            w.setObjectName(name)
        self.body.addWidget(w)

    def enter(self) -> None:
        """Fill the page for the chosen service."""
        self._clear()
        sid = self.core.sessions.current.service_id
        service = self.core.catalog.by_id(sid) if sid else None
        if service is None:
            self.name.setText(self.t("guide.none"))
            self.start_btn.hide()
            self.appt_btn.hide()
            return
        lang = self.lang
        self.name.setText(service.name.get(lang))
        if service.summary.get(lang):
            self._add(service.summary.get(lang))
        self._add(self.t("guide.department", v=service.department.get(lang)), name="guide_dept")
        self._add(self.t("guide.time_limit", v=service.time_limit.get(lang)), name="guide_time")
        self._add(self.t("guide.fee", v=service.fee.get(lang)), name="guide_fee")
        # The catalog serves every hall: "{centre}" is this hall's own name.
        k = self.core.settings.kiosk
        where = service.where.get(lang).replace(
            "{centre}", k.centre_en if lang == "en" else k.centre_zh
        )
        self._add(self.t("guide.where", v=where), name="guide_where")
        self._add(self.t("guide.materials"), role="heading")
        for i, m in enumerate(service.materials, 1):
            note = ""
            if not service.at_kiosk:
                note = self.t("guide.bring")  # counter only: nothing is read or uploaded here
            elif m.from_identity:
                note = self.t("guide.from_id")
            elif m.capturable:
                note = self.t("guide.capture")
            optional = "" if m.required else self.t("guide.optional")
            if optional and note == self.t("guide.capture"):
                note, optional = self.t("guide.optional_capture"), ""  # one note, not two
            self._add(f"{i}. {m.name.get(lang)}{optional}  {note}".rstrip(), name=f"material_{i}")
        applying = self.core.nav.journey == Journey.APPLY
        if not service.at_kiosk:
            self._add(self.t("guide.not_here"), role="warning", name="guide_not_here")
        self.start_btn.setVisible(applying and service.at_kiosk)
        self.appt_btn.setVisible(not service.at_kiosk)

    def retranslate(self) -> None:
        """Language switch: rebuild the page."""
        super().retranslate()
        if hasattr(self, "body"):
            self.enter()

    def _start(self) -> None:
        self.goto(self.core.next())

    def _book(self) -> None:
        # The chosen service stays in the session: the booking record carries it.
        self.goto(self.core.start(Journey.APPOINTMENT))
