"""Where frames come from: a camera index, a video file, a stream URL or an image folder.

A source is opened, read frame by frame and released by the capture thread
only. ``read`` returning None means "no frame now": for a live source that is
a lost camera (the caller reconnects), for a file or folder it is the end.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import cv2

from drivers.scanner.types import BgrImage

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})


class SourceKind(StrEnum):
    """What a source string names."""

    CAMERA = "camera"
    FILE = "file"
    FOLDER = "folder"
    STREAM = "stream"


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A parsed source: ``"0"`` camera, ``"rtsp://…"`` stream, a directory, or a video file."""

    kind: SourceKind
    target: str

    @property
    def live(self) -> bool:
        """Live sources are reconnected when they fail; files and folders end."""
        return self.kind in (SourceKind.CAMERA, SourceKind.STREAM)

    @staticmethod
    def parse(source: str | int) -> SourceSpec:
        """Classify ``source`` (an int or digit string is a camera index)."""
        text = str(source).strip()
        if text.isdigit():
            return SourceSpec(SourceKind.CAMERA, text)
        if "://" in text:
            return SourceSpec(SourceKind.STREAM, text)
        if os.path.isdir(text):
            return SourceSpec(SourceKind.FOLDER, text)
        return SourceSpec(SourceKind.FILE, text)

    def __str__(self) -> str:
        if self.kind is SourceKind.STREAM:
            # Stream URLs may carry credentials (rtsp://user:pass@host): keep them out of logs.
            scheme, _, rest = self.target.partition("://")
            return f"{scheme}://{rest.rsplit('@', 1)[-1]}"
        return f"{self.kind.value}:{self.target}"


class FrameSource(Protocol):
    """A sequence of BGR frames."""

    fps: float | None

    def open(self) -> bool:
        """Open; False when the device or file is not there (an expected condition)."""
        ...

    def read(self) -> BgrImage | None:
        """The next frame, or None (lost camera, end of file)."""
        ...

    def release(self) -> None:
        """Free the device; safe to call when not open."""
        ...


class VideoCaptureSource:
    """cv2.VideoCapture over a camera index, a video file or a stream URL."""

    def __init__(
        self,
        spec: SourceSpec,
        *,
        width: int | None = None,
        height: int | None = None,
        fps: float | None = None,
        open_timeout_ms: int = 3000,
    ) -> None:
        self._spec = spec
        self._request_fps = fps
        self._width = width
        self._height = height
        self._open_timeout_ms = open_timeout_ms
        self._cap: cv2.VideoCapture | None = None
        self.fps: float | None = None

    def open(self) -> bool:
        """Open the capture; requests the configured resolution from cameras."""
        self.release()
        if self._spec.kind is SourceKind.CAMERA:
            cap = cv2.VideoCapture(int(self._spec.target))
        elif self._spec.kind is SourceKind.STREAM:
            # Without timeouts a dead RTSP/HTTP stream blocks the capture thread for ~30 s.
            params = [
                cv2.CAP_PROP_OPEN_TIMEOUT_MSEC,
                self._open_timeout_ms,
                cv2.CAP_PROP_READ_TIMEOUT_MSEC,
                self._open_timeout_ms,
            ]
            cap = cv2.VideoCapture(self._spec.target, cv2.CAP_FFMPEG, params)
        else:
            if not Path(self._spec.target).is_file():
                return False
            cap = cv2.VideoCapture(self._spec.target)
        if not cap.isOpened():
            cap.release()
            return False
        if self._spec.kind is SourceKind.CAMERA:
            if self._width:
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, self._width)
            if self._height:
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self._height)
            if self._request_fps:
                cap.set(cv2.CAP_PROP_FPS, self._request_fps)
            # One driver buffer: older frames are latency, not information.
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        self.fps = fps if 1.0 <= fps <= 240.0 else None
        self._cap = cap
        return True

    def read(self) -> BgrImage | None:
        """Next frame or None."""
        if self._cap is None:
            return None
        ok, frame = self._cap.read()
        if not ok or frame is None:
            return None
        return frame  # type: ignore[no-any-return]

    def release(self) -> None:
        """Release the capture."""
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FolderSource:
    """Images of a folder in name order, as frames (played at the scanner's fps)."""

    def __init__(self, folder: str, *, fps: float = 10.0) -> None:
        self._folder = Path(folder)
        self._files: list[Path] = []
        self._pos = 0
        self.fps: float | None = fps

    def open(self) -> bool:
        """List the images; False when the folder is missing or empty."""
        if not self._folder.is_dir():
            return False
        self._files = sorted(
            p for p in self._folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
        )
        self._pos = 0
        return bool(self._files)

    def read(self) -> BgrImage | None:
        """Next readable image; unreadable files are skipped (logged by name only)."""
        while self._pos < len(self._files):
            path = self._files[self._pos]
            self._pos += 1
            image = cv2.imread(str(path), cv2.IMREAD_COLOR)
            if image is not None:
                return image  # type: ignore[no-any-return]
            log.warning("scanner: unreadable image skipped: %s", path.name)
        return None

    def release(self) -> None:
        """Nothing held between reads."""
        self._files = []


def open_source(
    spec: SourceSpec,
    *,
    fps: float | None,
    width: int | None = None,
    height: int | None = None,
) -> FrameSource:
    """Build (not open) the source for ``spec``."""
    if spec.kind is SourceKind.FOLDER:
        return FolderSource(spec.target, fps=fps or 10.0)
    return VideoCaptureSource(spec, width=width, height=height, fps=fps)
