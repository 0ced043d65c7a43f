"""Shown when a device the journey needs is faulty: calm words and a way out."""

from __future__ import annotations

from kiosk.flow import Screen
from ui.screens.base import BaseScreen


class OutOfServiceScreen(BaseScreen):
    """A function is unavailable; offer Home and call staff (both in the chrome)."""

    screen_id = Screen.OUT_OF_SERVICE
    title_key = "oos.title"
    prompt_key = "oos.body"

    def build(self) -> None:
        """Message and a home button."""
        self.title = self.label("oos.title", role="title")
        self.title.setObjectName("oos_title")
        self.root.addWidget(self.title)
        self.body = self.label("oos.body")
        self.body.setObjectName("oos_body")
        self.root.addWidget(self.body)
        self.root.addStretch(1)
        self.home_btn = self.button("nav.home", self._home, role="primary")
        self.root.addWidget(self.home_btn)

    def enter(self) -> None:
        """A technician's 暂停服务 has its own calm words, and no way around it."""
        suspended = self.core.suspended
        self.title.setText(self.t("suspended.title" if suspended else "oos.title"))
        self.body.setText(self.t("suspended.body" if suspended else "oos.body"))
        self.home_btn.setVisible(not suspended)

    def retranslate(self) -> None:
        """Both texts follow the language (and the suspended state)."""
        super().retranslate()
        self.enter()

    def _home(self) -> None:
        self.goto(self.core.home())
