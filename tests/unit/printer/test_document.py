"""Documents survive storage unchanged (a reprint is the same receipt)."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from drivers.printer.document import Document, Image, QrCode, Text
from drivers.printer.escpos_render import render_escpos
from drivers.printer.types import PAPER_58MM
from kiosk.receipts.samples import SAMPLES


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_round_trip_is_exact(name: str) -> None:
    doc = SAMPLES[name]("zh")
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert render_escpos(again, PAPER_58MM) == render_escpos(doc, PAPER_58MM)


def test_image_bytes_round_trip() -> None:
    buf = io.BytesIO()
    PILImage.new("L", (10, 10), 0).save(buf, format="PNG")
    doc = Document((Image(buf.getvalue()), Text("x")))
    assert Document.from_json(doc.to_json()) == doc


def test_qr_payloads_in_order() -> None:
    doc = Document((QrCode("first"), Text("x"), QrCode("second")))
    assert doc.qr_payloads() == ["first", "second"]


@pytest.mark.parametrize(
    "bad", [b"{}", b'{"v": 2, "blocks": []}', b'{"v": 1, "blocks": [{"t": "nope"}]}', b"not json"]
)
def test_malformed_payload_is_refused(bad: bytes) -> None:
    with pytest.raises(ValueError):
        Document.from_json(bad)
