"""Try-out 17, the console in Debian's headless Chromium.

K2: the console wrote a tracking number as the kiosk keeps it, ``M001-261207-00010``,
where the citizen's receipt prints ``M001-261207-0001-0``: on the hall page's call to
reprint a receipt and on the audit page's 补打凭条. A person reads the receipt's form
everywhere, and a search by either form finds the entry."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.audit.chain import AuditLog
from kiosk.tracking import TrackingNumber
from tests.integration.console.test_audit import _deliver
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.integration

# A number as the kiosk mints, keeps and sends it, and as its receipt prints it.
NUMBER = TrackingNumber("A7H3", dt.date(2026, 12, 7), 1)
SENT, PRINTED = str(NUMBER), NUMBER.shown


def _post(kiosk: requests.Session, base: str, body: dict[str, Any]) -> None:
    key = str(uuid.uuid4())
    r = kiosk.post(base + "/v1/submissions", json=body, headers={"Idempotency-Key": key})
    assert r.status_code in (200, 201), r.text


def test_the_console_shows_and_finds_the_number_the_receipt_prints(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    tmp_path: Path,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    assert SENT != PRINTED
    at = dt.datetime.now(dt.UTC)
    # The citizen's call from the receipt page, the paper out and the receipt not printed
    # (kiosk/app.py: the call carries the session's number as stored) ...
    payload = {
        "kiosk": "A7H3",
        "location": "一楼大厅东侧",
        "screen": "review",
        "at": at.isoformat(),
    }
    payload |= {"printer": "printer.paper_out", "receipt_not_printed": True}
    _post(
        kiosk,
        base,
        {"kind": "staff_call", "kiosk_id": "A7H3", "tracking_number": SENT, "payload": payload},
    )
    # ... and the technician's 补打 of it on the kiosk's panel (kiosk/maintenance.py).
    shipped: list[dict[str, Any]] = []
    log = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", lambda: at, ship=shipped.append)
    log.append("panel.reprint", {"job": "e849", "tracking_number": SENT, "printed": True})
    _deliver(kiosk, base, shipped[0], "k2-1")

    _sign_in(chromium, base, "zhao")
    chromium.get(base + "/console/hall")
    call = chromium.find_element(By.CSS_SELECTOR, "tr.call .call-reprint").text
    assert call == "回执未打印，请补打受理编号 " + PRINTED, call
    for lang, word in (("zh", "受理编号："), ("en", "Tracking number: ")):
        chromium.get(f"{base}/console/audit?lang={lang}")
        details = chromium.find_element(By.CSS_SELECTOR, "tr.entry td.details").text
        assert details.startswith(word + PRINTED) and SENT not in details, details
    # Searched by the receipt's number, or by the number as the kiosk sent it.
    for typed in (PRINTED, SENT):
        chromium.get(base + "/console/audit?lang=zh")
        chromium.find_element(By.NAME, "q").send_keys(typed)
        chromium.find_element(By.ID, "search").click()
        found = chromium.find_elements(By.CSS_SELECTOR, "tr.entry td.details")
        assert [e.text.split("；")[0] for e in found] == ["受理编号：" + PRINTED], typed
