"""The receipt's QR code as a crisp image for the screen.

zxing-cpp (C++) encodes it in well under a millisecond, with the encoder the
printer uses, so the screen and the paper show the same symbol. The pure-Python
encoder used before took 10-25 ms for every citizen and, even on a worker, held
the GIL the GUI thread needs to paint the next screen.
"""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


def qr_image(text: str, side_px: int) -> QImage:
    """A model-2 QR code of ``text`` (error level M, 4-module quiet zone), about ``side_px``.

    Each module is a whole number of pixels, so a phone camera sees sharp edges:
    as many as fit in ``side_px``, and never fewer than two.
    """
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    symbol = code.to_image(scale=1, add_quiet_zones=True)
    width = int(symbol.shape[1])
    pixels = bytes(memoryview(symbol))  # the QImage below borrows this buffer
    image = QImage(pixels, width, width, width, QImage.Format.Format_Grayscale8)
    scale = max(2, side_px // width)
    return image.scaled(width * scale, width * scale, mode=Qt.TransformationMode.FastTransformation)
