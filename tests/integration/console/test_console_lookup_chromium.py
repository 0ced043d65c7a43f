"""受理查询 in Debian's headless Chromium (try-out 17, K1): hall staff had no way to find
an application by the 受理编号 on the citizen's receipt, so nobody could confirm that
an application saved offline on a kiosk had reached the platform.

A member of hall staff opens 受理查询 from the header and types the number as they
read it (lower case, spaces); the page shows the service, the kiosk and its hall, when
the kiosk took it (its clock) and when the platform got it (25 minutes later: said
why), the status history, the papers photographed, the applicant masked; a number the
platform does not hold is said so, with what that means; text that is no number gets a
calm word. At 1024 px in English (the tightest) nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from kiosk.tracking import TrackingNumber
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401
from tests.integration.console.test_console_tryout17_chromium import PLACE, SIDEWAYS
from tests.support.chromium import click_to_new_page

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration

NUMBER = TrackingNumber("A7H3", dt.date(2026, 12, 7), 1)
SID = "renshe.ss_card_replace"
NAME, ID_NUMBER = "王小明", "110101199003071234"


def _deliver_offline_application(kiosk: requests.Session, base: str) -> dt.datetime:
    """An application the kiosk took 25 minutes before it could send it (the body as
    kiosk/services/apply.py builds it), and the kiosk's heartbeat naming its hall."""
    submitted = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=25)
    page = {"material_index": 0, "mime": "image/jpeg", "sha256": "0" * 64}
    payload = {
        "tracking_number": str(NUMBER),
        "kiosk_code": "A7H3",
        "service_id": SID,
        "service_name": "社会保障卡补换",
        "catalog_version": "2026.11",
        "submitted_at": submitted.isoformat(),
        "applicant": {"document_type": "resident_id", "document_number": ID_NUMBER}
        | {"full_name": NAME},
        "identity_verified": True,
        "proxy": False,
        "form": {},
        "attachments": [page, page | {"sha256": "1" * 64}],
        "receipt_code_sha256": "a" * 64,
    }
    body = {"kind": "application", "kiosk_id": "A7H3", "tracking_number": str(NUMBER)}
    r = kiosk.post(
        base + "/v1/submissions",
        json=body | {"payload": payload},
        headers={"Idempotency-Key": str(uuid.uuid4())},
        timeout=5,
    )
    assert r.status_code in (200, 201), r.text
    beat = {"kiosk_id": "A7H3", "version": "0.1.0", **PLACE, "devices": {}, "queue": {}}
    assert kiosk.post(base + "/v1/heartbeat", json=beat, timeout=5).status_code == 200
    return submitted


def _find(driver: Any, typed: str) -> None:
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(typed)
    click_to_new_page(driver, driver.find_element(By.ID, "find"))


def _fits(driver: Any, what: str) -> None:
    page, room = driver.execute_script(SIDEWAYS)
    assert page <= room, f"{what}: {page} px wide in {room} px"


def test_hall_staff_find_an_application_by_its_receipt_number(
    platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    submitted = _deliver_offline_application(kiosk, base)
    material = platform.platform.catalog_doc["services"]
    material = next(s for s in material if s["id"] == SID)["materials"][0]["name"]

    chromium.set_window_size(1024, 700)  # low enough for a vertical scroll bar
    _sign_in(chromium, base, "wang")  # hall staff
    chromium.get(base + "/console/hall?lang=en")
    chromium.find_element(By.ID, "nav-applications").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "q"))
    # As a citizen reads it out and staff type it: lower case, spaces round the hyphens.
    _find(chromium, " " + NUMBER.shown.lower().replace("-", " - ") + " ")
    heading = chromium.find_element(By.ID, "found").text
    assert heading == f"{NUMBER.shown} · Application · Reached the platform", heading

    def fact(row: str) -> str:
        return str(chromium.find_element(By.CSS_SELECTOR, f"#application tr.{row} td").text)

    assert fact("service") == "Social security card replacement"
    assert fact("status") == "The platform received the application"
    assert fact("kiosk") == "A7H3" and fact("where") == PLACE["location_en"]
    kiosk_clock = submitted.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert fact("submitted") == f"{kiosk_clock} kiosk's clock", fact("submitted")
    received = fact("received")
    assert received.endswith("(or the kiosk's clock is off).") and "25 min after" in received
    assert fact("applicant") == "王*明" and fact("document") == "110101********1234"
    assert fact("identity") == "Read from the ID document at the kiosk"
    assert fact("materials") == f"{material['en']}: 2 page(s)"
    assert fact("receipt").startswith("The platform holds the receipt's code")
    steps = [e.text for e in chromium.find_elements(By.CSS_SELECTOR, "#history tr.step .what")]
    assert steps == ["The platform received the application"]
    html = chromium.page_source
    assert NAME not in html and ID_NUMBER not in html and "Traceback" not in html
    _fits(chromium, "受理查询 in English at 1024 px")

    # In Chinese, typed as the kiosk keeps it (the check character glued on).
    chromium.get(base + "/console/applications?lang=zh")
    _find(chromium, str(NUMBER))
    assert chromium.find_element(By.ID, "found").text.startswith(NUMBER.shown + " · 申请")
    assert fact("service") == "社会保障卡补换" and fact("where") == PLACE["location"]
    _fits(chromium, "受理查询 in Chinese at 1024 px")

    # A number the platform does not hold: said, and what it may mean.
    # Typed with spaces in place of the hyphens, as the hint allows (try-out 18, K1).
    missing = TrackingNumber("A7H3", dt.date(2026, 12, 7), 2).shown
    _find(chromium, missing.replace("-", " "))
    told = chromium.find_element(By.ID, "not-found").text
    assert f"平台上没有受理编号 {missing}。" in told and "还没有把它送达平台" in told, told
    assert "编号有误" in told and not chromium.find_elements(By.ID, "application")
    # Anything else: a calm word, the typed text kept in the box to mend.
    _find(chromium, "王小明")
    assert "不是受理编号" in chromium.find_element(By.ID, "not-a-number").text
    assert chromium.find_element(By.ID, "q").get_attribute("value") == "王小明"
    # Every look is accounted for on the audit page: who, when, which number (found or not).
    looked = [(e.username, e.action, e.target) for e in platform.platform.staff.events()]
    assert looked.count(("wang", "application.lookup", NUMBER.shown)) == 2, looked
    assert ("wang", "application.lookup", missing) in looked
