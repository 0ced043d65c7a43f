"""Try-out 17, the console in Debian's headless Chromium.

K2: the console wrote a tracking number as the kiosk keeps it, ``M001-261207-00010``,
where the citizen's receipt prints ``M001-261207-0001-0``: on the hall page's call to
reprint a receipt and on the audit page's 补打凭条. A person reads the receipt's form
everywhere, and a search by either form finds the entry.

K3 (and K5, the audit page): at 1024 px in English the 评价与投诉 page scrolled sideways (its table wider than the
window) and the header broke its items (中/文, "Sign / out"). K6: the English 终端 page
named the kiosk's place in Chinese though the kiosk says it in English too. And the
终端 page's device lines broke mid-phrase ("Card / reader: / OK").

Overflow is measured against the page's own width (``clientWidth``, without the
vertical scroll bar), in a window low enough to have one."""

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
from tests.integration.console.test_console_numbers_whole_chromium import _LINES_OF_WORDS
from tests.support.chromium import click_to_new_page

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
    assert call == "回执未打印，请打印受理编号 " + PRINTED, call
    for lang, word in (("zh", "受理编号："), ("en", "Tracking number: ")):
        chromium.get(f"{base}/console/audit?lang={lang}")
        details = chromium.find_element(By.CSS_SELECTOR, "tr.entry td.details").text
        assert details.startswith(word + PRINTED) and SENT not in details, details
    # Searched by the receipt's number, or by the number as the kiosk sent it.
    for typed in (PRINTED, SENT):
        chromium.get(base + "/console/audit?lang=zh")
        chromium.find_element(By.NAME, "q").send_keys(typed)
        click_to_new_page(chromium, chromium.find_element(By.ID, "search"))
        found = chromium.find_elements(By.CSS_SELECTOR, "tr.entry td.details")
        assert [e.text.split("；")[0] for e in found] == ["受理编号：" + PRINTED], typed


PLACE = {"location": "政务服务中心一楼大厅", "location_en": "Service centre, ground floor lobby"}
# Each follow-up box's width, height and line height, in px.
_BOXES = """return [...document.querySelectorAll('#cases textarea')].map(t => {
    const r = t.getBoundingClientRect(), s = getComputedStyle(t);
    return [r.width, t.clientHeight, parseFloat(s.lineHeight) || 1.2 * parseFloat(s.fontSize)];
})"""
SIDEWAYS = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def _lines(driver: Any, element: Any, words: list[str]) -> dict[str, int]:
    """How many lines each of ``words`` takes in ``element`` (each must be there)."""
    found = {str(w): int(n) for w, n in driver.execute_script(_LINES_OF_WORDS, element, words)}
    assert set(found) == set(words), found
    return found


def _fits(driver: Any, what: str) -> None:
    page, room = driver.execute_script(SIDEWAYS)
    assert page <= room, f"at 1024 px the English {what} is {page} px wide in {room} px"


