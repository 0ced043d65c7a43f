"""Helpers for scanner unit tests: render a code into a frame."""

from __future__ import annotations

import cv2
import numpy as np

from tests.support.qr_corpus import qr_modules


def code_frame(
    payload: bytes,
    size: tuple[int, int] = (640, 480),
    module_px: int = 5,
    at: tuple[int, int] = (40, 40),
) -> np.ndarray:
    """A clean BGR frame (grey background) with the code at ``at`` (top-left corner)."""
    w, h = size
    frame = np.full((h, w, 3), 128, np.uint8)
    mods = qr_modules(payload)
    code = np.where(mods > 0, 0, 255).astype(np.uint8)
    code = cv2.resize(code, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    x, y = at
    frame[y : y + code.shape[0], x : x + code.shape[1]] = code[:, :, None]
    return frame
