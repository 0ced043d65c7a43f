"""The QR on the receipt preview decodes back to the receipt payload.

Decoded directly with zxing-cpp and with zbar (pyzbar, binary mode via the
scanner driver), and through the project's own scanner decoders in
drivers/scanner when they import.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from drivers.printer.png_render import render_png
from drivers.printer.types import PAPER_58MM, PAPER_80MM, PaperProfile
from kiosk.receipts import submission_receipt
from kiosk.receipts.samples import RECEIPT_QR, submission

pytestmark = pytest.mark.integration

PROFILES = [PAPER_58MM, PAPER_80MM]
CHINESE_PAYLOAD = "回执:KS0107-20261123-0042-K|签名=Yx3fQ0pV"


def _gray(profile: PaperProfile, qr: str = RECEIPT_QR, lang: str = "zh") -> np.ndarray:
    data = submission(lang)
    doc = submission_receipt(
        type(data)(**{**{f: getattr(data, f) for f in data.__slots__}, "qr_payload": qr}), lang
    )
    img = Image.open(io.BytesIO(render_png(doc, profile))).convert("L")
    return np.ascontiguousarray(np.asarray(img))


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
@pytest.mark.parametrize("payload", [RECEIPT_QR, CHINESE_PAYLOAD], ids=["ascii", "chinese"])
def test_zxing_cpp_reads_the_receipt_qr(profile: PaperProfile, payload: str) -> None:
    results = zxingcpp.read_barcodes(_gray(profile, payload), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.bytes.decode("utf-8") for r in results] == [payload]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.name)
@pytest.mark.parametrize("backend", ["zxing", "zbar"])
def test_project_scanner_decoders_read_the_receipt_qr(profile: PaperProfile, backend: str) -> None:
    decoders = pytest.importorskip("drivers.scanner.decoders")
    text = pytest.importorskip("drivers.scanner.text")
    outcome = decoders.make_decoder(backend).decode(_gray(profile, CHINESE_PAYLOAD))
    assert [text.decode_text(c.payload)[0] for c in outcome.codes] == [CHINESE_PAYLOAD]