def test_english_pages_fit_1024_px_with_places_and_phrases_whole(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    tmp_path: Path,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    at = dt.datetime.now(dt.UTC).isoformat()
    # The kiosk's start-up entry: its configuration's fingerprint, 64 hex digits in one
    # word (kiosk/audit/trail.py), which made the English audit page scroll sideways (K5).
    shipped: list[dict[str, Any]] = []
    now = dt.datetime.now(dt.UTC)
    log = AuditLog(tmp_path / "a.log", os.urandom(32), "A7H3", lambda: now, ship=shipped.append)
    # The try-out's (hex letters are wider than digits: a made-up "9f9f…" fitted).
    fingerprint = "1b78c761b4a3ccafee49818c08e50394e3bc519af70663b9ff67a5f7f7c3c7be"
    log.append("config.loaded", {"sha256": fingerprint})
    # With the entries of the try-out's morning beside it (their event words wrap to a
    # word a line, their details wrap at spaces).
    log.append("hall_clock.in_force", {"hall_time": at, "offset_s": 93414, "simulated": True})
    for _ in range(6):  # two-digit numbers in the # column, as the try-out's 13
        log.append("panel.view_logs", {"problems_only": True, "technician": "1000"})
    log.append("signout", {"reason": "signed_out", "technician": "1000"})
    job = "cdc3e081fed34d9694d93b34cc5cb06e"
    log.append("panel.reprint", {"job": job, "tracking_number": SENT, "printed": True})
    for i, entry in enumerate(shipped):
        _deliver(kiosk, base, entry, f"k5-{i}")
    phone = {"phone": "13800138000", "consent": True}
    rating = {"level": 1, "label": "very_dissatisfied", "reasons": ["waited_long", "hard_to_use"]}
    rating |= {"comment": "", "rated_at": at, "service_id": "renshe.ss_card_replace"}
    for kind, number, payload in (
        ("rating", SENT, rating | {"follow_up": phone}),
        ("feedback", str(TrackingNumber("A7H3", dt.date(2026, 12, 7), 2)), {"contact": phone}),
        ("feedback", str(TrackingNumber("A7H3", dt.date(2026, 12, 7), 3)), {}),
    ):
        if kind == "feedback":
            payload |= {"category": "complaint", "text": "Queue too long", "sent_at": at}
        body = {"kind": kind, "kiosk_id": "A7H3", "tracking_number": number, "payload": payload}
        _post(kiosk, base, body)
    # The kiosk's heartbeat (kiosk/sync/agent.py): its place in both languages, a paused
    # kiosk with every device working, the paper out.
    devices = dict.fromkeys(("card", "scanner", "printer", "speech", "storage", "idcard"), "ok")
    beat = {
        "kiosk_id": "A7H3",
        "version": "0.1.0",
        **PLACE,
        "devices": devices | {"paper": "paper_out"},
        "queue": {"pending": 2},
        "clock_offset_s": 0.4,
        "catalog_version": "2026.11",
        "service": {"state": "out_of_service", "since": at},
    }
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200

    chromium.set_window_size(1024, 700)
    _sign_in(chromium, base, "zhao")  # an administrator: the most pages in the header
    chromium.get(base + "/console/cases?lang=en")
    _fits(chromium, "评价与投诉 page")
    # The follow-up's box wide and high enough to write a note in (try-out 18, K3: it
    # was 84 px wide, two lines high, in the room the nine columns left it).
    boxes = chromium.execute_script(_BOXES)
    assert boxes and all(w >= 140 and h >= 3 * line for w, h, line in boxes), boxes
    # The rating's reasons listed in English too (were joined with a Chinese 、).
    reasons = chromium.find_element(By.CSS_SELECTOR, "#cases .reasons").text
    assert reasons == "Reasons: Waited too long, Hard to use", reasons
    # Every item of the header whole, on one line each.
    header = chromium.find_element(By.TAG_NAME, "header")
    items = ["Self-service kiosks · Console", "Ratings & complaints", "中文", "Sign out"]
    items.append("Signed in as: zhao (Administrator)")
    broken = {w: n for w, n in _lines(chromium, header, items).items() if n != 1}
    assert not broken, f"the header breaks these: {broken}"

    chromium.get(base + "/console/audit")
    assert fingerprint in chromium.find_element(By.ID, "entries").text
    _fits(chromium, "audit page")

    chromium.get(base + "/console/fleet")
    _fits(chromium, "终端 page")
    row = chromium.find_element(By.CSS_SELECTOR, "#fleet tr.kiosk")
    assert row.find_element(By.CSS_SELECTOR, ".location").text == PLACE["location_en"]
    assert "政务" not in row.text, row.text
    # Each device's name and its state whole (a long line may break after the colon).
    names = ["Card reader:", "Camera:", "Receipt printer:", "Speech:", "Data storage:"]
    names += ["Resident ID reader:", "OK", "Out of paper"]
    broken = {w: n for w, n in _lines(chromium, row, names).items() if n != 1}
    assert not broken, f"the 终端 page breaks these: {broken}"
