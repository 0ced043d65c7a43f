"""What every screen shares: access to the core, the language, the tokens, helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kiosk.core import KioskCore
from kiosk.events import Device, Health
from kiosk.flow import Screen
from ui.bridge import GuiBridge
from ui.i18n import STRINGS, tr
from ui.layout_items import add_layout
from ui.theme import Tokens

# A step of a build ahead (BaseScreen.ahead_steps): it may hand back the steps that
# follow it (the form's next question).
AheadStep = Callable[[], "list[AheadStep] | None"]


@dataclass
class ScreenContext:
    """Handed to every screen by the main window."""

    core: KioskCore
    bridge: GuiBridge
    tokens: Callable[[], Tokens]
    show: Callable[[Screen], None]  # re-render after the core moved the flow
    # A calm one-button message over the screen; further texts it may be changed to
    # while shown keep the card's room (nothing in it moves when it changes).
    show_notice: Callable[..., None]
    # Before a screen swaps its own buttons (ui/tap_guard.py: a double tap's second
    # touch must not land on the new ones).
    before_change: Callable[[], None] = lambda: None
    # Whether a notice saying this text is on screen now.
    notice_says: Callable[[str], bool] = lambda _text: False
    # After before_change: this control stays in place but answers a new question now
    # (ui/tap_guard.py TapGuard.renew), so a double tap's second touch does not reach it.
    renew: Callable[[QWidget], None] = lambda _w: None
    # The top bar's 呼叫工作人员, for a screen that offers it as an answer (the review's
    # "请工作人员加纸后再提交": the same call, said the same way, as the bar's button).
    # With the device state the call is about ("printer.paper_out"), or None.
    call_staff: Callable[[str | None], None] = lambda _reason=None: None
    # The screen's own state changed what the bars offer (a complaint sent closes 返回:
    # behind its thanks lies only the complaint already sent, try-out 13, C3).
    chrome_changed: Callable[[], None] = lambda: None
    # 继续办理其他事项 where a journey ends: the task ends, the citizen stays (their
    # display settings and staff call with them; see kiosk.session.SAME_VISIT).
    another_task: Callable[[], None] = lambda: None


class BaseScreen(QWidget):
    """A full-screen page: widgets made in ``build``, texts filled in ``retranslate``."""

    screen_id: Screen
    title_key: str = ""
    prompt_key: str = ""  # spoken in assisted mode

    def __init__(self, ctx: ScreenContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen_{self.screen_id.value}")
        self.root = QVBoxLayout(self)
        m = ctx.tokens().px(32)
        self.root.setContentsMargins(m, m // 2, m, m // 2)
        self.root.setSpacing(ctx.tokens().mm(max(3.0, ctx.tokens().gap_mm)))
        self._translatables: list[tuple[Any, str, dict[str, Any]]] = []
        # Keyboards dock here, at the bottom of the page and outside any scrolling
        # content, so every key is on screen without a swipe (added after build()).
        self.dock = QVBoxLayout()
        self.dock.setContentsMargins(0, 0, 0, 0)
        self.dock.setSpacing(0)
        self.build()
        add_layout(self.root, self.dock)

    # --- to override ---------------------------------------------------------------

    def build(self) -> None:
        """Create the widgets (called once)."""

    def enter(self) -> None:
        """The screen is about to be shown: refresh from the session."""

    def leave(self) -> None:
        """The screen is being hidden."""

    def journey_finished(self) -> bool:
        """Whether the citizen's journey is done here (submitted, ticket taken, booking
        made, rating or feedback sent): 首页 then ends the visit, as 完成 does, and the
        next citizen starts from the default display settings (try-out 6, 18)."""
        return False

    def slip_printed(self) -> str:
        """The paper printed here for the citizen to take ("queue", "booking" or
        "receipt"), or "": the notice after an idle reset names it with the document
        left on its reader (try-out 10, C7: it named only the card)."""
        return ""

    def closes_behind(self) -> bool:
        """Whether the pages before this one are closed to 返回: behind a receipt or a
        ticket lies only the task already done (try-out 7, C-e), a dead end there."""
        return False

    def carry(self) -> object | None:
        """What the citizen is in the middle of here that the session does not hold
        (typed text, the question asked, the keyboard's mode, a message shown).

        A new text size, colours or mode rebuilds every screen; the window hands this
        to the new screen's :meth:`restore` after its ``enter``, so nothing typed is lost.
        """
        return None

    def restore(self, state: object) -> None:
        """Take back what :meth:`carry` gave, on the screen rebuilt in its place."""

    def warm_up_steps(self) -> list[Callable[[], None]]:
        """Optional parts (keyboards, say) to make ahead of use, one small step each.

        The window runs them between citizens, one per event-loop turn, after
        pre-building the screen; a screen works the same if they never ran.
        """
        return []

    def ahead_steps(self) -> list[AheadStep]:
        """Steps that make this screen ready, mid-journey, for what the citizen chose
        (the form for the service), holding nothing of theirs; each may hand back the
        steps that follow it. The window runs them a step at a time while the citizen is
        on the screens before (ui/prebuild.py: Prebuilder.ahead)."""
        return []

    # --- helpers -------------------------------------------------------------------

    @property
    def core(self) -> KioskCore:
        """The application core."""
        return self.ctx.core

    @property
    def lang(self) -> str:
        """Current interface language."""
        return self.core.sessions.current.language

    def t(self, key: str, **fmt: Any) -> str:
        """Translate ``key`` into the current language."""
        return tr(key, self.lang, **fmt)

    def t_now(self, key: str, **fmt: Any) -> str:
        """``key``, or its ``.offline`` variant while the platform is unreachable: advice to
        call staff is true only when the call can reach them (offline it is the 服务台)."""
        offline = self.core.health(Device.PLATFORM).health is Health.FAULT
        if offline and f"{key}.offline" in STRINGS:
            key = f"{key}.offline"
        return self.t(key, **fmt)

    def label(self, key: str, role: str = "body", **fmt: Any) -> QLabel:
        """A translated, word-wrapped label that follows language switches."""
        w = QLabel()
        w.setProperty("role", role)
        w.setWordWrap(True)
        w.setTextFormat(Qt.TextFormat.PlainText)
        return self.translate(w, key, **fmt)

    def translate(self, w: QLabel, key: str, **fmt: Any) -> QLabel:
        """Give ``w`` the text of ``key`` now and after every language switch."""
        self._translatables.append((w, key, fmt))
        w.setText(self.t(key, **fmt))
        return w

    def button(
        self, key: str, on_click: Callable[[], None], role: str = "secondary"
    ) -> QPushButton:
        """A translated touch button."""
        return self.as_button(QPushButton(), key, on_click, role)

    def another_task_button(self, on_click: Callable[[], None] | None = None) -> QPushButton:
        """继续办理其他事项, for a page where a journey ends, beside its 完成: what the
        citizen gave goes, as at any end; 长辈模式, 字号, colours, language and an open
        staff call stay theirs for the next task (try-out 18, E1, E2). ``on_click``: a
        page that asks something first (the receipt not printed) calls ctx.another_task
        itself."""
        b = self.button("svc.another_task", on_click or (lambda: self.ctx.another_task()))
        b.setObjectName("btn_another_task")
        return b

    def as_button(
        self, b: QPushButton, key: str, on_click: Callable[[], None], role: str = "secondary"
    ) -> QPushButton:
        """``b`` made a translated touch button (a subclass: a tab drawing its ✓)."""
        b.setProperty("role", role)
        b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        b.clicked.connect(lambda _=False: on_click())
        self._translatables.append((b, key, {}))
        b.setText(self.t(key))
        return b

    def scroll_body(self, stretch: int = 1, into: QBoxLayout | None = None) -> QVBoxLayout:
        """A touch-scrollable column added to ``into`` (default the page); returns it.

        On a small panel, or in assisted mode, a page may be taller than the window:
        its content scrolls rather than clipping or forcing the window to grow.
        """
        from ui.widgets.touch_scroll import touch_scroll

        area = touch_scroll(QScrollArea())
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Its content's height must not become the window's: it takes the space left.
        area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        host = QWidget()
        lay = QVBoxLayout(host)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(self.ctx.tokens().gap())
        lay.setAlignment(Qt.AlignmentFlag.AlignTop)
        area.setWidget(host)
        (into if into is not None else self.root).addWidget(area, stretch)
        self.scroll = area
        return lay

    @staticmethod
    def clear_layout(layout: QLayout) -> None:
        """Remove and destroy every widget in ``layout`` (at once, not at the next loop)."""
        while layout.count():
            item = layout.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()

    def rekey(self, w: Any, key: str, **fmt: Any) -> None:
        """``w``, registered for translation, says ``key`` from now on (in every language
        it is switched to), not the key it was made with."""
        self._translatables = [
            (x, key, fmt) if x is w else (x, k, f) for x, k, f in self._translatables
        ]
        w.setText(self.t(key, **fmt))

    def retranslate(self) -> None:
        """Refill every registered text in the current language."""
        for w, key, fmt in self._translatables:
            w.setText(self.t(key, **fmt))

    def work(
        self,
        job: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``job`` on a worker; ``on_result``/``on_error`` then run on the GUI thread."""
        bridge = self.ctx.bridge
        fail = on_error or self.show_error
        self.core.run(
            job, bridge.wrap(self._while_alive(on_result)), bridge.wrap(self._while_alive(fail))
        )

    def _while_alive(self, fn: Callable[..., None]) -> Callable[..., None]:
        # Screens are destroyed when a session ends; a worker's answer arriving after
        # that is for nobody (and its widgets are gone).
        def call(*args: Any) -> None:
            if isValid(self):
                fn(*args)

        return call

    def show_error(self, _exc: BaseException) -> None:
        """Default for an unexpected failure: a calm message, never a traceback."""
        self.ctx.show_notice(self.t("common.error"))

    def goto(self, screen: Screen) -> None:
        """Tell the window the flow moved."""
        self.ctx.show(screen)
