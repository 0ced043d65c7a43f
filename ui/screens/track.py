"""Track: scan the receipt's QR code, or type its tracking number on the pad.

The scanned receipt is proof enough; a typed number is followed by a second step
on the same pad, the last 4 characters of the ID number (the platform checks it),
because a bare number must reveal nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from kiosk.flow import Screen
from kiosk.services.track import LookupProblem, TrackLookup, normalize_last4
from kiosk.tracking import TrackingNumber
from ui.i18n import LANGUAGES, tr
from ui.layout_items import add_layout
from ui.screens.apply_common import message_label, set_role
from ui.screens.entry_page import dock_at_bottom, fit_page, heading_line
from ui.screens.service_base import ServiceScreen
from ui.widgets.entry_box import entry_box, hold_at_floor
from ui.widgets.fit_keys import PadStrip, heading_floor_px
from ui.widgets.fit_prompt import FitPrompt
from ui.widgets.tile import WORD_JOINER
from ui.widgets.tracking_pad import ID_TAIL_PAGES, TrackingPad

# A tracking number's widest form (its letters the widest, its sequence the longest),
# measured, never shown.
_WIDEST_NUMBER = "WWWW-888888-888888-W"


def _unbroken(number: TrackingNumber) -> str:
    """``number`` as the receipt prints it, never wrapped before its check character
    (a line break may follow a hyphen before a letter): read whole, as on the paper."""
    shown = number.shown
    return f"{shown[:-1]}{WORD_JOINER}{shown[-1]}"


class TrackScreen(ServiceScreen):
    """The camera runs while this screen is up; the pad works whatever the camera does."""

    screen_id = Screen.TRACK
    title_key = "track.title"
    prompt_key = "track.prompt"

    def build(self) -> None:
        """Prompt; the typed number beside the look-up button; message; pad; scanner state."""
        tokens = self.ctx.tokens()
        # Laid out as the other keyboard pages (ui/screens/entry_page.py): no scrolling
        # part, the pad docked at the bottom with the strip over it, at every text step.
        fit_page(self)
        # The question as a heading that shrinks, down to the keyboard pages' floor, to
        # the room the keys leave, in both modes. Its room is the taller of the two
        # steps' questions: the keys stay put when it changes (try-out 10, C8: the ID's
        # last 4, three lines at 字号 4/4 on 1280x800, pushed the pad ~45 px down and its
        # bottom row under the bottom bar). 长辈模式 had it at the strip's fixed 30 px,
        # plain, to leave the keys room: smaller at 字号 4/4 than the standard mode's at
        # 1/4, with ~270 px spare under it on 1920x1080 (try-out 20, E1).
        px, floor = tokens.px(tokens.heading_px), heading_floor_px(tokens)
        self.prompt = FitPrompt(px, floor)
        self.prompt.setObjectName("track_prompt")
        self.prompt.setProperty("role", "heading")
        self.root.addWidget(self.prompt)
        row = QHBoxLayout()
        row.setSpacing(tokens.gap())
        # The label beside a box that holds what is typed, its example inside it while
        # empty (try-out 13, C6: "编号：例如 A7H3-…" in one line read as a heading).
        self.number_label = heading_line(tokens)
        self.number_label.setObjectName("track_number_label")
        row.addWidget(self.number_label)
        self.number = heading_line(tokens)
        self.number.setObjectName("track_number_text")
        self.field = entry_box(tokens, "track_field", self.number)
        row.addWidget(self.field, 1)
        self.lookup_btn = self.button("track.lookup", self._lookup_typed, role="primary")
        self.lookup_btn.setObjectName("btn_track_lookup")
        row.addWidget(self.lookup_btn)
        add_layout(self.root, row)
        # The strip over the keys: the scanner's state, or a message in its place; its
        # room is kept whatever it shows (nothing jumps).
        self.strip = PadStrip(tokens)
        self.scanner_state = self.strip.hint
        self.scanner_state.setObjectName("track_scanner_state")
        self.message = self.strip.add_message(message_label("track_message", lines=1))
        self.dock.addWidget(self.strip)
        self.pad = TrackingPad(
            tokens,
            self.t("svc.keys.backspace"),
            self.t("svc.keys.clear"),
            self.t("svc.keys.undo_clear"),
            fit=True,
        )
        self.pad.changed.connect(self._typed)
        self.dock.addWidget(self.pad, 1)
        # The strip's words take their room before the question grows over its floor's
        # size: at 字号 4/4 on 1280x800 a two-line message is cut at the strip's floor.
        dock_at_bottom(self, self._room_over_prompt_floor)
        self._camera_ok = False
        self._problem: LookupProblem | None = None
        self._scan_ticket: int | None = None
        self._message_key = ""
        self._pad_text = ""  # what the pad held when last looked at (a key changes it)
        # The typed number waiting for its proof (the ID's last 4), or None.
        self._typed_number: TrackLookup | None = None
        self._render_step()

    def _room_over_prompt_floor(self) -> int:
        """The height the question takes over what its texts need at its floor's size."""
        return max(0, self.prompt.height() - self.prompt.minimumSizeHint().height())

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        """Fresh pad, no message; start the camera off the GUI thread. Sent back to
        retype the ID's last 4 (nothing matched them), at that step, the number kept."""
        self._typed_number = None
        session = self.core.sessions.current
        retype, session.tracking_retype_last4 = session.tracking_retype_last4, False
        services = self.services
        if retype and services is not None and session.tracking_number:
            again = services.track.check_typed(session.tracking_number)
            if again.ok and again.needs_id_last4:
                self._typed_number = again
        self.lookup_btn.setEnabled(True)
        self.pad.offer(None)  # a fresh pad: the ID's last 4, if asked, open on the digits
        self._render_step()
        self.pad.clear()
        self._show_problem(None)
        self._camera_ok = False
        self._render_scanner()
        services = self.services
        if services is None:
            self._show_problem(None, "svc.unavailable")
            return
        on_lookup = self.ctx.bridge.wrap(self._scanned)
        # Taken here, on the GUI thread: the camera follows the order screens come and go.
        ticket = self._scan_ticket = services.track.scan_ticket()
        self.run(
            lambda: services.track.start_scan(on_lookup, ticket),
            self._camera_started,
            self._no_camera,
        )

    def leave(self) -> None:
        """Release the camera."""
        self.cancel_requests()
        services = self.services
        if services is not None:
            track = services.track
            ticket, self._scan_ticket = self._scan_ticket, None
            if ticket is not None:
                track.release_scan(ticket)
            self.core.run(lambda: track.stop_scan(ticket), lambda _r: None, lambda _e: None)

    def carry(self) -> object | None:
        """The number (or the ID's last 4) typed, the step, its keys' page and the
        message shown."""
        return (
            self.pad.symbols(),
            self._typed_number,
            self._problem,
            self._message_key,
            self.pad.page(),
        )

    def restore(self, state: object) -> None:
        """The same step, typing and message after a rebuild (a new text size)."""
        if not isinstance(state, tuple):
            return
        symbols, typed_number, problem, key, page = state
        self._typed_number = typed_number
        self._render_step()
        if page is not None:
            self.pad.show_page(page)
        self.pad.set_symbols(symbols)
        if problem is not None or key:
            self._show_problem(problem, key)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if not hasattr(self, "pad"):
            return
        self.pad.set_labels(
            self.t("svc.keys.backspace"), self.t("svc.keys.clear"), self.t("svc.keys.undo_clear")
        )
        self._render_step()
        self._typed(self.pad.text())
        self._render_scanner()
        if self._problem is not None or self._message_key:
            self._show_problem(self._problem, self._message_key)

    # --- scanner --------------------------------------------------------------------

    def _camera_started(self, capturing: object) -> None:
        self._camera_ok = bool(capturing)
        self._render_scanner()

    def _no_camera(self) -> None:
        self._camera_ok = False
        self._render_scanner()

    def _render_scanner(self) -> None:
        self.strip.set_hint(
            self.t("track.scanning") if self._camera_ok else self.t("track.camera_off")
        )

    def _scanned(self, lookup: TrackLookup) -> None:
        if not self.isVisible() or self.core.screen() != Screen.TRACK:
            return
        self._use(lookup)

    # --- typing ---------------------------------------------------------------------

    def _render_step(self) -> None:
        """The prompt for the step in progress: the number, or the ID's last 4 for the
        number said in it (try-out 18, C3: the second step no longer showed it)."""
        # Room kept for the widest number a receipt prints: the keys stay put whichever
        # number is said (FitPrompt), from the first step on. And for both steps' words
        # in either language, the room and type one in both: the number's field and 查询
        # under the prompt stay put when the language changes (try-out 19, C4: English
        # took a line more, and they moved ~50 px down under the finger at 字号 2/4 on
        # 1280x800, ~40 px at 1/4 on 1920x1080 before the Chinese last 4 took two lines).
        self.prompt.set_alternatives(
            tr(key, lang, number=_WIDEST_NUMBER)
            for lang in LANGUAGES
            for key in ("track.prompt", "track.last4_prompt")
        )
        pending = self._typed_number
        if pending is not None and pending.tracking is not None:
            self.prompt.setText(self.t("track.last4_prompt", number=_unbroken(pending.tracking)))
        else:
            self.prompt.setText(self.t("track.prompt"))
        # The ID's last 4 on the digits and X, in their places: the number's letters (A C
        # F H M R W Y) offered there invited what no such ID has (try-out 14, C13); any
        # other letter a passport's may hold on the pages A–P and Q–Z (try-out 17, P2).
        self.pad.set_page_names([self.t(f"track.keys.{p}.name") for p in ID_TAIL_PAGES])
        if self._typed_number:
            self.pad.offer_id_tail()
        else:
            self.pad.offer(None)

    def _typed(self, text: str) -> None:
        if text != self._pad_text:
            self._pad_text = text
            if self._problem is not None or self._message_key not in ("", "svc.unavailable"):
                # The citizen starts again: a message about the last try is stale (try-out 5
                # typed a valid number under "That code could not be read").
                self._show_problem(None)
        last4 = self._typed_number is not None
        typed = text.replace("-", "") if last4 else text
        label, empty = (
            ("track.last4_label", "track.last4_empty")
            if last4
            else ("track.number_label", "track.number_empty")
        )
        # Its shorter form where the whole one leaves the box too little room.
        self.number_label.set_texts(
            self.t(label).rstrip(), self.t(f"{label}.short").rstrip() if last4 else ""
        )
        # The example in muted type inside the box until the first key.
        role = "heading" if typed else "muted"
        if self.number.property("role") != role:
            set_role(self.number, role)
        self.number.setText(typed or self.t(empty))
        # Room in the box for the example (what is typed is never longer) at the floor.
        hold_at_floor(self.ctx.tokens(), self.field, self.t(empty))
        # 查询 never narrower than its words (its style's least width is less): the label
        # gives way instead, to its shorter form (at 字号 4/4 on 1080x1920 the row's
        # shortfall, once the box kept its example's room, was taken from "Look up").
        self.lookup_btn.setMinimumWidth(0)
        self.lookup_btn.setMinimumWidth(self.lookup_btn.sizeHint().width())

    def _lookup_typed(self) -> None:
        services = self.services
        if services is None:
            self._show_problem(None, "svc.unavailable")
            return
        pending = self._typed_number
        if pending is not None and pending.tracking is not None:
            last4 = normalize_last4(self.pad.text().replace("-", ""))
            if last4 is None:
                self._show_problem(None, "track.last4_invalid")
                return
            self._go(str(pending.tracking), id_last4=last4)
            return
        self._use(services.track.check_typed(self.pad.text()))

    # --- outcome --------------------------------------------------------------------

    def _use(self, lookup: TrackLookup) -> None:
        if not lookup.ok or lookup.tracking is None:
            self._show_problem(lookup.problem)
            return
        if lookup.needs_id_last4:
            # A complaint's own number has no identity to prove (try-out 8, C19): asked
            # first, off the GUI thread; any other number then needs the ID's last 4.
            services, tracking = self.services, lookup.tracking
            if services is None:
                self._show_problem(None, "svc.unavailable")
                return
            self.lookup_btn.setEnabled(False)
            self._show_problem(LookupProblem.NONE)  # 已识别，正在查询…
            self.run(
                lambda: services.track.recognise(tracking),
                lambda view: self._recognised(lookup, view),
                lambda: self._recognised(lookup, None),
            )
            return
        self._go(str(lookup.tracking), receipt=lookup.receipt_code)

    def _recognised(self, lookup: TrackLookup, view: object) -> None:
        self.lookup_btn.setEnabled(True)
        if self.core.screen() != Screen.TRACK:
            return
        if view is not None and lookup.tracking is not None:
            self._go(str(lookup.tracking))  # a complaint: its state, no proof asked
            return
        # A bare number proves nothing: ask for the ID's last 4 on the same pad.
        self._typed_number = lookup
        self._show_problem(None)
        self._render_step()
        self.pad.clear()
        self.speak(self.prompt.text())

    def _go(self, number: str, *, receipt: str | None = None, id_last4: str | None = None) -> None:
        self._show_problem(None)
        self._typed_number = None
        session = self.core.sessions.current
        session.tracking_number = number
        session.tracking_receipt = receipt
        session.tracking_id_last4 = id_last4
        self.goto(self.core.next())

    def _show_problem(self, problem: LookupProblem | None, key: str = "") -> None:
        self._problem = problem
        self._message_key = key
        if problem is None and not key:
            self.message.hide()
            return
        # How many were typed, for "只输入了 N 位" (the pad's symbols, not its dashes).
        self.message.setText(self.t(key or f"track.problem.{problem}", n=len(self.pad.symbols())))
        self.message.show()
