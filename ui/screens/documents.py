"""Photograph each supporting paper the camera can take: capture, preview, retake or use.

A paper can have several pages: "Use and add a page" keeps the same material
current until "This paper is complete". The preview is the very JPEG that will
be sent (decoded and scaled for the screen, never re-processed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel

from kiosk.catalog import Material
from kiosk.flow import Screen
from kiosk.services.apply import PageCapture, capturable_materials, capture_page
from kiosk.session import CapturedPage
from ui.screens.apply_common import current_service, message_label, set_role
from ui.screens.base import BaseScreen

PREVIEW_MM = 70
MIN_PREVIEW_MM = 25  # the smallest a photo under review is shown (a 1280x800 panel)


class DocumentsScreen(BaseScreen):
    """One material at a time; every paper can also be brought to the counter instead."""

    screen_id = Screen.DOCUMENTS
    title_key = "docs.title"
    prompt_key = "docs.prompt"

    def build(self) -> None:
        """Progress list, current material, preview, and the action buttons."""
        self.title = self.label("docs.title", role="title")
        self.root.addWidget(self.title)
        body = self.scroll_body()
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
        self.preview = QLabel()
        self.preview.setObjectName("docs_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()
        body.addWidget(self.preview)
        self.status = message_label("docs_status")
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
        self.root.addLayout(more)
        self.next_btn = self.button("apply.continue", self._next, role="primary")
        self.next_btn.setObjectName("btn_next")
        self.root.addWidget(self.next_btn)
        self._skipped: set[int] = set()
        self._pending: CapturedPage | None = None
        self._image: QImage | None = None  # the photo under review, as decoded
        self._busy = False
        self._status_key = ""

    def enter(self) -> None:
        """Show where the citizen is in the list."""
        self._render()

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
        pages = self.core.sessions.current.pages
        lines = []
        for i, m in self._materials():
            n = len(pages.get(i, ()))
            state = (
                self.t("docs.pages", n=n)
                if n > 1
                else self.t("docs.captured")
                if n
                else self.t("docs.skipped")
                if i in self._skipped
                else self.t("docs.pending")
            )
            lines.append(f"• {m.name.get(self.lang)}: {state}")
        self.progress.setText("\n".join(lines))
        todo = self._todo()
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
        self.done_btn.setVisible(adding and not reviewing)
        self.preview.setVisible(reviewing)
        # Under review the photo is what matters: the title, the prompt and the list
        # give it their room (the buttons below stay where the finger is), and it is
        # scaled to the room there is, so it is seen whole on any panel and in 长辈模式.
        for w in (self.title, self.prompt, self.progress):
            w.setVisible(not reviewing)
        if reviewing:
            QTimer.singleShot(0, self, self._fit_preview)
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

    def _fit_preview(self) -> None:
        image = self._image
        if image is None or self._pending is None:
            return
        gap = self.ctx.tokens().gap()
        room = self.scroll.viewport().height() - self.current.height() - 2 * gap
        room -= self.status.height() + gap if self.status.isVisible() else 0
        side = max(self.ctx.tokens().mm(MIN_PREVIEW_MM), min(room, image.height()))
        if self.preview.pixmap().height() != side:
            self.preview.setPixmap(
                QPixmap.fromImage(image).scaledToHeight(
                    side, Qt.TransformationMode.SmoothTransformation
                )
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new panel size: the photo under review fits again."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_preview)

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
            self._image = image
            self.preview.setPixmap(QPixmap.fromImage(image))
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
        self._image = None
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
