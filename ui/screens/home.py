"""Home: the main entries, large tiles, and a gentle attract line when idle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel

from kiosk.flow import Journey, Screen
from kiosk.services.staff_call import LeftCall
from ui.screens.base import BaseScreen
from ui.theme import Tokens
from ui.widgets.pager import PagedGrid
from ui.widgets.pictogram import pictogram
from ui.widgets.tile import Tile, no_widow

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
        """Greeting and the tiles, in pages only when a small panel cannot hold them all."""
        self.greeting = self.label("home.greeting", role="title")
        self.root.addWidget(self.greeting)
        tokens = self.ctx.tokens()
        # Every entry on one page wherever it fits; a short panel in 长辈模式 turns pages
        # (big buttons) rather than scrolling, the gesture elderly citizens miss.
        # Rows of one height, whatever the text size (75 mm, or the room's share):
        # a tile stays under the finger that found it when the citizen taps 字号.
        self.pager = PagedGrid(
            tokens, "home_pager", columns=3, fill=True, keep_nav_room=False, fill_mm=75
        )
        self.tiles: dict[str, Tile] = {}
        for key, journey in ENTRIES:
            tile = Tile()
            name = key.split(".")[1]
            tile.setObjectName(f"tile_{name}")
            tile.setProperty("accent", name)  # a coloured edge per journey (the stylesheet)
            tile.set_icon(pictogram(f"home_{name}", tokens.mm(16), tokens.text))
            if journey is None:
                tile.clicked.connect(self._assisted)
            else:
                tile.clicked.connect(lambda _=False, j=journey: self._start(j))
            self.tiles[key] = tile
        self.pager.set_items(list(self.tiles.values()))
        self.root.addWidget(self.pager, 1)
        # The staff call of the citizen who just finished, while it is open: the chip went
        # with their session, and she still waits (try-out 17, E1). Never given up to fit.
        self.left_call = QLabel()
        self.left_call.setObjectName("home_left_call")
        self.left_call.setProperty("role", "heading")
        self.left_call.setWordWrap(True)
        self.left_call.setTextFormat(Qt.TextFormat.PlainText)
        self.left_call.hide()
        self.root.addWidget(self.left_call)
        self._left: LeftCall | None = None
        self.attract = self.label("home.attract", role="muted")
        self.root.addWidget(self.attract)
        self.retranslate()

    def set_left_call(self, call: LeftCall | None, caller: Tokens | None = None) -> None:
        """Say where the last citizen's open staff call stands (None: nothing to say), in
        the type of ``caller`` (their 长辈模式 and 字号) where it is larger than this
        screen's: it tells them to wait right here, and an elderly citizen at 字号 4/4
        read it in the reset screen's small type (try-out 20, E4). Only the line: the
        rest of the screen is the next citizen's, at the default."""
        own = self.ctx.tokens()
        px = caller.px(caller.heading_px) if caller is not None else 0
        sheet = f"font-size: {px}px;" if px > own.px(own.heading_px) else ""
        restyled = self.left_call.styleSheet() != sheet
        if restyled:
            self.left_call.setStyleSheet(sheet)
        shown = self.left_call.isVisible() == (call is not None)
        if call == self._left and shown and not restyled:
            return
        self._left = call
        self._say_left_call()
        if self.isVisible():
            self._fit()

    def _say_left_call(self) -> None:
        call = self._left
        if call is None:
            self.left_call.hide()
            self.left_call.clear()
            return
        at = f"{call.made_at.astimezone():%H:%M}"
        self.left_call.setText(no_widow(self.t(f"home.left_call.{call.state.value}", at=at)))
        self.left_call.show()

    def resizeEvent(self, event: object) -> None:
        """Two columns in portrait, three in landscape; then fit them on one page."""
        self.pager.set_columns(2 if self.height() > self.width() else 3)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def showEvent(self, event: object) -> None:
        """Shown at last: fit the tiles to the room it really has."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        """Give up the extras, in this order, before the entries take a second page.

        A short panel (1280x800 at 字号 4/4, or 长辈模式) cannot hold seven big tiles
        with their full explanations: first the attract line goes (the tiles say what
        to touch), then tiles explain themselves in a few words (``.short``), each
        keeping its full explanation where that still fits, then the greeting goes
        (长辈模式 says it aloud). A tile without any explanation is the last resort,
        pages the very last: a title alone ("Rate", "Track") does not say what it is for.
        """
        tiles = list(self.tiles.values())
        self._fit_titles()
        levels = (
            ("full", True, True),
            ("full", False, True),
            ("short", False, True),
            ("short", False, False),
            ("none", False, False),
        )
        for explain, attract, greet in levels:
            for tile in tiles:
                tile.sub.setVisible(explain != "none")
                tile.use_short(explain == "short")
            self.attract.setVisible(attract)
            self.greeting.setVisible(greet)
            if not self._fits():
                continue
            if explain == "short":
                # The full explanation wherever it still fits, in reading order.
                offered = self.pager.items()
                for tile in (t for t in tiles if t in offered):
                    tile.use_short(False)
                    if not self._fits():
                        tile.use_short(True)
                        self._fits()  # laid out as it is shown
            return

    def _fit_titles(self) -> None:
        """Every tile's name on one line: where one would wrap in its column (English
        at 字号 4/4 on 1280x800: "Assisted / mode", a line that cost the greeting its
        place, try-out 8, C17), all the names take the largest type in which each fits
        its line, down to the page's body size (bold: still over the explanations).
        Where even that would not do, they keep their own type and wrap."""
        self._fits()  # the columns as they are now: a name's width does not change them
        tokens = self.ctx.tokens()
        full, least = tokens.px(tokens.tile_px), tokens.px(tokens.body_px)
        shown = [t for t in self.pager.items() if isinstance(t, Tile) and t.title.width() > 0]

        def one_line(px: int) -> bool:
            for t in shown:
                font = QFont(t.title.font())
                font.setPixelSize(px)
                if QFontMetrics(font).horizontalAdvance(t.title.text()) > t.title.width():
                    return False
            return True

        px = next((p for p in range(full, least - 1, -1) if one_line(p)), full)
        sheet = "" if px == full else f"font-size: {px}px; font-weight: bold;"
        for t in self.tiles.values():
            if t.title.styleSheet() != sheet:
                t.title.setStyleSheet(sheet)

    def _fits(self) -> bool:
        self.root.activate()  # the pager's new height, now
        self.pager.relayout()
        return self.pager.fits()

    def enter(self) -> None:
        """The tiles for the mode the session is in."""
        self._offer_tiles()

    def _offer_tiles(self) -> None:
        # In 长辈模式 its own tile would only say "already on" and do nothing: it goes,
        # and the top bar's 标准模式 is the way back (try-out 4, item 12b).
        if not hasattr(self, "pager"):
            return  # not built yet
        assisted = self.core.sessions.current.assisted
        shown = [t for k, t in self.tiles.items() if not (assisted and k == "home.assisted")]
        if shown != self.pager.items():
            self.pager.set_items(shown, park=self)
            if self.isVisible():
                self._fit()

    def retranslate(self) -> None:
        """Refill tile texts."""
        super().retranslate()
        self._offer_tiles()
        assisted = self.core.sessions.current.assisted
        for key, tile in self.tiles.items():
            base = "home.assisted.on" if key == "home.assisted" and assisted else key
            sub = base if base.endswith(".on") else base + ".sub"
            # Wrapped, an explanation never ends on one character alone (try-out 7, 24).
            full, short = no_widow(self.t(sub)), no_widow(self.t(base + ".short"))
            tile.set_texts(self.t(key), full, short)
        self.pager.set_language(self.lang)
        if hasattr(self, "left_call"):
            self._say_left_call()
        if self.isVisible():
            self._fit()

    def _start(self, journey: Journey) -> None:
        self.goto(self.core.start(journey))

    def _assisted(self) -> None:
        # Only ever turns the mode on: a second tap by someone who needs it must not
        # take it away (the top bar's button turns it off, and says so).
        if not self.core.sessions.current.assisted:
            self.core.sessions.set_assisted(True)
            self.goto(self.core.screen())
