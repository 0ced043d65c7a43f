"""The per-frame work, free of threads: crop, downscale, gray, decode, debounce.

The capture driver runs this on its decode thread; the benchmark and tests call
it directly on frames.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.scanner.debounce import Debouncer
from drivers.scanner.decoders import Decoder, make_decoder
from drivers.scanner.text import decode_text
from drivers.scanner.types import Backend, BgrImage, ScanResult

Roi = tuple[float, float, float, float]
"""Region of interest as fractions of the frame: (x, y, width, height), each 0..1."""


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Decode-side options (see docs/scanner.md for the measurements behind the defaults)."""

    backend: Backend = Backend.ZXING
    roi: Roi | None = None
    # Frames wider than this are reduced before decoding: by exact halving when
    # that keeps ≥ 70 % of the limit (≈0.1 ms), else by INTER_AREA (≈4 ms at 1080p).
    max_decode_width: int = 1280
    forget_after_s: float = 1.0


class FramePipeline:
    """Turns frames into debounced :class:`ScanResult` values."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self._decoder: Decoder = make_decoder(self.config.backend)
        self._debouncer = Debouncer(self.config.forget_after_s)
        self.last_decode_ms: float | None = None

    def prepare(self, frame: BgrImage) -> tuple[BgrImage, float, int, int]:
        """Gray, cropped, downscaled image plus (scale, x offset, y offset) to map points back."""
        h, w = frame.shape[:2]
        x0 = y0 = 0
        if self.config.roi is not None:
            rx, ry, rw, rh = self.config.roi
            x0, y0 = int(rx * w), int(ry * h)
            x1, y1 = min(w, int((rx + rw) * w)), min(h, int((ry + rh) * h))
            if x1 - x0 >= 32 and y1 - y0 >= 32:
                frame = frame[y0:y1, x0:x1]
            else:
                x0 = y0 = 0
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        scale = 1.0
        limit = self.config.max_decode_width
        # Halving is a strided view (~0.1 ms at 1080p); take it unless it throws
        # away more than 30 % of the resolution the limit allows.
        while gray.shape[1] > limit and gray.shape[1] // 2 >= 0.7 * limit:
            gray = gray[::2, ::2]
            scale *= 2.0
        if gray.shape[1] > limit:
            f = limit / gray.shape[1]
            gray = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
            scale /= f
        return np.ascontiguousarray(gray), scale, x0, y0

    def decode(self, frame: BgrImage, index: int, timestamp: float) -> list[ScanResult]:
        """All codes in ``frame`` (not debounced), with polygons in frame coordinates."""
        started = time.perf_counter()
        gray, scale, x0, y0 = self.prepare(frame)
        outcome = self._decoder.decode(gray)
        results: list[ScanResult] = []
        for code in outcome.codes:
            text, encoding = decode_text(code.payload, code.eci)
            poly = tuple((int(x * scale) + x0, int(y * scale) + y0) for x, y in code.polygon)
            results.append(
                ScanResult(code.payload, text, encoding, code.backend, index, timestamp, poly)
            )
        self.last_decode_ms = (time.perf_counter() - started) * 1000.0
        return results

    def process(self, frame: BgrImage, index: int, timestamp: float) -> list[ScanResult]:
        """Decode and debounce: only codes that just came into view."""
        results = self.decode(frame, index, timestamp)
        fresh = set(self._debouncer.feed(timestamp, [r.payload for r in results]))
        out: list[ScanResult] = []
        for r in results:
            if r.payload in fresh:
                out.append(r)
                fresh.discard(r.payload)
        return out

    def reset(self) -> None:
        """Forget codes in view, so the same code held up again is reported again."""
        self._debouncer.reset()
