"""Photograph each supporting paper the camera can take: capture, preview, retake or use.

A paper can have several pages: "Use, add a page" keeps the same material
current until "This paper is complete". The preview is the very JPEG that will
be sent (decoded and scaled for the screen, never re-processed).

It fits any panel without scrolling: the list of papers and the messages, the photo
centred on the page in the room left (scaled to it), and the buttons under them.

Before 拍照 that room shows the camera's live picture with the instruction under it
(请将材料平放在拍摄区, in both modes), so the citizen can lay the paper where the camera
sees it (try-out 3: it was blank space). The camera runs only while this screen is on
display and a paper is still to photograph (kiosk/services/viewfinder.py); a camera
that does not work is said in words there, and the skip button (bring the paper to the
counter) is the way on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.catalog import Material
from kiosk.flow import Screen
from kiosk.services.apply import PageCapture, capturable_materials, capture_page
from kiosk.services.viewfinder import (
    ViewState,
    release_view,
    start_view,
    stop_view,
    view_state,
    view_ticket,
)
from kiosk.session import CapturedPage
from ui.layout_items import add_layout
from ui.screens.apply_common import current_service, message_label, set_role
from ui.screens.base import BaseScreen
from ui.widgets.dialog_fit import FLOOR_PX, FLOOR_RATIO, fit_labels, text_height
from ui.widgets.viewfinder import Viewfinder

PREVIEW_MM = 70
PREVIEW_MIN_MM = 30  # the least room the photo is given: still a recognisable page
# How often the screen checks the camera while it shows the live picture: a camera
# lost mid-way is said within about a second, one that comes back is used again.
VIEW_CHECK_MS = 1000


def _keep_room(w: QWidget, keep: bool) -> None:
    policy = w.sizePolicy()
    if policy.retainSizeWhenHidden() != keep:
        policy.setRetainSizeWhenHidden(keep)
        w.setSizePolicy(policy)


class Preview(QLabel):
    """The photographed page, scaled to whatever room the screen leaves (never cut)."""

    def __init__(self, least: int) -> None:
        super().__init__()
        self._full = QPixmap()
        self._least = least
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def minimumSizeHint(self) -> QSize:
        """Room for a small but readable page."""
        return QSize(self._least, self._least)

    def set_page(self, pixmap: QPixmap) -> None:
        """Show ``pixmap`` (already scaled on a worker) at the size that fits."""
        self._full = pixmap
        self._fit()

    def clear(self) -> None:
        """No photo."""
        self._full = QPixmap()
        super().clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Refit the photo to the new room."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._full.isNull():
            return
        room = self.size()
        if room.width() <= 0 or room.height() <= 0:
            return
        fitted = self._full.size().scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        if fitted == self._full.size():
            self.setPixmap(self._full)
            return
        if not self.pixmap().isNull() and self.pixmap().size() == fitted:
            return  # already this size: no scale again
        # As large as the room allows, a small camera's photo too. Only when the room
        # changed: at most a panel-sized scale.
        smooth = Qt.TransformationMode.SmoothTransformation
        self.setPixmap(self._full.scaled(fitted, Qt.AspectRatioMode.KeepAspectRatio, smooth))


class _Receiver:
    """Where a photo being taken lands: the screen that asked, or the screen rebuilt in
    its place if the display changed while the camera was working (try-out 7, C-b)."""

    def __init__(self, screen: DocumentsScreen) -> None:
        self.screen = screen


@dataclass
class _Carried:
    """What the documents screen holds that the session does not (see ``carry``)."""

    service_id: str | None
    pending: CapturedPage | None
    image: QImage | None  # the photo on preview, decoded once on a worker
    skipped: set[int] = field(default_factory=set)
    more: set[int] = field(default_factory=set)
    kept: list[int] = field(default_factory=list)
    status_key: str = ""
    status_role: str = "error"
    taking: _Receiver | None = None  # a photo being taken right now


class DocumentsScreen(BaseScreen):
    """One material at a time; every paper can also be brought to the counter instead."""

    screen_id = Screen.DOCUMENTS
    title_key = "docs.title"
    prompt_key = "docs.prompt"

    def build(self) -> None:
        """Progress list, current material, preview, and the action buttons."""
        self.title = self.label("docs.title", role="title")
        self.root.addWidget(self.title)
        # The papers and messages, then the photo centred on the page in the room left
        # between them and the buttons (beside the text it sat off-centre: try-out).
        top = QVBoxLayout()
        top.setSpacing(self.ctx.tokens().gap())
        body = QVBoxLayout()
        body.setSpacing(self.ctx.tokens().gap())
        add_layout(top, body)
        add_layout(self.root, top, 1)
        self._top, self._body = top, body
        # The heading first, the papers' list under it: every page of the step says what
        # it is before its list (try-out 12, N10: in 长辈模式, whose title makes way, the
        # done page began "· 近期免冠证件照：不需要" and said 材料已处理完毕 under it).
        self.current = QLabel()
        self.current.setTextFormat(Qt.TextFormat.PlainText)
        self.current.setObjectName("docs_current")
        self.current.setProperty("role", "heading")
        self.current.setWordWrap(True)
        body.addWidget(self.current)
        self.progress = QLabel()
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        self.progress.setObjectName("docs_progress")
        self.progress.setProperty("role", "body")
        self.progress.setWordWrap(True)
        body.addWidget(self.progress)
        least = self.ctx.tokens().mm(PREVIEW_MIN_MM)
        # The live picture and, after 拍照, the photo take turns in the same room.
        self.viewfinder = Viewfinder(least, self.ctx.bridge.post)
        self.viewfinder.setObjectName("docs_viewfinder")
        self.viewfinder.hide()
        top.addWidget(self.viewfinder, 1)
        self.preview = Preview(least)
        self.preview.setObjectName("docs_preview")
        self.preview.hide()
        top.addWidget(self.preview, 1)
        self._view_ticket: int | None = None
        self._view_fault = False
        self._view_seen = 0  # frames shown at the last check
        self._entered = False
        self._view_timer = QTimer(self)
        self._view_timer.setInterval(VIEW_CHECK_MS)
        self._view_timer.timeout.connect(self._check_view)
        # The photo keeps the room left over, so a longer message moves no button.
        self.status = message_label("docs_status", lines=1)
        body.addWidget(self.status)
        # Room to spare (every paper handled, no picture) goes below the texts. Not the
        # layout's AlignTop: an aligned layout lays its texts out at their one-line size
        # hint, and a question wrapping to two lines was cut (try-out 7, E-e).
        body.addStretch(1)
        row = QHBoxLayout()
        self.capture_btn = self.button("docs.capture", self._capture, role="primary")
        self.capture_btn.setObjectName("btn_capture")
        self.use_btn = self.button("docs.use", self._use, role="primary")
        self.use_btn.setObjectName("btn_use")
        self.retake_btn = self.button("docs.retake", self._capture)
        self.retake_btn.setObjectName("btn_retake")
        self.use_more_btn = self.button("docs.use_more", self._use_more)
        self.use_more_btn.setObjectName("btn_use_more")
        self.add_btn = self.button("docs.add_page", self._capture, role="primary")
        self.add_btn.setObjectName("btn_add_page")
        # A page kept by 使用这张 can still be photographed again before submitting
        # (try-out 5: no 重拍 once 使用这张 was tapped).
        self.redo_btn = self.button("docs.redo", self._redo)
        self.redo_btn.setObjectName("btn_redo")
        self._kept: list[int] = []  # the materials of the pages kept, in the order kept
        # 长辈模式 asks one question at a time, its two answers one under the other, each
        # the whole width (try-out 7, E-e: five buttons under a small photo): 重拍 where
        # 拍照 was, 清楚，使用 where the skip was. The screen is built anew for a mode.
        self._one_question = self.core.sessions.current.assisted
        for b in (
            self.redo_btn,
            self.capture_btn,
            self.add_btn,
            self.retake_btn,
            self.use_more_btn,
            self.use_btn,
        ):
            if not (self._one_question and b is self.use_btn):
                row.addWidget(b)
        # The photo buttons stay below the scrolling part: always on screen.
        self.skip_btn = self.button("docs.skip", self._skip)
        self.skip_btn.setObjectName("btn_skip")
        self.done_btn = self.button("docs.material_done", self._material_done)
        self.done_btn.setObjectName("btn_material_done")
        self._more: set[int] = set()  # materials whose citizen said "add a page"
        add_layout(self.root, row)
        more = QHBoxLayout()
        if self._one_question:
            more.addWidget(self.use_btn)
        more.addWidget(self.skip_btn)
        more.addWidget(self.done_btn)
        self.next_btn = self.button("apply.continue", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        more.addWidget(self.next_btn)
        add_layout(self.root, more)
        self._headings()  # before the page is first laid out: it must fit from the start
        self._skipped: set[int] = set()
        self._pending: CapturedPage | None = None
        self._image: QImage | None = None  # the photo on preview, as decoded
        self._busy = False
        self._taking: _Receiver | None = None
        self._status_key = ""
        self._status_role = "error"

    def enter(self) -> None:
        """Show where the citizen is in the list; the camera's picture while one is owed."""
        self._entered = True
        self._headings()
        self._render()

    def leave(self) -> None:
        """Close the camera (nothing films the hall once the citizen moved on)."""
        self._entered = False
        self._camera_off()

    def carry(self) -> object | None:
        """The photo on preview and what was decided about each paper (kept in what order,
        skipped, more pages to come): a new 字号, colours or mode rebuilds this screen, and
        the citizen must not photograph a paper again for it (try-out 7, C-b)."""
        service = current_service(self.core)
        return _Carried(
            service.id if service else None,
            self._pending,
            self._image,
            set(self._skipped),
            set(self._more),
            list(self._kept),
            self._status_key,
            self._status_role,
            self._taking if self._busy else None,
        )

    def restore(self, state: object) -> None:
        """Take back the photo on preview and the papers' state, after a rebuild."""
        service = current_service(self.core)
        if not isinstance(state, _Carried) or state.service_id != (service.id if service else None):
            return
        self._skipped, self._more, self._kept = state.skipped, state.more, state.kept
        self._pending, self._image = state.pending, state.image
        if state.pending is not None and state.image is not None:
            self.preview.set_page(QPixmap.fromImage(state.image))
        if state.taking is not None:
            # The camera is still at work for the screen this one replaced: its photo
            # comes here.
            state.taking.screen = self
            self._taking, self._busy = state.taking, True
        self._say(state.status_key, state.status_role)
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The picture keeps its least room at the new size (the heading gives way)."""
        super().resizeEvent(event)
        self._headings()  # a panel turned: the title's place with it
        self._fit_picture()

    def _fit_picture(self) -> None:
        """The live picture and the photo get at least :data:`PREVIEW_MIN_MM`: the paper's
        name above them is set smaller (down to a floor) when it would take that room.

        In 长辈模式 at 字号 4/4 on 1280x800 a two-line name and the message's kept line
        left the picture a 16 px speck and the photo 58x80 px (try-out 6, item 12): the
        citizen could not see whether the paper was framed.
        """
        t = self.ctx.tokens()
        height, width = self._top.geometry().height(), self._body.geometry().width()
        if height <= 0 or width <= 0:
            return
        gap = self._top.spacing()
        least = t.mm(PREVIEW_MIN_MM)
        if self.viewfinder.isVisibleTo(self):
            # Words in place of the picture (no camera) are read whole: their room too.
            least = max(least, self.viewfinder.words_height(width))
            caption = self.viewfinder.caption
            if caption.isVisibleTo(self):  # the live picture has its line under it
                least += caption.heightForWidth(width) + self.viewfinder.layout().spacing()
        heading = [(self.current, t.px(t.heading_px))]
        floor = t.px(FLOOR_PX)

        def room(keep_message_room: bool) -> int:
            others = 0
            for w in (self.progress, self.status):
                if w.isVisibleTo(self) or (keep_message_room and w is self.status):
                    hfw = w.heightForWidth(width) if w.hasHeightForWidth() else -1
                    others += max(hfw, w.sizeHint().height(), w.minimumHeight()) + gap
            return height - least - gap - others

        # The message's line is kept for it while there is room (nothing moves when it
        # comes); where the picture would then fall under its least, the picture has it
        # (the buttons still stay: the picture's room takes the message when it comes).
        keep = text_height(heading, FLOOR_RATIO, width, floor) <= room(True)
        _keep_room(self.status, keep)
        fit_labels(heading, room(keep), width, floor)

    def _headings(self) -> None:
        # 长辈模式: the paper asked for is the heading, and the prompt is spoken (and
        # written under the camera's picture, in both modes).
        # In portrait the page's title too (拍摄材料, as in standard mode): the panel has
        # the height, and without it the page began with the paper's name (try-out 14,
        # E4). In landscape 长辈模式 it makes way for the picture (1280x800 at 4/4).
        assisted = self.core.sessions.current.assisted
        portrait = self.height() > self.width()
        self.title.setVisible(not assisted or portrait)

    def retranslate(self) -> None:
        """Texts in the current language."""
        super().retranslate()
        if hasattr(self, "progress"):
            self._render()

    # --- state ----------------------------------------------------------------------------

    def _materials(self) -> list[tuple[int, Material]]:
        service = current_service(self.core)
        return capturable_materials(service) if service else []

    def _todo(self) -> tuple[int, Material] | None:
        pages = self.core.sessions.current.pages
        for i, m in self._materials():
            if (i not in pages or i in self._more) and i not in self._skipped:
                return i, m
        return None

    def _render(self) -> None:
        self.ctx.before_change()  # the buttons below may change under a finger
        pages = self.core.sessions.current.pages
        lines = []
        for i, m in self._materials():
            n = len(pages.get(i, ()))
            state = (
                self.t("docs.pages", n=n)
                if n > 1
                else self.t("docs.captured")
                if n
                else self.t("docs.skipped" if m.required else "docs.optional_skipped")
                if i in self._skipped
                else self.t("docs.pending")
            )
            colon = "：" if self.lang == "zh" else ": "  # full-width in Chinese text
            lines.append(f"• {m.name.get(self.lang)}{colon}{state}")
        self.progress.setText("\n".join(lines))
        todo = self._todo()
        # One paper in hand: the line naming it is enough (room for the photo on a small
        # panel); the list again once every paper is handled, to show what was kept.
        self.progress.setVisible(len(lines) > 1 or todo is None)
        reviewing = self._pending is not None
        adding = todo is not None and todo[0] in pages
        one = self._one_question
        if todo is None:
            self.current.setText(self.t("docs.all_done"))
        else:
            name = todo[1].name.get(self.lang)
            key = (
                "docs.ask_clear"
                if one and reviewing
                else "docs.ask_more"
                if one and adding
                else "docs.current"
            )
            self.current.setText(self.t(key, name=name))
        self._fit_picture()  # a longer name may take the picture's room
        self.capture_btn.setVisible(todo is not None and not adding and not reviewing)
        self.add_btn.setVisible(adding and not reviewing)
        self.retake_btn.setVisible(reviewing)
        # (Not while 长辈模式 asks about another page: the page was just called clear.)
        asking_more = one and adding
        self.redo_btn.setVisible(
            not reviewing and not asking_more and self._last_kept() is not None
        )
        self.use_btn.setVisible(reviewing)
        self.use_more_btn.setVisible(reviewing and not one)  # 长辈模式 asks it next
        self.skip_btn.setVisible(todo is not None and not adding and not (one and reviewing))
        # An optional paper is not owed at the counter: skipping it says so.
        optional = todo is not None and not todo[1].required
        self.skip_btn.setText(self.t("docs.skip_optional" if optional else "docs.skip"))
        self.done_btn.setVisible(adding and not reviewing)
        # 长辈模式: the answers to the question asked, and no 下一步 until it can be used.
        self.next_btn.setVisible(not one or todo is None)
        self.use_btn.setText(self.t("docs.use_clear" if one else "docs.use"))
        self.add_btn.setText(self.t("docs.more_yes" if one else "docs.add_page"))
        self.done_btn.setText(self.t("docs.more_no" if one else "docs.material_done"))
        # The highlighted answer is the likely one for this paper, from the catalog's
        # pages expected (try-out 8, E9: after a one-page ID photo 还有，拍下一页 was
        # the filled button, and a citizen who tapped it was sent back to the camera).
        # Where the catalog does not say (a household register), another page is likely.
        if adding and todo is not None:
            expected = todo[1].pages
            more = expected is None or len(pages.get(todo[0], ())) < expected
            for b, likely in ((self.add_btn, more), (self.done_btn, not more)):
                role = "primary" if likely else "secondary"
                if b.property("role") != role:
                    set_role(b, role)
        self.preview.setVisible(reviewing)
        self.viewfinder.setVisible(todo is not None and not reviewing)
        for b in (self.use_btn, self.use_more_btn, self.skip_btn, self.done_btn):
            b.setEnabled(not self._busy)
        # No camera, no photo: 拍照 is off and the picture's room says why.
        for b in (self.capture_btn, self.add_btn, self.retake_btn, self.redo_btn):
            b.setEnabled(not self._busy and not self._view_fault)
        self.next_btn.setEnabled(todo is None and not self._busy)
        if self._status_key:
            self.status.setText(self.t(self._status_key))
        self._render_view(optional, adding)
        if self._entered:
            self._follow_camera(todo is not None)

    def _render_view(self, optional: bool, adding: bool = False) -> None:
        """The words in and under the picture, true for the camera's state."""
        vf = self.viewfinder
        if self._view_fault:
            if adding:  # the button there is 这份材料拍完了, not the skip
                vf.say(self.t("docs.view.fault_page", done=self.done_btn.text()))
            else:
                key = "docs.view.fault_optional" if optional else "docs.view.fault"
                vf.say(self.t(key, skip=self.skip_btn.text()))
            vf.set_caption("")  # "lay it under the camera" would not be true now
            self._fit_picture()  # the words' room, taken from the heading if need be
            return
        # The next page of the same paper is taken with its own button, not 拍照.
        vf.set_caption(self.t("docs.prompt_page" if adding else "docs.prompt"))
        if vf.frames_shown == self._view_seen_at_start:
            vf.say(self.t("docs.view.starting"))

    _view_seen_at_start = -1  # frames shown when this run of the camera began

    # --- camera ---------------------------------------------------------------------------

    def _follow_camera(self, wanted: bool) -> None:
        if wanted and self._view_ticket is None:
            self._camera_on()
        elif not wanted and self._view_ticket is not None:
            self._camera_off()

    def _camera_on(self) -> None:
        core = self.core
        self._view_fault = False
        # Taken here, on the GUI thread: the camera follows the order screens come and go.
        ticket = self._view_ticket = view_ticket(core)
        on_frame = self.viewfinder.begin()
        self._view_seen = self._view_seen_at_start = self.viewfinder.frames_shown
        self.viewfinder.say(self.t("docs.view.starting"))
        self._view_timer.start()

        def started(state: ViewState) -> None:
            if ticket == self._view_ticket and state is ViewState.FAULT:
                self._set_fault(True)

        self.work(lambda: start_view(core, ticket, on_frame), started, self._view_error(ticket))

    def _camera_off(self) -> None:
        self._view_timer.stop()
        ticket, self._view_ticket = self._view_ticket, None
        self.viewfinder.end()
        self.viewfinder.say("")  # the last picture goes with the camera
        if ticket is None:
            return
        core = self.core
        release_view(core, ticket)
        core.run(lambda: stop_view(core, ticket), lambda _r: None, lambda _e: None)

    def _view_error(self, ticket: int | None) -> Callable[[BaseException], None]:
        def failed(_exc: BaseException) -> None:
            if ticket == self._view_ticket:
                self._set_fault(True)

        return failed

    def _check_view(self) -> None:
        """Every second while the camera is wanted: pictures coming means it works;
        none since the last check, ask the camera (on a worker) whether it is lost."""
        shown = self.viewfinder.frames_shown
        if shown != self._view_seen:
            self._view_seen = shown
            if self._view_fault:
                self._set_fault(False)
            return
        ticket, core = self._view_ticket, self.core

        def checked(state: ViewState) -> None:
            if ticket == self._view_ticket and ticket is not None:
                self._set_fault(state is ViewState.FAULT)

        self.work(lambda: view_state(core), checked, self._view_error(ticket))

    def _set_fault(self, fault: bool) -> None:
        if fault != self._view_fault:
            self._view_fault = fault
            self._view_seen_at_start = self.viewfinder.frames_shown
            self._render()

    def _say(self, key: str, role: str = "error") -> None:
        self._status_key, self._status_role = key, role
        if key:
            set_role(self.status, role)
            self.status.setText(self.t(key))
        self.status.setVisible(bool(key))

    # --- actions ----------------------------------------------------------------------------

    def _capture(self) -> None:
        todo = self._todo()
        if todo is None or self._busy:
            return
        self._busy = True
        self._pending = self._image = None
        self._say("docs.capturing", role="warning")
        self._render()
        index = todo[0]
        # Decoded for the largest room the photo can have here (the screen's own size),
        # then only scaled down to its room: as large as the panel allows (try-out 7,
        # E-e: a 70 mm decode left a 200x280 px photo in a 1080 px wide room).
        room = self.size().expandedTo(QSize(self.ctx.tokens().mm(PREVIEW_MM), 1))
        core = self.core

        def job() -> tuple[PageCapture, QImage | None]:
            shot = capture_page(core, index)
            if shot.page is None:
                return shot, None
            # Decoding and scaling a photo takes tens of ms: never on the GUI thread.
            image = QImage.fromData(shot.page.jpeg)
            if image.isNull():
                return PageCapture(None, "docs.err.failed"), None
            return shot, image.scaled(
                room,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )

        # The photo goes to whichever screen is on display when it comes (see _Receiver).
        taking = self._taking = _Receiver(self)
        failed = (PageCapture(None, "docs.err.failed"), None)
        self.work(
            job,
            lambda result: taking.screen._captured(result, taking),
            lambda _exc: taking.screen._captured(failed, taking),
        )

    def _captured(
        self, result: tuple[PageCapture, QImage | None], taking: _Receiver | None = None
    ) -> None:
        if not shiboken6.isValid(self) or taking is not self._taking:
            return  # a photo for a screen no longer there (the session ended meanwhile)
        self._taking = None
        shot, image = result
        self._busy = False
        if shot.page is None or image is None:
            self._pending = self._image = None
            self._say(shot.message_key or "docs.err.failed")
        else:
            self._pending, self._image = shot.page, image
            self.preview.set_page(QPixmap.fromImage(image))
            self._say(shot.message_key, role="warning")
        self._render()
        if self._one_question and self._pending is not None:
            self.core.say(self.current.text())  # 这张清楚吗？

    def _use(self) -> None:
        """Keep the photo; this paper is complete (长辈模式 asks that next, on its own,
        unless the catalog says the paper has no more pages than those kept)."""
        todo = self._todo()
        more = self._one_question
        if more and todo is not None and todo[1].pages is not None:
            # Try-out 9, E7: after 清楚，使用 for a one-page photo came 还有下一页吗?, then
            # 材料已处理完毕，请点"下一步": two decisions about nothing. A paper whose pages
            # are all here is complete (a rare extra page can still go to the counter).
            kept = len(self.core.sessions.current.pages.get(todo[0], ()))
            more = kept + 1 < todo[1].pages
        self._keep(more=more)
        self._on_after_answer()

    def _on_after_answer(self) -> None:
        """长辈模式: the next question said aloud, or, the last paper handled, on to the
        next step (the review lists what was kept, and 返回 comes back here to redo)."""
        if not self._one_question:
            return
        if self._todo() is not None:
            self.core.say(self.current.text())
        else:
            self._next()

    def _use_more(self) -> None:
        """Keep the photo and photograph another page of the same paper."""
        self._keep(more=True)

    def _keep(self, *, more: bool) -> None:
        if self._pending is None:
            return
        page = self._pending
        self.core.sessions.current.pages.setdefault(page.material_index, []).append(page)
        self._kept.append(page.material_index)
        if more:
            self._more.add(page.material_index)
        else:
            self._more.discard(page.material_index)
        self._pending = self._image = None
        self.preview.clear()
        self._say("")
        self._render()

    def _last_kept(self) -> int | None:
        """The material of the last page kept that is still kept, or None."""
        pages = self.core.sessions.current.pages
        while self._kept and not pages.get(self._kept[-1]):
            self._kept.pop()
        return self._kept[-1] if self._kept else None

    def _redo(self) -> None:
        """Drop the last page kept, and photograph it again (its paper is asked again)."""
        index = self._last_kept()
        if index is None or self._busy or self._pending is not None:
            return
        pages = self.core.sessions.current.pages
        pages[index].pop()
        self._kept.pop()
        if pages[index]:
            self._more.add(index)  # a paper of several pages: its last page again
        else:
            del pages[index]
            self._more.discard(index)
        self._skipped.discard(index)
        self._say("")
        self._render()

    def _material_done(self) -> None:
        todo = self._todo()
        if todo is not None:
            self._more.discard(todo[0])
        self._say("")
        self._render()
        self._on_after_answer()

    def _skip(self) -> None:
        todo = self._todo()
        if todo is not None:
            self._skipped.add(todo[0])
        self._pending = self._image = None
        self._say("")
        self._render()

    def _next(self) -> None:
        if self._todo() is None and not self._busy:
            self.goto(self.core.next())
