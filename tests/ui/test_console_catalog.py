"""The catalog editor end to end in a real browser: an administrator signs in to the
console in Debian's headless Chromium, changes a service's 承诺时限 in its form, reviews
the draft's difference and publishes it; the real kiosk's sync agent then pulls the new
catalog version from the (embedded) platform and the kiosk states the new time limit."""

from __future__ import annotations

import pytest

from central.console.accounts import Role
from tests.ui.test_console_staff_call import chromium, start_with_staff  # noqa: F401  (fixture)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

pytestmark = pytest.mark.integration

SID = "gongan.hukou_certificate"
ADMIN_PASSWORD = "Catalog-admin-2026!"


def _type(driver: webdriver.Chrome, field_id: str, text: str) -> None:
    box = driver.find_element(By.ID, field_id)
    box.clear()
    box.send_keys(text)


def test_admin_edits_a_time_limit_publishes_and_the_kiosk_takes_it(  # type: ignore[no-untyped-def]
    kiosk_app,
    clock,
    chromium,  # noqa: F811
) -> None:
    embedded = start_with_staff(kiosk_app, clock, "zhao", Role.ADMIN, ADMIN_PASSWORD)
    before = kiosk_app.core.catalog
    assert before.by_id(SID) is not None and before.by_id(SID).time_limit_days != 7

    chromium.get(embedded.base_url + "/console/catalog")
    assert chromium.current_url.endswith("/console/signin")
    chromium.find_element(By.ID, "username").send_keys("zhao")
    chromium.find_element(By.ID, "password").send_keys(ADMIN_PASSWORD)
    chromium.find_element(By.ID, "signin").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "nav-catalog"))
    chromium.find_element(By.ID, "nav-catalog").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, f"edit-{SID}"))
    chromium.find_element(By.ID, f"edit-{SID}").click()

    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "time_limit.days"))
    _type(chromium, "time_limit.days", "7")
    chromium.find_element(By.ID, "save").click()
    # The words citizens read still say the old limit: refused beside the field, the
    # number typed kept.
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "err-time_limit.text.zh"))
    assert chromium.find_element(By.ID, "time_limit.days").get_attribute("value") == "7"
    _type(chromium, "time_limit.text.zh", "7个工作日")
    _type(chromium, "time_limit.text.en", "7 working days")
    chromium.find_element(By.ID, "save").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "drafted"))

    chromium.find_element(By.ID, "review").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "publish"))
    rows = [r.text for r in chromium.find_elements(By.CSS_SELECTOR, "tr.diff-row")]
    assert any(r.endswith("0 7") for r in rows), rows  # 承诺时限: 0 → 7
    version = chromium.find_element(By.ID, "new-version").get_attribute("value")
    assert version == "2026.12"
    chromium.find_element(By.ID, "publish").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "saved"))
    assert chromium.find_element(By.ID, "version").text == "2026.12"

    # The kiosk pulls the catalog as it does on its schedule (asked now, not in an hour).
    kiosk_app.backend.sync.refresh_catalog()
    WebDriverWait(chromium, 30, poll_frequency=0.2).until(
        lambda _d: kiosk_app.core.catalog.version == "2026.12"
    )
    service = kiosk_app.core.catalog.by_id(SID)
    assert service is not None
    assert service.time_limit_days == 7 and service.time_limit.zh == "7个工作日"
