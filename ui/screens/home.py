"""Home: the main entries, large tiles, and a gentle attract line when idle."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from kiosk.flow import Journey, Screen
from ui.screens.base import BaseScreen
from ui.widgets.pictogram import pictogram
from ui.widgets.tile import Tile
from ui.widgets.touch_scroll import touch_scroll

ENTRIES: tuple[tuple[str, Journey | None], ...] = (
    ("home.apply", Journey.APPLY),
    ("home.track", Journey.TRACK),
    ("home.appointment", Journey.APPOINTMENT),
    ("home.guides", Journey.GUIDES),
    ("home.rate", Journey.RATE),
    ("home.feedback", Journey.FEEDBACK),
    ("home.assisted", None),
)


class HomeScreen(BaseScreen):
    """The first screen; every journey starts here."""

    screen_id = Screen.HOME
    title_key = "app.title"
    prompt_key = "home.greeting"

    def build(self) -> None:
        """Greeting and a grid of tiles that reflows for portrait and landscape."""
        self.root.addWidget(self.label("home.greeting", role="title"))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        gap = self.ctx.tokens().mm(self.ctx.tokens().gap_mm + 1)
        self.grid.setSpacing(gap)
        self.tiles: dict[str, Tile] = {}
        for key, journey in ENTRIES:
            tile = Tile()
            name = key.split(".")[1]
            tile.setObjectName(f"tile_{name}")
            tile.setProperty("accent", name)  # a coloured edge per journey (the stylesheet)
            tokens = self.ctx.tokens()
            tile.set_icon(pictogram(f"home_{name}", tokens.mm(16), tokens.text))
            if journey is None:
                tile.clicked.connect(self._assisted)
            else:
                tile.clicked.connect(lambda _=False, j=journey: self._start(j))
            self.tiles[key] = tile
        self._columns = 0
        self._reflow(3)
        # Scrolls only when a small panel in assisted mode cannot fit every tile.
        scroll = touch_scroll(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.root.addWidget(scroll, 1)
        self.root.addWidget(self.label("home.attract", role="muted"))
        self.retranslate()

    def _reflow(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for i, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, i // columns, i % columns)

    def resizeEvent(self, event: object) -> None:
        """Two columns in portrait, three in landscape."""
        self._reflow(2 if self.height() > self.width() else 3)
        super().resizeEvent(event)  # type: ignore[arg-type]

    def retranslate(self) -> None:
        """Refill tile texts."""
        super().retranslate()
        assisted = self.core.sessions.current.assisted
        for key, tile in self.tiles.items():
            sub = "home.assisted.on" if key == "home.assisted" and assisted else key + ".sub"
            tile.set_texts(self.t(key), self.t(sub))

    def _start(self, journey: Journey) -> None:
        self.goto(self.core.start(journey))

    def _assisted(self) -> None:
        # Only ever turns the mode on: a second tap by someone who needs it must not
        # take it away (the top bar's button turns it off, and says so).
        if not self.core.sessions.current.assisted:
            self.core.sessions.set_assisted(True)
            self.goto(self.core.screen())
