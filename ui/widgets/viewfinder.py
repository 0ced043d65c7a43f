"""The camera's live picture before 拍照, with the instruction under it.

Frames arrive on the camera's thread. :meth:`Viewfinder.offer` runs there: it makes
the ``QImage`` and scales it to the picture's room (tens of ms of work the GUI
thread never does), then posts it to the GUI thread only when the previous one
was shown, so a busy GUI thread gets the newest picture, never a queue of old
ones. The GUI thread's share is one ``QPixmap`` and one paint per frame.

The picture keeps its room whatever it shows (a frame, "starting", "no camera"):
nothing around it moves when the camera starts or stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QHideEvent, QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.services.viewfinder import ViewFrame


class _Picture(QLabel):
    """The picture itself: any size the layout gives, at least ``least`` a side."""

    def __init__(self, least: int, on_resize: Callable[[QSize], None]) -> None:
        super().__init__()
        self._least = least
        self._on_resize = on_resize
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def minimumSizeHint(self) -> QSize:
        """Room for a small but recognisable picture (and never the text's size)."""
        return QSize(self._least, self._least)

    def sizeHint(self) -> QSize:
        """As small as allowed: the layout gives the picture the room left over."""
        return self.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell the camera thread the new room."""
        super().resizeEvent(event)
        self._on_resize(event.size())


class Viewfinder(QWidget):
    """Live picture above an instruction line (both set by the screen)."""

    def __init__(self, least: int, post: Callable[..., None]) -> None:
        """``post(fn, *args)`` runs ``fn`` on the GUI thread later (the GUI bridge)."""
        super().__init__()
        self._post = post
        self._lock = threading.Lock()
        self._room = (least, least)  # read on the camera thread
        self._generation = 0  # bumped by every start and stop: late frames are dropped
        self._in_flight = False  # a frame is on its way to the GUI thread
        self._on_screen = False  # hidden (a photo to check instead): frames are dropped
        self.frames_shown = 0
        self.picture = _Picture(least, self._resized)
        self.picture.setObjectName("docs_viewfinder_picture")
        self.picture.setProperty("role", "body")
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("docs_viewfinder_caption")
        self.caption.setProperty("role", "body")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.picture, 1)
        lay.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    # --- GUI thread ---------------------------------------------------------------------

    def begin(self) -> Callable[[ViewFrame], None]:
        """A new run of the camera: the callback to hand it (runs on the camera thread)."""
        with self._lock:
            self._generation += 1
            self._in_flight = False
            run = self._generation
        return lambda frame: self.offer(frame, run)

    def end(self) -> None:
        """The camera is stopping: frames still on their way are dropped."""
        with self._lock:
            self._generation += 1
            self._in_flight = False

    def showEvent(self, event: QShowEvent) -> None:
        """Pictures wanted again."""
        super().showEvent(event)
        with self._lock:
            self._on_screen = True

    def hideEvent(self, event: QHideEvent) -> None:
        """Nobody sees the pictures: the camera thread drops them (no GUI work for nothing)."""
        super().hideEvent(event)
        with self._lock:
            self._on_screen = False

    def say(self, text: str) -> None:
        """Words in place of the picture (starting, no camera)."""
        self.picture.setPixmap(QPixmap())
        self.picture.setText(text)

    def set_caption(self, text: str) -> None:
        """The line under the picture; none, and the picture's words have its room (an
        empty caption kept a line's room while the camera fault's three English lines
        were cut in two: try-out 15, E4)."""
        self.caption.setText(text)
        self.caption.setVisible(bool(text))

    def words_height(self, width: int) -> int:
        """The height the words in place of the picture take at ``width`` (0: none)."""
        if not self.picture.text():
            return 0
        return self.picture.heightForWidth(width)

    def _show(self, image: QImage, run: int) -> None:
        with self._lock:
            if run != self._generation:
                return  # the screen left meanwhile
            self._in_flight = False
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.frames_shown += 1

    def _resized(self, size: QSize) -> None:
        with self._lock:
            self._room = (size.width(), size.height())

    # --- camera thread ------------------------------------------------------------------

    def offer(self, frame: ViewFrame, run: int) -> None:
        """A frame from the camera (its thread): scale it here, show it unless one is pending."""
        with self._lock:
            if run != self._generation or self._in_flight or not self._on_screen:
                return  # stopped, hidden, or the last one is not shown yet: drop
            self._in_flight = True
            w, h = self._room
        image = QImage(
            frame.bgr, frame.width, frame.height, 3 * frame.width, QImage.Format.Format_BGR888
        )
        image = image.scaled(
            max(1, w),
            max(1, h),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )  # a new image: it no longer points into frame.bgr
        self._post(self._show, image, run)
