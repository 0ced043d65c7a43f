"""Photograph each supporting paper the camera can take: capture, preview, retake or use.

A paper can have several pages: "Use and add a page" keeps the same material
current until "This paper is complete". The preview is the very JPEG that will
be sent (decoded and scaled for the screen, never re-processed).

It fits any panel without scrolling: the list of papers and the messages, the photo
centred on the page in the room left (scaled to it), and the buttons under them.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from kiosk.catalog import Material
from kiosk.flow import Screen
from kiosk.services.apply import PageCapture, capturable_materials, capture_page
from kiosk.session import CapturedPage
from ui.screens.apply_common import current_service, message_label, set_role
from ui.screens.base import BaseScreen

PREVIEW_MM = 70
PREVIEW_MIN_MM = 30  # the least room the photo is given: still a recognisable page


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
        if self._full.width() <= room.width() and self._full.height() <= room.height():
            self.setPixmap(self._full)
            return
        # At most ~280 px a side: a cheap scale, and only when the room changed.
        self.setPixmap(
            self._full.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )


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
        body.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addLayout(body)
        self.root.addLayout(top, 1)
        self.prompt = self.label("docs.prompt")
        body.addWidget(self.prompt)
        self.progress = QLabel()
        self.progress.setObjectName("docs_progress")
        self.progress.setProperty("role", "body")
        self.progress.setWordWrap(True)
        body.addWidget(self.progress)
        self.current = QLabel()
        self.current.setObjectName("docs_current")
        self.current.setProperty("role", "heading")
        self.current.setWordWrap(True)
        body.addWidget(self.current)
        self.preview = Preview(self.ctx.tokens().mm(PREVIEW_MIN_MM))
        self.preview.setObjectName("docs_preview")
        self.preview.hide()
        top.addWidget(self.preview, 1)
        # The photo keeps the room left over, so a longer message moves no button.
        self.status = message_label("docs_status", lines=1)
        body.addWidget(self.status)
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
        for b in (self.capture_btn, self.add_btn, self.retake_btn, self.use_more_btn, self.use_btn):
            row.addWidget(b)
        # The photo buttons stay below the scrolling part: always on screen.
        self.skip_btn = self.button("docs.skip", self._skip)
        self.skip_btn.setObjectName("btn_skip")
        self.done_btn = self.button("docs.material_done", self._material_done)
        self.done_btn.setObjectName("btn_material_done")
        self._more: set[int] = set()  # materials whose citizen said "add a page"
        self.root.addLayout(row)
        more = QHBoxLayout()
        more.addWidget(self.skip_btn)
        more.addWidget(self.done_btn)
        self.next_btn = self.button("apply.continue", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        more.addWidget(self.next_btn)
        self.root.addLayout(more)
        self._headings()  # before the page is first laid out: it must fit from the start
        self._skipped: set[int] = set()
        self._pending: CapturedPage | None = None
        self._busy = False
        self._status_key = ""

    def enter(self) -> None:
        """Show where the citizen is in the list."""
        self._headings()
        self._render()

    def _headings(self) -> None:
        # 长辈模式: the paper asked for is the heading, and the prompt is spoken.
        assisted = self.core.sessions.current.assisted
        self.title.setVisible(not assisted)
        self.prompt.setVisible(not assisted)

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
                else self.t("docs.skipped" if m.required else "docs.not_needed")
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
        if todo is None:
            self.current.setText(self.t("docs.all_done"))
        else:
            self.current.setText(self.t("docs.current", name=todo[1].name.get(self.lang)))
        adding = todo is not None and todo[0] in pages
        self.capture_btn.setVisible(todo is not None and not adding and not reviewing)
        self.add_btn.setVisible(adding and not reviewing)
        self.retake_btn.setVisible(reviewing)
        self.use_btn.setVisible(reviewing)
        self.use_more_btn.setVisible(reviewing)
        self.skip_btn.setVisible(todo is not None and not adding)
        # An optional paper is not owed at the counter: skipping it says so.
        optional = todo is not None and not todo[1].required
        self.skip_btn.setText(self.t("docs.skip_optional" if optional else "docs.skip"))
        self.done_btn.setVisible(adding and not reviewing)
        self.preview.setVisible(reviewing)
        for b in (
            self.capture_btn,
            self.add_btn,
            self.retake_btn,
            self.use_btn,
            self.use_more_btn,
            self.skip_btn,
            self.done_btn,
        ):
            b.setEnabled(not self._busy)
        self.next_btn.setEnabled(todo is None and not self._busy)
        if self._status_key:
            self.status.setText(self.t(self._status_key))

    def _say(self, key: str, role: str = "error") -> None:
        self._status_key = key
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
        self._pending = None
        self._say("docs.capturing", role="warning")
        self._render()
        index = todo[0]
        side = self.ctx.tokens().mm(PREVIEW_MM)
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
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )

        self.work(job, self._captured, self._capture_failed)

    def _capture_failed(self, _exc: BaseException) -> None:
        self._captured((PageCapture(None, "docs.err.failed"), None))

    def _captured(self, result: tuple[PageCapture, QImage | None]) -> None:
        shot, image = result
        self._busy = False
        if shot.page is None or image is None:
            self._pending = None
            self._say(shot.message_key or "docs.err.failed")
        else:
            self._pending = shot.page
            self.preview.set_page(QPixmap.fromImage(image))
            self._say(shot.message_key, role="warning")
        self._render()

    def _use(self) -> None:
        """Keep the photo; this paper is complete."""
        self._keep(more=False)

    def _use_more(self) -> None:
        """Keep the photo and photograph another page of the same paper."""
        self._keep(more=True)

    def _keep(self, *, more: bool) -> None:
        if self._pending is None:
            return
        page = self._pending
        self.core.sessions.current.pages.setdefault(page.material_index, []).append(page)
        if more:
            self._more.add(page.material_index)
        else:
            self._more.discard(page.material_index)
        self._pending = None
        self.preview.clear()
        self._say("")
        self._render()

    def _material_done(self) -> None:
        todo = self._todo()
        if todo is not None:
            self._more.discard(todo[0])
        self._say("")
        self._render()

    def _skip(self) -> None:
        todo = self._todo()
        if todo is not None:
            self._skipped.add(todo[0])
        self._pending = None
        self._say("")
        self._render()

    def _next(self) -> None:
        if self._todo() is None and not self._busy:
            self.goto(self.core.next())
