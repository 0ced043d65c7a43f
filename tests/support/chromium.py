"""Debian's headless Chromium under selenium, for tests where the browser's own
behaviour matters (a form it refuses to send, a link instead of a button)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@contextmanager
def headless_chromium(profile: Path) -> Iterator[Any]:
    """A driver for a fresh headless Chromium (profile in ``profile``), quit at the end."""
    import pytest
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for tool in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=zh-CN",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


# The page a click left behind carries this mark; the page it led to does not.
_MARK = "window.__leaving = true;"
_ARRIVED = "return window.__leaving === undefined && document.readyState === 'complete';"


def click_to_new_page(driver: Any, element: Any, timeout: float = 30) -> None:
    """Click ``element`` (a form's button or a link) and wait until the page it leads
    to has loaded.

    Not selenium's ``staleness_of``: asked about an element of a page being replaced,
    Chromium 156 sometimes answers with an inspector error ("Node with given id does
    not belong to the document") rather than a stale-element one, which failed a CI
    run. A mark set on the old window object is gone on the new page, whatever the
    browser says during the swap."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script(_MARK)
    element.click()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script(_ARRIVED)
    )
