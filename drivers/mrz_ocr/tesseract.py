"""Tesseract (Debian's tesseract-ocr) as the second MRZ engine, run as a subprocess."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import cv2

from drivers.mrz_ocr.layout import ALPHABET


def tesseract_available() -> bool:
    """Whether the tesseract program is installed."""
    return shutil.which("tesseract") is not None


def read_band(band: Any, timeout_s: float = 5.0) -> list[str]:
    """The text lines tesseract reads in a rectified MRZ band (MRZ alphabet only)."""
    # Dark text on white with a margin reads best; scale so capitals are ~30 px.
    img = cv2.copyMakeBorder(band, 20, 20, 20, 20, cv2.BORDER_REPLICATE)
    ok, png = cv2.imencode(".png", img)
    if not ok:
        return []
    try:
        out = subprocess.run(
            [
                "tesseract",
                "stdin",
                "stdout",
                "--psm",
                "6",
                "-l",
                "eng",
                "-c",
                f"tessedit_char_whitelist={ALPHABET}",
            ],
            input=png.tobytes(),
            capture_output=True,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    text = out.stdout.decode("ascii", errors="replace")
    return [ln.replace(" ", "") for ln in text.splitlines() if ln.strip()]
