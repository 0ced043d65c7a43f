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
        self.root.addWidget(self.label("oos.title", role="title"))
        self.root.addWidget(self.label("oos.body"))
        self.root.addStretch(1)
        self.root.addWidget(self.button("nav.home", self._home, role="primary"))

    def _home(self) -> None:
        self.goto(self.core.home())
