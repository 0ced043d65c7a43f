"""The catalog editor's form in Debian's headless Chromium at a common laptop width,
1366×768 (try-out 9, K2): the page is headed by the service's name (its code beside it,
as the kiosk never shows it), the 表单字段 table fits the window's width (no sideways
scrolling to reach 选项, measured against the page's own width, without the
scroll bar), and the page is not several metres of scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from central.embedded import EmbeddedPlatform
from tests.integration.console.test_console_chromium import _sign_in, chromium  # noqa: F401

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.integration

SID = "renshe.ss_card_replace"
WIDTH, HEIGHT = 1366, 768


def test_the_edit_form_fits_a_laptop_window_and_names_the_service(
    platform: EmbeddedPlatform,
    chromium: Any,  # noqa: F811
) -> None:
    base = platform.base_url
    chromium.set_window_size(WIDTH, HEIGHT)
    _sign_in(chromium, base, "zhao")
    chromium.get(f"{base}/console/catalog/services/{SID}")
    heading = chromium.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("编辑事项：社会保障卡补换"), heading
    # The page's own width: innerWidth counts the vertical scroll bar's 15 px too, so a
    # page that scrolled sideways by up to that much passed (try-out 17, K5).
    inner = chromium.execute_script("return document.documentElement.clientWidth")
    page_w = chromium.execute_script("return document.documentElement.scrollWidth")
    fields = chromium.find_element(By.ID, "fields")
    right = chromium.execute_script("return arguments[0].getBoundingClientRect().right", fields)
    assert page_w <= inner and right <= inner, (page_w, right, inner)
    options = chromium.find_elements(By.CSS_SELECTOR, "#fields textarea")
    assert options and all(
        chromium.execute_script("return arguments[0].getBoundingClientRect().right", o) <= inner
        for o in options
    )
    tall = chromium.execute_script("return document.documentElement.scrollHeight")
    # was ~5,100 px (6.6 screens); 2,842, then 3,217 once the service asked 领取方式 (one
    # more form field, and the pickup by its answer: try-out 17, E6)
    assert tall <= 4.5 * HEIGHT, tall

    chromium.get(f"{base}/console/catalog/services/{SID}?lang=en")
    heading = chromium.find_element(By.TAG_NAME, "h1").text
    assert heading.startswith("Edit service: Social security card replacement"), heading
