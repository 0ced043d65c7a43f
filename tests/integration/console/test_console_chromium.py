"""The console in Debian's headless Chromium where the browser's behaviour is the
point (try-out 7): 下架 goes through a confirmation page and can be undone (32), and
叫号 with an empty 窗口号 is answered in words instead of being stopped by the browser
with no word in the console's language (35)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central.embedded import EmbeddedPlatform
from tests.integration.console.conftest import PASSWORDS
from tests.integration.console.test_queue_call import _ticket
from tests.support.chromium import headless_chromium

pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.integration

SID = "renshe.ss_card_replace"


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    with headless_chromium(tmp_path / "chromium-profile") as driver:
        yield driver


def _sign_in(driver: Any, base: str, username: str) -> None:
    driver.get(base + "/console/signin")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(PASSWORDS[username][1])
    driver.find_element(By.ID, "signin").click()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "who"))


def test_withdrawing_is_confirmed_in_the_browser_and_undone(
    platform: EmbeddedPlatform,
    chromium: Any,
) -> None:
    base = platform.base_url
    _sign_in(chromium, base, "zhao")
    chromium.get(f"{base}/console/catalog/services/{SID}")
    form = chromium.find_element(By.ID, "service-form")
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit]")
    # The form's last button keeps the draft; 下架 is not one of the form's buttons.
    assert buttons[-1].get_attribute("id") == "save"
    assert not form.find_elements(By.ID, "withdraw")

    chromium.find_element(By.ID, "withdraw").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "confirm-withdraw"))
    told = chromium.find_element(By.ID, "withdraw-consequences").text
    assert "不再提供" in told and "发布前可以撤销" in told
    assert platform.platform.staff.catalog_drafts.draft() is None  # nothing done yet

    chromium.find_element(By.ID, "cancel-withdraw").click()  # changed their mind
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "service-form"))
    assert platform.platform.staff.catalog_drafts.draft() is None

    chromium.find_element(By.ID, "withdraw").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "confirm-withdraw"))
    chromium.find_element(By.ID, "confirm-withdraw").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "withdrawn-note"))
    assert "已在草稿中下架" in chromium.find_element(By.ID, "withdrawn-note").text
    draft = platform.platform.staff.catalog_drafts.draft()
    assert draft is not None and SID not in [s["id"] for s in draft.doc["services"]]

    chromium.find_element(By.ID, f"restore-{SID}").click()
    WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "restored"))
    draft = platform.platform.staff.catalog_drafts.draft()
    assert draft is not None and SID in [s["id"] for s in draft.doc["services"]]
    assert f'data-service-id="{SID}"' in chromium.page_source


def test_calling_with_no_counter_says_why_in_words(
    clocked_platform: EmbeddedPlatform,
    kiosk: requests.Session,
    chromium: Any,
) -> None:
    base = clocked_platform.base_url
    _ticket(kiosk, base, "1-A001", 1)
    _sign_in(chromium, base, "wang")
    chromium.get(base + "/console/hall")

    def pressed(d: Any) -> bool:
        """True once the answer is shown; until then press 叫号 (again: the page reloads
        itself every few seconds, and a reload may swallow a press)."""
        try:
            if d.find_elements(By.ID, "call-error"):
                return True
            d.find_element(By.CSS_SELECTOR, "tr.queue button.call-next").click()
        except (StaleElementReferenceException, NoSuchElementException):
            pass
        return False

    WebDriverWait(chromium, 30, poll_frequency=1.0).until(pressed)
    assert "请填写窗口号" in chromium.find_element(By.ID, "call-error").text
    assert "1-A001" in chromium.find_element(By.CSS_SELECTOR, "tr.queue td.next").text
