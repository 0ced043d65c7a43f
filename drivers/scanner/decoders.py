"""QR decoding backends that return raw bytes: zbar (binary mode) and zxing-cpp.

Both are restricted to QR symbols: that costs no reads and cuts zbar's time on a
cluttered frame by more than half. Neither backend is allowed to turn bytes into
text; :mod:`drivers.scanner.text` does that for both.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

import cv2
import numpy as np

from drivers.scanner.types import Backend, BgrImage

log = logging.getLogger(__name__)

# zbar.h: ZBAR_QRCODE = 64, ZBAR_CFG_ENABLE = 0, ZBAR_CFG_BINARY = 4 (zbar >= 0.23);
# pyzbar's ZBarConfig enum has no BINARY member, so the raw number goes through its
# ctypes wrapper.
_ZBAR_NONE = 0
_ZBAR_QRCODE = 64
_ZBAR_CFG_ENABLE = 0
_ZBAR_CFG_BINARY = 4
_FOURCC_Y800 = 808466521

Polygon = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class RawCode:
    """A decoded symbol: its exact bytes and where it was."""

    payload: bytes = field(repr=False)
    polygon: Polygon
    backend: Backend
    eci: int | None = None  # the symbol's ECI assignment number, when it declared one


@dataclass(frozen=True, slots=True)
class DecodeOutcome:
    """All codes read in a frame, plus regions where a symbol was found but not read."""

    codes: tuple[RawCode, ...] = ()
    unread: tuple[Polygon, ...] = ()


class Decoder(Protocol):
    """One frame in (8-bit gray, C-contiguous), codes out. Not thread-safe."""

    backend: Backend

    def decode(self, gray: BgrImage) -> DecodeOutcome:
        """Decode every QR code in ``gray``."""
        ...


class ZbarDecoder:
    """zbar through pyzbar's ctypes wrapper, in binary mode, one scanner reused per instance."""

    backend = Backend.ZBAR

    def __init__(self) -> None:
        from pyzbar import wrapper as zw

        self._zw = zw
        scanner = zw.zbar_image_scanner_create()
        if not scanner:
            raise RuntimeError("zbar_image_scanner_create failed")
        self._scanner = scanner
        zw.zbar_image_scanner_set_config(scanner, _ZBAR_NONE, _ZBAR_CFG_ENABLE, 0)
        zw.zbar_image_scanner_set_config(scanner, _ZBAR_QRCODE, _ZBAR_CFG_ENABLE, 1)
        rc = zw.zbar_image_scanner_set_config(scanner, _ZBAR_QRCODE, _ZBAR_CFG_BINARY, 1)
        # Without binary mode zbar re-encodes Chinese through its charset guess,
        # which is exactly the corruption this driver exists to avoid.
        self.binary_mode = rc == 0
        if not self.binary_mode:
            log.warning("zbar binary mode unavailable (zbar < 0.23?); Chinese may be mangled")

    def __del__(self) -> None:
        scanner = getattr(self, "_scanner", None)
        if scanner:
            self._zw.zbar_image_scanner_destroy(scanner)
            self._scanner = None

    def decode(self, gray: BgrImage) -> DecodeOutcome:
        """Decode QR codes; returns exact payload bytes."""
        zw = self._zw
        buf = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = buf.shape[:2]
        image = zw.zbar_image_create()
        if not image:
            raise RuntimeError("zbar_image_create failed")
        try:
            zw.zbar_image_set_format(image, _FOURCC_Y800)
            zw.zbar_image_set_size(image, width, height)
            zw.zbar_image_set_data(image, buf.ctypes.data_as(ctypes.c_void_p), buf.size, None)
            if zw.zbar_scan_image(self._scanner, image) <= 0:
                return DecodeOutcome()
            codes: list[RawCode] = []
            symbol = zw.zbar_image_first_symbol(image)
            while symbol:
                data = ctypes.string_at(
                    zw.zbar_symbol_get_data(symbol), zw.zbar_symbol_get_data_length(symbol)
                )
                n = zw.zbar_symbol_get_loc_size(symbol)
                poly = tuple(
                    (
                        int(zw.zbar_symbol_get_loc_x(symbol, i)),
                        int(zw.zbar_symbol_get_loc_y(symbol, i)),
                    )
                    for i in range(n)
                )
                codes.append(RawCode(data, poly, Backend.ZBAR))
                symbol = zw.zbar_symbol_next(symbol)
            return DecodeOutcome(tuple(codes))
        finally:
            zw.zbar_image_destroy(image)


