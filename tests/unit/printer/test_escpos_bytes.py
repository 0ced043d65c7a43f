"""Exact ESC/POS bytes, sent through the python-escpos Dummy transport."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from drivers.printer.document import (
    Align,
    Barcode,
    Cut,
    Document,
    Image,
    KeyValue,
    QrCode,
    Size,
    Text,
    Title,
)
from drivers.printer.escpos_printer import EscposPrinter
from drivers.printer.escpos_render import encode_text, render_escpos
from drivers.printer.transports import DummyLink
from drivers.printer.types import PAPER_58MM, PAPER_80MM, PaperProfile, SendOutcome
from kiosk.receipts.samples import RECEIPT_QR, SAMPLES, TRACKING
from tests.integration.printer.escpos_parser import parse_receipt

RESET_TAIL = b"\x1ba\x00\x1d!\x00\x1bE\x00\x1b-\x00"


def _print(doc: Document, profile: PaperProfile = PAPER_58MM) -> bytes:
    link = DummyLink()
    result = EscposPrinter(link, profile).print_document(doc)
    # Dummy cannot answer status; the driver says so rather than inventing a reading.
    assert result.outcome is SendOutcome.PRINTED
    assert "assumed" in result.status.detail
    return link.output


def test_ascii_line_exact_bytes() -> None:
    out = _print(Document((Text("Hello"),)))
    assert out == (
        b"\x1b@\x1c."  # init, Chinese mode off
        b"\x1ba\x00\x1d!\x00\x1bE\x00\x1b-\x00Hello\n"
        b"\x1bd\x04" + RESET_TAIL  # no cut: feed so the text clears the tear bar
    )


def test_chinese_goes_inside_fs_ampersand_as_gb18030() -> None:
    assert encode_text("回执 No.1") == b"\x1c&" + "回执".encode("gb18030") + b"\x1c. No.1"
    assert encode_text("受理编号") == b"\x1c&\xca\xdc\xc0\xed\xb1\xe0\xba\xc5\x1c."


def test_yuan_sign_alone_is_sent_as_gbk_a3a4() -> None:
    out = _print(Document((Text("¥5"),)))
    assert b"\x1c&\xa3\xa4\x1c.5\n" in out


def test_title_is_centred_bold_double() -> None:
    out = _print(Document((Title("回执"),)))
    assert (
        b"\x1ba\x01\x1d!\x11\x1bE\x01\x1b-\x00\x1c&" + "回执".encode("gb18030") + b"\x1c.\n" in out
    )


def test_huge_size_byte() -> None:
    out = _print(Document((Text("A023", size=Size.HUGE, align=Align.CENTER),)))
    assert b"\x1ba\x01\x1d!\x33" in out


def test_qr_exact_bytes() -> None:
    out = _print(Document((QrCode("ABC"),)))
    assert (
        b"\x1ba\x01"
        b"\x1d(k\x04\x001A2\x00"  # model 2
        b"\x1d(k\x03\x001C\x06"  # module 6 dots on 58 mm
        b"\x1d(k\x03\x001E1"  # error level M
        b"\x1d(k\x06\x001P0ABC"  # store
        b"\x1d(k\x03\x001Q0"  # print
        b"\n"
    ) in out


def test_qr_module_shrinks_to_fit_58mm() -> None:
    long_payload = "X" * 300
    [size] = parse_receipt(_print(Document((QrCode(long_payload),)))).qr_module_sizes
    assert size < PAPER_58MM.qr_module_dots


def test_barcode_code128_b_exact_bytes() -> None:
    out = _print(Document((Barcode("KS-01", height_dots=80),)))
    assert b"\x1ba\x01\x1dh\x50\x1dw\x03\x1dH\x02\x1df\x00\x1dk\x49\x07{BKS-01\n" in out


def test_barcode_too_wide_for_paper_is_a_bug_not_a_silent_truncation() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        _print(Document((Barcode("X" * 20),)))


def test_cut_partial_and_full() -> None:
    assert _print(Document((Cut(),))).endswith(b"\x1dV\x42\x00" + RESET_TAIL)
    assert _print(Document((Cut(partial=False),))).endswith(b"\x1dV\x41\x00" + RESET_TAIL)


def test_image_is_raster_scaled_to_paper_width() -> None:
    img = PILImage.new("L", (800, 40), 0)  # all black, wider than 58 mm
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    out = _print(Document((Image(buf.getvalue()),)))
    [(w, h)] = parse_receipt(out).images
    assert w == PAPER_58MM.dots
    assert h == 19  # 40 * 384/800, rounded
    header = b"\x1dv0\x00" + (384 // 8).to_bytes(2, "little") + (19).to_bytes(2, "little")
    start = out.index(header) + len(header)
    assert out[start : start + 48] == b"\xff" * 48  # black pixels print


def test_key_value_line_exact_width() -> None:
    out = _print(Document((KeyValue("费用", "¥20.50"),)))
    line = parse_receipt(out).lines[0]
    assert line == "费用" + " " * (32 - 4 - 7) + "￥20.50"


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("profile", [PAPER_58MM, PAPER_80MM], ids=lambda p: p.name)
def test_every_template_renders_clean_escpos(name: str, lang: str, profile: PaperProfile) -> None:
    doc = SAMPLES[name](lang)
    out = _print(doc, profile)
    assert out == render_escpos(doc, profile)  # the Dummy transport adds nothing
    receipt = parse_receipt(out)  # raises on any unknown byte
    assert out.startswith(b"\x1b@\x1c.")
    assert receipt.cuts == [b"\x42\x00"]
    assert out.endswith(b"\x1dV\x42\x00" + RESET_TAIL)
    for line, size in [(ln, 0) for ln in receipt.lines] + receipt.sized_lines:
        width = ((size >> 4) & 0x0F) + 1
        assert len(line.encode("gb18030")) * width <= profile.columns
    assert [q.decode() for q in receipt.qr_payloads] == doc.qr_payloads()
    if name in ("submission_receipt", "status_slip"):
        assert TRACKING in receipt.text
        assert receipt.qr_payloads == [RECEIPT_QR.encode()]
    if name == "test_page":
        assert receipt.barcodes == [b"KS-TEST-01"]
        assert "政务服务自助终端" in receipt.text
