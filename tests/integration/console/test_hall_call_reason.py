"""Try-out 14, K4: a call the kiosk made because the printer ran out of paper (the
citizen's 请工作人员加纸后再提交 at 确认提交) said nothing about paper on the hall page:
staff came without a roll. Over real HTTP: the kiosk's call with its reason, the hall
page in both languages (tests/ui/test_staff_call_reason.py: the kiosk's side).

Try-out 15, K1: the citizen's own call from the receipt page (paper out, the receipt not
printed) said neither: the printer's state and the 受理编号 to reprint are on its row."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import sign_in


def _call(kiosk: requests.Session, base: str, reason: str | None, **more: object) -> str:
    call_id = str(uuid.uuid4())
    payload = {
        "kiosk": "A7H3",
        "location": "一楼大厅东侧",
        "screen": "review",
        "assisted": True,
        "language": "zh",
        "at": dt.datetime.now(dt.UTC).isoformat(),
    }
    if reason is not None:
        payload["reason"] = reason
    tn = more.pop("tracking_number", None)
    payload.update(more)
    body = {"kind": "staff_call", "kiosk_id": "A7H3", "payload": payload}
    if tn is not None:
        body["tracking_number"] = tn
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": call_id})
    assert r.status_code in (200, 201), r.text
    return call_id


def _row(page: str, call_id: str) -> str:
    m = re.search(rf'<tr class="call" data-call-id="{call_id}">(.*?)</tr>', page, re.S)
    assert m, "the call is not on the hall page"
    return re.sub(r"<[^>]+>", " ", m.group(1))


@pytest.mark.parametrize(
    ("lang", "words", "receipt"),
    [
        (
            "zh",
            ("确认提交", "缺纸", "请带打印纸卷"),
            ("打印机：缺纸 · 请带打印纸卷", "回执未打印，请打印受理编号 "),
        ),
        (
            "en",
            ("Out of paper", "bring a paper roll"),
            (
                "Printer: Out of paper · bring a paper roll",
                "Receipt not printed: print the receipt of ",
            ),
        ),
    ],
)
def test_a_call_for_paper_says_so_on_the_hall_page(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    lang: str,
    words: tuple[str, ...],
    receipt: tuple[str, str],
) -> None:
    base = platform.base_url
    paper = _call(kiosk, base, "printer.paper_out")
    plain = _call(kiosk, base, None)
    tn = "A7H3-261207-0001-0"
    own = _call(
        kiosk,
        base,
        None,
        printer="printer.paper_out",
        receipt_not_printed=True,
        tracking_number=tn,
    )
    staff = sign_in(base, "wang")
    page = staff.get(base + f"/console/hall?lang={lang}", timeout=5).text
    row = _row(page, paper)
    for w in words:
        assert w in row, (w, row)
    assert "printer.paper_out" not in row  # the word for it, not the code
    other = _row(page, plain)
    assert "paper" not in other.lower() and "纸" not in other  # an ordinary call: no reason
    # The citizen's own call while the printer had no paper, its receipt not printed.
    mine = " ".join(_row(page, own).split())
    printer, reprint = receipt
    assert printer in mine and reprint + tn in mine, mine
    assert "printer.paper_out" not in mine


def test_a_printer_fault_call_names_the_fault_without_asking_for_paper(
    platform: EmbeddedPlatform, kiosk: requests.Session
) -> None:
    base = platform.base_url
    call = _call(kiosk, base, "printer.cover_open")
    staff = sign_in(base, "wang")
    row = _row(staff.get(base + "/console/hall?lang=zh", timeout=5).text, call)
    assert "纸仓盖未关" in row and "请带打印纸卷" not in row, row