class ZxingDecoder:
    """zxing-cpp restricted to QR (Model 2), raw bytes via ``Barcode.bytes``."""

    backend = Backend.ZXING

    def __init__(
        self, *, try_downscale: bool = True, try_invert: bool = True, retry_unread: bool = True
    ) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._formats = zxingcpp.BarcodeFormat.QRCode
        self._try_downscale = try_downscale
        # Phones in dark mode show light-on-dark codes. Measured here, inversion
        # costs about +20 % on an idle 720p frame (bench/scanner.py), not 2x.
        self._try_invert = try_invert
        self._retry_unread = retry_unread

    def decode(self, gray: BgrImage) -> DecodeOutcome:
        """Decode QR codes; returns exact payload bytes and regions of unreadable symbols.

        When a symbol is located but not read (typically defocus blur), its
        region is sharpened and decoded once more; that costs time only on
        frames that hold a code, never on the idle frames.
        """
        first = self._read(gray)
        if not self._retry_unread or first.codes or not first.unread:
            return first
        codes: list[RawCode] = []
        for x0, y0, crop in _unread_crops(gray, first.unread):
            soft = cv2.GaussianBlur(crop, (0, 0), 3.0)
            sharp = np.ascontiguousarray(cv2.addWeighted(crop, 2.5, soft, -1.5, 0))
            for code in self._read(sharp).codes:
                codes.append(_shifted(code, x0, y0))
        return DecodeOutcome(tuple(codes), () if codes else first.unread)

    def _read(self, gray: BgrImage) -> DecodeOutcome:
        results = self._zx.read_barcodes(
            gray,
            formats=self._formats,  # type: ignore[arg-type]
            try_rotate=True,
            try_downscale=self._try_downscale,
            try_invert=self._try_invert,
            return_errors=True,
        )
        codes: list[RawCode] = []
        unread: list[Polygon] = []
        for r in results:
            p = r.position
            poly = tuple(
                (int(pt.x), int(pt.y))
                for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
            )
            if r.valid:
                payload = bytes(r.bytes)
                codes.append(RawCode(payload, poly, Backend.ZXING, _eci_of(r, payload)))
            else:
                unread.append(poly)
        return DecodeOutcome(tuple(codes), tuple(unread))


class CombinedDecoder:
    """Both decoders on every frame; the union of what they read.

    Each decoder reads codes the other misses (zxing-cpp: perspective, small
    modules; zbar: some large noisy codes), so running one only where the other
    failed can read fewer codes than that one alone. The union never does. The
    idle cost is zxing's plus zbar's: combined is the opt-in "read everything"
    mode, not the default.
    """

    backend = Backend.COMBINED

    def __init__(self) -> None:
        self._zxing = ZxingDecoder()
        self._zbar = ZbarDecoder()

    def decode(self, gray: BgrImage) -> DecodeOutcome:
        """Decode with both; a payload read by both is reported once (zxing's reading)."""
        first = self._zxing.decode(gray)
        second = self._zbar.decode(gray)
        seen = {c.payload for c in first.codes}
        codes = list(first.codes)
        for code in second.codes:
            if code.payload not in seen:
                seen.add(code.payload)
                codes.append(code)
        if not codes:
            # A symbol zxing located but could not read: zbar gets a second look at
            # the crop, plain and inverted (zbar has no inversion of its own).
            for x0, y0, crop in _unread_crops(gray, first.unread):
                for variant in (crop, 255 - crop):
                    for c in self._zbar.decode(np.ascontiguousarray(variant)).codes:
                        if c.payload not in seen:
                            seen.add(c.payload)
                            codes.append(_shifted(c, x0, y0))
        return DecodeOutcome(tuple(codes), () if codes else first.unread)


def _eci_of(result: object, payload: bytes) -> int | None:
    """The ECI the symbol declared, recovered from zxing-cpp's ECI-aware text.

    The symbology identifier's modifier (ISO/IEC 18004: ]Q2, ]Q4, ]Q6) says an ECI
    was present; zxing-cpp decoded ``text`` by it, so the charset is the one that
    turns the raw bytes into that same text.
    """
    ident = str(getattr(result, "symbology_identifier", ""))
    if not ident.startswith("]Q") or ident[-1:] not in ("2", "4", "6"):
        return None
    from drivers.scanner.text import ECI_CHARSETS

    text = str(getattr(result, "text", ""))
    for eci, charset in ECI_CHARSETS.items():
        try:
            if payload.decode(charset) == text:
                return eci
        except UnicodeDecodeError:
            continue
    return None


def _unread_crops(
    gray: BgrImage, unread: tuple[Polygon, ...]
) -> Iterator[tuple[int, int, BgrImage]]:
    """(x offset, y offset, padded crop) around each located-but-unread symbol."""
    for poly in unread:
        box = _padded_box(poly, gray.shape[1], gray.shape[0])
        if box is not None:
            x0, y0, x1, y1 = box
            yield x0, y0, gray[y0:y1, x0:x1]


def _padded_box(poly: Polygon, width: int, height: int) -> tuple[int, int, int, int] | None:
    xs = [x for x, _ in poly]
    ys = [y for _, y in poly]
    # The located outline can be off by a module or two; pad by a quarter of its size.
    pad = max(16, (max(xs) - min(xs) + max(ys) - min(ys)) // 4)
    x0, y0 = max(0, min(xs) - pad), max(0, min(ys) - pad)
    x1, y1 = min(width, max(xs) + pad), min(height, max(ys) + pad)
    if x1 - x0 < 21 or y1 - y0 < 21:
        return None
    return x0, y0, x1, y1


def _shifted(code: RawCode, dx: int, dy: int) -> RawCode:
    return RawCode(
        code.payload, tuple((x + dx, y + dy) for x, y in code.polygon), code.backend, code.eci
    )


def make_decoder(backend: Backend | str) -> Decoder:
    """Build a decoder by name: ``zxing`` (default), ``zbar`` or ``combined``."""
    b = Backend(backend)
    if b is Backend.ZBAR:
        return ZbarDecoder()
    if b is Backend.COMBINED:
        return CombinedDecoder()
    return ZxingDecoder()
