"""The vendor's WLT photo decoder, loaded with ctypes from a configured path.

The 1024-byte WLT photo on the card is in a format only the vendors' (licensed)
libraries decode. They share one entry point, ``int unpack(char *wlt, char *bmp,
int flag)``, which fills a 102×126 24-bit BMP (38,862 bytes) and returns 1 on
success. Without the library the kiosk says "photo not available" and goes on.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WLT_BYTES = 1024
BMP_BYTES = 38862  # 54-byte header + 102 × 126 pixels × 3, rows padded to 4 bytes


class WltDecoder:
    """A loaded vendor decoder; :meth:`decode` returns BMP bytes or None."""

    def __init__(self, library: ctypes.CDLL, entry: str = "unpack") -> None:
        fn = getattr(library, entry)
        fn.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int)
        fn.restype = ctypes.c_int
        self._fn = fn
        self._lock = threading.Lock()  # vendor libraries are not known to be re-entrant

    def decode(self, wlt: bytes) -> bytes | None:
        """The photo as a BMP, or None when the library refuses the data."""
        if len(wlt) != WLT_BYTES:
            return None
        out = ctypes.create_string_buffer(BMP_BYTES)
        with self._lock:
            try:
                rc = self._fn(wlt, out, 1)
            except OSError:
                log.warning("WLT decoder crashed on a photo")
                return None
        data = out.raw
        if rc != 1 or not data.startswith(b"BM"):
            return None
        size = int.from_bytes(data[2:6], "little")
        return data[: size if 0 < size <= BMP_BYTES else BMP_BYTES]


def load_wlt_decoder(path: Path | None, entry: str = "unpack") -> WltDecoder | None:
    """The decoder at ``path``, or None (logged once) when not configured or not loadable."""
    if path is None:
        return None
    try:
        return WltDecoder(ctypes.CDLL(str(path)), entry)
    except (OSError, AttributeError) as exc:
        log.warning("WLT photo decoder not loaded from %s: %s", path, exc)
        return None
